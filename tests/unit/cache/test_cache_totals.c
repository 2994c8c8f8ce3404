/*
 * cache_payments_totals: counts and exact sums by status and currency over
 * a filter, checked against a sum computed here with filter_match.
 */
#include "../../test.h"
#include "cache/cache.h"
#include "cache/cache_totals.h"
#include "cache_test_util.h"

static const char *const currencies[] = {"USD", "CLP", "ARS"};
static const enum payment_status statuses[] = {
    PAYMENT_STATUS_CREATED, PAYMENT_STATUS_SETTLED, PAYMENT_STATUS_FAILED,
    PAYMENT_STATUS_REQUIRES_REVIEW};

static void check_against_reference(struct cache *c, const char *text,
                                    const struct payment *ps, size_t n) {
  struct filter f;
  char err[128];
  CHECK_INT(filter_parse(text, &f, err, sizeof err), CORE_OK);
  struct cache_totals t = {0};
  CHECK_INT(cache_payments_totals(c, &f, &t), CACHE_OK);
  int64_t want_count[PAYMENT_STATUS_COUNT_][3] = {{0}};
  int64_t want_minor[PAYMENT_STATUS_COUNT_][3] = {{0}};
  for (size_t i = 0; i < n; i++) {
    if (!filter_match(&f, &ps[i]))
      continue;
    for (int k = 0; k < 3; k++)
      if (strcmp(ps[i].total.currency, currencies[k]) == 0) {
        want_count[ps[i].status][k]++;
        want_minor[ps[i].status][k] += ps[i].total.minor;
      }
  }
  int64_t rows = 0;
  for (int s = 0; s < PAYMENT_STATUS_COUNT_; s++)
    for (int k = 0; k < 3; k++) {
      if (want_count[s][k] == 0)
        continue;
      rows++;
      bool found = false;
      for (size_t i = 0; i < t.count; i++)
        if (t.items[i].status == (enum payment_status)s &&
            strcmp(t.items[i].currency, currencies[k]) == 0) {
          found = true;
          CHECK_INT(t.items[i].count, want_count[s][k]);
          CHECK_INT(t.items[i].minor, want_minor[s][k]);
        }
      CHECK(found);
    }
  CHECK_INT((int64_t)t.count, rows);
  cache_totals_cleanup(&t);
  filter_cleanup(&f);
}

static void test_totals(void) {
  char *dir = tu_mkdtemp();
  char *path = xasprintf("%s/t.db", dir);
  struct cache *c = NULL;
  CHECK_INT(cache_open(path, &c, NULL), CACHE_OK);
  enum { N = 600 };
  struct payment *ps = xcalloc(N, sizeof *ps);
  tu_seed(42);
  for (size_t i = 0; i < N; i++) {
    tu_payment(&ps[i], i + 1);
    snprintf(ps[i].total.currency, sizeof ps[i].total.currency, "%s",
             currencies[tu_below(3)]);
    ps[i].status = statuses[tu_below(4)];
    free(ps[i].status_raw);
    ps[i].status_raw = xstrdup(payment_status_name(ps[i].status));
    ps[i].total.minor = (int64_t)tu_below(1000000) + 1;
  }
  CHECK_INT(cache_payments_upsert(c, ps, N), CACHE_OK);
  check_against_reference(c, NULL, ps, N);
  check_against_reference(c, "status:SETTLED,FAILED", ps, N);
  check_against_reference(c, "currency:CLP amount>5000", ps, N);
  check_against_reference(c, "Order 1", ps, N);
  check_against_reference(c, "status:EXPIRED", ps, N);
  for (size_t i = 0; i < N; i++)
    payment_cleanup(&ps[i]);
  free(ps);
  cache_close(&c);
  free(path);
  tu_rmdir(dir);
}

TEST_LIST = {
    {"totals", test_totals},
    {NULL, NULL},
};
