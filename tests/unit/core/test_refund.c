/*
 * test_refund - refund summary buckets and exact totals.
 */
#include <stdint.h>
#include <string.h>

#include "core/payment.h"
#include "core/refund.h"
#include "test.h"

static struct payment pay(enum payment_status s, int64_t minor,
                          const char *cur) {
  struct payment p;
  memset(&p, 0, sizeof p);
  p.status = s;
  p.total.minor = minor;
  snprintf(p.total.currency, sizeof p.total.currency, "%s", cur);
  return p;
}

static void test_buckets(void) {
  struct payment parent = pay(PAYMENT_STATUS_SETTLED, 100000, "USD");
  struct payment kids[] = {
      pay(PAYMENT_STATUS_SETTLED, 1000, "USD"),
      pay(PAYMENT_STATUS_SETTLED, 2500, "USD"),
      pay(PAYMENT_STATUS_CREATED, 100, "USD"),
      pay(PAYMENT_STATUS_AUTHORIZED, 200, "USD"),
      pay(PAYMENT_STATUS_CAPTURED, 300, "USD"),
      pay(PAYMENT_STATUS_RECEIVED, 400, "USD"),
      pay(PAYMENT_STATUS_REQUIRES_REVIEW, 500, "USD"),
      pay(PAYMENT_STATUS_UNKNOWN, 600, "USD"),
      pay(PAYMENT_STATUS_FAILED, 7000, "USD"),
      pay(PAYMENT_STATUS_EXPIRED, 8000, "USD"),
      pay(PAYMENT_STATUS_UNSETTLED, 9000, "USD"),
  };
  struct refund_summary r;
  char id[] = "65f1a2b3c4d5e6f7a8b9c0d1";

  parent.id = id;
  CHECK_INT(refund_summary_compute(&parent, kids,
                                   sizeof kids / sizeof kids[0], &r),
            CORE_OK);
  CHECK_STR(r.parent_id, id);
  CHECK_INT(r.parent_amount.minor, 100000);
  CHECK_INT(r.total_refunded.minor, 3500);
  CHECK_INT(r.total_in_progress.minor, 2100);
  CHECK_INT(r.total_failed.minor, 24000);
  CHECK_INT(r.max_refundable.minor, 100000 - 3500 - 2100);
  CHECK_STR(r.max_refundable.currency, "USD");
  CHECK_STR(r.total_failed.currency, "USD");
  CHECK_INT(r.completed_count, 2);
  CHECK_INT(r.in_progress_count, 6);
  CHECK_INT(r.failed_count, 3);
}

static void test_no_children(void) {
  struct payment parent = pay(PAYMENT_STATUS_SETTLED, 700000, "CLP");
  struct refund_summary r;
  CHECK_INT(refund_summary_compute(&parent, NULL, 0, &r), CORE_OK);
  CHECK_STR(r.parent_id, "");
  CHECK_INT(r.max_refundable.minor, 700000);
  CHECK_STR(r.total_refunded.currency, "CLP");
  CHECK_INT(r.total_refunded.minor, 0);
  CHECK_INT(r.completed_count + r.in_progress_count + r.failed_count, 0);
}

static void test_over_refunded_is_negative(void) {
  struct payment parent = pay(PAYMENT_STATUS_SETTLED, 1000, "USD");
  struct payment kids[] = {pay(PAYMENT_STATUS_SETTLED, 800, "USD"),
                           pay(PAYMENT_STATUS_RECEIVED, 300, "USD")};
  struct refund_summary r;
  CHECK_INT(refund_summary_compute(&parent, kids, 2, &r), CORE_OK);
  CHECK_INT(r.max_refundable.minor, -100);
}

static void test_errors(void) {
  struct payment parent = pay(PAYMENT_STATUS_SETTLED, 1000, "USD");
  struct payment mixed[] = {pay(PAYMENT_STATUS_SETTLED, 1, "USD"),
                            pay(PAYMENT_STATUS_SETTLED, 1, "EUR")};
  struct payment huge[] = {pay(PAYMENT_STATUS_SETTLED, INT64_MAX, "USD"),
                           pay(PAYMENT_STATUS_SETTLED, 1, "USD")};
  struct refund_summary r;
  memset(&r, 0x5a, sizeof r);
  CHECK_INT(refund_summary_compute(&parent, mixed, 2, &r),
            CORE_ERR_CURRENCY_MISMATCH);
  CHECK_INT(r.completed_count, 0x5a5a5a5a5a5a5a5a); /* untouched */
  CHECK_INT(refund_summary_compute(&parent, huge, 2, &r), CORE_ERR_OVERFLOW);
  /* refunded + in progress overflows even though each bucket fits */
  huge[1].status = PAYMENT_STATUS_CREATED;
  CHECK_INT(refund_summary_compute(&parent, huge, 2, &r), CORE_ERR_OVERFLOW);
}

static void test_long_parent_id(void) {
  struct payment parent = pay(PAYMENT_STATUS_SETTLED, 1, "USD");
  char id[] = "0123456789012345678901234567890123456789";
  struct refund_summary r;
  parent.id = id;
  CHECK_INT(refund_summary_compute(&parent, NULL, 0, &r), CORE_OK);
  CHECK_INT(strlen(r.parent_id), sizeof r.parent_id - 1);
  CHECK(strncmp(r.parent_id, id, sizeof r.parent_id - 1) == 0);
}

TEST_LIST = {
    {"buckets", test_buckets},
    {"no_children", test_no_children},
    {"over_refunded_is_negative", test_over_refunded_is_negative},
    {"errors", test_errors},
    {"long_parent_id", test_long_parent_id},
    {NULL, NULL},
};
