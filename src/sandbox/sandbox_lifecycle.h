/*
 * sandbox_lifecycle - payment state changes: the lifecycle endpoints and
 * the clock-driven transitions, all enforcing the contract's state machine.
 *
 * Every change runs as one write transaction (BEGIN IMMEDIATE under the
 * process write lock): load, check the transition, update the document,
 * append the ledger row and queue the webhooks, commit. Any illegal move is
 * 422 failedPrecondition and changes nothing.
 */
#ifndef SANDBOX_LIFECYCLE_H
#define SANDBOX_LIFECYCLE_H

#include <cjson/cJSON.h>
#include <stdint.h>

#include "sandbox/sandbox_db.h"
#include "sandbox/sandbox_http.h"

struct sandbox;

/* POST /payments/{id}/authorized, /captured, /request-review,
 * /resolve-review (alias /resolveReview); POST /payments/received and
 * POST /payments/{id}/received. */
void sandbox_lifecycle_authorize(struct sandbox *sb, struct sandbox_req *rq,
                                 struct sandbox_resp *rs);
void sandbox_lifecycle_capture(struct sandbox *sb, struct sandbox_req *rq,
                               struct sandbox_resp *rs);
void sandbox_lifecycle_received(struct sandbox *sb, struct sandbox_req *rq,
                                struct sandbox_resp *rs);
void sandbox_lifecycle_request_review(struct sandbox *sb,
                                      struct sandbox_req *rq,
                                      struct sandbox_resp *rs);
void sandbox_lifecycle_resolve_review(struct sandbox *sb,
                                      struct sandbox_req *rq,
                                      struct sandbox_resp *rs);

/* Settle due RECEIVED payments/refunds, expire due unassigned topups. */
void sandbox_lifecycle_tick(struct sandbox *sb);

/*
 * Move `doc` to status `to` at `now` inside the caller's transaction: sets
 * status, updatedAt and the status timestamp, stores the document, appends
 * a ledger row (`action`) and queues the status webhooks. Returns 0, or -1
 * if the state machine forbids the move or storing fails.
 */
int sandbox_lifecycle_apply(struct sandbox *sb, struct sandbox_conn *c,
                            const struct sandbox_req *rq, int tenant,
                            cJSON *doc, const char *to, int64_t now,
                            const char *action);
/* Set the hidden fate of a payment ("FAIL", "UNSETTLE" or NULL): what its
 * reconciliation will do, decided when a provider fault hits. */
int sandbox_lifecycle_set_fate(struct sandbox_conn *c, const char *id,
                               const char *fate);

#endif
