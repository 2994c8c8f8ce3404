/*
 * app_action_check: the app's checks before anything is recorded, on a real
 * cache file and an injected clock (no server is contacted: every check is
 * local). Covers the action table's rules as the app applies them, the
 * refund limits with the server's maxRefundable, the open-action lock, the
 * duplicate-refund guard and its window, and review resolution as a
 * capability.
 */
#include <stdlib.h>
#include <time.h>

#include "app/app.h"
#include "cache/cache.h"
#include "cache/cache_outbox.h"
#include "cache/cache_payments.h"
#include "test.h"
#include "unit/cache/cache_test_util.h"

#define SETTLED "6b0000000000000000000001"
#define TOPUP "6b0000000000000000000002"
#define ODD "6b0000000000000000000003"
#define REVIEW "6b0000000000000000000004"

/* The app's clock, moved by the test; it starts at the wall clock, since
 * the cache stamps outbox rows with it. */
static int64_t now_ms;
static int64_t fake_clock(void *ud) {
  (void)ud;
  return now_ms;
}

static void put(struct cache *c, const char *id, enum payment_type t,
                enum payment_status s, int64_t minor, const char *cur) {
  struct payment p;
  memset(&p, 0, sizeof p);
  p.id = xstrdup(id);
  p.type = t;
  p.type_raw = xstrdup(payment_type_name(t));
  p.status = s;
  p.status_raw = xstrdup(payment_status_name(s));
  p.total.minor = minor;
  snprintf(p.total.currency, sizeof p.total.currency, "%s", cur);
  p.created_at = 1;
  p.updated_at = 2;
  CHECK_INT(cache_payments_upsert(c, &p, 1), CACHE_OK);
  payment_cleanup(&p);
}

static struct app *open_app(const char *path) {
  struct app_config cfg = {
      .base_url = "http://127.0.0.1:1/sandbox",
      .api_key = "k",
      .client_id = "c",
      .client_secret = "s",
      .cache_path = path,
      .clock_ms = fake_clock,
  };
  struct app *a = NULL;
  struct app_error err = {0};
  CHECK_INT(app_open(&cfg, &a, &err), APP_OK);
  return a;
}

static enum app_err check(struct app *a, struct app_action *act,
                          struct app_error *err) {
  memset(err, 0, sizeof *err);
  return app_action_check(a, act, err);
}

static void test_checks(void) {
  struct timespec ts;
  clock_gettime(CLOCK_REALTIME, &ts);
  now_ms = (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
  char *dir = tu_mkdtemp();
  char *path = xasprintf("%s/desk.db", dir);
  struct cache *c = NULL;
  char *cause = NULL;
  CHECK_INT(cache_open(path, &c, &cause), CACHE_OK);
  put(c, SETTLED, PAYMENT_TYPE_PURCHASE, PAYMENT_STATUS_SETTLED, 10000, "USD");
  put(c, TOPUP, PAYMENT_TYPE_TOPUP_ACCOUNT, PAYMENT_STATUS_CREATED, 500, "CLP");
  put(c, ODD, PAYMENT_TYPE_PURCHASE, PAYMENT_STATUS_CREATED, 500, "XTS");
  put(c, REVIEW, PAYMENT_TYPE_PURCHASE, PAYMENT_STATUS_REQUIRES_REVIEW, 700,
      "USD");
  struct app *a = open_app(path);
  struct app_error err;
  int64_t open_n = -1, id = 0;

  /* the table: no capture of an unassigned topup, no money action in a
   * currency the desk does not know */
  struct app_action cap = {.kind = APP_ACTION_CAPTURE, .payment_id = TOPUP};
  CHECK_INT(check(a, &cap, &err), APP_ERR_CONFLICT);
  CHECK(strstr(err.msg, "unassigned topup") != NULL);
  cap.payment_id = ODD;
  CHECK_INT(check(a, &cap, &err), APP_ERR_CONFLICT);
  CHECK(strstr(err.msg, "XTS") != NULL);

  /* refund amounts against maxRefundable; nothing is recorded */
  struct app_action rf = {
      .kind = APP_ACTION_REFUND, .payment_id = SETTLED, .amount = "100.01"};
  CHECK_INT(check(a, &rf, &err), APP_ERR_USAGE);
  CHECK(strstr(err.msg, "exceeds maxRefundable 100.00") != NULL);
  rf.amount = "40.00";
  CHECK_INT(check(a, &rf, &err), APP_OK);
  CHECK_INT(cache_outbox_count_open(c, &open_n), CACHE_OK);
  CHECK_INT(open_n, 0);

  /* the server said less: the lower figure is used, and named */
  CHECK_INT(cache_meta_set(c, "refund.server_max." SETTLED, "3000 USD"),
            CACHE_OK);
  CHECK_INT(check(a, &rf, &err), APP_ERR_USAGE);
  CHECK(strstr(err.msg, "exceeds maxRefundable 30.00") != NULL);
  char note[300];
  app_refund_max_note(a, SETTLED, note, sizeof note);
  CHECK(strstr(note, "the server says maxRefundable 30.00 USD") != NULL);
  CHECK(strstr(note, "leave 100.00 USD") != NULL);
  CHECK_INT(cache_meta_set(c, "refund.server_max." SETTLED, "10000 USD"),
            CACHE_OK);
  app_refund_max_note(a, SETTLED, note, sizeof note);
  CHECK_STR(note, "");

  /* recorded: an open action locks the payment */
  CHECK_INT(app_action_submit(a, &rf, &id, &err), APP_OK);
  CHECK_INT(check(a, &rf, &err), APP_ERR_CONFLICT);
  CHECK(strstr(err.msg, "already has an open refund") != NULL);

  /* sent and failed: an identical refund within 10 minutes needs again */
  CHECK_INT(cache_outbox_transition(c, id, CACHE_OUTBOX_PENDING,
                                    CACHE_OUTBOX_SENT, NULL, NULL),
            CACHE_OK);
  CHECK_INT(cache_outbox_transition(c, id, CACHE_OUTBOX_SENT,
                                    CACHE_OUTBOX_FAILED, NULL, "HTTP 500"),
            CACHE_OK);
  struct cache_outbox_entry e;
  CHECK_INT(cache_outbox_get(c, id, &e), CACHE_OK);
  now_ms = e.created_at + 9 * 60 * 1000; /* nine minutes on: inside */
  cache_outbox_entry_cleanup(&e);
  CHECK_INT(check(a, &rf, &err), APP_ERR_CONFLICT);
  CHECK(strstr(err.msg, "identical refund of 40.00 USD") != NULL);
  CHECK(strstr(err.msg, "9 min ago") != NULL);
  CHECK(strstr(err.msg, "failed") != NULL);
  rf.again = true;
  CHECK_INT(check(a, &rf, &err), APP_OK);
  rf.again = false;
  rf.amount = "41.00"; /* another amount is another refund */
  CHECK_INT(check(a, &rf, &err), APP_OK);
  rf.amount = "40.00";
  now_ms += 2 * 60 * 1000; /* eleven minutes on: past the window */
  CHECK_INT(check(a, &rf, &err), APP_OK);

  /* fields from the table: reason length */
  char longr[600];
  memset(longr, 'x', sizeof longr - 1);
  longr[sizeof longr - 1] = '\0';
  struct app_action rj = {
      .kind = APP_ACTION_REJECT, .payment_id = REVIEW, .reason = longr};
  CHECK_INT(check(a, &rj, &err), APP_ERR_USAGE);
  CHECK(strstr(err.msg, "limit is 500") != NULL);
  rj.reason = "no proof of funds";
  CHECK_INT(check(a, &rj, &err), APP_OK);

  /* review resolved by conomy: refused as "not offered" */
  CHECK(app_review_resolvable(a));
  CHECK_INT(cache_meta_set(c, "cap.review_resolution", "none"), CACHE_OK);
  CHECK(!app_review_resolvable(a));
  CHECK_INT(check(a, &rj, &err), APP_ERR_REJECTED);
  CHECK(strstr(err.msg, app_review_by_conomy) != NULL);

  app_close(&a);
  cache_close(&c);
  free(path);
  tu_rmdir(dir);
}

TEST_LIST = {{"checks", test_checks}, {NULL, NULL}};
