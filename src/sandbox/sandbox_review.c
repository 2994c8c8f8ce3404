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

/* `type` normalised into norm, or 400 (false). */
static bool doc_type_or_400(const char *type, char norm[24],
                            const struct sandbox_req *rq,
                            struct sandbox_resp *rs) {
  if (sandbox_review_doc_type(type, norm))
    return true;
  sandbox_http_error(rs, rq, SANDBOX_HTTP_INVALID_PARAM,
                     "type must be kyc, source_of_funds, invoice, contract "
                     "or other");
  return false;
}

/* The payment in review (locked in c); NULL when answered. */
static cJSON *payment_in_review(struct sandbox_conn *c,
                                const struct sandbox_req *rq,
                                struct sandbox_resp *rs, const char *id) {
  cJSON *doc = sandbox_store_is_id(id)
                   ? sandbox_store_get_payment(c, rq->tenant, id)
                   : NULL;
  if (doc == NULL) {
    sandbox_http_error(rs, rq, SANDBOX_HTTP_NOT_FOUND,
                       "payment %.40s not found", id);
    return NULL;
  }
  if (strcmp(sandbox_store_str(doc, "status"), "REQUIRES_REVIEW") != 0) {
    sandbox_http_error(rs, rq, SANDBOX_HTTP_PRECONDITION,
                       "documents can be added only in REQUIRES_REVIEW (this "
                       "payment is %s)",
                       sandbox_store_str(doc, "status"));
    cJSON_Delete(doc);
    return NULL;
  }
  return doc;
}

/* A document entry: UPLOADED with a url, PENDING_UPLOAD without. */
static cJSON *new_document(const char *norm, const char *url, const char *ctype,
                           int64_t now) {
  char ts[32];
  cJSON *d = cJSON_CreateObject();
  cJSON_AddStringToObject(d, "type", norm);
  sandbox_store_set_str(d, "url", url);
  sandbox_store_set_str(d, "contentType", ctype);
  sandbox_store_set_str(d, "uploadedAt",
                        url ? sandbox_store_iso(now, ts) : NULL);
  cJSON_AddStringToObject(d, "status", url ? "UPLOADED" : "PENDING_UPLOAD");
  return d;
}

/* Append d to the payment's documents and store it (documentationStatus
 * UPLOADED with a url). Returns 0 or -1. */
static int attach_document(struct sandbox *sb, struct sandbox_conn *c,
                           const struct sandbox_req *rq, cJSON *doc,
                           const cJSON *d, const char *norm, bool uploaded,
                           int64_t now) {
  cJSON *docs = cJSON_GetObjectItemCaseSensitive(doc, "documents");
  if (!cJSON_IsArray(docs))
    docs = cJSON_AddArrayToObject(doc, "documents");
  cJSON_AddItemToArray(docs, cJSON_Duplicate(d, 1));
  if (uploaded)
    sandbox_store_set_str(doc, "documentationStatus", "UPLOADED");
  sandbox_store_set_time(doc, "updatedAt", now);
  return sandbox_store_put_payment(sb, c, rq->tenant, doc) != 0 ||
                 sandbox_store_ledger(sb, c, rq, rq->tenant, "payment.document",
                                      sandbox_store_str(doc, "id"),
                                      norm) != 0 ||
                 (uploaded &&
                  sandbox_webhooks_payment(sb, c, "transaction.status_changed",
                                           doc) != 0)
             ? -1
             : 0;
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
      !sandbox_http_opt_string(body, "contentType", &ctype, rq, rs) ||
      !doc_type_or_400(type, norm, rq, rs))
    goto out;
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
  if ((doc = payment_in_review(c, rq, rs, rq->segs[1])) == NULL)
    goto out;
  int64_t now = sandbox_clock_now(&sb->clock);
  cJSON *d = new_document(norm, url, ctype, now);
  if (attach_document(sb, c, rq, doc, d, norm, url != NULL, now) != 0) {
    cJSON_Delete(d);
    goto out;
  }
  ok = true;
  cJSON *o = cJSON_CreateObject();
  cJSON_AddStringToObject(o, "paymentId", sandbox_store_str(doc, "id"));
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

/* The upload descriptor of `token`: object, key, content type, expiry.
 * Returns true when stored. */
static bool store_descriptor(struct sandbox_conn *c,
                             const struct sandbox_req *rq, const char *token,
                             const char *oid, const char *key,
                             const char *ctype, int64_t expires) {
  sqlite3_stmt *st = sandbox_db_stmt(c, upload_ins_sql);
  bool ok = false;
  if (st) {
    sandbox_db_bind_text(st, 1, token);
    sqlite3_bind_int(st, 2, rq->tenant);
    sandbox_db_bind_text(st, 3, oid);
    sandbox_db_bind_text(st, 4, key);
    sandbox_db_bind_text(st, 5, ctype);
    sqlite3_bind_int64(st, 6, expires);
    ok = sqlite3_step(st) == SQLITE_DONE;
    sqlite3_reset(st);
  }
  return ok;
}

/* {"url","fields","canonicalUrl","expiresAt"}: the upload URL lives at
 * the server root, beside /sandbox. */
static void presign_answer(const struct sandbox *sb, struct sandbox_resp *rs,
                           const char *token, const char *key,
                           const char *ctype, int64_t expires) {
  char root[128];
  char url[256];
  char canon[384];
  char ts[32];
  snprintf(root, sizeof(root), "%s", sb->base_url);
  char *sfx = strstr(root, "/sandbox");
  if (sfx)
    *sfx = '\0';
  snprintf(url, sizeof(url), "%s/_uploads/%s", root, token);
  snprintf(canon, sizeof(canon), "%s/documents/%s", sb->base_url, key);
  cJSON *o = cJSON_CreateObject();
  cJSON_AddStringToObject(o, "url", url);
  cJSON *f = cJSON_AddObjectToObject(o, "fields");
  if (ctype)
    cJSON_AddStringToObject(f, "Content-Type", ctype);
  cJSON_AddStringToObject(f, "key", key);
  cJSON_AddStringToObject(o, "canonicalUrl", canon);
  cJSON_AddStringToObject(o, "expiresAt", sandbox_store_iso(expires, ts));
  sandbox_http_json(rs, 200, o);
  cJSON_Delete(o);
}

/* Presign for the payment (in review) or customer `oid`. */
static bool presign(struct sandbox *sb, struct sandbox_conn *c,
                    const struct sandbox_req *rq, struct sandbox_resp *rs,
                    const char *norm, const char *ctype) {
  bool customer = strcmp(rq->segs[0], "customers") == 0;
  const char *oid = rq->segs[1];
  cJSON *obj = NULL;
  if (customer &&
      (!sandbox_store_is_id(oid) ||
       (obj = sandbox_store_get_customer(c, rq->tenant, oid)) == NULL)) {
    sandbox_http_error(rs, rq, SANDBOX_HTTP_NOT_FOUND,
                       "customer %.40s not found", oid);
    return false;
  }
  if (!customer && (obj = payment_in_review(c, rq, rs, oid)) == NULL)
    return false;
  cJSON_Delete(obj);
  int64_t now = sandbox_clock_now(&sb->clock);
  char token[41];
  char key[160];
  char ts[32];
  sandbox_rand_hex(&sb->rand, token, 40);
  sandbox_store_iso(now, ts);
  /* .../20260417T150000123Z */
  snprintf(key, sizeof(key), "%s/%s/%s/%.4s%.2s%.2sT%.2s%.2s%.2s%.3sZ",
           customer ? "customers" : "payments", oid, norm, ts, ts + 5, ts + 8,
           ts + 11, ts + 14, ts + 17, ts + 20);
  if (!store_descriptor(c, rq, token, oid, key, ctype, now + PRESIGN_TTL_MS)) {
    sandbox_http_error(rs, rq, SANDBOX_HTTP_SERVER_ERROR,
                       "cannot store the upload descriptor");
    return false;
  }
  presign_answer(sb, rs, token, key, ctype, now + PRESIGN_TTL_MS);
  return true;
}

void sandbox_review_presign(struct sandbox *sb, struct sandbox_req *rq,
                            struct sandbox_resp *rs) {
  const char *type = NULL;
  const char *ctype = NULL;
  char norm[24];
  static const char *const allowed[] = {"type", "contentType", NULL};
  cJSON *body = sandbox_http_body_object(rq, rs, false);
  if (body == NULL)
    return;
  if (!sandbox_http_known_fields(body, allowed, rq, rs) ||
      !sandbox_http_req_string(body, "type", &type, rq, rs) ||
      !sandbox_http_opt_string(body, "contentType", &ctype, rq, rs) ||
      !doc_type_or_400(type, norm, rq, rs))
    goto out;
  struct sandbox_conn *c = sandbox_db_write_begin(sb->db);
  if (c == NULL) {
    sandbox_http_error(rs, rq, SANDBOX_HTTP_SERVER_ERROR, "database busy");
    goto out;
  }
  sandbox_db_write_end(sb->db, c, presign(sb, c, rq, rs, norm, ctype));
out:
  cJSON_Delete(body);
}

/* Keep the uploaded file (with its SHA-256) under `key` and spend the
 * token. Returns true when both are stored. */
static bool store_file(struct sandbox *sb, struct sandbox_conn *c,
                       const struct sandbox_req *rq, int tenant,
                       const char *oid, const char *key, const char *ctype) {
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int mdlen = 0;
  char hex[65] = "";
  bool ok = false;
  EVP_Digest(rq->file_data, rq->file_len, md, &mdlen, EVP_sha256(), NULL);
  for (unsigned i = 0; i < mdlen && i < 32; i++)
    snprintf(hex + 2 * i, 3, "%02x", md[i]);
  sqlite3_stmt *st = sandbox_db_stmt(c, doc_ins_sql);
  if (st) {
    sandbox_db_bind_text(st, 1, key);
    sqlite3_bind_int(st, 2, tenant);
    sandbox_db_bind_text(st, 3, oid);
    sandbox_db_bind_text(st, 4,
                         ctype                   ? ctype
                         : rq->file_content_type ? rq->file_content_type
                                                 : "application/octet-stream");
    sqlite3_bind_blob64(st, 5, rq->file_data, rq->file_len, SQLITE_STATIC);
    sandbox_db_bind_text(st, 6, hex);
    sqlite3_bind_int64(st, 7, sandbox_clock_now(&sb->clock));
    ok = sqlite3_step(st) == SQLITE_DONE;
    sqlite3_reset(st);
  }
  st = ok ? sandbox_db_stmt(c, upload_use_sql) : NULL;
  if (st) {
    sandbox_db_bind_text(st, 1, rq->segs[1]);
    ok = sqlite3_step(st) == SQLITE_DONE;
    sqlite3_reset(st);
  }
  return ok && st != NULL;
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
  } else if (store_file(sb, c, rq, tenant, oid, key, ctype) &&
             sandbox_store_ledger(sb, c, rq, tenant, "document.upload", oid,
                                  key) == 0) {
    ok = true;
    rs->status = 204;
    strbuf_reset(&rs->body);
  } else {
    sandbox_http_error(rs, rq, SANDBOX_HTTP_SERVER_ERROR,
                       "cannot store the file");
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
