/*
 * cache_identities - the identities of the directory (declared in
 * cache_customers.h).
 */
#include "cache/cache_customers.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cache/cache_int.h"

/* ---- identities ------------------------------------------------------- */

static int64_t identity_hash(const struct identity *d) {
  struct cache_hash h;
  cache_hash_init(&h);
  cache_hash_text(&h, d->id);
  cache_hash_text(&h, d->name);
  cache_hash_text(&h, d->type);
  cache_hash_text(&h, d->document_number);
  cache_hash_text(&h, d->raw_json);
  return cache_hash_value(&h);
}

enum cache_err cache_identities_upsert(struct cache *c,
                                       const struct identity *items, size_t n) {
  if (c == NULL || (n > 0 && items == NULL))
    return CACHE_ERR_INVALID;
  if (n == 0)
    return CACHE_OK;
  sqlite3_stmt *st = NULL;
  enum cache_err err = cache_sql_begin(c);
  if (err)
    return err;
  err = cache_sql_prepare(
      c,
      "INSERT INTO identities(id, name, type, document_number, raw_json,"
      " cached_at, row_hash) VALUES(?1,?2,?3,?4,?5,?6,?7)"
      " ON CONFLICT(id) DO UPDATE SET"
      " name=excluded.name, type=excluded.type,"
      " document_number=excluded.document_number,"
      " raw_json=excluded.raw_json, cached_at=excluded.cached_at,"
      " row_hash=excluded.row_hash WHERE " CACHE_SAME_ROW("identities"),
      &st);
  int64_t now = cache_sql_now_ms();
  for (size_t i = 0; !err && i < n; i++) {
    const struct identity *d = &items[i];
    if (d->id == NULL || d->id[0] == '\0') {
      err = CACHE_ERR_INVALID;
      break;
    }
    int rc = cache_sql_bind_text(st, 1, d->id);
    if (rc == SQLITE_OK)
      rc = cache_sql_bind_text(st, 2, d->name);
    if (rc == SQLITE_OK)
      rc = cache_sql_bind_text(st, 3, d->type);
    if (rc == SQLITE_OK)
      rc = cache_sql_bind_text(st, 4, d->document_number);
    if (rc == SQLITE_OK)
      rc = cache_sql_bind_text(st, 5, d->raw_json);
    if (rc == SQLITE_OK)
      rc = sqlite3_bind_int64(st, 6, now);
    if (rc == SQLITE_OK)
      rc = sqlite3_bind_int64(st, 7, identity_hash(d));
    if (rc == SQLITE_OK)
      rc = cache_sql_step_done(st);
    if (rc != SQLITE_OK)
      err = cache_err_from_rc(rc);
  }
  sqlite3_finalize(st);
  if (err) {
    cache_sql_rollback(c);
    return err;
  }
  return cache_sql_commit(c);
}

static void read_identity(sqlite3_stmt *st, struct identity *d) {
  memset(d, 0, sizeof *d);
  d->id = cache_sql_column_strdup(st, 0);
  d->name = cache_sql_column_strdup(st, 1);
  d->type = cache_sql_column_strdup(st, 2);
  d->document_number = cache_sql_column_strdup(st, 3);
  d->raw_json = cache_sql_column_strdup(st, 4);
}

enum cache_err cache_identity_get(struct cache *c, const char *id,
                                  struct identity *out) {
  memset(out, 0, sizeof *out);
  if (c == NULL || id == NULL)
    return CACHE_ERR_INVALID;
  sqlite3_stmt *st = NULL;
  enum cache_err err = cache_sql_prepare(
      c,
      "SELECT id, name, type, document_number, raw_json FROM identities"
      " WHERE id=?1",
      &st);
  if (err)
    goto out;
  int rc = sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
  if (rc == SQLITE_OK)
    rc = sqlite3_step(st);
  if (rc == SQLITE_ROW)
    read_identity(st, out);
  else if (rc == SQLITE_DONE)
    err = CACHE_ERR_NOT_FOUND;
  else
    err = cache_err_from_rc(rc);
out:
  sqlite3_finalize(st);
  return err;
}

enum cache_err cache_identities_list(struct cache *c,
                                     struct identity_list *out) {
  if (c == NULL || out == NULL)
    return CACHE_ERR_INVALID;
  sqlite3_stmt *st = NULL;
  enum cache_err err = cache_sql_prepare(
      c,
      "SELECT id, name, type, document_number, raw_json FROM identities"
      " ORDER BY name, id",
      &st);
  if (err)
    goto out;
  int rc;
  size_t start = out->count;
  while ((rc = sqlite3_step(st)) == SQLITE_ROW)
    read_identity(st, identity_list_push(out));
  if (rc != SQLITE_DONE) {
    err = cache_err_from_rc(rc);
    while (out->count > start)
      identity_cleanup(&out->items[--out->count]);
  }
out:
  sqlite3_finalize(st);
  return err;
}

enum cache_err cache_identities_count(struct cache *c, int64_t *count) {
  *count = 0;
  if (c == NULL)
    return CACHE_ERR_INVALID;
  return cache_sql_query_int(c, "SELECT count(*) FROM identities", count);
}
