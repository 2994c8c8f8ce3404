/*
 * test_payment_status - names, parsing and every (from, to) pair of the
 * state machine against an explicit expected table.
 */
#include <string.h>

#include "core/payment_status.h"
#include "test.h"

#define N PAYMENT_STATUS_COUNT_

struct edge {
  enum payment_status from, to;
};

/* The contract's state machine, written out edge by edge. */
static const struct edge allowed[] = {
    {PAYMENT_STATUS_ATTEMPT, PAYMENT_STATUS_CREATED},
    {PAYMENT_STATUS_CREATED, PAYMENT_STATUS_AUTHORIZED},
    {PAYMENT_STATUS_CREATED, PAYMENT_STATUS_CAPTURED},
    {PAYMENT_STATUS_AUTHORIZED, PAYMENT_STATUS_CAPTURED},
    {PAYMENT_STATUS_CREATED, PAYMENT_STATUS_REQUIRES_REVIEW},
    {PAYMENT_STATUS_AUTHORIZED, PAYMENT_STATUS_REQUIRES_REVIEW},
    {PAYMENT_STATUS_REQUIRES_REVIEW, PAYMENT_STATUS_CAPTURED},
    {PAYMENT_STATUS_REQUIRES_REVIEW, PAYMENT_STATUS_FAILED},
    {PAYMENT_STATUS_CAPTURED, PAYMENT_STATUS_RECEIVED},
    {PAYMENT_STATUS_RECEIVED, PAYMENT_STATUS_SETTLED},
    {PAYMENT_STATUS_RECEIVED, PAYMENT_STATUS_UNSETTLED},
    {PAYMENT_STATUS_CREATED, PAYMENT_STATUS_SETTLED},
    {PAYMENT_STATUS_CREATED, PAYMENT_STATUS_EXPIRED},
    /* any non-terminal -> FAILED */
    {PAYMENT_STATUS_ATTEMPT, PAYMENT_STATUS_FAILED},
    {PAYMENT_STATUS_CREATED, PAYMENT_STATUS_FAILED},
    {PAYMENT_STATUS_AUTHORIZED, PAYMENT_STATUS_FAILED},
    {PAYMENT_STATUS_CAPTURED, PAYMENT_STATUS_FAILED},
    {PAYMENT_STATUS_RECEIVED, PAYMENT_STATUS_FAILED},
};

static void test_every_pair(void) {
  int allowed_count = 0;
  for (int from = 0; from < N; from++) {
    for (int to = 0; to < N; to++) {
      bool want = false;
      for (size_t i = 0; i < sizeof allowed / sizeof allowed[0]; i++)
        if ((int)allowed[i].from == from && (int)allowed[i].to == to)
          want = true;
      bool got = payment_status_can_transition((enum payment_status)from,
                                               (enum payment_status)to);
      if (got != want)
        fprintf(stderr, "  %s -> %s: got %d want %d\n",
                payment_status_name((enum payment_status)from),
                payment_status_name((enum payment_status)to), got, want);
      CHECK(got == want);
      allowed_count += got;
    }
  }
  CHECK_INT(allowed_count, (int)(sizeof allowed / sizeof allowed[0]));
}

static void test_terminal_has_no_exit(void) {
  for (int s = 0; s < N; s++) {
    if (!payment_status_is_terminal((enum payment_status)s))
      continue;
    for (int to = 0; to < N; to++)
      CHECK(!payment_status_can_transition((enum payment_status)s,
                                           (enum payment_status)to));
  }
}

static void test_out_of_range(void) {
  CHECK(!payment_status_can_transition((enum payment_status)N,
                                       PAYMENT_STATUS_FAILED));
  CHECK(!payment_status_can_transition(PAYMENT_STATUS_CREATED,
                                       (enum payment_status)N));
  CHECK(!payment_status_can_transition((enum payment_status)-1,
                                       PAYMENT_STATUS_FAILED));
  CHECK_STR(payment_status_name((enum payment_status)N), "UNKNOWN");
  CHECK_STR(payment_status_name((enum payment_status)1000), "UNKNOWN");
  CHECK_STR(payment_type_name((enum payment_type)PAYMENT_TYPE_COUNT_),
            "UNKNOWN");
}

static void test_terminal_set(void) {
  static const enum payment_status terminal[] = {
      PAYMENT_STATUS_SETTLED, PAYMENT_STATUS_FAILED, PAYMENT_STATUS_EXPIRED,
      PAYMENT_STATUS_UNSETTLED, PAYMENT_STATUS_REFUNDED};
  for (int s = 0; s < N; s++) {
    bool want = false;
    for (size_t i = 0; i < sizeof terminal / sizeof terminal[0]; i++)
      if ((int)terminal[i] == s)
        want = true;
    CHECK(payment_status_is_terminal((enum payment_status)s) == want);
  }
}

static void test_status_names(void) {
  static const char *const expected[N] = {
      "UNKNOWN",   "ATTEMPT",  "CREATED",  "AUTHORIZED", "REQUIRES_REVIEW",
      "CAPTURED",  "RECEIVED", "SETTLED",  "UNSETTLED",  "EXPIRED",
      "FAILED",    "REFUNDED", "DISPUTED", "REVERSED"};
  for (int s = 0; s < N; s++) {
    const char *name = payment_status_name((enum payment_status)s);
    CHECK_STR(name, expected[s]);
    if (s != PAYMENT_STATUS_UNKNOWN)
      CHECK_INT(payment_status_from_string(name), s);
  }
  CHECK_INT(payment_status_from_string("PENDING"), PAYMENT_STATUS_CREATED);
  CHECK_INT(payment_status_from_string("settled"), PAYMENT_STATUS_UNKNOWN);
  CHECK_INT(payment_status_from_string("ON_HOLD"), PAYMENT_STATUS_UNKNOWN);
  CHECK_INT(payment_status_from_string(""), PAYMENT_STATUS_UNKNOWN);
  CHECK_INT(payment_status_from_string(NULL), PAYMENT_STATUS_UNKNOWN);
  CHECK_INT(payment_status_from_string("SETTLED "), PAYMENT_STATUS_UNKNOWN);
  CHECK_INT(payment_status_from_string("\x1b[2JSETTLED"),
            PAYMENT_STATUS_UNKNOWN);
}

static void test_type_names(void) {
  static const char *const expected[PAYMENT_TYPE_COUNT_] = {
      "UNKNOWN", "PURCHASE",   "TOPUP_ACCOUNT", "WITHDRAWAL_ACCOUNT",
      "P2P",     "COLLECT",    "FEE",           "REMITTANCE",
      "REFUND",  "LOCAL_DEPOSIT"};
  for (int t = 0; t < PAYMENT_TYPE_COUNT_; t++) {
    const char *name = payment_type_name((enum payment_type)t);
    CHECK_STR(name, expected[t]);
    if (t != PAYMENT_TYPE_UNKNOWN)
      CHECK_INT(payment_type_from_string(name), t);
  }
  CHECK_INT(payment_type_from_string("PAYMENT"), PAYMENT_TYPE_PURCHASE);
  CHECK_INT(payment_type_from_string("refund"), PAYMENT_TYPE_UNKNOWN);
  CHECK_INT(payment_type_from_string("CRYPTO"), PAYMENT_TYPE_UNKNOWN);
  CHECK_INT(payment_type_from_string(NULL), PAYMENT_TYPE_UNKNOWN);
}

TEST_LIST = {
    {"every_pair", test_every_pair},
    {"terminal_has_no_exit", test_terminal_has_no_exit},
    {"out_of_range", test_out_of_range},
    {"terminal_set", test_terminal_set},
    {"status_names", test_status_names},
    {"type_names", test_type_names},
    {NULL, NULL},
};
