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

#include <stdbool.h>
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

/* After a POST to an action endpoint of payment id failed with rc: a 501
 * or 405, or (when payment_only: the payment is the only thing the call
 * names) a 404 while the payment itself exists (one GET to tell), becomes
 * API_ERR_UNSUPPORTED "this server does not offer <action>"; anything
 * else is returned as it is. */
enum api_err api_action_not_found(struct api_client *c, const char *id,
                                  const char *action, bool payment_only,
                                  enum api_err rc, struct api_error *err);

enum api_review_decision {
  API_REVIEW_APPROVE = 0,
  API_REVIEW_REJECT,
};

/* The documented spellings of review resolution, in the order tried. */
enum api_review_path {
  API_REVIEW_PATH_DASH = 0, /* /payments/{id}/resolve-review */
  API_REVIEW_PATH_CAMEL,    /* /payments/{id}/resolveReview */
  API_REVIEW_PATH_COUNT_
};
const char *api_review_path_name(enum api_review_path p);

/* POST /payments/{id}/<path> {"decision":"APPROVED"} or
 * {"decision":"REJECTED","reason":...}; reason is required to reject.
 * API_ERR_UNSUPPORTED when this spelling is not offered (501, or 404 on an
 * existing payment). */
enum api_err api_payment_resolve_review(struct api_client *c, const char *id,
                                        enum api_review_path path,
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
