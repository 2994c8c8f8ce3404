/*
 * The sync's write path: long transactions with their resume point, the
 * full-text index filled after the rows (a search finds rows not yet
 * indexed, the check passes once filled, updates and deletes of indexed
 * rows follow), and upserts that write nothing when nothing changed.
 */
#include "../../test.h"
#include "cache/cache.h"
#include "cache/cache_customers.h"
#include "cache/cache_meta.h"
#include "cache/cache_payments.h"
#include "cache/cache_write.h"
#include "cache_test_util.h"
#include "core/filter.h"

static struct cache *open_fresh(void) {
  return tu_cache_open_fresh("w");
}

static int64_t count_text(struct cache *c, const char *text) {
  struct filter f;
  char eb[128];
  int64_t n = -1;
  CHECK_INT(filter_parse(text, &f, eb, sizeof eb), CORE_OK);
  CHECK_INT(cache_payments_count(c, &f, &n), CACHE_OK);
  struct payment_list l = {0};
  CHECK_INT(cache_payments_list(c, &f, KEYSET_CREATED_DESC, NULL, 10, &l, NULL),
            CACHE_OK);
  CHECK_INT((int64_t)l.count, n < 10 ? n : 10);
  payment_list_cleanup(&l);
  filter_cleanup(&f);
  return n;
}

static void make(struct payment *ps, size_t n, uint64_t base) {
  for (size_t i = 0; i < n; i++) {
    tu_payment(&ps[i], base + i);
    free(ps[i].description);
    ps[i].description =
        xasprintf("Invoice %llu", (unsigned long long)(base + i));
  }
}

static void cleanup(struct payment *ps, size_t n) {
  for (size_t i = 0; i < n; i++)
    payment_cleanup(&ps[i]);
}

/* A full sync's shape: deferred fill, pages in one transaction with the
 * resume point; the last page's payment is found by a search before and
 * after the fill, and the index checks out once filled. */
static void test_deferred_fill_search(void) {
  struct cache *c = open_fresh();
  struct payment ps[600];
  make(ps, 600, 1);
  cache_payments_fts_defer(c, true);
  CHECK_INT(cache_write_begin(c), CACHE_OK);
  CHECK(cache_write_open(c));
  CHECK_INT(cache_write_payments(c, ps, 300), CACHE_OK);
  CHECK_INT(cache_write_payments(c, ps + 300, 300), CACHE_OK);
  struct cache_meta_kv kv = {"sync.full_offset", "600"};
  CHECK_INT(cache_write_commit(c, &kv, 1), CACHE_OK);
  CHECK(!cache_write_open(c));
  int64_t pending = 0;
  CHECK_INT(cache_payments_fts_pending(c, &pending), CACHE_OK);
  CHECK_INT(pending, 600);
  CHECK_INT(count_text(c, "invoice 600"), 1); /* the last page's last row */
  CHECK_INT(count_text(c, "invoice 59"), 11); /* 59, 590..599 */
  char *report = NULL;
  CHECK_INT(cache_integrity_check(c, &report), CACHE_OK);
  free(report);
  CHECK_INT(cache_payments_fts_fill(c), CACHE_OK);
  cache_payments_fts_defer(c, false);
  CHECK_INT(cache_payments_fts_pending(c, &pending), CACHE_OK);
  CHECK_INT(pending, 0);
  CHECK_INT(count_text(c, "invoice 600"), 1);
  CHECK_INT(count_text(c, "invoice 59"), 11);
  cache_payments_tune_fts(c, 0); /* the index-checking plan too */
  CHECK_INT(count_text(c, "invoice 600"), 1);
  cache_payments_tune_fts(c, 2000);
  CHECK_INT(cache_integrity_check(c, &report), CACHE_OK);
  CHECK(report == NULL);
  free(report);
  /* an indexed row changes its text, another is deleted: both follow */
  free(ps[99].description);
  ps[99].description = xstrdup("Renamed thing");
  ps[99].updated_at += 1;
  CHECK_INT(cache_payments_upsert(c, &ps[99], 1), CACHE_OK);
  CHECK_INT(count_text(c, "invoice 100"), 0);
  CHECK_INT(count_text(c, "renamed thing"), 1);
  CHECK_INT(cache_payment_delete(c, ps[599].id), CACHE_OK);
  CHECK_INT(count_text(c, "invoice 600"), 0);
  /* the freed rowid is not taken again below the mark */
  CHECK_INT(cache_payments_upsert(c, &ps[599], 1), CACHE_OK);
  CHECK_INT(cache_payments_fts_pending(c, &pending), CACHE_OK);
  CHECK_INT(pending, 0); /* not deferred: filled with the write */
  CHECK_INT(count_text(c, "invoice 600"), 1);
  CHECK_INT(cache_integrity_check(c, &report), CACHE_OK);
  free(report);
  cleanup(ps, 600);
  cache_close(&c);
}

/* A rollback drops every page of the open transaction. */
static void test_rollback(void) {
  struct cache *c = open_fresh();
  struct payment ps[10];
  make(ps, 10, 1);
  CHECK_INT(cache_write_begin(c), CACHE_OK);
  CHECK_INT(cache_write_payments(c, ps, 10), CACHE_OK);
  cache_write_rollback(c);
  int64_t n = -1;
  CHECK_INT(cache_payments_count(c, NULL, &n), CACHE_OK);
  CHECK_INT(n, 0);
  CHECK_INT(cache_write_payments(c, ps, 10), CACHE_ERR_INVALID); /* no tx */
  cleanup(ps, 10);
  cache_close(&c);
}

/* The same page again writes nothing; a changed row is written. */
static void test_unchanged_payments_not_written(void) {
  struct cache *c = open_fresh();
  struct payment ps[50];
  make(ps, 50, 1);
  CHECK_INT(cache_payments_upsert(c, ps, 50), CACHE_OK);
  int64_t before = cache_total_changes(c);
  CHECK_INT(cache_payments_upsert(c, ps, 50), CACHE_OK);
  CHECK_INT(cache_total_changes(c) - before, 0);
  ps[7].status = PAYMENT_STATUS_CAPTURED; /* same raw JSON, new value */
  CHECK_INT(cache_payments_upsert(c, ps, 50), CACHE_OK);
  CHECK_INT(cache_total_changes(c) - before, 1);
  struct payment g;
  CHECK_INT(cache_payment_get(c, ps[7].id, &g), CACHE_OK);
  CHECK_INT(g.status, PAYMENT_STATUS_CAPTURED);
  payment_cleanup(&g);
  cleanup(ps, 50);
  cache_close(&c);
}

static void make_customer(struct customer *cu, int i) {
  memset(cu, 0, sizeof *cu);
  cu->id = tu_id(5000 + (uint64_t)i);
  cu->first_name = xasprintf("Name%d", i);
  cu->last_name = xstrdup("Pérez");
  cu->email = xasprintf("c%d@example.com", i);
  cu->raw_json = xasprintf("{\"id\":\"%s\"}", cu->id);
  cu->documents_count = 1;
  cu->documents = xcalloc(1, sizeof *cu->documents);
  cu->documents[0].type = xstrdup("kyc");
  cu->documents[0].status = xstrdup("UPLOADED");
}

/* A directory read again: unchanged customers (and their documents) are
 * not rewritten; a changed document is. */
static void test_unchanged_customers_not_written(void) {
  struct cache *c = open_fresh();
  struct customer cs[20];
  for (int i = 0; i < 20; i++)
    make_customer(&cs[i], i);
  CHECK_INT(cache_customers_upsert(c, cs, 20), CACHE_OK);
  int64_t before = cache_total_changes(c);
  CHECK_INT(cache_customers_upsert(c, cs, 20), CACHE_OK);
  CHECK_INT(cache_total_changes(c) - before, 0);
  free(cs[3].documents[0].status);
  cs[3].documents[0].status = xstrdup("APPROVED");
  CHECK_INT(cache_customers_upsert(c, cs, 20), CACHE_OK);
  CHECK(cache_total_changes(c) - before > 0);
  struct customer g;
  CHECK_INT(cache_customer_get(c, cs[3].id, &g), CACHE_OK);
  CHECK_INT(g.documents_count, 1);
  if (g.documents_count == 1)
    CHECK_STR(g.documents[0].status, "APPROVED");
  customer_cleanup(&g);
  for (int i = 0; i < 20; i++)
    customer_cleanup(&cs[i]);
  cache_close(&c);
}

TEST_LIST = {
    {"deferred_fill_search", test_deferred_fill_search},
    {"rollback", test_rollback},
    {"unchanged_payments_not_written", test_unchanged_payments_not_written},
    {"unchanged_customers_not_written", test_unchanged_customers_not_written},
    {NULL, NULL},
};
