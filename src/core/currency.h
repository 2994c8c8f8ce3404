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
/* The known codes, NULL-terminated, in table order. */
const char *const *currency_codes(void);

#endif
