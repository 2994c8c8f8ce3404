/*
 * sandbox_idem - the Idempotency-Key layer (a sandbox extension).
 *
 * Stripe's semantics, per tenant and key: the first completed response of a
 * POST is stored and replayed (with `Idempotent-Replayed: true`) for 24 h
 * of sandbox time; the same key with a different method, path or body is
 * 422 failedPrecondition; the same key while the first request is still
 * running is 409 alreadyExist. 5xx and 429 answers are not stored, so the
 * request may be retried. Disabled by --no-idempotency.
 */
#ifndef SANDBOX_IDEM_H
#define SANDBOX_IDEM_H

#include "sandbox/sandbox_http.h"

struct sandbox;

enum sandbox_idem_state {
  SANDBOX_IDEM_PROCEED,  /* run the handler, then sandbox_idem_finish */
  SANDBOX_IDEM_ANSWERED, /* rs holds a replay or an error; send it */
};

enum sandbox_idem_state sandbox_idem_begin(struct sandbox *sb,
                                           const struct sandbox_req *rq,
                                           struct sandbox_resp *rs);
/* Store the handler's response for the key (or forget the key on 5xx/429). */
void sandbox_idem_finish(struct sandbox *sb, const struct sandbox_req *rq,
                         const struct sandbox_resp *rs);
/* At startup: keys left in flight by a crash are forgotten when their
 * request changed nothing (no ledger row), and answer 409 for good when it
 * did (the answer was lost; a retry must not execute twice). */
void sandbox_idem_recover(struct sandbox *sb);

#endif
