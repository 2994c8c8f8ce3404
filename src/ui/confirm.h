/*
 * confirm - which money actions need their amount typed again.
 *
 * The threshold is per currency: by default the API's review thresholds
 * (CLP 1,000,000; COP 4,000,000; ARS 1,000,000; PYG 7,000,000; MXN 20,000;
 * BRL 5,000; PEN 4,000; BOB 7,000; 1,000 in USD, EUR, GBP, CAD, AUD, USDC
 * and USDT), all about 1,000 USD. The config key `confirm_over` changes
 * it: `COP:2000000, USD:500` overrides single currencies; a bare amount
 * (`confirm_over = 1000`) replaces the whole table with one figure in every
 * currency's major units. A currency outside the table always asks.
 */
#ifndef DESK_UI_CONFIRM_H
#define DESK_UI_CONFIRM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/money.h"

#define CONFIRM_MAX 32

struct confirm_table {
  struct money at[CONFIRM_MAX]; /* per currency, minor units */
  size_t n;
  bool all_set; /* a bare amount was given: all_micro for every currency */
  int64_t all_micro;
};

/* Fills *t from spec (NULL or "" = the defaults). Returns 0, or -1 with
 * the reason in err. */
int confirm_parse(const char *spec, struct confirm_table *t, char *err,
                  size_t errlen);
/* True when moving `amount` needs the amount typed again. */
bool confirm_needed(const struct confirm_table *t, const struct money *amount);
/* True when `typed` is exactly `want`, in any spelling ("5800.2" and
 * "5,800.20" both confirm 5800.20 USD). */
bool confirm_matches(const char *typed, const struct money *want);

#endif
