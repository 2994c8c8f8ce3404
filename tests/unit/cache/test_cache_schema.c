/*
 * Schema migrations: a version 1 (and 2) file built by hand is migrated to
 * the current version with its rows kept and indexed; a migration that
 * fails leaves the file at its old version, untouched.
 */
#include <fcntl.h>
#include <sqlite3.h>
#include <sys/stat.h>

#include "../../test.h"
#include "cache/cache.h"
#include "cache/cache_outbox.h"
#include "cache/cache_schema.h"
#include "cache_test_util.h"
#include "core/filter.h"

static int64_t raw_int(const char *path, const char *sql) {
  sqlite3 *db = NULL;
  sqlite3_stmt *st = NULL;
  int64_t v = -1;
  if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK &&
      sqlite3_prepare_v3(db, sql, -1, 0, &st, NULL) == SQLITE_OK &&
      sqlite3_step(st) == SQLITE_ROW)
    v = sqlite3_column_int64(st, 0);
  sqlite3_finalize(st);
  sqlite3_close(db);
  return v;
}

/* A file at schema `version` with three payments, as an old binary wrote
 * it; `extra` runs last (NULL = nothing). */
static void build_old(const char *path, int version, const char *extra) {
  int fd = open(path, O_CREAT | O_EXCL | O_WRONLY, 0600);
  CHECK(fd >= 0);
  close(fd);
  sqlite3 *db = NULL;
  CHECK(sqlite3_open(path, &db) == SQLITE_OK);
  CHECK(sqlite3_exec(db, "PRAGMA journal_mode=WAL", NULL, NULL, NULL) ==
        SQLITE_OK);
  for (int v = 1; v <= version; v++) {
    char *err = NULL;
    CHECK(sqlite3_exec(db, cache_schema_step_sql(v), NULL, NULL, &err) ==
          SQLITE_OK);
    if (err)
      fprintf(stderr, "step %d: %s\n", v, err);
    sqlite3_free(err);
  }
  char sql[128];
  snprintf(sql, sizeof sql, "PRAGMA user_version=%d; PRAGMA application_id=%d",
           version, CACHE_APPLICATION_ID);
  CHECK(sqlite3_exec(db, sql, NULL, NULL, NULL) == SQLITE_OK);
  CHECK(sqlite3_exec(db,
                     "INSERT INTO payments(id, amount_minor, currency,"
                     " amount_micro, amount_sort, status, type, description,"
                     " created_at) VALUES"
                     "('aaaaaaaaaaaaaaaaaaaaaaa1', 1000, 'USD', 10000000,"
                     " 10000000, 'SETTLED', 'PURCHASE', 'Old needle row', 1),"
                     "('aaaaaaaaaaaaaaaaaaaaaaa2', 500, 'CLP', 500000000,"
                     " 500000000, 'CREATED', 'PURCHASE', 'plain', 2),"
                     "('aaaaaaaaaaaaaaaaaaaaaaa3', 7, 'USD', 70000, 70000,"
                     " 'FAILED', 'REFUND', 'another', 3)",
                     NULL, NULL, NULL) == SQLITE_OK);
  if (extra)
    CHECK(sqlite3_exec(db, extra, NULL, NULL, NULL) == SQLITE_OK);
  sqlite3_close(db);
}

static void check_current(const char *path) {
  struct cache *c = NULL;
  char *cause = NULL;
  CHECK_INT(cache_open(path, &c, &cause), CACHE_OK);
  if (c == NULL) {
    fprintf(stderr, "open: %s\n", cause ? cause : "?");
    free(cause);
    return;
  }
  CHECK_INT(raw_int(path, "PRAGMA user_version"), cache_schema_version());
  int64_t n = 0;
  CHECK_INT(cache_payments_count(c, NULL, &n), CACHE_OK);
  CHECK_INT(n, 3);
  /* Rows written before the full-text index existed are searchable. */
  struct filter f;
  char eb[64];
  CHECK_INT(filter_parse("NEEDLE", &f, eb, sizeof eb), CORE_OK);
  CHECK_INT(cache_payments_count(c, &f, &n), CACHE_OK);
  CHECK_INT(n, 1);
  filter_cleanup(&f);
  struct payment p;
  CHECK_INT(cache_payment_get(c, "aaaaaaaaaaaaaaaaaaaaaaa2", &p), CACHE_OK);
  CHECK_INT(p.total.minor, 500);
  CHECK_INT(p.status, PAYMENT_STATUS_CREATED);
  payment_cleanup(&p);
  /* The newest tables work. */
  struct cache_outbox_new on = {.action = "capture",
                                .payment_id = "aaaaaaaaaaaaaaaaaaaaaaa2"};
  int64_t id = 0;
  CHECK_INT(cache_outbox_insert(c, &on, &id), CACHE_OK);
  CHECK_INT(cache_outbox_cancel(c, id, NULL), CACHE_OK);
  char *report = NULL;
  CHECK_INT(cache_integrity_check(c, &report), CACHE_OK);
  free(report);
  /* Asking to go back is refused. */
  CHECK_INT(cache_schema_migrate(c, 1, NULL), CACHE_ERR_INVALID);
  CHECK_INT(cache_schema_migrate(c, 0, NULL), CACHE_OK); /* no-op */
  cache_close(&c);
}

static void test_every_old_version(void) {
  CHECK(cache_schema_version() >= 3);
  CHECK(cache_schema_step_sql(0) == NULL);
  CHECK(cache_schema_step_sql(cache_schema_version() + 1) == NULL);
  char *dir = tu_mkdtemp();
  for (int v = 1; v < cache_schema_version(); v++) {
    char *path = xasprintf("%s/v%d.db", dir, v);
    build_old(path, v, NULL);
    CHECK_INT(raw_int(path, "PRAGMA user_version"), v);
    check_current(path);
    /* Opening again is a no-op. */
    check_current(path);
    free(path);
  }
  tu_rmdir(dir);
}

/* Outbox rows of schema 4 (parameters as JSON text) get their typed
 * columns from the migration to 5, amounts in minor units. */
static void test_outbox_rows_converted(void) {
  char *dir = tu_mkdtemp();
  char *path = xasprintf("%s/v4.db", dir);
  build_old(path, 4,
            "INSERT INTO outbox(idempotency_key, action, payment_id,"
            " params_json, seen_status, state, attempts, created_at,"
            " updated_at) VALUES"
            "('k1', 'refund', 'aaaaaaaaaaaaaaaaaaaaaaa1',"
            " '{\"amount\":\"12.50\",\"reason\":\"dup \\\"x\\\"\"}',"
            " 'SETTLED', 'unknown', 1, 5, 6),"
            "('k2', 'assign', 'aaaaaaaaaaaaaaaaaaaaaaa2',"
            " '{\"accountNumber\":\"ACC-9\",\"expectedAmount\":\"700\"}',"
            " 'CREATED', 'pending', 0, 7, 7),"
            "('k3', 'capture', 'aaaaaaaaaaaaaaaaaaaaaaa2', '{}', 'CREATED',"
            " 'succeeded', 1, 1, 2)");
  struct cache *c = NULL;
  char *cause = NULL;
  CHECK_INT(cache_open(path, &c, &cause), CACHE_OK);
  free(cause);
  struct cache_outbox_entry e;
  CHECK_INT(cache_outbox_get_by_key(c, "k1", &e), CACHE_OK);
  CHECK_INT(e.amount_minor, 1250);
  CHECK_STR(e.currency, "USD");
  CHECK_STR(e.reason, "dup \"x\"");
  CHECK(!e.had_2xx);
  cache_outbox_entry_cleanup(&e);
  CHECK_INT(cache_outbox_get_by_key(c, "k2", &e), CACHE_OK);
  CHECK_STR(e.account_number, "ACC-9");
  CHECK_INT(e.expected_minor, 700);
  CHECK_STR(e.currency, "CLP");
  cache_outbox_entry_cleanup(&e);
  CHECK_INT(cache_outbox_get_by_key(c, "k3", &e), CACHE_OK);
  CHECK_INT(e.amount_minor, 0);
  CHECK(e.reason == NULL);
  cache_outbox_entry_cleanup(&e);
  /* the converted refund counts for the duplicate guard */
  CHECK_INT(cache_outbox_find_refund(c, "aaaaaaaaaaaaaaaaaaaaaaa1", 1250, 0,
                                     &e),
            CACHE_OK);
  CHECK_STR(e.idempotency_key, "k1");
  cache_outbox_entry_cleanup(&e);
  CHECK_INT(cache_outbox_find_refund(c, "aaaaaaaaaaaaaaaaaaaaaaa1", 1250, 6,
                                     &e),
            CACHE_ERR_NOT_FOUND);
  CHECK_INT(cache_outbox_note_2xx(c, 1), CACHE_OK);
  CHECK_INT(cache_outbox_get(c, 1, &e), CACHE_OK);
  CHECK(e.had_2xx);
  cache_outbox_entry_cleanup(&e);
  CHECK_INT(cache_outbox_note_2xx(c, 999), CACHE_ERR_NOT_FOUND);
  cache_close(&c);
  free(path);
  tu_rmdir(dir);
}

static void test_failed_migration_rolls_back(void) {
  char *dir = tu_mkdtemp();
  char *path = xasprintf("%s/bad.db", dir);
  /* A table that step 2 wants to create already exists: step 2 fails. */
  build_old(path, 1, "CREATE TABLE customers(x)");
  struct cache *c = NULL;
  char *cause = NULL;
  enum cache_err err = cache_open(path, &c, &cause);
  CHECK(err != CACHE_OK);
  CHECK(err != CACHE_ERR_CORRUPT); /* not thrown away as damaged */
  CHECK(c == NULL);
  CHECK(cause && strstr(cause, "version 2") != NULL);
  free(cause);
  CHECK_INT(raw_int(path, "PRAGMA user_version"), 1);
  CHECK_INT(raw_int(path, "SELECT count(*) FROM payments"), 3);
  CHECK_INT(raw_int(path, "SELECT count(*) FROM sqlite_schema WHERE name ="
                          " 'payments_fts'"),
            0);
  free(path);
  tu_rmdir(dir);
}

TEST_LIST = {
    {"every_old_version", test_every_old_version},
    {"outbox_rows_converted", test_outbox_rows_converted},
             {"failed_migration_rolls_back", test_failed_migration_rolls_back},
    {NULL, NULL},
};
