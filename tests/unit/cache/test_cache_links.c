/*
 * Customer links (cache_links.h): which payments are still to look up,
 * newest first and bounded; an outcome is recorded once; an attached
 * customer fills the payment's customer columns and the customers table;
 * a payment re-read without customerId keeps its link and one re-read
 * with a customerId replaces it; the migration to schema 8 marks the rows
 * cached before from their raw JSON.
 */
#include <fcntl.h>
#include <sqlite3.h>

#include "../../test.h"
#include "cache/cache.h"
#include "cache/cache_customers.h"
#include "cache/cache_links.h"
#include "cache/cache_schema.h"
#include "cache_test_util.h"

/* Payment n without a customer id; absent: its record had no customerId
 * member. */
static void unlinked(struct payment *p, uint64_t n, bool absent) {
  tu_payment(p, n);
  free(p->customer_id);
  p->customer_id = NULL;
  free(p->customer_name);
  p->customer_name = xstrdup("Snapshot Name");
  p->customer_id_absent = absent;
}

static struct cache *open_cache(char *dir) {
  char *path = xasprintf("%s/c.db", dir);
  struct cache *c = NULL;
  CHECK_INT(cache_open(path, &c, NULL), CACHE_OK);
  free(path);
  return c;
}

static void free_ids(char **ids, size_t n) {
  for (size_t i = 0; i < n; i++)
    free(ids[i]);
  free(ids);
}

/* Ten payments: 1..6 without customerId, 7..8 with customerId null, 9..10
 * with a customer. */
static void seed(struct cache *c) {
  struct payment p[10];
  for (uint64_t i = 0; i < 10; i++) {
    if (i < 6)
      unlinked(&p[i], i + 1, true);
    else if (i < 8)
      unlinked(&p[i], i + 1, false);
    else
      tu_payment(&p[i], i + 1);
  }
  CHECK_INT(cache_payments_upsert(c, p, 10), CACHE_OK);
  for (size_t i = 0; i < 10; i++)
    payment_cleanup(&p[i]);
}

static void test_todo_newest_first_and_bounded(void) {
  char *dir = tu_mkdtemp();
  struct cache *c = open_cache(dir);
  seed(c);
  char **ids = NULL;
  size_t n = 0;
  CHECK_INT(cache_links_todo(c, 4, &ids, &n), CACHE_OK);
  CHECK_INT(n, 4);
  char *want6 = tu_id(6), *want3 = tu_id(3);
  if (n == 4) {
    CHECK_STR(ids[0], want6); /* the newest createdAt first */
    CHECK_STR(ids[3], want3);
  }
  free_ids(ids, n);
  int64_t pending = 0;
  CHECK_INT(cache_links_pending(c, &pending), CACHE_OK);
  CHECK_INT(pending, 6); /* customerId null (7, 8) is not to look up */
  CHECK_INT(cache_links_todo(c, 0, &ids, &n), CACHE_OK);
  CHECK_INT(n, 0);
  free(want6);
  free(want3);
  cache_close(&c);
  tu_rmdir(dir);
}

static void test_record_outcomes(void) {
  char *dir = tu_mkdtemp();
  struct cache *c = open_cache(dir);
  seed(c);
  char *id6 = tu_id(6), *id5 = tu_id(5), *id9 = tu_id(9);
  struct customer cu = {.id = xstrdup("cust-linked-1"),
                        .first_name = xstrdup("Carlos"),
                        .last_name = xstrdup("Nuevo"),
                        .document_number = xstrdup("23111222331")};
  struct cache_link links[3] = {{id6, &cu}, {id5, NULL}, {id9, &cu}};
  CHECK_INT(cache_links_record(c, links, 3, 1234567), CACHE_OK);

  struct payment p;
  CHECK_INT(cache_payment_get(c, id6, &p), CACHE_OK);
  CHECK_STR(p.customer_id, "cust-linked-1");
  CHECK_STR(p.customer_name, "Carlos Nuevo");
  CHECK_STR(p.customer_document, "23111222331");
  CHECK_INT(p.customer_link_at, 1234567);
  payment_cleanup(&p);
  CHECK_INT(cache_payment_get(c, id5, &p), CACHE_OK);
  CHECK(p.customer_id == NULL); /* not attached: only the time */
  CHECK_STR(p.customer_name, "Snapshot Name");
  CHECK_INT(p.customer_link_at, 1234567);
  payment_cleanup(&p);
  /* a payment with its own customer id keeps it */
  CHECK_INT(cache_payment_get(c, id9, &p), CACHE_OK);
  CHECK(p.customer_id && strcmp(p.customer_id, "cust-linked-1") != 0);
  payment_cleanup(&p);
  /* the customer is in the customers table */
  struct customer got;
  CHECK_INT(cache_customer_get(c, "cust-linked-1", &got), CACHE_OK);
  CHECK_STR(got.first_name, "Carlos");
  customer_cleanup(&got);
  /* neither is asked again */
  int64_t pending = 0;
  CHECK_INT(cache_links_pending(c, &pending), CACHE_OK);
  CHECK_INT(pending, 4);
  char **ids = NULL;
  size_t n = 0;
  CHECK_INT(cache_links_todo(c, 10, &ids, &n), CACHE_OK);
  for (size_t i = 0; i < n; i++)
    CHECK(strcmp(ids[i], id6) != 0 && strcmp(ids[i], id5) != 0);
  free_ids(ids, n);
  /* an outcome without a payment id is refused, nothing written */
  struct cache_link bad = {NULL, NULL};
  CHECK_INT(cache_links_record(c, &bad, 1, 1), CACHE_ERR_INVALID);
  customer_cleanup(&cu);
  free(id6);
  free(id5);
  free(id9);
  cache_close(&c);
  tu_rmdir(dir);
}

/* Re-reading a linked payment: without customerId the link stays; with a
 * customerId the server's word wins. */
static void test_reread_keeps_or_replaces(void) {
  char *dir = tu_mkdtemp();
  struct cache *c = open_cache(dir);
  seed(c);
  char *id4 = tu_id(4);
  struct customer cu = {.id = xstrdup("cust-linked-2"),
                        .email = xstrdup("l2@example.com")};
  struct cache_link l = {id4, &cu};
  CHECK_INT(cache_links_record(c, &l, 1, 99), CACHE_OK);

  struct payment p;
  unlinked(&p, 4, true);
  p.updated_at += 60000; /* a newer version of it */
  p.status = PAYMENT_STATUS_CAPTURED;
  CHECK_INT(cache_payments_upsert(c, &p, 1), CACHE_OK);
  payment_cleanup(&p);
  CHECK_INT(cache_payment_get(c, id4, &p), CACHE_OK);
  CHECK_INT(p.status, PAYMENT_STATUS_CAPTURED);
  CHECK_STR(p.customer_id, "cust-linked-2");
  CHECK_STR(p.customer_email, "l2@example.com");
  CHECK_STR(p.customer_name, "Snapshot Name"); /* the customer had none */
  payment_cleanup(&p);

  unlinked(&p, 4, false);
  p.customer_id = xstrdup("cust-server");
  p.updated_at += 120000;
  CHECK_INT(cache_payments_upsert(c, &p, 1), CACHE_OK);
  payment_cleanup(&p);
  CHECK_INT(cache_payment_get(c, id4, &p), CACHE_OK);
  CHECK_STR(p.customer_id, "cust-server");
  CHECK(p.customer_email == NULL);
  payment_cleanup(&p);
  /* and without customerId again: the link was given up */
  unlinked(&p, 4, true);
  p.updated_at += 180000;
  CHECK_INT(cache_payments_upsert(c, &p, 1), CACHE_OK);
  payment_cleanup(&p);
  CHECK_INT(cache_payment_get(c, id4, &p), CACHE_OK);
  CHECK(p.customer_id == NULL);
  CHECK(p.customer_link_at == 99); /* looked up: not asked again */
  payment_cleanup(&p);
  customer_cleanup(&cu);
  free(id4);
  cache_close(&c);
  tu_rmdir(dir);
}

/* A schema 7 file: its rows without a customerId member in raw_json are
 * to look up after the migration, the others not. */
static void test_migration_marks_old_rows(void) {
  char *dir = tu_mkdtemp();
  char *path = xasprintf("%s/v7.db", dir);
  int fd = open(path, O_CREAT | O_EXCL | O_WRONLY, 0600);
  CHECK(fd >= 0);
  close(fd);
  sqlite3 *db = NULL;
  CHECK(sqlite3_open(path, &db) == SQLITE_OK);
  for (int v = 1; v <= 7; v++)
    CHECK(sqlite3_exec(db, cache_schema_step_sql(v), NULL, NULL, NULL) ==
          SQLITE_OK);
  char sql[96];
  snprintf(sql, sizeof sql, "PRAGMA user_version=7; PRAGMA application_id=%d",
           CACHE_APPLICATION_ID);
  CHECK(sqlite3_exec(db, sql, NULL, NULL, NULL) == SQLITE_OK);
  CHECK(sqlite3_exec(
            db,
            "INSERT INTO payments(id, amount_minor, currency, amount_sort,"
            " status, type, customer_id, raw_json, created_at) VALUES"
            "('p1', 1, 'USD', 1, 'SETTLED', 'PURCHASE', NULL,"
            " '{\"id\":\"p1\"}', 1),"
            "('p2', 1, 'USD', 1, 'SETTLED', 'PURCHASE', NULL,"
            " '{\"id\":\"p2\",\"customerId\":null}', 2),"
            "('p3', 1, 'USD', 1, 'SETTLED', 'PURCHASE', 'c3',"
            " '{\"id\":\"p3\",\"customerId\":\"c3\"}', 3),"
            "('p4', 1, 'USD', 1, 'SETTLED', 'PURCHASE', NULL, 'not json', 4)",
            NULL, NULL, NULL) == SQLITE_OK);
  sqlite3_close(db);
  struct cache *c = NULL;
  CHECK_INT(cache_open(path, &c, NULL), CACHE_OK);
  char **ids = NULL;
  size_t n = 0;
  CHECK_INT(cache_links_todo(c, 10, &ids, &n), CACHE_OK);
  CHECK_INT(n, 1);
  if (n == 1)
    CHECK_STR(ids[0], "p1");
  free_ids(ids, n);
  cache_close(&c);
  free(path);
  tu_rmdir(dir);
}

TEST_LIST = {
    {"todo_newest_first_and_bounded", test_todo_newest_first_and_bounded},
    {"record_outcomes", test_record_outcomes},
    {"reread_keeps_or_replaces", test_reread_keeps_or_replaces},
    {"migration_marks_old_rows", test_migration_marks_old_rows},
    {NULL, NULL},
};
