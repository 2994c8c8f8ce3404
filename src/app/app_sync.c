/*
 * app_sync - fill the cache from the API.
 *
 * First sync: page through every payment oldest first (createdAt:asc, so
 * payments created meanwhile only append), committing batches of pages
 * together with the resume offset, so a sync killed at any point resumes
 * where it stopped and never leaves a half-written batch. Before it starts, the newest
 * updatedAt on the server is recorded as the watermark: anything that
 * changes during or after the first sync has a later updatedAt.
 *
 * Later syncs are incremental: payments by updatedAt:desc down to the
 * watermark minus an overlap (server clock, so client skew does not matter;
 * the overlap absorbs equal timestamps and reordering). This returns every
 * new payment and every payment whose status changed. Offset paging over a
 * list whose items move to the front can only produce duplicates, never
 * gaps, and upserts are idempotent.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/app_internal.h"
#include "cache/cache_payments.h"
#include "core/xalloc.h"

#define SYNC_PAGE 500
#define SYNC_BATCH 2500
#define SYNC_OVERLAP_MS (5 * 60 * 1000)

static int64_t meta_int(struct cache *c, const char *key, int64_t dflt) {
  char *v = NULL;
  int64_t r = dflt;
  if (cache_meta_get(c, key, &v) == CACHE_OK && v) {
    char *end = NULL;
    long long x = strtoll(v, &end, 10);
    if (end != v && *end == '\0')
      r = (int64_t)x;
  }
  free(v);
  return r;
}

static enum cache_err meta_set_int(struct cache *c, const char *key,
                                   int64_t v) {
  char buf[32];
  snprintf(buf, sizeof buf, "%" PRId64, v);
  return cache_meta_set(c, key, buf);
}

/* Commit the batch with the resume offset `next` in one transaction, and
 * empty it (also on failure). */
static enum app_err commit_batch(struct cache *cache, struct payment_list *b,
                                 int64_t next, struct app_error *err) {
  char buf[32];
  snprintf(buf, sizeof buf, "%" PRId64, next);
  struct cache_meta_kv kv = {"sync.full_offset", buf};
  enum cache_err ce =
      cache_payments_upsert_with_meta(cache, b->items, b->count, &kv, 1);
  payment_list_cleanup(b);
  if (ce != CACHE_OK)
    return app_error_from_cache(err, ce, "sync: writing the cache");
  return APP_OK;
}

/* The newest updatedAt the server has (0 when it has no payments). */
static enum app_err probe_watermark(struct api_client *api, int64_t *out,
                                    struct app_error *err) {
  struct payment_list l = {0};
  struct api_page page = {0};
  struct api_error ae;
  api_error_clear(&ae);
  struct api_payment_query q = {.sort = "updatedAt:desc", .limit = 1};
  if (api_payments_list(api, &q, &l, &page, &ae) != API_OK) {
    payment_list_cleanup(&l);
    return app_error_from_api(err, &ae, "sync");
  }
  *out = l.count ? l.items[0].updated_at : 0;
  payment_list_cleanup(&l);
  return APP_OK;
}

static enum app_err full_sync(struct app *a, struct api_client *api,
                              struct cache *cache, app_progress_fn progress,
                              void *ud, struct app_error *err) {
  enum app_err rc = APP_OK;
  enum cache_err ce;
  int64_t offset = meta_int(cache, "sync.full_offset", 0);
  if (offset == 0) {
    int64_t wm = 0;
    rc = probe_watermark(api, &wm, err);
    if (rc != APP_OK)
      return rc;
    ce = meta_set_int(cache, "sync.updated_watermark_ms", wm);
    if (ce != CACHE_OK)
      return app_error_from_cache(err, ce, "sync");
  }
  /* Pages are committed in batches of about SYNC_BATCH payments (each
   * commit costs index and full-text work; batching halves SQLite's share
   * of a first sync), except the first page, which is committed at once so
   * the desk has something to show. A batch and its resume offset are one
   * transaction; an error commits what was fetched before it returns. */
  struct payment_list batch = {0};
  bool first = true;
  for (;;) {
    struct payment_list l = {0};
    struct api_page page = {0};
    struct api_error ae;
    api_error_clear(&ae);
    struct api_payment_query q = {
        .sort = "createdAt:asc", .limit = SYNC_PAGE, .offset = offset};
    if (api_payments_list(api, &q, &l, &page, &ae) != API_OK) {
      payment_list_cleanup(&l);
      rc = app_error_from_api(err, &ae, "sync");
      struct app_error ignored = {0};
      commit_batch(cache, &batch, offset, &ignored);
      return rc;
    }
    for (size_t i = 0; i < l.count; i++)
      *payment_list_push(&batch) = l.items[i];
    int64_t next = offset + (int64_t)l.count;
    free(l.items);
    offset = next;
    bool last = !page.has_next || page.count == 0;
    if (first || last || batch.count >= SYNC_BATCH) {
      rc = commit_batch(cache, &batch, offset, err);
      if (rc != APP_OK)
        return rc;
      first = false;
    }
    if (a)
      app_status_set_syncing(a, true, offset, page.total);
    if (progress)
      progress(ud, offset, page.total);
    if (last)
      break;
    if (page.next_offset > offset) {
      /* A gap in the server's paging: keep the resume point exact. */
      rc = commit_batch(cache, &batch, offset, err);
      if (rc != APP_OK)
        return rc;
      offset = page.next_offset;
    }
  }
  ce = cache_meta_set(cache, "sync.full_done", "1");
  if (ce == CACHE_OK)
    ce = cache_meta_set(cache, "sync.full_offset", "0");
  if (ce != CACHE_OK)
    return app_error_from_cache(err, ce, "sync");
  return APP_OK;
}

static enum app_err incremental_sync(struct app *a, struct api_client *api,
                                     struct cache *cache,
                                     app_progress_fn progress, void *ud,
                                     struct app_error *err) {
  int64_t wm = meta_int(cache, "sync.updated_watermark_ms", 0);
  int64_t stop_before = wm - SYNC_OVERLAP_MS;
  int64_t newest = wm, offset = 0, seen = 0;
  for (;;) {
    struct payment_list l = {0};
    struct api_page page = {0};
    struct api_error ae;
    api_error_clear(&ae);
    struct api_payment_query q = {
        .sort = "updatedAt:desc", .limit = SYNC_PAGE, .offset = offset};
    if (api_payments_list(api, &q, &l, &page, &ae) != API_OK) {
      payment_list_cleanup(&l);
      return app_error_from_api(err, &ae, "sync");
    }
    bool done = !page.has_next || l.count == 0;
    size_t keep = 0;
    for (size_t i = 0; i < l.count; i++) {
      if (l.items[i].updated_at > newest)
        newest = l.items[i].updated_at;
      if (l.items[i].updated_at < stop_before) {
        done = true;
        break;
      }
      keep = i + 1;
    }
    enum cache_err ce = cache_payments_upsert(cache, l.items, keep);
    payment_list_cleanup(&l);
    if (ce != CACHE_OK)
      return app_error_from_cache(err, ce, "sync: writing the cache");
    seen += (int64_t)keep;
    if (a)
      app_status_set_syncing(a, true, seen, seen);
    if (progress)
      progress(ud, seen, seen);
    if (done)
      break;
    offset += SYNC_PAGE;
  }
  /* Only now, with every change stored, may the watermark move. */
  enum cache_err ce = meta_set_int(cache, "sync.updated_watermark_ms", newest);
  if (ce != CACHE_OK)
    return app_error_from_cache(err, ce, "sync");
  return APP_OK;
}

enum app_err app_sync_with(struct app *a, struct api_client *api,
                           struct cache *cache, app_progress_fn progress,
                           void *ud, struct app_error *err) {
  enum app_err rc;
  app_status_set_syncing(a, true, 0, 0);
  if (meta_int(cache, "sync.full_done", 0) == 1)
    rc = incremental_sync(a, api, cache, progress, ud, err);
  else
    rc = full_sync(a, api, cache, progress, ud, err);
  if (rc == APP_OK)
    rc = app_sync_aux(a, api, cache, err);
  int64_t now = app_now_ms();
  if (rc == APP_OK) {
    enum cache_err ce = meta_set_int(cache, "last_sync_ms", now);
    if (ce != CACHE_OK)
      rc = app_error_from_cache(err, ce, "sync");
  }
  app_status_set_syncing(a, false, 0, 0);
  app_status_set_result(a, rc == APP_OK || !err->unreachable,
                        rc == APP_OK ? now : 0,
                        rc == APP_OK ? NULL : err->msg);
  return rc;
}

enum app_err app_sync(struct app *a, app_progress_fn progress, void *ud,
                      struct app_error *err) {
  struct api_client *api = NULL;
  enum app_err rc = app_api(a, &api, err);
  if (rc != APP_OK)
    return rc;
  return app_sync_with(a, api, a->cache, progress, ud, err);
}

enum app_err app_settle_open_actions(struct app *a, struct app_error *err) {
  struct api_client *api = NULL;
  enum app_err rc = app_api(a, &api, err);
  if (rc != APP_OK)
    return rc;
  return app_run_open_actions(a, api, a->cache, err);
}
