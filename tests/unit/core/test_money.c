/*
 * test_money - parsing, formatting and arithmetic of exact amounts.
 */
#include <stdint.h>
#include <string.h>

#include "core/currency.h"
#include "core/money.h"
#include "test.h"

struct parse_case {
  const char *in;
  const char *cur;
  enum core_err err;
  int64_t minor;
};

static const struct parse_case parse_cases[] = {
    /* exponent 2 */
    {"2000.00", "USD", CORE_OK, 200000},
    {"2000", "USD", CORE_OK, 200000},
    {"19.9", "USD", CORE_OK, 1990},
    {"0.01", "USD", CORE_OK, 1},
    {"-0.50", "BRL", CORE_OK, -50},
    {"-0", "USD", CORE_OK, 0},
    {"-0.00", "USD", CORE_OK, 0},
    {"007.10", "MXN", CORE_OK, 710},
    {"1.234", "USD", CORE_ERR_PRECISION, 0},
    {"1.000", "USD", CORE_ERR_PRECISION, 0},
    /* exponent 0 */
    {"700000", "CLP", CORE_OK, 700000},
    {"-15", "PYG", CORE_OK, -15},
    {"10.5", "CLP", CORE_ERR_PRECISION, 0},
    {"10.0", "COP", CORE_ERR_PRECISION, 0},
    {"100", "JPY", CORE_OK, 100},
    /* exponent 6 */
    {"10.123456", "USDC", CORE_OK, 10123456},
    {"10.1", "USDT", CORE_OK, 10100000},
    {"0.000001", "USDC", CORE_OK, 1},
    {"10.1234567", "USDC", CORE_ERR_PRECISION, 0},
    /* exponent 3 */
    {"1.234", "KWD", CORE_OK, 1234},
    /* grammar */
    {"", "USD", CORE_ERR_INVALID, 0},
    {"-", "USD", CORE_ERR_INVALID, 0},
    {".", "USD", CORE_ERR_INVALID, 0},
    {".5", "USD", CORE_ERR_INVALID, 0},
    {"5.", "USD", CORE_ERR_INVALID, 0},
    {"+5", "USD", CORE_ERR_INVALID, 0},
    {" 5", "USD", CORE_ERR_INVALID, 0},
    {"5 ", "USD", CORE_ERR_INVALID, 0},
    {"1e5", "USD", CORE_ERR_INVALID, 0},
    {"1E5", "USD", CORE_ERR_INVALID, 0},
    {"1,000.00", "USD", CORE_ERR_INVALID, 0},
    {"--1", "USD", CORE_ERR_INVALID, 0},
    {"1.2.3", "USD", CORE_ERR_INVALID, 0},
    {"0x10", "USD", CORE_ERR_INVALID, 0},
    {"nan", "USD", CORE_ERR_INVALID, 0},
    {"1.5x", "USDC", CORE_ERR_INVALID, 0},
    {"12.345abc", "USD", CORE_ERR_INVALID, 0}, /* junk beats precision */
    /* currency */
    {"1.00", "XXX", CORE_ERR_CURRENCY, 0},
    {"1.00", "usd", CORE_ERR_CURRENCY, 0},
    {"1.00", "", CORE_ERR_CURRENCY, 0},
    /* int64 edges in minor units */
    {"9223372036854775807", "CLP", CORE_OK, INT64_MAX},
    {"9223372036854775808", "CLP", CORE_ERR_OVERFLOW, 0},
    {"-9223372036854775808", "CLP", CORE_OK, INT64_MIN},
    {"-9223372036854775809", "CLP", CORE_ERR_OVERFLOW, 0},
    {"92233720368547758.07", "USD", CORE_OK, INT64_MAX},
    {"92233720368547758.08", "USD", CORE_ERR_OVERFLOW, 0},
    {"-92233720368547758.08", "USD", CORE_OK, INT64_MIN},
    {"-92233720368547758.09", "USD", CORE_ERR_OVERFLOW, 0},
    {"92233720368547758", "USD", CORE_OK, 9223372036854775800},
    {"92233720368547759", "USD", CORE_ERR_OVERFLOW, 0},
    {"9223372036854.775807", "USDC", CORE_OK, INT64_MAX},
    {"9223372036854.775808", "USDC", CORE_ERR_OVERFLOW, 0},
    {"99999999999999999999999999", "CLP", CORE_ERR_OVERFLOW, 0},
    {"00000000000000000000000001", "CLP", CORE_OK, 1},
};

static void test_parse_table(void) {
  for (size_t i = 0; i < sizeof parse_cases / sizeof parse_cases[0]; i++) {
    const struct parse_case *c = &parse_cases[i];
    struct money m = {.minor = 4242, .currency = "ZZZ"};
    enum core_err err = money_parse(c->in, c->cur, &m);
    if (err != c->err || (err == CORE_OK && m.minor != c->minor))
      fprintf(stderr, "case %zu: \"%s\" %s\n", i, c->in, c->cur);
    CHECK_INT(err, c->err);
    if (c->err == CORE_OK) {
      CHECK_INT(m.minor, c->minor);
      CHECK_STR(m.currency, c->cur);
    } else {
      /* *out is written only on success */
      CHECK_INT(m.minor, 4242);
      CHECK_STR(m.currency, "ZZZ");
    }
  }
}

static void test_parse_null(void) {
  struct money m;
  CHECK_INT(money_parse(NULL, "USD", &m), CORE_ERR_INVALID);
  CHECK_INT(money_parse("1", NULL, &m), CORE_ERR_CURRENCY);
}

struct fmt_case {
  int64_t minor;
  const char *cur;
  const char *plain;
  const char *grouped;
};

static const struct fmt_case fmt_cases[] = {
    {200000, "USD", "2000.00", "2,000.00"},
    {0, "USD", "0.00", "0.00"},
    {-50, "USD", "-0.50", "-0.50"},
    {-1, "USD", "-0.01", "-0.01"},
    {5, "USD", "0.05", "0.05"},
    {700000, "CLP", "700000", "700,000"},
    {-1234567, "CLP", "-1234567", "-1,234,567"},
    {999, "CLP", "999", "999"},
    {1000, "CLP", "1000", "1,000"},
    {10123456, "USDC", "10.123456", "10.123456"},
    {1, "USDT", "0.000001", "0.000001"},
    {123456789, "BRL", "1234567.89", "1,234,567.89"},
    {1234, "KWD", "1.234", "1.234"},
    {INT64_MAX, "USD", "92233720368547758.07", "92,233,720,368,547,758.07"},
    {INT64_MIN, "USD", "-92233720368547758.08",
     "-92,233,720,368,547,758.08"},
    {INT64_MIN, "CLP", "-9223372036854775808", "-9,223,372,036,854,775,808"},
    {INT64_MIN, "USDC", "-9223372036854.775808", "-9,223,372,036,854.775808"},
    {42, "", "42", "42"}, /* no currency: shown as an integer */
};

static void test_format_table(void) {
  for (size_t i = 0; i < sizeof fmt_cases / sizeof fmt_cases[0]; i++) {
    const struct fmt_case *c = &fmt_cases[i];
    struct money m = {.minor = c->minor};
    char buf[MONEY_FMT_MAX];
    int n;
    snprintf(m.currency, sizeof m.currency, "%s", c->cur);
    n = money_format(&m, buf, sizeof buf);
    CHECK_STR(buf, c->plain);
    CHECK_INT(n, (int)strlen(c->plain));
    n = money_format_grouped(&m, buf, sizeof buf);
    CHECK_STR(buf, c->grouped);
    CHECK_INT(n, (int)strlen(c->grouped));
  }
}

static void test_format_small_buffer(void) {
  struct money m = {.minor = 200000, .currency = "USD"};
  char buf[8];
  CHECK_INT(money_format(&m, buf, sizeof buf), 7); /* "2000.00" + NUL */
  CHECK_STR(buf, "2000.00");
  CHECK_INT(money_format(&m, buf, 7), -1);
  CHECK_INT(money_format_grouped(&m, buf, 8), -1);
  CHECK_INT(money_format(&m, buf, 0), -1);
}

/* parse -> format -> parse is the identity for every currency. */
static void test_round_trip(void) {
  static const char *const inputs[] = {"0", "1", "-1", "12", "123.4",
                                       "99999.99", "-0.01", "700000"};
  for (const char *const *code = currency_codes(); *code; code++) {
    for (size_t i = 0; i < sizeof inputs / sizeof inputs[0]; i++) {
      struct money a, b;
      char buf[MONEY_FMT_MAX];
      if (money_parse(inputs[i], *code, &a) != CORE_OK)
        continue; /* too many decimals for this currency */
      CHECK(money_format(&a, buf, sizeof buf) > 0);
      CHECK_INT(money_parse(buf, *code, &b), CORE_OK);
      CHECK_INT(b.minor, a.minor);
    }
  }
  /* Exact digits: CLP never shows decimals, USDC always 6. */
  {
    struct money m;
    char buf[MONEY_FMT_MAX];
    CHECK_INT(money_parse("5", "USDC", &m), CORE_OK);
    money_format(&m, buf, sizeof buf);
    CHECK_STR(buf, "5.000000");
    CHECK_INT(money_parse("5", "CLP", &m), CORE_OK);
    money_format(&m, buf, sizeof buf);
    CHECK_STR(buf, "5");
  }
}

static void test_add_sub_cmp(void) {
  struct money a = {.minor = 150, .currency = "USD"};
  struct money b = {.minor = 275, .currency = "USD"};
  struct money c = {.minor = 1, .currency = "EUR"};
  struct money max = {.minor = INT64_MAX, .currency = "USD"};
  struct money min = {.minor = INT64_MIN, .currency = "USD"};
  struct money one = {.minor = 1, .currency = "USD"};
  struct money out = {.minor = 7, .currency = "GBP"};
  int cmp = 99;

  CHECK_INT(money_add(&a, &b, &out), CORE_OK);
  CHECK_INT(out.minor, 425);
  CHECK_STR(out.currency, "USD");
  CHECK_INT(money_sub(&a, &b, &out), CORE_OK);
  CHECK_INT(out.minor, -125);

  out.minor = 7;
  CHECK_INT(money_add(&a, &c, &out), CORE_ERR_CURRENCY_MISMATCH);
  CHECK_INT(out.minor, 7);
  CHECK_INT(money_sub(&a, &c, &out), CORE_ERR_CURRENCY_MISMATCH);
  CHECK_INT(money_cmp(&a, &c, &cmp), CORE_ERR_CURRENCY_MISMATCH);

  CHECK_INT(money_add(&max, &one, &out), CORE_ERR_OVERFLOW);
  CHECK_INT(out.minor, 7);
  CHECK_INT(money_sub(&min, &one, &out), CORE_ERR_OVERFLOW);
  CHECK_INT(money_sub(&one, &min, &out), CORE_ERR_OVERFLOW);
  CHECK_INT(money_add(&max, &min, &out), CORE_OK);
  CHECK_INT(out.minor, -1);

  /* Aliasing: out may be a or b. */
  CHECK_INT(money_add(&a, &b, &a), CORE_OK);
  CHECK_INT(a.minor, 425);
  CHECK_INT(money_sub(&a, &b, &b), CORE_OK);
  CHECK_INT(b.minor, 150);

  CHECK_INT(money_cmp(&a, &b, &cmp), CORE_OK);
  CHECK_INT(cmp, 1);
  CHECK_INT(money_cmp(&b, &a, &cmp), CORE_OK);
  CHECK_INT(cmp, -1);
  CHECK_INT(money_cmp(&a, &a, &cmp), CORE_OK);
  CHECK_INT(cmp, 0);
  CHECK_INT(money_cmp(&min, &max, &cmp), CORE_OK);
  CHECK_INT(cmp, -1);
}

static void test_micro(void) {
  struct money m;
  int64_t v = 0;

  CHECK_INT(money_parse("2000.50", "USD", &m), CORE_OK);
  CHECK_INT(money_to_micro(&m, &v), CORE_OK);
  CHECK_INT(v, 2000500000);
  CHECK_INT(money_parse("700000", "CLP", &m), CORE_OK);
  CHECK_INT(money_to_micro(&m, &v), CORE_OK);
  CHECK_INT(v, 700000000000);
  CHECK_INT(money_parse("10.123456", "USDC", &m), CORE_OK);
  CHECK_INT(money_to_micro(&m, &v), CORE_OK);
  CHECK_INT(v, 10123456);
  CHECK_INT(money_parse("1.234", "KWD", &m), CORE_OK);
  CHECK_INT(money_to_micro(&m, &v), CORE_OK);
  CHECK_INT(v, 1234000);

  /* CLP near INT64_MAX cannot be scaled by 1e6. */
  m.minor = INT64_MAX / 1000000 + 1;
  snprintf(m.currency, sizeof m.currency, "CLP");
  CHECK_INT(money_to_micro(&m, &v), CORE_ERR_OVERFLOW);
  m.minor = INT64_MAX / 1000000;
  CHECK_INT(money_to_micro(&m, &v), CORE_OK);
  /* A free currency code is held in millionths already. */
  snprintf(m.currency, sizeof m.currency, "XXX");
  m.minor = 1500500000;
  CHECK_INT(money_to_micro(&m, &v), CORE_OK);
  CHECK_INT(v, 1500500000);
  /* No code at all: nothing to compare. */
  m.currency[0] = '\0';
  CHECK_INT(money_to_micro(&m, &v), CORE_ERR_CURRENCY);

  CHECK_INT(money_parse_micro("100", &v), CORE_OK);
  CHECK_INT(v, 100000000);
  CHECK_INT(money_parse_micro("2000.5", &v), CORE_OK);
  CHECK_INT(v, 2000500000);
  CHECK_INT(money_parse_micro("-0.000001", &v), CORE_OK);
  CHECK_INT(v, -1);
  CHECK_INT(money_parse_micro("0.0000001", &v), CORE_ERR_PRECISION);
  CHECK_INT(money_parse_micro("1e3", &v), CORE_ERR_INVALID);
  CHECK_INT(money_parse_micro("", &v), CORE_ERR_INVALID);
  CHECK_INT(money_parse_micro("9223372036854.775807", &v), CORE_OK);
  CHECK_INT(v, INT64_MAX);
  CHECK_INT(money_parse_micro("9223372036855", &v), CORE_ERR_OVERFLOW);
}

static void test_currency_table(void) {
  size_t n = 0;
  CHECK_INT(currency_exponent("CLP"), 0);
  CHECK_INT(currency_exponent("PYG"), 0);
  CHECK_INT(currency_exponent("COP"), 0);
  CHECK_INT(currency_exponent("USDC"), 6);
  CHECK_INT(currency_exponent("USDT"), 6);
  CHECK_INT(currency_exponent("JPY"), 0);
  CHECK_INT(currency_exponent("KWD"), 3);
  static const char *const two[] = {"ARS", "BRL", "MXN", "PEN", "BOB",
                                    "USD", "EUR", "GBP", "CAD", "AUD",
                                    "UYU", "VES"};
  for (size_t i = 0; i < sizeof two / sizeof two[0]; i++)
    CHECK_INT(currency_exponent(two[i]), 2);
  CHECK_INT(currency_exponent("usd"), -1);
  CHECK_INT(currency_exponent("US"), -1);
  CHECK_INT(currency_exponent(NULL), -1);
  CHECK(!currency_is_known("XXX"));
  CHECK(currency_is_known("USD"));
  for (const char *const *c = currency_codes(); *c; c++) {
    CHECK(currency_is_known(*c));
    /* no duplicates */
    for (const char *const *d = c + 1; *d; d++)
      CHECK(strcmp(*c, *d) != 0);
    n++;
  }
  CHECK(n >= 17);
}

static void test_strerror(void) {
  for (int e = CORE_OK; e <= CORE_ERR_TRANSITION; e++) {
    const char *s = core_strerror((enum core_err)e);
    CHECK(s != NULL && *s != '\0');
  }
  CHECK_STR(core_strerror(CORE_ERR_OVERFLOW), "amount out of range");
}

static void test_parse_typed(void) {
  struct money m;
  CHECK_INT(money_parse_typed("18.550", "EUR", &m), CORE_OK);
  CHECK_INT(m.minor, 1855);
  CHECK_INT(money_parse_typed("5,800.20", "USD", &m), CORE_OK);
  CHECK_INT(m.minor, 580020);
  CHECK_INT(money_parse_typed("5800.2", "COP", &m), CORE_ERR_PRECISION);
  CHECK_INT(money_parse_typed("5800.00", "COP", &m), CORE_OK);
  CHECK_INT(m.minor, 5800);
  CHECK_INT(money_parse_typed("18.555", "EUR", &m), CORE_ERR_PRECISION);
  CHECK_INT(money_parse_typed("1.00", "PKR", &m), CORE_ERR_CURRENCY);
  CHECK_INT(money_parse_typed("1e3", "EUR", &m), CORE_ERR_INVALID);
}

TEST_LIST = {
    {"parse_typed", test_parse_typed},
    {"parse_table", test_parse_table},
    {"parse_null", test_parse_null},
    {"format_table", test_format_table},
    {"format_small_buffer", test_format_small_buffer},
    {"round_trip", test_round_trip},
    {"add_sub_cmp", test_add_sub_cmp},
    {"micro", test_micro},
    {"currency_table", test_currency_table},
    {"strerror", test_strerror},
    {NULL, NULL},
};
