/*
 * cache_payments - payments beyond the basic calls of cache.h: atomic
 * "page + sync cursor" writes and the internal row helpers other cache
 * modules reuse.
 */
#ifndef DESK_CACHE_CACHE_PAYMENTS_H
#define DESK_CACHE_CACHE_PAYMENTS_H

#include <stddef.h>

#include "cache/cache.h"
#include "core/payment.h"

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

#endif
