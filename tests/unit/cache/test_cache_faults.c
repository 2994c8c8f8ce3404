/*
 * Disk full: with the file capped (PRAGMA max_page_count on the cache's
 * own connection, SQLite's way to make writes fail with SQLITE_FULL), a
 * page of payments, a page with its sync cursor and an outbox entry all
 * fail as a whole with CACHE_ERR_FULL, leave nothing half-written, and the
 * cache works again once there is room.
 */
#include "../../test.h"
#include "cache/cache.h"
#include "cache/cache_activity.h"
#include "cache/cache_int.h"
#include "cache/cache_meta.h"
#include "cache/cache_outbox.h"
#include "cache/cache_payments.h"
#include "cache_test_util.h"

static void cap_file(struct cache *c, int extra_pages) {
  int64_t pages = 0;
  CHECK_INT(cache_sql_query_int(c, "PRAGMA page_count", &pages), CACHE_OK);
  char sql[64];
  snprintf(sql, sizeof sql, "PRAGMA max_page_count=%lld",
           (long long)pages + extra_pages);
  CHECK_INT(cache_sql_exec(c, sql), CACHE_OK);
}

static void test_disk_full(void) {
  char *dir = tu_mkdtemp();
  char *path = xasprintf("%s/full.db", dir);
  struct cache *c = NULL;
  char *cause = NULL;
  CHECK_INT(cache_open(path, &c, &cause), CACHE_OK);
  struct payment ps[300];
  for (uint64_t i = 0; i < 300; i++)
    tu_payment(&ps[i], i + 1);
  CHECK_INT(cache_payments_upsert(c, ps, 10), CACHE_OK);
  cap_file(c, 2);

  /* A full disk is told apart from other I/O errors ("disk full: PATH"). */
  CHECK_INT(cache_payments_upsert(c, ps, 300), CACHE_ERR_FULL);
  struct cache_meta_kv kv = {"sync.payments.offset", "300"};
  CHECK_INT(cache_payments_upsert_with_meta(c, ps, 300, &kv, 1),
            CACHE_ERR_FULL);
  int64_t n = -1;
  CHECK_INT(cache_payments_count(c, NULL, &n), CACHE_OK);
  CHECK_INT(n, 10);
  char *v = NULL;
  CHECK_INT(cache_meta_get(c, "sync.payments.offset", &v), CACHE_OK);
  CHECK(v == NULL);

  /* An outbox entry that cannot be written is not there at all: no entry,
   * no "confirmed" row. (Fill the remaining pages first, one payment at a
   * time until one no longer fits: how many that takes depends on the
   * size of a row and its indexes, so the loop does not guess.) */
  enum cache_err fill = CACHE_OK;
  for (int i = 10; i < 300 && fill == CACHE_OK; i++)
    fill = cache_payments_upsert(c, &ps[i], 1);
  CHECK_INT(fill, CACHE_ERR_FULL);
  struct cache_outbox_new on = {.action = "refund",
                                .payment_id = ps[0].id,
                                .params_json = "{\"amount\":\"1.00\"}",
                                .detail = "x"};
  int64_t id = 0;
  enum cache_err err = CACHE_OK;
  /* Grow the payload until the write no longer fits. */
  char *big = NULL;
  for (int k = 0; k < 12 && err == CACHE_OK; k++) {
    free(big);
    big = xcalloc(1, (size_t)4096 << k);
    memset(big, 'p', ((size_t)4096 << k) - 1);
    on.params_json = big;
    err = cache_outbox_insert(c, &on, &id);
    if (err == CACHE_OK)
      CHECK_INT(cache_outbox_cancel(c, id, NULL), CACHE_OK);
  }
  CHECK_INT(err, CACHE_ERR_FULL);
  int64_t open_n = -1;
  CHECK_INT(cache_outbox_count_open(c, &open_n), CACHE_OK);
  CHECK_INT(open_n, 0);
  free(big);

  /* Room again: everything works, and the file is sound. */
  CHECK_INT(cache_sql_exec(c, "PRAGMA max_page_count=1073741823"), CACHE_OK);
  CHECK_INT(cache_payments_upsert_with_meta(c, ps, 300, &kv, 1), CACHE_OK);
  CHECK_INT(cache_payments_count(c, NULL, &n), CACHE_OK);
  CHECK_INT(n, 300);
  on.params_json = "{}";
  CHECK_INT(cache_outbox_insert(c, &on, &id), CACHE_OK);
  char *report = NULL;
  CHECK_INT(cache_integrity_check(c, &report), CACHE_OK);
  free(report);
  for (size_t i = 0; i < 300; i++)
    payment_cleanup(&ps[i]);
  cache_close(&c);
  free(path);
  tu_rmdir(dir);
}

TEST_LIST = {
    {"disk_full", test_disk_full},
    {NULL, NULL},
};
