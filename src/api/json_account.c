/*
 * json_account - account and identity mapping. See json_account.h.
 */
#include "api/json_account.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "api/api_reject.h"
#include "api/json_list.h"
#include "api/json_util.h"
#include "core/xalloc.h"

enum api_err json_account_from_object(const cJSON *obj, struct account *out,
                                      struct api_error *err) {
  struct account a;
  bool present;
  enum api_err rc;

  memset(out, 0, sizeof(*out));
  memset(&a, 0, sizeof(a));
  if (!cJSON_IsObject(obj)) {
    api_error_set(err, API_ERR_PARSE, "account is not a JSON object");
    return API_ERR_PARSE;
  }
  a.id = json_util_strdup(obj, "id");
  a.account_number = json_util_strdup(obj, "accountNumber");
  if ((a.id == NULL || a.id[0] == '\0') && a.account_number == NULL) {
    api_error_set(err, API_ERR_PARSE,
                  "account without an \"id\" or \"accountNumber\"");
    rc = API_ERR_PARSE;
    goto out;
  }
  if ((a.id && api_reject_id_problem(a.id)) ||
      (a.account_number && api_reject_id_problem(a.account_number))) {
    api_error_set(err, API_ERR_PARSE, "account: %s",
                  api_reject_id_problem(a.id ? a.id : a.account_number));
    rc = API_ERR_PARSE;
    goto out;
  }
  a.identity_id = json_util_strdup(obj, "identityId");
  a.currency = json_util_strdup(obj, "currency");
  a.type = json_util_strdup(obj, "type");
  a.name = json_util_strdup(obj, "name");
  if (a.name == NULL)
    a.name = json_util_strdup(obj, "accountHolder");
  a.status = json_util_strdup(obj, "status");
  a.created_at = json_util_time(obj, "createdAt");
  rc = json_util_money(obj, "balance", a.currency, "account",
                       a.id ? a.id : a.account_number, &a.balance, &present,
                       err);
  if (rc != API_OK)
    goto out;
  if (!present)
    memset(a.balance.currency, 0, sizeof(a.balance.currency));
  a.raw_json = json_util_print(obj);
  *out = a;
  memset(&a, 0, sizeof(a));
out:
  account_cleanup(&a);
  return rc;
}

enum api_err json_account_list(const cJSON *root, int64_t limit, int64_t offset,
                               struct account_list *out, struct api_page *page,
                               struct api_rejects *rej, struct api_error *err) {
  const cJSON *items, *it;
  struct account_list tmp;
  struct api_page pg;
  enum api_err rc;

  memset(&tmp, 0, sizeof(tmp));
  rc = json_list_parse(root, limit, offset, &items, &pg, err);
  if (rc != API_OK)
    return rc;
  cJSON_ArrayForEach(it, items) {
    struct account *a = account_list_push(&tmp);
    struct api_error ie;
    api_error_clear(&ie);
    rc = json_account_from_object(it, a, &ie);
    if (rc != API_OK && rej) {
      api_reject_add(rej, "account", it, ie.detail);
      tmp.count--; /* the slot was left zeroed */
      continue;
    }
    if (rc != API_OK) {
      if (err)
        *err = ie;
      account_list_cleanup(&tmp);
      return rc;
    }
  }
  for (size_t i = 0; i < tmp.count; i++)
    *account_list_push(out) = tmp.items[i];
  free(tmp.items);
  if (page)
    *page = pg;
  return API_OK;
}

enum api_err json_identity_from_object(const cJSON *obj, struct identity *out,
                                       struct api_error *err) {
  const char *name, *last;
  memset(out, 0, sizeof(*out));
  if (!cJSON_IsObject(obj)) {
    api_error_set(err, API_ERR_PARSE, "identity is not a JSON object");
    return API_ERR_PARSE;
  }
  out->id = json_util_strdup(obj, "id");
  if (api_reject_id_problem(out->id)) {
    api_error_set(err, API_ERR_PARSE, "identity: %s",
                  api_reject_id_problem(out->id));
    identity_cleanup(out);
    return API_ERR_PARSE;
  }
  name = json_util_str(obj, "name");
  last = json_util_str(obj, "lastname");
  if (last == NULL)
    last = json_util_str(obj, "lastName");
  if (name && last && last[0])
    out->name = xasprintf("%s %s", name, last);
  else
    out->name = xstrdup(name ? name : last);
  out->type = json_util_strdup(obj, "type");
  out->document_number = json_util_strdup(obj, "documentNumber");
  out->raw_json = json_util_print(obj);
  return API_OK;
}

enum api_err json_identity_list(const cJSON *root, int64_t limit,
                                int64_t offset, struct identity_list *out,
                                struct api_page *page, struct api_rejects *rej,
                                struct api_error *err) {
  const cJSON *items, *it;
  struct identity_list tmp;
  struct api_page pg;
  enum api_err rc;

  memset(&tmp, 0, sizeof(tmp));
  rc = json_list_parse(root, limit, offset, &items, &pg, err);
  if (rc != API_OK)
    return rc;
  cJSON_ArrayForEach(it, items) {
    struct identity *idn = identity_list_push(&tmp);
    struct api_error ie;
    api_error_clear(&ie);
    rc = json_identity_from_object(it, idn, &ie);
    if (rc != API_OK && rej) {
      api_reject_add(rej, "identity", it, ie.detail);
      tmp.count--; /* the slot was left zeroed */
      continue;
    }
    if (rc != API_OK) {
      if (err)
        *err = ie;
      identity_list_cleanup(&tmp);
      return rc;
    }
  }
  for (size_t i = 0; i < tmp.count; i++)
    *identity_list_push(out) = tmp.items[i];
  free(tmp.items);
  if (page)
    *page = pg;
  return API_OK;
}
