/*
 * app_sync_scan - incremental sync against a server that ignores `sort`
 * (see app_sync.c). It relies on nothing but filters and paging:
 *   1. new payments: createdAt:desc (the documented default order) down
 *      to the newest payment in the cache minus an overlap; a server that
 *      ignores this order too is still read to its end, bounded;
 *   2. every open payment: the non-terminal statuses as a status filter;
 *   3. open payments in the cache that step 2 did not return (they changed
 *      to a terminal or unknown status): re-read one by one, at most
 *      SCAN_REREAD_MAX per sync (oldest first; the rest next time).
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "app/app_sync_int.h"
#include "cache/cache_payments.h"

#define SCAN_STATUSES "CREATED,AUTHORIZED,CAPTURED,REQUIRES_REVIEW,RECEIVED"
#define SCAN_REREAD_MAX 2000

/* The newest createdAt in the cache (0 when empty). */
static enum app_err newest_cached(struct sync_run *r, int64_t *out,
                                  struct app_error *err) {
  struct payment_list l = {0};
  enum cache_err ce = cache_payments_list(r->cache, NULL,
                                          KEYSET_CREATED_DESC, NULL, 1, &l,
                                          NULL);
  *out = l.count ? l.items[0].created_at : 0;
  payment_list_cleanup(&l);
  if (ce != CACHE_OK)
    return sync_cache_err(r, err, ce, "sync: reading the cache");
  return APP_OK;
}

/* Walks GET /payments with q (offset paged, bounded), storing every item;
 * stops early at the first item created before stop_before (0 = never).
 * The ids met are left in *seen when seen is not NULL. */
static enum app_err walk(struct sync_run *r, struct api_payment_query q,
                         int64_t stop_before, struct app_idset *seen,
                         struct app_error *err) {
  struct app_pager pg;
  enum app_err rc = APP_OK;
  app_pager_init(&pg, 0);
  for (bool more = true; more;) {
    struct sync_page sp;
    q.offset = pg.offset;
    rc = sync_fetch(r, &q, &sp, err);
    bool done = false;
    size_t keep = 0;
    for (size_t i = 0; rc == APP_OK && i < sp.items.count && !done; i++) {
      done = stop_before > 0 && sp.items.items[i].created_at < stop_before;
      keep = done ? i : i + 1;
    }
    if (rc == APP_OK)
      rc = sync_store(r, sp.items.items, keep, err);
    more = rc == APP_OK && !done &&
           app_pager_step(&pg, &sp.page, sp.ids, sp.nids, sp.anon);
    if (done) /* the stopping page's ids count as met */
      for (size_t i = 0; i < sp.nids; i++)
        app_idset_add(&pg.seen, sp.ids[i]);
    sync_page_cleanup(&sp);
  }
  if (rc == APP_OK && pg.stopped_early) {
    sync_warn(r, "sync stopped early: %s", pg.why);
    r->rep.incomplete = true;
  }
  if (seen) {
    *seen = pg.seen;
    memset(&pg.seen, 0, sizeof(pg.seen));
  }
  app_pager_cleanup(&pg);
  return rc;
}

/* Re-reads one payment; a payment the server no longer has is left as it
 * is in the cache. */
static enum app_err reread(struct sync_run *r, const char *id,
                           struct app_error *err) {
  struct payment p;
  struct api_error ae;
  api_error_clear(&ae);
  enum api_err ar = api_payment_get(r->api, id, &p, &ae);
  if (ar == API_ERR_NOT_FOUND)
    return APP_OK;
  if (ar == API_ERR_PARSE) {
    sync_warn(r, "payment %.40s could not be re-read: %s", id, ae.detail);
    return APP_OK;
  }
  if (ar != API_OK)
    return app_error_from_api(err, &ae, "sync");
  enum app_err rc = sync_store(r, &p, 1, err);
  payment_cleanup(&p);
  return rc;
}

/* Step 3: cached open payments the status walk did not return. */
static enum app_err reread_missing(struct sync_run *r,
                                   const struct app_idset *open,
                                   struct app_error *err) {
  struct keyset_cursor after = {0};
  int64_t done = 0, left = 0;
  enum app_err rc = APP_OK;
  for (bool more = true; more && rc == APP_OK;) {
    struct payment_list l = {0};
    struct keyset_cursor next = {0};
    enum cache_err ce =
        cache_payments_list_nonterminal(r->cache, &after, 500, &l, &next);
    if (ce != CACHE_OK)
      rc = sync_cache_err(r, err, ce, "sync: reading the cache");
    for (size_t i = 0; rc == APP_OK && i < l.count; i++) {
      if (app_idset_has(open, l.items[i].id))
        continue;
      if (done >= SCAN_REREAD_MAX) {
        left++;
        continue;
      }
      rc = reread(r, l.items[i].id, err);
      done++;
    }
    more = l.count > 0 && next.valid;
    after = next;
    payment_list_cleanup(&l);
  }
  if (rc == APP_OK && left > 0)
    sync_warn(r, "%" PRId64 " open payments are left to re-read by the "
              "next sync", left);
  return rc;
}

enum app_err sync_scan(struct sync_run *r, struct app_error *err) {
  int64_t newest = 0;
  enum app_err rc = newest_cached(r, &newest, err);
  if (rc != APP_OK)
    return rc;
  struct api_payment_query news = {.sort = "createdAt:desc",
                                   .limit = SYNC_PAGE};
  int64_t stop = newest > SYNC_OVERLAP_MS ? newest - SYNC_OVERLAP_MS : 0;
  rc = walk(r, news, stop, NULL, err);
  if (rc != APP_OK)
    return rc;
  struct app_idset open = {0};
  struct api_payment_query q = {
      .status = SCAN_STATUSES, .sort = "createdAt:desc", .limit = SYNC_PAGE};
  rc = walk(r, q, 0, &open, err);
  if (rc == APP_OK)
    rc = reread_missing(r, &open, err);
  app_idset_cleanup(&open);
  return rc;
}
