/*
 * app_sync - fill the cache from the API.
 *
 * First sync (app_sync_full.c): page through every payment oldest first
 * (createdAt:asc, so payments created meanwhile only append), committing
 * batches of pages together with the resume offset, so a sync killed at
 * any point resumes where it stopped and never leaves a half-written
 * batch; pages are fetched while the previous one is written. Before it
 * starts, the newest
 * updatedAt on the server is recorded as the watermark: anything that
 * changes during or after the first sync has a later updatedAt.
 *
 * Later syncs are incremental: payments by updatedAt:desc down to the
 * watermark minus an overlap (server clock, so client skew does not matter;
 * the overlap absorbs equal timestamps and reordering). This returns every
 * new payment and every payment whose status changed. Offset paging over a
 * list whose items move to the front can only produce duplicates, never
 * gaps, and upserts are idempotent. The published docs only show sorting by
 * createdAt, so the sort is verified (the first page descending by
 * updatedAt, and an updatedAt:asc probe ascending); a server that ignores
 * it is synced by sync_scan instead, remembered in the cache meta
 * ("sync.strategy"), and said once.
 *
 * Every walk is bounded and checks the server (app_paging.h); a record
 * that cannot be read is quarantined and the rest goes on. A sync that
 * completed with either returns APP_ERR_SKIPPED / APP_ERR_INCOMPLETE and
 * the report says what happened.
 */
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/app_sync_int.h"
#include "cache/cache_activity.h"
#include "cache/cache_payments.h"
#include "cache/cache_quarantine.h"
#include "cache/cache_write.h"
#include "core/sanitize.h"
#include "core/xalloc.h"

#define SYNC_PROBE 50

int64_t sync_meta_int(struct cache *c, const char *key, int64_t dflt) {
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

enum cache_err sync_meta_set_int(struct cache *c, const char *key, int64_t v) {
  char buf[32];
  snprintf(buf, sizeof buf, "%" PRId64, v);
  return cache_meta_set(c, key, buf);
}

enum app_err sync_cache_err(struct sync_run *r, struct app_error *err,
                            enum cache_err ce, const char *what) {
  return app_error_from_cache_at(err, ce, what, cache_path(r->cache));
}

/* A sync line in the Activity log (best effort: the log is a courtesy). */
void sync_log(struct sync_run *r, const char *outcome, const char *detail) {
  char action[] = "sync", out[16], *text = xstrdup(detail);
  snprintf(out, sizeof out, "%s", outcome);
  struct cache_activity act = {.action = action, .outcome = out,
                               .detail = text};
  (void)cache_activity_append(r->cache, &act, NULL);
  free(text);
}

void sync_warn(struct sync_run *r, const char *fmt, ...) {
  char line[256];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(line, sizeof line, fmt, ap);
  va_end(ap);
  char *clean = sanitize_text(line);
  if (r->rep.nwarnings < APP_SYNC_WARN_MAX)
    snprintf(r->rep.warnings[r->rep.nwarnings++], sizeof r->rep.warnings[0],
             "%s", clean);
  sync_log(r, "warning", clean);
  free(clean);
}

enum app_err sync_quarantine(struct sync_run *r, struct api_rejects *rej,
                             struct app_error *err) {
  int64_t now = app_now_ms();
  for (size_t i = 0; i < rej->count; i++) {
    const struct api_reject *x = &rej->items[i];
    enum cache_err ce =
        cache_quarantine_put(r->cache, x->kind, x->id, x->reason, x->raw, now);
    if (ce != CACHE_OK)
      return sync_cache_err(r, err, ce, "sync: writing the quarantine");
  }
  r->rep.quarantined += (int64_t)rej->count + rej->dropped; /* see publish */
  r->quarantine_rows += (int64_t)rej->count;
  return APP_OK;
}

void sync_page_cleanup(struct sync_page *sp) {
  payment_list_cleanup(&sp->items);
  api_rejects_cleanup(&sp->rej);
  free(sp->ids);
  memset(sp, 0, sizeof(*sp));
}

enum app_err sync_fetch(struct sync_run *r, const struct api_payment_query *q,
                        struct sync_page *out, struct app_error *err) {
  struct api_error ae;
  api_error_clear(&ae);
  memset(out, 0, sizeof(*out));
  enum api_err ar = api_payments_list(r->api, q, &out->items, &out->page, &ae);
  api_client_take_rejects(r->api, &out->rej);
  if (ar != API_OK)
    return app_error_from_api(err, &ae, "sync");
  enum app_err rc = sync_quarantine(r, &out->rej, err);
  if (rc != APP_OK)
    return rc;
  out->ids = xcalloc(out->items.count + out->rej.count + 1, sizeof(char *));
  for (size_t i = 0; i < out->items.count; i++)
    out->ids[out->nids++] = out->items.items[i].id;
  for (size_t i = 0; i < out->rej.count; i++) {
    if (out->rej.items[i].id)
      out->ids[out->nids++] = out->rej.items[i].id;
    else
      out->anon++;
  }
  return APP_OK;
}

enum app_err sync_resolve(struct sync_run *r, const struct payment *items,
                            size_t n, struct app_error *err) {
  if (r->quarantine_rows <= 0 || n == 0)
    return APP_OK;
  const char **ids = xcalloc(n, sizeof(char *));
  for (size_t i = 0; i < n; i++)
    ids[i] = items[i].id;
  enum cache_err ce = cache_quarantine_resolve(r->cache, "payment", ids, n);
  free(ids);
  if (ce != CACHE_OK)
    return sync_cache_err(r, err, ce, "sync: updating the quarantine");
  return APP_OK;
}

enum app_err sync_store(struct sync_run *r, const struct payment *items,
                        size_t n, struct app_error *err) {
  enum cache_err ce = cache_payments_upsert(r->cache, items, n);
  if (ce != CACHE_OK)
    return sync_cache_err(r, err, ce, "sync: writing the cache");
  return sync_resolve(r, items, n, err);
}

void sync_progress(struct sync_run *r, int64_t done, int64_t total) {
  if (r->a)
    app_status_set_syncing(r->a, true, done, total);
  if (r->progress)
    r->progress(r->ud, done, total);
}

/* The pager's verdict as warnings (after a walk). */
void sync_pager_warnings(struct sync_run *r, const struct app_pager *pg,
                         bool check_total) {
  char buf[200];
  if (pg->stopped_early) {
    sync_warn(r, "sync stopped early: %s", pg->why);
    r->rep.incomplete = true;
  }
  if (check_total && app_pager_short(pg, buf, sizeof buf)) {
    sync_warn(r, "%s", buf);
    r->rep.incomplete = true;
  }
}

enum app_err sync_store_tx(struct sync_run *r, const struct payment *items,
                           size_t n, int64_t *rows, struct app_error *err) {
  enum cache_err ce = CACHE_OK;
  if (!cache_write_open(r->cache))
    ce = cache_write_begin(r->cache);
  if (ce == CACHE_OK)
    ce = cache_write_payments(r->cache, items, n);
  if (ce != CACHE_OK)
    return sync_cache_err(r, err, ce, "sync: writing the cache");
  enum app_err rc = sync_resolve(r, items, n, err);
  *rows += (int64_t)n;
  if (rc == APP_OK && *rows >= SYNC_TX_ROWS) {
    *rows = 0;
    rc = sync_store_flush(r, err);
  }
  return rc;
}

enum app_err sync_store_flush(struct sync_run *r, struct app_error *err) {
  if (!cache_write_open(r->cache))
    return APP_OK;
  enum cache_err ce = cache_write_commit(r->cache, NULL, 0);
  if (ce != CACHE_OK)
    return sync_cache_err(r, err, ce, "sync: writing the cache");
  return APP_OK;
}

/* True when the items' updatedAt never increases (from *prev on). */
static bool descending(const struct payment_list *l, int64_t *prev) {
  for (size_t i = 0; i < l->count; i++) {
    if (l->items[i].updated_at > *prev)
      return false;
    *prev = l->items[i].updated_at;
  }
  return true;
}

/* The updatedAt:asc probe: false when the server answers it in another
 * order (it ignores `sort`). A page of fewer than 2 items proves nothing. */
static enum app_err probe_ascending(struct sync_run *r, bool *ok,
                                    struct app_error *err) {
  struct sync_page sp;
  struct api_payment_query q = {.sort = "updatedAt:asc", .limit = SYNC_PROBE};
  enum app_err rc = sync_fetch(r, &q, &sp, err);
  *ok = true;
  for (size_t i = 1; rc == APP_OK && i < sp.items.count; i++)
    if (sp.items.items[i].updated_at < sp.items.items[i - 1].updated_at)
      *ok = false;
  sync_page_cleanup(&sp);
  return rc;
}

/* Payments by updatedAt:desc down to the watermark. *unsorted is set (and
 * nothing more done) when the server turns out to ignore the sort. */
static enum app_err incremental_updated(struct sync_run *r, bool *unsorted,
                                        struct app_error *err) {
  int64_t wm = sync_meta_int(r->cache, "sync.updated_watermark_ms", 0);
  int64_t stop_before = wm - SYNC_OVERLAP_MS, newest = wm, prev = INT64_MAX;
  bool ascending = true;
  int64_t rows = 0;
  enum app_err rc = probe_ascending(r, &ascending, err);
  *unsorted = rc == APP_OK && !ascending;
  struct app_pager pg;
  app_pager_init(&pg, 0);
  for (bool more = !*unsorted && rc == APP_OK; more;) {
    struct sync_page sp;
    struct api_payment_query q = {
        .sort = "updatedAt:desc", .limit = SYNC_PAGE, .offset = pg.offset};
    rc = sync_fetch(r, &q, &sp, err);
    if (rc == APP_OK && !descending(&sp.items, &prev))
      *unsorted = true;
    if (rc != APP_OK || *unsorted) {
      sync_page_cleanup(&sp);
      break;
    }
    bool done = false;
    size_t keep = 0;
    for (size_t i = 0; i < sp.items.count && !done; i++) {
      if (sp.items.items[i].updated_at > newest)
        newest = sp.items.items[i].updated_at;
      done = sp.items.items[i].updated_at < stop_before;
      keep = done ? i : i + 1;
    }
    rc = sync_store_tx(r, sp.items.items, keep, &rows, err);
    more = rc == APP_OK && !done &&
           app_pager_step(&pg, &sp.page, sp.ids, sp.nids, sp.anon);
    sync_page_cleanup(&sp);
    sync_progress(r, pg.received, pg.received);
  }
  /* what was stored stays, whatever ended the walk */
  enum app_err frc = sync_store_flush(r, err);
  if (rc == APP_OK)
    rc = frc;
  cache_write_rollback(r->cache); /* a failed commit's transaction */
  if (rc == APP_OK && !*unsorted) {
    sync_pager_warnings(r, &pg, false);
    /* Only now, with every change stored, may the watermark move. */
    enum cache_err ce =
        sync_meta_set_int(r->cache, "sync.updated_watermark_ms", newest);
    if (ce != CACHE_OK)
      rc = sync_cache_err(r, err, ce, "sync");
  }
  app_pager_cleanup(&pg);
  return rc;
}

static enum app_err incremental_sync(struct sync_run *r,
                                     struct app_error *err) {
  char *strategy = NULL;
  bool scan = cache_meta_get(r->cache, "sync.strategy", &strategy) ==
                  CACHE_OK &&
              strategy && strcmp(strategy, "created-scan") == 0;
  free(strategy);
  enum app_err rc = APP_OK;
  if (!scan) {
    rc = incremental_updated(r, &scan, err);
    if (rc != APP_OK || !scan)
      return rc;
    enum cache_err ce =
        cache_meta_set(r->cache, "sync.strategy", "created-scan");
    if (ce != CACHE_OK)
      return sync_cache_err(r, err, ce, "sync");
    snprintf(r->rep.notice, sizeof r->rep.notice,
             "the server does not sort by updatedAt: later syncs read new "
             "payments by createdAt and re-read every open payment");
    sync_log(r, "notice", r->rep.notice);
  }
  return sync_scan(r, err);
}

/* The outcome of a sync that did not fail: APP_OK or a warning code, with
 * the first warning in err. */
static enum app_err warning_code(const struct sync_run *r,
                                 struct app_error *err) {
  enum app_err code = r->rep.incomplete       ? APP_ERR_INCOMPLETE
                      : r->rep.quarantined > 0 ? APP_ERR_SKIPPED
                                               : APP_OK;
  if (code == APP_ERR_SKIPPED)
    app_error_set(err, code, "%" PRId64 " records could not be read and are "
                  "in the quarantine", r->rep.quarantined);
  else if (code != APP_OK)
    app_error_set(err, code, "%s", r->rep.warnings[0]);
  return code;
}

/* The report for app_sync_last_report and the status bar. The records met
 * are counted once each (a record on the probe page and in the walk is
 * one record): the rows this sync touched. */
static void publish(struct sync_run *r) {
  int64_t n = 0, mine = 0;
  if (cache_quarantine_count(r->cache, &n) != CACHE_OK)
    n = r->quarantine_rows;
  if (r->rep.quarantined > 0 &&
      cache_quarantine_count_since(r->cache, r->started_ms, &mine) ==
          CACHE_OK &&
      mine > 0)
    r->rep.quarantined = mine;
  r->rep.quarantine_total = n;
  pthread_mutex_lock(&r->a->mu);
  r->a->last_report = r->rep;
  r->a->st.quarantined = n;
  pthread_mutex_unlock(&r->a->mu);
}

enum app_err app_sync_with(struct app *a, struct api_client *api,
                           struct cache *cache, app_progress_fn progress_fn,
                           void *ud, struct app_error *err) {
  struct sync_run r = {.a = a, .api = api, .cache = cache,
                       .progress = progress_fn, .ud = ud,
                       .started_ms = app_now_ms()};
  enum app_err rc;
  int64_t changes0 = cache_total_changes(cache);
  if (cache_quarantine_count(cache, &r.quarantine_rows) != CACHE_OK)
    r.quarantine_rows = 1; /* unknown: keep resolving */
  app_status_set_syncing(a, true, 0, 0);
  if (sync_meta_int(cache, "sync.full_done", 0) == 1)
    rc = incremental_sync(&r, err);
  else
    rc = sync_full(&r, err);
  if (rc == APP_OK)
    rc = sync_links(&r, err);
  if (rc == APP_OK)
    rc = sync_directory(&r, err);
  int64_t now = app_now_ms();
  if (rc == APP_OK) {
    enum cache_err ce = sync_meta_set_int(cache, "last_sync_ms", now);
    if (ce != CACHE_OK)
      rc = sync_cache_err(&r, err, ce, "sync");
  }
  bool ok = rc == APP_OK;
  r.rep.rows_written = cache_total_changes(cache) - changes0;
  publish(&r);
  if (ok)
    rc = warning_code(&r, err);
  app_status_set_syncing(a, false, 0, 0);
  app_status_set_result(a, ok || !err->unreachable, ok ? now : 0,
                        ok ? NULL : err->msg);
  return rc;
}

enum app_err app_sync(struct app *a, app_progress_fn progress_fn, void *ud,
                      struct app_error *err) {
  struct api_client *api = NULL;
  enum app_err rc = app_api(a, &api, err);
  if (rc != APP_OK)
    return rc;
  return app_sync_with(a, api, a->cache, progress_fn, ud, err);
}

void app_sync_last_report(struct app *a, struct app_sync_report *out) {
  pthread_mutex_lock(&a->mu);
  *out = a->last_report;
  pthread_mutex_unlock(&a->mu);
}

enum app_err app_settle_open_actions(struct app *a, struct app_error *err) {
  struct api_client *api = NULL;
  enum app_err rc = app_api(a, &api, err);
  if (rc != APP_OK)
    return rc;
  return app_run_open_actions(a, api, a->cache, err);
}
