/*
 * bench_cache_keyset - the cache at a million payments.
 *
 * Inserts N synthetic payments (default 1,000,000; BENCH_CACHE_ROWS
 * overrides) in pages of 1,000, one transaction each, as a sync would, and
 * prints rows/s. Then times (median of several runs): reopening the file
 * (includes the quick_check), the first page, a page deep in the list by
 * keyset (and the same page by OFFSET, for contrast), filtered counts, and
 * full-text searches.
 */
#include <ftw.h>
#include <sqlite3.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cache/cache.h"
#include "core/filter.h"
#include "core/payment.h"
#include "core/xalloc.h"

#define PAGE 1000
#define RUNS 15

static const char *const statuses[] = {"SETTLED",  "SETTLED", "SETTLED",
                                       "CAPTURED", "FAILED",  "REQUIRES_REVIEW",
                                       "CREATED",  "REFUNDED"};
static const char *const currencies[] = {"USD", "CLP", "EUR", "USDC", "BRL"};
static const char *const first[] = {"Ana",   "José", "Zoë",   "李",
                                    "Ñandú", "Olga", "Kwame", "Siobhán"};
static const char *const last[] = {"Pérez",    "Li",      "Okafor", "Müller",
                                   "González", "Ivanova", "Smith",  "Nakamura"};

static double now_s(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int cmp_double(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return x < y ? -1 : x > y;
}

static double median(double *v, int n) {
  qsort(v, (size_t)n, sizeof *v, cmp_double);
  return v[n / 2];
}

static void fill(struct payment *p, uint64_t i) {
  memset(p, 0, sizeof *p);
  p->id = xasprintf("%024llx", (unsigned long long)(i * 2654435761ull));
  p->external_id = xasprintf("ord-%llu", (unsigned long long)i);
  p->status = payment_status_from_string(statuses[i % 8]);
  p->status_raw = xstrdup(statuses[i % 8]);
  p->type = i % 10 == 9 ? PAYMENT_TYPE_REFUND : PAYMENT_TYPE_PURCHASE;
  p->type_raw = xstrdup(payment_type_name(p->type));
  snprintf(p->total.currency, sizeof p->total.currency, "%s",
           currencies[i % 5]);
  p->total.minor = (int64_t)((i * 7919) % 10000000);
  p->description =
      xasprintf("Invoice %llu for order %llu", (unsigned long long)(i % 100000),
                (unsigned long long)i);
  p->customer_id = xasprintf("%024llx", (unsigned long long)(i % 5000));
  p->customer_name = xasprintf("%s %s", first[i % 8], last[(i / 8) % 8]);
  p->customer_email =
      xasprintf("user%llu@example.com", (unsigned long long)(i % 50000));
  p->customer_document = xasprintf("%llu-K", (unsigned long long)(i % 900000));
  p->created_at = 1700000000000 + (int64_t)i * 1000;
  p->updated_at = p->created_at + 500;
  p->raw_json = xasprintf("{\"id\":\"%s\",\"totalAmount\":\"%lld\"}", p->id,
                          (long long)p->total.minor);
}

static int rm_cb(const char *p, const struct stat *sb, int f, struct FTW *w) {
  (void)sb;
  (void)f;
  (void)w;
  return remove(p);
}

static double time_list(struct cache *c, const struct filter *f,
                        const struct keyset_cursor *after, size_t *got) {
  struct payment_list l = {0};
  struct keyset_cursor next;
  double t0 = now_s();
  if (cache_payments_list(c, f, KEYSET_CREATED_DESC, after, 50, &l,
                          &next) != CACHE_OK)
    fprintf(stderr, "list failed\n");
  double t = now_s() - t0;
  *got = l.count;
  payment_list_cleanup(&l);
  return t;
}

static double time_count(struct cache *c, const char *expr, int64_t *n) {
  struct filter f;
  char eb[128];
  if (filter_parse(expr, &f, eb, sizeof eb) != CORE_OK) {
    fprintf(stderr, "filter %s: %s\n", expr, eb);
    exit(1);
  }
  double t0 = now_s();
  if (cache_payments_count(c, &f, n) != CACHE_OK)
    fprintf(stderr, "count failed\n");
  double t = now_s() - t0;
  filter_cleanup(&f);
  return t;
}

static void bench_count(struct cache *c, const char *label, const char *expr) {
  double v[RUNS];
  int64_t n = 0;
  for (int r = 0; r < RUNS; r++)
    v[r] = time_count(c, expr, &n);
  printf("%-34s %10.2f ms  (%lld rows, filter \"%s\")\n", label,
         median(v, RUNS) * 1e3, (long long)n, expr);
}

static void bench_search_page(struct cache *c, const char *label,
                              const char *expr) {
  struct filter f;
  char eb[128];
  if (filter_parse(expr, &f, eb, sizeof eb) != CORE_OK)
    exit(1);
  double v[RUNS];
  size_t got = 0;
  for (int r = 0; r < RUNS; r++)
    v[r] = time_list(c, &f, NULL, &got);
  printf("%-34s %10.2f ms  (%zu rows, filter \"%s\")\n", label,
         median(v, RUNS) * 1e3, got, expr);
  filter_cleanup(&f);
}

/* The same deep page with OFFSET, straight in SQL, for contrast. */
static double offset_page(const char *path, long long offset) {
  sqlite3 *db = NULL;
  sqlite3_stmt *st = NULL;
  double t = -1;
  if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
    goto out;
  if (sqlite3_prepare_v3(db,
                         "SELECT * FROM payments ORDER BY created_at DESC,"
                         " id DESC LIMIT 50 OFFSET ?1",
                         -1, 0, &st, NULL) != SQLITE_OK)
    goto out;
  sqlite3_bind_int64(st, 1, offset);
  double t0 = now_s();
  while (sqlite3_step(st) == SQLITE_ROW)
    ;
  t = now_s() - t0;
out:
  sqlite3_finalize(st);
  sqlite3_close(db);
  return t;
}

int main(void) {
  const char *env = getenv("BENCH_CACHE_ROWS");
  long long rows = env ? strtoll(env, NULL, 10) : 1000000;
  if (rows < PAGE)
    rows = PAGE;
  char dir[] = "/tmp/bench-cache-XXXXXX";
  if (mkdtemp(dir) == NULL)
    return 1;
  char *path = xasprintf("%s/bench.db", dir);
  struct cache *c = NULL;
  char *cause = NULL;
  if (cache_open(path, &c, &cause) != CACHE_OK) {
    fprintf(stderr, "open: %s\n", cause ? cause : "?");
    return 1;
  }
  printf("cache benchmark: %lld payments, SQLite %s\n", rows,
         sqlite3_libversion());

  struct payment *page = xcalloc(PAGE, sizeof *page);
  double t0 = now_s();
  for (long long off = 0; off < rows; off += PAGE) {
    for (int i = 0; i < PAGE; i++)
      fill(&page[i], (uint64_t)(off + i));
    if (cache_payments_upsert(c, page, PAGE) != CACHE_OK) {
      fprintf(stderr, "upsert failed at %lld\n", off);
      return 1;
    }
    for (int i = 0; i < PAGE; i++)
      payment_cleanup(&page[i]);
  }
  double ins = now_s() - t0;
  printf("%-34s %10.0f rows/s  (%.1f s, pages of %d, one transaction "
         "each)\n",
         "insert", (double)rows / ins, ins, PAGE);
  /* Re-upsert one page of existing rows (a re-sync). */
  for (int i = 0; i < PAGE; i++)
    fill(&page[i], (uint64_t)i);
  t0 = now_s();
  cache_payments_upsert(c, page, PAGE);
  printf("%-34s %10.2f ms\n", "re-upsert of 1,000 existing rows",
         (now_s() - t0) * 1e3);
  for (int i = 0; i < PAGE; i++)
    payment_cleanup(&page[i]);
  free(page);
  cache_close(&c);

  struct stat st;
  if (stat(path, &st) == 0)
    printf("%-34s %10.1f MiB\n", "file size", (double)st.st_size / 1048576.0);
  double v[RUNS];
  for (int r = 0; r < 5; r++) {
    t0 = now_s();
    if (cache_open(path, &c, &cause) != CACHE_OK)
      return 1;
    v[r] = now_s() - t0;
    if (r < 4)
      cache_close(&c);
  }
  printf("%-34s %10.2f ms  (median of 5; includes quick_check)\n",
         "open existing cache", median(v, 5) * 1e3);

  size_t got = 0;
  for (int r = 0; r < RUNS; r++)
    v[r] = time_list(c, NULL, NULL, &got);
  printf("%-34s %10.3f ms  (%zu rows)\n", "first page (created desc)",
         median(v, RUNS) * 1e3, got);
  /* The cursor of the row at 90% depth: rows are created_at-ordered by i. */
  long long deep = rows * 9 / 10;
  uint64_t i = (uint64_t)(rows - 1 - deep);
  struct keyset_cursor cur = {.valid = true,
                             .key = 1700000000000 + (int64_t)i * 1000};
  snprintf(cur.id, sizeof cur.id, "%024llx",
           (unsigned long long)(i * 2654435761ull));
  for (int r = 0; r < RUNS; r++)
    v[r] = time_list(c, NULL, &cur, &got);
  printf("%-34s %10.3f ms  (%zu rows, keyset)\n", "page at 90% depth",
         median(v, RUNS) * 1e3, got);
  for (int r = 0; r < 5; r++)
    v[r] = offset_page(path, deep);
  printf("%-34s %10.3f ms  (same page with OFFSET, for contrast)\n",
         "page at 90% depth by OFFSET", median(v, 5) * 1e3);

  bench_count(c, "count, status filter", "status:SETTLED");
  bench_count(c, "count, status+currency+amount",
              "status:FAILED currency:USD amount>5000");
  bench_count(c, "count, created range",
              "created>=2023-11-20 created<2023-11-27");
  bench_count(c, "count, full text (rare)", "user4242@");
  bench_count(c, "count, full text (common)", "invoice 99");
  bench_search_page(c, "first page, full text", "siobhán");
  bench_search_page(c, "first page, text + status", "müller status:FAILED");
  cache_close(&c);
  if (getenv("BENCH_CACHE_KEEP"))
    printf("kept %s\n", path);
  else
    nftw(dir, rm_cb, 8, FTW_DEPTH | FTW_PHYS);
  free(path);
  return 0;
}
