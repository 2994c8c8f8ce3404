/*
 * app - the only layer that combines the API client and the cache.
 *
 * struct app owns a cache connection for the caller's thread (reads for the
 * UI and CLI) and, when online, a background worker thread with its own API
 * client and cache connection that runs syncs and actions. The UI never
 * blocks: it calls app_* read functions (short SQLite reads), asks for work
 * with app_request_*(), and polls app_generation() to learn that the cache
 * changed and it should re-read.
 */
#ifndef DESK_APP_APP_H
#define DESK_APP_APP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "cache/cache.h"
#include "core/filter.h"
#include "core/payment.h"

struct app;

struct app_config {
  const char *base_url;
  const char *api_key;
  const char *client_id;
  const char *client_secret;
  const char *profile;      /* "default" when NULL */
  const char *cache_path;   /* NULL = cache_default_path(profile) */
  bool offline;             /* never touch the network */
  bool read_only;           /* no actions */
  int sync_interval_s;      /* background sync period; 0 = 60 */
};

/* Exit-code classes shared by the CLI (documented in --help / man page). */
enum app_err {
  APP_OK = 0,
  APP_ERR_USAGE = 2,
  APP_ERR_NETWORK = 3,
  APP_ERR_REJECTED = 4,   /* the API refused (4xx) */
  APP_ERR_CONFLICT = 5,   /* someone else acted / pending action */
  APP_ERR_DATA = 6,       /* malformed data, cache problem */
  APP_ERR_AUTH = 7,
  APP_ERR_CONFIG = 8,
};

struct app_error {
  enum app_err code;
  char msg[512];          /* one line, sanitised, with traceId if any */
};

/* Opens the cache (and prepares the API client unless offline). */
enum app_err app_open(const struct app_config *cfg, struct app **out,
                      struct app_error *err);
void app_close(struct app **ap);

/* ---- reads (cache only, caller's thread) ---- */
enum app_err app_payments_query(struct app *a, const struct filter *f,
                                enum cache_sort sort,
                                const struct cache_cursor *after, size_t limit,
                                struct payment_list *out,
                                struct cache_cursor *next,
                                struct app_error *err);
enum app_err app_payments_count(struct app *a, const struct filter *f,
                                int64_t *count, struct app_error *err);
enum app_err app_payment_get(struct app *a, const char *id,
                             struct payment *out, struct app_error *err);

/* ---- sync ---- */
typedef void (*app_progress_fn)(void *ud, int64_t done, int64_t total);
/* Blocking sync on the caller's thread (CLI). First sync is full; later ones
 * are incremental. */
enum app_err app_sync(struct app *a, app_progress_fn progress, void *ud,
                      struct app_error *err);

/* ---- background worker (TUI) ---- */
void app_worker_start(struct app *a);
/* Ask the worker to sync as soon as it can. */
void app_request_sync(struct app *a);
/* Increments whenever the worker changed the cache or the status. */
uint64_t app_generation(struct app *a);

struct app_status {
  const char *env_host;   /* host of the base URL (static for app life) */
  bool production;        /* not a loopback/sandbox URL */
  bool offline;
  bool online;            /* last network call succeeded */
  bool syncing;
  int64_t sync_done, sync_total;
  int64_t last_sync_ms;   /* 0 = never */
  char last_error[256];   /* "" = none; sanitised, includes traceId */
  int64_t outbox_pending;
};
void app_status_get(struct app *a, struct app_status *st);

#endif
