/*
 * sandbox_customers - customers, their documents and levels; see
 * sandbox_customers.h.
 */
#include "sandbox/sandbox_customers.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"
#include "sandbox/sandbox.h"
#include "sandbox/sandbox_dialect.h"
#include "sandbox/sandbox_list.h"
#include "sandbox/sandbox_review.h"
#include "sandbox/sandbox_store.h"
#include "sandbox/sandbox_webhooks.h"

static const char *const levels[] = {"INACTIVE", "BASIC", "STANDARD", "FULL",
                                     NULL};

static bool valid_level(const char *s) {
  for (int i = 0; levels[i]; i++)
    if (strcmp(levels[i], s) == 0)
      return true;
  return false;
}

void sandbox_customers_list(struct sandbox *sb, struct sandbox_req *rq,
                            struct sandbox_resp *rs) {
  static const struct sandbox_list_filter filters[] = {
      {"documentNumber", "document_number"},
      {"email", "email"},
      {"operationLevel", "operation_level"},
      {NULL, NULL},
  };
  const char *lvl = sandbox_http_query(rq, "operationLevel");
  if (lvl && lvl[0] && !valid_level(lvl)) {
    sandbox_http_error(rs, rq, SANDBOX_HTTP_INVALID_PARAM,
                       "operationLevel must be INACTIVE, BASIC, STANDARD or "
                       "FULL");
    return;
  }
  /* The customers guide makes clientId required; the published dialect
   * holds to it. Another client's id sees none of this tenant's records. */
  const char *client = sandbox_http_query(rq, "clientId");
  if (sandbox_dialect_published(sb)) {
    if (client == NULL || client[0] == '\0') {
      sandbox_http_error(rs, rq, SANDBOX_HTTP_MISSING_PARAM,
                         "clientId is required");
      return;
    }
    if (strcmp(client, rq->client_id) != 0) {
      sandbox_http_raw(rs, 200,
                       "{\"results\":[],\"pagination\":{\"limit\":50,"
                       "\"offset\":0,\"total\":0,\"count\":0,"
                       "\"next\":null,\"previous\":null}}");
      return;
    }
  }
  sandbox_list_docs(sb, rq, rs, "customers", filters, SANDBOX_LIST_RESULTS);
}

void sandbox_customers_get(struct sandbox *sb, struct sandbox_req *rq,
                           struct sandbox_resp *rs) {
  struct sandbox_conn *c = sandbox_db_read(sb->db);
  cJSON *cu = sandbox_store_get_customer(c, rq->tenant, rq->segs[1]);
  sandbox_db_release(sb->db, c);
  if (cu == NULL) {
    sandbox_http_error(rs, rq, SANDBOX_HTTP_NOT_FOUND,
                       "customer %.40s not found", rq->segs[1]);
    return;
  }
  sandbox_http_json(rs, 200, cu);
  cJSON_Delete(cu);
}

static const char *const string_fields[] = {"firstName",
                                            "lastName",
                                            "email",
                                            "phoneNumber",
                                            "phoneNumberPrefix",
                                            "documentNumber",
                                            "documentType",
                                            "country",
                                            "operationLevel",
                                            NULL};

/* Validate the writable fields of a create/patch body. */
static bool check_fields(const cJSON *body, const struct sandbox_req *rq,
                         struct sandbox_resp *rs, bool patch) {
  static const char *const allowed[] = {
      "firstName",         "lastName",       "email",        "phoneNumber",
      "phoneNumberPrefix", "documentNumber", "documentType", "country",
      "operationLevel",    "address",        "clientId",     NULL};
  if (!sandbox_http_known_fields(body, allowed, rq, rs))
    return false;
  for (int i = 0; string_fields[i]; i++) {
    const char *v = NULL;
    if (!sandbox_http_opt_string(body, string_fields[i], &v, rq, rs))
      return false;
  }
  const cJSON *addr = cJSON_GetObjectItemCaseSensitive(body, "address");
  if (addr && !cJSON_IsObject(addr) && !cJSON_IsNull(addr)) {
    sandbox_http_error(rs, rq, SANDBOX_HTTP_INVALID_PARAM,
                       "address must be an object");
    return false;
  }
  const char *lvl = sandbox_store_str(body, "operationLevel");
  if (lvl && !valid_level(lvl)) {
    sandbox_http_error(rs, rq, SANDBOX_HTTP_INVALID_PARAM,
                       "operationLevel must be INACTIVE, BASIC, STANDARD or "
                       "FULL");
    return false;
  }
  const char *cid = sandbox_store_str(body, "clientId");
  if (cid && strcmp(cid, rq->client_id) != 0) {
    sandbox_http_error(
        rs, rq, patch ? SANDBOX_HTTP_INVALID_PARAM : SANDBOX_HTTP_INVALID_PARAM,
        "clientId cannot be changed");
    return false;
  }
  const cJSON *fn = cJSON_GetObjectItemCaseSensitive(body, "firstName");
  if (patch && fn && (!cJSON_IsString(fn) || fn->valuestring[0] == '\0')) {
    sandbox_http_error(rs, rq, SANDBOX_HTTP_INVALID_PARAM,
                       "firstName cannot be empty");
    return false;
  }
  return true;
}

static const char find_by_doc_sql[] =
    "SELECT id FROM customers WHERE tenant = ?1 AND document_number = ?2"
    " LIMIT 1";
static const char find_by_email_sql[] =
    "SELECT id FROM customers WHERE tenant = ?1 AND email = ?2 LIMIT 1";

static bool find_by(struct sandbox_conn *c, const char *sql, int tenant,
                    const char *v, char out[25]) {
  sqlite3_stmt *st = sandbox_db_stmt(c, sql);
  bool found = false;
  if (st == NULL || v == NULL || v[0] == '\0')
    return false;
  sqlite3_bind_int(st, 1, tenant);
  sandbox_db_bind_text(st, 2, v);
  if (sqlite3_step(st) == SQLITE_ROW) {
    snprintf(out, 25, "%s", sandbox_db_col_text(st, 0));
    found = true;
  }
  sqlite3_reset(st);
  return found;
}

/* A new customer document from `src` fields. Caller deletes. */
static cJSON *new_customer(struct sandbox *sb, const char *client_id,
                           const cJSON *src, bool auto_created, int64_t now,
                           char id[25]) {
  char ts[32];
  sandbox_new_id(sb, now, id);
  sandbox_store_iso(now, ts);
  cJSON *o = cJSON_CreateObject();
  cJSON_AddStringToObject(o, "id", id);
  cJSON_AddStringToObject(o, "clientId", client_id);
  for (int i = 0; string_fields[i]; i++) {
    if (strcmp(string_fields[i], "operationLevel") == 0)
      continue;
    const char *v = sandbox_store_str(src, string_fields[i]);
    if (v)
      cJSON_AddStringToObject(o, string_fields[i], v);
  }
  const cJSON *addr = cJSON_GetObjectItemCaseSensitive(src, "address");
  if (cJSON_IsObject(addr))
    cJSON_AddItemToObject(o, "address", cJSON_Duplicate(addr, 1));
  const char *lvl = sandbox_store_str(src, "operationLevel");
  cJSON_AddStringToObject(o, "operationLevel",
                          lvl && !auto_created ? lvl : "BASIC");
  cJSON_AddBoolToObject(o, "autoCreated", auto_created);
  cJSON_AddBoolToObject(o, "isDocumented", false);
  cJSON_AddArrayToObject(o, "documents");
  cJSON_AddStringToObject(o, "createdAt", ts);
  cJSON_AddStringToObject(o, "updatedAt", ts);
  return o;
}

int sandbox_customers_resolve(struct sandbox *sb, struct sandbox_conn *c,
                              int tenant, const char *client_id,
                              const cJSON *snapshot, int64_t now,
                              char out[25]) {
  if (!cJSON_IsObject(snapshot))
    return 1;
  if (find_by(c, find_by_doc_sql, tenant,
              sandbox_store_str(snapshot, "documentNumber"), out) ||
      find_by(c, find_by_email_sql, tenant,
              sandbox_store_str(snapshot, "email"), out))
    return 0;
  const char *fn = sandbox_store_str(snapshot, "firstName");
  if (fn == NULL || fn[0] == '\0')
    return 1;
  cJSON *o = new_customer(sb, client_id, snapshot, true, now, out);
  int rc = sandbox_store_put_customer(c, tenant, o);
  if (rc == 0)
    rc = sandbox_store_ledger(sb, c, NULL, tenant, "customer.autoCreate", out,
                              NULL);
  cJSON_Delete(o);
  return rc;
}

void sandbox_customers_create(struct sandbox *sb, struct sandbox_req *rq,
                              struct sandbox_resp *rs) {
  cJSON *body = sandbox_http_body_object(rq, rs, false);
  const char *fn = NULL;
  if (body == NULL)
    return;
  if (!check_fields(body, rq, rs, false) ||
      !sandbox_http_req_string(body, "firstName", &fn, rq, rs)) {
    cJSON_Delete(body);
    return;
  }
  const char *dn = sandbox_store_str(body, "documentNumber");
  const char *em = sandbox_store_str(body, "email");
  if ((dn == NULL || dn[0] == '\0') && (em == NULL || em[0] == '\0')) {
    sandbox_http_error(rs, rq, SANDBOX_HTTP_MISSING_PARAM,
                       "documentNumber or email is required");
    cJSON_Delete(body);
    return;
  }
  struct sandbox_conn *c = sandbox_db_write_begin(sb->db);
  bool ok = false;
  char id[25];
  char dup[25];
  if (c == NULL) {
    sandbox_http_error(rs, rq, SANDBOX_HTTP_SERVER_ERROR, "database busy");
    cJSON_Delete(body);
    return;
  }
  if (find_by(c, find_by_doc_sql, rq->tenant, dn, dup)) {
    sandbox_http_error(rs, rq, SANDBOX_HTTP_ALREADY_EXIST,
                       "a customer with documentNumber %.40s already exists "
                       "(%s)",
                       dn, dup);
  } else {
    int64_t now = sandbox_clock_now(&sb->clock);
    cJSON *o = new_customer(sb, rq->client_id, body, false, now, id);
    ok = sandbox_store_put_customer(c, rq->tenant, o) == 0 &&
         sandbox_store_ledger(sb, c, rq, rq->tenant, "customer.create", id,
                              NULL) == 0;
    if (ok)
      sandbox_http_json(rs, 201, o);
    cJSON_Delete(o);
  }
  if (sandbox_db_write_end(sb->db, c, ok) != 0 && ok)
    sandbox_http_error(rs, rq, SANDBOX_HTTP_SERVER_ERROR,
                       "the customer could not be stored");
  cJSON_Delete(body);
}

/* Webhook payload of a customer: no document URLs, only a count. */
static int level_changed(struct sandbox *sb, struct sandbox_conn *c,
                         const cJSON *cu) {
  static const char *const keys[] = {"id",
                                     "clientId",
                                     "firstName",
                                     "lastName",
                                     "email",
                                     "documentNumber",
                                     "operationLevel",
                                     "autoCreated",
                                     "isDocumented",
                                     NULL};
  cJSON *o = cJSON_CreateObject();
  for (int i = 0; keys[i]; i++) {
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(cu, keys[i]);
    cJSON_AddItemToObject(o, keys[i],
                          v ? cJSON_Duplicate(v, 1) : cJSON_CreateNull());
  }
  cJSON_AddNumberToObject(
      o, "documentsCount",
      cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(cu, "documents")));
  int rc =
      sandbox_webhooks_enqueue(sb, c, "customer.levelChanged", "customer", o);
  cJSON_Delete(o);
  return rc;
}

/* Load the customer for a change; sets 404. */
static cJSON *begin_change(struct sandbox *sb, const struct sandbox_req *rq,
                           struct sandbox_resp *rs, struct sandbox_conn **cp) {
  *cp = sandbox_db_write_begin(sb->db);
  if (*cp == NULL) {
    sandbox_http_error(rs, rq, SANDBOX_HTTP_SERVER_ERROR, "database busy");
    return NULL;
  }
  cJSON *cu = sandbox_store_get_customer(*cp, rq->tenant, rq->segs[1]);
  if (cu == NULL) {
    sandbox_http_error(rs, rq, SANDBOX_HTTP_NOT_FOUND,
                       "customer %.40s not found", rq->segs[1]);
    sandbox_db_write_end(sb->db, *cp, false);
    *cp = NULL;
  }
  return cu;
}

static void end_change(struct sandbox *sb, struct sandbox_conn *c,
                       const struct sandbox_req *rq, struct sandbox_resp *rs,
                       cJSON *cu, bool ok, unsigned status,
                       const cJSON *reply) {
  if (sandbox_db_write_end(sb->db, c, ok) != 0) {
    if (ok || rs->status == 0)
      sandbox_http_error(rs, rq, SANDBOX_HTTP_SERVER_ERROR,
                         "the customer could not be stored");
  } else {
    sandbox_http_json(rs, status, reply ? reply : cu);
  }
  cJSON_Delete(cu);
}

void sandbox_customers_patch(struct sandbox *sb, struct sandbox_req *rq,
                             struct sandbox_resp *rs) {
  cJSON *body = sandbox_http_body_object(rq, rs, false);
  struct sandbox_conn *c;
  if (body == NULL)
    return;
  if (!check_fields(body, rq, rs, true)) {
    cJSON_Delete(body);
    return;
  }
  cJSON *cu = begin_change(sb, rq, rs, &c);
  if (cu == NULL) {
    cJSON_Delete(body);
    return;
  }
  char old_level[16];
  snprintf(old_level, sizeof(old_level), "%s",
           sandbox_store_str(cu, "operationLevel"));
  const cJSON *it;
  cJSON_ArrayForEach(it, body) {
    if (strcmp(it->string, "clientId") == 0)
      continue;
    /* JSON merge-patch: null removes (firstName cannot be removed). */
    if (cJSON_IsNull(it) && strcmp(it->string, "firstName") != 0 &&
        strcmp(it->string, "operationLevel") != 0)
      cJSON_DeleteItemFromObjectCaseSensitive(cu, it->string);
    else if (!cJSON_IsNull(it)) {
      cJSON *dup = cJSON_Duplicate(it, 1);
      if (cJSON_GetObjectItemCaseSensitive(cu, it->string))
        cJSON_ReplaceItemInObjectCaseSensitive(cu, it->string, dup);
      else
        cJSON_AddItemToObject(cu, it->string, dup);
    }
  }
  int64_t now = sandbox_clock_now(&sb->clock);
  sandbox_store_set_time(cu, "updatedAt", now);
  bool ok = sandbox_store_put_customer(c, rq->tenant, cu) == 0 &&
            sandbox_store_ledger(sb, c, rq, rq->tenant, "customer.patch",
                                 rq->segs[1], NULL) == 0;
  if (ok && strcmp(old_level, sandbox_store_str(cu, "operationLevel")) != 0)
    ok = level_changed(sb, c, cu) == 0;
  cJSON_Delete(body);
  end_change(sb, c, rq, rs, cu, ok, 200, NULL);
}

void sandbox_customers_add_document(struct sandbox *sb, struct sandbox_req *rq,
                                    struct sandbox_resp *rs) {
  const char *type = NULL;
  const char *url = NULL;
  const char *ctype = NULL;
  char norm[24];
  struct sandbox_conn *c;
  static const char *const allowed[] = {"type", "url", "contentType",
                                        "metadata", NULL};
  cJSON *body = sandbox_http_body_object(rq, rs, false);
  if (body == NULL)
    return;
  if (!sandbox_http_known_fields(body, allowed, rq, rs) ||
      !sandbox_http_req_string(body, "type", &type, rq, rs) ||
      !sandbox_http_opt_string(body, "url", &url, rq, rs) ||
      !sandbox_http_opt_string(body, "contentType", &ctype, rq, rs)) {
    cJSON_Delete(body);
    return;
  }
  if (!sandbox_review_doc_type(type, norm)) {
    sandbox_http_error(rs, rq, SANDBOX_HTTP_INVALID_PARAM,
                       "type must be kyc, source_of_funds, invoice, contract "
                       "or other");
    cJSON_Delete(body);
    return;
  }
  if (url && url[0] == '\0')
    url = NULL;
  cJSON *cu = begin_change(sb, rq, rs, &c);
  if (cu == NULL) {
    cJSON_Delete(body);
    return;
  }
  int64_t now = sandbox_clock_now(&sb->clock);
  char ts[32];
  cJSON *d = cJSON_CreateObject();
  cJSON_AddStringToObject(d, "type", norm);
  sandbox_store_set_str(d, "url", url);
  sandbox_store_set_str(d, "contentType", ctype);
  if (url)
    cJSON_AddStringToObject(d, "uploadedAt", sandbox_store_iso(now, ts));
  else
    cJSON_AddNullToObject(d, "uploadedAt");
  cJSON_AddStringToObject(d, "status", url ? "UPLOADED" : "PENDING_UPLOAD");
  cJSON *docs = cJSON_GetObjectItemCaseSensitive(cu, "documents");
  if (!cJSON_IsArray(docs))
    docs = cJSON_AddArrayToObject(cu, "documents");
  cJSON_AddItemToArray(docs, cJSON_Duplicate(d, 1));
  sandbox_store_set_time(cu, "updatedAt", now);
  bool ok = sandbox_store_put_customer(c, rq->tenant, cu) == 0 &&
            sandbox_store_ledger(sb, c, rq, rq->tenant, "customer.document",
                                 rq->segs[1], norm) == 0;
  cJSON *reply = cJSON_CreateObject();
  cJSON_AddStringToObject(reply, "customerId", rq->segs[1]);
  cJSON_AddItemToObject(reply, "document", d);
  cJSON_AddItemToObject(
      reply, "isDocumented",
      cJSON_Duplicate(cJSON_GetObjectItemCaseSensitive(cu, "isDocumented"), 1));
  end_change(sb, c, rq, rs, cu, ok, 201, reply);
  cJSON_Delete(reply);
  cJSON_Delete(body);
}

/* approve (reason NULL) or reject a document by 0-based index. */
static void resolve_document(struct sandbox *sb, struct sandbox_req *rq,
                             struct sandbox_resp *rs, bool approve) {
  const char *reason = NULL;
  struct sandbox_conn *c;
  static const char *const allowed[] = {"reason", NULL};
  cJSON *body = sandbox_http_body_object(rq, rs, true);
  if (body == NULL)
    return;
  if (!sandbox_http_known_fields(body, allowed, rq, rs) ||
      !sandbox_http_opt_string(body, "reason", &reason, rq, rs)) {
    cJSON_Delete(body);
    return;
  }
  if (!approve && (reason == NULL || reason[0] == '\0')) {
    sandbox_http_error(rs, rq, SANDBOX_HTTP_MISSING_PARAM,
                       "reason is required to reject");
    cJSON_Delete(body);
    return;
  }
  char *end = NULL;
  long idx = strtol(rq->segs[3], &end, 10);
  bool idx_ok =
      end && *end == '\0' && rq->segs[3][0] >= '0' && rq->segs[3][0] <= '9';
  cJSON *cu = begin_change(sb, rq, rs, &c);
  if (cu == NULL) {
    cJSON_Delete(body);
    return;
  }
  bool ok = false;
  cJSON *docs = cJSON_GetObjectItemCaseSensitive(cu, "documents");
  cJSON *d = idx_ok ? cJSON_GetArrayItem(docs, (int)idx) : NULL;
  const char *st = d ? sandbox_store_str(d, "status") : NULL;
  if (d == NULL) {
    sandbox_http_error(rs, rq, SANDBOX_HTTP_NOT_FOUND,
                       "customer has no document %.20s", rq->segs[3]);
  } else if (st == NULL || strcmp(st, "UPLOADED") != 0) {
    sandbox_http_error(rs, rq, SANDBOX_HTTP_PRECONDITION,
                       "document %ld is %s; only UPLOADED documents can be "
                       "%s",
                       idx, st ? st : "?", approve ? "approved" : "rejected");
  } else {
    int64_t now = sandbox_clock_now(&sb->clock);
    char old_level[16];
    bool was_documented =
        cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(cu, "isDocumented"));
    snprintf(old_level, sizeof(old_level), "%s",
             sandbox_store_str(cu, "operationLevel"));
    sandbox_store_set_str(d, "status", approve ? "APPROVED" : "REJECTED");
    sandbox_store_set_time(d, approve ? "approvedAt" : "rejectedAt", now);
    if (!approve)
      sandbox_store_set_str(d, "rejectionReason", reason);
    bool documented = false;
    cJSON *e;
    cJSON_ArrayForEach(e, docs) {
      const char *s = sandbox_store_str(e, "status");
      documented = documented || (s && strcmp(s, "APPROVED") == 0);
    }
    cJSON_ReplaceItemInObjectCaseSensitive(cu, "isDocumented",
                                           cJSON_CreateBool(documented));
    if (documented && strcmp(old_level, "BASIC") == 0)
      sandbox_store_set_str(cu, "operationLevel", "STANDARD");
    sandbox_store_set_time(cu, "updatedAt", now);
    ok = sandbox_store_put_customer(c, rq->tenant, cu) == 0 &&
         sandbox_store_ledger(sb, c, rq, rq->tenant,
                              approve ? "customer.document.approve"
                                      : "customer.document.reject",
                              rq->segs[1], rq->segs[3]) == 0;
    if (ok && (documented != was_documented ||
               strcmp(old_level, sandbox_store_str(cu, "operationLevel"))))
      ok = level_changed(sb, c, cu) == 0;
  }
  cJSON_Delete(body);
  end_change(sb, c, rq, rs, cu, ok, 200, NULL);
}

void sandbox_customers_approve(struct sandbox *sb, struct sandbox_req *rq,
                               struct sandbox_resp *rs) {
  resolve_document(sb, rq, rs, true);
}

void sandbox_customers_reject(struct sandbox *sb, struct sandbox_req *rq,
                              struct sandbox_resp *rs) {
  resolve_document(sb, rq, rs, false);
}
