/*
 * cache_payment_lists - the payments' keyset windows, pane lists, counts,
 * the n-th row of a list, and the full-text plan of a search.
 *
 * Lists use keyset pagination on (sort key, id), never OFFSET, so page N
 * costs what page 1 costs.
 */
#include "cache/cache.h"
#include "cache/cache_payments.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cache/cache_int.h"
#include "cache/cache_meta.h"
#include "core/money.h"
#include "core/refund.h"
#include "core/strbuf.h"
#include "core/xalloc.h"

/* Fixed predicates of the panes (constant SQL; the only parameter is the
 * parent id of REFUNDS_OF_WHERE). The unassigned one matches the partial
 * index payments_unassigned. */
#define REVIEW_WHERE " AND status = 'REQUIRES_REVIEW'"
#define UNASSIGNED_WHERE                                                       \
  " AND type IN ('TOPUP_ACCOUNT', 'LOCAL_DEPOSIT') AND status = 'CREATED'"     \
  " AND (account_number IS NULL OR account_number = '')"
#define REFUNDS_WHERE " AND type = 'REFUND'"
#define REFUNDS_OF_WHERE " AND type = 'REFUND' AND parent_payment_id = ?"

/* Sort key expression and direction of each sort. */
static bool sort_spec(enum keyset_sort sort, const char **col, bool *desc) {
  switch (sort) {
  case KEYSET_CREATED_DESC:
    *col = "created_at";
    *desc = true;
    return true;
  case KEYSET_CREATED_ASC:
    *col = "created_at";
    *desc = false;
    return true;
  case KEYSET_AMOUNT_DESC:
    *col = "amount_sort";
    *desc = true;
    return true;
  case KEYSET_AMOUNT_ASC:
    *col = "amount_sort";
    *desc = false;
    return true;
  case KEYSET_UPDATED_DESC:
    *col = "updated_at";
    *desc = true;
    return true;
  case KEYSET_EXPIRES_ASC:
    /* A payment that never expires (0) comes last. */
    *col = "(CASE WHEN expires_at = 0 THEN 9223372036854775807"
           " ELSE expires_at END)";
    *desc = false;
    return true;
  }
  return false;
}

/* How many rows (at most cap) the FTS5 query q matches, or cap on error
 * (then the plan errs towards CHECK, which is always right). */
static int fts_count(struct cache *c, sqlite3_stmt **st, const char *q,
                     int cap) {
  int n = cap;
  if (*st == NULL &&
      cache_sql_prepare(c,
                        "SELECT count(*) FROM (SELECT rowid FROM payments_fts"
                        " WHERE payments_fts MATCH ?1 LIMIT ?2)",
                        st) != CACHE_OK)
    return n;
  sqlite3_reset(*st);
  if (sqlite3_bind_text(*st, 1, q, -1, SQLITE_STATIC) == SQLITE_OK &&
      sqlite3_bind_int(*st, 2, cap) == SQLITE_OK &&
      sqlite3_step(*st) == SQLITE_ROW)
    n = sqlite3_column_int(*st, 0);
  return n;
}

/* A trigram common to most rows (every "Inv" of "Invoice") costs a read
 * of its whole posting list, for little: each trigram is probed (reading
 * at most FTS_PROBE_X times fts_drive_max postings) and the phrase ANDs the
 * rarest ones, one more at a time, until it proposes at most
 * fts_drive_max rows (DRIVE); any subset matches a superset of the text's
 * rows, which the exact test then decides. When even all of them propose
 * more, the text matches many rows (CHECK). */
#define FTS_PROBE_X 4
static int letters_only(const char *term) {
  for (const unsigned char *p = (const unsigned char *)term; *p; p++)
    if (*p != '"' && *p < 0x80 && !((*p | 0x20) >= 'a' && (*p | 0x20) <= 'z'))
      return 0;
  return 1;
}

void cache_fts_plan(struct cache *c, const struct filter *f,
                    struct cache_fts_plan *plan) {
  plan->mode = CACHE_FTS_DRIVE;
  plan->phrase = NULL;
  if (f == NULL || !cache_filter_fts_usable(f->text))
    return;
  char **terms = NULL;
  size_t n = cache_filter_fts_terms(f->text, &terms);
  int cap = c->fts_drive_max + 1, probe = FTS_PROBE_X * cap;
  int *hits = xcalloc(n ? n : 1, sizeof *hits);
  sqlite3_stmt *st = NULL;
  for (size_t i = 0; i < n; i++) {
    /* among equals (probe-capped), letters-only trigrams last: digits and
     * punctuation are rarer in names and descriptions */
    hits[i] = 2 * fts_count(c, &st, terms[i], probe) + letters_only(terms[i]);
    /* insertion sort, rarest first */
    for (size_t j = i; j > 0 && hits[j] < hits[j - 1]; j--) {
      int h = hits[j];
      char *t = terms[j];
      hits[j] = hits[j - 1], terms[j] = terms[j - 1];
      hits[j - 1] = h, terms[j - 1] = t;
    }
  }
  plan->mode = CACHE_FTS_CHECK;
  for (size_t k = 1; k <= n && plan->mode == CACHE_FTS_CHECK; k++) {
    free(plan->phrase);
    plan->phrase = cache_filter_fts_join(terms, k);
    if ((k == 1 ? hits[0] / 2 : fts_count(c, &st, plan->phrase, cap)) < cap)
      plan->mode = CACHE_FTS_DRIVE;
  }
  sqlite3_finalize(st);
  free(hits);
  cache_filter_fts_terms_free(terms, n);
}

/*
 * The one list query: rows matching f AND `extra` (constant SQL; its only
 * parameter, if any, is extra_text) in (key, id) order after `after`.
 */
struct list_dir {
  bool backward;  /* rows before `after`, nearest first (then reversed) */
  bool inclusive; /* `after`'s own (key, id) is part of the result */
};

/* Steps a prepared list query (its last column is the sort key): up to
 * `limit` rows into out in list order, and the cursor after them into
 * next. All or nothing: on an error nothing is appended. */
static enum cache_err read_rows(sqlite3_stmt *st, size_t limit, bool backward,
                                struct payment_list *out,
                                struct keyset_cursor *next) {
  enum cache_err err = CACHE_OK;
  size_t got = 0, start = out->count;
  int rc;
  int64_t last_key = 0;
  while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
    if (got == limit) {
      if (next) {
        const struct payment *lp = &out->items[out->count - 1];
        next->valid = true;
        next->key = last_key;
        snprintf(next->id, sizeof next->id, "%s", lp->id ? lp->id : "");
      }
      break;
    }
    cache_payment_read_row(st, payment_list_push(out));
    last_key = sqlite3_column_int64(st, PAYMENT_NCOLS);
    got++;
  }
  if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
    err = cache_err_from_rc(rc);
    /* All or nothing: drop the rows appended by this call. */
    while (out->count > start)
      payment_cleanup(&out->items[--out->count]);
    if (next)
      memset(next, 0, sizeof *next);
  } else if (backward) {
    /* read nearest first; the caller wants them in list order */
    for (size_t i = start, j = out->count; i + 1 < j; i++, j--) {
      struct payment t = out->items[i];
      out->items[i] = out->items[j - 1];
      out->items[j - 1] = t;
    }
  }
  return err;
}

static enum cache_err list_core_dir(struct cache *c, const struct filter *f,
                                    const char *extra, const char *extra_text,
                                    enum keyset_sort sort,
                                    const struct keyset_cursor *after,
                                    size_t limit, struct payment_list *out,
                                    struct keyset_cursor *next,
                                    struct list_dir dir) {
  const char *col = NULL;
  bool desc = false;
  /* `after` and `next` may be the same cursor. */
  struct keyset_cursor after_copy;
  if (after) {
    after_copy = *after;
    after = &after_copy;
  }
  if (next)
    memset(next, 0, sizeof *next);
  if (c == NULL || out == NULL || !sort_spec(sort, &col, &desc))
    return CACHE_ERR_INVALID;
  if (dir.backward)
    desc = !desc;
  if (limit == 0)
    return CACHE_OK;
  if (limit > INT32_MAX - 1)
    limit = INT32_MAX - 1;

  struct cache_filter_sql q;
  struct cache_fts_plan plan;
  cache_fts_plan(c, f, &plan);
  cache_filter_sql_build_fts(f, "", plan.mode, plan.phrase, &q);
  free(plan.phrase);
  struct strbuf sql;
  strbuf_init(&sql, 0);
  /* The planner would rather sort every unassigned topup found by the
   * (type, status) index than walk the partial index of their sort key. */
  const char *from = extra && strcmp(extra, UNASSIGNED_WHERE) == 0
                         ? "payments INDEXED BY payments_unassigned"
                         : "payments";
  strbuf_printf(&sql, "SELECT " PAYMENT_COLS ", %s FROM %s WHERE %s%s", col,
                from, strbuf_str(&q.where), extra ? extra : "");
  bool keyset = after != NULL && after->valid;
  if (keyset)
    strbuf_printf(&sql, " AND (%s, id) %s%s (?, ?)", col, desc ? "<" : ">",
                  dir.inclusive ? "=" : "");
  strbuf_printf(&sql, " ORDER BY %s %s, id %s LIMIT ?", col,
                desc ? "DESC" : "ASC", desc ? "DESC" : "ASC");

  sqlite3_stmt *st = NULL;
  enum cache_err err = cache_sql_prepare(c, strbuf_str(&sql), &st);
  if (err)
    goto out;
  int idx = 1;
  int rc = cache_sql_bind_filter(st, &q, &idx);
  if (rc == SQLITE_OK && extra_text)
    rc = sqlite3_bind_text(st, idx++, extra_text, -1, SQLITE_STATIC);
  if (rc == SQLITE_OK && keyset) {
    rc = sqlite3_bind_int64(st, idx++, after->key);
    if (rc == SQLITE_OK)
      rc = sqlite3_bind_text(st, idx++, after->id, -1, SQLITE_STATIC);
  }
  /* One row more than asked tells whether a next page exists. */
  if (rc == SQLITE_OK)
    rc = sqlite3_bind_int64(st, idx++, (int64_t)limit + 1);
  if (rc != SQLITE_OK) {
    err = cache_err_from_rc(rc);
    goto out;
  }
  err = read_rows(st, limit, dir.backward, out, next);
out:
  sqlite3_finalize(st);
  strbuf_cleanup(&sql);
  cache_filter_sql_cleanup(&q);
  return err;
}

static enum cache_err list_core(struct cache *c, const struct filter *f,
                                const char *extra, const char *extra_text,
                                enum keyset_sort sort,
                                const struct keyset_cursor *after, size_t limit,
                                struct payment_list *out,
                                struct keyset_cursor *next) {
  return list_core_dir(c, f, extra, extra_text, sort, after, limit, out, next,
                       (struct list_dir){false, false});
}

/* The fixed predicate, its parameter and its sort of each list. */
static void list_spec(enum cache_list list, const char **parent,
                      const char **extra, enum keyset_sort *sort) {
  switch (list) {
  case CACHE_LIST_REVIEW:
    *extra = REVIEW_WHERE;
    *sort = KEYSET_CREATED_ASC;
    *parent = NULL;
    break;
  case CACHE_LIST_REFUNDS:
    *extra = *parent ? REFUNDS_OF_WHERE : REFUNDS_WHERE;
    *sort = KEYSET_CREATED_DESC;
    break;
  case CACHE_LIST_UNASSIGNED:
    *extra = UNASSIGNED_WHERE;
    *sort = KEYSET_EXPIRES_ASC;
    *parent = NULL;
    break;
  default:
    *extra = NULL;
    *parent = NULL;
    break;
  }
}

enum keyset_sort cache_list_sort(enum cache_list list, enum keyset_sort sort) {
  const char *parent = NULL, *extra = NULL;
  list_spec(list, &parent, &extra, &sort);
  return sort;
}

enum cache_err cache_payments_window(struct cache *c, enum cache_list list,
                                     const struct filter *f,
                                     const char *parent_id,
                                     enum keyset_sort sort,
                                     const struct keyset_cursor *from,
                                     bool backward, bool inclusive,
                                     size_t limit, struct payment_list *out) {
  const char *extra = NULL;
  list_spec(list, &parent_id, &extra, &sort);
  return list_core_dir(c, f, extra, parent_id, sort, from, limit, out, NULL,
                       (struct list_dir){backward, inclusive});
}

bool cache_payment_cursor(enum keyset_sort sort, const struct payment *p,
                          struct keyset_cursor *out) {
  memset(out, 0, sizeof *out);
  if (p == NULL || !cache_payment_id_ok(p->id))
    return false;
  int64_t micro = 0;
  switch (sort) {
  case KEYSET_CREATED_DESC:
  case KEYSET_CREATED_ASC:
    out->key = p->created_at;
    break;
  case KEYSET_AMOUNT_DESC:
  case KEYSET_AMOUNT_ASC:
    /* as bind_payment stores amount_sort */
    out->key = money_to_micro(&p->total, &micro) == CORE_OK ? micro : INT64_MIN;
    break;
  case KEYSET_UPDATED_DESC:
    out->key = p->updated_at;
    break;
  case KEYSET_EXPIRES_ASC:
    out->key = p->expires_at == 0 ? INT64_MAX : p->expires_at;
    break;
  default:
    return false;
  }
  snprintf(out->id, sizeof out->id, "%s", p->id);
  out->valid = true;
  return true;
}

enum cache_err cache_payments_list(struct cache *c, const struct filter *f,
                                   enum keyset_sort sort,
                                   const struct keyset_cursor *after,
                                   size_t limit, struct payment_list *out,
                                   struct keyset_cursor *next) {
  return list_core(c, f, NULL, NULL, sort, after, limit, out, next);
}

void cache_payments_tune_fts(struct cache *c, int drive_max) {
  if (c)
    c->fts_drive_max = drive_max < 0 ? 0 : drive_max;
}

enum cache_err cache_review_list(struct cache *c, const struct filter *f,
                                 const struct keyset_cursor *after,
                                 size_t limit, struct payment_list *out,
                                 struct keyset_cursor *next) {
  return list_core(c, f, REVIEW_WHERE, NULL, KEYSET_CREATED_ASC, after, limit,
                   out, next);
}

enum cache_err cache_unassigned_list(struct cache *c,
                                     const struct keyset_cursor *after,
                                     size_t limit, struct payment_list *out,
                                     struct keyset_cursor *next) {
  return list_core(c, NULL, UNASSIGNED_WHERE, NULL, KEYSET_EXPIRES_ASC, after,
                   limit, out, next);
}

enum cache_err cache_refunds_list(struct cache *c, const char *parent_id,
                                  const struct keyset_cursor *after,
                                  size_t limit, struct payment_list *out,
                                  struct keyset_cursor *next) {
  return list_core(c, NULL, parent_id ? REFUNDS_OF_WHERE : REFUNDS_WHERE,
                   parent_id, KEYSET_CREATED_DESC, after, limit, out, next);
}

enum cache_err cache_payments_list_nonterminal(
    struct cache *c, const struct keyset_cursor *after, size_t limit,
    struct payment_list *out, struct keyset_cursor *next) {
  return list_core(c, NULL,
                   " AND status NOT IN ('SETTLED','FAILED','EXPIRED',"
                   "'UNSETTLED','REFUNDED')",
                   NULL, KEYSET_CREATED_ASC, after, limit, out, next);
}

enum cache_err cache_refund_summary(struct cache *c, const char *parent_id,
                                    struct refund_summary *out) {
  memset(out, 0, sizeof *out);
  if (c == NULL || parent_id == NULL)
    return CACHE_ERR_INVALID;
  struct payment parent;
  struct payment_list kids = {0};
  enum cache_err err = cache_payment_get(c, parent_id, &parent);
  if (err)
    return err;
  struct keyset_cursor cur = {0}, next = {0};
  do {
    err = cache_refunds_list(c, parent_id, &cur, 500, &kids, &next);
    cur = next;
  } while (!err && next.valid);
  if (!err &&
      refund_summary_compute(&parent, kids.items, kids.count, out) != CORE_OK)
    err = CACHE_ERR_INVALID;
  payment_cleanup(&parent);
  payment_list_cleanup(&kids);
  return err;
}

/* Count of rows matching f AND `extra` (as list_core). */
static enum cache_err count_core(struct cache *c, const struct filter *f,
                                 const char *extra, const char *extra_text,
                                 int64_t *count) {
  *count = 0;
  if (c == NULL)
    return CACHE_ERR_INVALID;
  struct cache_filter_sql q;
  struct cache_fts_plan plan;
  cache_fts_plan(c, f, &plan);
  /* a count reads every match: the trigram index narrows them whatever
   * their number (an IN list built once beats the exact test on every
   * row) */
  cache_filter_sql_build_fts(f, "", CACHE_FTS_DRIVE, plan.phrase, &q);
  free(plan.phrase);
  struct strbuf sql;
  strbuf_init(&sql, 0);
  strbuf_printf(&sql, "SELECT count(*) FROM payments WHERE %s%s",
                strbuf_str(&q.where), extra ? extra : "");
  sqlite3_stmt *st = NULL;
  enum cache_err err = cache_sql_prepare(c, strbuf_str(&sql), &st);
  if (err)
    goto out;
  int idx = 1;
  int rc = cache_sql_bind_filter(st, &q, &idx);
  if (rc == SQLITE_OK && extra_text)
    rc = sqlite3_bind_text(st, idx++, extra_text, -1, SQLITE_STATIC);
  if (rc == SQLITE_OK)
    rc = sqlite3_step(st);
  if (rc == SQLITE_ROW)
    *count = sqlite3_column_int64(st, 0);
  else
    err = cache_err_from_rc(rc == SQLITE_DONE ? SQLITE_ERROR : rc);
out:
  sqlite3_finalize(st);
  strbuf_cleanup(&sql);
  cache_filter_sql_cleanup(&q);
  return err;
}

enum cache_err cache_payments_count(struct cache *c, const struct filter *f,
                                    int64_t *count) {
  return count_core(c, f, NULL, NULL, count);
}

enum cache_err cache_review_count(struct cache *c, const struct filter *f,
                                  int64_t *count) {
  return count_core(c, f, REVIEW_WHERE, NULL, count);
}

enum cache_err cache_unassigned_count(struct cache *c, int64_t *count) {
  return count_core(c, NULL, UNASSIGNED_WHERE, NULL, count);
}

enum cache_err cache_refunds_count(struct cache *c, const char *parent_id,
                                   int64_t *count) {
  return count_core(c, NULL, parent_id ? REFUNDS_OF_WHERE : REFUNDS_WHERE,
                    parent_id, count);
}

enum cache_err cache_payments_list_count(struct cache *c, enum cache_list list,
                                         const struct filter *f,
                                         const char *parent_id,
                                         int64_t *count) {
  const char *extra = NULL;
  enum keyset_sort sort = KEYSET_CREATED_DESC;
  list_spec(list, &parent_id, &extra, &sort);
  return count_core(c, f, extra, parent_id, count);
}

enum cache_err cache_payments_nth(struct cache *c, enum cache_list list,
                                  const struct filter *f, const char *parent_id,
                                  enum keyset_sort sort, int64_t n,
                                  struct keyset_cursor *out) {
  memset(out, 0, sizeof *out);
  const char *extra = NULL, *col = NULL;
  bool desc = false;
  list_spec(list, &parent_id, &extra, &sort);
  if (c == NULL || n < 0 || !sort_spec(sort, &col, &desc))
    return CACHE_ERR_INVALID;
  struct cache_filter_sql q;
  struct cache_fts_plan plan;
  cache_fts_plan(c, f, &plan);
  cache_filter_sql_build_fts(f, "", plan.mode, plan.phrase, &q);
  free(plan.phrase);
  struct strbuf sql;
  strbuf_init(&sql, 0);
  /* only the key and the id: the sort's index covers them */
  strbuf_printf(&sql,
                "SELECT %s, id FROM payments WHERE %s%s ORDER BY %s %s, id %s"
                " LIMIT 1 OFFSET ?",
                col, strbuf_str(&q.where), extra ? extra : "", col,
                desc ? "DESC" : "ASC", desc ? "DESC" : "ASC");
  sqlite3_stmt *st = NULL;
  enum cache_err err = cache_sql_prepare(c, strbuf_str(&sql), &st);
  if (err)
    goto out;
  int idx = 1;
  int rc = cache_sql_bind_filter(st, &q, &idx);
  if (rc == SQLITE_OK && extra && strchr(extra, '?'))
    rc = sqlite3_bind_text(st, idx++, parent_id, -1, SQLITE_STATIC);
  if (rc == SQLITE_OK)
    rc = sqlite3_bind_int64(st, idx++, n);
  if (rc == SQLITE_OK)
    rc = sqlite3_step(st);
  if (rc == SQLITE_ROW) {
    out->valid = true;
    out->key = sqlite3_column_int64(st, 0);
    cache_column_copy(st, 1, out->id, sizeof out->id);
  } else if (rc == SQLITE_DONE) {
    err = CACHE_ERR_NOT_FOUND;
  } else {
    err = cache_err_from_rc(rc);
  }
out:
  sqlite3_finalize(st);
  strbuf_cleanup(&sql);
  cache_filter_sql_cleanup(&q);
  return err;
}
