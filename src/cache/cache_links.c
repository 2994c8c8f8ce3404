/*
 * cache_links - see cache_links.h.
 */
#include "cache/cache_links.h"

#include <stdlib.h>

#include "cache/cache_int.h"
#include "core/xalloc.h"

#define TODO_WHERE                                                             \
  " WHERE customer_id IS NULL AND customer_id_absent = 1"                      \
  " AND customer_link_at = 0"

enum cache_err cache_links_todo(struct cache *c, size_t limit, char ***ids,
                                size_t *n) {
  *ids = NULL;
  *n = 0;
  if (limit == 0)
    return CACHE_OK;
  sqlite3_stmt *st = NULL;
  enum cache_err err = cache_sql_prepare(
      c,
      "SELECT id FROM payments INDEXED BY payments_link_todo" TODO_WHERE
      " ORDER BY created_at DESC, id DESC LIMIT ?1",
      &st);
  if (err)
    return err;
  int rc = sqlite3_bind_int64(st, 1, (int64_t)limit);
  char **out = xcalloc(limit, sizeof(char *));
  size_t k = 0;
  while (rc == SQLITE_OK && k < limit) {
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
      out[k++] = cache_sql_column_strdup(st, 0);
      rc = SQLITE_OK;
    }
  }
  sqlite3_finalize(st);
  if (rc != SQLITE_DONE && rc != SQLITE_OK) {
    for (size_t i = 0; i < k; i++)
      free(out[i]);
    free(out);
    return cache_err_from_rc(rc);
  }
  *ids = out;
  *n = k;
  return CACHE_OK;
}

enum cache_err cache_links_pending(struct cache *c, int64_t *count) {
  return cache_sql_query_int(
      c,
      "SELECT count(*) FROM payments INDEXED BY payments_link_todo" TODO_WHERE,
      count);
}

/* The payment's customer columns from an attached customer (a field the
 * customer lacks keeps what the payment's snapshot gave). */
static const char link_sql[] =
    "UPDATE payments SET customer_id = ?2,"
    " customer_name = coalesce(?3, customer_name),"
    " customer_email = coalesce(?4, customer_email),"
    " customer_document = coalesce(?5, customer_document)"
    " WHERE id = ?1 AND customer_id IS NULL";

static const char stamp_sql[] =
    "UPDATE payments SET customer_link_at = ?2, customer_link_id = ?3"
    " WHERE id = ?1";

static int step_done(sqlite3_stmt *st) {
  int rc = sqlite3_step(st);
  return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

static int record_one(sqlite3_stmt *link, sqlite3_stmt *stamp,
                      const struct cache_link *l, int64_t at_ms) {
  const struct customer *cu = l->customer;
  int rc = SQLITE_OK;
  if (cu) {
    char *name = customer_display_name(cu);
    rc = cache_sql_bind_text(link, 1, l->payment_id);
    if (rc == SQLITE_OK)
      rc = cache_sql_bind_text(link, 2, cu->id);
    if (rc == SQLITE_OK)
      rc = cache_sql_bind_text(link, 3, name && name[0] ? name : NULL);
    if (rc == SQLITE_OK)
      rc = cache_sql_bind_text(link, 4, cu->email);
    if (rc == SQLITE_OK)
      rc = cache_sql_bind_text(link, 5, cu->document_number);
    if (rc == SQLITE_OK)
      rc = step_done(link);
    sqlite3_reset(link);
    sqlite3_clear_bindings(link);
    free(name);
  }
  if (rc == SQLITE_OK)
    rc = cache_sql_bind_text(stamp, 1, l->payment_id);
  if (rc == SQLITE_OK)
    rc = sqlite3_bind_int64(stamp, 2, at_ms > 0 ? at_ms : 1);
  if (rc == SQLITE_OK)
    rc = cache_sql_bind_text(stamp, 3, cu ? cu->id : NULL);
  if (rc == SQLITE_OK)
    rc = step_done(stamp);
  sqlite3_reset(stamp);
  sqlite3_clear_bindings(stamp);
  return rc;
}

enum cache_err cache_links_record(struct cache *c,
                                  const struct cache_link *items, size_t n,
                                  int64_t at_ms) {
  if (n == 0)
    return CACHE_OK;
  for (size_t i = 0; i < n; i++)
    if (items[i].payment_id == NULL ||
        (items[i].customer && items[i].customer->id == NULL))
      return CACHE_ERR_INVALID;
  enum cache_err err = cache_sql_begin(c);
  if (err)
    return err;
  sqlite3_stmt *link = NULL, *stamp = NULL;
  err = cache_sql_prepare(c, link_sql, &link);
  if (!err)
    err = cache_sql_prepare(c, stamp_sql, &stamp);
  for (size_t i = 0; !err && i < n; i++) {
    int rc = record_one(link, stamp, &items[i], at_ms);
    if (rc == SQLITE_OK && items[i].customer)
      err = cache_customers_upsert_in_tx(c, items[i].customer, 1);
    else if (rc != SQLITE_OK)
      err = cache_err_from_rc(rc);
  }
  sqlite3_finalize(link);
  sqlite3_finalize(stamp);
  if (err) {
    cache_sql_rollback(c);
    return err;
  }
  return cache_sql_commit(c);
}
