/*
 * Opening the cache: default path (XDG), permissions, schema version,
 * newer-file refusal, damaged files moved aside or refused.
 */
#include <fcntl.h>
#include <glob.h>
#include <sqlite3.h>
#include <sys/stat.h>

#include "../../test.h"
#include "cache/cache.h"
#include "cache/cache_schema.h"
#include "cache_test_util.h"

static int mode_of(const char *p) {
  struct stat st;
  if (stat(p, &st) != 0)
    return -1;
  return (int)(st.st_mode & 0777);
}

static int count_glob(const char *pattern) {
  glob_t g;
  int n = 0;
  if (glob(pattern, 0, NULL, &g) == 0)
    n = (int)g.gl_pathc;
  globfree(&g);
  return n;
}

static void write_file(const char *p, const void *data, size_t n) {
  FILE *f = fopen(p, "wb");
  CHECK(f != NULL);
  if (f) {
    CHECK(fwrite(data, 1, n, f) == n);
    fclose(f);
  }
}

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

static void raw_exec(const char *path, const char *sql) {
  sqlite3 *db = NULL;
  CHECK(sqlite3_open(path, &db) == SQLITE_OK);
  CHECK(sqlite3_exec(db, sql, NULL, NULL, NULL) == SQLITE_OK);
  sqlite3_close(db);
}

static void insert_one(struct cache *c, uint64_t n) {
  struct payment p;
  tu_payment(&p, n);
  CHECK_INT(cache_payments_upsert(c, &p, 1), CACHE_OK);
  payment_cleanup(&p);
}

static void test_default_path(void) {
  char *dir = tu_mkdtemp();
  char *xdg = xasprintf("%s/xdg", dir);
  char *home = xasprintf("%s/home", dir);
  mkdir(home, 0755);
  unsetenv("CONOMY_CACHE");
  setenv("XDG_CACHE_HOME", xdg, 1);
  setenv("HOME", home, 1);

  char *p = cache_default_path("work");
  char *want = xasprintf("%s/conomy-desk/work.db", xdg);
  CHECK_STR(p, want);
  char *appdir = xasprintf("%s/conomy-desk", xdg);
  CHECK_INT(mode_of(appdir), 0700);
  free(p);
  free(want);

  /* An existing group-readable directory is made private. */
  chmod(appdir, 0755);
  p = cache_default_path(NULL);
  want = xasprintf("%s/conomy-desk/default.db", xdg);
  CHECK_STR(p, want);
  CHECK_INT(mode_of(appdir), 0700);
  free(p);
  free(want);
  free(appdir);

  /* A relative XDG_CACHE_HOME is ignored: ~/.cache. */
  setenv("XDG_CACHE_HOME", "relative/dir", 1);
  p = cache_default_path("p1");
  want = xasprintf("%s/.cache/conomy-desk/p1.db", home);
  CHECK_STR(p, want);
  free(p);
  free(want);

  /* Profile names cannot escape the directory. */
  CHECK(cache_default_path("../evil") == NULL);
  CHECK(cache_default_path("a/b") == NULL);
  CHECK(cache_default_path(".hidden") == NULL);

  /* CONOMY_CACHE wins, verbatim. */
  setenv("CONOMY_CACHE", "/some/where/c.db", 1);
  p = cache_default_path("work");
  CHECK_STR(p, "/some/where/c.db");
  free(p);
  unsetenv("CONOMY_CACHE");
  unsetenv("XDG_CACHE_HOME");
  free(xdg);
  free(home);
  tu_rmdir(dir);
}

static void test_create_modes(void) {
  char *dir = tu_mkdtemp();
  char *path = xasprintf("%s/c.db", dir);
  mode_t old = umask(022);
  struct cache *c = NULL;
  char *cause = NULL;
  CHECK_INT(cache_open(path, &c, &cause), CACHE_OK);
  CHECK(c != NULL);
  CHECK(cause == NULL);
  CHECK(cache_notice(c) == NULL);
  CHECK_STR(cache_path(c), path);
  insert_one(c, 1);
  char *wal = xasprintf("%s-wal", path);
  char *shm = xasprintf("%s-shm", path);
  CHECK_INT(mode_of(path), 0600);
  CHECK_INT(mode_of(wal), 0600);
  CHECK_INT(mode_of(shm), 0600);
  CHECK_INT(raw_int(path, "PRAGMA user_version"), cache_schema_version());
  CHECK_INT(raw_int(path, "PRAGMA application_id"), CACHE_APPLICATION_ID);
  cache_close(&c);
  CHECK(c == NULL);
  cache_close(&c); /* NULL is fine */
  {
    sqlite3 *db = NULL;
    sqlite3_stmt *st = NULL;
    CHECK(sqlite3_open(path, &db) == SQLITE_OK);
    CHECK(sqlite3_prepare_v3(db, "PRAGMA journal_mode", -1, 0, &st, NULL) ==
          SQLITE_OK);
    CHECK(sqlite3_step(st) == SQLITE_ROW);
    CHECK_STR((const char *)sqlite3_column_text(st, 0), "wal");
    sqlite3_finalize(st);
    sqlite3_close(db);
  }

  /* A file made world-readable is fixed on the next open; data persists. */
  chmod(path, 0644);
  CHECK_INT(cache_open(path, &c, &cause), CACHE_OK);
  CHECK_INT(mode_of(path), 0600);
  int64_t n = 0;
  CHECK_INT(cache_payments_count(c, NULL, &n), CACHE_OK);
  CHECK_INT(n, 1);
  cache_close(&c);
  umask(old);
  free(wal);
  free(shm);
  free(path);
  tu_rmdir(dir);
}

static void test_symlink_refused(void) {
  char *dir = tu_mkdtemp();
  char *real = xasprintf("%s/real.db", dir);
  char *link = xasprintf("%s/link.db", dir);
  struct cache *c = NULL;
  char *cause = NULL;
  CHECK_INT(cache_open(real, &c, &cause), CACHE_OK);
  cache_close(&c);
  CHECK(symlink(real, link) == 0);
  CHECK_INT(cache_open(link, &c, &cause), CACHE_ERR_OPEN);
  CHECK(c == NULL);
  CHECK(cause != NULL && strstr(cause, link) != NULL);
  free(cause);
  free(real);
  free(link);
  tu_rmdir(dir);
}

static void test_newer_schema_refused(void) {
  char *dir = tu_mkdtemp();
  char *path = xasprintf("%s/c.db", dir);
  struct cache *c = NULL;
  char *cause = NULL;
  CHECK_INT(cache_open(path, &c, &cause), CACHE_OK);
  insert_one(c, 7);
  cache_close(&c);
  char sql[64];
  snprintf(sql, sizeof sql, "PRAGMA user_version=%d",
           cache_schema_version() + 5);
  raw_exec(path, sql);
  CHECK_INT(cache_open(path, &c, &cause), CACHE_ERR_SCHEMA_NEWER);
  CHECK(c == NULL);
  CHECK(cause != NULL);
  char want[16];
  snprintf(want, sizeof want, "%d", cache_schema_version() + 5);
  CHECK(cause && strstr(cause, want) != NULL);
  CHECK(cause && strstr(cause, path) != NULL);
  free(cause);
  cause = NULL;
  /* Refused, not touched: the row and the version are still there. */
  CHECK_INT(raw_int(path, "SELECT count(*) FROM payments"), 1);
  CHECK_INT(raw_int(path, "PRAGMA user_version"), cache_schema_version() + 5);
  char *pat = xasprintf("%s.corrupt-*Z", path);
  CHECK_INT(count_glob(pat), 0);
  free(pat);
  free(path);
  tu_rmdir(dir);
}

static void test_junk_moved_aside(void) {
  char *dir = tu_mkdtemp();
  char *path = xasprintf("%s/c.db", dir);
  unsigned char junk[8192];
  tu_seed(42);
  for (size_t i = 0; i < sizeof junk; i++)
    junk[i] = (unsigned char)tu_rand();
  write_file(path, junk, sizeof junk);
  chmod(path, 0600);
  struct cache *c = NULL;
  char *cause = NULL;
  CHECK_INT(cache_open(path, &c, &cause), CACHE_OK);
  CHECK(c != NULL);
  CHECK(cache_notice(c) != NULL);
  CHECK(cache_notice(c) && strstr(cache_notice(c), ".corrupt-") != NULL);
  char *pat = xasprintf("%s.corrupt-*Z", path);
  CHECK_INT(count_glob(pat), 1);
  /* The moved file is the junk, byte for byte. */
  glob_t g;
  if (glob(pat, 0, NULL, &g) == 0) {
    FILE *f = fopen(g.gl_pathv[0], "rb");
    unsigned char back[8192];
    CHECK(f && fread(back, 1, sizeof back, f) == sizeof back);
    CHECK(memcmp(back, junk, sizeof junk) == 0);
    if (f)
      fclose(f);
  }
  globfree(&g);
  insert_one(c, 3);
  int64_t n = 0;
  CHECK_INT(cache_payments_count(c, NULL, &n), CACHE_OK);
  CHECK_INT(n, 1);
  cache_close(&c);
  free(pat);
  free(path);
  tu_rmdir(dir);
}

static void test_junk_with_outbox_marker_refused(void) {
  char *dir = tu_mkdtemp();
  char *path = xasprintf("%s/c.db", dir);
  char *marker = xasprintf("%s.outbox-open", path);
  const char junk[] = "this is not an SQLite database, but it is long enough "
                      "to have a header and more bytes after it..........";
  write_file(path, junk, sizeof junk);
  write_file(marker, "", 0);
  struct cache *c = NULL;
  char *cause = NULL;
  CHECK_INT(cache_open(path, &c, &cause), CACHE_ERR_CORRUPT);
  CHECK(c == NULL);
  CHECK(cause && strstr(cause, path) != NULL);
  CHECK(cause && strstr(cause, "unsent") != NULL);
  free(cause);
  char *pat = xasprintf("%s.corrupt-*Z", path);
  CHECK_INT(count_glob(pat), 0);
  struct stat st;
  CHECK(stat(path, &st) == 0 && (size_t)st.st_size == sizeof junk);
  free(pat);
  free(marker);
  free(path);
  tu_rmdir(dir);
}

static void test_damaged_pages_moved_aside(void) {
  char *dir = tu_mkdtemp();
  char *path = xasprintf("%s/c.db", dir);
  struct cache *c = NULL;
  char *cause = NULL;
  CHECK_INT(cache_open(path, &c, &cause), CACHE_OK);
  struct payment ps[400];
  for (uint64_t i = 0; i < 400; i++)
    tu_payment(&ps[i], i + 1);
  CHECK_INT(cache_payments_upsert(c, ps, 400), CACHE_OK);
  for (size_t i = 0; i < 400; i++)
    payment_cleanup(&ps[i]);
  cache_close(&c); /* checkpoints: everything is in the main file */
  struct stat st;
  CHECK(stat(path, &st) == 0);
  /* Overwrite the second half of the file (b-tree pages) with garbage. */
  int fd = open(path, O_WRONLY);
  CHECK(fd >= 0);
  off_t half = st.st_size / 2;
  unsigned char bad[4096];
  memset(bad, 0xA5, sizeof bad);
  for (off_t off = half; off < st.st_size; off += (off_t)sizeof bad)
    CHECK(pwrite(fd, bad, sizeof bad, off) == (ssize_t)sizeof bad);
  close(fd);
  CHECK_INT(cache_open(path, &c, &cause), CACHE_OK);
  CHECK(cache_notice(c) != NULL);
  char *pat = xasprintf("%s.corrupt-*Z", path);
  CHECK_INT(count_glob(pat), 1);
  int64_t n = -1;
  CHECK_INT(cache_payments_count(c, NULL, &n), CACHE_OK);
  CHECK_INT(n, 0);
  cache_close(&c);
  free(pat);
  free(path);
  tu_rmdir(dir);
}

static void test_foreign_database_refused(void) {
  char *dir = tu_mkdtemp();
  char *path = xasprintf("%s/c.db", dir);
  raw_exec(path, "CREATE TABLE mine(x); INSERT INTO mine VALUES(1);");
  chmod(path, 0600);
  struct cache *c = NULL;
  char *cause = NULL;
  CHECK_INT(cache_open(path, &c, &cause), CACHE_ERR_OPEN);
  CHECK(c == NULL);
  CHECK(cause && strstr(cause, "another program") != NULL);
  free(cause);
  CHECK_INT(raw_int(path, "SELECT count(*) FROM mine"), 1);
  free(path);
  tu_rmdir(dir);
}

static void test_bad_args(void) {
  struct cache *c = NULL;
  char *cause = NULL;
  CHECK_INT(cache_open("", &c, &cause), CACHE_ERR_INVALID);
  free(cause);
  cause = NULL;
  CHECK_INT(cache_open("/nonexistent-dir-xyz/sub/c.db", &c, &cause),
            CACHE_ERR_OPEN);
  CHECK(cause != NULL);
  free(cause);
  for (int e = CACHE_OK; e <= CACHE_ERR_STATE; e++)
    CHECK(cache_strerror((enum cache_err)e) != NULL);
  CHECK(strcmp(cache_strerror(CACHE_ERR_BUSY),
               cache_strerror(CACHE_ERR_CORRUPT)) != 0);
}

TEST_LIST = {
    {"default_path", test_default_path},
    {"create_modes", test_create_modes},
    {"symlink_refused", test_symlink_refused},
    {"newer_schema_refused", test_newer_schema_refused},
    {"junk_moved_aside", test_junk_moved_aside},
    {"junk_with_outbox_marker_refused", test_junk_with_outbox_marker_refused},
    {"damaged_pages_moved_aside", test_damaged_pages_moved_aside},
    {"foreign_database_refused", test_foreign_database_refused},
    {"bad_args", test_bad_args},
    {NULL, NULL},
};
