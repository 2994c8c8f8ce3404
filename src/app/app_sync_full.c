/*
 * app_sync_full - the first sync (see app_sync.c): every payment, oldest
 * first, with a fetch thread and a writer.
 *
 * The fetch thread walks the pages (createdAt:asc, the bounded pager of
 * app_paging.h) and hands each parsed page to the writer through a queue
 * of at most SYNC_QUEUE pages, so the next page is downloaded and mapped
 * while the previous one is written. The writer (the caller's thread, the
 * only one touching the cache) writes pages into one open transaction and
 * commits every SYNC_TX_ROWS payments with the resume offset, and the
 * first page at once so the desk has something to show: a sync killed at
 * any point resumes where its last commit stopped. The full-text index is
 * filled once, after the payment pages (cache_write.h). The api and the
 * cache never meet: pages cross the queue as plain payment lists.
 *
 * Stopping: a failed fetch ends the walk; the writer commits what it has
 * (resume offset = the page that failed) and returns the fetch's error. A
 * failed write sets `stop`; the fetch thread ends at its next page and
 * the writer joins it before returning. A cancelled sync (the client's
 * cancel flag) is a failed fetch.
 */
#include <inttypes.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/app_sync_int.h"
#include "cache/cache_write.h"
#include "core/xalloc.h"

#define SYNC_QUEUE 2

/* One page crossing from the fetch thread to the writer. */
struct full_page {
  struct payment_list items;
  struct api_rejects rej;
  int64_t asked;     /* the offset this page was read at */
  int64_t next;      /* the resume offset once it is written */
  int64_t done, total; /* progress after it */
  bool last;         /* the walk ends with it */
  bool failed;       /* no page: the fetch failed with err */
  struct app_error err;
  struct full_page *spent; /* the next written page waiting to be freed */
};

struct full_queue {
  pthread_mutex_t mu;
  pthread_cond_t cv;
  struct full_page *pages[SYNC_QUEUE];
  size_t head, count;
  bool stop; /* the writer gave up */
  /* Written pages go back to the fetch thread, which frees them: their
   * memory came from its allocator arena, and frees from another thread
   * contend for that arena's lock (a tenth of the writer's time). */
  struct full_page *spent;
  struct sync_run *r;
  struct app_pager pg;
};

static void page_free(struct full_page *p) {
  if (p == NULL)
    return;
  payment_list_cleanup(&p->items);
  api_rejects_cleanup(&p->rej);
  free(p);
}

/* Waits for room; false when the writer has stopped (p is freed). */
static bool queue_push(struct full_queue *q, struct full_page *p) {
  pthread_mutex_lock(&q->mu);
  while (q->count == SYNC_QUEUE && !q->stop)
    pthread_cond_wait(&q->cv, &q->mu);
  bool ok = !q->stop;
  if (ok) {
    q->pages[(q->head + q->count) % SYNC_QUEUE] = p;
    q->count++;
    pthread_cond_broadcast(&q->cv);
  }
  pthread_mutex_unlock(&q->mu);
  if (!ok)
    page_free(p);
  return ok;
}

static struct full_page *queue_pop(struct full_queue *q) {
  pthread_mutex_lock(&q->mu);
  while (q->count == 0)
    pthread_cond_wait(&q->cv, &q->mu);
  struct full_page *p = q->pages[q->head];
  q->head = (q->head + 1) % SYNC_QUEUE;
  q->count--;
  pthread_cond_broadcast(&q->cv);
  pthread_mutex_unlock(&q->mu);
  return p;
}

/* The writer hands a written page back (see `spent`). */
static void queue_spend(struct full_queue *q, struct full_page *p) {
  pthread_mutex_lock(&q->mu);
  p->spent = q->spent;
  q->spent = p;
  pthread_mutex_unlock(&q->mu);
}

/* Frees the written pages handed back so far. */
static void free_spent(struct full_queue *q) {
  pthread_mutex_lock(&q->mu);
  struct full_page *p = q->spent;
  q->spent = NULL;
  pthread_mutex_unlock(&q->mu);
  while (p) {
    struct full_page *next = p->spent;
    page_free(p);
    p = next;
  }
}

static bool queue_stopped(struct full_queue *q) {
  pthread_mutex_lock(&q->mu);
  bool s = q->stop;
  pthread_mutex_unlock(&q->mu);
  return s;
}

/* Reads one page at q->pg.offset and feeds the pager. */
static struct full_page *fetch_one(struct full_queue *q) {
  struct full_page *p = xcalloc(1, sizeof *p);
  struct api_error ae;
  struct api_page page;
  api_error_clear(&ae);
  p->asked = q->pg.offset;
  struct api_payment_query qu = {
      .sort = "createdAt:asc", .limit = SYNC_PAGE, .offset = p->asked};
  enum api_err ar = api_payments_list(q->r->api, &qu, &p->items, &page, &ae);
  api_client_take_rejects(q->r->api, &p->rej);
  if (ar != API_OK) {
    p->failed = p->last = true;
    app_error_from_api(&p->err, &ae, "sync");
    return p;
  }
  size_t n = 0, anon = 0;
  const char **ids = xcalloc(p->items.count + p->rej.count + 1, sizeof *ids);
  for (size_t i = 0; i < p->items.count; i++)
    ids[n++] = p->items.items[i].id;
  for (size_t i = 0; i < p->rej.count; i++) {
    if (p->rej.items[i].id)
      ids[n++] = p->rej.items[i].id;
    else
      anon++;
  }
  p->last = !app_pager_step(&q->pg, &page, ids, n, anon);
  free(ids);
  p->next = q->pg.offset;
  p->done = q->pg.start + q->pg.received;
  p->total = q->pg.first_total;
  return p;
}

static void *fetch_main(void *arg) {
  struct full_queue *q = arg;
  for (bool more = true; more && !queue_stopped(q);) {
    free_spent(q);
    struct full_page *p = fetch_one(q);
    more = !p->last;
    if (!queue_push(q, p))
      break;
  }
  return NULL;
}

/* Commits the open transaction with the resume offset. */
static enum app_err commit_at(struct sync_run *r, int64_t next,
                              struct app_error *err) {
  char buf[32];
  snprintf(buf, sizeof buf, "%" PRId64, next);
  struct cache_meta_kv kv = {"sync.full_offset", buf};
  enum cache_err ce = cache_write_commit(r->cache, &kv, 1);
  return ce == CACHE_OK ? APP_OK
                        : sync_cache_err(r, err, ce, "sync: writing the cache");
}

/* Writes one page into the open transaction (opening one if needed). */
static enum app_err write_page(struct sync_run *r, struct full_page *p,
                               struct app_error *err) {
  enum cache_err ce = CACHE_OK;
  if (!cache_write_open(r->cache))
    ce = cache_write_begin(r->cache);
  if (ce != CACHE_OK)
    return sync_cache_err(r, err, ce, "sync: writing the cache");
  enum app_err rc = sync_quarantine(r, &p->rej, err);
  if (rc != APP_OK)
    return rc;
  ce = cache_write_payments(r->cache, p->items.items, p->items.count);
  if (ce != CACHE_OK)
    return sync_cache_err(r, err, ce, "sync: writing the cache");
  return sync_resolve(r, p->items.items, p->items.count, err);
}

/* The writer's loop: pages from the queue into the cache. */
static enum app_err write_pages(struct full_queue *q, struct app_error *err) {
  struct sync_run *r = q->r;
  enum app_err rc = APP_OK;
  int64_t rows = 0, pages = 0;
  for (bool last = false; !last;) {
    struct full_page *p = queue_pop(q);
    last = p->last;
    if (p->failed) {
      struct app_error ignored = {0};
      if (cache_write_open(r->cache))
        commit_at(r, p->asked, &ignored);
      *err = p->err;
      rc = p->err.code ? p->err.code : APP_ERR_NETWORK;
    } else {
      rc = write_page(r, p, err);
      rows += (int64_t)p->items.count;
      if (rc == APP_OK && (++pages == 1 || last || rows >= SYNC_TX_ROWS)) {
        rc = commit_at(r, p->next, err);
        rows = 0;
      }
      if (rc == APP_OK)
        sync_progress(r, p->done, p->total);
    }
    queue_spend(q, p);
    if (rc != APP_OK)
      break;
  }
  cache_write_rollback(r->cache); /* a failed write's open transaction */
  return rc;
}

/* Stops the fetch thread (if still running) and frees what it queued. */
static void fetch_stop(struct full_queue *q, pthread_t th) {
  pthread_mutex_lock(&q->mu);
  q->stop = true;
  pthread_cond_broadcast(&q->cv);
  pthread_mutex_unlock(&q->mu);
  pthread_join(th, NULL);
  free_spent(q);
  while (q->count > 0) {
    page_free(q->pages[q->head]);
    q->head = (q->head + 1) % SYNC_QUEUE;
    q->count--;
  }
}

/* The newest updatedAt on the server (0 when it has no payments). */
static enum app_err probe_watermark(struct sync_run *r, int64_t *out,
                                    struct app_error *err) {
  struct sync_page sp;
  struct api_payment_query q = {.sort = "updatedAt:desc", .limit = 1};
  enum app_err rc = sync_fetch(r, &q, &sp, err);
  if (rc == APP_OK)
    *out = sp.items.count ? sp.items.items[0].updated_at : 0;
  sync_page_cleanup(&sp);
  return rc;
}

/* The walk itself: fetch thread and writer. */
static enum app_err walk(struct sync_run *r, int64_t offset,
                         struct app_error *err) {
  struct full_queue q = {.r = r};
  pthread_mutex_init(&q.mu, NULL);
  pthread_cond_init(&q.cv, NULL);
  app_pager_init(&q.pg, offset);
  pthread_t th;
  enum app_err rc = APP_OK;
  if (pthread_create(&th, NULL, fetch_main, &q) != 0) {
    app_error_set(err, APP_ERR_DATA, "sync: cannot start a thread");
    rc = APP_ERR_DATA;
  } else {
    cache_payments_fts_defer(r->cache, true);
    rc = write_pages(&q, err);
    fetch_stop(&q, th);
    cache_payments_fts_defer(r->cache, false);
    /* the rows written so far, also after a failure */
    enum cache_err ce = cache_payments_fts_fill(r->cache);
    if (rc == APP_OK && ce != CACHE_OK)
      rc = sync_cache_err(r, err, ce, "sync: the search index");
  }
  if (rc == APP_OK)
    sync_pager_warnings(r, &q.pg, true);
  app_pager_cleanup(&q.pg);
  pthread_cond_destroy(&q.cv);
  pthread_mutex_destroy(&q.mu);
  return rc;
}

enum app_err sync_full(struct sync_run *r, struct app_error *err) {
  enum app_err rc = APP_OK;
  enum cache_err ce;
  int64_t offset = sync_meta_int(r->cache, "sync.full_offset", 0);
  if (offset == 0) {
    int64_t wm = 0;
    rc = probe_watermark(r, &wm, err);
    if (rc != APP_OK)
      return rc;
    ce = sync_meta_set_int(r->cache, "sync.updated_watermark_ms", wm);
    if (ce != CACHE_OK)
      return sync_cache_err(r, err, ce, "sync");
  }
  rc = walk(r, offset, err);
  if (rc == APP_OK) {
    ce = cache_meta_set(r->cache, "sync.full_done", "1");
    if (ce == CACHE_OK)
      ce = cache_meta_set(r->cache, "sync.full_offset", "0");
    if (ce != CACHE_OK)
      rc = sync_cache_err(r, err, ce, "sync");
  }
  return rc;
}
