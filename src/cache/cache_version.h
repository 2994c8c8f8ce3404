/*
 * cache_version - notice changes made by other connections (another desk,
 * `conomy-desk listen`, the worker thread) without re-reading anything.
 */
#ifndef DESK_CACHE_CACHE_VERSION_H
#define DESK_CACHE_CACHE_VERSION_H

#include <stdint.h>

#include "cache/cache.h"

/* PRAGMA data_version of this connection: it changes whenever another
 * connection commits to the file. Cheap (no I/O beyond a header check). */
enum cache_err cache_data_version(struct cache *c, int64_t *out);

#endif
