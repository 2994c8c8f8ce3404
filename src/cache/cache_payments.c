/*
 * cache_payments - the payments table: upsert, get, delete (lists and
 * counts: cache_payment_lists.c).
 *
 * Upserts are INSERT ... ON CONFLICT(id) DO UPDATE (the row keeps its rowid,
 * so full-text triggers see an UPDATE) inside one BEGIN IMMEDIATE
 * transaction per call: a page is all in or all out. An incoming row never
 * replaces a row with a newer updated_at (a late sync page cannot undo a
 * webhook); an incoming updated_at of 0 (unknown) always wins; a row with
 * the values the stored one has (same row_hash) is not written at all. The
 * full-text index is filled after the rows (cache_write.c); the raw JSON is
 * stored packed (cache_rawpack.h). The upsert statement is prepared once per
 * connection. Lists use keyset pagination on (sort key, id), never OFFSET, so
 * page N costs what page 1 costs.
 */
#include "cache/cache.h"
#include "cache/cache_payments.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cache/cache_int.h"
#include "cache/cache_meta.h"
#include "cache/cache_rawpack.h"
#include "core/money.h"
#include "core/refund.h"
#include "core/strbuf.h"
#include "core/xalloc.h"

static const char upsert_sql[] =
    "INSERT INTO payments(id, external_id, identity_id, account_number,"
    " amount_minor, currency, amount_micro, amount_sort, purchase_minor,"
    " purchase_currency, product, description, status, status_raw, type,"
    " type_raw, customer_id, customer_name, customer_email,"
    " customer_document, parent_payment_id, related_payment_id,"
    " documentation_status, review_reason, created_at, updated_at,"
    " authorized_at, captured_at, settled_at, refunded_at, expires_at,"
    " raw_json, cached_at, customer_id_absent, row_hash)"
    " VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,?16,?17,"
    "?18,?19,?20,?21,?22,?23,?24,?25,?26,?27,?28,?29,?30,?31,?32,?33,?34,"
    "?35)"
    " ON CONFLICT(id) DO UPDATE SET"
    " external_id=excluded.external_id, identity_id=excluded.identity_id,"
    " account_number=excluded.account_number,"
    " amount_minor=excluded.amount_minor, currency=excluded.currency,"
    " amount_micro=excluded.amount_micro, amount_sort=excluded.amount_sort,"
    " purchase_minor=excluded.purchase_minor,"
    " purchase_currency=excluded.purchase_currency,"
    " product=excluded.product, description=excluded.description,"
    " status=excluded.status, status_raw=excluded.status_raw,"
    " type=excluded.type, type_raw=excluded.type_raw,"
    /* A record without customerId keeps the customer its link found; one
     * with a customerId (even null) is the server's word and wins. */
    " customer_id=CASE WHEN excluded.customer_id_absent = 1"
    "  AND payments.customer_link_id IS NOT NULL THEN payments.customer_id"
    "  ELSE excluded.customer_id END,"
    " customer_name=CASE WHEN excluded.customer_id_absent = 1"
    "  AND payments.customer_link_id IS NOT NULL THEN payments.customer_name"
    "  ELSE excluded.customer_name END,"
    " customer_email=CASE WHEN excluded.customer_id_absent = 1"
    "  AND payments.customer_link_id IS NOT NULL THEN payments.customer_email"
    "  ELSE excluded.customer_email END,"
    " customer_document=CASE WHEN excluded.customer_id_absent = 1"
    "  AND payments.customer_link_id IS NOT NULL"
    "  THEN payments.customer_document"
    "  ELSE excluded.customer_document END,"
    " customer_id_absent=excluded.customer_id_absent,"
    " customer_link_id=CASE WHEN excluded.customer_id_absent = 1"
    "  THEN payments.customer_link_id END,"
    " parent_payment_id=excluded.parent_payment_id,"
    " related_payment_id=excluded.related_payment_id,"
    " documentation_status=excluded.documentation_status,"
    " review_reason=excluded.review_reason,"
    " created_at=excluded.created_at, updated_at=excluded.updated_at,"
    " authorized_at=excluded.authorized_at,"
    " captured_at=excluded.captured_at, settled_at=excluded.settled_at,"
    " refunded_at=excluded.refunded_at, expires_at=excluded.expires_at,"
    " raw_json=excluded.raw_json, cached_at=excluded.cached_at,"
    " row_hash=excluded.row_hash"
    " WHERE (excluded.updated_at = 0"
    " OR excluded.updated_at >= payments.updated_at)"
    /* the same values again (a sync's overlap, a webhook after the page):
     * nothing to write */
    " AND excluded.row_hash IS NOT payments.row_hash";

bool cache_payment_id_ok(const char *id) {
  /* The keyset cursor holds the id: up to PAYMENT_ID_MAX characters. */
  return id != NULL && id[0] != '\0' &&
         strlen(id) < sizeof(((struct keyset_cursor *)0)->id);
}

/* Every value bind_payment stores but cached_at. */
static int64_t payment_hash(const struct payment *p) {
  struct cache_hash h;
  cache_hash_init(&h);
  const char *texts[] = {p->id,
                         p->external_id,
                         p->identity_id,
                         p->account_number,
                         p->total.currency,
                         p->purchase.currency,
                         p->product,
                         p->description,
                         payment_status_name(p->status),
                         p->status_raw,
                         payment_type_name(p->type),
                         p->type_raw,
                         p->customer_id,
                         p->customer_name,
                         p->customer_email,
                         p->customer_document,
                         p->parent_payment_id,
                         p->related_payment_id,
                         p->documentation_status,
                         p->review_reason,
                         p->raw_json};
  const int64_t ints[] = {p->total.minor,   p->purchase.minor,
                          p->created_at,    p->updated_at,
                          p->authorized_at, p->captured_at,
                          p->settled_at,    p->refunded_at,
                          p->expires_at,    p->customer_id_absent ? 1 : 0};
  for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++)
    cache_hash_text(&h, texts[i]);
  for (size_t i = 0; i < sizeof ints / sizeof ints[0]; i++)
    cache_hash_int(&h, ints[i]);
  return cache_hash_value(&h);
}

static int bind_payment(sqlite3_stmt *st, const struct payment *p,
                        int64_t now) {
  int64_t micro = 0;
  bool has_micro = money_to_micro(&p->total, &micro) == CORE_OK;
  int rc = SQLITE_OK;
#define B(expr)                                                                \
  do {                                                                         \
    if (rc == SQLITE_OK)                                                       \
      rc = (expr);                                                             \
  } while (0)
  B(cache_sql_bind_text(st, 1, p->id));
  B(cache_sql_bind_text(st, 2, p->external_id));
  B(cache_sql_bind_text(st, 3, p->identity_id));
  B(cache_sql_bind_text(st, 4, p->account_number));
  B(sqlite3_bind_int64(st, 5, p->total.minor));
  B(cache_sql_bind_text(st, 6, p->total.currency));
  if (has_micro) {
    B(sqlite3_bind_int64(st, 7, micro));
    B(sqlite3_bind_int64(st, 8, micro));
  } else {
    B(sqlite3_bind_null(st, 7));
    B(sqlite3_bind_int64(st, 8, INT64_MIN));
  }
  B(sqlite3_bind_int64(st, 9, p->purchase.minor));
  B(cache_sql_bind_text(st, 10, p->purchase.currency));
  B(cache_sql_bind_text(st, 11, p->product));
  B(cache_sql_bind_text(st, 12, p->description));
  B(cache_sql_bind_text(st, 13, payment_status_name(p->status)));
  B(cache_sql_bind_text(st, 14, p->status_raw));
  B(cache_sql_bind_text(st, 15, payment_type_name(p->type)));
  B(cache_sql_bind_text(st, 16, p->type_raw));
  B(cache_sql_bind_text(st, 17, p->customer_id));
  B(cache_sql_bind_text(st, 18, p->customer_name));
  B(cache_sql_bind_text(st, 19, p->customer_email));
  B(cache_sql_bind_text(st, 20, p->customer_document));
  B(cache_sql_bind_text(st, 21, p->parent_payment_id));
  B(cache_sql_bind_text(st, 22, p->related_payment_id));
  B(cache_sql_bind_text(st, 23, p->documentation_status));
  B(cache_sql_bind_text(st, 24, p->review_reason));
  B(sqlite3_bind_int64(st, 25, p->created_at));
  B(sqlite3_bind_int64(st, 26, p->updated_at));
  B(sqlite3_bind_int64(st, 27, p->authorized_at));
  B(sqlite3_bind_int64(st, 28, p->captured_at));
  B(sqlite3_bind_int64(st, 29, p->settled_at));
  B(sqlite3_bind_int64(st, 30, p->refunded_at));
  B(sqlite3_bind_int64(st, 31, p->expires_at));
  char *packed = cache_rawpack_pack(p);
  B(cache_sql_bind_text(st, 32, packed));
  free(packed);
  B(sqlite3_bind_int64(st, 33, now));
  B(sqlite3_bind_int(st, 34, p->customer_id_absent ? 1 : 0));
  B(sqlite3_bind_int64(st, 35, payment_hash(p)));
#undef B
  return rc;
}

/* Copy the text of column i into a fixed buffer (currency codes). */
void cache_column_copy(sqlite3_stmt *st, int i, char *dst, size_t len) {
  const unsigned char *t = sqlite3_column_text(st, i);
  snprintf(dst, len, "%s", t ? (const char *)t : "");
}

void cache_payment_read_row(sqlite3_stmt *st, struct payment *p) {
  memset(p, 0, sizeof *p);
  p->id = cache_sql_column_strdup(st, 0);
  p->external_id = cache_sql_column_strdup(st, 1);
  p->identity_id = cache_sql_column_strdup(st, 2);
  p->account_number = cache_sql_column_strdup(st, 3);
  p->total.minor = sqlite3_column_int64(st, 4);
  cache_column_copy(st, 5, p->total.currency, sizeof p->total.currency);
  p->purchase.minor = sqlite3_column_int64(st, 6);
  cache_column_copy(st, 7, p->purchase.currency, sizeof p->purchase.currency);
  p->product = cache_sql_column_strdup(st, 8);
  p->description = cache_sql_column_strdup(st, 9);
  p->status =
      payment_status_from_string((const char *)sqlite3_column_text(st, 10));
  p->status_raw = cache_sql_column_strdup(st, 11);
  p->type = payment_type_from_string((const char *)sqlite3_column_text(st, 12));
  p->type_raw = cache_sql_column_strdup(st, 13);
  p->customer_id = cache_sql_column_strdup(st, 14);
  p->customer_name = cache_sql_column_strdup(st, 15);
  p->customer_email = cache_sql_column_strdup(st, 16);
  p->customer_document = cache_sql_column_strdup(st, 17);
  p->parent_payment_id = cache_sql_column_strdup(st, 18);
  p->related_payment_id = cache_sql_column_strdup(st, 19);
  p->documentation_status = cache_sql_column_strdup(st, 20);
  p->review_reason = cache_sql_column_strdup(st, 21);
  p->created_at = sqlite3_column_int64(st, 22);
  p->updated_at = sqlite3_column_int64(st, 23);
  p->authorized_at = sqlite3_column_int64(st, 24);
  p->captured_at = sqlite3_column_int64(st, 25);
  p->settled_at = sqlite3_column_int64(st, 26);
  p->refunded_at = sqlite3_column_int64(st, 27);
  p->expires_at = sqlite3_column_int64(st, 28);
  p->customer_id_absent = sqlite3_column_int(st, 30) != 0;
  p->customer_link_at = sqlite3_column_int64(st, 31);
  const char *raw = (const char *)sqlite3_column_text(st, 29);
  p->raw_json = cache_rawpack_unpack(raw, p);
}

enum cache_err cache_payments_upsert_in_tx(struct cache *c,
                                           const struct payment *items,
                                           size_t n) {
  if (n == 0)
    return CACHE_OK;
  enum cache_err err = CACHE_OK;
  if (c->pay_upsert == NULL)
    err = cache_sql_prepare(c, upsert_sql, &c->pay_upsert);
  if (err)
    return err;
  sqlite3_stmt *st = c->pay_upsert;
  int64_t now = cache_sql_now_ms();
  for (size_t i = 0; i < n; i++) {
    if (!cache_payment_id_ok(items[i].id)) {
      err = CACHE_ERR_INVALID;
      break;
    }
    int rc = bind_payment(st, &items[i], now);
    if (rc == SQLITE_OK)
      rc = sqlite3_step(st);
    if (rc != SQLITE_DONE) {
      err = cache_err_from_rc(rc);
      break;
    }
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
  }
  sqlite3_reset(st);
  sqlite3_clear_bindings(st);
  return err;
}

enum cache_err cache_payments_upsert_with_meta(struct cache *c,
                                               const struct payment *items,
                                               size_t n,
                                               const struct cache_meta_kv *kv,
                                               size_t nkv) {
  if (c == NULL || (n > 0 && items == NULL) || (nkv > 0 && kv == NULL))
    return CACHE_ERR_INVALID;
  enum cache_err err = cache_sql_begin(c);
  if (err)
    return err;
  err = cache_payments_upsert_in_tx(c, items, n);
  if (err == CACHE_OK && !c->fts_deferred)
    err = cache_payments_fts_fill_in_tx(c);
  for (size_t i = 0; err == CACHE_OK && i < nkv; i++)
    err = cache_meta_put(c, kv[i].key, kv[i].value);
  if (err) {
    cache_sql_rollback(c);
    return err;
  }
  return cache_sql_commit(c);
}

enum cache_err cache_payments_upsert(struct cache *c,
                                     const struct payment *items, size_t n) {
  return cache_payments_upsert_with_meta(c, items, n, NULL, 0);
}

enum cache_err cache_payment_get(struct cache *c, const char *id,
                                 struct payment *out) {
  memset(out, 0, sizeof *out);
  if (c == NULL || id == NULL)
    return CACHE_ERR_INVALID;
  sqlite3_stmt *st = NULL;
  enum cache_err err = cache_sql_prepare(
      c, "SELECT " PAYMENT_COLS " FROM payments WHERE id=?1", &st);
  if (err)
    goto out;
  int rc = sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
  if (rc == SQLITE_OK)
    rc = sqlite3_step(st);
  if (rc == SQLITE_ROW)
    cache_payment_read_row(st, out);
  else if (rc == SQLITE_DONE)
    err = CACHE_ERR_NOT_FOUND;
  else
    err = cache_err_from_rc(rc);
out:
  sqlite3_finalize(st);
  return err;
}

enum cache_err cache_payment_delete(struct cache *c, const char *id) {
  if (c == NULL || id == NULL)
    return CACHE_ERR_INVALID;
  sqlite3_stmt *st = NULL;
  enum cache_err err =
      cache_sql_prepare(c, "DELETE FROM payments WHERE id=?1", &st);
  if (err)
    goto out;
  int rc = sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
  if (rc == SQLITE_OK)
    rc = sqlite3_step(st);
  if (rc != SQLITE_DONE)
    err = cache_err_from_rc(rc);
  else if (sqlite3_changes(c->db) == 0)
    err = CACHE_ERR_NOT_FOUND;
out:
  sqlite3_finalize(st);
  return err;
}
