/*
 * cache_err - the cache layer's error enum: names and the mapping from
 * SQLite result codes. Busy/locked means another desk held the write lock
 * longer than busy_timeout; corrupt/notadb means the file is damaged.
 */
#include "cache/cache.h"
#include "cache/cache_int.h"

const char *cache_strerror(enum cache_err e) {
  switch (e) {
  case CACHE_OK:
    return "ok";
  case CACHE_ERR_OPEN:
    return "cannot open the cache file";
  case CACHE_ERR_SCHEMA_NEWER:
    return "the cache was written by a newer conomy-desk";
  case CACHE_ERR_CORRUPT:
    return "the cache file is damaged";
  case CACHE_ERR_BUSY:
    return "the cache is locked by another conomy-desk";
  case CACHE_ERR_IO:
    return "cache I/O error";
  case CACHE_ERR_NOT_FOUND:
    return "not found in the cache";
  case CACHE_ERR_CONFLICT:
    return "conflicts with a row already in the cache";
  case CACHE_ERR_INVALID:
    return "invalid argument";
  case CACHE_ERR_STATE:
    return "not allowed in the current state";
  case CACHE_ERR_FULL:
    return "disk full";
  }
  return "unknown cache error";
}

enum cache_err cache_err_from_rc(int rc) {
  switch (rc & 0xff) {
  case SQLITE_OK:
  case SQLITE_ROW:
  case SQLITE_DONE:
    return CACHE_OK;
  case SQLITE_BUSY:
  case SQLITE_LOCKED:
    return CACHE_ERR_BUSY;
  case SQLITE_CORRUPT:
  case SQLITE_NOTADB:
    return CACHE_ERR_CORRUPT;
  case SQLITE_CONSTRAINT:
    return CACHE_ERR_CONFLICT;
  case SQLITE_CANTOPEN:
  case SQLITE_PERM:
  case SQLITE_AUTH:
    return CACHE_ERR_OPEN;
  case SQLITE_FULL:
    return CACHE_ERR_FULL;
  case SQLITE_MISUSE:
  case SQLITE_RANGE:
    return CACHE_ERR_INVALID;
  default:
    return CACHE_ERR_IO;
  }
}
