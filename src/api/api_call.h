/*
 * api_call - one API request with the client's policy (internal to
 * src/api): URL from the base, the API headers, the bearer token (renewed
 * before expiry and once on a 401), retries with exponential backoff and
 * full jitter for GETs (network errors, timeouts, 408, 429 with
 * Retry-After, 5xx), never a retry of a POST, and the JSON body parsed.
 */
#ifndef DESK_API_API_CALL_H
#define DESK_API_API_CALL_H

#include <stdbool.h>

#include "api/api_client_int.h"

struct cJSON;

struct api_call {
  enum http_method method;
  const char *path;     /* after the base URL, starting with '/' */
  const char *query;    /* encoded, without '?'; NULL = none */
  const char *body;     /* JSON text for POST/PATCH; NULL = none */
  const char *idem_key; /* Idempotency-Key header; NULL = none */
  bool no_auth;         /* POST /auth itself: no bearer token */
};

/* Performs the call. On API_OK, *out (when out is not NULL) holds the
 * parsed body (caller frees with cJSON_Delete; NULL for an empty body). A
 * 2xx body that is not JSON is API_ERR_PARSE. */
enum api_err api_call_json(struct api_client *c, const struct api_call *call,
                           struct cJSON **out, struct api_error *err);

/* GET path?query -> *out (non-NULL on API_OK; an empty body is
 * API_ERR_PARSE). */
enum api_err api_call_get(struct api_client *c, const char *path,
                          const char *query, struct cJSON **out,
                          struct api_error *err);

/* POST path with `body` (a cJSON tree, consumed; NULL = "{}"), the
 * Idempotency-Key when idem_key is not NULL, never retried. *out (when out
 * is not NULL) holds the parsed response or NULL for an empty one. */
enum api_err api_call_post(struct api_client *c, const char *path,
                           struct cJSON *body, const char *idem_key,
                           struct cJSON **out, struct api_error *err);

/* Makes sure a token is held and fresh (POST /auth when needed). */
enum api_err api_call_ensure_token(struct api_client *c, struct api_error *err);

/* POST /auth now, replacing any cached token. */
enum api_err api_call_authenticate(struct api_client *c, struct api_error *err);
/* Forgets (and wipes) the cached token. */
void api_call_drop_token(struct api_client *c);

/* Appends "&name=value" (percent-encoded; no '&' when sb is empty) when
 * value is not NULL. */
void api_call_query(struct strbuf *sb, const char *name, const char *value);
/* Same for an integer. */
void api_call_query_int(struct strbuf *sb, const char *name, long long v);
/* Appends "/" and the percent-encoded segment. */
void api_call_path_segment(struct strbuf *sb, const char *seg);

/* false when v holds a control character (CR, LF, NUL..US, DEL): such a
 * value must never go into a request header. NULL is safe. */
bool api_call_header_safe(const char *v);

/* Monotonic clock in ms. */
int64_t api_call_now_ms(void);

#endif
