/*
 * app_sync_int - what the sync modules share (app_sync.c, app_sync_scan.c,
 * app_directory.c; internal to src/app): one sync run, its report, and
 * the page fetch that quarantines what cannot be read. The cache is used
 * from the sync's own thread only; app_sync_full's fetch thread touches
 * the API client alone.
 */
#ifndef DESK_APP_APP_SYNC_INT_H
#define DESK_APP_APP_SYNC_INT_H

#include "api/api_client.h"
#include "app/app_internal.h"
#include "app/app_paging.h"

#define SYNC_PAGE 500
#define SYNC_OVERLAP_MS (5 * 60 * 1000)
/* Payments per write transaction of a sync walk (see app_sync_full.c). */
#define SYNC_TX_ROWS 10000

struct sync_run {
  struct app *a;
  struct api_client *api;
  struct cache *cache;
  app_progress_fn progress;
  void *ud;
  struct app_sync_report rep;
  int64_t quarantine_rows; /* rows in the quarantine (resolve only if > 0) */
  int64_t started_ms;
};

/* One page of payments: the mapped items, the page info, and the ids of
 * every item on it (mapped or quarantined) for app_pager_step. */
struct sync_page {
  struct payment_list items;
  struct api_page page;
  struct api_rejects rej;
  const char **ids; /* borrowed from items / rej */
  size_t nids, anon;
};
void sync_page_cleanup(struct sync_page *sp);

/* GET /payments with q; items that cannot be mapped go to the quarantine. */
enum app_err sync_fetch(struct sync_run *r, const struct api_payment_query *q,
                        struct sync_page *out, struct app_error *err);
/* Quarantines the rejects the client collected (directory lists). */
enum app_err sync_quarantine(struct sync_run *r, struct api_rejects *rej,
                             struct app_error *err);
/* Removes the quarantine rows of payments that now read fine. */
enum app_err sync_resolve(struct sync_run *r, const struct payment *items,
                          size_t n, struct app_error *err);
/* Progress to the status bar and the caller's callback. */
void sync_progress(struct sync_run *r, int64_t done, int64_t total);
/* The pager's verdict as warnings (after a walk). */
void sync_pager_warnings(struct sync_run *r, const struct app_pager *pg,
                         bool check_total);
/* The first sync (app_sync_full.c): every payment, a fetch thread and a
 * writer. */
enum app_err sync_full(struct sync_run *r, struct app_error *err);
/* Upserts items into the walk's open write transaction (opening one),
 * clears their quarantine rows, and commits once *rows reaches
 * SYNC_TX_ROWS; sync_store_flush commits what is left. Fewer commits
 * rewrite the same index pages fewer times. */
enum app_err sync_store_tx(struct sync_run *r, const struct payment *items,
                           size_t n, int64_t *rows, struct app_error *err);
enum app_err sync_store_flush(struct sync_run *r, struct app_error *err);
/* Upserts items and clears their quarantine rows, if any. */
enum app_err sync_store(struct sync_run *r, const struct payment *items,
                        size_t n, struct app_error *err);
/* A line in the Activity log: outcome "warning" or "notice". */
void sync_log(struct sync_run *r, const char *outcome, const char *detail);
/* A warning line for the report and the Activity log. */
void sync_warn(struct sync_run *r, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* A cache error naming the cache file when the disk is full. */
enum app_err sync_cache_err(struct sync_run *r, struct app_error *err,
                            enum cache_err ce, const char *what);

int64_t sync_meta_int(struct cache *c, const char *key, int64_t dflt);
enum cache_err sync_meta_set_int(struct cache *c, const char *key, int64_t v);

/* Incremental sync that needs no sorting from the server (app_sync_scan.c):
 * new payments by createdAt:desc down to the newest cached one, then every
 * open payment re-read by status filter, then one by one those the filter
 * did not return. */
enum app_err sync_scan(struct sync_run *r, struct app_error *err);

/* Customer links of cached payments without a customerId, newest first,
 * at most the budget per sync (app_links.c). Network trouble stops them
 * with a warning and never fails the sync; only a cache error does. */
enum app_err sync_links(struct sync_run *r, struct app_error *err);

/* Customers, accounts and identities (app_directory.c). A list the server
 * does not have (404) is skipped; any other failure is a warning, never a
 * failed sync. */
enum app_err sync_directory(struct sync_run *r, struct app_error *err);

#endif
