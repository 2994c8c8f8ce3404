/* action: the one table of which action applies to which payment, and the
 * field limits, defined once. */
#include <stdlib.h>

#include "core/action.h"
#include "core/currency.h"
#include "core/money.h"
#include "test.h"

static char id_p1[] = "p1", acc1[] = "ACC1", uploaded[] = "UPLOADED",
            pending_upload[] = "PENDING_UPLOAD";

static struct payment pay(enum payment_type t, enum payment_status s,
                          const char *currency, char *account) {
  struct payment p;
  memset(&p, 0, sizeof p);
  p.id = id_p1;
  p.type = t;
  p.status = s;
  snprintf(p.total.currency, sizeof p.total.currency, "%s", currency);
  p.total.minor = 10000;
  p.account_number = account;
  return p;
}

/* The expected statuses of each action, written out by hand. */
static void test_statuses(void) {
  static const struct {
    enum action_kind k;
    enum payment_status ok[3];
  } want[] = {
      {ACTION_CAPTURE, {PAYMENT_STATUS_CREATED, PAYMENT_STATUS_AUTHORIZED}},
      {ACTION_AUTHORIZE, {PAYMENT_STATUS_CREATED}},
      {ACTION_REFUND, {PAYMENT_STATUS_SETTLED}},
      {ACTION_REJECT, {PAYMENT_STATUS_REQUIRES_REVIEW}},
      {ACTION_UPLOAD, {PAYMENT_STATUS_REQUIRES_REVIEW}},
  };
  char why[256];
  for (size_t i = 0; i < sizeof want / sizeof want[0]; i++)
    for (int s = 0; s < PAYMENT_STATUS_COUNT_; s++) {
      bool expect = false;
      for (int j = 0; j < 3; j++)
        expect = expect || (want[i].ok[j] == (enum payment_status)s &&
                            want[i].ok[j] != PAYMENT_STATUS_UNKNOWN);
      struct payment p =
          pay(PAYMENT_TYPE_PURCHASE, (enum payment_status)s, "USD", NULL);
      why[0] = '\0';
      bool got = action_applies(want[i].k, &p, why, sizeof why);
      if (got != expect)
        fprintf(stderr, "%s on %s: got %d\n", action_spec(want[i].k)->name,
                payment_status_name((enum payment_status)s), got);
      CHECK(got == expect);
      CHECK(got || why[0] != '\0');
    }
}

/* Every status an action starts from can move to its target. */
static void test_agrees_with_state_machine(void) {
  char why[256];
  for (int k = 0; k < ACTION_COUNT_; k++) {
    const struct action_spec *sp = action_spec((enum action_kind)k);
    if (sp->target == PAYMENT_STATUS_UNKNOWN)
      continue;
    for (int s = 0; s < PAYMENT_STATUS_COUNT_; s++) {
      struct payment p =
          pay(PAYMENT_TYPE_PURCHASE, (enum payment_status)s, "USD", acc1);
      p.documentation_status = uploaded;
      if (action_applies((enum action_kind)k, &p, why, sizeof why))
        CHECK(
            payment_status_can_transition((enum payment_status)s, sp->target));
    }
  }
}

static void test_topups(void) {
  char why[256];
  struct payment un =
      pay(PAYMENT_TYPE_TOPUP_ACCOUNT, PAYMENT_STATUS_CREATED, "CLP", NULL);
  CHECK(!action_applies(ACTION_CAPTURE, &un, why, sizeof why));
  CHECK(strstr(why, "unassigned topup") != NULL);
  CHECK(!action_applies(ACTION_AUTHORIZE, &un, why, sizeof why));
  CHECK(action_applies(ACTION_ASSIGN, &un, why, sizeof why));
  struct payment as =
      pay(PAYMENT_TYPE_TOPUP_ACCOUNT, PAYMENT_STATUS_CREATED, "CLP", acc1);
  CHECK(action_applies(ACTION_CAPTURE, &as, why, sizeof why));
  CHECK(!action_applies(ACTION_ASSIGN, &as, why, sizeof why));
  struct payment rf =
      pay(PAYMENT_TYPE_REFUND, PAYMENT_STATUS_SETTLED, "USD", NULL);
  CHECK(!action_applies(ACTION_REFUND, &rf, why, sizeof why));
  CHECK(strstr(why, "cannot itself be refunded") != NULL);
}

static void test_unknown_currency(void) {
  char why[256];
  CHECK(!currency_is_known("XTS"));
  struct payment p =
      pay(PAYMENT_TYPE_PURCHASE, PAYMENT_STATUS_CREATED, "XTS", NULL);
  CHECK(!action_applies(ACTION_CAPTURE, &p, why, sizeof why));
  CHECK(strstr(why, "XTS") != NULL && strstr(why, "refused") != NULL);
  p.status = PAYMENT_STATUS_SETTLED;
  CHECK(!action_applies(ACTION_REFUND, &p, why, sizeof why));
  /* review actions move no money */
  p.status = PAYMENT_STATUS_REQUIRES_REVIEW;
  CHECK(action_applies(ACTION_REJECT, &p, why, sizeof why));
}

static void test_approve_needs_document(void) {
  char why[256];
  struct payment p =
      pay(PAYMENT_TYPE_PURCHASE, PAYMENT_STATUS_REQUIRES_REVIEW, "USD", NULL);
  p.documentation_status = pending_upload;
  CHECK(!action_applies(ACTION_APPROVE, &p, why, sizeof why));
  CHECK(strstr(why, "PENDING_UPLOAD") != NULL);
  p.documentation_status = uploaded;
  CHECK(action_applies(ACTION_APPROVE, &p, why, sizeof why));
}

static void test_fields(void) {
  char why[256], longr[ACTION_REASON_MAX + 2];
  CHECK(!action_reason_ok(ACTION_REJECT, NULL, why, sizeof why));
  CHECK(!action_reason_ok(ACTION_REJECT, "", why, sizeof why));
  CHECK(action_reason_ok(ACTION_REJECT, "fraud", why, sizeof why));
  CHECK(action_reason_ok(ACTION_REFUND, NULL, why, sizeof why));
  memset(longr, 'x', sizeof longr - 1);
  longr[sizeof longr - 1] = '\0';
  CHECK(!action_reason_ok(ACTION_REFUND, longr, why, sizeof why));
  CHECK(strstr(why, "500") != NULL);
  longr[ACTION_REASON_MAX] = '\0';
  CHECK(action_reason_ok(ACTION_REFUND, longr, why, sizeof why));

  CHECK(action_file_size_ok(ACTION_UPLOAD_MAX_BYTES, why, sizeof why));
  CHECK(!action_file_size_ok(ACTION_UPLOAD_MAX_BYTES + 1, why, sizeof why));
  CHECK(action_doc_type_ok("source_of_funds"));
  CHECK(!action_doc_type_ok("passport"));
  CHECK(!action_doc_type_ok(NULL));
  size_t n = 0;
  for (const char *const *t = action_doc_types(); *t; t++)
    n++;
  CHECK_INT(n, 5);

  enum action_kind k;
  CHECK(action_from_name("reject", &k) && k == ACTION_REJECT);
  CHECK(!action_from_name("delete", &k));
  CHECK(action_spec(ACTION_COUNT_) == NULL);
}

static void test_refund_amounts(void) {
  char why[256];
  struct payment p =
      pay(PAYMENT_TYPE_PURCHASE, PAYMENT_STATUS_SETTLED, "USD", NULL);
  struct money max = {.minor = 5000, .currency = "USD"}, m;
  CHECK(action_refund_amount_ok(&p, NULL, &max, &m, why, sizeof why));
  CHECK_INT(m.minor, 5000);
  CHECK(action_refund_amount_ok(&p, "50.00", &max, &m, why, sizeof why));
  CHECK_INT(m.minor, 5000);
  CHECK(!action_refund_amount_ok(&p, "50.01", &max, &m, why, sizeof why));
  CHECK(strstr(why, "exceeds maxRefundable 50.00") != NULL);
  CHECK(!action_refund_amount_ok(&p, "0", &max, &m, why, sizeof why));
  CHECK(!action_refund_amount_ok(&p, "1.001", &max, &m, why, sizeof why));
  CHECK(!action_refund_amount_ok(&p, "abc\x1b[2J", &max, &m, why, sizeof why));
  CHECK(strchr(why, '\x1b') == NULL);
  struct money none = {.minor = 0, .currency = "USD"};
  CHECK(!action_refund_amount_ok(&p, NULL, &none, &m, why, sizeof why));
  CHECK(strstr(why, "nothing left") != NULL);
}

TEST_LIST = {{"statuses", test_statuses},
             {"agrees_with_state_machine", test_agrees_with_state_machine},
             {"topups", test_topups},
             {"unknown_currency", test_unknown_currency},
             {"approve_needs_document", test_approve_needs_document},
             {"fields", test_fields},
             {"refund_amounts", test_refund_amounts},
             {NULL, NULL}};
