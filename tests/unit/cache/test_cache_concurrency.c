/*
 * Two desks on one cache file: two struct cache on one path (and threads,
 * each with its own connection) interleaving writes and reads; a writer
 * holding BEGIN IMMEDIATE makes the other wait (busy_timeout) rather than
 * fail, and fail with CACHE_ERR_BUSY only past the timeout; two desks
 * racing to record an action on one payment: exactly one wins.
 */
#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <sqlite3.h>
#include <time.h>

#include "../../test.h"
#include "cache/cache.h"
#include "cache/cache_meta.h"
#include "cache/cache_outbox.h"
#include "cache_test_util.h"

static char *g_dir;
static char *g_path;

static void remove_dir(void) {
  tu_rmdir(g_dir);
  free(g_path);
}

static void new_path(void) {
  static int n;
  if (g_dir == NULL) {
    g_dir = tu_mkdtemp();
    atexit(remove_dir);
  }
  free(g_path);
  g_path = xasprintf("%s/c%d.db", g_dir, n++);
}

static struct cache *open_path(void) {
  struct cache *c = NULL;
  char *cause = NULL;
  if (cache_open(g_path, &c, &cause) != CACHE_OK) {
    fprintf(stderr, "open: %s\n", cause ? cause : "?");
    exit(1);
  }
  return c;
}

static int64_t now_ms(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void test_interleaved_two_connections(void) {
  new_path();
  struct cache *a = open_path();
  struct cache *b = open_path();
  for (uint64_t i = 0; i < 200; i++) {
    struct cache *w = i % 2 ? a : b, *r = i % 2 ? b : a;
    struct payment p;
    tu_payment(&p, i + 1);
    CHECK_INT(cache_payments_upsert(w, &p, 1), CACHE_OK);
    struct payment g;
    CHECK_INT(cache_payment_get(r, p.id, &g), CACHE_OK);
    CHECK_STR(g.id, p.id);
    payment_cleanup(&g);
    int64_t n = 0;
    CHECK_INT(cache_payments_count(r, NULL, &n), CACHE_OK);
    CHECK_INT(n, (int64_t)i + 1);
    CHECK_INT(cache_meta_set_int(w, "counter", (int64_t)i), CACHE_OK);
    bool found = false;
    int64_t v = -1;
    CHECK_INT(cache_meta_get_int(r, "counter", &v, &found), CACHE_OK);
    CHECK_INT(v, (int64_t)i);
    payment_cleanup(&p);
  }
  cache_close(&a);
  cache_close(&b);
}

struct writer_arg {
  uint64_t base;
  int errors;
};

static void *writer(void *p) {
  struct writer_arg *wa = p;
  struct cache *c = open_path();
  for (uint64_t page = 0; page < 40; page++) {
    struct payment ps[50];
    for (uint64_t i = 0; i < 50; i++)
      tu_payment(&ps[i], wa->base + page * 50 + i);
    if (cache_payments_upsert(c, ps, 50) != CACHE_OK)
      wa->errors++;
    int64_t n = 0;
    if (cache_payments_count(c, NULL, &n) != CACHE_OK)
      wa->errors++;
    for (size_t i = 0; i < 50; i++)
      payment_cleanup(&ps[i]);
  }
  cache_close(&c);
  return NULL;
}

static void test_two_threads_writing(void) {
  new_path();
  struct cache *c = open_path(); /* creates the schema first */
  struct writer_arg wa[2] = {{1, 0}, {1000000, 0}};
  pthread_t t[2];
  for (int i = 0; i < 2; i++)
    CHECK(pthread_create(&t[i], NULL, writer, &wa[i]) == 0);
  for (int i = 0; i < 2; i++)
    pthread_join(t[i], NULL);
  CHECK_INT(wa[0].errors, 0);
  CHECK_INT(wa[1].errors, 0);
  int64_t n = 0;
  CHECK_INT(cache_payments_count(c, NULL, &n), CACHE_OK);
  CHECK_INT(n, 4000);
  char *report = NULL;
  CHECK_INT(cache_integrity_check(c, &report), CACHE_OK);
  free(report);
  cache_close(&c);
}

struct holder_arg {
  int hold_ms;                /* how long the lock is held, or */
  pthread_barrier_t *release; /* when set: held until this is passed */
  pthread_barrier_t *locked;
  atomic_bool committing;     /* set just before the COMMIT */
  int rc;
};

/* Another desk: takes the write lock, holds it, then commits. */
static void *holder(void *p) {
  struct holder_arg *h = p;
  sqlite3 *db = NULL;
  h->rc = sqlite3_open(g_path, &db);
  if (h->rc == SQLITE_OK)
    h->rc = sqlite3_exec(db,
                         "BEGIN IMMEDIATE; INSERT INTO meta VALUES"
                         "('held', 'yes', 0)",
                         NULL, NULL, NULL);
  pthread_barrier_wait(h->locked);
  if (h->release != NULL) {
    pthread_barrier_wait(h->release);
  } else {
    struct timespec ts = {h->hold_ms / 1000, (h->hold_ms % 1000) * 1000000L};
    nanosleep(&ts, NULL);
  }
  atomic_store(&h->committing, true);
  if (h->rc == SQLITE_OK)
    h->rc = sqlite3_exec(db, "COMMIT", NULL, NULL, NULL);
  sqlite3_close(db);
  return NULL;
}

static void test_writer_waits_for_lock(void) {
  new_path();
  struct cache *c = open_path();
  pthread_barrier_t bar;
  pthread_barrier_init(&bar, NULL, 2);
  struct holder_arg h = {.hold_ms = 1500, .locked = &bar};
  pthread_t t;
  CHECK(pthread_create(&t, NULL, holder, &h) == 0);
  pthread_barrier_wait(&bar);
  /* Reads are not blocked by a writer (WAL). */
  int64_t t0 = now_ms(), n = -1;
  CHECK_INT(cache_payments_count(c, NULL, &n), CACHE_OK);
  CHECK(now_ms() - t0 < 1000);
  /* A write waits for the lock, then succeeds. */
  struct payment p;
  tu_payment(&p, 1);
  /* It got the lock only once the other desk was committing: it waited
   * (not a timed bound, which a loaded machine can stretch either way). */
  CHECK_INT(cache_payments_upsert(c, &p, 1), CACHE_OK);
  CHECK(atomic_load(&h.committing));
  pthread_join(t, NULL);
  CHECK_INT(h.rc, SQLITE_OK);
  char *v = NULL;
  CHECK_INT(cache_meta_get(c, "held", &v), CACHE_OK);
  CHECK_STR(v, "yes");
  free(v);
  payment_cleanup(&p);
  pthread_barrier_destroy(&bar);
  cache_close(&c);
}

static void test_busy_past_timeout(void) {
  new_path();
  struct cache *c = open_path();
  pthread_barrier_t bar;
  pthread_barrier_init(&bar, NULL, 2);
  pthread_barrier_t release;
  pthread_barrier_init(&release, NULL, 2);
  /* The lock is held until the write has given up, however long that
   * takes on a loaded machine. */
  struct holder_arg h = {.release = &release, .locked = &bar};
  pthread_t t;
  CHECK(pthread_create(&t, NULL, holder, &h) == 0);
  pthread_barrier_wait(&bar);
  struct payment p;
  tu_payment(&p, 1);
  int64_t t0 = now_ms();
  CHECK_INT(cache_payments_upsert(c, &p, 1), CACHE_ERR_BUSY);
  CHECK(now_ms() - t0 >= 4500);
  CHECK(!atomic_load(&h.committing));
  pthread_barrier_wait(&release);
  pthread_join(t, NULL);
  pthread_barrier_destroy(&release);
  /* Nothing half-written; it works once the lock is gone. */
  int64_t n = -1;
  CHECK_INT(cache_payments_count(c, NULL, &n), CACHE_OK);
  CHECK_INT(n, 0);
  CHECK_INT(cache_payments_upsert(c, &p, 1), CACHE_OK);
  payment_cleanup(&p);
  pthread_barrier_destroy(&bar);
  cache_close(&c);
}

/* Another desk in a long write transaction (a sync): it commits only when
 * told to, so nothing here races a timer. */
struct gate_arg {
  pthread_barrier_t *locked, *release;
  int rc;
};

static void *gate_holder(void *p) {
  struct gate_arg *g = p;
  sqlite3 *db = NULL;
  g->rc = sqlite3_open(g_path, &db);
  if (g->rc == SQLITE_OK)
    g->rc = sqlite3_exec(db, "BEGIN IMMEDIATE; INSERT INTO meta VALUES"
                             "('held', 'yes', 0)",
                         NULL, NULL, NULL);
  pthread_barrier_wait(g->locked);
  pthread_barrier_wait(g->release);
  if (g->rc == SQLITE_OK)
    g->rc = sqlite3_exec(db, "COMMIT", NULL, NULL, NULL);
  sqlite3_close(db);
  return NULL;
}

/* Opening a current cache only reads its schema version: a second desk
 * opens (and reads) while a sync holds the write lock, instead of timing
 * out with "cannot lock ... to check its schema". */
static void test_open_beside_a_writer(void) {
  new_path();
  struct cache *c = open_path();
  cache_close(&c);
  pthread_barrier_t locked, release;
  pthread_barrier_init(&locked, NULL, 2);
  pthread_barrier_init(&release, NULL, 2);
  struct gate_arg g = {&locked, &release, 0};
  pthread_t t;
  CHECK(pthread_create(&t, NULL, gate_holder, &g) == 0);
  pthread_barrier_wait(&locked);
  char *cause = NULL;
  struct cache *reader = NULL;
  CHECK_INT(cache_open(g_path, &reader, &cause), CACHE_OK);
  if (cause)
    fprintf(stderr, "open while a writer holds the lock: %s\n", cause);
  free(cause);
  int64_t n = -1;
  if (reader)
    CHECK_INT(cache_payments_count(reader, NULL, &n), CACHE_OK);
  CHECK_INT(n, 0);
  pthread_barrier_wait(&release);
  pthread_join(t, NULL);
  CHECK_INT(g.rc, SQLITE_OK);
  if (reader)
    cache_close(&reader);
  pthread_barrier_destroy(&locked);
  pthread_barrier_destroy(&release);
}

struct racer_arg {
  pthread_barrier_t *go;
  int round;
  enum cache_err result;
};

static void *racer(void *p) {
  struct racer_arg *r = p;
  struct cache *c = open_path();
  char *pay = xasprintf("payment-%d", r->round);
  struct cache_outbox_new n = {.action = "refund", .payment_id = pay};
  pthread_barrier_wait(r->go);
  int64_t id = 0;
  r->result = cache_outbox_insert(c, &n, &id);
  free(pay);
  cache_close(&c);
  return NULL;
}

static void test_two_desks_race_one_action(void) {
  new_path();
  struct cache *c = open_path();
  for (int round = 0; round < 10; round++) {
    pthread_barrier_t bar;
    pthread_barrier_init(&bar, NULL, 2);
    struct racer_arg ra[2] = {{&bar, round, CACHE_ERR_IO},
                              {&bar, round, CACHE_ERR_IO}};
    pthread_t t[2];
    for (int i = 0; i < 2; i++)
      CHECK(pthread_create(&t[i], NULL, racer, &ra[i]) == 0);
    for (int i = 0; i < 2; i++)
      pthread_join(t[i], NULL);
    int ok = (ra[0].result == CACHE_OK) + (ra[1].result == CACHE_OK);
    int conflict = (ra[0].result == CACHE_ERR_CONFLICT) +
                   (ra[1].result == CACHE_ERR_CONFLICT);
    CHECK_INT(ok, 1);
    CHECK_INT(conflict, 1);
    pthread_barrier_destroy(&bar);
  }
  int64_t n = 0;
  CHECK_INT(cache_outbox_count_open(c, &n), CACHE_OK);
  CHECK_INT(n, 10);
  cache_close(&c);
}

TEST_LIST = {
    {"open_beside_a_writer", test_open_beside_a_writer},
    {"interleaved_two_connections", test_interleaved_two_connections},
    {"two_threads_writing", test_two_threads_writing},
    {"writer_waits_for_lock", test_writer_waits_for_lock},
    {"busy_past_timeout", test_busy_past_timeout},
    {"two_desks_race_one_action", test_two_desks_race_one_action},
    {NULL, NULL},
};
