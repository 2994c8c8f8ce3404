/*
 * sandbox_review - review documents and uploads; see sandbox_review.h.
 */
#include "sandbox/sandbox_review.h"

#include <ctype.h>
#include <openssl/evp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"
#include "sandbox/sandbox.h"
#include "sandbox/sandbox_store.h"
#include "sandbox/sandbox_webhooks.h"

#define PRESIGN_TTL_MS (15LL * 60000LL)

bool sandbox_review_doc_type(const char *in, char out[24]) {
  static const char *const types[] = {"kyc",      "source_of_funds", "invoice",
                                      "contract", "other",           NULL};
  size_t n = in ? strlen(in) : 0;
  if (n == 0 || n >= 24)
    return false;
  for (size_t i = 0; i <= n; i++)
    out[i] = (char)tolower((unsigned char)in[i]);
  for (int i = 0; types[i]; i++)
    if (strcmp(out, types[i]) == 0)
      return true;
  return false;
}

void sandbox_review_add_document(struct sandbox *sb, struct sandbox_req *rq,
                                 struct sandbox_resp *rs) {
  const char *type = NULL;
  const char *url = NULL;
  const char *ctype = NULL;
  char norm[24];
  struct sandbox_conn *c = NULL;
  cJSON *doc = NULL;
  bool ok = false;
  static const char *const allowed[] = {"type", "url", "contentType",
                                        "metadata", NULL};
  cJSON *body = sandbox_http_body_object(rq, rs, false);
  if (body == NULL)
    return;
  if (!sandbox_http_known_fields(body, allowed, rq, rs) ||
      !sandbox_http_req_string(body, "type", &type, rq, rs) ||
      !sandbox_http_opt_string(body, "url", &url, rq, rs) ||
      !sandbox_http_opt_string(body, "contentType", &ctype, rq, rs))
    goto out;
  if (!sandbox_review_doc_type(type, norm)) {
    sandbox_http_error(rs, rq, SANDBOX_HTTP_INVALID_PARAM,
                       "type must be kyc, source_of_funds, invoice, contract "
                       "or other");
    goto out;
  }
  if (url && url[0] == '\0')
    url = NULL;
  if (!sandbox_store_is_id(rq->segs[1])) {
    sandbox_http_error(rs, rq, SANDBOX_HTTP_NOT_FOUND,
                       "payment %.40s not found", rq->segs[1]);
    goto out;
  }
  c = sandbox_db_write_begin(sb->db);
  if (c == NULL) {
    sandbox_http_error(rs, rq, SANDBOX_HTTP_SERVER_ERROR, "database busy");
    goto out;
  }
  doc = sandbox_store_get_payment(c, rq->tenant, rq->segs[1]);
  if (doc == NULL) {
    sandbox_http_error(rs, rq, SANDBOX_HTTP_NOT_FOUND, "payment %s not found",
                       rq->segs[1]);
    goto out;
  }
  if (strcmp(sandbox_store_str(doc, "status"), "REQUIRES_REVIEW") != 0) {
    sandbox_http_error(rs, rq, SANDBOX_HTTP_PRECONDITION,
                       "documents can be added only in REQUIRES_REVIEW (this "
                       "payment is %s)",
                       sandbox_store_str(doc, "status"));
    goto out;
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
  cJSON *docs = cJSON_GetObjectItemCaseSensitive(doc, "documents");
  if (!cJSON_IsArray(docs))
    docs = cJSON_AddArrayToObject(doc, "documents");
  cJSON_AddItemToArray(docs, cJSON_Duplicate(d, 1));
  if (url)
    sandbox_store_set_str(doc, "documentationStatus", "UPLOADED");
  sandbox_store_set_time(doc, "updatedAt", now);
  const char *pid = sandbox_store_str(doc, "id");
  if (sandbox_store_put_payment(sb, c, rq->tenant, doc) != 0 ||
      sandbox_store_ledger(sb, c, rq, rq->tenant, "payment.document", pid,
                           norm) != 0 ||
      (url && sandbox_webhooks_payment(sb, c, "transaction.status_changed",
                                       doc) != 0)) {
    cJSON_Delete(d);
    goto out;
  }
  ok = true;
  cJSON *o = cJSON_CreateObject();
  cJSON_AddStringToObject(o, "paymentId", pid);
  cJSON_AddStringToObject(o, "status", sandbox_store_str(doc, "status"));
  sandbox_store_set_str(o, "documentationStatus",
                        sandbox_store_str(doc, "documentationStatus"));
  cJSON_AddItemToObject(o, "document", d);
  sandbox_http_json(rs, 201, o);
  cJSON_Delete(o);
out:
  if (c && sandbox_db_write_end(sb->db, c, ok) != 0 && ok)
    sandbox_http_error(rs, rq, SANDBOX_HTTP_SERVER_ERROR,
                       "the document could not be stored");
  if (!ok && rs->status == 0)
    sandbox_http_error(rs, rq, SANDBOX_HTTP_SERVER_ERROR,
                       "the document could not be stored");
  cJSON_Delete(doc);
  cJSON_Delete(body);
}

static const char upload_ins_sql[] =
    "INSERT INTO uploads(token, tenant, payment_id, key, content_type,"
    " expires_ms) VALUES(?1, ?2, ?3, ?4, ?5, ?6)";
static const char upload_sel_sql[] =
    "SELECT tenant, payment_id, key, content_type, expires_ms, used"
    " FROM uploads WHERE token = ?1";
static const char upload_use_sql[] =
    "UPDATE uploads SET used = 1 WHERE token = ?1";
static const char doc_ins_sql[] =
    "INSERT OR REPLACE INTO documents(key, tenant, payment_id, content_type,"
    " bytes, sha256, created_ms) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7)";
static const char doc_sel_sql[] =
    "SELECT content_type, bytes FROM documents WHERE key = ?1 AND tenant = ?2";

void sandbox_review_presign(struct sandbox *sb, struct sandbox_req *rq,
                            struct sandbox_resp *rs) {
  const char *type = NULL;
  const char *ctype = NULL;
  char norm[24];
  bool customer = strcmp(rq->segs[0], "customers") == 0;
  static const char *const allowed[] = {"type", "contentType", NULL};
  cJSON *body = sandbox_http_body_object(rq, rs, false);
  if (body == NULL)
    return;
  if (!sandbox_http_known_fields(body, allowed, rq, rs) ||
      !sandbox_http_req_string(body, "type", &type, rq, rs) ||
      !sandbox_http_opt_string(body, "contentType", &ctype, rq, rs))
    goto out;
  if (!sandbox_review_doc_type(type, norm)) {
    sandbox_http_error(rs, rq, SANDBOX_HTTP_INVALID_PARAM,
                       "type must be kyc, source_of_funds, invoice, contract "
                       "or other");
    goto out;
  }
  struct sandbox_conn *c = sandbox_db_write_begin(sb->db);
  if (c == NULL) {
    sandbox_http_error(rs, rq, SANDBOX_HTTP_SERVER_ERROR, "database busy");
    goto out;
  }
  const char *oid = rq->segs[1];
  cJSON *obj = sandbox_store_is_id(oid)
                   ? (customer ? sandbox_store_get_customer(c, rq->tenant, oid)
                               : sandbox_store_get_payment(c, rq->tenant, oid))
                   : NULL;
  bool ok = false;
  if (obj == NULL) {
    sandbox_http_error(rs, rq, SANDBOX_HTTP_NOT_FOUND, "%s %.40s not found",
                       customer ? "customer" : "payment", oid);
  } else if (!customer &&
             strcmp(sandbox_store_str(obj, "status"), "REQUIRES_REVIEW") != 0) {
    sandbox_http_error(rs, rq, SANDBOX_HTTP_PRECONDITION,
                       "documents can be added only in REQUIRES_REVIEW (this "
                       "payment is %s)",
                       sandbox_store_str(obj, "status"));
  } else {
    int64_t now = sandbox_clock_now(&sb->clock);
    char token[41];
    char key[160];
    char stamp[24];
    char ts[32];
    sandbox_rand_hex(&sb->rand, token, 40);
    sandbox_store_iso(now, ts);
    /* 20260417T150000123Z */
    snprintf(stamp, sizeof(stamp), "%.4s%.2s%.2sT%.2s%.2s%.2s%.3sZ", ts, ts + 5,
             ts + 8, ts + 11, ts + 14, ts + 17, ts + 20);
    snprintf(key, sizeof(key), "%s/%s/%s/%s",
             customer ? "customers" : "payments", oid, norm, stamp);
    sqlite3_stmt *st = sandbox_db_stmt(c, upload_ins_sql);
    if (st) {
      sandbox_db_bind_text(st, 1, token);
      sqlite3_bind_int(st, 2, rq->tenant);
      sandbox_db_bind_text(st, 3, oid);
      sandbox_db_bind_text(st, 4, key);
      sandbox_db_bind_text(st, 5, ctype);
      sqlite3_bind_int64(st, 6, now + PRESIGN_TTL_MS);
      ok = sqlite3_step(st) == SQLITE_DONE;
      sqlite3_reset(st);
    }
    if (ok) {
      /* The upload URL lives at the server root, beside /sandbox. */
      char root[128];
      snprintf(root, sizeof(root), "%s", sb->base_url);
      char *sfx = strstr(root, "/sandbox");
      if (sfx)
        *sfx = '\0';
      char url[256];
      char canon[384];
      snprintf(url, sizeof(url), "%s/_uploads/%s", root, token);
      snprintf(canon, sizeof(canon), "%s/documents/%s", sb->base_url, key);
      cJSON *o = cJSON_CreateObject();
      cJSON_AddStringToObject(o, "url", url);
      cJSON *f = cJSON_AddObjectToObject(o, "fields");
      if (ctype)
        cJSON_AddStringToObject(f, "Content-Type", ctype);
      cJSON_AddStringToObject(f, "key", key);
      cJSON_AddStringToObject(o, "canonicalUrl", canon);
      cJSON_AddStringToObject(o, "expiresAt",
                              sandbox_store_iso(now + PRESIGN_TTL_MS, ts));
      sandbox_http_json(rs, 200, o);
      cJSON_Delete(o);
    } else {
      sandbox_http_error(rs, rq, SANDBOX_HTTP_SERVER_ERROR,
                         "cannot store the upload descriptor");
    }
  }
  cJSON_Delete(obj);
  sandbox_db_write_end(sb->db, c, ok);
out:
  cJSON_Delete(body);
}

void sandbox_review_upload(struct sandbox *sb, struct sandbox_req *rq,
                           struct sandbox_resp *rs) {
  const char *token = rq->segs[1];
  struct sandbox_conn *c = sandbox_db_write_begin(sb->db);
  bool ok = false;
  if (c == NULL) {
    sandbox_http_error(rs, rq, SANDBOX_HTTP_SERVER_ERROR, "database busy");
    return;
  }
  sqlite3_stmt *st = sandbox_db_stmt(c, upload_sel_sql);
  if (st == NULL)
    goto out;
  sandbox_db_bind_text(st, 1, token);
  if (sqlite3_step(st) != SQLITE_ROW) {
    sqlite3_reset(st);
    sandbox_http_error(rs, rq, SANDBOX_HTTP_FORBIDDEN, "unknown upload URL");
    goto out;
  }
  int tenant = sqlite3_column_int(st, 0);
  char *oid = xstrdup(sandbox_db_col_text(st, 1));
  char *key = xstrdup(sandbox_db_col_text(st, 2));
  char *ctype = xstrdup(sandbox_db_col_text(st, 3));
  int64_t expires = sqlite3_column_int64(st, 4);
  int used = sqlite3_column_int(st, 5);
  sqlite3_reset(st);
  if (used || expires <= sandbox_clock_now(&sb->clock)) {
    sandbox_http_error(rs, rq, SANDBOX_HTTP_FORBIDDEN, "the upload URL has %s",
                       used ? "already been used" : "expired");
  } else if (rq->file_too_big) {
    sandbox_http_error(rs, rq, SANDBOX_HTTP_TOO_LARGE,
                       "file exceeds the 20 MiB limit");
  } else if (rq->file_data == NULL || rq->file_len == 0) {
    sandbox_http_error(rs, rq, SANDBOX_HTTP_MISSING_PARAM,
                       "multipart field 'file' is required");
  } else {
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int mdlen = 0;
    char hex[65] = "";
    EVP_Digest(rq->file_data, rq->file_len, md, &mdlen, EVP_sha256(), NULL);
    for (unsigned i = 0; i < mdlen && i < 32; i++)
      snprintf(hex + 2 * i, 3, "%02x", md[i]);
    st = sandbox_db_stmt(c, doc_ins_sql);
    if (st) {
      sandbox_db_bind_text(st, 1, key);
      sqlite3_bind_int(st, 2, tenant);
      sandbox_db_bind_text(st, 3, oid);
      sandbox_db_bind_text(st, 4,
                           ctype ? ctype
                           : rq->file_content_type
                               ? rq->file_content_type
                               : "application/octet-stream");
      sqlite3_bind_blob64(st, 5, rq->file_data, rq->file_len, SQLITE_STATIC);
      sandbox_db_bind_text(st, 6, hex);
      sqlite3_bind_int64(st, 7, sandbox_clock_now(&sb->clock));
      ok = sqlite3_step(st) == SQLITE_DONE;
      sqlite3_reset(st);
    }
    st = ok ? sandbox_db_stmt(c, upload_use_sql) : NULL;
    if (st) {
      sandbox_db_bind_text(st, 1, token);
      ok = sqlite3_step(st) == SQLITE_DONE;
      sqlite3_reset(st);
    }
    ok = ok && sandbox_store_ledger(sb, c, rq, tenant, "document.upload", oid,
                                    key) == 0;
    if (ok) {
      rs->status = 204;
      strbuf_reset(&rs->body);
    } else {
      sandbox_http_error(rs, rq, SANDBOX_HTTP_SERVER_ERROR,
                         "cannot store the file");
    }
  }
  free(oid);
  free(key);
  free(ctype);
out:
  if (sandbox_db_write_end(sb->db, c, ok) != 0 && ok)
    sandbox_http_error(rs, rq, SANDBOX_HTTP_SERVER_ERROR,
                       "cannot commit the file");
}

void sandbox_review_download(struct sandbox *sb, struct sandbox_req *rq,
                             struct sandbox_resp *rs) {
  char key[256];
  snprintf(key, sizeof(key), "%s/%s/%s/%s", rq->segs[1], rq->segs[2],
           rq->segs[3], rq->segs[4]);
  struct sandbox_conn *c = sandbox_db_read(sb->db);
  sqlite3_stmt *st = sandbox_db_stmt(c, doc_sel_sql);
  bool found = false;
  if (st) {
    sandbox_db_bind_text(st, 1, key);
    sqlite3_bind_int(st, 2, rq->tenant);
    if (sqlite3_step(st) == SQLITE_ROW) {
      size_t n = (size_t)sqlite3_column_bytes(st, 1);
      rs->bin = xmalloc(n ? n : 1);
      if (n)
        memcpy(rs->bin, sqlite3_column_blob(st, 1), n);
      rs->bin_len = n;
      const char *ct = sandbox_db_col_text(st, 0);
      snprintf(rs->ctype_buf, sizeof(rs->ctype_buf), "%s",
               ct ? ct : "application/octet-stream");
      rs->content_type = rs->ctype_buf;
      rs->status = 200;
      found = true;
    }
    sqlite3_reset(st);
  }
  sandbox_db_release(sb->db, c);
  if (!found)
    sandbox_http_error(rs, rq, SANDBOX_HTTP_NOT_FOUND, "document not found");
}

/* The rail customer snapshot of a payment's first origin/destination. */
static const cJSON *snapshot(const cJSON *doc) {
  static const char *const sides[] = {"origins", "destinations"};
  for (int s = 0; s < 2; s++) {
    const cJSON *node;
    cJSON_ArrayForEach(node, cJSON_GetObjectItemCaseSensitive(doc, sides[s])) {
      const cJSON *it;
      cJSON_ArrayForEach(it, node) {
        if (!cJSON_IsObject(it))
          continue;
        if (strcmp(it->string, "customer") == 0)
          return it;
        const cJSON *cu = cJSON_GetObjectItemCaseSensitive(it, "customer");
        if (cJSON_IsObject(cu))
          return cu;
      }
    }
  }
  return NULL;
}

void sandbox_review_payment_customer(struct sandbox *sb, struct sandbox_req *rq,
                                     struct sandbox_resp *rs) {
  struct sandbox_conn *c = sandbox_db_read(sb->db);
  cJSON *doc = sandbox_store_get_payment(c, rq->tenant, rq->segs[1]);
  cJSON *cu = NULL;
  if (doc && sandbox_store_str(doc, "customerId"))
    cu = sandbox_store_get_customer(c, rq->tenant,
                                    sandbox_store_str(doc, "customerId"));
  sandbox_db_release(sb->db, c);
  if (doc == NULL) {
    sandbox_http_error(rs, rq, SANDBOX_HTTP_NOT_FOUND,
                       "payment %.40s not found", rq->segs[1]);
    return;
  }
  cJSON *o = cJSON_CreateObject();
  cJSON_AddStringToObject(o, "paymentId", rq->segs[1]);
  cJSON_AddBoolToObject(o, "attached", cu != NULL);
  if (cu) {
    cJSON_AddItemToObject(o, "customer", cu);
  } else {
    const cJSON *snap = snapshot(doc);
    cJSON_AddItemToObject(o, "customer",
                          snap ? cJSON_Duplicate(snap, 1) : cJSON_CreateNull());
  }
  sandbox_http_json(rs, 200, o);
  cJSON_Delete(o);
  cJSON_Delete(doc);
}
