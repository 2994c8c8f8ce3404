/*
 * api_payments - customer of a payment, unassigned topups. See
 * api_payments.h.
 */
#include "api/api_payments.h"

#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "api/api_actions.h"
#include "api/api_call.h"
#include "api/json_customer.h"
#include "api/json_payment.h"
#include "api/json_util.h"
#include "core/xalloc.h"

void api_payment_customer_cleanup(struct api_payment_customer *pc) {
  if (pc == NULL)
    return;
  customer_cleanup(&pc->customer);
  memset(pc, 0, sizeof(*pc));
}

/* The answer's customer into out: an attached one must read as a
 * customer; the snapshot beside attached:false is a courtesy, and one
 * without an id is left out. */
static enum api_err read_link(const cJSON *root,
                              struct api_payment_customer *out,
                              struct api_error *err) {
  const cJSON *cust = cJSON_GetObjectItemCaseSensitive(root, "customer");
  if (cJSON_HasObjectItem(root, "attached") || cust) {
    out->attached = json_util_bool(root, "attached", cJSON_IsObject(cust));
  } else if (cJSON_GetObjectItemCaseSensitive(root, "id")) {
    cust = root; /* a bare customer */
    out->attached = true;
  }
  if (out->attached && !cJSON_IsObject(cust)) {
    api_error_set(err, API_ERR_PARSE, "attached, but no customer object");
    return API_ERR_PARSE;
  }
  if (!cJSON_IsObject(cust))
    return API_OK;
  struct api_error ce;
  api_error_clear(&ce);
  if (json_customer_from_object(cust, &out->customer, &ce) != API_OK) {
    if (!out->attached)
      return API_OK;
    if (err)
      *err = ce;
    return API_ERR_PARSE;
  }
  out->present = true;
  return API_OK;
}

enum api_err api_payment_customer_get(struct api_client *c, const char *id,
                                      struct api_payment_customer *out,
                                      struct api_error *err) {
  struct strbuf path;
  cJSON *root = NULL;
  enum api_err rc;

  memset(out, 0, sizeof(*out));
  if (err)
    api_error_clear(err);
  if (id == NULL || id[0] == '\0') {
    api_error_set(err, API_ERR_CONFIG, "empty payment id");
    return API_ERR_CONFIG;
  }
  strbuf_init(&path, 0);
  strbuf_puts(&path, "/payments");
  api_call_path_segment(&path, id);
  strbuf_puts(&path, "/customer");
  rc = api_call_get(c, strbuf_str(&path), NULL, &root, err);
  if (rc != API_OK)
    rc = api_action_not_found(c, id, "customer links", true, rc, err);
  else
    rc = read_link(root, out, err);
  if (rc != API_OK) {
    api_payment_customer_cleanup(out);
    if (err)
      err->code = rc;
  }
  cJSON_Delete(root);
  strbuf_cleanup(&path);
  return rc;
}

enum api_err api_payments_unassigned(struct api_client *c,
                                     const struct api_unassigned_query *q,
                                     struct payment_list *out,
                                     struct api_page *page,
                                     struct api_unassigned_totals *totals,
                                     struct api_error *err) {
  struct api_unassigned_query none;
  struct strbuf qs;
  cJSON *root = NULL;
  int64_t limit, offset, v;
  size_t before = out->count;
  struct api_unassigned_totals t;
  bool present;
  enum api_err rc;

  if (err)
    api_error_clear(err);
  if (q == NULL) {
    memset(&none, 0, sizeof(none));
    q = &none;
  }
  memset(&t, 0, sizeof(t));
  t.total = -1;
  limit = q->limit > 0 ? q->limit : 50;
  offset = q->offset > 0 ? q->offset : 0;
  strbuf_init(&qs, 0);
  api_call_query(&qs, "clientId", q->client_id);
  api_call_query_int(&qs, "limit", (long long)limit);
  api_call_query_int(&qs, "offset", (long long)offset);
  api_call_query(&qs, "expiresWithin", q->expires_within);
  api_call_query(&qs, "amountMin", q->amount_min);
  api_call_query(&qs, "amountMax", q->amount_max);
  api_call_query(&qs, "search", q->search);
  rc = api_call_get(c, "/payments/unassigned", strbuf_str(&qs), &root, err);
  if (rc != API_OK)
    goto out;
  if (json_util_int64(cJSON_GetObjectItemCaseSensitive(root, "total"), &v))
    t.total = v;
  rc = json_util_money(root, "totalAmount", json_util_str(root, "currency"),
                       "unassigned", "totals", &t.amount, &present, err);
  if (rc != API_OK)
    goto out;
  t.has_amount = present;
  rc = json_payment_list(root, limit, offset, out, page, &c->rejects, err);
  if (rc != API_OK)
    goto out;
  for (size_t i = before; i < out->count; i++) {
    struct payment *p = &out->items[i];
    if (p->status_raw == NULL) {
      p->status = PAYMENT_STATUS_CREATED;
      p->status_raw = xstrdup("CREATED");
    }
    if (p->type_raw == NULL) {
      p->type = PAYMENT_TYPE_TOPUP_ACCOUNT;
      p->type_raw = xstrdup("TOPUP_ACCOUNT");
    }
  }
  if (totals)
    *totals = t;
out:
  if (rc != API_OK && err)
    err->code = rc;
  cJSON_Delete(root);
  strbuf_cleanup(&qs);
  return rc;
}
