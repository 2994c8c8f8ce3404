/*
 * refund - the refund summary of one parent payment.
 *
 * Buckets (seed 002): a SETTLED child is refunded; FAILED, EXPIRED and
 * UNSETTLED children failed; every other status (CREATED, AUTHORIZED,
 * CAPTURED, RECEIVED, and conservatively REQUIRES_REVIEW, ATTEMPT, UNKNOWN
 * and the value-only statuses) counts as in progress, because such money
 * may still leave. max_refundable = parent - (refunded + in progress) as
 * computed: it may be negative when the server over-refunded, and callers
 * decide how to show that; it is never clamped here.
 */
#include "core/refund.h"

#include <string.h>

#include "core/payment.h"

enum refund_bucket { REFUND_DONE, REFUND_IN_PROGRESS, REFUND_FAILED };

static enum refund_bucket refund_bucket_of(enum payment_status s) {
  switch (s) {
  case PAYMENT_STATUS_SETTLED:
    return REFUND_DONE;
  case PAYMENT_STATUS_FAILED:
  case PAYMENT_STATUS_EXPIRED:
  case PAYMENT_STATUS_UNSETTLED:
    return REFUND_FAILED;
  default:
    return REFUND_IN_PROGRESS;
  }
}

enum core_err refund_summary_compute(const struct payment *parent,
                                     const struct payment *children,
                                     size_t n, struct refund_summary *out) {
  struct refund_summary r;
  struct money committed;
  enum core_err err = CORE_OK;

  memset(&r, 0, sizeof r);
  if (parent->id != NULL) {
    size_t len = strlen(parent->id);
    if (len >= sizeof r.parent_id)
      len = sizeof r.parent_id - 1;
    memcpy(r.parent_id, parent->id, len);
  }
  r.parent_amount = parent->total;
  r.total_refunded.minor = 0;
  memcpy(r.total_refunded.currency, parent->total.currency,
         sizeof r.total_refunded.currency);
  r.total_in_progress = r.total_refunded;
  r.total_failed = r.total_refunded;

  for (size_t i = 0; i < n; i++) {
    const struct payment *c = &children[i];
    struct money *bucket;
    int64_t *count;

    switch (refund_bucket_of(c->status)) {
    case REFUND_DONE:
      bucket = &r.total_refunded;
      count = &r.completed_count;
      break;
    case REFUND_FAILED:
      bucket = &r.total_failed;
      count = &r.failed_count;
      break;
    default:
      bucket = &r.total_in_progress;
      count = &r.in_progress_count;
      break;
    }
    err = money_add(bucket, &c->total, bucket);
    if (err != CORE_OK)
      goto out;
    (*count)++;
  }
  err = money_add(&r.total_refunded, &r.total_in_progress, &committed);
  if (err != CORE_OK)
    goto out;
  err = money_sub(&r.parent_amount, &committed, &r.max_refundable);
  if (err != CORE_OK)
    goto out;
  *out = r;
out:
  return err;
}
