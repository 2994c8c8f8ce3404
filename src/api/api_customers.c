/*
 * api_customers - customer endpoints. See api_customers.h.
 */
#include "api/api_customers.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "api/api_call.h"
#include "api/json_customer.h"
#include "api/json_util.h"
#include "core/xalloc.h"

static enum api_err need_id(const char *id, struct api_error *err) {
  if (id == NULL || id[0] == '\0') {
    api_error_set(err, API_ERR_CONFIG, "empty customer id");
    return API_ERR_CONFIG;
  }
  return API_OK;
}

enum api_err api_customers_list(struct api_client *c,
                                const struct api_customer_query *q,
                                struct customer_list *out,
                                struct api_page *page, struct api_error *err) {
  struct api_customer_query none;
  struct strbuf qs;
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
  api_call_query(&qs, "clientId", q->client_id);
  api_call_query_int(&qs, "limit", (long long)limit);
  api_call_query_int(&qs, "offset", (long long)offset);
  api_call_query(&qs, "documentNumber", q->document_number);
  api_call_query(&qs, "email", q->email);
  api_call_query(&qs, "operationLevel", q->operation_level);
  rc = api_call_get(c, "/customers", strbuf_str(&qs), &root, err);
  if (rc == API_OK)
    rc = json_customer_list(root, limit, offset, out, page, &c->rejects,
                            err);
  if (rc != API_OK && err)
    err->code = rc;
  cJSON_Delete(root);
  strbuf_cleanup(&qs);
  return rc;
}

static const cJSON *unwrap_customer(const cJSON *root) {
  const cJSON *w;
  if (cJSON_GetObjectItemCaseSensitive(root, "id"))
    return root;
  w = cJSON_GetObjectItemCaseSensitive(root, "customer");
  return cJSON_IsObject(w) ? w : root;
}

enum api_err api_customer_get(struct api_client *c, const char *id,
                              struct customer *out, struct api_error *err) {
  struct strbuf path;
  cJSON *root = NULL;
  enum api_err rc;

  memset(out, 0, sizeof(*out));
  if (err)
    api_error_clear(err);
  rc = need_id(id, err);
  if (rc != API_OK)
    return rc;
  strbuf_init(&path, 0);
  strbuf_puts(&path, "/customers");
  api_call_path_segment(&path, id);
  rc = api_call_get(c, strbuf_str(&path), NULL, &root, err);
  if (rc == API_OK)
    rc = json_customer_from_object(unwrap_customer(root), out, err);
  if (rc != API_OK && err)
    err->code = rc;
  cJSON_Delete(root);
  strbuf_cleanup(&path);
  return rc;
}

void api_customer_document_result_cleanup(
    struct api_customer_document_result *r) {
  if (r == NULL)
    return;
  free(r->customer_id);
  free(r->document.type);
  free(r->document.url);
  free(r->document.content_type);
  free(r->document.status);
  memset(r, 0, sizeof(*r));
}

enum api_err api_customer_document_add(struct api_client *c, const char *id,
                                       const char *type, const char *url,
                                       const char *content_type,
                                       const char *idem_key,
                                       struct api_customer_document_result *out,
                                       struct api_error *err) {
  struct strbuf path;
  cJSON *body, *resp = NULL;
  enum api_err rc;

  if (out)
    memset(out, 0, sizeof(*out));
  if (err)
    api_error_clear(err);
  rc = need_id(id, err);
  if (rc != API_OK)
    return rc;
  if (type == NULL || type[0] == '\0') {
    api_error_set(err, API_ERR_CONFIG, "a document needs a type");
    return API_ERR_CONFIG;
  }
  body = cJSON_CreateObject();
  if (body == NULL)
    fatal("out of memory");
  cJSON_AddStringToObject(body, "type", type);
  if (url)
    cJSON_AddStringToObject(body, "url", url);
  if (content_type)
    cJSON_AddStringToObject(body, "contentType", content_type);
  strbuf_init(&path, 0);
  strbuf_puts(&path, "/customers");
  api_call_path_segment(&path, id);
  strbuf_puts(&path, "/documents");
  rc = api_call_post(c, strbuf_str(&path), body, idem_key, &resp, err);
  if (rc == API_OK && out) {
    out->customer_id = json_util_strdup(resp, "customerId");
    if (out->customer_id == NULL)
      out->customer_id = xstrdup(id);
    out->is_documented = json_util_bool(resp, "isDocumented", false);
    json_customer_document(cJSON_GetObjectItemCaseSensitive(resp, "document"),
                           &out->document);
  }
  if (rc != API_OK && err)
    err->code = rc;
  cJSON_Delete(resp);
  strbuf_cleanup(&path);
  return rc;
}

static enum api_err document_verdict(struct api_client *c, const char *id,
                                     size_t index, const char *verdict,
                                     cJSON *body, const char *idem_key,
                                     struct customer *out,
                                     struct api_error *err) {
  struct strbuf path;
  cJSON *resp = NULL;
  const cJSON *obj;
  enum api_err rc;

  strbuf_init(&path, 0);
  strbuf_puts(&path, "/customers");
  api_call_path_segment(&path, id);
  strbuf_printf(&path, "/documents/%zu/%s", index, verdict);
  rc = api_call_post(c, strbuf_str(&path), body, idem_key, &resp, err);
  if (rc == API_OK && out) {
    obj = resp ? unwrap_customer(resp) : NULL;
    if (cJSON_IsObject(obj) && cJSON_GetObjectItemCaseSensitive(obj, "id"))
      rc = json_customer_from_object(obj, out, err);
    else
      out->id = xstrdup(id);
  }
  if (rc != API_OK && err)
    err->code = rc;
  cJSON_Delete(resp);
  strbuf_cleanup(&path);
  return rc;
}

enum api_err api_customer_document_approve(struct api_client *c, const char *id,
                                           size_t index, const char *idem_key,
                                           struct customer *out,
                                           struct api_error *err) {
  enum api_err rc;
  if (out)
    memset(out, 0, sizeof(*out));
  if (err)
    api_error_clear(err);
  rc = need_id(id, err);
  if (rc != API_OK)
    return rc;
  return document_verdict(c, id, index, "approve", NULL, idem_key, out, err);
}

enum api_err api_customer_document_reject(struct api_client *c, const char *id,
                                          size_t index, const char *reason,
                                          const char *idem_key,
                                          struct customer *out,
                                          struct api_error *err) {
  cJSON *body;
  enum api_err rc;
  if (out)
    memset(out, 0, sizeof(*out));
  if (err)
    api_error_clear(err);
  rc = need_id(id, err);
  if (rc != API_OK)
    return rc;
  if (reason == NULL || reason[0] == '\0') {
    api_error_set(err, API_ERR_CONFIG, "a rejection needs a reason");
    return API_ERR_CONFIG;
  }
  body = cJSON_CreateObject();
  if (body == NULL)
    fatal("out of memory");
  cJSON_AddStringToObject(body, "reason", reason);
  return document_verdict(c, id, index, "reject", body, idem_key, out, err);
}
