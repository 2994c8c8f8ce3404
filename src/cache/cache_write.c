/*
 * cache_write - see cache_write.h.
 */
#include "cache/cache_write.h"

#include "cache/cache_int.h"
#include "cache/cache_meta.h"

static const char fill_sql[] =
    "INSERT INTO payments_fts(rowid, id, external_id, description,"
    " customer_name, customer_email, customer_document)"
    " SELECT rowid, id, external_id, description, customer_name,"
    " customer_email, customer_document FROM payments"
    " WHERE rowid > (SELECT upto FROM payments_fts_mark) ORDER BY rowid";
static const char mark_sql[] =
    "UPDATE payments_fts_mark SET upto = (SELECT coalesce(max(rowid), 0)"
    " FROM payments) WHERE upto < (SELECT coalesce(max(rowid), 0)"
    " FROM payments)";

enum cache_err cache_payments_fts_fill_in_tx(struct cache *c) {
  enum cache_err err = cache_sql_exec(c, fill_sql);
  if (!err)
    err = cache_sql_exec(c, mark_sql);
  return err;
}

enum cache_err cache_payments_fts_fill(struct cache *c) {
  if (c == NULL)
    return CACHE_ERR_INVALID;
  int64_t pending = 0;
  enum cache_err err = cache_payments_fts_pending(c, &pending);
  if (err || pending == 0)
    return err;
  err = cache_sql_begin(c);
  if (err)
    return err;
  err = cache_payments_fts_fill_in_tx(c);
  if (err) {
    cache_sql_rollback(c);
    return err;
  }
  return cache_sql_commit(c);
}

enum cache_err cache_payments_fts_pending(struct cache *c, int64_t *count) {
  *count = 0;
  if (c == NULL)
    return CACHE_ERR_INVALID;
  return cache_sql_query_int(c,
                             "SELECT count(*) FROM payments WHERE rowid >"
                             " (SELECT upto FROM payments_fts_mark)",
                             count);
}

void cache_payments_fts_defer(struct cache *c, bool defer) {
  if (c)
    c->fts_deferred = defer;
}

bool cache_write_open(const struct cache *c) {
  return c && c->db && !sqlite3_get_autocommit(c->db);
}

enum cache_err cache_write_begin(struct cache *c) {
  if (c == NULL)
    return CACHE_ERR_INVALID;
  return cache_sql_begin(c);
}

enum cache_err cache_write_payments(struct cache *c,
                                    const struct payment *items, size_t n) {
  if (c == NULL || (n > 0 && items == NULL) || !cache_write_open(c))
    return CACHE_ERR_INVALID;
  return cache_payments_upsert_in_tx(c, items, n);
}

enum cache_err cache_write_commit(struct cache *c,
                                  const struct cache_meta_kv *kv, size_t nkv) {
  if (c == NULL || (nkv > 0 && kv == NULL) || !cache_write_open(c))
    return CACHE_ERR_INVALID;
  enum cache_err err = CACHE_OK;
  if (!c->fts_deferred)
    err = cache_payments_fts_fill_in_tx(c);
  for (size_t i = 0; err == CACHE_OK && i < nkv; i++)
    err = cache_meta_put(c, kv[i].key, kv[i].value);
  if (err) {
    cache_sql_rollback(c);
    return err;
  }
  return cache_sql_commit(c);
}

void cache_write_rollback(struct cache *c) {
  if (c)
    cache_sql_rollback(c);
}
