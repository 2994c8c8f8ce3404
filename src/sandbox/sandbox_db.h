/*
 * sandbox_db - the sandbox's SQLite store: schema, connections, statements.
 *
 * One database file in WAL mode. Readers take a connection from a pool and
 * give it back; all writers go through a single writer connection guarded
 * by a process mutex and run `BEGIN IMMEDIATE ... COMMIT`, so every state
 * change is one serialised transaction (the money invariants rely on this).
 * Each connection caches its prepared statements, keyed by the address of
 * the (static) SQL text. With synchronous=NORMAL in WAL mode a committed
 * transaction survives the process being killed at any moment.
 */
#ifndef SANDBOX_DB_H
#define SANDBOX_DB_H

#include <pthread.h>
#include <sqlite3.h>
#include <stdbool.h>
#include <stdint.h>

#define SANDBOX_DB_STMTS 96
/* PRAGMA user_version of the schema created here. */
#define SANDBOX_DB_SCHEMA_VERSION 1
#define SANDBOX_DB_DYN_STMTS 32

struct sandbox_conn {
  sqlite3 *db;
  int nstmt;
  const char *sql[SANDBOX_DB_STMTS];
  sqlite3_stmt *stmt[SANDBOX_DB_STMTS];
  int ndyn;
  unsigned dyn_next; /* round-robin eviction */
  char *dyn_sql[SANDBOX_DB_DYN_STMTS];
  sqlite3_stmt *dyn_stmt[SANDBOX_DB_DYN_STMTS];
  struct sandbox_conn *next;      /* all readers (ownership) */
  struct sandbox_conn *pool_next; /* free readers */
};

struct sandbox_db;

/*
 * Open (creating if needed) the database at `path`; NULL or "" makes a
 * temporary file that sandbox_db_close() removes. Creates the schema.
 * Returns 0, or -1 with a message in *cause (caller frees).
 */
int sandbox_db_open(const char *path, struct sandbox_db **out, char **cause);
/* Close every connection; removes the file if it was temporary. NULL ok. */
void sandbox_db_close(struct sandbox_db **dbp);
/* The database path (for messages). */
const char *sandbox_db_path(const struct sandbox_db *db);

/* Borrow a reader connection; never NULL (aborts if SQLite cannot open). */
struct sandbox_conn *sandbox_db_read(struct sandbox_db *db);
/* Return a borrowed reader connection. NULL is ignored. */
void sandbox_db_release(struct sandbox_db *db, struct sandbox_conn *c);

/* Take the write lock and BEGIN IMMEDIATE. Returns the writer connection,
 * or NULL if BEGIN failed (the lock is released then). */
struct sandbox_conn *sandbox_db_write_begin(struct sandbox_db *db);
/* COMMIT (commit=true) or ROLLBACK, then release the write lock.
 * Returns 0 on a successful commit, -1 otherwise (rolled back). */
int sandbox_db_write_end(struct sandbox_db *db, struct sandbox_conn *c,
                         bool commit);

/* The cached prepared statement for `sql` (a string with static storage),
 * reset and with bindings cleared; NULL (logged) on a prepare error. */
sqlite3_stmt *sandbox_db_stmt(struct sandbox_conn *c, const char *sql);
/* Like sandbox_db_stmt for SQL assembled at run time (from fixed
 * fragments only, never from input): cached by content, a small
 * round-robin cache. */
sqlite3_stmt *sandbox_db_stmt_text(struct sandbox_conn *c, const char *sql);
/* Run statement(s) without results. Returns the SQLite result code. */
int sandbox_db_exec(struct sandbox_conn *c, const char *sql);

/* Bind helpers: NULL text binds SQL NULL. */
void sandbox_db_bind_text(sqlite3_stmt *st, int i, const char *s);
/* Column text as const char * (NULL for SQL NULL). */
const char *sandbox_db_col_text(sqlite3_stmt *st, int i);

/* Bulk loading on an empty store (inside the caller's write transaction):
 * begin drops the secondary indexes and enlarges the page cache; end
 * recreates the indexes (one sort each instead of a million inserts) and
 * restores the cache. Both return the SQLite result code. */
int sandbox_db_bulk_begin(struct sandbox_conn *c);
int sandbox_db_bulk_end(struct sandbox_conn *c);
/* After a bulk load has committed: re-enable automatic checkpoints (the
 * load turned them off so that its commit does not copy the whole WAL). */
void sandbox_db_bulk_done(struct sandbox_db *db);
/* Copy the WAL into the database file without blocking writers (PASSIVE),
 * on a reader connection. Slow after a bulk load: call it off the request
 * path. */
void sandbox_db_checkpoint(struct sandbox_db *db);

/* A counter bumped by every committed write; readers use it to know
 * whether a cached result is still current. */
uint64_t sandbox_db_version(struct sandbox_db *db);
/* A small cache of list totals keyed by query text and parameters, valid
 * only for the version it was computed at. get returns true on a hit. */
bool sandbox_db_count_get(struct sandbox_db *db, const char *key,
                          uint64_t version, long long *total);
void sandbox_db_count_put(struct sandbox_db *db, const char *key,
                          uint64_t version, long long total);

/* meta key/value helpers on a connection. get returns a heap copy or NULL. */
char *sandbox_db_meta_get(struct sandbox_conn *c, const char *key);
int sandbox_db_meta_set(struct sandbox_conn *c, const char *key,
                        const char *value);

#endif
