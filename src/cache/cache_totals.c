/*
 * cache_totals - see cache_totals.h. The WHERE clause is the one the
 * lists use (cache_filter), so the totals agree with what the lists show.
 */
#include "cache/cache_totals.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cache/cache_filter.h"
#include "cache/cache_int.h"
#include "core/xalloc.h"

void cache_totals_cleanup(struct cache_totals *t) {
  if (t == NULL)
    return;
  free(t->items);
  memset(t, 0, sizeof *t);
}

enum cache_err cache_payments_totals(struct cache *c, const struct filter *f,
                                     struct cache_totals *out) {
  if (c == NULL || out == NULL)
    return CACHE_ERR_INVALID;
  struct cache_filter_sql q;
  struct cache_fts_plan plan;
  cache_fts_plan(c, f, &plan); /* a search's rarest trigrams narrow it */
  cache_filter_sql_build_fts(f, "", CACHE_FTS_DRIVE, plan.phrase, &q);
  free(plan.phrase);
  struct strbuf sql;
  strbuf_init(&sql, 0);
  strbuf_printf(&sql,
                "SELECT status, currency, count(*), sum(amount_minor) "
                "FROM payments WHERE %s GROUP BY status, currency",
                strbuf_str(&q.where));
  sqlite3_stmt *st = NULL;
  enum cache_err err = cache_sql_prepare(c, strbuf_str(&sql), &st);
  if (err)
    goto out;
  int idx = 1;
  int rc = cache_sql_bind_filter(st, &q, &idx);
  while (rc == SQLITE_OK || rc == SQLITE_ROW) {
    rc = sqlite3_step(st);
    if (rc != SQLITE_ROW)
      break;
    if (out->count == out->cap) {
      out->cap = out->cap ? out->cap * 2 : 16;
      out->items = xreallocarray(out->items, out->cap, sizeof *out->items);
    }
    struct cache_total *t = &out->items[out->count++];
    memset(t, 0, sizeof *t);
    t->status = payment_status_from_string(
        (const char *)sqlite3_column_text(st, 0));
    const unsigned char *cur = sqlite3_column_text(st, 1);
    snprintf(t->currency, sizeof t->currency, "%s",
             cur ? (const char *)cur : "");
    t->count = sqlite3_column_int64(st, 2);
    t->minor = sqlite3_column_int64(st, 3);
  }
  if (rc != SQLITE_DONE)
    err = cache_err_from_rc(rc);
out:
  sqlite3_finalize(st);
  strbuf_cleanup(&sql);
  cache_filter_sql_cleanup(&q);
  return err;
}

enum cache_err cache_payments_daily(struct cache *c, const struct filter *f,
                                    int64_t day0_ms, int days,
                                    int64_t *counts) {
  const int64_t day = 24LL * 3600 * 1000;
  if (c == NULL || counts == NULL || days <= 0)
    return CACHE_ERR_INVALID;
  memset(counts, 0, (size_t)days * sizeof *counts);
  struct cache_filter_sql q;
  struct cache_fts_plan plan;
  cache_fts_plan(c, f, &plan); /* a search's rarest trigrams narrow it */
  cache_filter_sql_build_fts(f, "", CACHE_FTS_DRIVE, plan.phrase, &q);
  free(plan.phrase);
  struct strbuf sql;
  strbuf_init(&sql, 0);
  strbuf_printf(&sql,
                "SELECT (created_at - ?) / %lld, count(*) FROM payments"
                " WHERE created_at >= ? AND created_at < ? AND %s"
                " GROUP BY 1",
                (long long)day, strbuf_str(&q.where));
  sqlite3_stmt *st = NULL;
  enum cache_err err = cache_sql_prepare(c, strbuf_str(&sql), &st);
  if (err)
    goto out;
  int idx = 4;
  int rc = sqlite3_bind_int64(st, 1, day0_ms);
  if (rc == SQLITE_OK)
    rc = sqlite3_bind_int64(st, 2, day0_ms);
  if (rc == SQLITE_OK)
    rc = sqlite3_bind_int64(st, 3, day0_ms + days * day);
  if (rc == SQLITE_OK)
    rc = cache_sql_bind_filter(st, &q, &idx);
  while (rc == SQLITE_OK || rc == SQLITE_ROW) {
    rc = sqlite3_step(st);
    if (rc != SQLITE_ROW)
      break;
    int64_t d = sqlite3_column_int64(st, 0);
    if (d >= 0 && d < days)
      counts[d] = sqlite3_column_int64(st, 1);
  }
  if (rc != SQLITE_DONE)
    err = cache_err_from_rc(rc);
out:
  sqlite3_finalize(st);
  strbuf_cleanup(&sql);
  cache_filter_sql_cleanup(&q);
  return err;
}
