/*
 * api_payments - payment reads beyond list/get (in api_client.h): the
 * customer bound to a payment and the unassigned topups.
 */
#ifndef DESK_API_API_PAYMENTS_H
#define DESK_API_API_PAYMENTS_H

#include <stdbool.h>
#include <stdint.h>

#include "api/api_client.h"
#include "core/customer.h"
#include "core/money.h"
#include "core/payment.h"

struct api_payment_customer {
  bool attached; /* false for legacy payments */
  bool present;  /* customer filled */
  struct customer customer;
};
void api_payment_customer_cleanup(struct api_payment_customer *pc);

/* GET /payments/{id}/customer -> {"paymentId","attached","customer"|null}.
 * (A bare customer object is accepted too.) attached:false may carry the
 * rail's snapshot: present only when it reads as a customer (has an id).
 * attached:true without a readable customer is API_ERR_PARSE. A server
 * that does not offer the endpoint (501, 405, or 404 while the payment
 * exists: one GET to tell) is API_ERR_UNSUPPORTED; 404 for a payment that
 * is not there stays API_ERR_NOT_FOUND. */
enum api_err api_payment_customer_get(struct api_client *c, const char *id,
                                      struct api_payment_customer *out,
                                      struct api_error *err);

struct api_unassigned_query {
  const char *client_id;      /* sent as clientId when not NULL */
  const char *expires_within; /* "6h", "24h", "48h" */
  const char *amount_min;     /* decimal strings */
  const char *amount_max;
  const char *search;
  int64_t limit; /* 0 = 50 */
  int64_t offset;
};

struct api_unassigned_totals {
  int64_t total; /* -1 when not sent */
  bool has_amount;
  struct money amount; /* totalAmount + currency */
};

/* GET /payments/unassigned: {"total","totalAmount","currency","payments"}
 * with items {paymentId, amount, currency, receivedAt, expiresAt,
 * originante{...}, customerId} or full payments. Items without a status
 * read as CREATED, without a type as TOPUP_ACCOUNT (that is what the
 * endpoint lists). Appends; items that cannot be mapped are skipped
 * (api_reject); totals may be NULL. */
enum api_err api_payments_unassigned(struct api_client *c,
                                     const struct api_unassigned_query *q,
                                     struct payment_list *out,
                                     struct api_page *page,
                                     struct api_unassigned_totals *totals,
                                     struct api_error *err);

#endif
