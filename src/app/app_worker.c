/*
 * app_worker - the background thread of the TUI. It owns its own API client
 * and cache connection (neither is shared across threads), syncs at start,
 * on request and every sync_interval_s, and sends the actions the user
 * confirmed (open outbox entries). It never touches the UI: it changes the
 * cache and the status and bumps the generation counter.
 *
 * Offline detection: when the API does not answer at all (connection
 * refused or dropped, timeout), the status says so (unreachable_since_ms),
 * actions are refused with the reason, and the worker retries a sync after
 * RETRY_MIN_S, doubling up to RETRY_MAX_S, instead of waiting for the sync
 * interval; the first answer makes the desk online again by itself.
 */
#include <errno.h>
#include <stdlib.h>
#include <time.h>

#include "app/app_internal.h"

#include <stdio.h>

#define RETRY_MIN_S 1
#define RETRY_MAX_S 30

bool app_offline_why(struct app *a, char *why, size_t len) {
  pthread_mutex_lock(&a->mu);
  int64_t since = a->st.unreachable_since_ms;
  pthread_mutex_unlock(&a->mu);
  if (since == 0)
    return false;
  int64_t s = (app_now_ms() - since) / 1000;
  snprintf(why, len,
           "offline: the API has not answered for %llds; retrying in the "
           "background (F5 retries now)",
           (long long)(s > 0 ? s : 0));
  return true;
}

/* Seconds to wait before the next round: the sync interval, or the
 * backoff while the API does not answer. Called with a->mu held. */
static int next_wait_s(struct app *a, int *backoff_s) {
  if (a->st.unreachable_since_ms == 0) {
    *backoff_s = 0;
    return a->sync_interval_s;
  }
  *backoff_s = *backoff_s == 0 ? RETRY_MIN_S : *backoff_s * 2;
  if (*backoff_s > RETRY_MAX_S)
    *backoff_s = RETRY_MAX_S;
  a->st.retry_at_ms = app_now_ms() + *backoff_s * 1000LL;
  return *backoff_s;
}

static void *worker_main(void *arg) {
  struct app *a = arg;
  struct api_client *api = NULL;
  struct cache *cache = NULL;
  struct app_error err = {0};
  char *cause = NULL;

  if (cache_open(a->cache_path, &cache, &cause) != CACHE_OK) {
    app_status_set_result(a, false, 0, cause ? cause : "cannot open cache");
    free(cause);
    return NULL;
  }
  if (app_api_new(a, &api, &err) != APP_OK) {
    app_status_set_result(a, false, 0, err.msg);
    cache_close(&cache);
    return NULL;
  }

  bool first = true;
  int backoff_s = 0;
  pthread_mutex_lock(&a->mu);
  while (!a->stop) {
    bool offline = a->st.unreachable_since_ms != 0;
    if (!first && !a->sync_requested && (offline || !app_worker_has_work(a))) {
      struct timespec until;
      clock_gettime(CLOCK_REALTIME, &until);
      until.tv_sec += next_wait_s(a, &backoff_s);
      int rc = 0;
      while (!a->stop && !a->sync_requested &&
             (offline || !app_worker_has_work(a)) && rc != ETIMEDOUT)
        rc = pthread_cond_timedwait(&a->cv, &a->mu, &until);
      if (a->stop)
        break;
    }
    first = false;
    a->sync_requested = false;
    pthread_mutex_unlock(&a->mu);

    app_worker_run_actions(a, api, cache);
    struct app_error serr = {0};
    app_sync_with(a, api, cache, NULL, NULL, &serr);

    pthread_mutex_lock(&a->mu);
  }
  pthread_mutex_unlock(&a->mu);
  api_client_free(&api);
  cache_close(&cache);
  return NULL;
}

void app_worker_start(struct app *a) {
  if (a->offline || a->worker_started)
    return;
  if (pthread_create(&a->worker, NULL, worker_main, a) == 0)
    a->worker_started = true;
  else
    app_status_set_result(a, false, 0, "cannot start the sync thread");
}

void app_request_sync(struct app *a) {
  pthread_mutex_lock(&a->mu);
  a->sync_requested = true;
  pthread_cond_broadcast(&a->cv);
  pthread_mutex_unlock(&a->mu);
}
