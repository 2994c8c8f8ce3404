/*
 * What the UI thread reads on a key is an index seek, never a scan: on a
 * cache of 20,000 payments (more than 3,000 pages) each read of a payment's
 * detail (the payment, its refund summary and refunds, its children, its
 * customer), a filtered window (a status matching 10%, a rare search, from
 * the start and from the end) and a Customers window touches at most a few
 * hundred pages, counted by SQLite's own page-cache counters. A figure
 * that does scan, is the control: the totals by status touch thousands.
 */
#include "../../test.h"
#include "cache/cache.h"
#include "cache/cache_customers.h"
#include "cache/cache_int.h"
#include "cache/cache_payments.h"
#include "cache/cache_totals.h"
#include "cache_test_util.h"
#include "core/filter.h"

#define N 20000
/* A seek: a few B-tree paths and the pages of the rows read (up to 40
 * rows of 700 bytes, with their customers' documents); a search also
 * probes its trigrams' postings, each read bounded (cache_fts_plan): about
 * 120 pages here. A scan of the payments table reads more than 3,000; a
 * walk of the created index testing each rowid against the search's list
 * (what the planner chose for an OR of the indexed rows and the rows after
 * the index's mark) more than 330. */
#define SEEK_PAGES 150
#define SEARCH_PAGES 250

/* Pages the connection asked its cache for since the last call. */
static int pages(struct cache *c) {
  int hit = 0, miss = 0, hi = 0;
  sqlite3_db_status(c->db, SQLITE_DBSTATUS_CACHE_HIT, &hit, &hi, 1);
  sqlite3_db_status(c->db, SQLITE_DBSTATUS_CACHE_MISS, &miss, &hi, 1);
  return hit + miss;
}

static bool seek(struct cache *c) {
  return pages(c) <= SEEK_PAGES;
}

static void seed(struct cache *c, char **parent) {
  struct payment *ps = xcalloc(N, sizeof *ps);
  for (uint64_t i = 0; i < N; i++) {
    tu_payment(&ps[i], i + 1);
    free(ps[i].raw_json); /* rows of a realistic size: 600 bytes */
    ps[i].raw_json =
        xasprintf("{\"id\":\"%s\",\"pad\":\"%0580d\"}", ps[i].id, 0);
    if (i % 20 == 7) { /* refunds of payments not in the cache */
      ps[i].type = PAYMENT_TYPE_REFUND;
      free(ps[i].type_raw);
      ps[i].type_raw = xstrdup("REFUND");
    }
    if (i % 10 == 3) {
      ps[i].status = PAYMENT_STATUS_CAPTURED;
      free(ps[i].status_raw);
      ps[i].status_raw = xstrdup("CAPTURED");
    }
  }
  /* payment 5 has three refunds and two other children */
  *parent = xstrdup(ps[4].id);
  ps[4].status = PAYMENT_STATUS_SETTLED;
  for (int k = 0; k < 5; k++) {
    struct payment *ch = &ps[100 + k];
    ch->parent_payment_id = xstrdup(*parent);
    ch->type = k < 3 ? PAYMENT_TYPE_REFUND : PAYMENT_TYPE_PURCHASE;
    ch->status = PAYMENT_STATUS_SETTLED;
  }
  CHECK_INT(cache_payments_upsert(c, ps, N), CACHE_OK);
  for (size_t i = 0; i < N; i++)
    payment_cleanup(&ps[i]);
  free(ps);
  struct customer *cs = xcalloc(3000, sizeof *cs);
  for (uint64_t i = 0; i < 3000; i++) {
    cs[i].id = xasprintf("%024llx", (unsigned long long)i + 1000);
    cs[i].first_name = xstrdup("Ana");
    cs[i].last_name = xasprintf("Pérez-%06llu", (unsigned long long)i);
    cs[i].created_at = 1700000000000 + (int64_t)i * 1000;
    cs[i].raw_json = xasprintf("{\"pad\":\"%0500d\"}", 0);
  }
  CHECK_INT(cache_customers_upsert(c, cs, 3000), CACHE_OK);
  for (size_t i = 0; i < 3000; i++)
    customer_cleanup(&cs[i]);
  free(cs);
}

static void window(struct cache *c, const char *text, bool from_end,
                   size_t want) {
  struct filter f;
  char why[64];
  CHECK_INT(filter_parse(text, &f, why, sizeof why), CORE_OK);
  struct payment_list l = {0};
  pages(c);
  CHECK_INT(cache_payments_window(c, CACHE_LIST_PAYMENTS, &f, NULL,
                                  KEYSET_CREATED_DESC, NULL, from_end, false,
                                  40, &l),
            CACHE_OK);
  int p = pages(c);
  CHECK(p <= (f.text ? SEARCH_PAGES : SEEK_PAGES));
  CHECK_INT(l.count, want);
  payment_list_cleanup(&l);
  filter_cleanup(&f);
}

static void test_key_reads_are_seeks(void) {
  char *dir = tu_mkdtemp();
  char *path = xasprintf("%s/seeks.db", dir);
  struct cache *c = NULL;
  char *cause = NULL, *parent = NULL;
  CHECK_INT(cache_open(path, &c, &cause), CACHE_OK);
  seed(c, &parent);

  /* the control: the totals by status read every row */
  int64_t file_pages = 0;
  CHECK_INT(cache_sql_query_int(c, "PRAGMA page_count", &file_pages), CACHE_OK);
  CHECK(file_pages > 3000);
  struct cache_totals t = {0};
  pages(c);
  CHECK_INT(cache_payments_totals(c, NULL, &t), CACHE_OK);
  CHECK(pages(c) > 3000);
  cache_totals_cleanup(&t);

  /* a payment's detail */
  struct payment p;
  pages(c);
  CHECK_INT(cache_payment_get(c, parent, &p), CACHE_OK);
  CHECK(seek(c));
  struct refund_summary rs;
  CHECK_INT(cache_refund_summary(c, parent, &rs), CACHE_OK);
  CHECK(seek(c));
  CHECK_INT(rs.completed_count, 3);
  struct payment_list kids = {0};
  CHECK_INT(cache_refunds_list(c, parent, NULL, 50, &kids, NULL), CACHE_OK);
  CHECK(seek(c));
  CHECK_INT(kids.count, 3);
  payment_list_cleanup(&kids);
  struct customer cu;
  CHECK_INT(cache_customer_get(c, p.customer_id, &cu), CACHE_OK);
  CHECK(seek(c));
  customer_cleanup(&cu);
  char *children = xasprintf("parent:%s", parent);
  struct filter f;
  char why[64];
  CHECK_INT(filter_parse(children, &f, why, sizeof why), CORE_OK);
  pages(c);
  CHECK_INT(cache_payments_window(c, CACHE_LIST_PAYMENTS, &f, NULL,
                                  KEYSET_CREATED_ASC, NULL, false, false, 50,
                                  &kids),
            CACHE_OK);
  CHECK(seek(c));
  CHECK_INT(kids.count, 5);
  payment_list_cleanup(&kids);
  filter_cleanup(&f);
  free(children);
  payment_cleanup(&p);

  /* filtered windows: 10% of the rows, a rare search; start and end */
  window(c, "status:CAPTURED", false, 40);
  window(c, "status:CAPTURED", true, 40);
  window(c, "Order 1234", false, 11); /* 1234 and 12340 to 12349 */
  window(c, "Order 1234", true, 11);

  /* the Customers pane: first window, last window, a window deep inside */
  struct customer_list cl = {0};
  pages(c);
  CHECK_INT(cache_customers_window(c, NULL, NULL, false, false, 40, &cl),
            CACHE_OK);
  CHECK(seek(c));
  customer_list_cleanup(&cl);
  CHECK_INT(cache_customers_window(c, NULL, NULL, true, false, 40, &cl),
            CACHE_OK);
  CHECK(seek(c));
  CHECK_STR(cl.items[cl.count - 1].last_name, "Pérez-000000");
  struct keyset_cursor mid;
  CHECK(cache_customer_cursor(&cl.items[0], &mid));
  customer_list_cleanup(&cl);
  pages(c);
  CHECK_INT(cache_customers_window(c, NULL, &mid, true, false, 40, &cl),
            CACHE_OK);
  CHECK(seek(c));
  CHECK_INT(cl.count, 40);
  customer_list_cleanup(&cl);

  free(parent);
  cache_close(&c);
  tu_rmdir(dir);
  free(path);
}

TEST_LIST = {
    {"key_reads_are_seeks", test_key_reads_are_seeks},
    {NULL, NULL},
};
