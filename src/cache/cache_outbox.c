/*
 * cache_outbox - outbox rows, their transitions and the open-entries
 * marker file.
 *
 * Durability: every write here runs with PRAGMA synchronous=FULL (the WAL
 * is fsynced at commit), switched back to NORMAL afterwards. The marker
 * <path>.outbox-open is created before the COMMIT that leaves an entry open
 * and removed before the COMMIT that leaves none, while the write lock is
 * held, so two desks cannot race it into a wrong state; if that COMMIT
 * fails the marker is put back. A stray marker is harmless (it only makes a
 * damaged file be refused rather than moved aside); a missing one is what
 * we must avoid.
 */
#include "cache/cache_outbox.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <unistd.h>

#include "cache/cache_int.h"
#include "core/xalloc.h"

static const char *const state_names[CACHE_OUTBOX_STATE_COUNT_] = {
    [CACHE_OUTBOX_PENDING] = "pending",
    [CACHE_OUTBOX_SENT] = "sent",
    [CACHE_OUTBOX_SUCCEEDED] = "succeeded",
    [CACHE_OUTBOX_FAILED] = "failed",
    [CACHE_OUTBOX_UNKNOWN] = "unknown",
    [CACHE_OUTBOX_CANCELLED] = "cancelled",
};

/* transitions[from][to] */
static const bool
    transitions[CACHE_OUTBOX_STATE_COUNT_][CACHE_OUTBOX_STATE_COUNT_] = {
        [CACHE_OUTBOX_PENDING] = {[CACHE_OUTBOX_SENT] = true,
                                  [CACHE_OUTBOX_FAILED] = true,
                                  [CACHE_OUTBOX_CANCELLED] = true},
        [CACHE_OUTBOX_SENT] = {[CACHE_OUTBOX_SUCCEEDED] = true,
                               [CACHE_OUTBOX_FAILED] = true,
                               [CACHE_OUTBOX_UNKNOWN] = true},
        [CACHE_OUTBOX_UNKNOWN] = {[CACHE_OUTBOX_SENT] = true,
                                  [CACHE_OUTBOX_SUCCEEDED] = true,
                                  [CACHE_OUTBOX_FAILED] = true,
                                  [CACHE_OUTBOX_CANCELLED] = true},
};

static const char *const actions[] = {
    "capture", "authorize", "refund", "assign", "upload", "approve", "reject"};

const char *cache_outbox_state_name(enum cache_outbox_state s) {
  if ((unsigned)s >= CACHE_OUTBOX_STATE_COUNT_)
    return "?";
  return state_names[s];
}

bool cache_outbox_state_from_name(const char *name,
                                  enum cache_outbox_state *out) {
  for (int i = 0; name && i < CACHE_OUTBOX_STATE_COUNT_; i++) {
    if (strcmp(name, state_names[i]) == 0) {
      *out = (enum cache_outbox_state)i;
      return true;
    }
  }
  return false;
}

bool cache_outbox_state_is_open(enum cache_outbox_state s) {
  return s == CACHE_OUTBOX_PENDING || s == CACHE_OUTBOX_SENT ||
         s == CACHE_OUTBOX_UNKNOWN;
}

bool cache_outbox_can_transition(enum cache_outbox_state from,
                                 enum cache_outbox_state to) {
  if ((unsigned)from >= CACHE_OUTBOX_STATE_COUNT_ ||
      (unsigned)to >= CACHE_OUTBOX_STATE_COUNT_)
    return false;
  return transitions[from][to];
}

int cache_outbox_new_key(char key[CACHE_IDEMPOTENCY_KEY_SIZE]) {
  unsigned char b[16];
  size_t got = 0;
  while (got < sizeof b) {
    ssize_t n = getrandom(b + got, sizeof b - got, 0);
    if (n < 0) {
      if (errno == EINTR)
        continue;
      return -1;
    }
    got += (size_t)n;
  }
  b[6] = (unsigned char)((b[6] & 0x0F) | 0x40); /* version 4 */
  b[8] = (unsigned char)((b[8] & 0x3F) | 0x80); /* variant 10 */
  snprintf(key, CACHE_IDEMPOTENCY_KEY_SIZE,
           "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-"
           "%02x%02x%02x%02x%02x%02x",
           b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9], b[10],
           b[11], b[12], b[13], b[14], b[15]);
  return 0;
}

void cache_outbox_entry_cleanup(struct cache_outbox_entry *e) {
  if (e == NULL)
    return;
  free(e->idempotency_key);
  free(e->action);
  free(e->payment_id);
  free(e->params_json);
  free(e->seen_status);
  free(e->trace_id);
  free(e->result);
  free(e->currency);
  free(e->reason);
  free(e->account_number);
  free(e->doc_type);
  free(e->file_path);
  free(e->content_type);
  memset(e, 0, sizeof *e);
}

void cache_outbox_list_cleanup(struct cache_outbox_list *l) {
  if (l == NULL)
    return;
  for (size_t i = 0; i < l->count; i++)
    cache_outbox_entry_cleanup(&l->items[i]);
  free(l->items);
  memset(l, 0, sizeof *l);
}

/* ---- durability and the marker --------------------------------------- */

static void sync_full(struct cache *c) {
  (void)cache_sql_exec(c, "PRAGMA synchronous=FULL");
}

static void sync_normal(struct cache *c) {
  (void)cache_sql_exec(c, "PRAGMA synchronous=NORMAL");
}

static void marker_create(struct cache *c) {
  int fd =
      open(c->marker_path, O_WRONLY | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0600);
  if (fd >= 0) {
    (void)fsync(fd);
    close(fd);
  }
}

static void marker_remove(struct cache *c) {
  (void)unlink(c->marker_path);
}

static bool marker_exists(struct cache *c) {
  return access(c->marker_path, F_OK) == 0;
}

/* Count of open entries, inside or outside a transaction. */
static enum cache_err count_open(struct cache *c, int64_t *n) {
  return cache_sql_query_int(c,
                             "SELECT count(*) FROM outbox WHERE state IN "
                             "('pending','sent','unknown')",
                             n);
}

/* Commit the caller's write transaction with the marker in step. */
static enum cache_err commit_with_marker(struct cache *c) {
  int64_t open_rows = 0;
  enum cache_err err = count_open(c, &open_rows);
  if (err) {
    cache_sql_rollback(c);
    return err;
  }
  if (open_rows > 0)
    marker_create(c);
  else
    marker_remove(c);
  err = cache_sql_commit(c);
  if (err && open_rows == 0)
    marker_create(c); /* the rows we thought closed are still open */
  return err;
}

enum cache_err cache_outbox_marker_reconcile(struct cache *c) {
  int64_t n = 0;
  enum cache_err err = count_open(c, &n);
  if (err)
    return err;
  if (n > 0) {
    if (!marker_exists(c))
      marker_create(c);
    return CACHE_OK;
  }
  if (!marker_exists(c))
    return CACHE_OK;
  err = cache_sql_begin(c);
  if (err)
    return err;
  return commit_with_marker(c);
}

/* ---- reads ------------------------------------------------------------- */

#define OUTBOX_COLS                                                            \
  "id, idempotency_key, action, payment_id, params_json, seen_status,"         \
  " state, attempts, created_at, updated_at, trace_id, result,"              \
  " amount_minor, currency, reason, account_number, expected_minor,"         \
  " doc_type, file_path, content_type, had_2xx"

static void read_entry(sqlite3_stmt *st, struct cache_outbox_entry *e) {
  memset(e, 0, sizeof *e);
  e->id = sqlite3_column_int64(st, 0);
  e->idempotency_key = cache_sql_column_strdup(st, 1);
  e->action = cache_sql_column_strdup(st, 2);
  e->payment_id = cache_sql_column_strdup(st, 3);
  e->params_json = cache_sql_column_strdup(st, 4);
  e->seen_status = cache_sql_column_strdup(st, 5);
  if (!cache_outbox_state_from_name((const char *)sqlite3_column_text(st, 6),
                                    &e->state))
    e->state = CACHE_OUTBOX_UNKNOWN;
  e->attempts = sqlite3_column_int64(st, 7);
  e->created_at = sqlite3_column_int64(st, 8);
  e->updated_at = sqlite3_column_int64(st, 9);
  e->trace_id = cache_sql_column_strdup(st, 10);
  e->result = cache_sql_column_strdup(st, 11);
  e->amount_minor = sqlite3_column_int64(st, 12);
  e->currency = cache_sql_column_strdup(st, 13);
  e->reason = cache_sql_column_strdup(st, 14);
  e->account_number = cache_sql_column_strdup(st, 15);
  e->expected_minor = sqlite3_column_int64(st, 16);
  e->doc_type = cache_sql_column_strdup(st, 17);
  e->file_path = cache_sql_column_strdup(st, 18);
  e->content_type = cache_sql_column_strdup(st, 19);
  e->had_2xx = sqlite3_column_int64(st, 20) != 0;
}

/* One row by a single text or integer parameter. */
static enum cache_err get_one(struct cache *c, const char *sql,
                              const char *text, int64_t num,
                              struct cache_outbox_entry *out) {
  memset(out, 0, sizeof *out);
  sqlite3_stmt *st = NULL;
  enum cache_err err = cache_sql_prepare(c, sql, &st);
  if (err)
    goto out;
  int rc = text ? sqlite3_bind_text(st, 1, text, -1, SQLITE_STATIC)
                : sqlite3_bind_int64(st, 1, num);
  if (rc == SQLITE_OK)
    rc = sqlite3_step(st);
  if (rc == SQLITE_ROW)
    read_entry(st, out);
  else if (rc == SQLITE_DONE)
    err = CACHE_ERR_NOT_FOUND;
  else
    err = cache_err_from_rc(rc);
out:
  sqlite3_finalize(st);
  return err;
}

enum cache_err cache_outbox_get(struct cache *c, int64_t id,
                                struct cache_outbox_entry *out) {
  if (c == NULL || out == NULL)
    return CACHE_ERR_INVALID;
  return get_one(c, "SELECT " OUTBOX_COLS " FROM outbox WHERE id=?1", NULL, id,
                 out);
}

enum cache_err cache_outbox_get_by_key(struct cache *c, const char *key,
                                       struct cache_outbox_entry *out) {
  if (c == NULL || out == NULL || key == NULL)
    return CACHE_ERR_INVALID;
  return get_one(c,
                 "SELECT " OUTBOX_COLS " FROM outbox WHERE idempotency_key=?1",
                 key, 0, out);
}

enum cache_err
cache_outbox_get_open_for_payment(struct cache *c, const char *payment_id,
                                  struct cache_outbox_entry *out) {
  if (c == NULL || out == NULL || payment_id == NULL)
    return CACHE_ERR_INVALID;
  return get_one(c,
                 "SELECT " OUTBOX_COLS " FROM outbox WHERE payment_id=?1"
                 " AND state IN ('pending','sent','unknown')"
                 " AND action <> 'upload'",
                 payment_id, 0, out);
}

enum cache_err cache_outbox_list(struct cache *c, bool open_only, size_t limit,
                                 struct cache_outbox_list *out) {
  if (c == NULL || out == NULL)
    return CACHE_ERR_INVALID;
  sqlite3_stmt *st = NULL;
  enum cache_err err = cache_sql_prepare(
      c,
      open_only ? "SELECT " OUTBOX_COLS " FROM outbox WHERE state IN"
                  " ('pending','sent','unknown') ORDER BY id ASC LIMIT ?1"
                : "SELECT " OUTBOX_COLS
                  " FROM outbox ORDER BY id DESC LIMIT ?1",
      &st);
  if (err)
    goto out;
  int rc = sqlite3_bind_int64(st, 1, limit ? (int64_t)limit : -1);
  if (rc != SQLITE_OK) {
    err = cache_err_from_rc(rc);
    goto out;
  }
  size_t start = out->count;
  while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
    if (out->count == out->cap) {
      out->cap = out->cap ? out->cap * 2 : 8;
      out->items = xreallocarray(out->items, out->cap, sizeof *out->items);
    }
    read_entry(st, &out->items[out->count++]);
  }
  if (rc != SQLITE_DONE) {
    err = cache_err_from_rc(rc);
    while (out->count > start)
      cache_outbox_entry_cleanup(&out->items[--out->count]);
  }
out:
  sqlite3_finalize(st);
  return err;
}

enum cache_err cache_outbox_count_open(struct cache *c, int64_t *n) {
  *n = 0;
  if (c == NULL)
    return CACHE_ERR_INVALID;
  return count_open(c, n);
}

/* ---- writes ------------------------------------------------------------ */

static bool action_ok(const char *a) {
  for (size_t i = 0; a && i < sizeof actions / sizeof actions[0]; i++)
    if (strcmp(a, actions[i]) == 0)
      return true;
  return false;
}

/* Binds the typed fields of n to ?7..?14 (0 amounts as NULL). */
static int bind_typed(sqlite3_stmt *st, const struct cache_outbox_new *n) {
  int rc = n->amount_minor ? sqlite3_bind_int64(st, 7, n->amount_minor)
                           : sqlite3_bind_null(st, 7);
  if (rc == SQLITE_OK)
    rc = cache_sql_bind_text(st, 8, n->currency);
  if (rc == SQLITE_OK)
    rc = cache_sql_bind_text(st, 9, n->reason);
  if (rc == SQLITE_OK)
    rc = cache_sql_bind_text(st, 10, n->account_number);
  if (rc == SQLITE_OK)
    rc = n->expected_minor ? sqlite3_bind_int64(st, 11, n->expected_minor)
                           : sqlite3_bind_null(st, 11);
  if (rc == SQLITE_OK)
    rc = cache_sql_bind_text(st, 12, n->doc_type);
  if (rc == SQLITE_OK)
    rc = cache_sql_bind_text(st, 13, n->file_path);
  if (rc == SQLITE_OK)
    rc = cache_sql_bind_text(st, 14, n->content_type);
  return rc;
}

enum cache_err cache_outbox_insert(struct cache *c,
                                   const struct cache_outbox_new *n,
                                   int64_t *id) {
  if (id)
    *id = 0;
  if (c == NULL || n == NULL || !action_ok(n->action) ||
      n->payment_id == NULL || n->payment_id[0] == '\0')
    return CACHE_ERR_INVALID;
  char keybuf[CACHE_IDEMPOTENCY_KEY_SIZE];
  const char *key = n->idempotency_key;
  if (key == NULL) {
    if (cache_outbox_new_key(keybuf) != 0)
      return CACHE_ERR_IO;
    key = keybuf;
  }
  sqlite3_stmt *st = NULL;
  sync_full(c);
  enum cache_err err = cache_sql_begin(c);
  if (err)
    goto out;
  err = cache_sql_prepare(
      c,
      "INSERT INTO outbox(idempotency_key, action, payment_id, params_json,"
      " seen_status, state, attempts, created_at, updated_at,"
      " amount_minor, currency, reason, account_number, expected_minor,"
      " doc_type, file_path, content_type)"
      " VALUES(?1,?2,?3,?4,?5,'pending',0,?6,?6,?7,?8,?9,?10,?11,?12,?13,"
      "?14)",
      &st);
  if (err)
    goto out;
  int rc = sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
  if (rc == SQLITE_OK)
    rc = sqlite3_bind_text(st, 2, n->action, -1, SQLITE_STATIC);
  if (rc == SQLITE_OK)
    rc = sqlite3_bind_text(st, 3, n->payment_id, -1, SQLITE_STATIC);
  if (rc == SQLITE_OK)
    rc = sqlite3_bind_text(st, 4, n->params_json ? n->params_json : "{}", -1,
                           SQLITE_STATIC);
  if (rc == SQLITE_OK)
    rc = cache_sql_bind_text(st, 5, n->seen_status);
  if (rc == SQLITE_OK)
    rc = sqlite3_bind_int64(st, 6, cache_sql_now_ms());
  if (rc == SQLITE_OK)
    rc = bind_typed(st, n);
  if (rc == SQLITE_OK)
    rc = sqlite3_step(st);
  if (rc != SQLITE_DONE) {
    err = cache_err_from_rc(rc);
    goto out;
  }
  int64_t new_id = sqlite3_last_insert_rowid(c->db);
  err = cache_activity_insert(c, 0, new_id, n->action, n->payment_id,
                              "confirmed", NULL, n->detail, NULL);
  if (err)
    goto out;
  err = commit_with_marker(c);
  if (!err && id)
    *id = new_id;
out:
  sqlite3_finalize(st);
  cache_sql_rollback(c);
  sync_normal(c);
  return err;
}

enum cache_err cache_outbox_transition(struct cache *c, int64_t id,
                                       enum cache_outbox_state from,
                                       enum cache_outbox_state to,
                                       const char *trace_id,
                                       const char *result) {
  if (c == NULL || !cache_outbox_can_transition(from, to))
    return CACHE_ERR_INVALID;
  sqlite3_stmt *st = NULL;
  struct cache_outbox_entry e;
  memset(&e, 0, sizeof e);
  sync_full(c);
  enum cache_err err = cache_sql_begin(c);
  if (err)
    goto out;
  err = cache_outbox_get(c, id, &e);
  if (err)
    goto out;
  if (e.state != from) {
    err = CACHE_ERR_STATE;
    goto out;
  }
  err = cache_sql_prepare(
      c,
      "UPDATE outbox SET state=?2, updated_at=?3,"
      " attempts=attempts+?4, trace_id=coalesce(?5, trace_id),"
      " result=coalesce(?6, result) WHERE id=?1 AND state=?7",
      &st);
  if (err)
    goto out;
  int rc = sqlite3_bind_int64(st, 1, id);
  if (rc == SQLITE_OK)
    rc = sqlite3_bind_text(st, 2, cache_outbox_state_name(to), -1,
                           SQLITE_STATIC);
  if (rc == SQLITE_OK)
    rc = sqlite3_bind_int64(st, 3, cache_sql_now_ms());
  if (rc == SQLITE_OK)
    rc = sqlite3_bind_int(st, 4, to == CACHE_OUTBOX_SENT ? 1 : 0);
  if (rc == SQLITE_OK)
    rc = cache_sql_bind_text(st, 5, trace_id);
  if (rc == SQLITE_OK)
    rc = cache_sql_bind_text(st, 6, result);
  if (rc == SQLITE_OK)
    rc = sqlite3_bind_text(st, 7, cache_outbox_state_name(from), -1,
                           SQLITE_STATIC);
  if (rc == SQLITE_OK)
    rc = sqlite3_step(st);
  if (rc != SQLITE_DONE) {
    err = cache_err_from_rc(rc);
    goto out;
  }
  if (sqlite3_changes(c->db) != 1) {
    err = CACHE_ERR_STATE;
    goto out;
  }
  err = cache_activity_insert(c, 0, id, e.action, e.payment_id,
                              cache_outbox_state_name(to), trace_id, result,
                              NULL);
  if (err)
    goto out;
  err = commit_with_marker(c);
out:
  sqlite3_finalize(st);
  cache_outbox_entry_cleanup(&e);
  cache_sql_rollback(c);
  sync_normal(c);
  return err;
}

enum cache_err cache_outbox_cancel(struct cache *c, int64_t id,
                                   const char *detail) {
  if (c == NULL)
    return CACHE_ERR_INVALID;
  struct cache_outbox_entry e;
  enum cache_err err = cache_outbox_get(c, id, &e);
  if (err)
    return err;
  enum cache_outbox_state from = e.state;
  cache_outbox_entry_cleanup(&e);
  if (from != CACHE_OUTBOX_PENDING && from != CACHE_OUTBOX_UNKNOWN)
    return CACHE_ERR_STATE;
  return cache_outbox_transition(c, id, from, CACHE_OUTBOX_CANCELLED, NULL,
                                 detail);
}

enum cache_err cache_outbox_note_2xx(struct cache *c, int64_t id) {
  if (c == NULL)
    return CACHE_ERR_INVALID;
  sqlite3_stmt *st = NULL;
  sync_full(c);
  enum cache_err err =
      cache_sql_prepare(c, "UPDATE outbox SET had_2xx=1 WHERE id=?1", &st);
  if (!err) {
    int rc = sqlite3_bind_int64(st, 1, id);
    if (rc == SQLITE_OK)
      rc = sqlite3_step(st);
    if (rc != SQLITE_DONE)
      err = cache_err_from_rc(rc);
    else if (sqlite3_changes(c->db) != 1)
      err = CACHE_ERR_NOT_FOUND;
  }
  sqlite3_finalize(st);
  sync_normal(c);
  return err;
}

enum cache_err cache_outbox_find_refund(struct cache *c,
                                        const char *payment_id,
                                        int64_t amount_minor, int64_t since_ms,
                                        struct cache_outbox_entry *out) {
  if (c == NULL || out == NULL || payment_id == NULL)
    return CACHE_ERR_INVALID;
  memset(out, 0, sizeof *out);
  sqlite3_stmt *st = NULL;
  enum cache_err err = cache_sql_prepare(
      c,
      "SELECT " OUTBOX_COLS " FROM outbox WHERE payment_id=?1"
      " AND action='refund' AND amount_minor=?2 AND attempts>0"
      " AND created_at>=?3 ORDER BY id DESC LIMIT 1",
      &st);
  if (err)
    goto out;
  int rc = sqlite3_bind_text(st, 1, payment_id, -1, SQLITE_STATIC);
  if (rc == SQLITE_OK)
    rc = sqlite3_bind_int64(st, 2, amount_minor);
  if (rc == SQLITE_OK)
    rc = sqlite3_bind_int64(st, 3, since_ms);
  if (rc == SQLITE_OK)
    rc = sqlite3_step(st);
  if (rc == SQLITE_ROW)
    read_entry(st, out);
  else if (rc == SQLITE_DONE)
    err = CACHE_ERR_NOT_FOUND;
  else
    err = cache_err_from_rc(rc);
out:
  sqlite3_finalize(st);
  return err;
}
