/*
 * money - exact decimal amounts.
 *
 * An amount is an integer count of the currency's minor units plus the
 * currency code. Amounts enter and leave as decimal strings in major units
 * ("2000.00", "700000", "10.123456"), exactly as the API sends them; no
 * floating point is ever involved. Arithmetic is overflow-checked and refuses
 * to mix currencies.
 */
#ifndef DESK_CORE_MONEY_H
#define DESK_CORE_MONEY_H

#include <stddef.h>
#include <stdint.h>

#include "core/err.h"

struct money {
  int64_t minor;     /* amount in minor units of `currency` */
  char currency[8];  /* NUL-terminated code, e.g. "USD", "USDC" */
};

/* Longest string money_format can produce, including the NUL. */
#define MONEY_FMT_MAX 48

/*
 * Parse a decimal string in major units: optional '-', digits, optional '.'
 * and up to the currency's exponent digits. Rejects empty strings, '+',
 * exponents, spaces, more decimals than the exponent, unknown currencies and
 * values that overflow int64 minor units.
 * Returns CORE_OK, CORE_ERR_INVALID, CORE_ERR_PRECISION, CORE_ERR_CURRENCY
 * or CORE_ERR_OVERFLOW; *out is written only on success.
 */
enum core_err money_parse(const char *s, const char *currency,
                          struct money *out);

/*
 * The API's reading of an amount (money_parse stays strict for what the
 * desk and the sandbox accept from people): more decimals than the
 * exponent are accepted when they are zeros ("700000.00" CLP = 700000,
 * never rounded; "1.005" CLP is CORE_ERR_PRECISION), and a free currency
 * code (currency_code_ok) is parsed with CURRENCY_FREE_EXP decimals.
 */
enum core_err money_parse_lenient(const char *s, const char *currency,
                                  struct money *out);


/* Format as a plain decimal with exactly the currency's exponent digits
 * ("2000.00", "700000", "-0.50"); a free currency code shows the decimals
 * it needs ("1500.5 PKR"), any other code outside the table an integer. Returns the length, or -1 if buf is too small (MONEY_FMT_MAX
 * is always enough). */
int money_format(const struct money *m, char *buf, size_t len);

/* Like money_format but with thousands separators for display
 * ("1,234,567.89"). */
int money_format_grouped(const struct money *m, char *buf, size_t len);

/* out = a + b / a - b. CORE_ERR_CURRENCY_MISMATCH or CORE_ERR_OVERFLOW on
 * failure (out untouched). out may alias a or b. */
enum core_err money_add(const struct money *a, const struct money *b,
                        struct money *out);
enum core_err money_sub(const struct money *a, const struct money *b,
                        struct money *out);

/* *cmp = -1, 0 or 1. CORE_ERR_CURRENCY_MISMATCH when currencies differ. */
enum core_err money_cmp(const struct money *a, const struct money *b,
                        int *cmp);

/* Amount in micro-units of a major unit (1e-6), for comparing amounts of
 * different currencies by their major value (filters, sorting). Exact for
 * every currency with exponent <= 6. CORE_ERR_OVERFLOW / CORE_ERR_CURRENCY. */
enum core_err money_to_micro(const struct money *m, int64_t *out);
/* Parse a currency-less decimal ("100", "2000.5") into micro-units. */
enum core_err money_parse_micro(const char *s, int64_t *out);

/* Like money_parse, for an amount a person typed: thousands separators
 * (',') and trailing zeros after the point are accepted, so "5800.2",
 * "5,800.20" and "5800.200" are the same USD amount. Nothing inexact is
 * accepted ("5800.201" USD is CORE_ERR_PRECISION). */
enum core_err money_parse_typed(const char *s, const char *currency,
                                struct money *out);
/* Parses an amount that must be positive, as strictly as money_parse
 * (it is sent as typed). On failure writes a reason
 * a person can act on into why ("COP amounts have no decimals: 1.00",
 * "MXN amounts have at most 2 decimals: 10.123", "must be above zero")
 * and returns the error (CORE_ERR_INVALID for zero or negative). */
enum core_err money_parse_positive(const char *s, const char *currency,
                                   struct money *out, char *why, size_t len);
#endif
