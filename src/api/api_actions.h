/*
 * api_actions - the payment lifecycle actions: authorize, capture,
 * resolve-review (approve / reject with a reason), request-review, and
 * assign of an unassigned topup.
 *
 * Every call is a POST: it carries the Idempotency-Key when idem_key is not
 * NULL, is never retried, and returns API_ERR_UNKNOWN_OUTCOME when its
 * answer was lost after the request left (the caller reconciles by reading
 * the payment). 422 (wrong state: someone else acted) is API_ERR_REJECTED
 * with the API's type "failedPrecondition".
 */
#ifndef DESK_API_API_ACTIONS_H
#define DESK_API_API_ACTIONS_H

#include <stdint.h>

#include "api/api_client.h"
#include "core/money.h"
#include "core/payment.h"

/* The payment as the API answered. Some servers answer only
 * {"id","status","capturedAt"}: then the other fields are empty, and
 * api_payment_get gives the full record. An empty answer leaves only
 * out->id set. out may be NULL. */
enum api_err api_payment_authorize(struct api_client *c, const char *id,
                                   const char *idem_key, struct payment *out,
                                   struct api_error *err);
enum api_err api_payment_capture(struct api_client *c, const char *id,
                                 const char *idem_key, struct payment *out,
                                 struct api_error *err);

enum api_review_decision {
  API_REVIEW_APPROVE = 0,
  API_REVIEW_REJECT,
};

/* POST /payments/{id}/resolve-review {"decision":"APPROVED"} or
 * {"decision":"REJECTED","reason":...}; reason is required to reject. */
enum api_err api_payment_resolve_review(struct api_client *c, const char *id,
                                        enum api_review_decision decision,
                                        const char *reason,
                                        const char *idem_key,
                                        struct payment *out,
                                        struct api_error *err);

/* POST /payments/{id}/request-review {"reason"?}. */
enum api_err api_payment_request_review(struct api_client *c, const char *id,
                                        const char *reason,
                                        const char *idem_key,
                                        struct payment *out,
                                        struct api_error *err);

struct api_assign_result {
  char *payment_id;
  char *account_number; /* or the accountId the server echoed */
  enum payment_status status;
  char *status_raw;
  char *reconciliation_status; /* PAID, UNDERPAID, OVERPAID, MINIMUM_PAID */
  int64_t settled_at;
  char *child_payment_id; /* companion child, or NULL */
  char *related_payment_id;
};
void api_assign_result_cleanup(struct api_assign_result *r);

/* POST /payments/{id}/assign {"accountNumber", "expectedAmount"?}.
 * expected NULL = none (the deposit is PAID as received). out may be
 * NULL. */
enum api_err api_payment_assign(struct api_client *c, const char *id,
                                const char *account_number,
                                const struct money *expected,
                                const char *idem_key,
                                struct api_assign_result *out,
                                struct api_error *err);

#endif
