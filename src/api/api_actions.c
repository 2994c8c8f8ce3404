/*
 * api_actions - lifecycle POSTs. See api_actions.h.
 */
#include "api/api_actions.h"

#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "api/api_call.h"
#include "api/json_payment.h"
#include "api/json_util.h"
#include "core/xalloc.h"

static char *action_path(const char *id, const char *action) {
  struct strbuf sb;
  strbuf_init(&sb, 0);
  strbuf_puts(&sb, "/payments");
  api_call_path_segment(&sb, id);
  strbuf_puts(&sb, "/");
  strbuf_puts(&sb, action);
  return strbuf_detach(&sb);
}

/* See api_actions.h. */
enum api_err api_action_not_found(struct api_client *c, const char *id,
                                  const char *action, bool payment_only,
                                  enum api_err rc, struct api_error *err) {
  bool r405 = rc == API_ERR_REJECTED && err && err->http_status == 405;
  if (rc == API_ERR_UNSUPPORTED || r405) {
    api_error_set(err, API_ERR_UNSUPPORTED, "this server does not offer %s",
                  action);
    if (err)
      err->code = API_ERR_UNSUPPORTED;
    return API_ERR_UNSUPPORTED;
  }
  if (rc != API_ERR_NOT_FOUND || !payment_only)
    return rc;
  struct payment p = {0};
  struct api_error ge;
  api_error_clear(&ge);
  if (api_payment_get(c, id, &p, &ge) == API_OK) {
    api_error_set(err, API_ERR_UNSUPPORTED, "this server does not offer %s",
                  action);
    rc = API_ERR_UNSUPPORTED;
  }
  payment_cleanup(&p);
  if (err)
    err->code = rc;
  return rc;
}

/* The payment object of an action's answer: the answer itself or its
 * "payment" member; NULL when the answer carries none. */
static const cJSON *answer_payment(const cJSON *resp) {
  const cJSON *obj = resp;
  if (cJSON_IsObject(resp) && !cJSON_GetObjectItemCaseSensitive(resp, "id")) {
    const cJSON *w = cJSON_GetObjectItemCaseSensitive(resp, "payment");
    if (cJSON_IsObject(w))
      obj = w;
  }
  if (cJSON_IsObject(obj) &&
      cJSON_IsString(cJSON_GetObjectItemCaseSensitive(obj, "id")) &&
      cJSON_IsString(cJSON_GetObjectItemCaseSensitive(obj, "status")))
    return obj;
  return NULL;
}

/* POSTs body to /payments/{id}/<action> and maps the payment answer. A
 * 2xx answer that is not a payment (no id and status) is
 * API_ERR_UNKNOWN_OUTCOME: the caller reads the payment to learn what the
 * server did. */
static enum api_err payment_action(struct api_client *c, const char *id,
                                   const char *action, const char *what,
                                   cJSON *body, const char *idem_key,
                                   struct payment *out,
                                   struct api_error *err) {
  cJSON *resp = NULL;
  struct payment tmp;
  char *path;
  enum api_err rc;

  if (out == NULL)
    out = &tmp;
  memset(out, 0, sizeof(*out));
  if (err)
    api_error_clear(err);
  if (id == NULL || id[0] == '\0') {
    cJSON_Delete(body);
    api_error_set(err, API_ERR_CONFIG, "empty payment id");
    return API_ERR_CONFIG;
  }
  path = action_path(id, action);
  rc = api_call_post(c, path, body, idem_key, &resp, err);
  if (rc == API_OK) {
    const cJSON *obj = answer_payment(resp);
    if (obj == NULL) {
      rc = API_ERR_PARSE;
      api_error_set(err, rc, "the answer carries no payment");
    } else {
      rc = json_payment_from_object(obj, out, err);
    }
  }
  rc = api_error_post_answer(rc, err);
  rc = api_action_not_found(c, id, what, true, rc, err);
  if (rc != API_OK && err)
    err->code = rc;
  if (out == &tmp)
    payment_cleanup(&tmp);
  cJSON_Delete(resp);
  free(path);
  return rc;
}

enum api_err api_payment_authorize(struct api_client *c, const char *id,
                                   const char *idem_key, struct payment *out,
                                   struct api_error *err) {
  return payment_action(c, id, "authorized", "authorization", NULL, idem_key,
                        out, err);
}

enum api_err api_payment_capture(struct api_client *c, const char *id,
                                 const char *idem_key, struct payment *out,
                                 struct api_error *err) {
  return payment_action(c, id, "captured", "capture", NULL, idem_key, out,
                        err);
}

static cJSON *new_object(void) {
  cJSON *o = cJSON_CreateObject();
  if (o == NULL)
    fatal("out of memory");
  return o;
}

const char *api_review_path_name(enum api_review_path p) {
  return p == API_REVIEW_PATH_CAMEL ? "resolveReview" : "resolve-review";
}

enum api_err api_payment_resolve_review(struct api_client *c, const char *id,
                                        enum api_review_path rpath,
                                        enum api_review_decision decision,
                                        const char *reason,
                                        const char *idem_key,
                                        struct payment *out,
                                        struct api_error *err) {
  cJSON *body;
  if (decision == API_REVIEW_REJECT && (reason == NULL || reason[0] == '\0')) {
    if (out)
      memset(out, 0, sizeof(*out));
    api_error_set(err, API_ERR_CONFIG, "a rejection needs a reason");
    return API_ERR_CONFIG;
  }
  body = new_object();
  cJSON_AddStringToObject(body, "decision",
                          decision == API_REVIEW_APPROVE ? "APPROVED"
                                                         : "REJECTED");
  if (reason && reason[0])
    cJSON_AddStringToObject(body, "reason", reason);
  return payment_action(c, id, api_review_path_name(rpath),
                        "review resolution", body, idem_key, out, err);
}

enum api_err api_payment_request_review(struct api_client *c, const char *id,
                                        const char *reason,
                                        const char *idem_key,
                                        struct payment *out,
                                        struct api_error *err) {
  cJSON *body = new_object();
  if (reason && reason[0])
    cJSON_AddStringToObject(body, "reason", reason);
  return payment_action(c, id, "request-review", "review requests", body,
                        idem_key, out, err);
}

void api_assign_result_cleanup(struct api_assign_result *r) {
  if (r == NULL)
    return;
  free(r->payment_id);
  free(r->account_number);
  free(r->status_raw);
  free(r->reconciliation_status);
  free(r->child_payment_id);
  free(r->related_payment_id);
  memset(r, 0, sizeof(*r));
}

enum api_err api_payment_assign(struct api_client *c, const char *id,
                                const char *account_number,
                                const struct money *expected,
                                const char *idem_key,
                                struct api_assign_result *out,
                                struct api_error *err) {
  cJSON *body, *resp = NULL;
  char *path;
  enum api_err rc;

  if (out)
    memset(out, 0, sizeof(*out));
  if (err)
    api_error_clear(err);
  if (id == NULL || id[0] == '\0' || account_number == NULL ||
      account_number[0] == '\0') {
    api_error_set(err, API_ERR_CONFIG,
                  "assign needs a payment id and an account number");
    return API_ERR_CONFIG;
  }
  body = new_object();
  cJSON_AddStringToObject(body, "accountNumber", account_number);
  if (expected) {
    char num[MONEY_FMT_MAX];
    if (expected->minor <= 0 || money_format(expected, num, sizeof(num)) < 0) {
      cJSON_Delete(body);
      api_error_set(err, API_ERR_CONFIG,
                    "expected amount must be a positive amount");
      return API_ERR_CONFIG;
    }
    cJSON_AddStringToObject(body, "expectedAmount", num);
  }
  path = action_path(id, "assign");
  rc = api_call_post(c, path, body, idem_key, &resp, err);
  if (rc == API_OK && out == NULL && json_util_str(resp, "status") == NULL) {
    rc = API_ERR_PARSE;
    api_error_set(err, rc, "the answer carries no status");
  }
  if (rc == API_OK && out) {
    out->payment_id = json_util_strdup(resp, "paymentId");
    if (out->payment_id == NULL)
      out->payment_id = json_util_strdup(resp, "id");
    if (out->payment_id == NULL || json_util_str(resp, "status") == NULL) {
      rc = API_ERR_PARSE;
      api_error_set(err, rc, "the answer carries no payment and status");
    }
    if (out->payment_id == NULL)
      out->payment_id = xstrdup(id);
    out->account_number = json_util_strdup(resp, "accountNumber");
    if (out->account_number == NULL)
      out->account_number = json_util_strdup(resp, "accountId");
    out->status_raw = json_util_strdup(resp, "status");
    out->status = payment_status_from_string(out->status_raw);
    out->reconciliation_status = json_util_strdup(resp, "reconciliationStatus");
    out->settled_at = json_util_time(resp, "settledAt");
    out->child_payment_id = json_util_strdup(resp, "childPaymentId");
    out->related_payment_id = json_util_strdup(resp, "relatedPaymentId");
    if (out->child_payment_id == NULL && out->related_payment_id)
      out->child_payment_id = xstrdup(out->related_payment_id);
  }
  rc = api_error_post_answer(rc, err);
  /* a 404 here may be the account's: only 501/405 mean "not offered" */
  rc = api_action_not_found(c, id, "assign", false, rc, err);
  if (rc != API_OK && err)
    err->code = rc;
  cJSON_Delete(resp);
  free(path);
  return rc;
}
