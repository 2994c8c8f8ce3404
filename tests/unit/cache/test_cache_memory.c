/*
 * The page cache of a connection: 2 MiB while reading, 32 MiB inside a
 * write transaction and back at its end, so the memory of a desk does not
 * grow with the file it reads (SQLITE_DBSTATUS_CACHE_USED after the full
 * check at open, which reads every page of a file under 64 MB).
 */
#include <sqlite3.h>
#include <sys/stat.h>

#include "../../test.h"
#include "cache/cache.h"
#include "cache/cache_int.h"
#include "cache_test_util.h"

static int64_t cache_size(struct cache *c) {
  int64_t v = 0;
  CHECK_INT(cache_sql_query_int(c, "PRAGMA cache_size", &v), CACHE_OK);
  return v;
}

static void test_switch(void) {
  char *dir = tu_mkdtemp();
  char *path = xasprintf("%s/c.db", dir);
  struct cache *c = NULL;
  CHECK_INT(cache_open(path, &c, NULL), CACHE_OK);
  CHECK_INT((int)cache_size(c), -2048);
  CHECK_INT(cache_sql_begin(c), CACHE_OK);
  CHECK_INT((int)cache_size(c), -32768);
  CHECK_INT(cache_sql_commit(c), CACHE_OK);
  CHECK_INT((int)cache_size(c), -2048);
  CHECK_INT(cache_sql_begin(c), CACHE_OK);
  cache_sql_rollback(c);
  CHECK_INT((int)cache_size(c), -2048);
  struct payment p;
  tu_payment(&p, 1);
  CHECK_INT(cache_payments_upsert(c, &p, 1), CACHE_OK);
  CHECK_INT((int)cache_size(c), -2048);
  payment_cleanup(&p);
  cache_close(&c);
  free(path);
  tu_rmdir(dir);
}

static void test_reading_stays_small(void) {
  char *dir = tu_mkdtemp();
  char *path = xasprintf("%s/c.db", dir);
  struct cache *c = NULL;
  CHECK_INT(cache_open(path, &c, NULL), CACHE_OK);
  enum { N = 500, ROUNDS = 12 };
  char *pad = xmalloc(2049);
  memset(pad, 'x', 2048);
  pad[2048] = '\0';
  for (int r = 0; r < ROUNDS; r++) {
    struct payment ps[N];
    for (size_t i = 0; i < N; i++) {
      tu_payment(&ps[i], (uint64_t)r * N + i + 1);
      free(ps[i].raw_json);
      ps[i].raw_json =
          xasprintf("{\"id\":\"%s\",\"pad\":\"%s\"}", ps[i].id, pad);
    }
    CHECK_INT(cache_payments_upsert(c, ps, N), CACHE_OK);
    for (size_t i = 0; i < N; i++)
      payment_cleanup(&ps[i]);
  }
  free(pad);
  cache_close(&c);
  /* the file is well over the reading cache, under the full-check size */
  struct stat st;
  CHECK(stat(path, &st) == 0);
  CHECK(st.st_size > 8 * 1024 * 1024);
  CHECK(st.st_size < 64 * 1024 * 1024);
  CHECK_INT(cache_open(path, &c, NULL), CACHE_OK);
  int cur = 0, hi = 0;
  CHECK_INT(sqlite3_db_status(c->db, SQLITE_DBSTATUS_CACHE_USED, &cur, &hi, 0),
            SQLITE_OK);
  /* every page was read by the check; at most 2 MiB of them are kept */
  CHECK(cur > 0);
  CHECK(cur <= 2560 * 1024);
  cache_close(&c);
  free(path);
  tu_rmdir(dir);
}

TEST_LIST = {
    {"switch", test_switch},
    {"reading_stays_small", test_reading_stays_small},
    {NULL, NULL},
};
