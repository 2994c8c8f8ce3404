/*
 * cache_test_util - temp directories and synthetic payments for the cache
 * unit tests (header-only; each test file includes it once).
 */
#ifndef DESK_TEST_CACHE_TEST_UTIL_H
#define DESK_TEST_CACHE_TEST_UTIL_H

#include <ftw.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cache/cache.h"
#include "core/payment.h"
#include "core/xalloc.h"

__attribute__((unused)) static int
tu_rm_cb(const char *p, const struct stat *sb, int flag, struct FTW *ftw) {
  (void)sb;
  (void)flag;
  (void)ftw;
  return remove(p);
}

/* A fresh private directory under /tmp; caller calls tu_rmdir + free. */
__attribute__((unused)) static char *tu_mkdtemp(void) {
  char *t = xstrdup("/tmp/desk-cache-test-XXXXXX");
  if (mkdtemp(t) == NULL) {
    perror("mkdtemp");
    exit(2);
  }
  return t;
}

__attribute__((unused)) static void tu_rmdir(char *dir) {
  if (dir)
    nftw(dir, tu_rm_cb, 16, FTW_DEPTH | FTW_PHYS);
  free(dir);
}

/* A new cache file <prefix><n>.db in one private directory per test
 * program (removed at exit); exits when the cache cannot be opened. */
static char *tu_cache_dir;
__attribute__((unused)) static void tu_cache_dir_remove(void) {
  tu_rmdir(tu_cache_dir);
  tu_cache_dir = NULL;
}
__attribute__((unused)) static struct cache *
tu_cache_open_fresh(const char *prefix) {
  static int n;
  if (tu_cache_dir == NULL) {
    tu_cache_dir = tu_mkdtemp();
    atexit(tu_cache_dir_remove);
  }
  char *path = xasprintf("%s/%s%d.db", tu_cache_dir, prefix, n++);
  struct cache *c = NULL;
  char *cause = NULL;
  if (cache_open(path, &c, &cause) != CACHE_OK) {
    fprintf(stderr, "open %s: %s\n", path, cause ? cause : "?");
    exit(1);
  }
  free(cause);
  free(path);
  return c;
}

/* xorshift64*: deterministic, seeded per test. */
static uint64_t tu_rng_state = 0x9E3779B97F4A7C15ull;
__attribute__((unused)) static void tu_seed(uint64_t s) {
  tu_rng_state = s ? s : 1;
}
__attribute__((unused)) static uint64_t tu_rand(void) {
  uint64_t x = tu_rng_state;
  x ^= x >> 12;
  x ^= x << 25;
  x ^= x >> 27;
  tu_rng_state = x;
  return x * 0x2545F4914F6CDD1Dull;
}
__attribute__((unused)) static uint32_t tu_below(uint32_t n) {
  return (uint32_t)(tu_rand() % n);
}

/* A 24-hex id derived from n (unique per n). */
__attribute__((unused)) static char *tu_id(uint64_t n) {
  return xasprintf("%024llx", (unsigned long long)n);
}

/* A plain payment with every field set from n. */
__attribute__((unused)) static void tu_payment(struct payment *p, uint64_t n) {
  memset(p, 0, sizeof *p);
  p->id = tu_id(n);
  p->external_id = xasprintf("ext-%llu", (unsigned long long)n);
  p->total.minor = (int64_t)(n * 137 % 100000);
  snprintf(p->total.currency, sizeof p->total.currency, "USD");
  p->status = PAYMENT_STATUS_CREATED;
  p->status_raw = xstrdup("CREATED");
  p->type = PAYMENT_TYPE_PURCHASE;
  p->type_raw = xstrdup("PURCHASE");
  p->description = xasprintf("Order %llu", (unsigned long long)n);
  p->customer_id = xasprintf("%024llx", (unsigned long long)(n % 7 + 1000));
  p->customer_name = xstrdup("Zoë Ñandú");
  p->created_at = 1700000000000 + (int64_t)n * 1000;
  p->updated_at = p->created_at;
  p->raw_json = xasprintf("{\"id\":\"%s\"}", p->id);
}

#endif
