/*
 * currency - ISO 4217 (and stablecoin) codes and their minor-unit exponent.
 *
 * The table follows the conomy_hq contract: CLP, PYG, COP have 0 decimals;
 * USDC and USDT 6; every other listed currency 2. An unknown code is not an
 * error for display, but amounts in it cannot be parsed exactly.
 */
#ifndef DESK_CORE_CURRENCY_H
#define DESK_CORE_CURRENCY_H

#include <stdbool.h>

/* Exponent (number of decimals) of `code`, or -1 when the code is unknown.
 * Codes are matched exactly (upper case, 3-4 letters). */
int currency_exponent(const char *code);
bool currency_is_known(const char *code);

/* The API's `currency` is a free string: a code outside the table is still
 * a currency when it is 1-7 printable ASCII characters without spaces.
 * Amounts in such a code are held in millionths of a major unit
 * (CURRENCY_FREE_EXP decimals), exact for anything sent with up to 6
 * decimals, and shown with only the decimals they need. Money actions on
 * them are refused (currency_is_known() is false). */
#define CURRENCY_FREE_EXP 6
bool currency_code_ok(const char *code);
/* currency_exponent() for a table code, CURRENCY_FREE_EXP for any other
 * acceptable code, -1 otherwise. */
int currency_exponent_any(const char *code);
/* The known codes, NULL-terminated, in table order. */
const char *const *currency_codes(void);

#endif
