/*
 * sandbox_dialect - which reading of the conomy_hq docs the sandbox serves.
 *
 * `contract` (the default) serves exactly what api/decisions.md settles.
 * `published` serves what the published conomy_hq docs allow and the
 * contract does not promise, so a client can be proven against both: some
 * amounts with trailing zeros, some payments without customerId, a page
 * size capped at 100, sort fields other than createdAt ignored, the nested
 * accounts envelope, identities paged by a `next` cursor, GET /customers
 * requiring clientId, no review resolution endpoint, Model A webhooks and
 * LOCAL_DEPOSIT unassigned deposits. docs/SANDBOX.md has the full table.
 */
#ifndef SANDBOX_DIALECT_H
#define SANDBOX_DIALECT_H

#include <stdbool.h>
#include <stddef.h>

#include "core/strbuf.h"
#include "sandbox/sandbox_http.h"

struct sandbox;

enum sandbox_dialect {
  SANDBOX_DIALECT_CONTRACT = 0,
  SANDBOX_DIALECT_PUBLISHED,
};

/* "contract" / "published" -> *out. Returns 0, or -1 for another name. */
int sandbox_dialect_parse(const char *name, enum sandbox_dialect *out);
const char *sandbox_dialect_name(enum sandbox_dialect d);
bool sandbox_dialect_published(const struct sandbox *sb);

/*
 * Page size from query parameter `key` (default 50). Contract: 1..500,
 * anything else 400. Published: a larger value silently becomes 100.
 * Sets the error response and returns false on a bad value.
 */
bool sandbox_dialect_limit(const struct sandbox *sb,
                           const struct sandbox_req *rq,
                           struct sandbox_resp *rs, const char *key,
                           long long *out);

/*
 * Page start: `offset` (default 0); the published dialect also takes the
 * `next` cursor of the previous page when `offset` is absent.
 */
bool sandbox_dialect_offset(const struct sandbox *sb,
                            const struct sandbox_req *rq,
                            struct sandbox_resp *rs, long long *out);

/*
 * Append the stored payment document `doc` (len bytes) as served. The
 * contract dialect copies it; the published one rewrites some records,
 * chosen by their id: amounts with trailing zeros beyond the currency's
 * exponent (same value), or no customerId key (the customer stays
 * reachable through GET /payments/{id}/customer).
 */
void sandbox_dialect_put_payment(const struct sandbox *sb, struct strbuf *out,
                                 const char *doc, size_t len);

#endif
