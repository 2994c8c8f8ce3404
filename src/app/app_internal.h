/*
 * app_internal - the definition of struct app, shared by the app_*.c files
 * and nothing else (the rest of the program sees an opaque struct app).
 */
#ifndef DESK_APP_APP_INTERNAL_H
#define DESK_APP_APP_INTERNAL_H

#include <pthread.h>
#include <stdatomic.h>

#include "api/api_client.h"
#include "app/app.h"
#include "cache/cache.h"

struct app {
  /* Owned copies of the configuration strings. */
  char *base_url, *api_key, *client_id, *client_secret, *profile;
  char *cache_path;
  bool offline, read_only;
  int sync_interval_s;
  int link_budget;           /* customer-link lookups per sync */
  long request_timeout_ms;   /* total timeout of one API request */
  int64_t grace_ms;          /* an unanswered action may still be running
                                on the server this long after its send */
  int64_t (*clock_ms)(void *ud); /* NULL = system clock */
  void *clock_ud;
  int64_t clock_skew_ms;     /* CONOMY_TEST_CLOCK_SKEW_MS (tests only) */
  char env_host[256];
  bool production;

  struct cache *cache;       /* the caller's (UI/CLI) connection */
  struct api_client *api;    /* the caller's client, created on first use */

  /* Background worker: its own api client and cache connection. */
  pthread_t worker;
  bool worker_started;
  pthread_mutex_t mu;        /* guards everything below */
  pthread_cond_t cv;
  bool stop;
  bool sync_requested;
  bool actions_pending;      /* an action was submitted for the worker */
#define APP_MINE_MAX 64
  int64_t mine[APP_MINE_MAX]; /* outbox ids submitted by this process */
  size_t nmine;
  int64_t data_version;      /* of `cache`, see app_generation() */
  struct app_status st;      /* env_host points into this struct */
  struct app_sync_report last_report;
  atomic_uint_least64_t generation;
  struct app_summarizer *summary; /* app_summary.c, started on first use */
};

/* Fill an app_error from the lower layers' errors (one line). */
void app_error_set(struct app_error *err, enum app_err code, const char *fmt,
                   ...) __attribute__((format(printf, 3, 4)));
enum app_err app_error_from_api(struct app_error *err,
                                const struct api_error *ae, const char *what);
enum app_err app_error_from_cache(struct app_error *err, enum cache_err ce,
                                  const char *what);
/* Same, naming the cache file when the disk is full ("disk full: PATH"). */
enum app_err app_error_from_cache_at(struct app_error *err, enum cache_err ce,
                                     const char *what, const char *path);

/* Creates an API client for the app's configuration (any thread). */
enum app_err app_api_new(struct app *a, struct api_client **out,
                         struct app_error *err);
/* The caller-thread client, created lazily. */
enum app_err app_api(struct app *a, struct api_client **out,
                     struct app_error *err);

/* Sync using the given client and cache (caller's or worker's). */
enum app_err app_sync_with(struct app *a, struct api_client *api,
                           struct cache *cache, app_progress_fn progress,
                           void *ud, struct app_error *err);


/* Worker side of actions (app_actions.c). app_worker_has_work is called
 * with a->mu held; app_worker_run_actions sends every open outbox entry. */
bool app_worker_has_work(struct app *a);
void app_worker_run_actions(struct app *a, struct api_client *api,
                            struct cache *cache);
/* Send or reconcile every open outbox entry (before a CLI sync). */
enum app_err app_run_open_actions(struct app *a, struct api_client *api,
                                  struct cache *cache, struct app_error *err);

/* Status updates from any thread (locks mu, bumps generation). */
void app_status_set_syncing(struct app *a, bool syncing, int64_t done,
                            int64_t total);
void app_status_set_result(struct app *a, bool online, int64_t synced_ms,
                           const char *error);
void app_bump(struct app *a);

/* app_cursor <-> cache_cursor (the same fields). to_cache returns NULL
 * for a NULL or invalid cursor, else tmp filled from c. */
const struct keyset_cursor *app_cursor_to_cache(const struct keyset_cursor *c,
                                               struct keyset_cursor *tmp);
void app_cursor_from_cache(const struct keyset_cursor *c,
                           struct keyset_cursor *out);

/* The background reader of app_summary_request (app_summary.c): stops
 * and joins it, frees its state. */
void app_summary_stop(struct app *a);

/* Wall clock in ms (the app layer is allowed to read the clock). */
int64_t app_now_ms(void);
/* True (with the reason in why) while the API does not answer. */
bool app_offline_why(struct app *a, char *why, size_t len);
/* The outbox's clock: the configured one, or app_now_ms(). */
int64_t app_clock_ms(struct app *a);

/* Outbox I/O (app_outbox_io.c): read the payment (and its refunds) from
 * the server into the cache; *happened tells whether entry e's action
 * shows there. */
struct cache_outbox_entry;
enum api_err app_outbox_reconcile(struct api_client *api, struct cache *cache,
                                  const struct cache_outbox_entry *e,
                                  bool *happened, char *summary, size_t slen,
                                  struct api_error *ae);
/* Send entry e once; on API_OK summary describes the result. */
enum api_err app_outbox_send(struct app *a, struct api_client *api,
                             struct cache *cache,
                             const struct cache_outbox_entry *e, char *summary,
                             size_t slen, struct api_error *ae);
/* Best-effort refresh of one payment (and its refunds when SETTLED). */
enum api_err app_outbox_refresh(struct api_client *api, struct cache *cache,
                                const char *id, struct payment *out,
                                struct api_error *ae);
/* The server's summary.maxRefundable of a payment as last read (cache
 * meta refund.server_max.<id>); false when never read. */
bool app_refund_server_max(struct cache *cache, const char *parent_id,
                           struct money *out);
/* Whether entry id was submitted by this process. */
bool app_outbox_is_mine(struct app *a, int64_t id);

#endif
