/*
 * api_customers - customers (model (a) of the contract): list, get, add a
 * document, and the operator's approve / reject of a customer document.
 */
#ifndef DESK_API_API_CUSTOMERS_H
#define DESK_API_API_CUSTOMERS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "api/api_client.h"
#include "core/customer.h"

struct api_customer_query {
  const char *document_number; /* exact */
  const char *email;           /* exact */
  const char *operation_level;
  const char *client_id; /* sent as clientId when not NULL */
  int64_t limit;         /* 0 = 50 */
  int64_t offset;
};

/* GET /customers: {"results","pagination"} or {"count","customers"} ...
 * Appends to *out; items that cannot be mapped are skipped (api_reject). */
enum api_err api_customers_list(struct api_client *c,
                                const struct api_customer_query *q,
                                struct customer_list *out,
                                struct api_page *page, struct api_error *err);

/* GET /customers/{id}. *out filled on success (caller cleans up). */
enum api_err api_customer_get(struct api_client *c, const char *id,
                              struct customer *out, struct api_error *err);

struct api_customer_document_result {
  char *customer_id;
  bool is_documented;
  struct customer_document document;
};
void api_customer_document_result_cleanup(
    struct api_customer_document_result *r);

/* POST /customers/{id}/documents {"type","url"?,"contentType"?}. Never
 * retried. out may be NULL. */
enum api_err api_customer_document_add(struct api_client *c, const char *id,
                                       const char *type, const char *url,
                                       const char *content_type,
                                       const char *idem_key,
                                       struct api_customer_document_result *out,
                                       struct api_error *err);

/* POST /customers/{id}/documents/{index}/approve ({}) or .../reject
 * {"reason"} (index 0-based). When the answer holds the customer, *out is
 * filled (may be NULL); otherwise out->id only. Never retried. */
enum api_err api_customer_document_approve(struct api_client *c, const char *id,
                                           size_t index, const char *idem_key,
                                           struct customer *out,
                                           struct api_error *err);
enum api_err api_customer_document_reject(struct api_client *c, const char *id,
                                          size_t index, const char *reason,
                                          const char *idem_key,
                                          struct customer *out,
                                          struct api_error *err);

#endif
