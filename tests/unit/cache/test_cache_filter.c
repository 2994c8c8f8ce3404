/*
 * Property test: for random payments and random filters, the cache's SQL
 * (count and list) selects exactly the payments filter_match() accepts.
 */
#include "../../test.h"
#include "cache/cache.h"
#include "cache/cache_payments.h"
#include "cache_test_util.h"
#include "core/filter.h"
#include "core/money.h"

#define NPAY 700
#define NFILTERS 500

static const char *const currencies[] = {"USD", "CLP", "USDC", "EUR",
                                         "KWD", "ZZZ", ""};
static const char *const words[] = {"Zoë",      "ñandú", "ALPHA",   "alpha",
                                    "Beta",     "李",    "gamma-7", "x%_y",
                                    "\xff\xfe", "Ab",    "aB",      "o'Neil"};
static const char *const docs[] = {"PENDING_UPLOAD", "pending_upload",
                                   "UPLOADED", "APPROVED"};

static char *rand_text(void) {
  if (tu_below(6) == 0)
    return NULL;
  char buf[128] = "";
  size_t n = 1 + tu_below(3);
  for (size_t i = 0; i < n; i++) {
    size_t len = strlen(buf);
    snprintf(buf + len, sizeof buf - len, "%s%s", i ? " " : "",
             words[tu_below(sizeof words / sizeof words[0])]);
  }
  return xstrdup(buf);
}

static char *maybe(const char *const *set, size_t n) {
  if (tu_below(4) == 0)
    return NULL;
  return xstrdup(set[tu_below((uint32_t)n)]);
}

static void rand_payment(struct payment *p, uint64_t n) {
  static const char *const custs[] = {"c1", "c2", "C1"};
  static const char *const accts[] = {"A-1", "A-2"};
  memset(p, 0, sizeof *p);
  p->id = tu_id(n * 977 + 13);
  p->external_id = rand_text();
  p->description = rand_text();
  p->customer_name = rand_text();
  p->customer_email = tu_below(2) ? xstrdup("Mail@Example.COM") : NULL;
  p->customer_document = tu_below(2) ? xstrdup("12.345.678-K") : NULL;
  p->customer_id = maybe(custs, 3);
  p->parent_payment_id = tu_below(3) ? NULL : tu_id(tu_below(5));
  p->account_number = maybe(accts, 2);
  p->documentation_status = maybe(docs, 4);
  p->status = (enum payment_status)tu_below(PAYMENT_STATUS_COUNT_);
  p->type = (enum payment_type)tu_below(PAYMENT_TYPE_COUNT_);
  snprintf(p->total.currency, sizeof p->total.currency, "%s",
           currencies[tu_below(sizeof currencies / sizeof currencies[0])]);
  p->total.minor = (int64_t)tu_below(2000000) - 1000;
  if (tu_below(50) == 0)
    p->total.minor = INT64_MAX - (int64_t)tu_below(10); /* micro overflow */
  p->created_at = tu_below(8) == 0 ? 0 : 1000000 + tu_below(5000);
  p->updated_at = p->created_at;
}

/* A random substring of some text field, with random ASCII case flips. */
static char *rand_needle(const struct payment *ps) {
  const struct payment *p = &ps[tu_below(NPAY)];
  const char *src[] = {p->id,
                       p->external_id,
                       p->description,
                       p->customer_name,
                       p->customer_email,
                       p->customer_document};
  const char *s = src[tu_below(6)];
  if (s == NULL || *s == '\0' || tu_below(10) == 0)
    return xstrdup(words[tu_below(sizeof words / sizeof words[0])]);
  size_t len = strlen(s);
  size_t a = tu_below((uint32_t)len);
  size_t b = a + 1 + tu_below((uint32_t)(len - a));
  char *out = xstrndup(s + a, b - a);
  for (char *c = out; *c; c++) {
    if (tu_below(2) && *c >= 'a' && *c <= 'z')
      *c = (char)(*c - 'a' + 'A');
    else if (tu_below(2) && *c >= 'A' && *c <= 'Z')
      *c = (char)(*c - 'A' + 'a');
  }
  return out;
}

static void rand_filter(struct filter *f, const struct payment *ps) {
  memset(f, 0, sizeof *f);
  if (tu_below(3) == 0)
    f->status_mask = (uint32_t)tu_rand() & ((1u << PAYMENT_STATUS_COUNT_) - 1);
  if (tu_below(4) == 0)
    f->type_mask = (uint32_t)tu_rand() & ((1u << PAYMENT_TYPE_COUNT_) - 1);
  if (tu_below(5) == 0)
    snprintf(f->currency, sizeof f->currency, "%s", currencies[tu_below(6)]);
  if (tu_below(4) == 0) {
    f->has_amount_min = true;
    f->amount_min_micro = ((int64_t)tu_below(20000) - 100) * 1000;
  }
  if (tu_below(4) == 0) {
    f->has_amount_max = true;
    f->amount_max_micro = ((int64_t)tu_below(20000000)) * 1000;
  }
  if (tu_below(4) == 0)
    f->created_min_ms = 1000000 + tu_below(5000);
  if (tu_below(4) == 0)
    f->created_max_ms = 1000000 + tu_below(5000);
  if (tu_below(6) == 0)
    f->customer_id = xstrdup(tu_below(2) ? "c1" : "C1");
  if (tu_below(8) == 0)
    f->parent_id = tu_id(tu_below(5));
  if (tu_below(8) == 0)
    f->account_number = xstrdup("A-1");
  if (tu_below(6) == 0)
    f->documentation_status = xstrdup(docs[tu_below(4)]);
  if (tu_below(2) == 0)
    f->text = rand_needle(ps);
}

static void check_filter(struct cache *c, const struct filter *f,
                         const struct payment *ps, int *nonempty) {
  int64_t want = 0;
  for (size_t i = 0; i < NPAY; i++)
    want += filter_match(f, &ps[i]) ? 1 : 0;
  int64_t got = -1;
  CHECK_INT(cache_payments_count(c, f, &got), CACHE_OK);
  CHECK_INT(got, want);
  struct payment_list l = {0};
  struct keyset_cursor next;
  CHECK_INT(
      cache_payments_list(c, f, KEYSET_CREATED_DESC, NULL, NPAY, &l, &next),
      CACHE_OK);
  CHECK_INT(l.count, want);
  /* Every listed row really matches (as read back from the cache). */
  size_t bad = 0;
  for (size_t i = 0; i < l.count; i++)
    if (!filter_match(f, &l.items[i]))
      bad++;
  CHECK_INT(bad, 0);
  if (got != want || bad)
    fprintf(stderr, "  filter text=%s cur=%s st=%x ty=%x\n",
            f->text ? f->text : "-", f->currency, f->status_mask, f->type_mask);
  if (want > 0)
    (*nonempty)++;
  payment_list_cleanup(&l);
}

static void test_random_filters_agree(void) {
  char *dir = tu_mkdtemp();
  char *path = xasprintf("%s/f.db", dir);
  struct cache *c = NULL;
  char *cause = NULL;
  CHECK_INT(cache_open(path, &c, &cause), CACHE_OK);
  struct payment *ps = xcalloc(NPAY, sizeof *ps);
  tu_seed(20261122);
  for (uint64_t i = 0; i < NPAY; i++)
    rand_payment(&ps[i], i);
  CHECK_INT(cache_payments_upsert(c, ps, NPAY), CACHE_OK);
  int nonempty = 0;
  for (int i = 0; i < NFILTERS; i++) {
    struct filter f;
    rand_filter(&f, ps);
    /* Both full-text plans: fetch the proposed rows, or walk and check. */
    cache_payments_tune_fts(c, i % 2 ? 0 : 2000);
    check_filter(c, &f, ps, &nonempty);
    filter_cleanup(&f);
  }
  /* The generator must produce filters that select something. */
  CHECK(nonempty > NFILTERS / 4);

  /* Filters as a user types them. */
  static const char *const typed[] = {
      "",
      "status:SETTLED,FAILED",
      "type:REFUND currency:USD",
      "amount>100 amount<=5000.5",
      "amount=10",
      "created>=1970-01-01 created<2030-01-01",
      "zoë",
      "ALPHA beta",
      "x%_y",
      "docs:pending_upload",
      "mail@example",
      "k",
  };
  for (size_t i = 0; i < sizeof typed / sizeof typed[0]; i++) {
    struct filter f;
    char errbuf[128];
    CHECK_INT(filter_parse(typed[i], &f, errbuf, sizeof errbuf), CORE_OK);
    check_filter(c, &f, ps, &nonempty);
    filter_cleanup(&f);
  }
  for (size_t i = 0; i < NPAY; i++)
    payment_cleanup(&ps[i]);
  free(ps);
  cache_close(&c);
  free(path);
  tu_rmdir(dir);
}

TEST_LIST = {
    {"random_filters_agree", test_random_filters_agree},
    {NULL, NULL},
};
