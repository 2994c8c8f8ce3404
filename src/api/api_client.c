/*
 * api_client - client construction, authentication and the payment reads
 * of the first slice. See api_client.h; the request policy is in
 * api_call.c, the JSON mapping in json_payment.c and json_list.c.
 */
#include "api/api_client.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include "api/api_call.h"
#include "api/api_client_int.h"
#include "api/json_list.h"
#include "api/json_payment.h"
#include "core/xalloc.h"

#define DEFAULT_RETRIES 3
#define DEFAULT_RETRY_BASE_MS 500L
#define DEFAULT_RETRY_MAX_MS 30000L
#define DEFAULT_RETRY_AFTER_CAP_MS 30000L
#define DEFAULT_RETRY_BUDGET_MS 60000L

static void wipe_free(char *s) {
  if (s) {
    explicit_bzero(s, strlen(s));
    free(s);
  }
}

enum api_err api_client_new(const struct api_config *cfg,
                            struct api_client **out, struct api_error *err) {
  struct api_client *c;
  struct http_opts ho;
  size_t n;
  enum api_err rc;
  struct timespec ts;

  *out = NULL;
  if (err)
    api_error_clear(err);
  if (cfg == NULL) {
    api_error_set(err, API_ERR_CONFIG, "no API configuration");
    return API_ERR_CONFIG;
  }
  rc = http_check_url(cfg->base_url, err);
  if (rc != API_OK) {
    if (err)
      err->code = rc;
    return rc;
  }
  if (strchr(cfg->base_url, '?') || strchr(cfg->base_url, '#')) {
    api_error_set(err, API_ERR_CONFIG,
                  "base URL must not have a query or fragment");
    return API_ERR_CONFIG;
  }
  if (cfg->api_key == NULL || cfg->api_key[0] == '\0') {
    api_error_set(err, API_ERR_CONFIG, "no API key configured");
    return API_ERR_CONFIG;
  }
  if (strpbrk(cfg->api_key, "\r\n")) {
    api_error_set(err, API_ERR_CONFIG, "API key contains a line break");
    return API_ERR_CONFIG;
  }

  c = xcalloc(1, sizeof(*c));
  c->base_url = xstrdup(cfg->base_url);
  n = strlen(c->base_url);
  while (n > 0 && c->base_url[n - 1] == '/')
    c->base_url[--n] = '\0';
  c->api_key = xstrdup(cfg->api_key);
  c->client_id = xstrdup(cfg->client_id ? cfg->client_id : "");
  c->client_secret = xstrdup(cfg->client_secret ? cfg->client_secret : "");
  c->max_attempts = cfg->max_retries < 0    ? 1
                    : cfg->max_retries == 0 ? 1 + DEFAULT_RETRIES
                                            : 1 + cfg->max_retries;
  c->token_clock_ms = cfg->token_clock_ms;
  c->token_clock_ud = cfg->token_clock_ud;
  c->retry_base_ms =
      cfg->retry_base_ms > 0 ? cfg->retry_base_ms : DEFAULT_RETRY_BASE_MS;
  c->retry_max_ms =
      cfg->retry_max_ms > 0 ? cfg->retry_max_ms : DEFAULT_RETRY_MAX_MS;
  c->retry_after_cap_ms = cfg->retry_after_cap_ms > 0
                              ? cfg->retry_after_cap_ms
                              : DEFAULT_RETRY_AFTER_CAP_MS;
  c->retry_budget_ms =
      cfg->retry_budget_ms > 0 ? cfg->retry_budget_ms : DEFAULT_RETRY_BUDGET_MS;
  clock_gettime(CLOCK_REALTIME, &ts);
  c->rng = ((uint64_t)ts.tv_nsec << 20) ^ (uint64_t)ts.tv_sec ^
           ((uint64_t)getpid() << 40) ^ (uint64_t)(uintptr_t)c;

  memset(&ho, 0, sizeof(ho));
  ho.connect_timeout_ms = cfg->connect_timeout_ms;
  ho.total_timeout_ms = cfg->total_timeout_ms;
  ho.low_speed_time_s = cfg->low_speed_time_s;
  ho.max_response = cfg->max_response;
  rc = http_new(&ho, &c->http);
  if (rc != API_OK) {
    api_error_set(err, rc, "cannot initialise libcurl");
    api_client_free(&c);
    return rc;
  }
  *out = c;
  return API_OK;
}

void api_client_free(struct api_client **cp) {
  struct api_client *c;
  if (cp == NULL || *cp == NULL)
    return;
  c = *cp;
  http_free(&c->http);
  api_call_drop_token(c);
  free(c->base_url);
  wipe_free(c->api_key);
  wipe_free(c->client_id);
  wipe_free(c->client_secret);
  api_rejects_cleanup(&c->rejects);
  free(c);
  *cp = NULL;
}

void api_client_set_cancel(struct api_client *c, const volatile int *flag) {
  c->cancel = flag;
}

void api_client_set_retry_hook(struct api_client *c, api_retry_fn fn,
                               void *ud) {
  c->retry_hook = fn;
  c->retry_ud = ud;
}

const char *api_client_base_url(const struct api_client *c) {
  return c->base_url;
}

enum api_err api_authenticate(struct api_client *c, struct api_error *err) {
  if (err)
    api_error_clear(err);
  return api_call_authenticate(c, err);
}

enum api_err api_payments_list(struct api_client *c,
                               const struct api_payment_query *q,
                               struct payment_list *out, struct api_page *page,
                               struct api_error *err) {
  struct api_payment_query none;
  struct strbuf qs;
  struct api_call call;
  cJSON *root = NULL;
  int64_t limit, offset;
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
  api_call_query(&qs, "status", q->status);
  api_call_query(&qs, "type", q->type);
  api_call_query(&qs, "identityId", q->identity_id);
  api_call_query(&qs, "accountNumber", q->account_number);
  api_call_query(&qs, "customerId", q->customer_id);
  api_call_query(&qs, "parentPaymentId", q->parent_payment_id);
  api_call_query(&qs, "startDate", q->start_date);
  api_call_query(&qs, "endDate", q->end_date);
  api_call_query(&qs, "sort", q->sort);
  api_call_query(&qs, "checkoutSessionId", q->checkout_session_id);

  memset(&call, 0, sizeof(call));
  call.method = HTTP_GET;
  call.path = "/payments";
  call.query = strbuf_str(&qs);
  rc = api_call_json(c, &call, &root, err);
  if (rc == API_OK)
    rc = json_payment_list(root, limit, offset, out, page, &c->rejects,
                           err);
  if (rc != API_OK && err)
    err->code = rc;
  cJSON_Delete(root);
  strbuf_cleanup(&qs);
  return rc;
}

/* The payment object of a single-payment response: the root, or a
 * {"payment"|"data"|"result": {...}} wrapper. */
static const cJSON *unwrap(const cJSON *root, const char *key) {
  static const char *const wrappers[] = {"data", "result", NULL};
  const cJSON *w;
  if (cJSON_GetObjectItemCaseSensitive(root, "id"))
    return root;
  w = cJSON_GetObjectItemCaseSensitive(root, key);
  if (cJSON_IsObject(w))
    return w;
  for (size_t i = 0; wrappers[i]; i++) {
    w = cJSON_GetObjectItemCaseSensitive(root, wrappers[i]);
    if (cJSON_IsObject(w))
      return w;
  }
  return root;
}

enum api_err api_payment_get(struct api_client *c, const char *id,
                             struct payment *out, struct api_error *err) {
  struct strbuf path;
  struct api_call call;
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
  memset(&call, 0, sizeof(call));
  call.method = HTTP_GET;
  call.path = strbuf_str(&path);
  rc = api_call_json(c, &call, &root, err);
  if (rc == API_OK && root == NULL) {
    rc = API_ERR_PARSE;
    api_error_set(err, rc, "empty response for payment %s", id);
  }
  if (rc == API_OK)
    rc = json_payment_from_object(unwrap(root, "payment"), out, err);
  if (rc != API_OK && err)
    err->code = rc;
  cJSON_Delete(root);
  strbuf_cleanup(&path);
  return rc;
}
