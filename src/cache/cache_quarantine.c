/*
 * cache_quarantine - unreadable records. See cache_quarantine.h.
 */
#include "cache/cache_quarantine.h"

#include <stdlib.h>
#include <string.h>

#include "cache/cache_int.h"
#include "core/xalloc.h"

void cache_quarantine_list_cleanup(struct cache_quarantine_list *l) {
  if (l == NULL)
    return;
  for (size_t i = 0; i < l->count; i++) {
    free(l->items[i].kind);
    free(l->items[i].item_id);
    free(l->items[i].reason);
    free(l->items[i].raw_json);
  }
  free(l->items);
  memset(l, 0, sizeof(*l));
}

/* Runs a prepared statement to completion (binds already done). */
static enum cache_err step_done(sqlite3_stmt *st, int rc) {
  if (rc == SQLITE_OK)
    rc = sqlite3_step(st);
  return rc == SQLITE_DONE ? CACHE_OK : cache_err_from_rc(rc);
}

enum cache_err cache_quarantine_put(struct cache *c, const char *kind,
                                    const char *item_id, const char *reason,
                                    const char *raw_json, int64_t now_ms) {
  if (c == NULL || kind == NULL || reason == NULL || raw_json == NULL)
    return CACHE_ERR_INVALID;
  sqlite3_stmt *st = NULL;
  enum cache_err err = cache_sql_prepare(
      c,
      "INSERT INTO quarantine(kind, item_key, item_id, reason, raw_json,"
      " first_seen, last_seen, seen_count) VALUES(?1,?2,?3,?4,?5,?6,?6,1)"
      " ON CONFLICT(kind, item_key) DO UPDATE SET reason=excluded.reason,"
      " raw_json=excluded.raw_json, last_seen=excluded.last_seen,"
      " seen_count=seen_count+1",
      &st);
  if (err)
    return err;
  char *key = item_id ? xasprintf("id:%s", item_id)
                      : xasprintf("raw:%s", raw_json);
  int rc = sqlite3_bind_text(st, 1, kind, -1, SQLITE_STATIC);
  if (rc == SQLITE_OK)
    rc = sqlite3_bind_text(st, 2, key, -1, SQLITE_STATIC);
  if (rc == SQLITE_OK)
    rc = cache_sql_bind_text(st, 3, item_id);
  if (rc == SQLITE_OK)
    rc = sqlite3_bind_text(st, 4, reason, -1, SQLITE_STATIC);
  if (rc == SQLITE_OK)
    rc = sqlite3_bind_text(st, 5, raw_json, -1, SQLITE_STATIC);
  if (rc == SQLITE_OK)
    rc = sqlite3_bind_int64(st, 6, now_ms);
  err = step_done(st, rc);
  sqlite3_finalize(st);
  free(key);
  return err;
}

enum cache_err cache_quarantine_resolve(struct cache *c, const char *kind,
                                        const char *const *ids, size_t n) {
  if (c == NULL || kind == NULL || (n > 0 && ids == NULL))
    return CACHE_ERR_INVALID;
  if (n == 0)
    return CACHE_OK;
  sqlite3_stmt *st = NULL;
  enum cache_err err = cache_sql_prepare(
      c, "DELETE FROM quarantine WHERE kind=?1 AND item_key='id:'||?2", &st);
  for (size_t i = 0; !err && i < n; i++) {
    if (ids[i] == NULL)
      continue;
    sqlite3_reset(st);
    int rc = sqlite3_bind_text(st, 1, kind, -1, SQLITE_STATIC);
    if (rc == SQLITE_OK)
      rc = sqlite3_bind_text(st, 2, ids[i], -1, SQLITE_STATIC);
    err = step_done(st, rc);
  }
  sqlite3_finalize(st);
  return err;
}

enum cache_err cache_quarantine_count(struct cache *c, int64_t *count) {
  if (c == NULL || count == NULL)
    return CACHE_ERR_INVALID;
  return cache_sql_query_int(c, "SELECT count(*) FROM quarantine", count);
}

enum cache_err cache_quarantine_count_since(struct cache *c, int64_t since_ms,
                                            int64_t *count) {
  if (c == NULL || count == NULL)
    return CACHE_ERR_INVALID;
  sqlite3_stmt *st = NULL;
  enum cache_err err = cache_sql_prepare(
      c, "SELECT count(*) FROM quarantine WHERE last_seen >= ?1", &st);
  if (err)
    return err;
  int rc = sqlite3_bind_int64(st, 1, since_ms);
  if (rc == SQLITE_OK)
    rc = sqlite3_step(st);
  if (rc == SQLITE_ROW)
    *count = sqlite3_column_int64(st, 0);
  err = rc == SQLITE_ROW ? CACHE_OK : cache_err_from_rc(rc);
  sqlite3_finalize(st);
  return err;
}

enum cache_err cache_quarantine_list(struct cache *c, size_t limit,
                                     struct cache_quarantine_list *out) {
  if (c == NULL || out == NULL)
    return CACHE_ERR_INVALID;
  sqlite3_stmt *st = NULL;
  enum cache_err err = cache_sql_prepare(
      c,
      "SELECT kind, item_id, reason, raw_json, first_seen, last_seen,"
      " seen_count FROM quarantine ORDER BY last_seen DESC, id DESC"
      " LIMIT ?1",
      &st);
  if (err)
    return err;
  int rc = sqlite3_bind_int64(st, 1, (sqlite3_int64)limit);
  while (rc == SQLITE_OK || rc == SQLITE_ROW) {
    rc = sqlite3_step(st);
    if (rc != SQLITE_ROW)
      break;
    if (out->count == out->cap) {
      out->cap = out->cap ? out->cap * 2 : 16;
      out->items = xrealloc(out->items, out->cap * sizeof(*out->items));
    }
    struct cache_quarantine_item *q = &out->items[out->count++];
    q->kind = cache_sql_column_strdup(st, 0);
    q->item_id = cache_sql_column_strdup(st, 1);
    q->reason = cache_sql_column_strdup(st, 2);
    q->raw_json = cache_sql_column_strdup(st, 3);
    q->first_seen_ms = sqlite3_column_int64(st, 4);
    q->last_seen_ms = sqlite3_column_int64(st, 5);
    q->seen_count = sqlite3_column_int64(st, 6);
  }
  err = rc == SQLITE_DONE ? CACHE_OK : cache_err_from_rc(rc);
  sqlite3_finalize(st);
  return err;
}
