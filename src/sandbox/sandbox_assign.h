/*
 * sandbox_assign - unassigned topups (seed 002 is the contract).
 *
 * An unassigned topup is a TOPUP_ACCOUNT payment in CREATED without an
 * accountNumber; it expires 48 h (sandbox time) after creation. assign
 * settles it into an account of the same tenant and currency and
 * classifies it against expectedAmount: PAID, UNDERPAID or OVERPAID; a
 * mismatch creates a companion child payment (TOPUP_ACCOUNT, CREATED, for
 * the difference) linked both ways by relatedPaymentId.
 */
#ifndef SANDBOX_ASSIGN_H
#define SANDBOX_ASSIGN_H

#include "sandbox/sandbox_http.h"

struct sandbox;

void sandbox_assign_post(struct sandbox *sb, struct sandbox_req *rq,
                         struct sandbox_resp *rs);
/* GET /payments/unassigned */
void sandbox_assign_payments(struct sandbox *sb, struct sandbox_req *rq,
                             struct sandbox_resp *rs);
/* GET /accounts/unassigned */
void sandbox_assign_accounts(struct sandbox *sb, struct sandbox_req *rq,
                             struct sandbox_resp *rs);

#endif
