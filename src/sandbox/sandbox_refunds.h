/*
 * sandbox_refunds - refunds as child payments (seed 002 is the contract).
 *
 * POST /payments/{id}/refund creates a REFUND child in RECEIVED, sized by
 * the parent's maxRefundable = parentAmount - (settled + in-progress
 * refunds); the check and the insert happen in one serialised write
 * transaction, so racing refunds can never exceed the parent.
 * GET /payments/{id}/refund lists the children with the summary buckets.
 */
#ifndef SANDBOX_REFUNDS_H
#define SANDBOX_REFUNDS_H

#include <cjson/cJSON.h>

#include "sandbox/sandbox_db.h"
#include "sandbox/sandbox_http.h"

struct sandbox;

void sandbox_refunds_create(struct sandbox *sb, struct sandbox_req *rq,
                            struct sandbox_resp *rs);
void sandbox_refunds_list(struct sandbox *sb, struct sandbox_req *rq,
                          struct sandbox_resp *rs);

/*
 * Create a refund of `amount` (NULL = the whole refundable rest) of parent
 * `parent_id` with `reason`, answering into rs (201 or an error). Runs its
 * own write transaction. Used by POST /payments type REFUND as well.
 */
void sandbox_refunds_do(struct sandbox *sb, const struct sandbox_req *rq,
                        struct sandbox_resp *rs, const char *parent_id,
                        const cJSON *amount, const char *reason);

#endif
