/*
 * cache_meta - a small key/value table for sync state and settings.
 *
 * Values are text. A set is one autocommit statement (atomic on its own);
 * writes that must move together with data go through the *_with_meta
 * functions of the data modules, which use the same statement inside their
 * transaction (cache_meta_put).
 */
#include "cache/cache_meta.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

#include "cache/cache_int.h"

enum cache_err cache_meta_get(struct cache *c, const char *key, char **value) {
  *value = NULL;
  if (c == NULL || key == NULL)
    return CACHE_ERR_INVALID;
  sqlite3_stmt *st = NULL;
  enum cache_err err =
      cache_sql_prepare(c, "SELECT value FROM meta WHERE key=?1", &st);
  if (err)
    goto out;
  int rc = sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
  if (rc != SQLITE_OK) {
    err = cache_err_from_rc(rc);
    goto out;
  }
  rc = sqlite3_step(st);
  if (rc == SQLITE_ROW)
    *value = cache_sql_column_strdup(st, 0);
  else if (rc != SQLITE_DONE)
    err = cache_err_from_rc(rc);
out:
  sqlite3_finalize(st);
  return err;
}

enum cache_err cache_meta_put(struct cache *c, const char *key,
                              const char *value) {
  if (c == NULL || key == NULL)
    return CACHE_ERR_INVALID;
  sqlite3_stmt *st = NULL;
  enum cache_err err;
  if (value == NULL) {
    err = cache_sql_prepare(c, "DELETE FROM meta WHERE key=?1", &st);
  } else {
    err = cache_sql_prepare(c,
                            "INSERT INTO meta(key,value,updated_at) "
                            "VALUES(?1,?2,?3) ON CONFLICT(key) DO UPDATE "
                            "SET value=excluded.value,"
                            " updated_at=excluded.updated_at",
                            &st);
  }
  if (err)
    goto out;
  int rc = sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
  if (rc == SQLITE_OK && value != NULL)
    rc = sqlite3_bind_text(st, 2, value, -1, SQLITE_STATIC);
  if (rc == SQLITE_OK && value != NULL)
    rc = sqlite3_bind_int64(st, 3, cache_sql_now_ms());
  if (rc == SQLITE_OK)
    rc = sqlite3_step(st);
  if (rc != SQLITE_DONE)
    err = cache_err_from_rc(rc);
out:
  sqlite3_finalize(st);
  return err;
}

enum cache_err cache_meta_set(struct cache *c, const char *key,
                              const char *value) {
  return cache_meta_put(c, key, value);
}

enum cache_err cache_meta_get_int(struct cache *c, const char *key,
                                  int64_t *value, bool *found) {
  char *s = NULL;
  *found = false;
  enum cache_err err = cache_meta_get(c, key, &s);
  if (err || s == NULL)
    goto out;
  char *end = NULL;
  errno = 0;
  long long v = strtoll(s, &end, 10);
  if (errno != 0 || end == s || *end != '\0') {
    err = CACHE_ERR_INVALID;
    goto out;
  }
  *value = (int64_t)v;
  *found = true;
out:
  free(s);
  return err;
}

enum cache_err cache_meta_set_int(struct cache *c, const char *key,
                                  int64_t value) {
  char buf[32];
  snprintf(buf, sizeof buf, "%lld", (long long)value);
  return cache_meta_put(c, key, buf);
}
