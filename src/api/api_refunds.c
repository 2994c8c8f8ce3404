/*
 * api_refunds - refund endpoints. See api_refunds.h.
 */
#include "api/api_refunds.h"

#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "api/api_actions.h"
#include "api/api_call.h"
#include "api/json_payment.h"
#include "api/json_refund.h"
#include "api/json_util.h"
#include "core/xalloc.h"

void api_refund_result_cleanup(struct api_refund_result *r) {
  if (r == NULL)
    return;
  free(r->refund_id);
  free(r->parent_payment_id);
  free(r->status_raw);
  memset(r, 0, sizeof(*r));
}

void api_payment_refunds_cleanup(struct api_payment_refunds *r) {
  if (r == NULL)
    return;
  free(r->parent_id);
  payment_list_cleanup(&r->refunds);
  memset(r, 0, sizeof(*r));
}

static char *payment_path(const char *id, const char *suffix) {
  struct strbuf sb;
  strbuf_init(&sb, 0);
  strbuf_puts(&sb, "/payments");
  api_call_path_segment(&sb, id);
  if (suffix)
    strbuf_puts(&sb, suffix);
  return strbuf_detach(&sb);
}

static enum api_err need_id(const char *id, struct api_error *err) {
  if (id == NULL || id[0] == '\0') {
    api_error_set(err, API_ERR_CONFIG, "empty payment id");
    return API_ERR_CONFIG;
  }
  return API_OK;
}

enum api_err api_refund_create(struct api_client *c, const char *parent_id,
                               const struct money *amount, const char *reason,
                               const char *idem_key,
                               struct api_refund_result *out,
                               struct api_error *err) {
  cJSON *body, *resp = NULL;
  char *path = NULL;
  enum api_err rc;

  if (out)
    memset(out, 0, sizeof(*out));
  if (err)
    api_error_clear(err);
  rc = need_id(parent_id, err);
  if (rc != API_OK)
    return rc;
  body = cJSON_CreateObject();
  if (body == NULL)
    fatal("out of memory");
  if (amount) {
    char num[MONEY_FMT_MAX];
    if (amount->minor <= 0 || money_format(amount, num, sizeof(num)) < 0) {
      cJSON_Delete(body);
      api_error_set(err, API_ERR_CONFIG,
                    "refund amount must be a positive amount");
      return API_ERR_CONFIG;
    }
    cJSON_AddStringToObject(body, "amount", num);
  }
  if (reason)
    cJSON_AddStringToObject(body, "reason", reason);
  path = payment_path(parent_id, "/refund");
  rc = api_call_post(c, path, body, idem_key, &resp, err);
  if (rc == API_OK) {
    struct api_refund_result tmp;
    if (resp == NULL) {
      rc = API_ERR_PARSE;
      api_error_set(err, rc, "empty response to a refund of %s", parent_id);
    } else {
      rc = json_refund_result(resp, out ? out : &tmp, err);
      if (out == NULL)
        api_refund_result_cleanup(&tmp);
    }
  }
  /* a 2xx whose answer is not a refund: the refund may well exist */
  rc = api_error_post_answer(rc, err);
  rc = api_action_not_found(c, parent_id, "refunds", true, rc, err);
  if (rc != API_OK && err)
    err->code = rc;
  cJSON_Delete(resp);
  free(path);
  return rc;
}

enum api_err api_payment_refunds_get(struct api_client *c,
                                     const char *parent_id,
                                     struct api_payment_refunds *out,
                                     struct api_error *err) {
  cJSON *root = NULL;
  const cJSON *sum, *list;
  char *path;
  enum api_err rc;
  struct api_page pg;

  memset(out, 0, sizeof(*out));
  if (err)
    api_error_clear(err);
  rc = need_id(parent_id, err);
  if (rc != API_OK)
    return rc;
  path = payment_path(parent_id, "/refund");
  rc = api_call_get(c, path, NULL, &root, err);
  if (rc == API_ERR_NOT_FOUND && err && err->type[0] == '\0') {
    /* no API error body: maybe the older path spelling */
    free(path);
    path = payment_path(parent_id, "/refunds");
    rc = api_call_get(c, path, NULL, &root, err);
  }
  if (rc != API_OK)
    goto out;
  out->parent_id = json_util_strdup(root, "parentId");
  if (out->parent_id == NULL)
    out->parent_id = xstrdup(parent_id);
  list = cJSON_GetObjectItemCaseSensitive(root, "refunds");
  rc = json_payment_list(cJSON_IsArray(list) ? list : root, 500, 0,
                         &out->refunds, &pg, &c->rejects, err);
  if (rc != API_OK)
    goto out;
  for (size_t i = 0; i < out->refunds.count; i++) {
    struct payment *p = &out->refunds.items[i];
    if (p->type_raw == NULL)
      p->type = PAYMENT_TYPE_REFUND;
  }
  sum = cJSON_GetObjectItemCaseSensitive(root, "summary");
  if (cJSON_IsObject(sum)) {
    rc = json_refund_summary(sum, &out->summary, err);
    if (rc != API_OK)
      goto out;
    if (out->summary.parent_id[0] == '\0') {
      size_t n = strlen(out->parent_id);
      if (n < sizeof(out->summary.parent_id))
        memcpy(out->summary.parent_id, out->parent_id, n + 1);
    }
    out->has_summary = true;
  }
out:
  if (rc != API_OK) {
    api_payment_refunds_cleanup(out);
    if (err)
      err->code = rc;
  }
  cJSON_Delete(root);
  free(path);
  return rc;
}

enum api_err api_refunds_list(struct api_client *c,
                              const struct api_refund_query *q,
                              struct payment_list *out, struct api_page *page,
                              struct api_error *err) {
  struct api_refund_query none;
  struct strbuf qs;
  cJSON *root = NULL;
  int64_t limit, offset;
  size_t before = out->count;
  enum api_err rc;

  if (err)
    api_error_clear(err);
  if (q == NULL) {
    memset(&none, 0, sizeof(none));
    q = &none;
  }
  limit = q->limit > 0 ? q->limit : 50;
  offset = q->offset > 0 ? q->offset : 0;
  strbuf_init(&qs, 0);
  api_call_query_int(&qs, "limit", (long long)limit);
  api_call_query_int(&qs, "offset", (long long)offset);
  api_call_query(&qs, "parentPaymentId", q->parent_payment_id);
  api_call_query(&qs, "status", q->status);
  api_call_query(&qs, "identityId", q->identity_id);
  api_call_query(&qs, "accountNumber", q->account_number);
  api_call_query(&qs, "startDate", q->start_date);
  api_call_query(&qs, "endDate", q->end_date);
  api_call_query(&qs, "sort", q->sort);
  rc = api_call_get(c, "/refunds", strbuf_str(&qs), &root, err);
  if (rc == API_ERR_NOT_FOUND && err && err->type[0] == '\0')
    rc = api_call_get(c, "/refund", strbuf_str(&qs), &root, err);
  if (rc == API_OK)
    rc = json_payment_list(root, limit, offset, out, page, &c->rejects,
                           err);
  if (rc == API_OK) {
    for (size_t i = before; i < out->count; i++)
      if (out->items[i].type_raw == NULL)
        out->items[i].type = PAYMENT_TYPE_REFUND;
  } else if (err) {
    err->code = rc;
  }
  cJSON_Delete(root);
  strbuf_cleanup(&qs);
  return rc;
}
