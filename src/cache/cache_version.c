/*
 * cache_version - see cache_version.h.
 */
#include "cache/cache_version.h"

#include "cache/cache_int.h"

enum cache_err cache_data_version(struct cache *c, int64_t *out) {
  return cache_sql_query_int(c, "PRAGMA data_version", out);
}
