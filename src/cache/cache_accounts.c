/*
 * cache_accounts - the accounts of the directory (declared in
 * cache_customers.h).
 */
#include "cache/cache_customers.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cache/cache_int.h"

/* ---- accounts ---------------------------------------------------------- */

#define ACCOUNT_COLS                                                           \
  "id, account_number, identity_id, currency, type, name, status,"             \
  " balance_minor, balance_currency, created_at, raw_json"

static int64_t account_hash(const struct account *a) {
  struct cache_hash h;
  cache_hash_init(&h);
  const char *texts[] = {a->id, a->account_number, a->identity_id,
                         a->currency, a->type, a->name, a->status,
                         a->balance.currency, a->raw_json};
  for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++)
    cache_hash_text(&h, texts[i]);
  cache_hash_int(&h, a->balance.minor);
  cache_hash_int(&h, a->created_at);
  return cache_hash_value(&h);
}

enum cache_err cache_accounts_upsert(struct cache *c,
                                     const struct account *items, size_t n) {
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
      "INSERT INTO accounts(id, account_number, identity_id, currency,"
      " type, name, status, balance_minor, balance_currency, created_at,"
      " raw_json, cached_at, row_hash)"
      " VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13)"
      " ON CONFLICT(id) DO UPDATE SET account_number=excluded.account_number,"
      " identity_id=excluded.identity_id, currency=excluded.currency,"
      " type=excluded.type, name=excluded.name, status=excluded.status,"
      " balance_minor=excluded.balance_minor,"
      " balance_currency=excluded.balance_currency,"
      " created_at=excluded.created_at, raw_json=excluded.raw_json,"
      " cached_at=excluded.cached_at, row_hash=excluded.row_hash"
      " WHERE " CACHE_SAME_ROW("accounts"),
      &st);
  int64_t now = cache_sql_now_ms();
  for (size_t i = 0; !err && i < n; i++) {
    const struct account *a = &items[i];
    if (a->id == NULL || a->id[0] == '\0') {
      err = CACHE_ERR_INVALID;
      break;
    }
    int rc = cache_sql_bind_text(st, 1, a->id);
    if (rc == SQLITE_OK)
      rc = cache_sql_bind_text(st, 2, a->account_number);
    if (rc == SQLITE_OK)
      rc = cache_sql_bind_text(st, 3, a->identity_id);
    if (rc == SQLITE_OK)
      rc = cache_sql_bind_text(st, 4, a->currency);
    if (rc == SQLITE_OK)
      rc = cache_sql_bind_text(st, 5, a->type);
    if (rc == SQLITE_OK)
      rc = cache_sql_bind_text(st, 6, a->name);
    if (rc == SQLITE_OK)
      rc = cache_sql_bind_text(st, 7, a->status);
    if (rc == SQLITE_OK)
      rc = sqlite3_bind_int64(st, 8, a->balance.minor);
    if (rc == SQLITE_OK)
      rc = cache_sql_bind_text(st, 9, a->balance.currency);
    if (rc == SQLITE_OK)
      rc = sqlite3_bind_int64(st, 10, a->created_at);
    if (rc == SQLITE_OK)
      rc = cache_sql_bind_text(st, 11, a->raw_json);
    if (rc == SQLITE_OK)
      rc = sqlite3_bind_int64(st, 12, now);
    if (rc == SQLITE_OK)
      rc = sqlite3_bind_int64(st, 13, account_hash(a));
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

static void read_account(sqlite3_stmt *st, struct account *a) {
  memset(a, 0, sizeof *a);
  a->id = cache_sql_column_strdup(st, 0);
  a->account_number = cache_sql_column_strdup(st, 1);
  a->identity_id = cache_sql_column_strdup(st, 2);
  a->currency = cache_sql_column_strdup(st, 3);
  a->type = cache_sql_column_strdup(st, 4);
  a->name = cache_sql_column_strdup(st, 5);
  a->status = cache_sql_column_strdup(st, 6);
  a->balance.minor = sqlite3_column_int64(st, 7);
  const unsigned char *cur = sqlite3_column_text(st, 8);
  snprintf(a->balance.currency, sizeof a->balance.currency, "%s",
           cur ? (const char *)cur : "");
  a->created_at = sqlite3_column_int64(st, 9);
  a->raw_json = cache_sql_column_strdup(st, 10);
}

static enum cache_err account_get_by(struct cache *c, const char *sql,
                                     const char *key, struct account *out) {
  memset(out, 0, sizeof *out);
  if (c == NULL || key == NULL)
    return CACHE_ERR_INVALID;
  sqlite3_stmt *st = NULL;
  enum cache_err err = cache_sql_prepare(c, sql, &st);
  if (err)
    goto out;
  int rc = sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
  if (rc == SQLITE_OK)
    rc = sqlite3_step(st);
  if (rc == SQLITE_ROW)
    read_account(st, out);
  else if (rc == SQLITE_DONE)
    err = CACHE_ERR_NOT_FOUND;
  else
    err = cache_err_from_rc(rc);
out:
  sqlite3_finalize(st);
  return err;
}

enum cache_err cache_account_get(struct cache *c, const char *id,
                                 struct account *out) {
  return account_get_by(c, "SELECT " ACCOUNT_COLS " FROM accounts WHERE id=?1",
                        id, out);
}

enum cache_err cache_account_get_by_number(struct cache *c,
                                           const char *account_number,
                                           struct account *out) {
  return account_get_by(c,
                        "SELECT " ACCOUNT_COLS " FROM accounts"
                        " WHERE account_number=?1 ORDER BY id LIMIT 1",
                        account_number, out);
}

enum cache_err cache_accounts_list(struct cache *c, const char *identity_id,
                                   struct account_list *out) {
  if (c == NULL || out == NULL)
    return CACHE_ERR_INVALID;
  sqlite3_stmt *st = NULL;
  enum cache_err err = cache_sql_prepare(
      c,
      "SELECT " ACCOUNT_COLS " FROM accounts WHERE (?1 IS NULL OR"
      " identity_id = ?1) ORDER BY name, account_number, id",
      &st);
  if (err)
    goto out;
  int rc = cache_sql_bind_text(st, 1, identity_id);
  size_t start = out->count;
  while (rc == SQLITE_OK || rc == SQLITE_ROW) {
    rc = sqlite3_step(st);
    if (rc != SQLITE_ROW)
      break;
    read_account(st, account_list_push(out));
  }
  if (rc != SQLITE_DONE) {
    err = cache_err_from_rc(rc);
    while (out->count > start)
      account_cleanup(&out->items[--out->count]);
  }
out:
  sqlite3_finalize(st);
  return err;
}

enum cache_err cache_accounts_count(struct cache *c, int64_t *count) {
  *count = 0;
  if (c == NULL)
    return CACHE_ERR_INVALID;
  return cache_sql_query_int(c, "SELECT count(*) FROM accounts", count);
}
