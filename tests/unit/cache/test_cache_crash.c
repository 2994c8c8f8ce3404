/*
 * kill -9 in the middle of a sync: a child process writes pages of
 * payments together with the sync cursor (cache_payments_upsert_with_meta)
 * and is killed at a random moment, several seeded times. After each kill
 * the cache opens, passes the integrity check, and holds exactly the rows
 * the cursor says (a page is all in or all out), so the sync resumes where
 * it stopped and ends with no row missing or duplicated.
 */
#include <signal.h>
#include <sys/wait.h>
#include <time.h>

#include "../../test.h"
#include "cache/cache.h"
#include "cache/cache_meta.h"
#include "cache/cache_payments.h"
#include "cache_test_util.h"

#define PAGE 200
#define TOTAL 6000

/* The "sync": resume from the cursor, write pages until TOTAL. */
static void child_sync(const char *path) {
  struct cache *c = NULL;
  char *cause = NULL;
  if (cache_open(path, &c, &cause) != CACHE_OK)
    _exit(3);
  int64_t off = 0;
  bool found = false;
  if (cache_meta_get_int(c, "sync.payments.offset", &off, &found) != CACHE_OK)
    _exit(4);
  struct payment ps[PAGE];
  while (off < TOTAL) {
    for (int i = 0; i < PAGE; i++)
      tu_payment(&ps[i], (uint64_t)(off + i + 1));
    char buf[32];
    snprintf(buf, sizeof buf, "%lld", (long long)(off + PAGE));
    struct cache_meta_kv kv = {"sync.payments.offset", buf};
    if (cache_payments_upsert_with_meta(c, ps, PAGE, &kv, 1) != CACHE_OK)
      _exit(5);
    for (int i = 0; i < PAGE; i++)
      payment_cleanup(&ps[i]);
    off += PAGE;
  }
  cache_close(&c);
  _exit(0);
}

static void check_consistent(const char *path, int64_t *offset) {
  struct cache *c = NULL;
  char *cause = NULL;
  CHECK_INT(cache_open(path, &c, &cause), CACHE_OK);
  if (c == NULL) {
    fprintf(stderr, "open: %s\n", cause ? cause : "?");
    free(cause);
    return;
  }
  CHECK(cache_notice(c) == NULL); /* never "damaged" */
  char *report = NULL;
  CHECK_INT(cache_integrity_check(c, &report), CACHE_OK);
  if (report)
    fprintf(stderr, "integrity: %s\n", report);
  free(report);
  int64_t off = 0, n = -1;
  bool found = false;
  CHECK_INT(cache_meta_get_int(c, "sync.payments.offset", &off, &found),
            CACHE_OK);
  CHECK_INT(cache_payments_count(c, NULL, &n), CACHE_OK);
  CHECK_INT(n, off);
  CHECK(off % PAGE == 0);
  *offset = off;
  cache_close(&c);
}

static void test_kill_during_sync(void) {
  char *dir = tu_mkdtemp();
  char *path = xasprintf("%s/crash.db", dir);
  struct cache *c = NULL;
  char *cause = NULL;
  CHECK_INT(cache_open(path, &c, &cause), CACHE_OK);
  cache_close(&c);
  tu_seed(0xC0FFEE);
  int64_t off = 0, prev = 0;
  int kills = 0;
  for (int round = 0; round < 12 && off < TOTAL; round++) {
    pid_t pid = fork();
    CHECK(pid >= 0);
    if (pid == 0)
      child_sync(path);
    struct timespec ts = {0, (long)(20 + tu_below(120)) * 1000000L};
    nanosleep(&ts, NULL);
    kill(pid, SIGKILL);
    int status = 0;
    waitpid(pid, &status, 0);
    if (WIFSIGNALED(status))
      kills++;
    else
      CHECK_INT(WEXITSTATUS(status), 0);
    check_consistent(path, &off);
    CHECK(off >= prev);
    prev = off;
  }
  CHECK(kills > 0);
  /* A last, uninterrupted run completes the sync. */
  pid_t pid = fork();
  if (pid == 0)
    child_sync(path);
  int status = 0;
  waitpid(pid, &status, 0);
  CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
  check_consistent(path, &off);
  CHECK_INT(off, TOTAL);
  free(path);
  tu_rmdir(dir);
}

TEST_LIST = {
    {"kill_during_sync", test_kill_during_sync},
    {NULL, NULL},
};
