/*
 * bench_core_money - ns/op of the core hot paths the list view calls per
 * row: money_parse, money_format(_grouped) and sanitize_text on typical
 * strings. Each figure is the median of 7 runs of N operations.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/money.h"
#include "core/sanitize.h"

#define RUNS 7
#define OPS 200000

static volatile int64_t sink;

static double now_ns(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

static int cmp_double(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return x < y ? -1 : x > y;
}

struct bench {
  const char *name;
  void (*fn)(const void *arg);
  const void *arg;
};

static void run(const struct bench *b) {
  double t[RUNS];
  for (int r = 0; r < RUNS; r++) {
    double start = now_ns();
    for (int i = 0; i < OPS; i++)
      b->fn(b->arg);
    t[r] = (now_ns() - start) / OPS;
  }
  qsort(t, RUNS, sizeof t[0], cmp_double);
  printf("%-44s %8.1f ns/op  (min %.1f, max %.1f)\n", b->name, t[RUNS / 2],
         t[0], t[RUNS - 1]);
}

struct parse_arg {
  const char *s, *cur;
};

static void do_parse(const void *arg) {
  const struct parse_arg *a = arg;
  struct money m;
  if (money_parse(a->s, a->cur, &m) != CORE_OK)
    abort();
  sink += m.minor;
}

static void do_format(const void *arg) {
  char buf[MONEY_FMT_MAX];
  sink += money_format(arg, buf, sizeof buf);
}

static void do_format_grouped(const void *arg) {
  char buf[MONEY_FMT_MAX];
  sink += money_format_grouped(arg, buf, sizeof buf);
}

static void do_sanitize(const void *arg) {
  char *s = sanitize_text(arg);
  sink += (int64_t)strlen(s);
  free(s);
}

static void do_is_clean(const void *arg) { sink += sanitize_is_clean(arg); }

int main(void) {
  static const struct parse_arg p_usd = {"2000.50", "USD"};
  static const struct parse_arg p_clp = {"700000", "CLP"};
  static const struct parse_arg p_usdc = {"10.123456", "USDC"};
  static const struct money m_usd = {123456789, "USD"};
  static const struct money m_clp = {-1234567, "CLP"};
  static const char ascii[] = "Subscription renewal for account 4471";
  static const char accented[] =
      "Jos\xc3\xa9 Mar\xc3\xad" "a Gonz\xc3\xa1" "lez Pe\xc3\xb1" "a "
      "\xe7\x8e\x8b\xe5\xb0\x8f\xe6\x98\x8e";
  static const char hostile[] =
      "Ana\x1b]0;pwned\x07\x1b[2J\xc2\x9b" "31m\xe2\x80\xae" "fdp.exe\xed\xa0";
  const struct bench benches[] = {
      {"money_parse \"2000.50\" USD", do_parse, &p_usd},
      {"money_parse \"700000\" CLP", do_parse, &p_clp},
      {"money_parse \"10.123456\" USDC", do_parse, &p_usdc},
      {"money_format 1234567.89 USD", do_format, &m_usd},
      {"money_format_grouped 1,234,567.89 USD", do_format_grouped, &m_usd},
      {"money_format_grouped -1,234,567 CLP", do_format_grouped, &m_clp},
      {"sanitize_text ASCII (37 B)", do_sanitize, ascii},
      {"sanitize_text accented+CJK (35 B)", do_sanitize, accented},
      {"sanitize_text hostile (35 B)", do_sanitize, hostile},
      {"sanitize_is_clean ASCII (37 B)", do_is_clean, ascii},
  };
  printf("median of %d runs x %d ops\n", RUNS, OPS);
  for (size_t i = 0; i < sizeof benches / sizeof benches[0]; i++)
    run(&benches[i]);
  return 0;
}
