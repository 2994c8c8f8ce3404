/*
 * cache_sql - statement helpers shared by the cache modules.
 *
 * Every helper finalizes what it prepares, on the error paths too. Nothing
 * here builds SQL from data: callers pass constant SQL text and bind values.
 */
#include "cache/cache_int.h"

#include <string.h>
#include <time.h>

#include "core/xalloc.h"

enum cache_err cache_sql_prepare(struct cache *c, const char *sql,
                                 sqlite3_stmt **st) {
  *st = NULL;
  int rc = sqlite3_prepare_v3(c->db, sql, -1, 0, st, NULL);
  if (rc != SQLITE_OK) {
    sqlite3_finalize(*st);
    *st = NULL;
    return cache_err_from_rc(rc);
  }
  return CACHE_OK;
}

enum cache_err cache_sql_exec(struct cache *c, const char *sql) {
  sqlite3_stmt *st = NULL;
  enum cache_err err = cache_sql_prepare(c, sql, &st);
  if (err)
    goto out;
  int rc;
  do {
    rc = sqlite3_step(st);
  } while (rc == SQLITE_ROW);
  if (rc != SQLITE_DONE)
    err = cache_err_from_rc(rc);
out:
  sqlite3_finalize(st);
  return err;
}

enum cache_err cache_sql_script(struct cache *c, const char *sql) {
  enum cache_err err = CACHE_OK;
  const char *tail = sql;
  while (tail && *tail) {
    sqlite3_stmt *st = NULL;
    const char *next = NULL;
    int rc = sqlite3_prepare_v3(c->db, tail, -1, 0, &st, &next);
    if (rc != SQLITE_OK) {
      sqlite3_finalize(st);
      return cache_err_from_rc(rc);
    }
    if (st == NULL) /* only whitespace or comments left */
      break;
    do {
      rc = sqlite3_step(st);
    } while (rc == SQLITE_ROW);
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE) {
      err = cache_err_from_rc(rc);
      break;
    }
    tail = next;
  }
  return err;
}

enum cache_err cache_sql_begin(struct cache *c) {
  enum cache_err err = cache_sql_exec(c, "BEGIN IMMEDIATE");
  if (!err)
    (void)cache_page_cache(c, true); /* if it fails, the write is slower */
  return err;
}

enum cache_err cache_sql_commit(struct cache *c) {
  enum cache_err err = cache_sql_exec(c, "COMMIT");
  if (err)
    cache_sql_rollback(c);
  else
    (void)cache_page_cache(c, false);
  return err;
}

void cache_sql_rollback(struct cache *c) {
  if (!sqlite3_get_autocommit(c->db))
    (void)cache_sql_exec(c, "ROLLBACK");
  (void)cache_page_cache(c, false);
}

int cache_sql_step_done(sqlite3_stmt *st) {
  int rc = sqlite3_step(st);
  sqlite3_reset(st);
  sqlite3_clear_bindings(st);
  return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

int cache_sql_bind_text(sqlite3_stmt *st, int idx, const char *s) {
  if (s == NULL)
    return sqlite3_bind_null(st, idx);
  return sqlite3_bind_text(st, idx, s, -1, SQLITE_TRANSIENT);
}

char *cache_sql_column_strdup(sqlite3_stmt *st, int i) {
  if (sqlite3_column_type(st, i) == SQLITE_NULL)
    return NULL;
  const unsigned char *t = sqlite3_column_text(st, i);
  int n = sqlite3_column_bytes(st, i);
  if (t == NULL)
    return xstrdup("");
  return xstrndup((const char *)t, (size_t)n);
}

enum cache_err cache_sql_query_int(struct cache *c, const char *sql,
                                   int64_t *out) {
  sqlite3_stmt *st = NULL;
  enum cache_err err = cache_sql_prepare(c, sql, &st);
  if (err)
    goto out;
  int rc = sqlite3_step(st);
  if (rc == SQLITE_ROW)
    *out = sqlite3_column_int64(st, 0);
  else if (rc == SQLITE_DONE)
    err = CACHE_ERR_NOT_FOUND;
  else
    err = cache_err_from_rc(rc);
out:
  sqlite3_finalize(st);
  return err;
}

int cache_sql_bind_filter(sqlite3_stmt *st, const struct cache_filter_sql *q,
                          int *idx) {
  for (size_t i = 0; i < q->nbinds; i++) {
    const struct cache_bind *b = &q->binds[i];
    int rc;
    switch (b->kind) {
    case CACHE_BIND_INT:
      rc = sqlite3_bind_int64(st, *idx, b->i);
      break;
    case CACHE_BIND_TEXT:
      rc = sqlite3_bind_text(st, *idx, b->s, (int)b->len, SQLITE_STATIC);
      break;
    case CACHE_BIND_BLOB:
    default:
      rc = sqlite3_bind_blob(st, *idx, b->s, (int)b->len, SQLITE_STATIC);
      break;
    }
    if (rc != SQLITE_OK)
      return rc;
    (*idx)++;
  }
  return SQLITE_OK;
}

int64_t cache_sql_now_ms(void) {
  struct timespec ts;
  clock_gettime(CLOCK_REALTIME, &ts);
  return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Eight bytes a step (a row is kilobytes of text; byte-wise FNV showed in
 * the sync's profile), the tail byte-wise. */
static void hash_bytes(struct cache_hash *h, const void *p, size_t n) {
  const unsigned char *b = p;
  uint64_t x = h->h;
  for (; n >= 8; b += 8, n -= 8) {
    uint64_t w;
    memcpy(&w, b, 8);
    x = (x ^ w) * 0x9E3779B97F4A7C15ull;
    x ^= x >> 29;
  }
  for (; n > 0; b++, n--)
    x = (x ^ *b) * 1099511628211ull;
  h->h = x;
}

void cache_hash_init(struct cache_hash *h) { h->h = 1469598103934665603ull; }

void cache_hash_text(struct cache_hash *h, const char *s) {
  unsigned char tag = s ? 'T' : 'N';
  hash_bytes(h, &tag, 1);
  if (s == NULL)
    return;
  uint64_t n = strlen(s);
  hash_bytes(h, &n, sizeof n);
  hash_bytes(h, s, (size_t)n);
}

void cache_hash_int(struct cache_hash *h, int64_t v) {
  unsigned char tag = 'I';
  hash_bytes(h, &tag, 1);
  hash_bytes(h, &v, sizeof v);
}

int64_t cache_hash_value(const struct cache_hash *h) {
  int64_t v;
  memcpy(&v, &h->h, sizeof v);
  return v;
}
