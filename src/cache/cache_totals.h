/*
 * cache_totals - counts and exact amount sums of the cached payments
 * matching a filter, grouped by status and currency, in one query (the
 * Payments pane's summary header).
 */
#ifndef DESK_CACHE_CACHE_TOTALS_H
#define DESK_CACHE_CACHE_TOTALS_H

#include <stddef.h>
#include <stdint.h>

#include "cache/cache.h"
#include "core/filter.h"
#include "core/payment_status.h"

struct cache_total {
  enum payment_status status;
  char currency[8];
  int64_t count;
  int64_t minor; /* exact sum of amount_minor */
};

struct cache_totals {
  struct cache_total *items;
  size_t count, cap;
};

void cache_totals_cleanup(struct cache_totals *t);

/* One row per (status, currency) among the payments matching f (NULL =
 * all). Sums are exact integers: a sum that would overflow int64 is
 * CACHE_ERR_IO (SQLite refuses it), never a rounded value. */
enum cache_err cache_payments_totals(struct cache *c, const struct filter *f,
                                     struct cache_totals *out);


/* Payments matching f created on each of `days` UTC days from day0_ms
 * (a day's start), oldest first, into counts[0..days). One range read of
 * the created index. */
enum cache_err cache_payments_daily(struct cache *c, const struct filter *f,
                                    int64_t day0_ms, int days,
                                    int64_t *counts);

#endif
