/*
 * The payments table: upsert round trip, all-or-nothing pages, stale rows,
 * keyset pagination for every sort against a reference order, count, get,
 * delete, and meta (plain and in the same transaction as a page).
 */
#include <sys/stat.h>

#include "../../test.h"
#include "cache/cache.h"
#include "cache/cache_meta.h"
#include "cache/cache_payments.h"
#include "cache_test_util.h"
#include "core/money.h"

static struct cache *open_fresh(void) {
  return tu_cache_open_fresh("p");
}

static void test_roundtrip(void) {
  struct cache *c = open_fresh();
  struct payment p;
  memset(&p, 0, sizeof p);
  p.id = xstrdup("aaaaaaaaaaaaaaaaaaaaaaa1");
  p.external_id = xstrdup("ord-1");
  p.identity_id = xstrdup("iden");
  p.account_number = xstrdup("ACC-9");
  CHECK_INT(money_parse("700000", "CLP", &p.total), CORE_OK);
  CHECK_INT(money_parse("12.345678", "USDC", &p.purchase), CORE_OK);
  p.product = xstrdup("USDC:CLP");
  p.description = xstrdup("line1\nline2 \x1b]0;x\a");
  p.status = PAYMENT_STATUS_UNKNOWN;
  p.status_raw = xstrdup("BRAND_NEW_STATUS");
  p.type = PAYMENT_TYPE_TOPUP_ACCOUNT;
  p.type_raw = xstrdup("TOPUP_ACCOUNT");
  p.customer_id = xstrdup("cust");
  p.customer_name = xstrdup("李小龍");
  p.customer_email = xstrdup("a@b.c");
  p.customer_document = xstrdup("12.345.678-9");
  p.parent_payment_id = NULL;
  p.related_payment_id = xstrdup("rel");
  p.documentation_status = xstrdup("PENDING_UPLOAD");
  p.review_reason = xstrdup("large");
  p.created_at = 1;
  p.updated_at = 2;
  p.authorized_at = 3;
  p.captured_at = 4;
  p.settled_at = 5;
  p.refunded_at = 6;
  p.expires_at = INT64_MAX;
  p.raw_json = xstrdup("{\"totalAmount\":\"700000\"}");
  CHECK_INT(cache_payments_upsert(c, &p, 1), CACHE_OK);

  struct payment g;
  CHECK_INT(cache_payment_get(c, p.id, &g), CACHE_OK);
  CHECK_STR(g.id, p.id);
  CHECK_STR(g.external_id, "ord-1");
  CHECK_STR(g.identity_id, "iden");
  CHECK_STR(g.account_number, "ACC-9");
  CHECK_INT(g.total.minor, 700000);
  CHECK_STR(g.total.currency, "CLP");
  CHECK_INT(g.purchase.minor, 12345678);
  CHECK_STR(g.purchase.currency, "USDC");
  CHECK_STR(g.product, "USDC:CLP");
  CHECK_STR(g.description, p.description);
  CHECK_INT(g.status, PAYMENT_STATUS_UNKNOWN);
  CHECK_STR(g.status_raw, "BRAND_NEW_STATUS");
  CHECK_INT(g.type, PAYMENT_TYPE_TOPUP_ACCOUNT);
  CHECK_STR(g.type_raw, "TOPUP_ACCOUNT");
  CHECK_STR(g.customer_id, "cust");
  CHECK_STR(g.customer_name, "李小龍");
  CHECK_STR(g.customer_email, "a@b.c");
  CHECK_STR(g.customer_document, "12.345.678-9");
  CHECK(g.parent_payment_id == NULL);
  CHECK_STR(g.related_payment_id, "rel");
  CHECK_STR(g.documentation_status, "PENDING_UPLOAD");
  CHECK_STR(g.review_reason, "large");
  CHECK_INT(g.created_at, 1);
  CHECK_INT(g.updated_at, 2);
  CHECK_INT(g.authorized_at, 3);
  CHECK_INT(g.captured_at, 4);
  CHECK_INT(g.settled_at, 5);
  CHECK_INT(g.refunded_at, 6);
  CHECK_INT(g.expires_at, INT64_MAX);
  CHECK_STR(g.raw_json, p.raw_json);
  payment_cleanup(&g);

  CHECK_INT(cache_payment_get(c, "ffffffffffffffffffffffff", &g),
            CACHE_ERR_NOT_FOUND);
  CHECK(g.id == NULL);
  CHECK_INT(cache_payment_delete(c, p.id), CACHE_OK);
  CHECK_INT(cache_payment_delete(c, p.id), CACHE_ERR_NOT_FOUND);
  CHECK_INT(cache_payment_get(c, p.id, &g), CACHE_ERR_NOT_FOUND);
  payment_cleanup(&p);
  cache_close(&c);
}

static void test_page_all_or_nothing(void) {
  struct cache *c = open_fresh();
  struct payment ps[10];
  for (uint64_t i = 0; i < 10; i++)
    tu_payment(&ps[i], i + 1);
  CHECK_INT(cache_payments_upsert(c, ps, 3), CACHE_OK);
  free(ps[6].id);
  ps[6].id = NULL; /* a bad row in the middle of the page */
  CHECK_INT(cache_payments_upsert(c, ps, 10), CACHE_ERR_INVALID);
  int64_t n = 0;
  CHECK_INT(cache_payments_count(c, NULL, &n), CACHE_OK);
  CHECK_INT(n, 3);
  ps[6].id = xcalloc(1, PAYMENT_ID_MAX + 2); /* ids up to 128 are fine */
  memset(ps[6].id, 'a', PAYMENT_ID_MAX + 1);
  CHECK_INT(cache_payments_upsert(c, ps, 10), CACHE_ERR_INVALID);
  CHECK_INT(cache_payments_count(c, NULL, &n), CACHE_OK);
  CHECK_INT(n, 3);
  /* Meta written with a failing page is rolled back with it. */
  struct cache_meta_kv kv[] = {{"sync.payments.offset", "10"}};
  CHECK_INT(cache_payments_upsert_with_meta(c, ps, 10, kv, 1),
            CACHE_ERR_INVALID);
  char *v = NULL;
  CHECK_INT(cache_meta_get(c, "sync.payments.offset", &v), CACHE_OK);
  CHECK(v == NULL);
  free(ps[6].id);
  ps[6].id = tu_id(7);
  CHECK_INT(cache_payments_upsert_with_meta(c, ps, 10, kv, 1), CACHE_OK);
  CHECK_INT(cache_meta_get(c, "sync.payments.offset", &v), CACHE_OK);
  CHECK_STR(v, "10");
  free(v);
  CHECK_INT(cache_payments_count(c, NULL, &n), CACHE_OK);
  CHECK_INT(n, 10);
  /* Meta only, and deleting a key. */
  struct cache_meta_kv del[] = {{"sync.payments.offset", NULL},
                                {"sync.full_done", "1"}};
  CHECK_INT(cache_payments_upsert_with_meta(c, NULL, 0, del, 2), CACHE_OK);
  CHECK_INT(cache_meta_get(c, "sync.payments.offset", &v), CACHE_OK);
  CHECK(v == NULL);
  CHECK_INT(cache_meta_get(c, "sync.full_done", &v), CACHE_OK);
  CHECK_STR(v, "1");
  free(v);
  for (size_t i = 0; i < 10; i++)
    payment_cleanup(&ps[i]);
  cache_close(&c);
}

static void test_stale_update_ignored(void) {
  struct cache *c = open_fresh();
  struct payment p, g;
  tu_payment(&p, 5);
  p.updated_at = 2000;
  p.status = PAYMENT_STATUS_SETTLED;
  CHECK_INT(cache_payments_upsert(c, &p, 1), CACHE_OK);
  p.updated_at = 1000; /* an older snapshot arrives late */
  p.status = PAYMENT_STATUS_CREATED;
  CHECK_INT(cache_payments_upsert(c, &p, 1), CACHE_OK);
  CHECK_INT(cache_payment_get(c, p.id, &g), CACHE_OK);
  CHECK_INT(g.status, PAYMENT_STATUS_SETTLED);
  CHECK_INT(g.updated_at, 2000);
  payment_cleanup(&g);
  p.updated_at = 2000; /* same time: the incoming row wins */
  p.status = PAYMENT_STATUS_REFUNDED;
  CHECK_INT(cache_payments_upsert(c, &p, 1), CACHE_OK);
  CHECK_INT(cache_payment_get(c, p.id, &g), CACHE_OK);
  CHECK_INT(g.status, PAYMENT_STATUS_REFUNDED);
  payment_cleanup(&g);
  p.updated_at = 0; /* unknown time: wins */
  p.status = PAYMENT_STATUS_FAILED;
  CHECK_INT(cache_payments_upsert(c, &p, 1), CACHE_OK);
  CHECK_INT(cache_payment_get(c, p.id, &g), CACHE_OK);
  CHECK_INT(g.status, PAYMENT_STATUS_FAILED);
  payment_cleanup(&g);
  payment_cleanup(&p);
  cache_close(&c);
}

/* Reference order for keyset checks. */
struct ref {
  int64_t key;
  char id[32];
};

static int ref_cmp_asc(const void *a, const void *b) {
  const struct ref *x = a, *y = b;
  if (x->key != y->key)
    return x->key < y->key ? -1 : 1;
  return strcmp(x->id, y->id);
}

static int ref_cmp_desc(const void *a, const void *b) {
  return -ref_cmp_asc(a, b);
}

static int64_t sort_key(const struct payment *p, enum keyset_sort s) {
  int64_t micro;
  switch (s) {
  case KEYSET_CREATED_DESC:
  case KEYSET_CREATED_ASC:
    return p->created_at;
  case KEYSET_UPDATED_DESC:
    return p->updated_at;
  case KEYSET_AMOUNT_DESC:
  case KEYSET_AMOUNT_ASC:
    return money_to_micro(&p->total, &micro) == CORE_OK ? micro : INT64_MIN;
  case KEYSET_EXPIRES_ASC:
    return p->expires_at ? p->expires_at : INT64_MAX;
  }
  return 0;
}

#define KS_N 10000

static void test_keyset_every_sort(void) {
  struct cache *c = open_fresh();
  static const char *const cur[] = {"USD", "CLP", "USDC", "EUR", "ZZZ"};
  struct payment *ps = xcalloc(KS_N, sizeof *ps);
  tu_seed(7);
  for (uint64_t i = 0; i < KS_N; i++) {
    tu_payment(&ps[i], tu_rand() >> 20); /* ids in random order */
    free(ps[i].id);
    ps[i].id = tu_id(i * 2654435761u % 100000007u);
    ps[i].created_at = 1700000000000 + tu_below(700) * 1000; /* many ties */
    ps[i].updated_at = ps[i].created_at + tu_below(50);
    ps[i].expires_at = tu_below(4) ? 1800000000000 + tu_below(300) : 0;
    snprintf(ps[i].total.currency, sizeof ps[i].total.currency, "%s",
             cur[tu_below(5)]);
    ps[i].total.minor = (int64_t)tu_below(300) - 20;
    ps[i].status =
        tu_below(3) == 0 ? PAYMENT_STATUS_SETTLED : PAYMENT_STATUS_CREATED;
  }
  for (size_t off = 0; off < KS_N; off += 1000)
    CHECK_INT(cache_payments_upsert(c, ps + off, 1000), CACHE_OK);

  static const enum keyset_sort sorts[] = {
      KEYSET_CREATED_DESC, KEYSET_CREATED_ASC,  KEYSET_AMOUNT_DESC,
      KEYSET_AMOUNT_ASC,   KEYSET_UPDATED_DESC, KEYSET_EXPIRES_ASC};
  struct ref *refs = xcalloc(KS_N, sizeof *refs);
  for (size_t s = 0; s < sizeof sorts / sizeof sorts[0]; s++) {
    for (int filtered = 0; filtered < 2; filtered++) {
      size_t nref = 0;
      for (size_t i = 0; i < KS_N; i++) {
        if (filtered && ps[i].status != PAYMENT_STATUS_SETTLED)
          continue;
        refs[nref].key = sort_key(&ps[i], sorts[s]);
        snprintf(refs[nref].id, sizeof refs[nref].id, "%s", ps[i].id);
        nref++;
      }
      bool desc = sorts[s] == KEYSET_CREATED_DESC ||
                  sorts[s] == KEYSET_AMOUNT_DESC ||
                  sorts[s] == KEYSET_UPDATED_DESC;
      qsort(refs, nref, sizeof *refs, desc ? ref_cmp_desc : ref_cmp_asc);

      struct filter f;
      memset(&f, 0, sizeof f);
      f.status_mask = 1u << PAYMENT_STATUS_SETTLED;
      struct keyset_cursor after, next;
      memset(&after, 0, sizeof after);
      struct payment_list all = {0};
      int pages = 0;
      for (;;) {
        CHECK_INT(cache_payments_list(c, filtered ? &f : NULL, sorts[s], &after,
                                      97, &all, &next),
                  CACHE_OK);
        pages++;
        if (!next.valid || pages > KS_N)
          break;
        after = next;
      }
      CHECK_INT(all.count, nref);
      CHECK_INT(pages, (nref + 96) / 97);
      size_t bad = 0;
      for (size_t i = 0; i < all.count && i < nref; i++)
        if (strcmp(all.items[i].id, refs[i].id) != 0)
          bad++;
      CHECK_INT(bad, 0);
      int64_t n = 0;
      CHECK_INT(cache_payments_count(c, filtered ? &f : NULL, &n), CACHE_OK);
      CHECK_INT(n, nref);
      payment_list_cleanup(&all);
    }
  }
  /* limit 0 returns nothing; an invalid sort is refused. */
  struct payment_list l = {0};
  struct keyset_cursor next;
  CHECK_INT(
      cache_payments_list(c, NULL, KEYSET_CREATED_DESC, NULL, 0, &l, &next),
      CACHE_OK);
  CHECK_INT(l.count, 0);
  CHECK_INT(
      cache_payments_list(c, NULL, (enum keyset_sort)99, NULL, 5, &l, &next),
      CACHE_ERR_INVALID);
  /* Exactly one full page: next is invalid, no empty trailing page. */
  CHECK_INT(
      cache_payments_list(c, NULL, KEYSET_CREATED_DESC, NULL, KS_N, &l, &next),
      CACHE_OK);
  CHECK_INT(l.count, KS_N);
  CHECK(!next.valid);
  payment_list_cleanup(&l);
  free(refs);
  for (size_t i = 0; i < KS_N; i++)
    payment_cleanup(&ps[i]);
  free(ps);
  cache_close(&c);
}

static void test_meta(void) {
  struct cache *c = open_fresh();
  char *v = NULL;
  CHECK_INT(cache_meta_get(c, "last_sync_ms", &v), CACHE_OK);
  CHECK(v == NULL);
  CHECK_INT(cache_meta_set(c, "last_sync_ms", "123"), CACHE_OK);
  CHECK_INT(cache_meta_set(c, "last_sync_ms", "456"), CACHE_OK);
  CHECK_INT(cache_meta_get(c, "last_sync_ms", &v), CACHE_OK);
  CHECK_STR(v, "456");
  free(v);
  int64_t i = 0;
  bool found = false;
  CHECK_INT(cache_meta_get_int(c, "last_sync_ms", &i, &found), CACHE_OK);
  CHECK(found);
  CHECK_INT(i, 456);
  CHECK_INT(cache_meta_set_int(c, "w", -9007199254740993LL), CACHE_OK);
  CHECK_INT(cache_meta_get_int(c, "w", &i, &found), CACHE_OK);
  CHECK_INT(i, -9007199254740993LL);
  CHECK_INT(cache_meta_get_int(c, "nope", &i, &found), CACHE_OK);
  CHECK(!found);
  CHECK_INT(cache_meta_set(c, "t", "12x"), CACHE_OK);
  CHECK_INT(cache_meta_get_int(c, "t", &i, &found), CACHE_ERR_INVALID);
  CHECK_INT(cache_meta_put(c, "t", NULL), CACHE_OK);
  CHECK_INT(cache_meta_get(c, "t", &v), CACHE_OK);
  CHECK(v == NULL);
  cache_close(&c);
}

TEST_LIST = {
    {"roundtrip", test_roundtrip},
    {"page_all_or_nothing", test_page_all_or_nothing},
    {"stale_update_ignored", test_stale_update_ignored},
    {"keyset_every_sort", test_keyset_every_sort},
    {"meta", test_meta},
    {NULL, NULL},
};
