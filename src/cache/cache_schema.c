/*
 * cache_schema - ordered migrations keyed by PRAGMA user_version.
 *
 * Tables are STRICT, so a REAL can never slip into an amount column: money
 * is amount_minor INTEGER + currency TEXT, and amount_micro (1e-6 of a major
 * unit, NULL when the currency is unknown) exists only for cross-currency
 * filters. amount_sort is amount_micro with unknown currencies at the very
 * bottom (INT64_MIN), so that keyset pagination has a NOT NULL key. Times are
 * INTEGER ms since the epoch, 0 for null. Statuses and types are stored as
 * their canonical API names (status_raw/type_raw keep what was sent).
 */
#include "cache/cache_schema.h"

#include <stdio.h>
#include <stdlib.h>

#include "cache/cache_int.h"
#include "core/xalloc.h"

struct cache_migration {
  int version;
  const char *sql;
};

static const char schema_v1[] =
    "CREATE TABLE meta("
    " key TEXT PRIMARY KEY NOT NULL,"
    " value TEXT NOT NULL,"
    " updated_at INTEGER NOT NULL) STRICT;"
    "CREATE TABLE payments("
    " id TEXT PRIMARY KEY NOT NULL,"
    " external_id TEXT,"
    " identity_id TEXT,"
    " account_number TEXT,"
    " amount_minor INTEGER NOT NULL,"
    " currency TEXT NOT NULL,"
    " amount_micro INTEGER,"
    " amount_sort INTEGER NOT NULL,"
    " purchase_minor INTEGER NOT NULL DEFAULT 0,"
    " purchase_currency TEXT NOT NULL DEFAULT '',"
    " product TEXT,"
    " description TEXT,"
    " status TEXT NOT NULL,"
    " status_raw TEXT,"
    " type TEXT NOT NULL,"
    " type_raw TEXT,"
    " customer_id TEXT,"
    " customer_name TEXT,"
    " customer_email TEXT,"
    " customer_document TEXT,"
    " parent_payment_id TEXT,"
    " related_payment_id TEXT,"
    " documentation_status TEXT,"
    " review_reason TEXT,"
    " created_at INTEGER NOT NULL DEFAULT 0,"
    " updated_at INTEGER NOT NULL DEFAULT 0,"
    " authorized_at INTEGER NOT NULL DEFAULT 0,"
    " captured_at INTEGER NOT NULL DEFAULT 0,"
    " settled_at INTEGER NOT NULL DEFAULT 0,"
    " refunded_at INTEGER NOT NULL DEFAULT 0,"
    " expires_at INTEGER NOT NULL DEFAULT 0,"
    " raw_json TEXT,"
    " cached_at INTEGER NOT NULL DEFAULT 0) STRICT;"
    /* One index per sort (keyset: key then id) and per filter column, each
     * ending in created_at, id so a filtered default-sorted page is an index
     * range scan. */
    "CREATE INDEX payments_by_created ON payments(created_at, id);"
    "CREATE INDEX payments_by_updated ON payments(updated_at, id);"
    "CREATE INDEX payments_by_amount ON payments(amount_sort, id);"
    "CREATE INDEX payments_by_amount_micro ON payments(amount_micro);"
    "CREATE INDEX payments_by_status ON payments(status, created_at, id);"
    "CREATE INDEX payments_by_type ON payments(type, created_at, id);"
    "CREATE INDEX payments_by_currency ON payments(currency, created_at, id);"
    "CREATE INDEX payments_by_customer"
    " ON payments(customer_id, created_at, id);"
    "CREATE INDEX payments_by_parent"
    " ON payments(parent_payment_id, created_at, id);"
    "CREATE INDEX payments_by_account"
    " ON payments(account_number, created_at, id);"
    "CREATE INDEX payments_by_docs"
    " ON payments(documentation_status COLLATE NOCASE, created_at, id);";

static const struct cache_migration migrations[] = {
    {1, schema_v1},
};

#define MIGRATION_COUNT (sizeof migrations / sizeof migrations[0])

int cache_schema_version(void) {
  return migrations[MIGRATION_COUNT - 1].version;
}

const char *cache_schema_step_sql(int version) {
  for (size_t i = 0; i < MIGRATION_COUNT; i++)
    if (migrations[i].version == version)
      return migrations[i].sql;
  return NULL;
}

static void set_cause(char **cause, char *msg) {
  if (cause && *cause == NULL)
    *cause = msg;
  else
    free(msg);
}

enum cache_err cache_schema_migrate(struct cache *c, int target, char **cause) {
  int newest = cache_schema_version();
  if (target == 0)
    target = newest;
  if (target < 0 || target > newest)
    return CACHE_ERR_INVALID;

  enum cache_err err = cache_sql_begin(c);
  if (err) {
    set_cause(cause, xasprintf("cannot lock %s to check its schema: %s",
                               c->path, sqlite3_errmsg(c->db)));
    return err;
  }
  int64_t cur = 0;
  err = cache_sql_query_int(c, "PRAGMA user_version", &cur);
  if (err)
    goto out;
  if (cur > newest) {
    err = CACHE_ERR_SCHEMA_NEWER;
    set_cause(cause,
              xasprintf("cache %s has schema version %lld but this "
                        "conomy-desk knows up to %d: upgrade conomy-desk, "
                        "or point CONOMY_CACHE at another file",
                        c->path, (long long)cur, newest));
    goto out;
  }
  if (cur > target) {
    err = CACHE_ERR_INVALID;
    goto out;
  }
  if (cur == target)
    goto out;
  for (size_t i = 0; i < MIGRATION_COUNT; i++) {
    if (migrations[i].version <= cur || migrations[i].version > target)
      continue;
    err = cache_sql_script(c, migrations[i].sql);
    if (err) {
      set_cause(cause,
                xasprintf("migrating %s to schema version %d: %s", c->path,
                          migrations[i].version, sqlite3_errmsg(c->db)));
      goto out;
    }
  }
  /* PRAGMAs take no bound parameters; both values are integers from this
   * file, never data. */
  char sql[64];
  snprintf(sql, sizeof sql, "PRAGMA user_version=%d", target);
  err = cache_sql_exec(c, sql);
  if (err)
    goto out;
  snprintf(sql, sizeof sql, "PRAGMA application_id=%d", CACHE_APPLICATION_ID);
  err = cache_sql_exec(c, sql);
out:
  if (err) {
    cache_sql_rollback(c);
    if (err != CACHE_ERR_SCHEMA_NEWER && err != CACHE_ERR_INVALID)
      set_cause(cause, xasprintf("schema migration of %s failed: %s", c->path,
                                 sqlite3_errmsg(c->db)));
    return err;
  }
  return cache_sql_commit(c);
}
