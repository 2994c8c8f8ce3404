/*
 * money - exact decimal amounts in int64 minor units.
 *
 * Parsing accumulates the value negatively (so that INT64_MIN is reachable)
 * with __builtin_*_overflow on every step; formatting works on the unsigned
 * magnitude. No floating point anywhere. An amount in a free currency code
 * (not in the table, see currency.h) is in millionths and formats with the
 * decimals it needs; an empty or unusable code formats with exponent 0.
 */
#include "core/money.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "core/currency.h"

/* Exponents above this cannot be converted to micro-units exactly. */
#define MONEY_MICRO_EXP 6

static const int64_t money_pow10[] = {
    1, 10, 100, 1000, 10000, 100000, 1000000, 10000000, 100000000,
};

/*
 * Parse "[-]digits[.digits]" with at most `exp` decimals into units of
 * 10^-exp. The grammar is checked in full before the value, so that junk
 * is always CORE_ERR_INVALID rather than a precision or overflow error.
 */
static enum core_err money_parse_decimal(const char *s, int exp, bool lenient,
                                         int64_t *out) {
  const char *p = s, *int_start, *frac_start = NULL;
  size_t int_len, frac_len = 0;
  bool neg = false;
  int64_t acc = 0;

  if (s == NULL)
    return CORE_ERR_INVALID;
  if (*p == '-') {
    neg = true;
    p++;
  }
  int_start = p;
  while (*p >= '0' && *p <= '9')
    p++;
  int_len = (size_t)(p - int_start);
  if (int_len == 0)
    return CORE_ERR_INVALID; /* "", "-", ".5", "+1", " 1" */
  if (*p == '.') {
    p++;
    frac_start = p;
    while (*p >= '0' && *p <= '9')
      p++;
    frac_len = (size_t)(p - frac_start);
    if (frac_len == 0)
      return CORE_ERR_INVALID; /* "1." */
  }
  if (*p != '\0')
    return CORE_ERR_INVALID; /* exponents, spaces, trailing junk */
  if (frac_len > (size_t)exp) {
    /* Lenient: "700000.00" CLP is exact; "1.005" CLP is not. */
    for (size_t i = (size_t)exp; lenient && i < frac_len; i++)
      if (frac_start[i] != '0')
        return CORE_ERR_PRECISION;
    if (!lenient)
      return CORE_ERR_PRECISION;
    frac_len = (size_t)exp;
  }

  /* acc holds -|value| so that INT64_MIN fits. */
  for (size_t i = 0; i < int_len + (size_t)exp; i++) {
    int digit = 0;
    if (i < int_len)
      digit = int_start[i] - '0';
    else if (i - int_len < frac_len)
      digit = frac_start[i - int_len] - '0';
    if (__builtin_mul_overflow(acc, (int64_t)10, &acc) ||
        __builtin_sub_overflow(acc, (int64_t)digit, &acc))
      return CORE_ERR_OVERFLOW;
  }
  if (!neg) {
    if (acc == INT64_MIN)
      return CORE_ERR_OVERFLOW;
    acc = -acc;
  }
  *out = acc;
  return CORE_OK;
}

static enum core_err money_parse_exp(const char *s, const char *currency,
                                     int exp, bool lenient,
                                     struct money *out) {
  int64_t minor;
  enum core_err err;

  if (exp < 0 || strlen(currency) >= sizeof out->currency)
    return CORE_ERR_CURRENCY;
  err = money_parse_decimal(s, exp, lenient, &minor);
  if (err != CORE_OK)
    return err;
  out->minor = minor;
  memset(out->currency, 0, sizeof out->currency);
  memcpy(out->currency, currency, strlen(currency));
  return CORE_OK;
}

enum core_err money_parse(const char *s, const char *currency,
                          struct money *out) {
  return money_parse_exp(s, currency, currency_exponent(currency), false,
                         out);
}

enum core_err money_parse_lenient(const char *s, const char *currency,
                                  struct money *out) {
  return money_parse_exp(s, currency, currency_exponent_any(currency), true,
                         out);
}

static int money_exp_for_format(const struct money *m) {
  int exp = currency_exponent_any(m->currency);
  return exp < 0 ? 0 : exp;
}

/*
 * Shared formatter. Builds the text right to left in a local buffer:
 * decimals, '.', integer digits (grouped by 3 with ',' when asked), sign.
 */
static int money_format_impl(const struct money *m, char *buf, size_t len,
                             bool grouped) {
  char tmp[MONEY_FMT_MAX];
  size_t pos = sizeof tmp;
  int exp = money_exp_for_format(m);
  uint64_t mag, scale = (uint64_t)money_pow10[exp], ipart, fpart;
  int digits = 0;
  size_t n;

  if (buf == NULL)
    return -1;
  mag = m->minor < 0 ? (uint64_t)(-(m->minor + 1)) + 1u : (uint64_t)m->minor;
  ipart = mag / scale;
  fpart = mag % scale;
  if (!currency_is_known(m->currency)) /* free code: the decimals it needs */
    while (exp > 0 && fpart % 10u == 0) {
      fpart /= 10u;
      exp--;
    }

  tmp[--pos] = '\0';
  for (int i = 0; i < exp; i++) {
    tmp[--pos] = (char)('0' + (int)(fpart % 10u));
    fpart /= 10u;
  }
  if (exp > 0)
    tmp[--pos] = '.';
  do {
    if (grouped && digits > 0 && digits % 3 == 0)
      tmp[--pos] = ',';
    tmp[--pos] = (char)('0' + (int)(ipart % 10u));
    ipart /= 10u;
    digits++;
  } while (ipart > 0);
  if (m->minor < 0)
    tmp[--pos] = '-';

  n = sizeof tmp - pos; /* includes the NUL */
  if (n > len)
    return -1;
  memcpy(buf, tmp + pos, n);
  return (int)(n - 1);
}

int money_format(const struct money *m, char *buf, size_t len) {
  return money_format_impl(m, buf, len, false);
}

int money_format_grouped(const struct money *m, char *buf, size_t len) {
  return money_format_impl(m, buf, len, true);
}

enum core_err money_add(const struct money *a, const struct money *b,
                        struct money *out) {
  int64_t r;
  if (strcmp(a->currency, b->currency) != 0)
    return CORE_ERR_CURRENCY_MISMATCH;
  if (__builtin_add_overflow(a->minor, b->minor, &r))
    return CORE_ERR_OVERFLOW;
  if (out != a)
    memcpy(out->currency, a->currency, sizeof out->currency);
  out->minor = r;
  return CORE_OK;
}

enum core_err money_sub(const struct money *a, const struct money *b,
                        struct money *out) {
  int64_t r;
  if (strcmp(a->currency, b->currency) != 0)
    return CORE_ERR_CURRENCY_MISMATCH;
  if (__builtin_sub_overflow(a->minor, b->minor, &r))
    return CORE_ERR_OVERFLOW;
  if (out != a)
    memcpy(out->currency, a->currency, sizeof out->currency);
  out->minor = r;
  return CORE_OK;
}

enum core_err money_cmp(const struct money *a, const struct money *b,
                        int *cmp) {
  if (strcmp(a->currency, b->currency) != 0)
    return CORE_ERR_CURRENCY_MISMATCH;
  *cmp = a->minor < b->minor ? -1 : a->minor > b->minor ? 1 : 0;
  return CORE_OK;
}

enum core_err money_to_micro(const struct money *m, int64_t *out) {
  int exp = currency_exponent_any(m->currency);
  int64_t r;
  if (exp < 0)
    return CORE_ERR_CURRENCY;
  if (exp > MONEY_MICRO_EXP)
    return CORE_ERR_PRECISION;
  if (__builtin_mul_overflow(m->minor, money_pow10[MONEY_MICRO_EXP - exp], &r))
    return CORE_ERR_OVERFLOW;
  *out = r;
  return CORE_OK;
}

enum core_err money_parse_micro(const char *s, int64_t *out) {
  return money_parse_decimal(s, MONEY_MICRO_EXP, false, out);
}

enum core_err money_parse_typed(const char *s, const char *currency,
                                struct money *out) {
  char buf[64];
  size_t n = 0;
  if (s == NULL)
    return CORE_ERR_INVALID;
  for (const char *p = s; *p; p++) {
    if (*p == ',')
      continue;
    if (n + 1 >= sizeof buf)
      return CORE_ERR_INVALID;
    buf[n++] = *p;
  }
  buf[n] = '\0';
  if (strchr(buf, '.')) {
    while (n > 0 && buf[n - 1] == '0')
      buf[--n] = '\0';
    if (n > 0 && buf[n - 1] == '.')
      buf[--n] = '\0';
  }
  if (n == 0 || strcmp(buf, "-") == 0)
    return CORE_ERR_INVALID;
  return money_parse(buf, currency, out);
}

enum core_err money_parse_positive(const char *s, const char *currency,
                                   struct money *out, char *why, size_t len) {
  struct money m;
  enum core_err e = money_parse(s ? s : "", currency, &m);
  int exp = currency_exponent(currency);
  if (e == CORE_OK && m.minor <= 0) {
    snprintf(why, len, "must be above zero (got %s)", s);
    return CORE_ERR_INVALID;
  }
  if (e == CORE_ERR_PRECISION && exp == 0)
    snprintf(why, len, "%s amounts have no decimals: %s", currency, s);
  else if (e == CORE_ERR_PRECISION)
    snprintf(why, len, "%s amounts have at most %d decimals: %s", currency,
             exp, s);
  else if (e == CORE_ERR_CURRENCY)
    snprintf(why, len, "unknown currency %s", currency);
  else if (e == CORE_ERR_OVERFLOW)
    snprintf(why, len, "too large: %s", s);
  else if (e != CORE_OK)
    snprintf(why, len,
             "not an amount: %s (digits, an optional '.' and decimals, no "
             "separators)",
             s ? s : "");
  if (e == CORE_OK)
    *out = m;
  return e;
}
