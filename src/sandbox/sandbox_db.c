/*
 * sandbox_db - schema, pooled readers and the serialised writer; see
 * sandbox_db.h.
 */
#include "sandbox/sandbox_db.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/xalloc.h"

#define COUNT_CACHE 64

struct count_entry {
  char *key;
  uint64_t version;
  long long total;
};

struct sandbox_db {
  char *path;
  uint64_t version; /* atomic */
  pthread_mutex_t count_mu;
  struct count_entry counts[COUNT_CACHE];
  unsigned count_next;
  bool temporary;
  pthread_mutex_t pool_mu;
  struct sandbox_conn *pool; /* free readers */
  struct sandbox_conn *all;  /* every reader, for close */
  pthread_mutex_t write_mu;
  struct sandbox_conn *writer;
};

static const char schema_sql[] =
    "CREATE TABLE IF NOT EXISTS meta(k TEXT PRIMARY KEY, v TEXT);"
    "CREATE TABLE IF NOT EXISTS tenants("
    " idx INTEGER PRIMARY KEY, api_key TEXT NOT NULL UNIQUE,"
    " client_id TEXT NOT NULL UNIQUE, client_secret TEXT NOT NULL);"
    "CREATE TABLE IF NOT EXISTS identities("
    " rid INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, tenant INTEGER NOT "
    "NULL,"
    " type TEXT, email TEXT, document_number TEXT,"
    " created_ms INTEGER NOT NULL, doc TEXT NOT NULL);"
    "CREATE INDEX IF NOT EXISTS identities_t ON identities(tenant, created_ms);"
    "CREATE TABLE IF NOT EXISTS accounts("
    " rid INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, tenant INTEGER NOT "
    "NULL,"
    " identity_id TEXT NOT NULL, account_number TEXT NOT NULL UNIQUE,"
    " currency TEXT NOT NULL, type TEXT, status TEXT, external_id TEXT,"
    " parent_id TEXT, created_ms INTEGER NOT NULL, doc TEXT NOT NULL);"
    "CREATE INDEX IF NOT EXISTS accounts_t ON accounts(tenant, created_ms);"
    "CREATE TABLE IF NOT EXISTS customers("
    " rid INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, tenant INTEGER NOT "
    "NULL,"
    " document_number TEXT, email TEXT, operation_level TEXT,"
    " created_ms INTEGER NOT NULL, doc TEXT NOT NULL);"
    "CREATE INDEX IF NOT EXISTS customers_t ON customers(tenant, created_ms);"
    "CREATE INDEX IF NOT EXISTS customers_doc ON customers(tenant,"
    " document_number);"
    "CREATE INDEX IF NOT EXISTS customers_email ON customers(tenant, email);"
    "CREATE TABLE IF NOT EXISTS payments("
    " rid INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE,"
    " tenant INTEGER NOT NULL, status TEXT NOT NULL, type TEXT NOT NULL,"
    " created_ms INTEGER NOT NULL, updated_ms INTEGER NOT NULL,"
    " amount_minor INTEGER NOT NULL, amount_micro INTEGER NOT NULL,"
    " currency TEXT NOT NULL, account_number TEXT, identity_id TEXT,"
    " parent_id TEXT, customer_id TEXT, checkout_session_id TEXT,"
    " unassigned INTEGER NOT NULL DEFAULT 0, due_ms INTEGER, fate TEXT,"
    " doc TEXT NOT NULL);"
    "CREATE INDEX IF NOT EXISTS payments_tc ON payments(tenant, created_ms);"
    "CREATE INDEX IF NOT EXISTS payments_ts ON payments(tenant, status,"
    " created_ms);"
    "CREATE INDEX IF NOT EXISTS payments_ty ON payments(tenant, type,"
    " created_ms);"
    "CREATE INDEX IF NOT EXISTS payments_tu ON payments(tenant, updated_ms);"
    "CREATE INDEX IF NOT EXISTS payments_ta ON payments(tenant, amount_micro);"
    "CREATE INDEX IF NOT EXISTS payments_pc ON payments(parent_id, created_ms)"
    " WHERE parent_id IS NOT NULL;"
    "CREATE INDEX IF NOT EXISTS payments_tcust ON payments(tenant, customer_id,"
    " created_ms) WHERE customer_id IS NOT NULL;"
    "CREATE INDEX IF NOT EXISTS payments_tacct ON payments(tenant,"
    " account_number, created_ms) WHERE account_number IS NOT NULL;"
    "CREATE INDEX IF NOT EXISTS payments_due ON payments(due_ms)"
    " WHERE due_ms IS NOT NULL;"
    "CREATE INDEX IF NOT EXISTS payments_unassigned ON payments(tenant,"
    " created_ms) WHERE unassigned = 1;"
    "CREATE TABLE IF NOT EXISTS documents("
    " key TEXT PRIMARY KEY, tenant INTEGER NOT NULL, payment_id TEXT,"
    " content_type TEXT, bytes BLOB NOT NULL, sha256 TEXT,"
    " created_ms INTEGER NOT NULL);"
    "CREATE TABLE IF NOT EXISTS uploads("
    " token TEXT PRIMARY KEY, tenant INTEGER NOT NULL, payment_id TEXT,"
    " key TEXT NOT NULL, content_type TEXT, expires_ms INTEGER NOT NULL,"
    " used INTEGER NOT NULL DEFAULT 0);"
    "CREATE TABLE IF NOT EXISTS ledger("
    " seq INTEGER PRIMARY KEY, ms INTEGER NOT NULL, tenant INTEGER,"
    " method TEXT, path TEXT, action TEXT NOT NULL, object_id TEXT,"
    " idempotency_key TEXT, trace_id TEXT, detail TEXT);"
    "CREATE TABLE IF NOT EXISTS webhooks("
    " rid INTEGER PRIMARY KEY, event_type TEXT NOT NULL, object_id TEXT,"
    " status TEXT, body TEXT NOT NULL, created_ms INTEGER NOT NULL,"
    " due_ms INTEGER, attempts INTEGER NOT NULL DEFAULT 0,"
    " state TEXT NOT NULL DEFAULT 'PENDING', last_http INTEGER,"
    " delivered_ms INTEGER);"
    "CREATE INDEX IF NOT EXISTS webhooks_due ON webhooks(due_ms)"
    " WHERE state = 'PENDING';"
    "CREATE TABLE IF NOT EXISTS idempotency("
    " tenant INTEGER NOT NULL, key TEXT NOT NULL, fingerprint TEXT NOT NULL,"
    " state TEXT NOT NULL, http_status INTEGER, body TEXT,"
    " created_ms INTEGER NOT NULL, PRIMARY KEY(tenant, key));"
    "PRAGMA user_version = 1;";

/* Indexes stay in place during a bulk load: the rows are wide (the JSON
 * document), so building an index afterwards means a scan of the whole
 * table per index, which costs more than maintaining it in a large cache
 * as rows arrive (mostly in key order). */
static const char bulk_drop_sql[] =
    "PRAGMA cache_size=-2097152; PRAGMA wal_autocheckpoint=0;";

int sandbox_db_bulk_begin(struct sandbox_conn *c) {
  return sqlite3_exec(c->db, bulk_drop_sql, NULL, NULL, NULL);
}

int sandbox_db_bulk_end(struct sandbox_conn *c) {
  int rc = sqlite3_exec(c->db, schema_sql, NULL, NULL, NULL);
  sqlite3_exec(c->db, "PRAGMA cache_size=-16000;", NULL, NULL, NULL);
  return rc;
}

void sandbox_db_bulk_done(struct sandbox_db *db) {
  pthread_mutex_lock(&db->write_mu);
  sqlite3_exec(db->writer->db, "PRAGMA wal_autocheckpoint=1000;", NULL, NULL,
               NULL);
  pthread_mutex_unlock(&db->write_mu);
}

static sqlite3 *db_connect(const char *path, char **cause) {
  sqlite3 *h = NULL;
  int rc = sqlite3_open_v2(
      path, &h,
      SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc != SQLITE_OK) {
    if (cause)
      *cause = xasprintf("cannot open %s: %s", path,
                         h ? sqlite3_errmsg(h) : sqlite3_errstr(rc));
    sqlite3_close(h);
    return NULL;
  }
  sqlite3_busy_timeout(h, 10000);
  sqlite3_exec(h,
               "PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=OFF;"
               "PRAGMA cache_size=-16000; PRAGMA temp_store=MEMORY;",
               NULL, NULL, NULL);
  return h;
}

static struct sandbox_conn *conn_new(sqlite3 *h) {
  struct sandbox_conn *c = xcalloc(1, sizeof(*c));
  c->db = h;
  return c;
}

static void conn_free(struct sandbox_conn *c) {
  if (c == NULL)
    return;
  for (int i = 0; i < c->nstmt; i++)
    sqlite3_finalize(c->stmt[i]);
  for (int i = 0; i < c->ndyn; i++) {
    sqlite3_finalize(c->dyn_stmt[i]);
    free(c->dyn_sql[i]);
  }
  sqlite3_close(c->db);
  free(c);
}

int sandbox_db_open(const char *path, struct sandbox_db **out, char **cause) {
  struct sandbox_db *db = xcalloc(1, sizeof(*db));
  int ret = -1;
  char *err = NULL;

  pthread_mutex_init(&db->pool_mu, NULL);
  pthread_mutex_init(&db->write_mu, NULL);
  pthread_mutex_init(&db->count_mu, NULL);
  if (path == NULL || path[0] == '\0') {
    const char *tmp = getenv("TMPDIR");
    char *tpl =
        xasprintf("%s/conomy-sandbox-XXXXXX", tmp && tmp[0] ? tmp : "/tmp");
    int fd = mkstemp(tpl);
    if (fd < 0) {
      *cause = xasprintf("cannot create a temporary database in %s",
                         tmp && tmp[0] ? tmp : "/tmp");
      free(tpl);
      goto out;
    }
    close(fd);
    db->path = tpl;
    db->temporary = true;
  } else {
    db->path = xstrdup(path);
  }
  sqlite3 *h = db_connect(db->path, cause);
  if (h == NULL)
    goto out;
  db->writer = conn_new(h);
  /* PRAGMA user_version is the schema version: 0 is a new file. */
  sqlite3_stmt *vst = NULL;
  int version = -1;
  int ntables = 0;
  if (sqlite3_prepare_v2(h, "PRAGMA user_version", -1, &vst, NULL) ==
          SQLITE_OK &&
      sqlite3_step(vst) == SQLITE_ROW)
    version = sqlite3_column_int(vst, 0);
  sqlite3_finalize(vst);
  vst = NULL;
  if (sqlite3_prepare_v2(h, "SELECT count(*) FROM sqlite_master", -1, &vst,
                         NULL) == SQLITE_OK &&
      sqlite3_step(vst) == SQLITE_ROW)
    ntables = sqlite3_column_int(vst, 0);
  sqlite3_finalize(vst);
  if (version < 0 || (version == 0 && ntables > 0) ||
      version > SANDBOX_DB_SCHEMA_VERSION) {
    *cause = xasprintf("%s is not a conomy-sandbox database of this version "
                       "(schema %d); use another --db path",
                       db->path, version);
    goto out;
  }
  if (sqlite3_exec(h, "PRAGMA journal_mode=WAL;", NULL, NULL, &err) !=
          SQLITE_OK ||
      sqlite3_exec(h, schema_sql, NULL, NULL, &err) != SQLITE_OK) {
    *cause = xasprintf("%s: %s", db->path, err ? err : "schema error");
    sqlite3_free(err);
    goto out;
  }
  ret = 0;
out:
  if (ret != 0)
    sandbox_db_close(&db);
  *out = db;
  return ret;
}

static void db_unlink(const char *path) {
  char *p;
  unlink(path);
  p = xasprintf("%s-wal", path);
  unlink(p);
  free(p);
  p = xasprintf("%s-shm", path);
  unlink(p);
  free(p);
}

void sandbox_db_close(struct sandbox_db **dbp) {
  struct sandbox_db *db = dbp ? *dbp : NULL;
  if (db == NULL)
    return;
  struct sandbox_conn *c = db->all;
  while (c) {
    struct sandbox_conn *next = c->next;
    conn_free(c);
    c = next;
  }
  conn_free(db->writer);
  if (db->temporary && db->path)
    db_unlink(db->path);
  free(db->path);
  for (int i = 0; i < COUNT_CACHE; i++)
    free(db->counts[i].key);
  pthread_mutex_destroy(&db->count_mu);
  pthread_mutex_destroy(&db->pool_mu);
  pthread_mutex_destroy(&db->write_mu);
  free(db);
  *dbp = NULL;
}

void sandbox_db_checkpoint(struct sandbox_db *db) {
  struct sandbox_conn *c = sandbox_db_read(db);
  sqlite3_wal_checkpoint_v2(c->db, NULL, SQLITE_CHECKPOINT_PASSIVE, NULL, NULL);
  sandbox_db_release(db, c);
}

const char *sandbox_db_path(const struct sandbox_db *db) {
  return db->path;
}

struct sandbox_conn *sandbox_db_read(struct sandbox_db *db) {
  struct sandbox_conn *c = NULL;
  pthread_mutex_lock(&db->pool_mu);
  if (db->pool) {
    c = db->pool;
    db->pool = c->pool_next;
    c->pool_next = NULL;
  }
  pthread_mutex_unlock(&db->pool_mu);
  if (c)
    return c;
  char *cause = NULL;
  sqlite3 *h = db_connect(db->path, &cause);
  if (h == NULL)
    fatal("sandbox database: %s", cause ? cause : "open failed");
  c = conn_new(h);
  pthread_mutex_lock(&db->pool_mu);
  c->next = db->all;
  db->all = c;
  pthread_mutex_unlock(&db->pool_mu);
  return c;
}

void sandbox_db_release(struct sandbox_db *db, struct sandbox_conn *c) {
  if (c == NULL)
    return;
  if (!sqlite3_get_autocommit(c->db))
    sqlite3_exec(c->db, "ROLLBACK", NULL, NULL, NULL);
  pthread_mutex_lock(&db->pool_mu);
  c->pool_next = db->pool;
  db->pool = c;
  pthread_mutex_unlock(&db->pool_mu);
}

struct sandbox_conn *sandbox_db_write_begin(struct sandbox_db *db) {
  pthread_mutex_lock(&db->write_mu);
  if (sandbox_db_exec(db->writer, "BEGIN IMMEDIATE") != SQLITE_OK) {
    pthread_mutex_unlock(&db->write_mu);
    return NULL;
  }
  return db->writer;
}

int sandbox_db_write_end(struct sandbox_db *db, struct sandbox_conn *c,
                         bool commit) {
  int ret = -1;
  if (commit && sandbox_db_exec(c, "COMMIT") == SQLITE_OK)
    ret = 0;
  __atomic_add_fetch(&db->version, 1, __ATOMIC_SEQ_CST);
  if (!sqlite3_get_autocommit(c->db))
    sqlite3_exec(c->db, "ROLLBACK", NULL, NULL, NULL);
  pthread_mutex_unlock(&db->write_mu);
  return ret;
}

uint64_t sandbox_db_version(struct sandbox_db *db) {
  return __atomic_load_n(&db->version, __ATOMIC_SEQ_CST);
}

bool sandbox_db_count_get(struct sandbox_db *db, const char *key,
                          uint64_t version, long long *total) {
  bool hit = false;
  pthread_mutex_lock(&db->count_mu);
  for (int i = 0; i < COUNT_CACHE; i++) {
    struct count_entry *e = &db->counts[i];
    if (e->key && e->version == version && strcmp(e->key, key) == 0) {
      *total = e->total;
      hit = true;
      break;
    }
  }
  pthread_mutex_unlock(&db->count_mu);
  return hit;
}

void sandbox_db_count_put(struct sandbox_db *db, const char *key,
                          uint64_t version, long long total) {
  pthread_mutex_lock(&db->count_mu);
  struct count_entry *e = &db->counts[db->count_next++ % COUNT_CACHE];
  free(e->key);
  e->key = xstrdup(key);
  e->version = version;
  e->total = total;
  pthread_mutex_unlock(&db->count_mu);
}

sqlite3_stmt *sandbox_db_stmt(struct sandbox_conn *c, const char *sql) {
  for (int i = 0; i < c->nstmt; i++) {
    if (c->sql[i] == sql) {
      sqlite3_reset(c->stmt[i]);
      sqlite3_clear_bindings(c->stmt[i]);
      return c->stmt[i];
    }
  }
  sqlite3_stmt *st = NULL;
  if (sqlite3_prepare_v3(c->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &st,
                         NULL) != SQLITE_OK) {
    fprintf(stderr, "conomy-sandbox: SQL error: %s in: %.80s\n",
            sqlite3_errmsg(c->db), sql);
    return NULL;
  }
  if (c->nstmt < SANDBOX_DB_STMTS) {
    c->sql[c->nstmt] = sql;
    c->stmt[c->nstmt] = st;
    c->nstmt++;
  } else {
    fatal("sandbox: statement cache full");
  }
  return st;
}

sqlite3_stmt *sandbox_db_stmt_text(struct sandbox_conn *c, const char *sql) {
  for (int i = 0; i < c->ndyn; i++) {
    if (strcmp(c->dyn_sql[i], sql) == 0) {
      sqlite3_reset(c->dyn_stmt[i]);
      sqlite3_clear_bindings(c->dyn_stmt[i]);
      return c->dyn_stmt[i];
    }
  }
  sqlite3_stmt *st = NULL;
  if (sqlite3_prepare_v3(c->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &st,
                         NULL) != SQLITE_OK) {
    fprintf(stderr, "conomy-sandbox: SQL error: %s in: %.80s\n",
            sqlite3_errmsg(c->db), sql);
    return NULL;
  }
  int slot;
  if (c->ndyn < SANDBOX_DB_DYN_STMTS) {
    slot = c->ndyn++;
  } else {
    slot = (int)(c->dyn_next++ % SANDBOX_DB_DYN_STMTS);
    sqlite3_finalize(c->dyn_stmt[slot]);
    free(c->dyn_sql[slot]);
  }
  c->dyn_sql[slot] = xstrdup(sql);
  c->dyn_stmt[slot] = st;
  return st;
}

int sandbox_db_exec(struct sandbox_conn *c, const char *sql) {
  return sqlite3_exec(c->db, sql, NULL, NULL, NULL);
}

void sandbox_db_bind_text(sqlite3_stmt *st, int i, const char *s) {
  if (s)
    sqlite3_bind_text(st, i, s, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null(st, i);
}

const char *sandbox_db_col_text(sqlite3_stmt *st, int i) {
  return (const char *)sqlite3_column_text(st, i);
}

static const char meta_get_sql[] = "SELECT v FROM meta WHERE k = ?1";
static const char meta_set_sql[] =
    "INSERT INTO meta(k, v) VALUES(?1, ?2)"
    " ON CONFLICT(k) DO UPDATE SET v = excluded.v";

char *sandbox_db_meta_get(struct sandbox_conn *c, const char *key) {
  sqlite3_stmt *st = sandbox_db_stmt(c, meta_get_sql);
  char *v = NULL;
  if (st == NULL)
    return NULL;
  sandbox_db_bind_text(st, 1, key);
  if (sqlite3_step(st) == SQLITE_ROW)
    v = xstrdup(sandbox_db_col_text(st, 0));
  sqlite3_reset(st);
  return v;
}

int sandbox_db_meta_set(struct sandbox_conn *c, const char *key,
                        const char *value) {
  sqlite3_stmt *st = sandbox_db_stmt(c, meta_set_sql);
  if (st == NULL)
    return -1;
  sandbox_db_bind_text(st, 1, key);
  sandbox_db_bind_text(st, 2, value);
  int rc = sqlite3_step(st);
  sqlite3_reset(st);
  return rc == SQLITE_DONE ? 0 : -1;
}
