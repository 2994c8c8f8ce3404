/*
 * cache_webhook - delivery keys, recorded atomically with their effect.
 */
#include "cache/cache_webhook.h"

#include <stdlib.h>

#include "cache/cache_int.h"
#include "core/xalloc.h"

char *cache_webhook_key(const char *event_type, const char *object_id,
                        const char *status) {
  return xasprintf("%s|%s|%s", event_type ? event_type : "",
                   object_id ? object_id : "", status ? status : "");
}

/* INSERT OR IGNORE the key inside the caller's transaction. */
static enum cache_err record_key(struct cache *c, const char *key,
                                 bool *already) {
  sqlite3_stmt *st = NULL;
  enum cache_err err = cache_sql_prepare(
      c, "INSERT OR IGNORE INTO webhook_seen(key, seen_at) VALUES(?1,?2)", &st);
  if (err)
    goto out;
  int rc = sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
  if (rc == SQLITE_OK)
    rc = sqlite3_bind_int64(st, 2, cache_sql_now_ms());
  if (rc == SQLITE_OK)
    rc = sqlite3_step(st);
  if (rc != SQLITE_DONE)
    err = cache_err_from_rc(rc);
  else
    *already = sqlite3_changes(c->db) == 0;
out:
  sqlite3_finalize(st);
  return err;
}

enum cache_err cache_webhook_seen(struct cache *c, const char *key,
                                  bool *already) {
  *already = false;
  if (c == NULL || key == NULL || key[0] == '\0')
    return CACHE_ERR_INVALID;
  return record_key(c, key, already);
}

enum cache_err cache_webhook_apply_payment(struct cache *c, const char *key,
                                           const struct payment *p,
                                           bool *already) {
  *already = false;
  if (c == NULL || key == NULL || key[0] == '\0' || p == NULL)
    return CACHE_ERR_INVALID;
  enum cache_err err = cache_sql_begin(c);
  if (err)
    return err;
  err = record_key(c, key, already);
  if (!err && !*already)
    err = cache_payments_upsert_in_tx(c, p, 1);
  if (!err && !*already && !c->fts_deferred)
    err = cache_payments_fts_fill_in_tx(c);
  if (err || *already) {
    cache_sql_rollback(c);
    return err;
  }
  return cache_sql_commit(c);
}

enum cache_err cache_webhook_prune(struct cache *c, int64_t before_ms) {
  if (c == NULL)
    return CACHE_ERR_INVALID;
  sqlite3_stmt *st = NULL;
  enum cache_err err =
      cache_sql_prepare(c, "DELETE FROM webhook_seen WHERE seen_at < ?1", &st);
  if (err)
    goto out;
  int rc = sqlite3_bind_int64(st, 1, before_ms);
  if (rc == SQLITE_OK)
    rc = sqlite3_step(st);
  if (rc != SQLITE_DONE)
    err = cache_err_from_rc(rc);
out:
  sqlite3_finalize(st);
  return err;
}
