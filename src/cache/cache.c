/*
 * cache - opening, checking, migrating and closing the cache file.
 *
 * Durability. The file is in WAL mode with synchronous=NORMAL: in WAL mode
 * NORMAL never corrupts the database (commits are ordered in the WAL and
 * checkpoints sync), it only means the last transactions before a power
 * cut or kernel crash may roll back; an application crash (kill -9) loses
 * nothing. For cached API data that is the right trade: whatever rolls back
 * is fetched again by the next sync, and the sync cursor is written in the
 * same transaction as the rows it describes, so both roll back together.
 * The one thing that must survive a power cut is the user's confirmed
 * intent: outbox and activity writes switch the connection to
 * synchronous=FULL around their transaction (an fsync of the WAL at commit),
 * see cache_outbox.c.
 *
 * Damage. A file that is not a database or fails PRAGMA quick_check is
 * moved aside to <path>.corrupt-<UTC timestamp> (with its -wal/-shm) and a
 * fresh cache is built, unless it may hold unsent outbox rows: then the
 * open is refused and the file left where it is, because those rows are the
 * only record of a money action whose outcome may be unknown. "May hold" is
 * decided by the sidecar marker <path>.outbox-open (created in the same
 * write transaction that opens an outbox row, removed when none is open), so
 * it works even when the file is unreadable, and by reading the outbox table
 * when the file is readable enough.
 *
 * Permissions. The directory is created 0700 and the file 0600 before
 * SQLite opens it (SQLite creates -wal/-shm with the file's mode); an
 * existing file or directory with group/other bits is fixed with chmod, a
 * file owned by someone else or a symlink is refused.
 */
#include "cache/cache.h"

#include <errno.h>
#include <fcntl.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cache/cache_int.h"
#include "cache/cache_schema.h"
#include "core/xalloc.h"

#define CACHE_BUSY_TIMEOUT_MS 5000

static void set_cause(char **cause, char *msg) {
  if (cause && *cause == NULL)
    *cause = msg;
  else
    free(msg);
}

/* ---- default path ------------------------------------------------------ */

static bool profile_is_safe(const char *p) {
  if (p[0] == '\0' || p[0] == '.' || strlen(p) > 64)
    return false;
  for (const char *s = p; *s; s++) {
    char ch = *s;
    bool ok = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
              (ch >= '0' && ch <= '9') || ch == '-' || ch == '_' || ch == '.';
    if (!ok)
      return false;
  }
  return true;
}

/* mkdir -p with mode 0700 for every directory it creates. */
static int mkdir_p(const char *dir) {
  char *tmp = xstrdup(dir);
  int rc = 0;
  for (char *s = tmp + 1; *s; s++) {
    if (*s != '/')
      continue;
    *s = '\0';
    if (mkdir(tmp, 0700) != 0 && errno != EEXIST) {
      rc = -1;
      goto out;
    }
    *s = '/';
  }
  if (mkdir(tmp, 0700) != 0 && errno != EEXIST)
    rc = -1;
out:
  free(tmp);
  return rc;
}

/* The app's own directory: must be a real directory we own; group/other
 * bits are removed. */
static int secure_dir(const char *dir) {
  struct stat st;
  if (mkdir_p(dir) != 0)
    return -1;
  if (lstat(dir, &st) != 0 || !S_ISDIR(st.st_mode) || st.st_uid != geteuid())
    return -1;
  if ((st.st_mode & 077) != 0 && chmod(dir, 0700) != 0)
    return -1;
  return 0;
}

char *cache_default_path(const char *profile) {
  const char *env = getenv("CONOMY_CACHE");
  if (env && *env)
    return xstrdup(env);
  if (profile == NULL || *profile == '\0')
    profile = "default";
  if (!profile_is_safe(profile))
    return NULL;

  char *base = NULL;
  const char *xdg = getenv("XDG_CACHE_HOME");
  /* XDG: a relative value is invalid and must be ignored. */
  if (xdg && xdg[0] == '/') {
    base = xstrdup(xdg);
  } else {
    const char *home = getenv("HOME");
    if (home == NULL || home[0] != '/') {
      struct passwd *pw = getpwuid(geteuid());
      home = pw ? pw->pw_dir : NULL;
    }
    if (home == NULL || home[0] != '/')
      return NULL;
    base = xasprintf("%s/.cache", home);
  }
  char *dir = xasprintf("%s/conomy-desk", base);
  free(base);
  char *path = NULL;
  if (secure_dir(dir) == 0)
    path = xasprintf("%s/%s.db", dir, profile);
  free(dir);
  return path;
}

/* ---- file preparation ---------------------------------------------------- */

/* An existing file next to the cache (-wal, -shm): same rules, absent ok. */
static enum cache_err check_file_mode(const char *path, char **cause) {
  struct stat st;
  if (lstat(path, &st) != 0)
    return errno == ENOENT ? CACHE_OK : CACHE_ERR_OPEN;
  if (!S_ISREG(st.st_mode)) {
    set_cause(cause, xasprintf("%s is not a regular file (a symlink?); "
                               "refusing to use it",
                               path));
    return CACHE_ERR_OPEN;
  }
  if (st.st_uid != geteuid()) {
    set_cause(cause, xasprintf("%s belongs to another user; refusing to "
                               "use it",
                               path));
    return CACHE_ERR_OPEN;
  }
  if ((st.st_mode & 077) != 0 && chmod(path, 0600) != 0) {
    set_cause(cause, xasprintf("cannot make %s private (chmod 0600): %s", path,
                               strerror(errno)));
    return CACHE_ERR_OPEN;
  }
  return CACHE_OK;
}

/*
 * Create the file 0600 when absent (O_EXCL: nobody else's file, no
 * symlink), else check and fix its mode. The existing-file path uses no
 * descriptor: closing any descriptor of a database file drops the POSIX
 * locks another connection of this process holds on it.
 */
static enum cache_err prepare_file(const char *path, char **cause) {
  int fd = open(path, O_RDWR | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
  if (fd >= 0) {
    close(fd);
  } else if (errno != EEXIST) {
    set_cause(cause, xasprintf("cannot create cache file %s: %s", path,
                               strerror(errno)));
    return CACHE_ERR_OPEN;
  }
  enum cache_err err = check_file_mode(path, cause);
  static const char *const sfx[] = {"-wal", "-shm"};
  for (size_t i = 0; err == CACHE_OK && i < 2; i++) {
    char *side = xasprintf("%s%s", path, sfx[i]);
    err = check_file_mode(side, cause);
    free(side);
  }
  return err;
}

/* ---- connection ------------------------------------------------------ */

/* Run one quick_check statement; CACHE_ERR_CORRUPT unless it says "ok". */
static enum cache_err run_check(struct cache *c, const char *sql,
                                char **cause) {
  sqlite3_stmt *st = NULL;
  enum cache_err err = cache_sql_prepare(c, sql, &st);
  if (err)
    goto out;
  int rc = sqlite3_step(st);
  if (rc == SQLITE_ROW) {
    const char *res = (const char *)sqlite3_column_text(st, 0);
    if (res == NULL || strcmp(res, "ok") != 0) {
      err = CACHE_ERR_CORRUPT;
      set_cause(cause, xasprintf("%s fails its integrity check: %s", c->path,
                                 res ? res : "(no detail)"));
    }
  } else {
    err = cache_err_from_rc(rc);
    if (err == CACHE_OK)
      err = CACHE_ERR_CORRUPT;
  }
out:
  sqlite3_finalize(st);
  return err;
}

/*
 * PRAGMA quick_check reads every page: about 2 s for a million payments
 * (bench_cache_keyset). A file up to CACHE_FULL_CHECK_MAX bytes is checked
 * whole at open; a bigger one has its small tables checked (the outbox,
 * the activity log, meta - what cannot be fetched again) and the rest is
 * left to SQLite, which reports damage it meets as SQLITE_CORRUPT
 * (CACHE_ERR_CORRUPT), and to cache_integrity_check, which a background
 * worker can run.
 */
#define CACHE_FULL_CHECK_MAX (64 * 1024 * 1024)

static enum cache_err quick_check(struct cache *c, char **cause) {
  struct stat st;
  if (stat(c->path, &st) != 0 || st.st_size <= CACHE_FULL_CHECK_MAX)
    return run_check(c, "PRAGMA quick_check(1)", cause);
  static const char *const tables[] = {"outbox", "activity", "meta"};
  static const char *const checks[] = {"PRAGMA quick_check(outbox)",
                                       "PRAGMA quick_check(activity)",
                                       "PRAGMA quick_check(meta)"};
  enum cache_err err = CACHE_OK;
  for (size_t i = 0; !err && i < 3; i++) {
    sqlite3_stmt *q = NULL;
    err = cache_sql_prepare(
        c, "SELECT 1 FROM sqlite_schema WHERE type='table' AND name=?1", &q);
    if (err)
      break;
    int rc = sqlite3_bind_text(q, 1, tables[i], -1, SQLITE_STATIC);
    if (rc == SQLITE_OK)
      rc = sqlite3_step(q);
    sqlite3_finalize(q);
    if (rc == SQLITE_ROW)
      err = run_check(c, checks[i], cause);
    else if (rc != SQLITE_DONE)
      err = cache_err_from_rc(rc);
  }
  return err;
}

/* Refuse a SQLite file that belongs to some other program. */
static enum cache_err check_identity(struct cache *c, char **cause) {
  int64_t app_id = 0, version = 0, objects = 0;
  enum cache_err err = cache_sql_query_int(c, "PRAGMA application_id", &app_id);
  if (!err)
    err = cache_sql_query_int(c, "PRAGMA user_version", &version);
  if (!err)
    err =
        cache_sql_query_int(c, "SELECT count(*) FROM sqlite_schema", &objects);
  if (err)
    return err;
  if (app_id == CACHE_APPLICATION_ID || (app_id == 0 && objects == 0))
    return CACHE_OK;
  set_cause(cause, xasprintf("%s is an SQLite database of another program, "
                             "not a conomy-desk cache; move it away or "
                             "point CONOMY_CACHE elsewhere",
                             c->path));
  return CACHE_ERR_OPEN;
}

static enum cache_err set_wal(struct cache *c, char **cause) {
  sqlite3_stmt *st = NULL;
  enum cache_err err = cache_sql_prepare(c, "PRAGMA journal_mode=WAL", &st);
  if (err)
    goto out;
  int rc = sqlite3_step(st);
  if (rc != SQLITE_ROW) {
    err = cache_err_from_rc(rc);
    goto out;
  }
  const char *mode = (const char *)sqlite3_column_text(st, 0);
  if (mode == NULL || strcmp(mode, "wal") != 0) {
    err = CACHE_ERR_OPEN;
    set_cause(cause, xasprintf("%s cannot use WAL mode (journal mode %s); "
                               "is it on a network filesystem?",
                               c->path, mode ? mode : "unknown"));
  }
out:
  sqlite3_finalize(st);
  return err;
}

/*
 * Page cache per connection. The desk holds up to three (the screen, the
 * background figures, the sync worker) and SQLite keeps up to cache_size
 * of pages in each. Reading needs little: a screen is an index range read
 * of a few pages, and a figure that scans a million rows reads each page
 * once, from the operating system's file cache when it is warm. So a
 * connection reads with 2 MiB (SQLite's default) and only a write
 * transaction gets 32 MiB, so that a page of a sync, with its index and
 * full-text updates, does not spill dirty pages to the WAL before its
 * commit; the commit (or the rollback) gives the pages back. Browsing a
 * million payments stays near 16 MB resident instead of 80 MB.
 */
enum cache_err cache_page_cache(struct cache *c, bool writing) {
  if (c->db == NULL)
    return CACHE_OK;
  /* PRAGMAs take no bound parameters; both texts are constants */
  return cache_sql_exec(c, writing ? "PRAGMA cache_size=-32768"
                                   : "PRAGMA cache_size=-2048");
}

/* Open and fully check one connection; *out only on success. */
/* Test hook, not a setting: CONOMY_TEST_CACHE_GROW_PAGES=N lets this
 * connection grow the file by at most N pages past its size at open
 * (PRAGMA max_page_count; SQLite then fails a write with SQLITE_FULL), so
 * an end-to-end test can fill the "disk" under a real sync without root
 * mounts. */
static enum cache_err test_disk_cap(struct cache *c) {
  const char *v = getenv("CONOMY_TEST_CACHE_GROW_PAGES");
  char *end = NULL;
  long long grow = v ? strtoll(v, &end, 10) : -1;
  if (v == NULL || end == v || *end != '\0' || grow < 0)
    return CACHE_OK;
  int64_t pages = 0;
  enum cache_err err = cache_sql_query_int(c, "PRAGMA page_count", &pages);
  char sql[64];
  snprintf(sql, sizeof sql, "PRAGMA max_page_count=%lld",
           (long long)pages + grow);
  if (!err)
    err = cache_sql_exec(c, sql);
  return err;
}

static enum cache_err connect_db(const char *path, struct cache **out,
                                 char **cause) {
  struct cache *c = xcalloc(1, sizeof *c);
  c->path = xstrdup(path);
  c->marker_path = xasprintf("%s.outbox-open", path);
  c->fts_drive_max = 2000;
  enum cache_err err = CACHE_OK;
  int rc = sqlite3_open_v2(
      path, &c->db,
      SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOFOLLOW | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc != SQLITE_OK) {
    err = cache_err_from_rc(rc);
    if (err == CACHE_OK || err == CACHE_ERR_IO)
      err = CACHE_ERR_OPEN;
    set_cause(cause,
              xasprintf("cannot open cache %s: %s", path,
                        c->db ? sqlite3_errmsg(c->db) : sqlite3_errstr(rc)));
    goto out;
  }
  sqlite3_extended_result_codes(c->db, 1);
  sqlite3_busy_timeout(c->db, CACHE_BUSY_TIMEOUT_MS);
  sqlite3_db_config(c->db, SQLITE_DBCONFIG_DEFENSIVE, 1, (int *)NULL);
  /* trusted_schema stays ON: the FTS triggers need it, and the file is
   * 0600 and ours, so whoever could plant a hostile schema in it could
   * already run code as this user. DEFENSIVE still blocks writes to the
   * schema and shadow tables through SQL. */
  err = check_identity(c, cause);
  if (!err)
    err = set_wal(c, cause);
  if (!err)
    err = cache_sql_exec(c, "PRAGMA synchronous=NORMAL");
  if (!err)
    err = cache_sql_exec(c, "PRAGMA foreign_keys=ON");
  /* The reading page cache (cache_page_cache) before the full check,
   * which reads every page of a small file. */
  if (!err)
    err = cache_page_cache(c, false);
  /* Checkpoints every 16 MiB of WAL (truncated back to 64 MiB at most):
   * with the writing page cache, about 1.3x faster inserts than SQLite's
   * defaults for a sync writing a million rows into a dozen indexes. */
  if (!err)
    err = cache_sql_exec(c, "PRAGMA wal_autocheckpoint=4000");
  if (!err)
    err = cache_sql_exec(c, "PRAGMA journal_size_limit=67108864");
  if (!err)
    err = quick_check(c, cause);
  if (!err)
    err = cache_schema_migrate(c, 0, cause);
  if (!err)
    err = cache_outbox_marker_reconcile(c);
  if (!err)
    err = test_disk_cap(c);
  if (err && err != CACHE_ERR_SCHEMA_NEWER && cause && *cause == NULL)
    *cause = xasprintf("cannot open cache %s: %s", path, sqlite3_errmsg(c->db));
out:
  if (err) {
    cache_close(&c);
    return err;
  }
  *out = c;
  return CACHE_OK;
}

/* ---- damaged files ------------------------------------------------------ */

static bool file_exists(const char *p) {
  struct stat st;
  return lstat(p, &st) == 0;
}

/* True when a damaged file may still hold open outbox rows: the marker
 * says so, or the file is readable enough to show such rows. */
static bool may_hold_open_outbox(const char *path) {
  char *marker = xasprintf("%s.outbox-open", path);
  bool open_rows = file_exists(marker);
  free(marker);
  if (open_rows)
    return true;
  sqlite3 *db = NULL;
  sqlite3_stmt *st = NULL;
  if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOFOLLOW,
                      NULL) != SQLITE_OK)
    goto out;
  if (sqlite3_prepare_v3(db,
                         "SELECT count(*) FROM outbox WHERE state IN "
                         "('pending','sent','unknown')",
                         -1, 0, &st, NULL) != SQLITE_OK)
    goto out;
  if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_int64(st, 0) > 0)
    open_rows = true;
out:
  sqlite3_finalize(st);
  sqlite3_close(db);
  return open_rows;
}

/* Rename path (and its -wal/-shm, which belong to it) to
 * <path>.corrupt-<stamp>; *moved_to gets the new name. */
static int move_aside(const char *path, char **moved_to) {
  char stamp[32];
  time_t now = time(NULL);
  struct tm tm;
  gmtime_r(&now, &tm);
  strftime(stamp, sizeof stamp, "%Y%m%dT%H%M%SZ", &tm);
  char *dst = xasprintf("%s.corrupt-%s", path, stamp);
  for (int n = 1; file_exists(dst) && n < 100; n++) {
    free(dst);
    dst = xasprintf("%s.corrupt-%s-%d", path, stamp, n);
  }
  if (rename(path, dst) != 0) {
    free(dst);
    return -1;
  }
  static const char *const sfx[] = {"-wal", "-shm"};
  for (size_t i = 0; i < 2; i++) {
    char *a = xasprintf("%s%s", path, sfx[i]);
    char *b = xasprintf("%s%s", dst, sfx[i]);
    if (file_exists(a))
      (void)rename(a, b);
    free(a);
    free(b);
  }
  *moved_to = dst;
  return 0;
}

/* ---- public ------------------------------------------------------------- */

enum cache_err cache_open(const char *path, struct cache **out, char **cause) {
  *out = NULL;
  if (cause)
    *cause = NULL;
  if (path == NULL || *path == '\0') {
    set_cause(cause, xstrdup("no cache path"));
    return CACHE_ERR_INVALID;
  }
  char *why = NULL;
  enum cache_err err = prepare_file(path, cause);
  if (err)
    return err;
  err = connect_db(path, out, &why);
  if (err != CACHE_ERR_CORRUPT) {
    set_cause(cause, why);
    return err;
  }

  if (may_hold_open_outbox(path)) {
    set_cause(cause,
              xasprintf("cache %s is damaged (%s) and may hold unsent "
                        "actions; it was left in place: stop every "
                        "conomy-desk, keep a copy of the file, and check "
                        "those payments on the server before moving it "
                        "away",
                        path, why ? why : "unreadable"));
    free(why);
    return CACHE_ERR_CORRUPT;
  }
  char *moved = NULL;
  if (move_aside(path, &moved) != 0) {
    set_cause(cause,
              xasprintf("cache %s is damaged (%s) and could not be "
                        "moved aside: %s",
                        path, why ? why : "unreadable", strerror(errno)));
    free(why);
    return CACHE_ERR_CORRUPT;
  }
  err = prepare_file(path, cause);
  if (!err)
    err = connect_db(path, out, cause);
  if (!err)
    (*out)->notice = xasprintf("cache %s was damaged (%s); it was moved to "
                               "%s and a new cache was created",
                               path, why ? why : "unreadable", moved);
  free(why);
  free(moved);
  return err;
}

void cache_close(struct cache **cp) {
  if (cp == NULL || *cp == NULL)
    return;
  struct cache *c = *cp;
  sqlite3_finalize(c->pay_upsert);
  if (c->db) {
    /* Closing the last connection checkpoints and removes the WAL. */
    sqlite3_close_v2(c->db);
  }
  free(c->path);
  free(c->marker_path);
  free(c->notice);
  free(c);
  *cp = NULL;
}

const char *cache_notice(const struct cache *c) {
  return c ? c->notice : NULL;
}

const char *cache_path(const struct cache *c) {
  return c ? c->path : NULL;
}

int64_t cache_total_changes(const struct cache *c) {
  return c && c->db ? (int64_t)sqlite3_total_changes64(c->db) : 0;
}
