/*
 * json_customer - customer mapping. See json_customer.h.
 */
#include "api/json_customer.h"

#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "api/api_reject.h"
#include "api/json_list.h"
#include "api/json_util.h"
#include "core/xalloc.h"

void json_customer_document(const cJSON *obj, struct customer_document *out) {
  memset(out, 0, sizeof(*out));
  if (!cJSON_IsObject(obj))
    return;
  out->type = json_util_strdup(obj, "type");
  /* older pages spell the types in upper case: SOURCE_OF_FUNDS */
  for (char *t = out->type; t && *t; t++)
    if (*t >= 'A' && *t <= 'Z')
      *t = (char)(*t - 'A' + 'a');
  out->url = json_util_strdup(obj, "url");
  out->content_type = json_util_strdup(obj, "contentType");
  out->status = json_util_strdup(obj, "status");
  out->uploaded_at = json_util_time(obj, "uploadedAt");
}

enum api_err json_customer_from_object(const cJSON *obj, struct customer *out,
                                       struct api_error *err) {
  struct customer c;
  const cJSON *docs, *d;

  memset(out, 0, sizeof(*out));
  memset(&c, 0, sizeof(c));
  if (!cJSON_IsObject(obj)) {
    api_error_set(err, API_ERR_PARSE, "customer is not a JSON object");
    return API_ERR_PARSE;
  }
  c.id = json_util_strdup(obj, "id");
  if (c.id == NULL || c.id[0] == '\0' || api_reject_id_problem(c.id)) {
    api_error_set(err, API_ERR_PARSE, "customer: %s",
                  api_reject_id_problem(c.id));
    free(c.id);
    return API_ERR_PARSE;
  }
  c.first_name = json_util_strdup(obj, "firstName");
  c.last_name = json_util_strdup(obj, "lastName");
  c.email = json_util_strdup(obj, "email");
  c.document_type = json_util_strdup(obj, "documentType");
  c.document_number = json_util_strdup(obj, "documentNumber");
  c.country = json_util_strdup(obj, "country");
  c.operation_level = json_util_strdup(obj, "operationLevel");
  c.auto_created = json_util_bool(obj, "autoCreated", false);
  c.is_documented = json_util_bool(obj, "isDocumented", false);
  c.created_at = json_util_time(obj, "createdAt");
  c.updated_at = json_util_time(obj, "updatedAt");
  docs = cJSON_GetObjectItemCaseSensitive(obj, "documents");
  if (cJSON_IsArray(docs)) {
    size_t n = (size_t)cJSON_GetArraySize(docs), i = 0;
    if (n > 0) {
      c.documents = xcalloc(n, sizeof(*c.documents));
      cJSON_ArrayForEach(d, docs) {
        if (!cJSON_IsObject(d))
          continue;
        json_customer_document(d, &c.documents[i++]);
      }
      c.documents_count = i;
    }
  }
  c.raw_json = json_util_print(obj);
  *out = c;
  return API_OK;
}

enum api_err json_customer_list(const cJSON *root, int64_t limit,
                                int64_t offset, struct customer_list *out,
                                struct api_page *page, struct api_rejects *rej,
                                struct api_error *err) {
  const cJSON *items, *it;
  struct customer_list tmp;
  struct api_page pg;
  enum api_err rc;

  memset(&tmp, 0, sizeof(tmp));
  rc = json_list_parse(root, limit, offset, &items, &pg, err);
  if (rc != API_OK)
    return rc;
  cJSON_ArrayForEach(it, items) {
    struct customer *c = customer_list_push(&tmp);
    struct api_error ie;
    api_error_clear(&ie);
    rc = json_customer_from_object(it, c, &ie);
    if (rc != API_OK && rej) {
      api_reject_add(rej, "customer", it, ie.detail);
      tmp.count--; /* the slot was left zeroed */
      continue;
    }
    if (rc != API_OK) {
      if (err)
        *err = ie;
      customer_list_cleanup(&tmp);
      return rc;
    }
  }
  for (size_t i = 0; i < tmp.count; i++)
    *customer_list_push(out) = tmp.items[i];
  free(tmp.items);
  if (page)
    *page = pg;
  return API_OK;
}
