/*
 * cache_gen - writes a cache file of N synthetic payments through
 * the cache layer's own write path (cache_payments_upsert, batches of
 * 2,500 as a first sync commits them), for the UI benchmarks.
 *
 *   cache_gen <cache-file> <payments> [customers]
 *
 * Payments are spread over the last 400 days (newest now), with realistic
 * statuses, types, currencies, customers and a raw API object of about
 * 1 KB each. Not a benchmark on its own (it prints rows/s as a by-product);
 * bench/ui.sh uses it. Skips the work when the file already holds N rows.
 *
 * With a customer count M, also writes M customers (cache_customers_upsert,
 * the same batches): ids are the payments' customer ids (1 to M as 24 hex
 * digits), created over the same 400 days (customer 1 the oldest), named
 * "<first> <last>-<number>" (number = 1 to M, six digits), every third one
 * documented. Skipped when the file already holds M customers.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cache/cache.h"
#include "cache/cache_customers.h"
#include "core/payment.h"
#include "core/xalloc.h"

#define BATCH 2500

static const char *const statuses[] = {
    "SETTLED", "SETTLED",  "SETTLED",         "SETTLED", "CAPTURED",
    "FAILED",  "CREATED",  "REQUIRES_REVIEW", "REFUNDED", "AUTHORIZED"};
static const char *const currencies[] = {"USD", "CLP", "EUR", "ARS", "BRL",
                                         "MXN", "USD", "USD"};
static const char *const first[] = {"Ana",   "José", "Zoë",   "李",
                                    "Ñandú", "Olga", "Kwame", "Siobhán"};
static const char *const last[] = {"Pérez",    "Li",      "Okafor", "Müller",
                                   "González", "Ivanova", "Smith",  "Nakamura"};

static double now_s(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static const char raw_fmt[] =
    "{\"id\":\"%s\",\"externalId\":\"ord-%llu\",\"type\":\"%s\","
    "\"status\":\"%s\",\"totalAmount\":{\"amount\":\"%lld\",\"currency\":"
    "\"%s\"},\"purchaseAmount\":{\"amount\":\"%lld\",\"currency\":\"%s\"},"
    "\"product\":\"CHECKOUT\",\"description\":\"Invoice %llu for order "
    "%llu\",\"customer\":{\"id\":\"%s\",\"name\":\"%s\",\"email\":\"%s\","
    "\"document\":{\"type\":\"DNI\",\"number\":\"%s\"}},\"identityId\":"
    "\"6650a1b2c3d4e5f6a7b8c9d0\",\"accountNumber\":null,\"metadata\":"
    "{\"channel\":\"web\",\"ip\":\"203.0.113.7\",\"userAgent\":\"Mozilla/5.0"
    " (X11; Linux x86_64)\"},\"createdAt\":\"%lld\",\"updatedAt\":\"%lld\","
    "\"events\":[{\"status\":\"CREATED\",\"at\":\"%lld\"},{\"status\":"
    "\"%s\",\"at\":\"%lld\"}],\"fees\":{\"amount\":\"0\",\"currency\":\"%s\"}"
    ",\"links\":{\"self\":\"/payments/%s\",\"refunds\":\"/payments/%s/"
    "refunds\"}}";

static void fill(struct payment *p, uint64_t i, uint64_t n, int64_t now) {
  memset(p, 0, sizeof *p);
  unsigned long long u = (unsigned long long)i;
  p->id = xasprintf("%08llx%016llx", u * 2654435761ull % 0xffffffffull, u);
  p->external_id = xasprintf("ord-%llu", u);
  const char *st = statuses[(i * 7) % 10];
  p->status = payment_status_from_string(st);
  p->status_raw = xstrdup(st);
  p->type = i % 20 == 7    ? PAYMENT_TYPE_REFUND
            : i % 9 == 4 ? PAYMENT_TYPE_TOPUP_ACCOUNT
                         : PAYMENT_TYPE_PURCHASE;
  p->type_raw = xstrdup(payment_type_name(p->type));
  snprintf(p->total.currency, sizeof p->total.currency, "%s",
           currencies[i % 8]);
  p->total.minor = (int64_t)((i * 7919) % 10000000) + 100;
  p->purchase = p->total;
  p->product = xstrdup("CHECKOUT");
  p->description = xasprintf("Invoice %llu for order %llu", u % 100000, u);
  p->customer_id = xasprintf("%024llx", u % 5000 + 1);
  p->customer_name = xasprintf("%s %s", first[i % 8], last[(i / 8) % 8]);
  p->customer_email = xasprintf("user%llu@example.com", u % 5000);
  p->customer_document = xasprintf("%llu-K", u % 900000);
  if (p->status == PAYMENT_STATUS_REQUIRES_REVIEW) {
    p->documentation_status = xstrdup(i % 2 ? "UPLOADED" : "PENDING_UPLOAD");
    p->review_reason = xstrdup("SOURCE_OF_FUNDS_REQUIRED");
  }
  /* 400 days, oldest first, the newest a minute ago */
  int64_t span = 400LL * 86400 * 1000;
  p->created_at = now - 60000 - span + (int64_t)((double)span * (double)i /
                                                  (double)(n ? n : 1));
  p->updated_at = p->created_at + 500;
  if (p->type == PAYMENT_TYPE_TOPUP_ACCOUNT &&
      p->status == PAYMENT_STATUS_CREATED)
    p->expires_at = p->created_at + 3LL * 86400 * 1000;
  p->raw_json = xasprintf(
      raw_fmt, p->id, u, p->type_raw, st, (long long)p->total.minor,
      p->total.currency, (long long)p->total.minor, p->total.currency, u % 100000,
      u, p->customer_id, p->customer_name, p->customer_email,
      p->customer_document, (long long)p->created_at,
      (long long)p->updated_at, (long long)p->created_at, st,
      (long long)p->updated_at, p->total.currency, p->id, p->id);
}

static void fill_customer(struct customer *cu, uint64_t i, uint64_t m,
                          int64_t now) {
  memset(cu, 0, sizeof *cu);
  unsigned long long u = (unsigned long long)i + 1;
  cu->id = xasprintf("%024llx", u);
  cu->first_name = xstrdup(first[i % 8]);
  cu->last_name = xasprintf("%s-%06llu", last[(i / 8) % 8], u);
  cu->email = xasprintf("user%llu@example.com", u - 1);
  cu->document_type = xstrdup("DNI");
  cu->document_number = xasprintf("%llu-K", u * 7919 % 90000000);
  cu->country = xstrdup("CL");
  cu->operation_level = xstrdup(i % 3 ? "BASIC" : "FULL");
  cu->is_documented = i % 3 == 0;
  int64_t span = 400LL * 86400 * 1000;
  cu->created_at = now - 60000 - span +
                   (int64_t)((double)span * (double)i / (double)(m ? m : 1));
  cu->updated_at = cu->created_at + 500;
  cu->raw_json = xasprintf(
      "{\"id\":\"%s\",\"firstName\":\"%s\",\"lastName\":\"%s\","
      "\"email\":\"%s\",\"document\":{\"type\":\"DNI\",\"number\":"
      "\"%s\"},\"operationLevel\":\"%s\",\"isDocumented\":%s}",
      cu->id, cu->first_name, cu->last_name, cu->email, cu->document_number,
      cu->operation_level, cu->is_documented ? "true" : "false");
}

/* Writes m customers unless the file holds m already; 0 or 1. */
static int gen_customers(struct cache *c, const char *path, uint64_t m) {
  int64_t have = 0;
  if (cache_customers_count(c, NULL, &have) == CACHE_OK &&
      (uint64_t)have == m) {
    printf("%s already holds %llu customers\n", path, (unsigned long long)m);
    return 0;
  }
  int64_t now = (int64_t)time(NULL) * 1000;
  struct customer *batch = xcalloc(BATCH, sizeof *batch);
  double t0 = now_s();
  enum cache_err e = CACHE_OK;
  for (uint64_t i = 0; e == CACHE_OK && i < m; i += BATCH) {
    size_t k = 0;
    for (; k < BATCH && i + k < m; k++)
      fill_customer(&batch[k], i + k, m, now);
    e = cache_customers_upsert(c, batch, k);
    for (size_t j = 0; j < k; j++)
      customer_cleanup(&batch[j]);
  }
  free(batch);
  if (e != CACHE_OK) {
    fprintf(stderr, "customers write failed: %s\n", cache_strerror(e));
    return 1;
  }
  printf("wrote %llu customers to %s in %.1f s\n", (unsigned long long)m,
         path, now_s() - t0);
  return 0;
}

int main(int argc, char **argv) {
  if (argc != 3 && argc != 4) {
    fprintf(stderr, "usage: %s <cache-file> <payments> [customers]\n",
            argv[0]);
    return 2;
  }
  uint64_t m = argc == 4 ? strtoull(argv[3], NULL, 10) : 0;
  uint64_t n = strtoull(argv[2], NULL, 10);
  struct cache *c = NULL;
  char *cause = NULL;
  if (cache_open(argv[1], &c, &cause) != CACHE_OK) {
    fprintf(stderr, "cannot open %s: %s\n", argv[1], cause ? cause : "?");
    free(cause);
    return 1;
  }
  int64_t have = 0;
  if (cache_payments_count(c, NULL, &have) == CACHE_OK &&
      (uint64_t)have == n) {
    printf("%s already holds %llu payments\n", argv[1],
           (unsigned long long)n);
    int rc = m ? gen_customers(c, argv[1], m) : 0;
    cache_close(&c);
    return rc;
  }
  int64_t now = (int64_t)time(NULL) * 1000;
  struct payment *batch = xcalloc(BATCH, sizeof *batch);
  double t0 = now_s();
  for (uint64_t i = 0; i < n; i += BATCH) {
    size_t k = 0;
    for (; k < BATCH && i + k < n; k++)
      fill(&batch[k], i + k, n, now);
    enum cache_err e = cache_payments_upsert(c, batch, k);
    for (size_t j = 0; j < k; j++)
      payment_cleanup(&batch[j]);
    if (e != CACHE_OK) {
      fprintf(stderr, "write failed: %s\n", cache_strerror(e));
      return 1;
    }
  }
  double t = now_s() - t0;
  printf("wrote %llu payments to %s in %.1f s (%.0f rows/s)\n",
         (unsigned long long)n, argv[1], t, t > 0 ? (double)n / t : 0.0);
  free(batch);
  int rc = m ? gen_customers(c, argv[1], m) : 0;
  cache_close(&c);
  return rc;
}
