/*
 * test_filter - every key of the filter syntax, its errors, and the
 * reference match semantics.
 */
#include <stdlib.h>
#include <string.h>

#include "core/filter.h"
#include "core/xalloc.h"
#include "test.h"

#define BIT(x) (1u << (x))

static struct filter parse_ok(const char *s) {
  struct filter f;
  char err[256] = "";
  enum core_err rc = filter_parse(s, &f, err, sizeof err);
  if (rc != CORE_OK)
    fprintf(stderr, "  parse \"%s\": %s\n", s, err);
  CHECK_INT(rc, CORE_OK);
  return f;
}

static void expect_error(const char *s, const char *fragment) {
  struct filter f;
  char err[512] = "";
  CHECK_INT(filter_parse(s, &f, err, sizeof err), CORE_ERR_INVALID);
  if (strstr(err, fragment) == NULL)
    fprintf(stderr, "  \"%s\": error \"%s\" lacks \"%s\"\n", s, err,
            fragment);
  CHECK(strstr(err, fragment) != NULL);
  CHECK(filter_is_empty(&f));
  CHECK(strchr(err, '\n') == NULL);
  filter_cleanup(&f);
}

static void test_empty(void) {
  struct filter f = parse_ok(NULL);
  CHECK(filter_is_empty(&f));
  filter_cleanup(&f);
  f = parse_ok("");
  CHECK(filter_is_empty(&f));
  filter_cleanup(&f);
  f = parse_ok("   \t ");
  CHECK(filter_is_empty(&f));
  filter_cleanup(&f);
}

static void test_keys(void) {
  struct filter f = parse_ok("status:SETTLED,failed type:refund "
                             "currency:usd customer:c1 parent:p1 "
                             "account:ACC-9 docs:pending_upload");
  CHECK_INT(f.status_mask,
            BIT(PAYMENT_STATUS_SETTLED) | BIT(PAYMENT_STATUS_FAILED));
  CHECK_INT(f.type_mask, BIT(PAYMENT_TYPE_REFUND));
  CHECK_STR(f.currency, "USD");
  CHECK_STR(f.customer_id, "c1");
  CHECK_STR(f.parent_id, "p1");
  CHECK_STR(f.account_number, "ACC-9");
  CHECK_STR(f.documentation_status, "PENDING_UPLOAD");
  CHECK(f.text == NULL);
  CHECK(!filter_is_empty(&f));
  filter_cleanup(&f);

  /* Keys are case-insensitive; repeated status terms add up; PENDING is
   * CREATED. */
  f = parse_ok("STATUS:pending Status:CAPTURED TYPE:PAYMENT");
  CHECK_INT(f.status_mask,
            BIT(PAYMENT_STATUS_CREATED) | BIT(PAYMENT_STATUS_CAPTURED));
  CHECK_INT(f.type_mask, BIT(PAYMENT_TYPE_PURCHASE));
  filter_cleanup(&f);

  /* The last value of a string key wins. */
  f = parse_ok("customer:a customer:b");
  CHECK_STR(f.customer_id, "b");
  filter_cleanup(&f);
}

static void test_amounts(void) {
  struct filter f = parse_ok("amount>100");
  CHECK(f.has_amount_min && !f.has_amount_max);
  CHECK_INT(f.amount_min_micro, 100000001);
  filter_cleanup(&f);

  f = parse_ok("amount>=100 amount<2000.50");
  CHECK(f.has_amount_min && f.has_amount_max);
  CHECK_INT(f.amount_min_micro, 100000000);
  CHECK_INT(f.amount_max_micro, 2000499999);
  filter_cleanup(&f);

  f = parse_ok("amount<=5");
  CHECK(!f.has_amount_min && f.has_amount_max);
  CHECK_INT(f.amount_max_micro, 5000000);
  filter_cleanup(&f);

  f = parse_ok("amount=10");
  CHECK_INT(f.amount_min_micro, 10000000);
  CHECK_INT(f.amount_max_micro, 10000000);
  filter_cleanup(&f);

  /* Repeated bounds narrow. */
  f = parse_ok("amount>=5 amount>=3 amount<=9 amount<=12");
  CHECK_INT(f.amount_min_micro, 5000000);
  CHECK_INT(f.amount_max_micro, 9000000);
  filter_cleanup(&f);

  expect_error("amount>abc", "amount>abc");
  expect_error("amount>", "missing value");
  expect_error("amount>1e5", "malformed");
  expect_error("amount>0.0000001", "decimals");
}

static void test_created(void) {
  struct filter f = parse_ok("created>=2025-01-01 created<2025-02-01");
  CHECK_INT(f.created_min_ms, INT64_C(1735689600000));
  CHECK_INT(f.created_max_ms, INT64_C(1738368000000));
  filter_cleanup(&f);

  /* A day after > means the next day; <= includes the whole day. */
  f = parse_ok("created>2025-01-01 created<=2025-01-31");
  CHECK_INT(f.created_min_ms, INT64_C(1735689600000) + 86400000);
  CHECK_INT(f.created_max_ms, INT64_C(1738368000000));
  filter_cleanup(&f);

  f = parse_ok("created=2025-01-01");
  CHECK_INT(f.created_min_ms, INT64_C(1735689600000));
  CHECK_INT(f.created_max_ms, INT64_C(1735689600000) + 86400000);
  filter_cleanup(&f);

  f = parse_ok("created>2025-01-01T12:00:00Z");
  CHECK_INT(f.created_min_ms, INT64_C(1735732800001));
  filter_cleanup(&f);

  expect_error("created>2025-02-30", "bad date");
  expect_error("created<yesterday", "bad date");
}

static void test_text(void) {
  struct filter f = parse_ok("  Maria   gonzalez status:SETTLED  ");
  CHECK_STR(f.text, "Maria gonzalez");
  filter_cleanup(&f);
  /* Not a key: digits before ':', or no key at all. */
  f = parse_ok("12:30 :x");
  CHECK_STR(f.text, "12:30 :x");
  filter_cleanup(&f);
}

static void test_errors(void) {
  expect_error("foo:bar", "unknown filter key \"foo\"");
  expect_error("maria http://x", "unknown filter key \"http\"");
  expect_error("status:BOGUS", "unknown status \"BOGUS\"");
  expect_error("status:BOGUS", "SETTLED");
  expect_error("status:BOGUS", "REQUIRES_REVIEW");
  expect_error("status:SETTLED,,FAILED", "empty value");
  expect_error("status:SETTLED,", "empty value");
  expect_error("type:CRYPTO", "unknown type \"CRYPTO\"");
  expect_error("type:CRYPTO", "TOPUP_ACCOUNT");
  expect_error("status:", "missing value");
  expect_error("currency:US1", "bad currency");
  expect_error("currency:TOOLONGCODE", "bad currency");

  /* errbuf is optional and truncation is safe. */
  {
    struct filter f;
    char small[8];
    CHECK_INT(filter_parse("foo:bar", &f, NULL, 0), CORE_ERR_INVALID);
    CHECK_INT(filter_parse("foo:bar", &f, small, sizeof small),
              CORE_ERR_INVALID);
    CHECK_INT(strlen(small), 7);
  }
}

static struct payment make_payment(void) {
  struct payment p;
  memset(&p, 0, sizeof p);
  p.id = xstrdup("65f1a2b3c4d5e6f7a8b9c0d1");
  p.external_id = xstrdup("order-77");
  p.description = xstrdup("Monthly Plan");
  p.customer_name = xstrdup("Mar\xc3\xad" "a GONZ\xc3\x81LEZ");
  p.customer_email = xstrdup("maria@example.com");
  p.customer_document = xstrdup("12.345.678-9");
  p.customer_id = xstrdup("cust1");
  p.parent_payment_id = xstrdup("parent1");
  p.account_number = xstrdup("ACC-9");
  p.documentation_status = xstrdup("UPLOADED");
  p.status = PAYMENT_STATUS_SETTLED;
  p.type = PAYMENT_TYPE_PURCHASE;
  p.total.minor = 200050; /* 2000.50 USD */
  memcpy(p.total.currency, "USD", 4);
  p.created_at = INT64_C(1735732800000); /* 2025-01-01T12:00:00Z */
  return p;
}

struct match_case {
  const char *filter;
  bool want;
};

static void test_match(void) {
  static const struct match_case cases[] = {
      {"", true},
      {"status:SETTLED", true},
      {"status:FAILED,SETTLED", true},
      {"status:FAILED", false},
      {"type:PURCHASE", true},
      {"type:REFUND", false},
      {"currency:usd", true},
      {"currency:CLP", false},
      {"amount>2000", true},
      {"amount>2000.50", false},
      {"amount>=2000.50", true},
      {"amount<2000.50", false},
      {"amount<=2000.5", true},
      {"amount=2000.5", true},
      {"amount=2000.49", false},
      {"created>=2025-01-01", true},
      {"created>2025-01-01", false},
      {"created<2025-01-02", true},
      {"created<2025-01-01", false},
      {"created<=2025-01-01", true},
      {"created=2025-01-01", true},
      {"created>=2025-01-01T12:00:00Z", true},
      {"created>2025-01-01T12:00:00Z", false},
      {"created<2025-01-01T12:00:00.001Z", true},
      {"customer:cust1", true},
      {"customer:CUST1", false},
      {"parent:parent1", true},
      {"parent:other", false},
      {"account:ACC-9", true},
      {"account:ACC-1", false},
      {"docs:uploaded", true},
      {"docs:PENDING_UPLOAD", false},
      {"monthly", true},           /* description, case-insensitive */
      {"MONTHLY plan", true},      /* phrase */
      {"plan monthly", false},
      {"order-77", true},          /* external id */
      {"c4d5e6", true},            /* id */
      {"gonz", true},              /* customer name, ASCII part */
      {"EXAMPLE.COM", true},       /* email */
      {"345.678", true},           /* document */
      {"nothing-like-this", false},
      {"status:SETTLED monthly currency:USD amount>1", true},
      {"status:SETTLED monthly currency:CLP", false},
  };
  struct payment p = make_payment();
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    struct filter f = parse_ok(cases[i].filter);
    bool got = filter_match(&f, &p);
    if (got != cases[i].want)
      fprintf(stderr, "  match \"%s\": got %d\n", cases[i].filter, got);
    CHECK(got == cases[i].want);
    filter_cleanup(&f);
  }
  payment_cleanup(&p);
}

static void test_match_edges(void) {
  struct payment p = make_payment();
  struct filter f;

  /* Amounts compare across currencies by major units. */
  memcpy(p.total.currency, "CLP", 4);
  p.total.minor = 700000;
  f = parse_ok("amount>=700000 amount<=700000");
  CHECK(filter_match(&f, &p));
  filter_cleanup(&f);

  /* A free currency code (millionths) compares by major units too. */
  memcpy(p.total.currency, "XXX", 4);
  p.total.minor = 5000000; /* 5 XXX */
  f = parse_ok("amount>4 amount<6");
  CHECK(filter_match(&f, &p));
  filter_cleanup(&f);

  /* No currency: no amount can be compared, so no amount term matches. */
  p.total.currency[0] = '\0';
  f = parse_ok("amount>0");
  CHECK(!filter_match(&f, &p));
  filter_cleanup(&f);

  /* Missing fields never match a string term. */
  free(p.customer_id);
  p.customer_id = NULL;
  f = parse_ok("customer:cust1");
  CHECK(!filter_match(&f, &p));
  filter_cleanup(&f);

  /* status UNKNOWN can be asked for explicitly. */
  p.status = PAYMENT_STATUS_UNKNOWN;
  f = parse_ok("status:UNKNOWN");
  CHECK(filter_match(&f, &p));
  filter_cleanup(&f);
  f = parse_ok("status:SETTLED");
  CHECK(!filter_match(&f, &p));
  filter_cleanup(&f);
  payment_cleanup(&p);

  /* A payment with every string NULL matches the empty filter only. */
  memset(&p, 0, sizeof p);
  f = parse_ok("");
  CHECK(filter_match(&f, &p));
  filter_cleanup(&f);
  f = parse_ok("anything");
  CHECK(!filter_match(&f, &p));
  filter_cleanup(&f);
}

TEST_LIST = {
    {"empty", test_empty},
    {"keys", test_keys},
    {"amounts", test_amounts},
    {"created", test_created},
    {"text", test_text},
    {"errors", test_errors},
    {"match", test_match},
    {"match_edges", test_match_edges},
    {NULL, NULL},
};
