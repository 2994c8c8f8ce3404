/*
 * filecheck - file checks off the UI thread. See filecheck.h.
 */
#include "ui/filecheck.h"

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "app/app.h"
#include "app/app_text.h"
#include "core/xalloc.h"

#define PATH_CAP 1024

struct filecheck {
  pthread_t th;
  pthread_mutex_t mu;
  pthread_cond_t cv;
  bool stop;
  unsigned want_gen, done_gen, results;
  char want[PATH_CAP];
  char done[PATH_CAP];
  enum filecheck_state state;
  char info[256];
};

/* Checks one path; runs without the lock. */
static enum filecheck_state check(const char *path, char *info, size_t len) {
  struct stat st;
  if (*path == '\0') {
    info[0] = '\0';
    return FILECHECK_BAD;
  }
  if (stat(path, &st) != 0) {
    snprintf(info, len, "%s", errno == ENOENT ? "no such file" :
                              "not a readable file");
    return FILECHECK_BAD;
  }
  if (!S_ISREG(st.st_mode)) {
    snprintf(info, len, "%s", S_ISDIR(st.st_mode) ? "a directory: type or "
                              "Tab-complete a file name" :
                              "not a regular file");
    return FILECHECK_BAD;
  }
  char hex[65];
  int64_t size = 0;
  switch (app_file_digest(path, hex, &size)) {
  case APP_FILE_OK:
    break;
  case APP_FILE_TOO_LARGE:
    snprintf(info, len, "larger than the %lld MiB limit",
             (long long)(app_upload_max_bytes() / (1024 * 1024)));
    return FILECHECK_BAD;
  default:
    snprintf(info, len, "cannot read the file");
    return FILECHECK_BAD;
  }
  snprintf(info, len, "%lld bytes  %s  sha256 %s", (long long)size,
           app_content_type(path), hex);
  return FILECHECK_OK;
}

static void deadline_in(struct timespec *ts, int ms) {
  clock_gettime(CLOCK_REALTIME, ts);
  ts->tv_nsec += (long)ms * 1000000L;
  ts->tv_sec += ts->tv_nsec / 1000000000L;
  ts->tv_nsec %= 1000000000L;
}

static void *run(void *arg) {
  struct filecheck *fc = arg;
  pthread_mutex_lock(&fc->mu);
  while (!fc->stop) {
    if (fc->want_gen == fc->done_gen) {
      pthread_cond_wait(&fc->cv, &fc->mu);
      continue;
    }
    /* let the path settle: typing goes on, nothing is read meanwhile */
    unsigned gen = fc->want_gen;
    struct timespec ts;
    deadline_in(&ts, FILECHECK_SETTLE_MS);
    while (!fc->stop && gen == fc->want_gen &&
           pthread_cond_timedwait(&fc->cv, &fc->mu, &ts) != ETIMEDOUT)
      ;
    if (fc->stop || gen != fc->want_gen)
      continue;
    char path[PATH_CAP], info[256];
    snprintf(path, sizeof path, "%s", fc->want);
    pthread_mutex_unlock(&fc->mu);
    enum filecheck_state s = check(path, info, sizeof info);
    pthread_mutex_lock(&fc->mu);
    snprintf(fc->done, sizeof fc->done, "%s", path);
    snprintf(fc->info, sizeof fc->info, "%s", info);
    fc->state = s;
    fc->done_gen = gen;
    fc->results++;
  }
  pthread_mutex_unlock(&fc->mu);
  return NULL;
}

struct filecheck *filecheck_new(void) {
  struct filecheck *fc = xcalloc(1, sizeof *fc);
  pthread_mutex_init(&fc->mu, NULL);
  pthread_cond_init(&fc->cv, NULL);
  fc->done[0] = '\0';
  fc->state = FILECHECK_BAD;
  if (pthread_create(&fc->th, NULL, run, fc) != 0)
    fatal("cannot start the file check thread");
  return fc;
}

void filecheck_free(struct filecheck *fc) {
  if (fc == NULL)
    return;
  pthread_mutex_lock(&fc->mu);
  fc->stop = true;
  pthread_cond_broadcast(&fc->cv);
  pthread_mutex_unlock(&fc->mu);
  pthread_join(fc->th, NULL);
  pthread_cond_destroy(&fc->cv);
  pthread_mutex_destroy(&fc->mu);
  free(fc);
}

void filecheck_request(struct filecheck *fc, const char *path) {
  pthread_mutex_lock(&fc->mu);
  if (strcmp(fc->want, path) != 0 || fc->want_gen == 0) {
    snprintf(fc->want, sizeof fc->want, "%s", path);
    fc->want_gen++;
    pthread_cond_broadcast(&fc->cv);
  }
  pthread_mutex_unlock(&fc->mu);
}

enum filecheck_state filecheck_result(struct filecheck *fc, const char *path,
                                      char *info, size_t len) {
  enum filecheck_state s = FILECHECK_PENDING;
  pthread_mutex_lock(&fc->mu);
  info[0] = '\0';
  if (fc->done_gen == fc->want_gen && fc->done_gen != 0 &&
      strcmp(fc->done, path) == 0) {
    s = fc->state;
    snprintf(info, len, "%s", fc->info);
  }
  pthread_mutex_unlock(&fc->mu);
  return s;
}

unsigned filecheck_generation(struct filecheck *fc) {
  pthread_mutex_lock(&fc->mu);
  unsigned g = fc->results;
  pthread_mutex_unlock(&fc->mu);
  return g;
}
