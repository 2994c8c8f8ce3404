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

/* v2: full-text search, customers, accounts, identities, the indexes of
 * the review queue and the unassigned topups. The FTS tables are trigram
 * external-content tables kept in step by triggers, so they change in the
 * same transaction as their rows. Trigram matching is substring matching,
 * which is the filter's free-text semantics (filter_match). detail=none
 * and columnsize=0 (no positions, no per-row sizes: we never rank) keep
 * the index small and inserts fast: a search asks for rows holding every
 * trigram of the phrase (a superset) and the exact test decides. */
static const char schema_v2[] =
    "CREATE VIRTUAL TABLE payments_fts USING fts5("
    " id, external_id, description, customer_name, customer_email,"
    " customer_document, content='payments', content_rowid='rowid',"
    " tokenize='trigram', detail=none, columnsize=0);"
    "CREATE TRIGGER payments_fts_ai AFTER INSERT ON payments BEGIN"
    " INSERT INTO payments_fts(rowid, id, external_id, description,"
    "  customer_name, customer_email, customer_document)"
    " VALUES(new.rowid, new.id, new.external_id, new.description,"
    "  new.customer_name, new.customer_email, new.customer_document);"
    " END;"
    "CREATE TRIGGER payments_fts_ad AFTER DELETE ON payments BEGIN"
    " INSERT INTO payments_fts(payments_fts, rowid, id, external_id,"
    "  description, customer_name, customer_email, customer_document)"
    " VALUES('delete', old.rowid, old.id, old.external_id, old.description,"
    "  old.customer_name, old.customer_email, old.customer_document);"
    " END;"
    "CREATE TRIGGER payments_fts_au AFTER UPDATE ON payments"
    " WHEN old.id IS NOT new.id OR old.external_id IS NOT new.external_id"
    " OR old.description IS NOT new.description"
    " OR old.customer_name IS NOT new.customer_name"
    " OR old.customer_email IS NOT new.customer_email"
    " OR old.customer_document IS NOT new.customer_document BEGIN"
    " INSERT INTO payments_fts(payments_fts, rowid, id, external_id,"
    "  description, customer_name, customer_email, customer_document)"
    " VALUES('delete', old.rowid, old.id, old.external_id, old.description,"
    "  old.customer_name, old.customer_email, old.customer_document);"
    " INSERT INTO payments_fts(rowid, id, external_id, description,"
    "  customer_name, customer_email, customer_document)"
    " VALUES(new.rowid, new.id, new.external_id, new.description,"
    "  new.customer_name, new.customer_email, new.customer_document);"
    " END;"
    "INSERT INTO payments_fts(payments_fts) VALUES('rebuild');"
    "CREATE INDEX payments_unassigned ON payments(expires_at, id)"
    " WHERE type = 'TOPUP_ACCOUNT' AND status = 'CREATED'"
    " AND (account_number IS NULL OR account_number = '');"
    "CREATE INDEX payments_by_type_status"
    " ON payments(type, status, created_at, id);"
    "CREATE TABLE customers("
    " id TEXT PRIMARY KEY NOT NULL,"
    " first_name TEXT,"
    " last_name TEXT,"
    " email TEXT,"
    " document_type TEXT,"
    " document_number TEXT,"
    " country TEXT,"
    " operation_level TEXT,"
    " auto_created INTEGER NOT NULL DEFAULT 0,"
    " is_documented INTEGER NOT NULL DEFAULT 0,"
    " created_at INTEGER NOT NULL DEFAULT 0,"
    " updated_at INTEGER NOT NULL DEFAULT 0,"
    " raw_json TEXT,"
    " cached_at INTEGER NOT NULL DEFAULT 0) STRICT;"
    "CREATE INDEX customers_by_created ON customers(created_at, id);"
    "CREATE TABLE customer_documents("
    " customer_id TEXT NOT NULL REFERENCES customers(id) ON DELETE CASCADE,"
    " idx INTEGER NOT NULL,"
    " type TEXT,"
    " url TEXT,"
    " content_type TEXT,"
    " status TEXT,"
    " uploaded_at INTEGER NOT NULL DEFAULT 0,"
    " PRIMARY KEY(customer_id, idx)) STRICT;"
    "CREATE VIRTUAL TABLE customers_fts USING fts5("
    " id, first_name, last_name, email, document_number,"
    " content='customers', content_rowid='rowid', tokenize='trigram', "
    "detail=none, columnsize=0);"
    "CREATE TRIGGER customers_fts_ai AFTER INSERT ON customers BEGIN"
    " INSERT INTO customers_fts(rowid, id, first_name, last_name, email,"
    "  document_number) VALUES(new.rowid, new.id, new.first_name,"
    "  new.last_name, new.email, new.document_number);"
    " END;"
    "CREATE TRIGGER customers_fts_ad AFTER DELETE ON customers BEGIN"
    " INSERT INTO customers_fts(customers_fts, rowid, id, first_name,"
    "  last_name, email, document_number) VALUES('delete', old.rowid,"
    "  old.id, old.first_name, old.last_name, old.email,"
    "  old.document_number);"
    " END;"
    "CREATE TRIGGER customers_fts_au AFTER UPDATE ON customers BEGIN"
    " INSERT INTO customers_fts(customers_fts, rowid, id, first_name,"
    "  last_name, email, document_number) VALUES('delete', old.rowid,"
    "  old.id, old.first_name, old.last_name, old.email,"
    "  old.document_number);"
    " INSERT INTO customers_fts(rowid, id, first_name, last_name, email,"
    "  document_number) VALUES(new.rowid, new.id, new.first_name,"
    "  new.last_name, new.email, new.document_number);"
    " END;"
    "CREATE TABLE identities("
    " id TEXT PRIMARY KEY NOT NULL,"
    " name TEXT,"
    " type TEXT,"
    " document_number TEXT,"
    " raw_json TEXT,"
    " cached_at INTEGER NOT NULL DEFAULT 0) STRICT;"
    "CREATE TABLE accounts("
    " id TEXT PRIMARY KEY NOT NULL,"
    " account_number TEXT,"
    " identity_id TEXT,"
    " currency TEXT,"
    " type TEXT,"
    " name TEXT,"
    " status TEXT,"
    " balance_minor INTEGER NOT NULL DEFAULT 0,"
    " balance_currency TEXT NOT NULL DEFAULT '',"
    " created_at INTEGER NOT NULL DEFAULT 0,"
    " raw_json TEXT,"
    " cached_at INTEGER NOT NULL DEFAULT 0) STRICT;"
    "CREATE INDEX accounts_by_number ON accounts(account_number);"
    "CREATE INDEX accounts_by_identity ON accounts(identity_id);";

/* v3: the action outbox, the activity log and webhook de-duplication.
 * outbox_one_open_action: at most one open (pending/sent/unknown) action
 * that changes a payment (everything but a document upload) per payment.
 * The activity log is append-only, enforced by triggers. */
static const char schema_v3[] =
    "CREATE TABLE outbox("
    " id INTEGER PRIMARY KEY,"
    " idempotency_key TEXT NOT NULL UNIQUE,"
    " action TEXT NOT NULL CHECK (action IN ('capture','authorize',"
    "  'refund','assign','upload','approve','reject')),"
    " payment_id TEXT NOT NULL,"
    " params_json TEXT NOT NULL DEFAULT '{}',"
    " seen_status TEXT,"
    " state TEXT NOT NULL CHECK (state IN ('pending','sent','succeeded',"
    "  'failed','unknown','cancelled')),"
    " attempts INTEGER NOT NULL DEFAULT 0,"
    " created_at INTEGER NOT NULL,"
    " updated_at INTEGER NOT NULL,"
    " trace_id TEXT,"
    " result TEXT) STRICT;"
    "CREATE UNIQUE INDEX outbox_one_open_action ON outbox(payment_id)"
    " WHERE state IN ('pending','sent','unknown') AND action <> 'upload';"
    "CREATE INDEX outbox_by_state ON outbox(state, id);"
    "CREATE TABLE activity("
    " id INTEGER PRIMARY KEY AUTOINCREMENT,"
    " at_ms INTEGER NOT NULL,"
    " action TEXT NOT NULL,"
    " payment_id TEXT,"
    " outcome TEXT NOT NULL,"
    " trace_id TEXT,"
    " detail TEXT,"
    " outbox_id INTEGER) STRICT;"
    "CREATE TRIGGER activity_no_update BEFORE UPDATE ON activity BEGIN"
    " SELECT RAISE(ABORT, 'the activity log is append-only'); END;"
    "CREATE TRIGGER activity_no_delete BEFORE DELETE ON activity BEGIN"
    " SELECT RAISE(ABORT, 'the activity log is append-only'); END;"
    "CREATE TABLE webhook_seen("
    " key TEXT PRIMARY KEY NOT NULL,"
    " seen_at INTEGER NOT NULL) STRICT;";

/* v4: merge full-text segments less eagerly (16 per level instead of 4):
 * about 1.5x faster inserts for a slightly larger index. */
static const char schema_v4[] =
    "INSERT INTO payments_fts(payments_fts, rank) VALUES('automerge', 16);"
    "INSERT INTO customers_fts(customers_fts, rank) VALUES('automerge', 16);";

/* v5: the outbox stores what will be sent as typed columns (amounts in
 * minor units) instead of JSON text read back; had_2xx marks an entry some
 * send of which was answered 2xx (never resent automatically). Rows from
 * v4 are converted here: their amounts were written by money_format with
 * exactly the currency's decimals, so dropping the point gives the minor
 * units; the currency is the payment's. params_json stays as the
 * human-readable record of the body. */
static const char schema_v5[] =
    "ALTER TABLE outbox ADD COLUMN amount_minor INTEGER;"
    "ALTER TABLE outbox ADD COLUMN currency TEXT;"
    "ALTER TABLE outbox ADD COLUMN reason TEXT;"
    "ALTER TABLE outbox ADD COLUMN account_number TEXT;"
    "ALTER TABLE outbox ADD COLUMN expected_minor INTEGER;"
    "ALTER TABLE outbox ADD COLUMN doc_type TEXT;"
    "ALTER TABLE outbox ADD COLUMN file_path TEXT;"
    "ALTER TABLE outbox ADD COLUMN content_type TEXT;"
    "ALTER TABLE outbox ADD COLUMN had_2xx INTEGER NOT NULL DEFAULT 0;"
    "UPDATE outbox SET"
    " amount_minor = CAST(replace(json_extract(params_json, '$.amount'),"
    "  '.', '') AS INTEGER),"
    " expected_minor = CAST(replace(json_extract(params_json,"
    "  '$.expectedAmount'), '.', '') AS INTEGER),"
    " currency = (SELECT p.currency FROM payments p"
    "  WHERE p.id = outbox.payment_id),"
    " reason = json_extract(params_json, '$.reason'),"
    " account_number = json_extract(params_json, '$.accountNumber'),"
    " doc_type = json_extract(params_json, '$.type'),"
    " file_path = json_extract(params_json, '$.file'),"
    " content_type = json_extract(params_json, '$.contentType')"
    " WHERE json_valid(params_json);"
    "CREATE INDEX outbox_by_payment ON outbox(payment_id, action, created_at);";

/* v6: the Unassigned pane's partial index holds the pane's own sort key
 * (expiresAt, never-expiring last), so its first page is an index range
 * read instead of a sort of every unassigned topup found by the (type,
 * status) index. Each payments index and the query it serves:
 *   payments_by_created: the Payments pane and `payments list` in their
 *     default order (and created asc), the 14-day volume;
 *   payments_by_updated: `:sort updated`, the incremental sync's watermark;
 *   payments_by_amount: `:sort amount`, `--sort amount`;
 *   payments_by_status: the Review pane and `review list`, `status:`;
 *   payments_by_type: the Refunds pane and `refunds list`, `type:`;
 *   payments_by_type_status: `type:` with `status:`;
 *   payments_by_customer: a customer's payments (customer view);
 *   payments_by_parent: a payment's refunds and children (detail view,
 *     refund summary, `--parent`);
 *   payments_by_amount_micro, payments_by_currency, payments_by_account,
 *     payments_by_docs: the amount, currency, account and docs filters.
 * The last four are candidates for removal (a filtered page is found by
 * walking the created index) once measured against the sync's write cost. */
static const char schema_v6[] =
    "DROP INDEX IF EXISTS payments_unassigned;"
    "CREATE INDEX payments_unassigned ON payments("
    "(CASE WHEN expires_at = 0 THEN 9223372036854775807 ELSE expires_at END),"
    " id) WHERE type = 'TOPUP_ACCOUNT' AND status = 'CREATED'"
    " AND (account_number IS NULL OR account_number = '');";

/* v7: records a sync could not map, with their raw JSON (see
 * cache_quarantine.h); item_key is "id:<id>" or "raw:<json>". The
 * Unassigned pane's index also holds LOCAL_DEPOSIT payments (the docs' type
 * for a deposit not yet reconciled to an account). */
static const char schema_v7[] =
    "DROP INDEX IF EXISTS payments_unassigned;"
    "CREATE INDEX payments_unassigned ON payments("
    "(CASE WHEN expires_at = 0 THEN 9223372036854775807 ELSE expires_at END),"
    " id) WHERE type IN ('TOPUP_ACCOUNT', 'LOCAL_DEPOSIT')"
    " AND status = 'CREATED'"
    " AND (account_number IS NULL OR account_number = '');"
    "CREATE TABLE quarantine("
    " id INTEGER PRIMARY KEY,"
    " kind TEXT NOT NULL,"
    " item_key TEXT NOT NULL,"
    " item_id TEXT,"
    " reason TEXT NOT NULL,"
    " raw_json TEXT NOT NULL,"
    " first_seen INTEGER NOT NULL,"
    " last_seen INTEGER NOT NULL,"
    " seen_count INTEGER NOT NULL DEFAULT 1,"
    " UNIQUE(kind, item_key)) STRICT;";

/* v8: the customer link of payments that carry no customerId (the
 * published payment schema has none; GET /payments/{id}/customer names
 * it). customer_id_absent: the record had no customerId member;
 * customer_link_at: when the link was looked up (0 never);
 * customer_link_id: the customer it named (NULL: not attached). Rows
 * cached before are marked from their raw JSON. payments_link_todo holds
 * exactly the payments still to look up, newest first. */
static const char schema_v8[] =
    "ALTER TABLE payments ADD COLUMN customer_id_absent INTEGER NOT NULL"
    " DEFAULT 0;"
    "ALTER TABLE payments ADD COLUMN customer_link_at INTEGER NOT NULL"
    " DEFAULT 0;"
    "ALTER TABLE payments ADD COLUMN customer_link_id TEXT;"
    "UPDATE payments SET customer_id_absent = 1"
    " WHERE customer_id IS NULL AND raw_json IS NOT NULL"
    " AND json_valid(raw_json)"
    " AND json_type(raw_json, '$.customerId') IS NULL;"
    "CREATE INDEX payments_link_todo ON payments(created_at, id)"
    " WHERE customer_id IS NULL AND customer_id_absent = 1"
    " AND customer_link_at = 0;";

/* v9: a lighter write path for the sync.
 * Indexes: every payments index left serves a query the desk makes
 * (v6's list); the four filter-only indexes (amount_micro, currency,
 * account, docs) and (type, status) are dropped: a filtered page walks
 * the created index (or the status/type index) and tests the rest, which
 * costs a read a little and saved a fifth of the sync's writes. The
 * parent index holds only payments with a parent (refunds, children):
 * it is only ever asked for one parent's.
 * Full text: rows are no longer indexed one by one by a trigger as they
 * are written. payments_fts_mark.upto says up to which rowid the index is
 * complete; the writer fills the rows after it with one INSERT ... SELECT
 * (cache_payments_fts_fill), in the same transaction as the rows for
 * small writes, once after the payment pages for a full sync. Rows after
 * the mark are still found by a search (cache_filter tests them exactly).
 * Updates and deletes of rows already indexed keep their triggers. A new
 * row always gets a rowid after the mark: every delete lowers the mark to
 * the largest rowid left when that is smaller, so a freed rowid is never
 * reused below it.
 * row_hash: a hash of the values a row was last written with
 * (cache_hash); an upsert of the same values writes nothing. */
static const char schema_v9[] =
    "ALTER TABLE payments ADD COLUMN row_hash INTEGER;"
    "ALTER TABLE customers ADD COLUMN row_hash INTEGER;"
    "ALTER TABLE accounts ADD COLUMN row_hash INTEGER;"
    "ALTER TABLE identities ADD COLUMN row_hash INTEGER;"
    "DROP INDEX IF EXISTS payments_by_amount_micro;"
    "DROP INDEX IF EXISTS payments_by_currency;"
    "DROP INDEX IF EXISTS payments_by_account;"
    "DROP INDEX IF EXISTS payments_by_docs;"
    "DROP INDEX IF EXISTS payments_by_type_status;"
    "DROP INDEX IF EXISTS payments_by_parent;"
    "CREATE INDEX payments_by_parent"
    " ON payments(parent_payment_id, created_at, id)"
    " WHERE parent_payment_id IS NOT NULL;"
    "DROP TRIGGER IF EXISTS payments_fts_ai;"
    "DROP TRIGGER IF EXISTS payments_fts_au;"
    "DROP TRIGGER IF EXISTS payments_fts_ad;"
    "CREATE TABLE payments_fts_mark("
    " id INTEGER PRIMARY KEY CHECK (id = 1),"
    " upto INTEGER NOT NULL) STRICT;"
    "INSERT INTO payments_fts_mark(id, upto)"
    " VALUES(1, (SELECT coalesce(max(rowid), 0) FROM payments));"
    "CREATE TRIGGER payments_fts_ad AFTER DELETE ON payments BEGIN"
    " INSERT INTO payments_fts(payments_fts, rowid, id, external_id,"
    "  description, customer_name, customer_email, customer_document)"
    " SELECT 'delete', old.rowid, old.id, old.external_id, old.description,"
    "  old.customer_name, old.customer_email, old.customer_document"
    "  WHERE old.rowid <= (SELECT upto FROM payments_fts_mark);"
    " UPDATE payments_fts_mark SET upto = min(upto,"
    "  (SELECT coalesce(max(rowid), 0) FROM payments));"
    " END;"
    "CREATE TRIGGER payments_fts_au AFTER UPDATE ON payments"
    " WHEN old.rowid <= (SELECT upto FROM payments_fts_mark)"
    " AND (old.id IS NOT new.id OR old.external_id IS NOT new.external_id"
    " OR old.description IS NOT new.description"
    " OR old.customer_name IS NOT new.customer_name"
    " OR old.customer_email IS NOT new.customer_email"
    " OR old.customer_document IS NOT new.customer_document) BEGIN"
    " INSERT INTO payments_fts(payments_fts, rowid, id, external_id,"
    "  description, customer_name, customer_email, customer_document)"
    " VALUES('delete', old.rowid, old.id, old.external_id, old.description,"
    "  old.customer_name, old.customer_email, old.customer_document);"
    " INSERT INTO payments_fts(rowid, id, external_id, description,"
    "  customer_name, customer_email, customer_document)"
    " VALUES(new.rowid, new.id, new.external_id, new.description,"
    "  new.customer_name, new.customer_email, new.customer_document);"
    " END;";

static const struct cache_migration migrations[] = {
    {1, schema_v1},
    {2, schema_v2},
    {3, schema_v3},
    {4, schema_v4},
    {5, schema_v5},
    {6, schema_v6},
    {7, schema_v7},
    {8, schema_v8},
    {9, schema_v9},
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

  /* Most opens find the schema current: read the version without a write
   * lock, so a reader never waits behind a long sync transaction (WAL lets
   * it read meanwhile). Only a migration takes the lock, and checks again
   * under it. */
  int64_t seen = 0;
  if (cache_sql_query_int(c, "PRAGMA user_version", &seen) == CACHE_OK &&
      seen == target)
    return CACHE_OK;

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
