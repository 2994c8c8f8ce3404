/*
 * cache_quarantine - records a sync could not map (kept with their raw
 * JSON so nothing the server sent is lost, and readable by the user).
 *
 * One row per (kind, item): an item is its id as sent, or its raw JSON when
 * it has no usable id, so the same bad record seen by every sync stays one
 * row (seen_count, last_seen move). A record that later arrives readable is
 * removed (cache_quarantine_resolve).
 */
#ifndef DESK_CACHE_CACHE_QUARANTINE_H
#define DESK_CACHE_CACHE_QUARANTINE_H

#include <stddef.h>
#include <stdint.h>

#include "cache/cache.h"

/* Strings heap-owned (item_id may be NULL). Unsanitised: sanitise before
 * display. */
struct cache_quarantine_item {
  char *kind; /* payment, customer, account, identity */
  char *item_id;
  char *reason;
  char *raw_json;
  int64_t first_seen_ms, last_seen_ms, seen_count;
};

struct cache_quarantine_list {
  struct cache_quarantine_item *items;
  size_t count, cap;
};

void cache_quarantine_list_cleanup(struct cache_quarantine_list *l);

/* Records one item (insert, or refresh reason/raw/last_seen and count one
 * more sighting). kind, reason and raw_json are required. */
enum cache_err cache_quarantine_put(struct cache *c, const char *kind,
                                    const char *item_id, const char *reason,
                                    const char *raw_json, int64_t now_ms);

/* Removes the rows of kind whose item_id is one of ids[0..n). */
enum cache_err cache_quarantine_resolve(struct cache *c, const char *kind,
                                        const char *const *ids, size_t n);

enum cache_err cache_quarantine_count(struct cache *c, int64_t *count);
/* Rows seen at or after since_ms (what one sync put there). */
enum cache_err cache_quarantine_count_since(struct cache *c, int64_t since_ms,
                                            int64_t *count);

/* Up to limit rows, most recently seen first, appended to *out. */
enum cache_err cache_quarantine_list(struct cache *c, size_t limit,
                                     struct cache_quarantine_list *out);

#endif
