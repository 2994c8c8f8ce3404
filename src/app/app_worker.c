/*
 * app_worker - the background thread of the TUI. It owns its own API client
 * and cache connection (neither is shared across threads), syncs at start,
 * on request and every sync_interval_s, and sends the actions the user
 * confirmed (open outbox entries). It never touches the UI: it changes the
 * cache and the status and bumps the generation counter.
 */
#include <errno.h>
#include <stdlib.h>
#include <time.h>

#include "app/app_internal.h"

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
  pthread_mutex_lock(&a->mu);
  while (!a->stop) {
    if (!first && !a->sync_requested && !app_worker_has_work(a)) {
      struct timespec until;
      clock_gettime(CLOCK_REALTIME, &until);
      until.tv_sec += a->sync_interval_s;
      int rc = 0;
      while (!a->stop && !a->sync_requested && !app_worker_has_work(a) &&
             rc != ETIMEDOUT)
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
