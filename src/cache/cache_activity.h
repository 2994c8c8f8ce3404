/*
 * cache_activity - the local activity log: one append-only row per user
 * action and per outcome (confirmed, sent, succeeded, failed, unknown,
 * cancelled), with the API's traceId. Rows are never updated or deleted
 * (triggers refuse it); cache_purge keeps them.
 */
#ifndef DESK_CACHE_CACHE_ACTIVITY_H
#define DESK_CACHE_CACHE_ACTIVITY_H

#include <stddef.h>
#include <stdint.h>

#include "cache/cache.h"

/* Strings are heap-owned (may be NULL); cache_activity_cleanup frees them. */
struct cache_activity {
  int64_t id;        /* assigned by the cache */
  int64_t at_ms;     /* 0 on append = now */
  int64_t outbox_id; /* 0 = not tied to an outbox entry */
  char *action;      /* capture, refund, ... (required on append) */
  char *payment_id;
  char *outcome; /* confirmed, succeeded, ... (required on append) */
  char *trace_id;
  char *detail;
};

struct cache_activity_list {
  struct cache_activity *items;
  size_t count;
  size_t cap;
};

void cache_activity_cleanup(struct cache_activity *a);
void cache_activity_list_cleanup(struct cache_activity_list *l);

/* Append one row (in the caller's transaction if one is open). *id (when
 * non-NULL) gets the new row's id. CACHE_ERR_INVALID without action or
 * outcome. */
enum cache_err cache_activity_append(struct cache *c,
                                     const struct cache_activity *a,
                                     int64_t *id);

/* Newest first. before_id 0 starts at the newest row, otherwise lists rows
 * with id < before_id (keyset). Appends up to limit rows to *out;
 * *next_before (when non-NULL) is the value for the next page, 0 at the
 * end. payment_id non-NULL narrows to one payment. */
enum cache_err cache_activity_list(struct cache *c, const char *payment_id,
                                   int64_t before_id, size_t limit,
                                   struct cache_activity_list *out,
                                   int64_t *next_before);

#endif
