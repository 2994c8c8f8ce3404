/*
 * json_payment - payment object mapping. See json_payment.h.
 */
#include "api/json_payment.h"

#include <ctype.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "api/api_reject.h"
#include "api/json_list.h"
#include "api/json_util.h"
#include "core/sanitize.h"
#include "core/timeutil.h"
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

/* The payment fields read by name, found in one pass over the object
 * (a payment has ~35 members; looking each field up by name would scan
 * them all every time). The first of duplicate keys wins, as with
 * cJSON_GetObjectItemCaseSensitive. */
enum pf {
  PF_ID,
  PF_PAYMENT_ID,
  PF_CURRENCY,
  PF_TOTAL_AMOUNT,
  PF_AMOUNT,
  PF_PURCHASE_AMOUNT,
  PF_PURCHASE_CURRENCY,
  PF_PRODUCT,
  PF_EXTERNAL_ID,
  PF_IDENTITY_ID,
  PF_ACCOUNT_NUMBER,
  PF_DESCRIPTION,
  PF_STATUS,
  PF_TYPE,
  PF_CUSTOMER_ID,
  PF_PARENT_PAYMENT_ID,
  PF_RELATED_PAYMENT_ID,
  PF_DOCUMENTATION_STATUS,
  PF_REVIEW_REASON,
  PF_CREATED_AT,
  PF_RECEIVED_AT,
  PF_UPDATED_AT,
  PF_AUTHORIZED_AT,
  PF_CAPTURED_AT,
  PF_SETTLED_AT,
  PF_REFUNDED_AT,
  PF_EXPIRES_AT,
  PF_EXPIRED_AT,
  PF_ORIGINS,
  PF_DESTINATIONS,
  PF_CUSTOMER,
  PF_ORIGINANTE,
  PF_COUNT_
};

#define PF_NAME(s)                                                             \
  { s, sizeof(s) - 1 }
static const struct {
  const char *name;
  size_t len;
} pf_names[PF_COUNT_] = {
    PF_NAME("id"),
    PF_NAME("paymentId"),
    PF_NAME("currency"),
    PF_NAME("totalAmount"),
    PF_NAME("amount"),
    PF_NAME("purchaseAmount"),
    PF_NAME("purchaseCurrency"),
    PF_NAME("product"),
    PF_NAME("externalId"),
    PF_NAME("identityId"),
    PF_NAME("accountNumber"),
    PF_NAME("description"),
    PF_NAME("status"),
    PF_NAME("type"),
    PF_NAME("customerId"),
    PF_NAME("parentPaymentId"),
    PF_NAME("relatedPaymentId"),
    PF_NAME("documentationStatus"),
    PF_NAME("reviewReason"),
    PF_NAME("createdAt"),
    PF_NAME("receivedAt"),
    PF_NAME("updatedAt"),
    PF_NAME("authorizedAt"),
    PF_NAME("capturedAt"),
    PF_NAME("settledAt"),
    PF_NAME("refundedAt"),
    PF_NAME("expiresAt"),
    PF_NAME("expiredAt"),
    PF_NAME("origins"),
    PF_NAME("destinations"),
    PF_NAME("customer"),
    PF_NAME("originante"),
};
#undef PF_NAME

/* Fills f; returns the index of a money field (amount or currency) that
 * appears twice, or -1. Parsers disagree on which duplicate wins, so a
 * doubled amount is refused rather than guessed. */
static int index_fields(const cJSON *obj, const cJSON *f[PF_COUNT_]) {
  const cJSON *m;
  int dup = -1;
  memset(f, 0, sizeof(*f) * PF_COUNT_);
  cJSON_ArrayForEach(m, obj) {
    const char *k = m->string;
    size_t n;
    if (k == NULL)
      continue;
    n = strlen(k);
    for (size_t i = 0; i < PF_COUNT_; i++) {
      if (pf_names[i].len != n || pf_names[i].name[0] != k[0] ||
          memcmp(pf_names[i].name, k, n) != 0)
        continue;
      if (f[i] == NULL)
        f[i] = m;
      else if (dup < 0 && i >= PF_CURRENCY && i <= PF_PURCHASE_CURRENCY)
        dup = (int)i;
      break;
    }
  }
  return dup;
}

static const char *item_str(const cJSON *v) {
  return cJSON_IsString(v) && v->valuestring ? v->valuestring : NULL;
}

static char *item_strdup(const cJSON *v) {
  return xstrdup(item_str(v));
}

/* A field that must be a string (or null/absent) but is not. */
static bool wrong_type(const cJSON *v) {
  return v != NULL && !cJSON_IsNull(v) && !cJSON_IsString(v);
}

static int64_t item_time(const cJSON *v) {
  const char *s = item_str(v);
  int64_t ms = 0;
  if (s == NULL || time_parse_iso8601(s, &ms) != CORE_OK)
    return 0;
  return ms;
}

/* The customer snapshot: the first rail sub-object's `customer` in
 * origins, then destinations, then the payment's own `customer`, then the
 * `originante` of unassigned-balance items. */
static const cJSON *snapshot(const cJSON *f[PF_COUNT_]) {
  const cJSON *lists[2] = {f[PF_ORIGINS], f[PF_DESTINATIONS]};
  for (size_t i = 0; i < 2; i++) {
    const cJSON *node;
    if (!cJSON_IsArray(lists[i]))
      continue;
    cJSON_ArrayForEach(node, lists[i]) {
      const cJSON *c = node_customer(node);
      if (c)
        return c;
    }
  }
  if (cJSON_IsObject(f[PF_CUSTOMER]))
    return f[PF_CUSTOMER];
  if (cJSON_IsObject(f[PF_ORIGINANTE]))
    return f[PF_ORIGINANTE];
  return NULL;
}

/* purchaseCurrency, else the first half of product "CLP:USD", else the
 * payment currency. */
static const char *purchase_currency(const cJSON *f[PF_COUNT_], const char *cur,
                                     char *buf, size_t len) {
  const char *pc = item_str(f[PF_PURCHASE_CURRENCY]);
  const char *prod, *colon;
  if (pc && pc[0])
    return pc;
  prod = item_str(f[PF_PRODUCT]);
  colon = prod ? strchr(prod, ':') : NULL;
  if (colon && colon > prod && (size_t)(colon - prod) < len) {
    memcpy(buf, prod, (size_t)(colon - prod));
    buf[colon - prod] = '\0';
    return buf;
  }
  return cur;
}

/* The fields that need no checking: strings, statuses, types, times and
 * the customer snapshot (a flat list of assignments). */
static void copy_plain_fields(const cJSON *f[PF_COUNT_], struct payment *p) {
  p->external_id = item_strdup(f[PF_EXTERNAL_ID]);
  p->identity_id = item_strdup(f[PF_IDENTITY_ID]);
  p->account_number = item_strdup(f[PF_ACCOUNT_NUMBER]);
  p->product = item_strdup(f[PF_PRODUCT]);
  p->description = item_strdup(f[PF_DESCRIPTION]);
  p->status_raw = item_strdup(f[PF_STATUS]);
  p->status = status_of(p->status_raw);
  p->type_raw = item_strdup(f[PF_TYPE]);
  p->type = type_of(p->type_raw);
  p->customer_id = item_strdup(f[PF_CUSTOMER_ID]);
  p->customer_id_absent = f[PF_CUSTOMER_ID] == NULL;
  p->parent_payment_id = item_strdup(f[PF_PARENT_PAYMENT_ID]);
  p->related_payment_id = item_strdup(f[PF_RELATED_PAYMENT_ID]);
  p->documentation_status = item_strdup(f[PF_DOCUMENTATION_STATUS]);
  p->review_reason = item_strdup(f[PF_REVIEW_REASON]);
  p->created_at = item_time(f[PF_CREATED_AT]);
  if (p->created_at == 0)
    p->created_at = item_time(f[PF_RECEIVED_AT]);
  p->updated_at = item_time(f[PF_UPDATED_AT]);
  p->authorized_at = item_time(f[PF_AUTHORIZED_AT]);
  p->captured_at = item_time(f[PF_CAPTURED_AT]);
  p->settled_at = item_time(f[PF_SETTLED_AT]);
  p->refunded_at = item_time(f[PF_REFUNDED_AT]);
  p->expires_at = item_time(f[PF_EXPIRES_AT]);
  if (p->expires_at == 0)
    p->expires_at = item_time(f[PF_EXPIRED_AT]);

  const cJSON *cust = snapshot(f);
  if (cust) {
    p->customer_name = full_name(cust);
    p->customer_email = json_util_strdup(cust, "email");
    p->customer_document = json_util_strdup(cust, "documentNumber");
    if (p->customer_id == NULL)
      p->customer_id = json_util_strdup(cust, "customerId");
  }
}

enum api_err json_payment_from_object(const cJSON *obj, struct payment *out,
                                      struct api_error *err) {
  const cJSON *f[PF_COUNT_];
  int dup;
  struct payment p;
  const char *cur, *pcur;
  char pbuf[8];
  const char *bad;
  bool present;
  enum api_err rc;

  memset(out, 0, sizeof(*out));
  memset(&p, 0, sizeof(p));
  if (!cJSON_IsObject(obj)) {
    api_error_set(err, API_ERR_PARSE, "payment is not a JSON object");
    return API_ERR_PARSE;
  }
  dup = index_fields(obj, f);
  p.id = item_strdup(f[PF_ID]);
  if (p.id == NULL && !wrong_type(f[PF_ID])) /* unassigned-balance items */
    p.id = item_strdup(f[PF_PAYMENT_ID]);
  if (p.id == NULL || p.id[0] == '\0') {
    api_error_set(err, API_ERR_PARSE, "payment without a string \"id\"");
    rc = API_ERR_PARSE;
    goto out;
  }
  bad = api_reject_id_problem(p.id);
  if (bad) {
    char *clean = sanitize_text(p.id);
    api_error_set(err, API_ERR_PARSE, "payment %.40s%s: %s", clean,
                  strlen(clean) > 40 ? "..." : "", bad);
    free(clean);
    rc = API_ERR_PARSE;
    goto out;
  }
  if (dup >= 0) {
    api_error_set(err, API_ERR_PARSE, "payment %s: duplicate key \"%s\"", p.id,
                  pf_names[dup].name);
    rc = API_ERR_PARSE;
    goto out;
  }
  cur = item_str(f[PF_CURRENCY]);
  rc = json_util_money(obj, "totalAmount", cur, "payment", p.id, &p.total,
                       &present, err);
  if (rc == API_OK && !present) /* unassigned-balance items */
    rc = json_util_money(obj, "amount", cur, "payment", p.id, &p.total,
                         &present, err);
  if (rc != API_OK)
    goto out;
  pcur = purchase_currency(f, cur, pbuf, sizeof(pbuf));
  rc = json_util_money(obj, "purchaseAmount", pcur, "payment", p.id,
                       &p.purchase, &present, err);
  if (rc != API_OK)
    goto out;
  if (!present)
    memset(p.purchase.currency, 0, sizeof(p.purchase.currency));

  copy_plain_fields(f, &p);
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

enum api_err json_payment_list(const cJSON *root, int64_t limit, int64_t offset,
                               struct payment_list *out, struct api_page *page,
                               struct api_rejects *rej, struct api_error *err) {
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
    struct api_error ie;
    api_error_clear(&ie);
    rc = json_payment_from_object(it, p, &ie);
    if (rc != API_OK && rej) {
      api_reject_add(rej, "payment", it, ie.detail);
      tmp.count--; /* the slot was left zeroed */
      continue;
    }
    if (rc != API_OK) {
      if (err)
        *err = ie;
      payment_list_cleanup(&tmp);
      return rc;
    }
  }
  payment_list_move(out, &tmp);
  if (page)
    *page = pg;
  return API_OK;
}
