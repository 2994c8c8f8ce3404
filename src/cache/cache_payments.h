/*
 * cache_payments - payments beyond the basic calls of cache.h: atomic
 * "page + sync cursor" writes and the internal row helpers other cache
 * modules reuse.
 */
#ifndef DESK_CACHE_CACHE_PAYMENTS_H
#define DESK_CACHE_CACHE_PAYMENTS_H

#include <stddef.h>
#include <stdint.h>

#include "cache/cache.h"
#include "core/payment.h"
#include "core/refund.h"

/* One meta key/value written in the same transaction as a page. value NULL
 * deletes the key. */
struct cache_meta_kv {
  const char *key;
  const char *value;
};

/*
 * Upsert the n payments AND write the nkv meta entries (sync cursor,
 * watermark...) in ONE transaction: after a crash either both are in the
 * cache or neither is, so a sync resumes exactly where it stopped.
 * n may be 0 (meta only). Errors as cache_payments_upsert.
 */
enum cache_err cache_payments_upsert_with_meta(struct cache *c,
                                               const struct payment *items,
                                               size_t n,
                                               const struct cache_meta_kv *kv,
                                               size_t nkv);

/* Delete one payment (e.g. the server says 404). CACHE_ERR_NOT_FOUND when
 * absent. */
enum cache_err cache_payment_delete(struct cache *c, const char *id);

/* A free-text search first asks the full-text index how many rows it
 * proposes: up to drive_max (default 2000) they are fetched and sorted,
 * beyond it the sort index is walked and each row checked against the
 * index (a common word then finds a page quickly). For tuning and tests. */
void cache_payments_tune_fts(struct cache *c, int drive_max);

/* Review queue: REQUIRES_REVIEW payments (narrowed by f, may be NULL),
 * oldest first, keyset paged like cache_payments_list. */
enum cache_err cache_review_list(struct cache *c, const struct filter *f,
                                 const struct keyset_cursor *after, size_t limit,
                                 struct payment_list *out,
                                 struct keyset_cursor *next);

/* Unassigned topups: TOPUP_ACCOUNT or LOCAL_DEPOSIT, CREATED, no account
 * number; by expires_at ascending (never-expiring last). */
enum cache_err cache_unassigned_list(struct cache *c,
                                     const struct keyset_cursor *after,
                                     size_t limit, struct payment_list *out,
                                     struct keyset_cursor *next);

/* Refund children (type REFUND) of parent_id (NULL = of every payment),
 * newest first. */
enum cache_err cache_refunds_list(struct cache *c, const char *parent_id,
                                  const struct keyset_cursor *after,
                                  size_t limit, struct payment_list *out,
                                  struct keyset_cursor *next);

/* Counts of the same three lists (review narrowed by f, may be NULL). */
enum cache_err cache_review_count(struct cache *c, const struct filter *f,
                                  int64_t *count);
enum cache_err cache_unassigned_count(struct cache *c, int64_t *count);
enum cache_err cache_refunds_count(struct cache *c, const char *parent_id,
                                   int64_t *count);

/* Payments not in a terminal status (what an incremental sync re-fetches),
 * oldest first. */
enum cache_err cache_payments_list_nonterminal(struct cache *c,
                                               const struct keyset_cursor *after,
                                               size_t limit,
                                               struct payment_list *out,
                                               struct keyset_cursor *next);

/* refund_summary_compute() over the cached parent and all its cached
 * refund children. CACHE_ERR_NOT_FOUND without the parent;
 * CACHE_ERR_INVALID when the amounts cannot be summed (another currency,
 * overflow). */
enum cache_err cache_refund_summary(struct cache *c, const char *parent_id,
                                    struct refund_summary *out);


/* The payment lists the panes browse: each is the payments matching a
 * filter AND the list's fixed predicate, in the list's order (review:
 * oldest first; refunds: newest first; unassigned: by expiry; payments:
 * the sort asked for). */
enum cache_list {
  CACHE_LIST_PAYMENTS = 0,
  CACHE_LIST_REVIEW,
  CACHE_LIST_REFUNDS,    /* of parent_id, or of every payment when NULL */
  CACHE_LIST_UNASSIGNED, /* topups waiting for an account */
};
/* The order a list is really read in (`sort` for CACHE_LIST_PAYMENTS). */
enum keyset_sort cache_list_sort(enum cache_list list, enum keyset_sort sort);
/* The keyset cursor of payment p in `sort` order (false: no valid id). */
bool cache_payment_cursor(enum keyset_sort sort, const struct payment *p,
                          struct keyset_cursor *out);
/* A window of a list: up to `limit` rows after `from` (backward: before
 * it), `from` itself included when inclusive; NULL from = from the start
 * (backward: from the end). Appended to *out in list order either way. An
 * index range read: costs the same anywhere in the list. */
enum cache_err cache_payments_window(struct cache *c, enum cache_list list,
                                     const struct filter *f,
                                     const char *parent_id,
                                     enum keyset_sort sort,
                                     const struct keyset_cursor *from,
                                     bool backward, bool inclusive,
                                     size_t limit, struct payment_list *out);
enum cache_err cache_payments_list_count(struct cache *c, enum cache_list list,
                                         const struct filter *f,
                                         const char *parent_id,
                                         int64_t *count);
/* The cursor of the row at position n (0-based) of a list, reading only
 * its sort index's keys. CACHE_ERR_NOT_FOUND past the end. */
enum cache_err cache_payments_nth(struct cache *c, enum cache_list list,
                                  const struct filter *f,
                                  const char *parent_id, enum keyset_sort sort,
                                  int64_t n, struct keyset_cursor *out);

#endif
