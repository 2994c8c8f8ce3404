/*
 * api_refunds - refunds: create one (POST /payments/{id}/refund, never
 * retried), the refunds and summary of one payment, the tenant-wide list.
 * Refund children are struct payment (type REFUND).
 */
#ifndef DESK_API_API_REFUNDS_H
#define DESK_API_API_REFUNDS_H

#include <stdbool.h>
#include <stdint.h>

#include "api/api_client.h"
#include "core/money.h"
#include "core/payment.h"
#include "core/refund.h"

struct api_refund_result {
  char *refund_id;
  char *parent_payment_id;
  enum payment_status status;
  char *status_raw;
  struct money amount; /* totalAmount + currency */
  int64_t created_at;
};
void api_refund_result_cleanup(struct api_refund_result *r);

/* POST /payments/{parent_id}/refund {"amount"?, "reason"?}. amount NULL =
 * the whole refundable balance. idem_key NULL = no Idempotency-Key. Never
 * retried; a lost answer is API_ERR_UNKNOWN_OUTCOME. 422 (not SETTLED,
 * over maxRefundable) is API_ERR_REJECTED. out may be NULL. */
enum api_err api_refund_create(struct api_client *c, const char *parent_id,
                               const struct money *amount, const char *reason,
                               const char *idem_key,
                               struct api_refund_result *out,
                               struct api_error *err);

struct api_payment_refunds {
  char *parent_id;
  struct payment_list refunds;
  bool has_summary; /* false when the server sent no summary */
  struct refund_summary summary;
};
void api_payment_refunds_cleanup(struct api_payment_refunds *r);

/* GET /payments/{parent_id}/refund (falls back to .../refunds on 404). */
enum api_err api_payment_refunds_get(struct api_client *c,
                                     const char *parent_id,
                                     struct api_payment_refunds *out,
                                     struct api_error *err);

struct api_refund_query {
  const char *parent_payment_id;
  const char *status;
  const char *identity_id;
  const char *account_number;
  const char *start_date; /* dd/mm/yyyy */
  const char *end_date;
  const char *sort;
  int64_t limit; /* 0 = 50 */
  int64_t offset;
};

/* GET /refunds (the alias /refund on 404): every envelope variant; items
 * without a type read as REFUND. Appends to *out, all or nothing. */
enum api_err api_refunds_list(struct api_client *c,
                              const struct api_refund_query *q,
                              struct payment_list *out, struct api_page *page,
                              struct api_error *err);

#endif
