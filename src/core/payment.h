/*
 * payment - the payment value type shared by every layer.
 *
 * A struct payment is a plain value: the fields the desk filters, sorts and
 * shows, plus `raw_json`, the object exactly as the API sent it (for the
 * detail and raw views). Strings are heap-owned by the struct and may be
 * NULL when the API sent null or omitted them; payment_cleanup() frees them.
 * Strings hold the API's bytes unsanitised: sanitize before display.
 * Times are ms since the epoch, 0 when null.
 */
#ifndef DESK_CORE_PAYMENT_H
#define DESK_CORE_PAYMENT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/money.h"
#include "core/payment_status.h"

#define PAYMENT_ID_LEN 24 /* the contract's ids: 24 lowercase hex */
/* Longest id the desk accepts from any server (the published docs do not
 * fix a format); longer ones are quarantined. */
#define PAYMENT_ID_MAX 128

struct payment {
  char *id;
  char *external_id;
  char *identity_id;
  char *account_number;
  struct money total;        /* totalAmount + currency */
  struct money purchase;     /* purchaseAmount + purchaseCurrency; minor 0
                                and currency "" when absent */
  char *product;
  char *description;
  enum payment_status status;
  char *status_raw;          /* as sent, e.g. "PENDING" or a new value */
  enum payment_type type;
  char *type_raw;
  char *customer_id;
  char *customer_name;       /* from the rail's customer snapshot, if any */
  char *customer_email;
  char *customer_document;   /* documentNumber of the snapshot */
  bool customer_id_absent;   /* the record had no customerId member (the
                                published schema has none): its customer is
                                found with GET /payments/{id}/customer */
  int64_t customer_link_at;  /* when that link was looked up (cache only),
                                0 = never */
  char *parent_payment_id;
  char *related_payment_id;
  char *documentation_status; /* PENDING_UPLOAD, UPLOADED, ... or NULL */
  char *review_reason;
  int64_t created_at;
  int64_t updated_at;
  int64_t authorized_at;
  int64_t captured_at;
  int64_t settled_at;
  int64_t refunded_at;
  int64_t expires_at;
  char *raw_json;
};

/* Frees the strings, not the struct, and zeroes it. NULL is fine. */
void payment_cleanup(struct payment *p);
/* Deep copy; dst must not hold data (it is overwritten). */
void payment_copy(struct payment *dst, const struct payment *src);

/* A growable array of payments (owned). */
struct payment_list {
  struct payment *items;
  size_t count;
  size_t cap;
};

/* Returns a zeroed slot at the end of the list to fill in. */
struct payment *payment_list_push(struct payment_list *l);
void payment_list_cleanup(struct payment_list *l);

#endif
