/*
 * cache_maint - whole-cache operations: purge, integrity check, and
 * interrupting a long read from another thread.
 *
 * Purge empties the cached API data (payments, customers, accounts,
 * identities, sync state, webhook keys, finished outbox entries) so that
 * the next sync starts from scratch. It keeps what only this machine knows:
 * open outbox entries (unsent or unresolved money actions) and the
 * append-only activity log. It refuses (CACHE_ERR_STATE) while an entry is
 * "sent" - a request is in flight, possibly from another desk, and its
 * reconciliation will want the cached payment. Deleted content is
 * overwritten (secure_delete) and the WAL truncated afterwards.
 */
#include "cache/cache.h"

#include <stdlib.h>
#include <string.h>

#include "cache/cache_int.h"
#include "core/strbuf.h"
#include "core/xalloc.h"

void cache_interrupt(struct cache *c) {
  if (c && c->db)
    sqlite3_interrupt(c->db);
}

static const char *const purge_sql[] = {
    "DELETE FROM payments",
    "DELETE FROM customer_documents",
    "DELETE FROM customers",
    "DELETE FROM accounts",
    "DELETE FROM identities",
    "DELETE FROM meta",
    "DELETE FROM webhook_seen",
    "DELETE FROM quarantine",
    "DELETE FROM outbox WHERE state NOT IN ('pending','sent','unknown')",
};

enum cache_err cache_purge(struct cache *c) {
  if (c == NULL)
    return CACHE_ERR_INVALID;
  (void)cache_sql_exec(c, "PRAGMA secure_delete=ON");
  enum cache_err err = cache_sql_begin(c);
  if (err)
    goto out;
  int64_t in_flight = 0;
  err = cache_sql_query_int(
      c, "SELECT count(*) FROM outbox WHERE state = 'sent'", &in_flight);
  if (!err && in_flight > 0)
    err = CACHE_ERR_STATE;
  for (size_t i = 0; !err && i < sizeof purge_sql / sizeof purge_sql[0]; i++)
    err = cache_sql_exec(c, purge_sql[i]);
  if (err) {
    cache_sql_rollback(c);
    goto out;
  }
  err = cache_sql_commit(c);
  if (!err)
    (void)cache_sql_exec(c, "PRAGMA wal_checkpoint(TRUNCATE)");
out:
  (void)cache_sql_exec(c, "PRAGMA secure_delete=OFF");
  return err;
}

enum cache_err cache_integrity_check(struct cache *c, char **report) {
  if (report)
    *report = NULL;
  if (c == NULL)
    return CACHE_ERR_INVALID;
  struct strbuf sb;
  strbuf_init(&sb, 4096);
  sqlite3_stmt *st = NULL;
  enum cache_err err = cache_sql_prepare(c, "PRAGMA integrity_check(20)", &st);
  if (err)
    goto out;
  int rc;
  bool ok = false;
  while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
    const char *line = (const char *)sqlite3_column_text(st, 0);
    if (line && strcmp(line, "ok") == 0) {
      ok = true;
      continue;
    }
    if (sb.len)
      strbuf_puts(&sb, "; ");
    strbuf_puts(&sb, line ? line : "?");
  }
  if (rc != SQLITE_DONE) {
    err = cache_err_from_rc(rc);
    goto out;
  }
  if (!ok)
    err = CACHE_ERR_CORRUPT;
  /* The full-text indexes must agree with their tables. The payments'
   * one can only be compared once it is complete: rows after its mark are
   * by design not in it yet (cache_write.h). */
  static const char *const fts_checks[] = {
      "INSERT INTO customers_fts(customers_fts) VALUES('integrity-check')",
      "INSERT INTO payments_fts(payments_fts) VALUES('integrity-check')",
  };
  int64_t pending = 0;
  if (!err && cache_sql_query_int(c,
                                  "SELECT count(*) FROM payments WHERE rowid"
                                  " > (SELECT upto FROM payments_fts_mark)",
                                  &pending) != CACHE_OK)
    pending = 1;
  for (size_t i = 0; !err && i < (pending > 0 ? 1u : 2u); i++) {
    enum cache_err e = cache_sql_exec(c, fts_checks[i]);
    if (e) {
      err = CACHE_ERR_CORRUPT;
      if (sb.len)
        strbuf_puts(&sb, "; ");
      strbuf_printf(&sb, "full-text index: %s", sqlite3_errmsg(c->db));
    }
  }
out:
  sqlite3_finalize(st);
  if (report && sb.len)
    *report = strbuf_detach(&sb);
  strbuf_cleanup(&sb);
  return err;
}
