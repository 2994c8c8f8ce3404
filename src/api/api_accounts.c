/*
 * api_accounts - accounts, identities, unassigned summary. See
 * api_accounts.h.
 */
#include "api/api_accounts.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "api/api_call.h"
#include "api/json_account.h"
#include "api/json_util.h"
#include "core/xalloc.h"

static const cJSON *unwrap(const cJSON *root, const char *key) {
  const cJSON *w;
  if (cJSON_GetObjectItemCaseSensitive(root, "id"))
    return root;
  w = cJSON_GetObjectItemCaseSensitive(root, key);
  if (cJSON_IsObject(w))
    return w;
  w = cJSON_GetObjectItemCaseSensitive(root, "data");
  return cJSON_IsObject(w) ? w : root;
}

static char *one_path(const char *base, const char *id) {
  struct strbuf sb;
  strbuf_init(&sb, 0);
  strbuf_puts(&sb, base);
  api_call_path_segment(&sb, id);
  return strbuf_detach(&sb);
}

enum api_err api_accounts_list(struct api_client *c,
                               const struct api_account_query *q,
                               struct account_list *out, struct api_page *page,
                               struct api_error *err) {
  struct api_account_query none;
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
  api_call_query_int(&qs, "limit", (long long)limit);
  api_call_query_int(&qs, "offset", (long long)offset);
  api_call_query(&qs, "identityId", q->identity_id);
  api_call_query(&qs, "accountNumber", q->account_number);
  api_call_query(&qs, "type", q->type);
  api_call_query(&qs, "currency", q->currency);
  api_call_query(&qs, "status", q->status);
  api_call_query(&qs, "parentId", q->parent_id);
  rc = api_call_get(c, "/accounts", strbuf_str(&qs), &root, err);
  if (rc == API_OK)
    rc = json_account_list(root, limit, offset, out, page, &c->rejects,
                           err);
  if (rc != API_OK && err)
    err->code = rc;
  cJSON_Delete(root);
  strbuf_cleanup(&qs);
  return rc;
}

enum api_err api_account_get(struct api_client *c, const char *id,
                             struct account *out, struct api_error *err) {
  cJSON *root = NULL;
  char *path;
  enum api_err rc;
  memset(out, 0, sizeof(*out));
  if (err)
    api_error_clear(err);
  if (id == NULL || id[0] == '\0') {
    api_error_set(err, API_ERR_CONFIG, "empty account id");
    return API_ERR_CONFIG;
  }
  path = one_path("/accounts", id);
  rc = api_call_get(c, path, NULL, &root, err);
  if (rc == API_OK)
    rc = json_account_from_object(unwrap(root, "account"), out, err);
  if (rc != API_OK && err)
    err->code = rc;
  cJSON_Delete(root);
  free(path);
  return rc;
}

void api_unassigned_summary_cleanup(struct api_unassigned_summary *s) {
  if (s == NULL)
    return;
  for (size_t i = 0; i < s->urgent_count; i++) {
    free(s->urgent[i].payment_id);
    free(s->urgent[i].originante_name);
  }
  free(s->urgent);
  memset(s, 0, sizeof(*s));
}

enum api_err api_accounts_unassigned(struct api_client *c,
                                     const char *client_id,
                                     struct api_unassigned_summary *out,
                                     struct api_error *err) {
  struct strbuf qs;
  cJSON *root = NULL;
  const cJSON *urgent, *it;
  const char *cur;
  bool present;
  int64_t v;
  enum api_err rc;

  memset(out, 0, sizeof(*out));
  if (err)
    api_error_clear(err);
  strbuf_init(&qs, 0);
  api_call_query(&qs, "clientId", client_id);
  rc = api_call_get(c, "/accounts/unassigned", strbuf_str(&qs), &root, err);
  if (rc != API_OK)
    goto out;
  cur = json_util_str(root, "currency");
  rc = json_util_money(root, "totalAmount", cur, "unassigned", "summary",
                       &out->total_amount, &present, err);
  if (rc != API_OK)
    goto out;
  if (json_util_int64(cJSON_GetObjectItemCaseSensitive(root, "count"), &v))
    out->count = v;
  urgent = cJSON_GetObjectItemCaseSensitive(root, "urgent");
  if (cJSON_IsArray(urgent) && cJSON_GetArraySize(urgent) > 0) {
    out->urgent =
        xcalloc((size_t)cJSON_GetArraySize(urgent), sizeof(*out->urgent));
    cJSON_ArrayForEach(it, urgent) {
      struct api_unassigned_item *u = &out->urgent[out->urgent_count];
      const char *icur;
      if (!cJSON_IsObject(it))
        continue;
      u->payment_id = json_util_strdup(it, "paymentId");
      if (u->payment_id == NULL)
        u->payment_id = json_util_strdup(it, "id");
      u->originante_name = json_util_strdup(it, "originanteName");
      u->expires_at = json_util_time(it, "expiresAt");
      icur = json_util_str(it, "currency");
      out->urgent_count++;
      rc = json_util_money(it, "amount", icur ? icur : cur, "unassigned",
                           u->payment_id, &u->amount, &present, err);
      if (rc != API_OK)
        goto out;
    }
  }
out:
  if (rc != API_OK) {
    api_unassigned_summary_cleanup(out);
    if (err)
      err->code = rc;
  }
  cJSON_Delete(root);
  strbuf_cleanup(&qs);
  return rc;
}

enum api_err api_identities_list(struct api_client *c,
                                 const struct api_identity_query *q,
                                 struct identity_list *out,
                                 struct api_page *page, struct api_error *err) {
  struct api_identity_query none;
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
  api_call_query_int(&qs, "limit", (long long)limit);
  if (q->next && q->next[0])
    api_call_query(&qs, "next", q->next);
  else
    api_call_query_int(&qs, "offset", (long long)offset);
  api_call_query(&qs, "type", q->type);
  api_call_query(&qs, "email", q->email);
  api_call_query(&qs, "documentNumber", q->document_number);
  api_call_query(&qs, "status", q->status);
  rc = api_call_get(c, "/identities", strbuf_str(&qs), &root, err);
  if (rc == API_OK)
    rc = json_identity_list(root, limit, offset, out, page, &c->rejects,
                            err);
  if (rc != API_OK && err)
    err->code = rc;
  cJSON_Delete(root);
  strbuf_cleanup(&qs);
  return rc;
}

enum api_err api_identity_get(struct api_client *c, const char *id,
                              struct identity *out, struct api_error *err) {
  cJSON *root = NULL;
  char *path;
  enum api_err rc;
  memset(out, 0, sizeof(*out));
  if (err)
    api_error_clear(err);
  if (id == NULL || id[0] == '\0') {
    api_error_set(err, API_ERR_CONFIG, "empty identity id");
    return API_ERR_CONFIG;
  }
  path = one_path("/identities", id);
  rc = api_call_get(c, path, NULL, &root, err);
  if (rc == API_OK)
    rc = json_identity_from_object(unwrap(root, "identity"), out, err);
  if (rc != API_OK && err)
    err->code = rc;
  cJSON_Delete(root);
  free(path);
  return rc;
}
