/*
 * sandbox_worker - clock-driven background work; see sandbox_worker.h.
 */
#include "sandbox/sandbox_worker.h"

#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <time.h>

#include "core/xalloc.h"
#include "sandbox/sandbox.h"
#include "sandbox/sandbox_lifecycle.h"
#include "sandbox/sandbox_webhooks.h"

#define WORKER_TICK_MS 20

struct sandbox_worker {
  struct sandbox *sb;
  pthread_t thread;
  pthread_mutex_t mu;
  pthread_cond_t cond;
  bool stop;
};

static pthread_mutex_t run_mu = PTHREAD_MUTEX_INITIALIZER;

void sandbox_worker_run_once(struct sandbox *sb) {
  pthread_mutex_lock(&run_mu);
  if (sb->checkpoint_pending) {
    sb->checkpoint_pending = false;
    sandbox_db_checkpoint(sb->db);
  }
  sandbox_lifecycle_tick(sb);
  sandbox_webhooks_run(sb);
  pthread_mutex_unlock(&run_mu);
}

static void *worker_main(void *arg) {
  struct sandbox_worker *w = arg;
  pthread_mutex_lock(&w->mu);
  while (!w->stop) {
    pthread_mutex_unlock(&w->mu);
    sandbox_worker_run_once(w->sb);
    pthread_mutex_lock(&w->mu);
    if (w->stop)
      break;
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    ts.tv_nsec += WORKER_TICK_MS * 1000000L;
    if (ts.tv_nsec >= 1000000000L) {
      ts.tv_sec++;
      ts.tv_nsec -= 1000000000L;
    }
    pthread_cond_timedwait(&w->cond, &w->mu, &ts);
  }
  pthread_mutex_unlock(&w->mu);
  return NULL;
}

struct sandbox_worker *sandbox_worker_start(struct sandbox *sb) {
  struct sandbox_worker *w = xcalloc(1, sizeof(*w));
  w->sb = sb;
  pthread_mutex_init(&w->mu, NULL);
  pthread_cond_init(&w->cond, NULL);
  if (pthread_create(&w->thread, NULL, worker_main, w) != 0)
    fatal("cannot start the sandbox worker thread");
  return w;
}

void sandbox_worker_stop(struct sandbox_worker **wp) {
  struct sandbox_worker *w = wp ? *wp : NULL;
  if (w == NULL)
    return;
  pthread_mutex_lock(&w->mu);
  w->stop = true;
  pthread_cond_signal(&w->cond);
  pthread_mutex_unlock(&w->mu);
  pthread_join(w->thread, NULL);
  pthread_mutex_destroy(&w->mu);
  pthread_cond_destroy(&w->cond);
  free(w);
  *wp = NULL;
}
