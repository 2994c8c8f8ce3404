/*
 * sandbox_auth - POST /auth and the checks on every other API call.
 *
 * Access tokens are HS256 JWTs signed with the sandbox's token key
 * (claims: sub = clientId, tid = tenant index, iat, exp). They are
 * stateless, so they survive restarts on the same --db, and expire after
 * --token-ttl seconds of real time. A protected call needs x-api-key, a
 * valid bearer token of the same tenant, and a User-Agent; anything else is
 * 401 unauthorized.
 */
#ifndef SANDBOX_AUTH_H
#define SANDBOX_AUTH_H

#include <stdbool.h>

#include "sandbox/sandbox_http.h"

struct sandbox;

/* POST /auth {"clientId","clientSecret"} with x-api-key. */
void sandbox_auth_post(struct sandbox *sb, struct sandbox_req *rq,
                       struct sandbox_resp *rs);
/*
 * Check the API headers of a protected call. On success sets rq->tenant and
 * rq->client_id and returns true; otherwise sets a 401 response.
 */
bool sandbox_auth_check(struct sandbox *sb, struct sandbox_req *rq,
                        struct sandbox_resp *rs);
/* Base64url without padding; out holds 4 * ((n + 2) / 3) + 1 bytes. */
void sandbox_auth_b64url(const unsigned char *in, size_t n, char *out);

#endif
