/*
 * currency - the currency code -> minor-unit exponent table.
 *
 * Contract currencies first (CLP PYG COP 0; USDC USDT 6; the rest 2), then
 * other ISO 4217 codes a Latin American payments desk meets, with their ISO
 * exponents. Lookup is a linear scan: the table is tiny and const.
 */
#include "core/currency.h"

#include <stddef.h>
#include <string.h>

struct currency_entry {
  const char *code;
  int exponent;
};

static const struct currency_entry currency_table[] = {
    /* The conomy_hq contract. */
    {"CLP", 0}, {"PYG", 0}, {"COP", 0},
    {"USDC", 6}, {"USDT", 6},
    {"ARS", 2}, {"BRL", 2}, {"MXN", 2}, {"PEN", 2}, {"BOB", 2},
    {"USD", 2}, {"EUR", 2}, {"GBP", 2}, {"CAD", 2}, {"AUD", 2},
    {"UYU", 2}, {"VES", 2},
    /* Other codes seen around LatAm payments (ISO 4217 exponents). */
    {"CRC", 2}, {"DOP", 2}, {"GTQ", 2}, {"HNL", 2}, {"NIO", 2},
    {"PAB", 2}, {"SVC", 2}, {"CUP", 2}, {"HTG", 2}, {"JMD", 2},
    {"TTD", 2}, {"BZD", 2}, {"BSD", 2}, {"BBD", 2}, {"XCD", 2},
    {"GYD", 2}, {"SRD", 2}, {"AWG", 2}, {"ANG", 2}, {"KYD", 2},
    {"CLF", 4}, {"UYI", 0}, {"CHF", 2}, {"CNY", 2}, {"INR", 2},
    {"JPY", 0}, {"KRW", 0}, {"KWD", 3}, {"BHD", 3}, {"NZD", 2},
    {"SEK", 2}, {"NOK", 2}, {"DKK", 2},
};

#define CURRENCY_COUNT (sizeof currency_table / sizeof currency_table[0])

static const char *const currency_code_list[CURRENCY_COUNT + 1] = {
    "CLP", "PYG", "COP", "USDC", "USDT", "ARS", "BRL", "MXN", "PEN", "BOB",
    "USD", "EUR", "GBP", "CAD", "AUD", "UYU", "VES", "CRC", "DOP", "GTQ",
    "HNL", "NIO", "PAB", "SVC", "CUP", "HTG", "JMD", "TTD", "BZD", "BSD",
    "BBD", "XCD", "GYD", "SRD", "AWG", "ANG", "KYD", "CLF", "UYI", "CHF",
    "CNY", "INR", "JPY", "KRW", "KWD", "BHD", "NZD", "SEK", "NOK", "DKK",
    NULL,
};

_Static_assert(sizeof currency_code_list / sizeof currency_code_list[0] ==
                   CURRENCY_COUNT + 1,
               "currency_code_list must list every table entry");

int currency_exponent(const char *code) {
  if (code == NULL)
    return -1;
  for (size_t i = 0; i < CURRENCY_COUNT; i++)
    if (strcmp(currency_table[i].code, code) == 0)
      return currency_table[i].exponent;
  return -1;
}

bool currency_is_known(const char *code) {
  return currency_exponent(code) >= 0;
}

bool currency_code_ok(const char *code) {
  size_t n = 0;
  if (code == NULL)
    return false;
  for (; code[n]; n++)
    if ((unsigned char)code[n] <= ' ' || (unsigned char)code[n] >= 0x7f ||
        n >= 7)
      return false;
  return n > 0;
}

int currency_exponent_any(const char *code) {
  int exp = currency_exponent(code);
  if (exp >= 0)
    return exp;
  return currency_code_ok(code) ? CURRENCY_FREE_EXP : -1;
}

const char *const *currency_codes(void) { return currency_code_list; }
