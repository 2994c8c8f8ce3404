/*
 * refund - the refund summary of one parent payment (seed 002 buckets).
 * Refund children themselves are struct payment (type REFUND).
 */
#ifndef DESK_CORE_REFUND_H
#define DESK_CORE_REFUND_H

#include <stddef.h>
#include <stdint.h>

#include "core/err.h"
#include "core/money.h"

struct refund_summary {
  char parent_id[32];
  struct money parent_amount;
  struct money total_refunded;    /* children SETTLED */
  struct money total_in_progress; /* CREATED, AUTHORIZED, CAPTURED, RECEIVED */
  struct money total_failed;      /* FAILED, EXPIRED, UNSETTLED */
  struct money max_refundable;    /* parent - (refunded + in progress) */
  int64_t completed_count, in_progress_count, failed_count;
};

struct payment;

/* Compute the summary from a parent and its refund children (exact
 * arithmetic; children in another currency are CORE_ERR_CURRENCY_MISMATCH,
 * sums that do not fit CORE_ERR_OVERFLOW; *out is untouched on error).
 * Statuses other than SETTLED / FAILED / EXPIRED / UNSETTLED count as in
 * progress. max_refundable is not clamped: it is negative when the children
 * already exceed the parent, and the caller decides how to show that.
 * Used by the desk to check a refund locally and to show the buckets from
 * the cache. */
enum core_err refund_summary_compute(const struct payment *parent,
                                     const struct payment *children,
                                     size_t n, struct refund_summary *out);

#endif
