/*
 * app_quarantine - reading the quarantine (records a sync could not map;
 * see app_sync.c and cache_quarantine.h).
 */
#include <stdio.h>
#include <stdlib.h>

#include "app/app_internal.h"
#include "cache/cache_quarantine.h"
#include "core/xalloc.h"

enum app_err app_quarantine_list(struct app *a, size_t limit,
                                 struct app_quarantine_item **items, size_t *n,
                                 struct app_error *err) {
  struct cache_quarantine_list l = {0};
  *items = NULL;
  *n = 0;
  enum cache_err ce = cache_quarantine_list(a->cache, limit, &l);
  if (ce != CACHE_OK) {
    cache_quarantine_list_cleanup(&l);
    return app_error_from_cache(err, ce, "reading the quarantine");
  }
  *items = xcalloc(l.count + 1, sizeof(**items));
  for (size_t i = 0; i < l.count; i++) {
    struct app_quarantine_item *q = &(*items)[i];
    snprintf(q->kind, sizeof q->kind, "%s", l.items[i].kind);
    q->id = l.items[i].item_id;
    q->reason = l.items[i].reason;
    q->raw_json = l.items[i].raw_json;
    l.items[i].item_id = l.items[i].reason = l.items[i].raw_json = NULL;
    q->first_seen_ms = l.items[i].first_seen_ms;
    q->last_seen_ms = l.items[i].last_seen_ms;
    q->seen_count = l.items[i].seen_count;
  }
  *n = l.count;
  cache_quarantine_list_cleanup(&l);
  return APP_OK;
}

void app_quarantine_free(struct app_quarantine_item *items, size_t n) {
  for (size_t i = 0; items && i < n; i++) {
    free(items[i].id);
    free(items[i].reason);
    free(items[i].raw_json);
  }
  free(items);
}

enum app_err app_quarantine_count(struct app *a, int64_t *count,
                                  struct app_error *err) {
  enum cache_err ce = cache_quarantine_count(a->cache, count);
  if (ce != CACHE_OK)
    return app_error_from_cache(err, ce, "reading the quarantine");
  return APP_OK;
}

const char *app_cache_file(struct app *a) { return a->cache_path; }
