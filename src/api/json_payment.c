/*
 * json_payment - payment object mapping. See json_payment.h.
 */
#include "api/json_payment.h"

#include <ctype.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "api/json_list.h"
#include "api/json_util.h"
#include "core/xalloc.h"

/* Upper-cases a copy, for "pending" / "settled" from lenient servers. */
static char *upper_dup(const char *s) {
  char *u = xstrdup(s);
  for (char *p = u; p && *p; p++)
    *p = (char)toupper((unsigned char)*p);
  return u;
}

static enum payment_status status_of(const char *raw) {
  enum payment_status st = payment_status_from_string(raw);
  if (st == PAYMENT_STATUS_UNKNOWN && raw) {
    char *u = upper_dup(raw);
    st = payment_status_from_string(u);
    free(u);
  }
  return st;
}

static enum payment_type type_of(const char *raw) {
  enum payment_type t = payment_type_from_string(raw);
  if (t == PAYMENT_TYPE_UNKNOWN && raw) {
    char *u = upper_dup(raw);
    t = payment_type_from_string(u);
    free(u);
  }
  return t;
}

/* The `customer` block of a node: the first object-valued member that has
 * one (the rail sub-object), else the node's own `customer`. */
static const cJSON *node_customer(const cJSON *node) {
  const cJSON *m, *c;
  if (!cJSON_IsObject(node))
    return NULL;
  cJSON_ArrayForEach(m, node) {
    if (!cJSON_IsObject(m) || m->string == NULL ||
        strcmp(m->string, "customer") == 0)
      continue;
    c = cJSON_GetObjectItemCaseSensitive(m, "customer");
    if (cJSON_IsObject(c))
      return c;
  }
  c = cJSON_GetObjectItemCaseSensitive(node, "customer");
  return cJSON_IsObject(c) ? c : NULL;
}

static const cJSON *find_customer(const cJSON *obj) {
  static const char *const lists[] = {"origins", "destinations"};
  for (size_t i = 0; i < sizeof(lists) / sizeof(lists[0]); i++) {
    const cJSON *arr = cJSON_GetObjectItemCaseSensitive(obj, lists[i]);
    const cJSON *node;
    if (!cJSON_IsArray(arr))
      continue;
    cJSON_ArrayForEach(node, arr) {
      const cJSON *c = node_customer(node);
      if (c)
        return c;
    }
  }
  {
    const cJSON *c = cJSON_GetObjectItemCaseSensitive(obj, "customer");
    return cJSON_IsObject(c) ? c : NULL;
  }
}

static char *full_name(const cJSON *cust) {
  const char *first = json_util_str(cust, "firstName");
  const char *last = json_util_str(cust, "lastName");
  if (first && first[0] && last && last[0])
    return xasprintf("%s %s", first, last);
  if (first && first[0])
    return xstrdup(first);
  if (last && last[0])
    return xstrdup(last);
  return xstrdup(json_util_str(cust, "name"));
}

/* purchaseCurrency, else the first half of product "CLP:USD", else the
 * payment currency. Writes into buf. */
static const char *purchase_currency(const cJSON *obj, const char *cur,
                                     char *buf, size_t len) {
  const char *pc = json_util_str(obj, "purchaseCurrency");
  const char *prod;
  const char *colon;
  if (pc && pc[0])
    return pc;
  prod = json_util_str(obj, "product");
  colon = prod ? strchr(prod, ':') : NULL;
  if (colon && (size_t)(colon - prod) < len && colon > prod) {
    memcpy(buf, prod, (size_t)(colon - prod));
    buf[colon - prod] = '\0';
    return buf;
  }
  return cur;
}

enum api_err json_payment_from_object(const cJSON *obj, struct payment *out,
                                      struct api_error *err) {
  struct payment p;
  const char *cur, *pcur;
  char pbuf[8];
  bool present;
  enum api_err rc;
  const cJSON *cust;

  memset(out, 0, sizeof(*out));
  memset(&p, 0, sizeof(p));
  if (!cJSON_IsObject(obj)) {
    api_error_set(err, API_ERR_PARSE, "payment is not a JSON object");
    return API_ERR_PARSE;
  }
  p.id = json_util_strdup(obj, "id");
  if (p.id == NULL) /* unassigned-balance items */
    p.id = json_util_strdup(obj, "paymentId");
  if (p.id == NULL || p.id[0] == '\0') {
    api_error_set(err, API_ERR_PARSE, "payment without a string \"id\"");
    rc = API_ERR_PARSE;
    goto out;
  }
  cur = json_util_str(obj, "currency");
  rc = json_util_money(obj, "totalAmount", cur, "payment", p.id, &p.total,
                       &present, err);
  if (rc == API_OK && !present) /* unassigned-balance items */
    rc = json_util_money(obj, "amount", cur, "payment", p.id, &p.total,
                         &present, err);
  if (rc != API_OK)
    goto out;
  pcur = purchase_currency(obj, cur, pbuf, sizeof(pbuf));
  rc = json_util_money(obj, "purchaseAmount", pcur, "payment", p.id,
                       &p.purchase, &present, err);
  if (rc != API_OK)
    goto out;
  if (!present)
    memset(p.purchase.currency, 0, sizeof(p.purchase.currency));

  p.external_id = json_util_strdup(obj, "externalId");
  p.identity_id = json_util_strdup(obj, "identityId");
  p.account_number = json_util_strdup(obj, "accountNumber");
  p.product = json_util_strdup(obj, "product");
  p.description = json_util_strdup(obj, "description");
  p.status_raw = json_util_strdup(obj, "status");
  p.status = status_of(p.status_raw);
  p.type_raw = json_util_strdup(obj, "type");
  p.type = type_of(p.type_raw);
  p.customer_id = json_util_strdup(obj, "customerId");
  p.parent_payment_id = json_util_strdup(obj, "parentPaymentId");
  p.related_payment_id = json_util_strdup(obj, "relatedPaymentId");
  p.documentation_status = json_util_strdup(obj, "documentationStatus");
  p.review_reason = json_util_strdup(obj, "reviewReason");
  p.created_at = json_util_time(obj, "createdAt");
  if (p.created_at == 0)
    p.created_at = json_util_time(obj, "receivedAt");
  p.updated_at = json_util_time(obj, "updatedAt");
  p.authorized_at = json_util_time(obj, "authorizedAt");
  p.captured_at = json_util_time(obj, "capturedAt");
  p.settled_at = json_util_time(obj, "settledAt");
  p.refunded_at = json_util_time(obj, "refundedAt");
  p.expires_at = json_util_time(obj, "expiresAt");
  if (p.expires_at == 0)
    p.expires_at = json_util_time(obj, "expiredAt");

  cust = find_customer(obj);
  if (cust == NULL) {
    /* unassigned-balance items name the payer "originante" */
    const cJSON *o = cJSON_GetObjectItemCaseSensitive(obj, "originante");
    cust = cJSON_IsObject(o) ? o : NULL;
  }
  if (cust) {
    p.customer_name = full_name(cust);
    p.customer_email = json_util_strdup(cust, "email");
    p.customer_document = json_util_strdup(cust, "documentNumber");
    if (p.customer_id == NULL)
      p.customer_id = json_util_strdup(cust, "customerId");
  }
  p.raw_json = json_util_print(obj);
  *out = p;
  memset(&p, 0, sizeof(p));
  rc = API_OK;
out:
  payment_cleanup(&p);
  return rc;
}

enum api_err json_payment_parse(const char *text, size_t len,
                                struct payment *out, struct api_error *err) {
  cJSON *root;
  enum api_err rc;
  memset(out, 0, sizeof(*out));
  if (text == NULL) {
    api_error_set(err, API_ERR_PARSE, "no payment JSON");
    return API_ERR_PARSE;
  }
  root = cJSON_ParseWithLength(text, len);
  if (root == NULL) {
    api_error_set(err, API_ERR_PARSE, "payment is not valid JSON");
    return API_ERR_PARSE;
  }
  rc = json_payment_from_object(root, out, err);
  cJSON_Delete(root);
  return rc;
}

/* Moves the items of src to the end of dst (src is left empty). */
static void payment_list_move(struct payment_list *dst,
                              struct payment_list *src) {
  for (size_t i = 0; i < src->count; i++) {
    struct payment *slot = payment_list_push(dst);
    *slot = src->items[i];
  }
  free(src->items);
  memset(src, 0, sizeof(*src));
}

enum api_err json_payment_list(const cJSON *root, int64_t limit,
                               int64_t offset, struct payment_list *out,
                               struct api_page *page, struct api_error *err) {
  const cJSON *items, *it;
  struct payment_list tmp;
  struct api_page pg;
  enum api_err rc;

  memset(&tmp, 0, sizeof(tmp));
  rc = json_list_parse(root, limit, offset, &items, &pg, err);
  if (rc != API_OK)
    return rc;
  cJSON_ArrayForEach(it, items) {
    struct payment *p = payment_list_push(&tmp);
    rc = json_payment_from_object(it, p, err);
    if (rc != API_OK) {
      payment_list_cleanup(&tmp);
      return rc;
    }
  }
  payment_list_move(out, &tmp);
  if (page)
    *page = pg;
  return API_OK;
}
