/*
 * The action outbox and the activity log: durable insert with its
 * "confirmed" row, one open action per payment, legal transitions only,
 * compare-and-set claims, cancel rules, the open-entries marker file, and
 * a damaged file with open entries being refused.
 */
#include <sqlite3.h>
#include <sys/stat.h>

#include "../../test.h"
#include "cache/cache.h"
#include "cache/cache_activity.h"
#include "cache/cache_outbox.h"
#include "cache_test_util.h"

static char *g_dir;
static char *g_path;

static void remove_dir(void) {
  tu_rmdir(g_dir);
  free(g_path);
}

static struct cache *open_fresh(void) {
  static int n;
  if (g_dir == NULL) {
    g_dir = tu_mkdtemp();
    atexit(remove_dir);
  }
  free(g_path);
  g_path = xasprintf("%s/o%d.db", g_dir, n++);
  struct cache *c = NULL;
  char *cause = NULL;
  if (cache_open(g_path, &c, &cause) != CACHE_OK) {
    fprintf(stderr, "open: %s\n", cause ? cause : "?");
    exit(1);
  }
  return c;
}

static bool marker_exists(void) {
  char *m = xasprintf("%s.outbox-open", g_path);
  struct stat st;
  bool e = stat(m, &st) == 0;
  free(m);
  return e;
}

static int64_t insert(struct cache *c, const char *action, const char *pay,
                      enum cache_err want) {
  struct cache_outbox_new n = {
      .action = action,
      .payment_id = pay,
      .params_json = "{\"amount\":\"10.00\"}",
      .seen_status = "SETTLED",
      .detail = "refund 10.00 USD",
  };
  int64_t id = -1;
  CHECK_INT(cache_outbox_insert(c, &n, &id), want);
  return id;
}

static void test_key_format(void) {
  char a[CACHE_IDEMPOTENCY_KEY_SIZE], b[CACHE_IDEMPOTENCY_KEY_SIZE];
  CHECK_INT(cache_outbox_new_key(a), 0);
  CHECK_INT(cache_outbox_new_key(b), 0);
  CHECK_INT(strlen(a), 36);
  CHECK(strcmp(a, b) != 0);
  CHECK(a[8] == '-' && a[13] == '-' && a[18] == '-' && a[23] == '-');
  CHECK(a[14] == '4');
  CHECK(strchr("89ab", a[19]) != NULL);
}

static void test_insert_with_activity(void) {
  struct cache *c = open_fresh();
  CHECK(!marker_exists());
  int64_t id = insert(c, "refund", "p1", CACHE_OK);
  CHECK(id > 0);
  CHECK(marker_exists());
  struct cache_outbox_entry e;
  CHECK_INT(cache_outbox_get(c, id, &e), CACHE_OK);
  CHECK_STR(e.action, "refund");
  CHECK_STR(e.payment_id, "p1");
  CHECK_STR(e.params_json, "{\"amount\":\"10.00\"}");
  CHECK_STR(e.seen_status, "SETTLED");
  CHECK_INT(e.state, CACHE_OUTBOX_PENDING);
  CHECK_INT(e.attempts, 0);
  CHECK(e.created_at > 0);
  CHECK(e.idempotency_key && strlen(e.idempotency_key) == 36);
  struct cache_outbox_entry k;
  CHECK_INT(cache_outbox_get_by_key(c, e.idempotency_key, &k), CACHE_OK);
  CHECK_INT(k.id, id);
  cache_outbox_entry_cleanup(&k);

  struct cache_activity_list al = {0};
  int64_t next = -1;
  CHECK_INT(cache_activity_list(c, NULL, 0, 10, &al, &next), CACHE_OK);
  CHECK_INT(al.count, 1);
  if (al.count == 1) {
    CHECK_STR(al.items[0].outcome, "confirmed");
    CHECK_STR(al.items[0].action, "refund");
    CHECK_STR(al.items[0].payment_id, "p1");
    CHECK_STR(al.items[0].detail, "refund 10.00 USD");
    CHECK_INT(al.items[0].outbox_id, id);
  }
  CHECK_INT(next, 0);
  cache_activity_list_cleanup(&al);

  /* The same key again is a conflict; nothing else is written. */
  struct cache_outbox_new dup = {.idempotency_key = e.idempotency_key,
                                 .action = "capture",
                                 .payment_id = "p2"};
  int64_t id2 = 0;
  CHECK_INT(cache_outbox_insert(c, &dup, &id2), CACHE_ERR_CONFLICT);
  CHECK_INT(id2, 0);
  CHECK_INT(cache_activity_list(c, NULL, 0, 10, &al, NULL), CACHE_OK);
  CHECK_INT(al.count, 1);
  cache_activity_list_cleanup(&al);
  cache_outbox_entry_cleanup(&e);

  /* Bad input. */
  insert(c, "teleport", "p3", CACHE_ERR_INVALID);
  insert(c, "refund", "", CACHE_ERR_INVALID);
  cache_close(&c);
}

static void test_one_open_action_per_payment(void) {
  struct cache *c = open_fresh();
  int64_t a = insert(c, "refund", "p1", CACHE_OK);
  insert(c, "capture", "p1", CACHE_ERR_CONFLICT);
  insert(c, "refund", "p1", CACHE_ERR_CONFLICT);
  int64_t up = insert(c, "upload", "p1", CACHE_OK); /* not a money action */
  insert(c, "refund", "p2", CACHE_OK);
  struct cache_outbox_entry e;
  CHECK_INT(cache_outbox_get_open_for_payment(c, "p1", &e), CACHE_OK);
  CHECK_INT(e.id, a);
  cache_outbox_entry_cleanup(&e);
  int64_t n = 0;
  CHECK_INT(cache_outbox_count_open(c, &n), CACHE_OK);
  CHECK_INT(n, 3);
  /* Once the first is settled, a new money action is allowed. */
  CHECK_INT(cache_outbox_transition(c, a, CACHE_OUTBOX_PENDING,
                                    CACHE_OUTBOX_SENT, NULL, NULL),
            CACHE_OK);
  insert(c, "refund", "p1", CACHE_ERR_CONFLICT); /* sent is still open */
  CHECK_INT(cache_outbox_transition(c, a, CACHE_OUTBOX_SENT,
                                    CACHE_OUTBOX_UNKNOWN, NULL, "timeout"),
            CACHE_OK);
  insert(c, "refund", "p1", CACHE_ERR_CONFLICT); /* unknown too */
  CHECK_INT(cache_outbox_transition(c, a, CACHE_OUTBOX_UNKNOWN,
                                    CACHE_OUTBOX_SUCCEEDED, "trace-1",
                                    "refund re_1 found on the server"),
            CACHE_OK);
  int64_t b = insert(c, "refund", "p1", CACHE_OK);
  CHECK(b > a);
  CHECK(up > 0);
  CHECK_INT(cache_outbox_get_open_for_payment(c, "p9", &e),
            CACHE_ERR_NOT_FOUND);
  cache_close(&c);
}

static void test_transitions(void) {
  /* The table itself. */
  CHECK(cache_outbox_can_transition(CACHE_OUTBOX_PENDING, CACHE_OUTBOX_SENT));
  CHECK(cache_outbox_can_transition(CACHE_OUTBOX_UNKNOWN, CACHE_OUTBOX_SENT));
  CHECK(
      !cache_outbox_can_transition(CACHE_OUTBOX_SUCCEEDED, CACHE_OUTBOX_SENT));
  CHECK(
      !cache_outbox_can_transition(CACHE_OUTBOX_SENT, CACHE_OUTBOX_CANCELLED));
  CHECK(!cache_outbox_can_transition(CACHE_OUTBOX_PENDING,
                                     CACHE_OUTBOX_SUCCEEDED));
  CHECK(
      !cache_outbox_can_transition(CACHE_OUTBOX_FAILED, CACHE_OUTBOX_PENDING));
  CHECK(!cache_outbox_can_transition((enum cache_outbox_state)99,
                                     CACHE_OUTBOX_SENT));
  for (int s = 0; s < CACHE_OUTBOX_STATE_COUNT_; s++) {
    enum cache_outbox_state back;
    CHECK(cache_outbox_state_from_name(
        cache_outbox_state_name((enum cache_outbox_state)s), &back));
    CHECK_INT(back, s);
    /* Terminal states go nowhere. */
    if (!cache_outbox_state_is_open((enum cache_outbox_state)s))
      for (int t = 0; t < CACHE_OUTBOX_STATE_COUNT_; t++)
        CHECK(!cache_outbox_can_transition((enum cache_outbox_state)s,
                                           (enum cache_outbox_state)t));
  }

  struct cache *c = open_fresh();
  int64_t id = insert(c, "capture", "p1", CACHE_OK);
  /* Illegal: pending -> succeeded. */
  CHECK_INT(cache_outbox_transition(c, id, CACHE_OUTBOX_PENDING,
                                    CACHE_OUTBOX_SUCCEEDED, NULL, NULL),
            CACHE_ERR_INVALID);
  /* Wrong expected state: compare-and-set fails. */
  CHECK_INT(cache_outbox_transition(c, id, CACHE_OUTBOX_UNKNOWN,
                                    CACHE_OUTBOX_SENT, NULL, NULL),
            CACHE_ERR_STATE);
  CHECK_INT(cache_outbox_transition(c, 999, CACHE_OUTBOX_PENDING,
                                    CACHE_OUTBOX_SENT, NULL, NULL),
            CACHE_ERR_NOT_FOUND);
  /* Claim: the second claim of the same entry loses. */
  CHECK_INT(cache_outbox_transition(c, id, CACHE_OUTBOX_PENDING,
                                    CACHE_OUTBOX_SENT, NULL, NULL),
            CACHE_OK);
  CHECK_INT(cache_outbox_transition(c, id, CACHE_OUTBOX_PENDING,
                                    CACHE_OUTBOX_SENT, NULL, NULL),
            CACHE_ERR_STATE);
  CHECK_INT(cache_outbox_transition(c, id, CACHE_OUTBOX_SENT,
                                    CACHE_OUTBOX_UNKNOWN, "t-1", "timeout"),
            CACHE_OK);
  CHECK_INT(cache_outbox_transition(c, id, CACHE_OUTBOX_UNKNOWN,
                                    CACHE_OUTBOX_SENT, NULL, NULL),
            CACHE_OK);
  CHECK_INT(cache_outbox_transition(c, id, CACHE_OUTBOX_SENT,
                                    CACHE_OUTBOX_FAILED, "t-2",
                                    "422 failedPrecondition"),
            CACHE_OK);
  struct cache_outbox_entry e;
  CHECK_INT(cache_outbox_get(c, id, &e), CACHE_OK);
  CHECK_INT(e.state, CACHE_OUTBOX_FAILED);
  CHECK_INT(e.attempts, 2);
  CHECK_STR(e.trace_id, "t-2");
  CHECK_STR(e.result, "422 failedPrecondition");
  cache_outbox_entry_cleanup(&e);
  CHECK(!marker_exists()); /* nothing open any more */
  CHECK_INT(cache_outbox_cancel(c, id, NULL), CACHE_ERR_STATE);

  /* Activity: one row per step, newest first, keyset pages. */
  struct cache_activity_list al = {0};
  int64_t before = 0;
  size_t pages = 0;
  do {
    CHECK_INT(cache_activity_list(c, "p1", before, 2, &al, &before), CACHE_OK);
    pages++;
  } while (before != 0 && pages < 10);
  CHECK_INT(al.count, 5);
  CHECK_INT(pages, 3);
  static const char *const want[] = {"failed", "sent", "unknown", "sent",
                                     "confirmed"};
  for (size_t i = 0; i < al.count && i < 5; i++)
    CHECK_STR(al.items[i].outcome, want[i]);
  if (al.count == 5) {
    CHECK_STR(al.items[0].trace_id, "t-2");
    CHECK(al.items[0].id > al.items[4].id);
  }
  cache_activity_list_cleanup(&al);
  cache_close(&c);
}

static void test_cancel_and_lists(void) {
  struct cache *c = open_fresh();
  int64_t a = insert(c, "refund", "p1", CACHE_OK);
  int64_t b = insert(c, "capture", "p2", CACHE_OK);
  int64_t d = insert(c, "assign", "p3", CACHE_OK);
  CHECK_INT(cache_outbox_cancel(c, a, "user cancelled"), CACHE_OK);
  CHECK_INT(cache_outbox_transition(c, b, CACHE_OUTBOX_PENDING,
                                    CACHE_OUTBOX_SENT, NULL, NULL),
            CACHE_OK);
  CHECK_INT(cache_outbox_cancel(c, b, NULL), CACHE_ERR_STATE); /* in flight */
  CHECK_INT(cache_outbox_transition(c, b, CACHE_OUTBOX_SENT,
                                    CACHE_OUTBOX_UNKNOWN, NULL, NULL),
            CACHE_OK);
  CHECK_INT(cache_outbox_cancel(c, b, NULL), CACHE_OK);
  CHECK_INT(cache_outbox_cancel(c, 12345, NULL), CACHE_ERR_NOT_FOUND);

  struct cache_outbox_list l = {0};
  CHECK_INT(cache_outbox_list(c, true, 0, &l), CACHE_OK);
  CHECK_INT(l.count, 1);
  if (l.count == 1)
    CHECK_INT(l.items[0].id, d);
  cache_outbox_list_cleanup(&l);
  CHECK_INT(cache_outbox_list(c, false, 0, &l), CACHE_OK);
  CHECK_INT(l.count, 3);
  if (l.count == 3) {
    CHECK_INT(l.items[0].id, d); /* newest first */
    CHECK_INT(l.items[2].id, a);
    CHECK_INT(l.items[2].state, CACHE_OUTBOX_CANCELLED);
  }
  cache_outbox_list_cleanup(&l);
  CHECK_INT(cache_outbox_list(c, false, 2, &l), CACHE_OK);
  CHECK_INT(l.count, 2);
  cache_outbox_list_cleanup(&l);
  cache_close(&c);
}

static void test_activity_append_only(void) {
  struct cache *c = open_fresh();
  struct cache_activity a = {.action = (char[]){"sync"},
                             .outcome = (char[]){"succeeded"},
                             .detail = (char[]){"120 payments"}};
  int64_t id = 0;
  CHECK_INT(cache_activity_append(c, &a, &id), CACHE_OK);
  CHECK(id > 0);
  struct cache_activity bad = {.action = (char[]){"x"}};
  CHECK_INT(cache_activity_append(c, &bad, NULL), CACHE_ERR_INVALID);
  cache_close(&c);
  sqlite3 *db = NULL;
  CHECK(sqlite3_open(g_path, &db) == SQLITE_OK);
  CHECK(sqlite3_exec(db, "UPDATE activity SET outcome='forged'", NULL, NULL,
                     NULL) != SQLITE_OK);
  CHECK(sqlite3_exec(db, "DELETE FROM activity", NULL, NULL, NULL) !=
        SQLITE_OK);
  sqlite3_close(db);
  c = open_fresh();
  cache_close(&c);
}

/* Open entries + a damaged file: refused and left in place; the marker is
 * what tells, since the damaged file cannot be read. */
static void test_damaged_file_with_open_entry_refused(void) {
  struct cache *c = open_fresh();
  insert(c, "refund", "p1", CACHE_OK);
  cache_close(&c);
  CHECK(marker_exists());
  FILE *f = fopen(g_path, "r+b");
  CHECK(f != NULL);
  if (f) {
    char junk[100];
    memset(junk, 'J', sizeof junk);
    CHECK(fwrite(junk, 1, sizeof junk, f) == sizeof junk); /* the header */
    fclose(f);
  }
  char *cause = NULL;
  CHECK_INT(cache_open(g_path, &c, &cause), CACHE_ERR_CORRUPT);
  CHECK(c == NULL);
  CHECK(cause && strstr(cause, g_path) && strstr(cause, "unsent"));
  free(cause);
  struct stat st;
  CHECK(stat(g_path, &st) == 0); /* still where it was */

  /* Readable file, open entries, but the marker lost: the marker is put
   * back when the cache is opened. */
  c = open_fresh();
  insert(c, "refund", "p1", CACHE_OK);
  cache_close(&c);
  char *m = xasprintf("%s.outbox-open", g_path);
  CHECK(unlink(m) == 0);
  CHECK_INT(cache_open(g_path, &c, &cause), CACHE_OK);
  CHECK(marker_exists());
  cache_close(&c);
  free(m);
}

TEST_LIST = {
    {"key_format", test_key_format},
    {"insert_with_activity", test_insert_with_activity},
    {"one_open_action_per_payment", test_one_open_action_per_payment},
    {"transitions", test_transitions},
    {"cancel_and_lists", test_cancel_and_lists},
    {"activity_append_only", test_activity_append_only},
    {"damaged_file_with_open_entry_refused",
     test_damaged_file_with_open_entry_refused},
    {NULL, NULL},
};
