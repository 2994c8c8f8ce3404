/*
 * cache_write - the sync's long writes and the payments' full-text fill.
 *
 * A full sync writes page after page into one open transaction and commits
 * every few thousand rows together with its resume point: fewer commits
 * mean fewer rewrites of the same index pages, and no batch is held in
 * memory. Between cache_write_begin and cache_write_commit every cache
 * write of this connection (payments, quarantine, meta) joins the
 * transaction; a crash or cache_write_rollback drops all of it.
 *
 * The full-text index of the payments is filled after the rows are
 * written (schema v8): by default in the same transaction as each write
 * (cache_payments_upsert*, cache_write_commit), so a committed row is
 * indexed; a full sync defers it (cache_payments_fts_defer) and fills once
 * after the payment pages, which costs a fifth of filling per batch. Rows
 * not yet indexed are still found by a search (an exact test).
 */
#ifndef DESK_CACHE_CACHE_WRITE_H
#define DESK_CACHE_CACHE_WRITE_H

#include <stdbool.h>
#include <stddef.h>

#include "cache/cache.h"
#include "cache/cache_payments.h"
#include "core/payment.h"

enum cache_err cache_write_begin(struct cache *c);
/* Upserts payments into the open transaction (no commit, no fill). */
enum cache_err cache_write_payments(struct cache *c,
                                    const struct payment *items, size_t n);
/* Writes the nkv meta entries, fills the full-text index unless deferred,
 * and commits. On failure everything since cache_write_begin is rolled
 * back. */
enum cache_err cache_write_commit(struct cache *c,
                                  const struct cache_meta_kv *kv, size_t nkv);
void cache_write_rollback(struct cache *c);
/* True while a cache_write transaction is open. */
bool cache_write_open(const struct cache *c);

/* While deferred, commits of this connection leave the full-text fill to
 * cache_payments_fts_fill. */
void cache_payments_fts_defer(struct cache *c, bool defer);
/* Indexes every payment not yet in the full-text index, in its own
 * transaction. */
enum cache_err cache_payments_fts_fill(struct cache *c);
/* Payments not yet in the full-text index (for tests and the check). */
enum cache_err cache_payments_fts_pending(struct cache *c, int64_t *count);

#endif
