/*
 * cache_int - what the cache modules share and nobody else sees.
 *
 * The definition of the opaque struct cache, the SQLite result-code mapping
 * (cache_err.c) and small statement helpers (cache_sql.c). Only the
 * src/cache sources include this header; with them it is the one place
 * where <sqlite3.h> is visible.
 * Every statement is prepared with sqlite3_prepare_v3, bound, stepped and
 * finalized on every path, errors included.
 */
#ifndef DESK_CACHE_CACHE_INT_H
#define DESK_CACHE_CACHE_INT_H

#include <sqlite3.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "cache/cache.h"
#include "cache/cache_filter.h"
#include "core/customer.h"
#include "core/payment.h"

struct cache {
  sqlite3 *db;
  char *path;
  char *marker_path;        /* <path>.outbox-open */
  char *notice;             /* set when a damaged file was moved aside */
  int fts_drive_max;        /* see cache_payments_tune_fts */
  bool fts_deferred;        /* see cache_payments_fts_defer */
  sqlite3_stmt *pay_upsert; /* prepared once, reused by every upsert */
};

/* SQLite result code -> cache_err (SQLITE_OK/ROW/DONE -> CACHE_OK). */
enum cache_err cache_err_from_rc(int rc);

/* Prepare one statement; on failure returns the mapped error, *st is NULL. */
enum cache_err cache_sql_prepare(struct cache *c, const char *sql,
                                 sqlite3_stmt **st);
/* Run a statement that takes no parameters and returns no rows we need
 * (BEGIN, COMMIT, DDL). Steps it to completion, finalizes it. */
enum cache_err cache_sql_exec(struct cache *c, const char *sql);
/* Run every statement of a multi-statement SQL text, one at a time. */
enum cache_err cache_sql_script(struct cache *c, const char *sql);

/* The page cache of a connection: small for reading, large inside a
 * write transaction (cache.c says why). cache_sql_begin switches it to
 * the large one, the end of the transaction back. */
enum cache_err cache_page_cache(struct cache *c, bool writing);

/* BEGIN IMMEDIATE / COMMIT / ROLLBACK (rollback ignores errors). */
enum cache_err cache_sql_begin(struct cache *c);
enum cache_err cache_sql_commit(struct cache *c);
void cache_sql_rollback(struct cache *c);

/* Run one prepared statement to completion (no rows wanted), then reset
 * it and clear its bindings; an SQLite result code (SQLITE_OK when done). */
int cache_sql_step_done(sqlite3_stmt *st);

/* The WHERE of a directory upsert's DO UPDATE: nothing is written when
 * the row already holds the values sent (the same row_hash; a directory is
 * read whole by every sync and is almost all unchanged): no row, index,
 * full-text or document write, and cached_at stays (nothing reads it). */
#define CACHE_SAME_ROW(table) "excluded.row_hash IS NOT " table ".row_hash"

/* Bind a possibly-NULL C string as TEXT (or NULL). */
int cache_sql_bind_text(sqlite3_stmt *st, int idx, const char *s);
/* A heap copy of column i (xstrdup), NULL when the column is NULL. */
char *cache_sql_column_strdup(sqlite3_stmt *st, int i);

/* Bind every value of q starting at *idx (1-based); *idx is advanced past
 * them. Returns an SQLite result code. */
int cache_sql_bind_filter(sqlite3_stmt *st, const struct cache_filter_sql *q,
                          int *idx);

/* How a free text takes part in a payments query (see cache_filter.h):
 * the mode and the FTS5 query of the DRIVE term (NULL: every trigram; the
 * caller frees it). Reads a few bounded postings lists (cache_payments.c). */
struct cache_fts_plan {
  enum cache_fts_mode mode;
  char *phrase;
};
void cache_fts_plan(struct cache *c, const struct filter *f,
                    struct cache_fts_plan *plan);

/* Append an activity row (cache_activity_append with plain arguments).
 * at_ms 0 = now, outbox_id 0 = none. */
enum cache_err cache_activity_insert(struct cache *c, int64_t at_ms,
                                     int64_t outbox_id, const char *action,
                                     const char *payment_id,
                                     const char *outcome, const char *trace_id,
                                     const char *detail, int64_t *id);

/* Upsert payments inside the caller's transaction (no BEGIN/COMMIT). */
enum cache_err cache_payments_upsert_in_tx(struct cache *c,
                                           const struct payment *items,
                                           size_t n);

/* Upsert customers (and their documents) inside the caller's
 * transaction. */
enum cache_err cache_customers_upsert_in_tx(struct cache *c,
                                            const struct customer *items,
                                            size_t n);

/* Index the payments after payments_fts_mark in the full-text index and
 * move the mark, inside the caller's transaction (cache_write.c). */
enum cache_err cache_payments_fts_fill_in_tx(struct cache *c);

/* Make the <path>.outbox-open marker match the outbox table (at open). */
enum cache_err cache_outbox_marker_reconcile(struct cache *c);

/* A 64-bit hash (FNV-style, eight bytes a step) of a row's values (row_hash
 * columns, schema v8): an upsert writes nothing when the stored row has the
 * same hash. Each value is hashed with a tag and its length, so NULL, "" and
 * shifted boundaries differ. */
struct cache_hash {
  uint64_t h;
};
void cache_hash_init(struct cache_hash *h);
void cache_hash_text(struct cache_hash *h, const char *s);
void cache_hash_int(struct cache_hash *h, int64_t v);
/* The value to bind (the bits of h as a signed integer). */
int64_t cache_hash_value(const struct cache_hash *h);

/* SELECT list shared by get and the lists; cache_payment_read_row()
 * depends on the order. */
#define PAYMENT_COLS                                                           \
  "id, external_id, identity_id, account_number, amount_minor, currency,"      \
  " purchase_minor, purchase_currency, product, description, status,"          \
  " status_raw, type, type_raw, customer_id, customer_name, customer_email,"   \
  " customer_document, parent_payment_id, related_payment_id,"                 \
  " documentation_status, review_reason, created_at, updated_at,"              \
  " authorized_at, captured_at, settled_at, refunded_at, expires_at,"          \
  " raw_json, customer_id_absent, customer_link_at"
#define PAYMENT_NCOLS 32

/* The payment of a row selected with PAYMENT_COLS (raw JSON unpacked). */
void cache_payment_read_row(sqlite3_stmt *st, struct payment *p);
/* Copy the text of column i into a fixed buffer (currency codes). */
void cache_column_copy(sqlite3_stmt *st, int i, char *dst, size_t len);
/* A payment id the cache accepts (non-empty, fits a keyset cursor). */
bool cache_payment_id_ok(const char *id);

/* Milliseconds since the epoch (wall clock), for cached_at/updated_at. */
int64_t cache_sql_now_ms(void);

/* An integer result of a single-row query with no parameters, e.g.
 * "PRAGMA user_version". */
enum cache_err cache_sql_query_int(struct cache *c, const char *sql,
                                   int64_t *out);

#endif
