/*
 * cache_activity - append and list the activity log.
 */
#include "cache/cache_activity.h"

#include <stdlib.h>
#include <string.h>

#include "cache/cache_int.h"
#include "core/xalloc.h"

void cache_activity_cleanup(struct cache_activity *a) {
  if (a == NULL)
    return;
  free(a->action);
  free(a->payment_id);
  free(a->outcome);
  free(a->trace_id);
  free(a->detail);
  memset(a, 0, sizeof *a);
}

void cache_activity_list_cleanup(struct cache_activity_list *l) {
  if (l == NULL)
    return;
  for (size_t i = 0; i < l->count; i++)
    cache_activity_cleanup(&l->items[i]);
  free(l->items);
  memset(l, 0, sizeof *l);
}

static struct cache_activity *push(struct cache_activity_list *l) {
  if (l->count == l->cap) {
    l->cap = l->cap ? l->cap * 2 : 16;
    l->items = xreallocarray(l->items, l->cap, sizeof *l->items);
  }
  struct cache_activity *a = &l->items[l->count++];
  memset(a, 0, sizeof *a);
  return a;
}

enum cache_err cache_activity_insert(struct cache *c, int64_t at_ms,
                                     int64_t outbox_id, const char *action,
                                     const char *payment_id,
                                     const char *outcome, const char *trace_id,
                                     const char *detail, int64_t *id) {
  if (c == NULL || action == NULL || outcome == NULL)
    return CACHE_ERR_INVALID;
  sqlite3_stmt *st = NULL;
  enum cache_err err = cache_sql_prepare(
      c,
      "INSERT INTO activity(at_ms, action, payment_id, outcome, trace_id,"
      " detail, outbox_id) VALUES(?1,?2,?3,?4,?5,?6,?7)",
      &st);
  if (err)
    goto out;
  int rc = sqlite3_bind_int64(st, 1, at_ms ? at_ms : cache_sql_now_ms());
  if (rc == SQLITE_OK)
    rc = cache_sql_bind_text(st, 2, action);
  if (rc == SQLITE_OK)
    rc = cache_sql_bind_text(st, 3, payment_id);
  if (rc == SQLITE_OK)
    rc = cache_sql_bind_text(st, 4, outcome);
  if (rc == SQLITE_OK)
    rc = cache_sql_bind_text(st, 5, trace_id);
  if (rc == SQLITE_OK)
    rc = cache_sql_bind_text(st, 6, detail);
  if (rc == SQLITE_OK)
    rc = outbox_id ? sqlite3_bind_int64(st, 7, outbox_id)
                   : sqlite3_bind_null(st, 7);
  if (rc == SQLITE_OK)
    rc = sqlite3_step(st);
  if (rc != SQLITE_DONE)
    err = cache_err_from_rc(rc);
  else if (id)
    *id = sqlite3_last_insert_rowid(c->db);
out:
  sqlite3_finalize(st);
  return err;
}

enum cache_err cache_activity_append(struct cache *c,
                                     const struct cache_activity *a,
                                     int64_t *id) {
  if (a == NULL)
    return CACHE_ERR_INVALID;
  return cache_activity_insert(c, a->at_ms, a->outbox_id, a->action,
                               a->payment_id, a->outcome, a->trace_id,
                               a->detail, id);
}

enum cache_err cache_activity_list(struct cache *c, const char *payment_id,
                                   int64_t before_id, size_t limit,
                                   struct cache_activity_list *out,
                                   int64_t *next_before) {
  if (next_before)
    *next_before = 0;
  if (c == NULL || out == NULL)
    return CACHE_ERR_INVALID;
  if (limit == 0)
    return CACHE_OK;
  if (limit > INT32_MAX - 1)
    limit = INT32_MAX - 1;
  sqlite3_stmt *st = NULL;
  enum cache_err err = cache_sql_prepare(
      c,
      "SELECT id, at_ms, outbox_id, action, payment_id, outcome, trace_id,"
      " detail FROM activity WHERE (?1 = 0 OR id < ?1)"
      " AND (?2 IS NULL OR payment_id = ?2) ORDER BY id DESC LIMIT ?3",
      &st);
  if (err)
    goto out;
  int rc = sqlite3_bind_int64(st, 1, before_id);
  if (rc == SQLITE_OK)
    rc = cache_sql_bind_text(st, 2, payment_id);
  if (rc == SQLITE_OK)
    rc = sqlite3_bind_int64(st, 3, (int64_t)limit + 1);
  if (rc != SQLITE_OK) {
    err = cache_err_from_rc(rc);
    goto out;
  }
  size_t got = 0, start = out->count;
  while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
    if (got == limit) {
      if (next_before)
        *next_before = out->items[out->count - 1].id;
      break;
    }
    struct cache_activity *a = push(out);
    a->id = sqlite3_column_int64(st, 0);
    a->at_ms = sqlite3_column_int64(st, 1);
    a->outbox_id = sqlite3_column_int64(st, 2);
    a->action = cache_sql_column_strdup(st, 3);
    a->payment_id = cache_sql_column_strdup(st, 4);
    a->outcome = cache_sql_column_strdup(st, 5);
    a->trace_id = cache_sql_column_strdup(st, 6);
    a->detail = cache_sql_column_strdup(st, 7);
    got++;
  }
  if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
    err = cache_err_from_rc(rc);
    while (out->count > start)
      cache_activity_cleanup(&out->items[--out->count]);
    if (next_before)
      *next_before = 0;
  }
out:
  sqlite3_finalize(st);
  return err;
}
