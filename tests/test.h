/*
 * test.h - a minimal unit-test harness (in the spirit of acutest / redis
 * testhelp.h). A test file defines `static void test_x(void)` functions and
 * lists them in TEST_LIST; the harness runs each, counts failed checks and
 * exits non-zero if any failed.
 *
 *   static void test_parse(void) { CHECK(1 + 1 == 2); CHECK_STR("a", "a"); }
 *   TEST_LIST = { {"parse", test_parse}, {NULL, NULL} };
 */
#ifndef DESK_TEST_H
#define DESK_TEST_H

#include <stdio.h>
#include <string.h>
#include <stdlib.h>

struct test_entry {
  const char *name;
  void (*fn)(void);
};

static int test_failures_;
static const char *test_current_;

#define CHECK(cond)                                                          \
  do {                                                                       \
    if (!(cond)) {                                                           \
      test_failures_++;                                                      \
      fprintf(stderr, "%s:%d: [%s] check failed: %s\n", __FILE__, __LINE__, \
              test_current_, #cond);                                         \
    }                                                                        \
  } while (0)

#define CHECK_STR(got, want)                                                 \
  do {                                                                       \
    const char *g_ = (got), *w_ = (want);                                    \
    if (g_ == NULL || w_ == NULL ? g_ != w_ : strcmp(g_, w_) != 0) {         \
      test_failures_++;                                                      \
      fprintf(stderr, "%s:%d: [%s] got \"%s\", want \"%s\"\n", __FILE__,     \
              __LINE__, test_current_, g_ ? g_ : "(null)",                   \
              w_ ? w_ : "(null)");                                           \
    }                                                                        \
  } while (0)

#define CHECK_INT(got, want)                                                 \
  do {                                                                       \
    long long g_ = (long long)(got), w_ = (long long)(want);                 \
    if (g_ != w_) {                                                          \
      test_failures_++;                                                      \
      fprintf(stderr, "%s:%d: [%s] got %lld, want %lld (%s)\n", __FILE__,    \
              __LINE__, test_current_, g_, w_, #got);                        \
    }                                                                        \
  } while (0)

extern const struct test_entry test_list_[];
#define TEST_LIST const struct test_entry test_list_[]

int main(int argc, char **argv) {
  int ran = 0;
  for (const struct test_entry *t = test_list_; t->name; t++) {
    if (argc > 1 && strcmp(argv[1], t->name) != 0)
      continue;
    int before = test_failures_;
    test_current_ = t->name;
    t->fn();
    ran++;
    fprintf(stderr, "%-40s %s\n", t->name,
            test_failures_ == before ? "ok" : "FAILED");
  }
  fprintf(stderr, "%d tests, %d failed checks\n", ran, test_failures_);
  return test_failures_ ? 1 : 0;
}

#endif
