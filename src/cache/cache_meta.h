/*
 * cache_meta - typed helpers over the cache's key/value table (the basic
 * cache_meta_get/cache_meta_set are declared in cache.h).
 *
 * Keys used by the desk (documented here so every layer spells them alike):
 *   last_sync_ms                 end of the last complete sync
 *   sync.<resource>.offset       resumable cursor of a running full sync
 *   sync.<resource>.watermark_ms newest createdAt/updatedAt seen
 *   sync.full_done               "1" once a first full sync completed
 */
#ifndef DESK_CACHE_CACHE_META_H
#define DESK_CACHE_CACHE_META_H

#include <stdbool.h>
#include <stdint.h>

#include "cache/cache.h"

/* Like cache_meta_set, but value NULL deletes the key. Runs inside the
 * caller's transaction when there is one. */
enum cache_err cache_meta_put(struct cache *c, const char *key,
                              const char *value);

/* Integer view of a key: *found false when unset (value untouched);
 * CACHE_ERR_INVALID when the stored text is not an integer. */
enum cache_err cache_meta_get_int(struct cache *c, const char *key,
                                  int64_t *value, bool *found);
enum cache_err cache_meta_set_int(struct cache *c, const char *key,
                                  int64_t value);

#endif
