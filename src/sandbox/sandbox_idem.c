/*
 * sandbox_idem - stored first responses per Idempotency-Key; see
 * sandbox_idem.h.
 */
#include "sandbox/sandbox_idem.h"

#include <openssl/evp.h>
#include <stdio.h>
#include <string.h>

#include "sandbox/sandbox.h"

#define IDEM_TTL_MS (24LL * 3600 * 1000)

static const char idem_sel_sql[] =
    "SELECT fingerprint, state, http_status, body, created_ms"
    " FROM idempotency WHERE tenant = ?1 AND key = ?2";
static const char idem_put_sql[] =
    "INSERT OR REPLACE INTO idempotency(tenant, key, fingerprint, state,"
    " http_status, body, created_ms) VALUES(?1, ?2, ?3, 'IN_FLIGHT', NULL,"
    " NULL, ?4)";
static const char idem_done_sql[] =
    "UPDATE idempotency SET state = 'DONE', http_status = ?3, body = ?4"
    " WHERE tenant = ?1 AND key = ?2";
static const char idem_del_sql[] =
    "DELETE FROM idempotency WHERE tenant = ?1 AND key = ?2";

static void fingerprint(const struct sandbox_req *rq, char out[65]) {
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int mdlen = 0;
  EVP_MD_CTX *ctx = EVP_MD_CTX_new();
  EVP_DigestInit_ex(ctx, EVP_sha256(), NULL);
  EVP_DigestUpdate(ctx, rq->method, strlen(rq->method));
  EVP_DigestUpdate(ctx, "\n", 1);
  EVP_DigestUpdate(ctx, rq->path, strlen(rq->path));
  EVP_DigestUpdate(ctx, "\n", 1);
  EVP_DigestUpdate(ctx, rq->body, rq->body_len);
  EVP_DigestFinal_ex(ctx, md, &mdlen);
  EVP_MD_CTX_free(ctx);
  for (unsigned i = 0; i < mdlen && i < 32; i++)
    snprintf(out + 2 * i, 3, "%02x", md[i]);
}

enum sandbox_idem_state sandbox_idem_begin(struct sandbox *sb,
                                           const struct sandbox_req *rq,
                                           struct sandbox_resp *rs) {
  char fp[65] = "";
  enum sandbox_idem_state ret = SANDBOX_IDEM_ANSWERED;
  int64_t now = sandbox_clock_now(&sb->clock);
  if (strlen(rq->idem_key) > 255) {
    sandbox_http_error(rs, rq, SANDBOX_HTTP_INVALID_PARAM,
                       "Idempotency-Key is longer than 255 characters");
    return ret;
  }
  fingerprint(rq, fp);
  struct sandbox_conn *c = sandbox_db_write_begin(sb->db);
  if (c == NULL) {
    sandbox_http_error(rs, rq, SANDBOX_HTTP_SERVER_ERROR, "database busy");
    return ret;
  }
  sqlite3_stmt *st = sandbox_db_stmt(c, idem_sel_sql);
  bool ok = false;
  if (st == NULL)
    goto out;
  sqlite3_bind_int(st, 1, rq->tenant);
  sandbox_db_bind_text(st, 2, rq->idem_key);
  if (sqlite3_step(st) == SQLITE_ROW &&
      sqlite3_column_int64(st, 4) + IDEM_TTL_MS > now) {
    const char *old_fp = sandbox_db_col_text(st, 0);
    const char *state = sandbox_db_col_text(st, 1);
    if (strcmp(old_fp, fp) != 0) {
      sandbox_http_error(rs, rq, SANDBOX_HTTP_PRECONDITION,
                         "Idempotency-Key was already used with different "
                         "parameters");
    } else if (strcmp(state, "DONE") != 0 && strcmp(state, "LOST") != 0) {
      sandbox_http_error(rs, rq, SANDBOX_HTTP_ALREADY_EXIST,
                         "a request with this Idempotency-Key is still in "
                         "progress");
    } else {
      const char *body = sandbox_db_col_text(st, 3);
      sandbox_http_raw(rs, (unsigned)sqlite3_column_int(st, 2),
                       body ? body : "");
      rs->replayed = true;
    }
    sqlite3_reset(st);
    ok = true;
    goto out;
  }
  sqlite3_reset(st);
  st = sandbox_db_stmt(c, idem_put_sql);
  if (st == NULL)
    goto out;
  sqlite3_bind_int(st, 1, rq->tenant);
  sandbox_db_bind_text(st, 2, rq->idem_key);
  sandbox_db_bind_text(st, 3, fp);
  sqlite3_bind_int64(st, 4, now);
  ok = sqlite3_step(st) == SQLITE_DONE;
  sqlite3_reset(st);
  if (ok)
    ret = SANDBOX_IDEM_PROCEED;
out:
  if (sandbox_db_write_end(sb->db, c, ok) != 0 || !ok) {
    sandbox_http_error(rs, rq, SANDBOX_HTTP_SERVER_ERROR,
                       "cannot record the Idempotency-Key");
    ret = SANDBOX_IDEM_ANSWERED;
  }
  return ret;
}

void sandbox_idem_finish(struct sandbox *sb, const struct sandbox_req *rq,
                         const struct sandbox_resp *rs) {
  struct sandbox_conn *c = sandbox_db_write_begin(sb->db);
  if (c == NULL)
    return;
  bool forget = rs->status >= 500 || rs->status == 429 || rs->status == 0;
  sqlite3_stmt *st = sandbox_db_stmt(c, forget ? idem_del_sql : idem_done_sql);
  bool ok = false;
  if (st) {
    sqlite3_bind_int(st, 1, rq->tenant);
    sandbox_db_bind_text(st, 2, rq->idem_key);
    if (!forget) {
      sqlite3_bind_int(st, 3, (int)rs->status);
      sqlite3_bind_text(st, 4, strbuf_str(&rs->body), (int)rs->body.len,
                        SQLITE_TRANSIENT);
    }
    ok = sqlite3_step(st) == SQLITE_DONE;
    sqlite3_reset(st);
  }
  sandbox_db_write_end(sb->db, c, ok);
}

static const char lost_sql[] =
    "UPDATE idempotency SET state = 'LOST', http_status = 409, body = ?1"
    " WHERE state = 'IN_FLIGHT' AND EXISTS (SELECT 1 FROM ledger"
    " WHERE ledger.tenant = idempotency.tenant"
    " AND ledger.idempotency_key = idempotency.key)";

void sandbox_idem_recover(struct sandbox *sb) {
  /* A key left in flight by a crash: if the ledger shows that its request
   * changed state, the change is committed but its answer was lost, so
   * the key answers 409 for good (a retry must not execute twice);
   * otherwise nothing was committed and the key is forgotten. */
  char trace[40];
  char body[512];
  sandbox_rand_uuid(&sb->rand, trace);
  snprintf(body, sizeof(body),
           "{\"status\":409,\"code\":\"13\",\"type\":\"alreadyExist\","
           "\"detail\":\"the request with this Idempotency-Key was executed "
           "but its answer was lost when the sandbox stopped; read the "
           "resource to see the outcome\",\"traceId\":\"%s\"}",
           trace);
  struct sandbox_conn *c = sandbox_db_write_begin(sb->db);
  if (c == NULL)
    return;
  bool ok = false;
  sqlite3_stmt *st = sandbox_db_stmt(c, lost_sql);
  if (st) {
    sandbox_db_bind_text(st, 1, body);
    ok = sqlite3_step(st) == SQLITE_DONE;
    sqlite3_reset(st);
  }
  ok = ok && sandbox_db_exec(c, "DELETE FROM idempotency"
                                " WHERE state = 'IN_FLIGHT'") == SQLITE_OK;
  sandbox_db_write_end(sb->db, c, ok);
}
