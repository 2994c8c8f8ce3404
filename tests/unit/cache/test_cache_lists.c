/*
 * The other cached objects and lists: review queue, unassigned topups,
 * refunds and their summary, customers (documents, text search), accounts,
 * identities, webhook de-duplication, full-text search at scale, purge and
 * the integrity check.
 */
#include "../../test.h"
#include "cache/cache.h"
#include "cache/cache_customers.h"
#include "cache/cache_meta.h"
#include "cache/cache_outbox.h"
#include "cache/cache_payments.h"
#include "cache/cache_webhook.h"
#include "cache_test_util.h"
#include "core/filter.h"
#include "core/money.h"
#include "core/refund.h"

static char *g_dir;

static void remove_dir(void) {
  tu_rmdir(g_dir);
}

static struct cache *open_fresh(void) {
  static int n;
  if (g_dir == NULL) {
    g_dir = tu_mkdtemp();
    atexit(remove_dir);
  }
  char *path = xasprintf("%s/l%d.db", g_dir, n++);
  struct cache *c = NULL;
  char *cause = NULL;
  if (cache_open(path, &c, &cause) != CACHE_OK) {
    fprintf(stderr, "open: %s\n", cause ? cause : "?");
    exit(1);
  }
  free(path);
  return c;
}

static void set_status(struct payment *p, enum payment_status s) {
  p->status = s;
  free(p->status_raw);
  p->status_raw = xstrdup(payment_status_name(s));
}

static void set_type(struct payment *p, enum payment_type t) {
  p->type = t;
  free(p->type_raw);
  p->type_raw = xstrdup(payment_type_name(t));
}

static void test_review_unassigned_refunds(void) {
  struct cache *c = open_fresh();
  struct payment ps[12];
  for (uint64_t i = 0; i < 12; i++)
    tu_payment(&ps[i], i + 1);
  /* 1..3 in review (created ascending by id), 4..6 unassigned topups. */
  for (int i = 0; i < 3; i++)
    set_status(&ps[i], PAYMENT_STATUS_REQUIRES_REVIEW);
  for (int i = 3; i < 6; i++) {
    set_type(&ps[i], PAYMENT_TYPE_TOPUP_ACCOUNT);
    set_status(&ps[i], PAYMENT_STATUS_CREATED);
    free(ps[i].account_number);
    ps[i].account_number = NULL;
  }
  ps[3].expires_at = 3000;
  ps[4].expires_at = 0; /* never expires: last */
  ps[5].expires_at = 1000;
  /* A topup with an account is not unassigned. */
  set_type(&ps[6], PAYMENT_TYPE_TOPUP_ACCOUNT);
  ps[6].account_number = xstrdup("ACC");
  /* Parent 8 (SETTLED, 100.00 USD) with refunds 9 (SETTLED 30),
   * 10 (CREATED 20), 11 (FAILED 50). */
  set_status(&ps[7], PAYMENT_STATUS_SETTLED);
  ps[7].total.minor = 10000;
  int64_t amounts[] = {3000, 2000, 5000};
  enum payment_status st[] = {PAYMENT_STATUS_SETTLED, PAYMENT_STATUS_CREATED,
                              PAYMENT_STATUS_FAILED};
  for (int i = 0; i < 3; i++) {
    struct payment *r = &ps[8 + i];
    set_type(r, PAYMENT_TYPE_REFUND);
    set_status(r, st[i]);
    r->total.minor = amounts[i];
    r->parent_payment_id = xstrdup(ps[7].id);
  }
  set_type(&ps[11], PAYMENT_TYPE_REFUND); /* refund of another parent */
  ps[11].parent_payment_id = tu_id(999);
  CHECK_INT(cache_payments_upsert(c, ps, 12), CACHE_OK);

  struct payment_list l = {0};
  struct keyset_cursor next;
  CHECK_INT(cache_review_list(c, NULL, NULL, 10, &l, &next), CACHE_OK);
  CHECK_INT(l.count, 3);
  for (size_t i = 0; i < l.count; i++)
    CHECK_STR(l.items[i].id, ps[i].id);
  payment_list_cleanup(&l);
  /* Paged one by one gives the same. */
  struct keyset_cursor cur = {0};
  size_t n = 0;
  do {
    CHECK_INT(cache_review_list(c, NULL, &cur, 1, &l, &next), CACHE_OK);
    cur = next;
  } while (next.valid && ++n < 10);
  CHECK_INT(l.count, 3);
  payment_list_cleanup(&l);

  CHECK_INT(cache_unassigned_list(c, NULL, 10, &l, &next), CACHE_OK);
  CHECK_INT(l.count, 3);
  if (l.count == 3) {
    CHECK_STR(l.items[0].id, ps[5].id);
    CHECK_STR(l.items[1].id, ps[3].id);
    CHECK_STR(l.items[2].id, ps[4].id);
  }
  payment_list_cleanup(&l);
  CHECK_INT(cache_unassigned_list(c, NULL, 2, &l, &next), CACHE_OK);
  CHECK(next.valid);
  CHECK_INT(cache_unassigned_list(c, &next, 2, &l, &next), CACHE_OK);
  CHECK_INT(l.count, 3);
  CHECK(!next.valid);
  if (l.count == 3)
    CHECK_STR(l.items[2].id, ps[4].id);
  payment_list_cleanup(&l);

  CHECK_INT(cache_refunds_list(c, ps[7].id, NULL, 10, &l, &next), CACHE_OK);
  CHECK_INT(l.count, 3);
  payment_list_cleanup(&l);
  CHECK_INT(cache_refunds_list(c, NULL, NULL, 10, &l, &next), CACHE_OK);
  CHECK_INT(l.count, 4);
  payment_list_cleanup(&l);

  int64_t cnt = -1;
  CHECK_INT(cache_review_count(c, NULL, &cnt), CACHE_OK);
  CHECK_INT(cnt, 3);
  CHECK_INT(cache_unassigned_count(c, &cnt), CACHE_OK);
  CHECK_INT(cnt, 3);
  CHECK_INT(cache_refunds_count(c, ps[7].id, &cnt), CACHE_OK);
  CHECK_INT(cnt, 3);
  CHECK_INT(cache_refunds_count(c, NULL, &cnt), CACHE_OK);
  CHECK_INT(cnt, 4);
  struct refund_summary rs;
  CHECK_INT(cache_refund_summary(c, ps[7].id, &rs), CACHE_OK);
  CHECK_INT(rs.total_refunded.minor, 3000);
  CHECK_INT(rs.total_in_progress.minor, 2000);
  CHECK_INT(rs.total_failed.minor, 5000);
  CHECK_INT(rs.max_refundable.minor, 5000);
  CHECK_INT(rs.completed_count, 1);
  CHECK_STR(rs.max_refundable.currency, "USD");
  char *missing = tu_id(12345);
  CHECK_INT(cache_refund_summary(c, missing, &rs), CACHE_ERR_NOT_FOUND);
  free(missing);

  /* Non-terminal: everything but SETTLED(8, 9) and FAILED(11). */
  CHECK_INT(cache_payments_list_nonterminal(c, NULL, 100, &l, &next), CACHE_OK);
  CHECK_INT(l.count, 9);
  payment_list_cleanup(&l);
  for (size_t i = 0; i < 12; i++)
    payment_cleanup(&ps[i]);
  cache_close(&c);
}

static void make_customer(struct customer *cu, uint64_t n, const char *first,
                          const char *last, const char *email) {
  memset(cu, 0, sizeof *cu);
  cu->id = tu_id(n);
  cu->first_name = xstrdup(first);
  cu->last_name = xstrdup(last);
  cu->email = xstrdup(email);
  cu->document_type = xstrdup("RUT");
  cu->document_number = xasprintf("11.111.%03llu-K", (unsigned long long)n);
  cu->country = xstrdup("CL");
  cu->operation_level = xstrdup("BASIC");
  cu->created_at = 1000 + (int64_t)n;
  cu->updated_at = cu->created_at;
  cu->raw_json = xstrdup("{}");
}

static void test_customers(void) {
  struct cache *c = open_fresh();
  struct customer cs[30];
  for (uint64_t i = 0; i < 30; i++)
    make_customer(&cs[i], i + 1, i % 2 ? "José" : "Ana", i % 3 ? "Pérez" : "Li",
                  "x@example.com");
  cs[4].documents_count = 2;
  cs[4].documents = xcalloc(2, sizeof *cs[4].documents);
  cs[4].documents[0].type = xstrdup("kyc");
  cs[4].documents[0].status = xstrdup("UPLOADED");
  cs[4].documents[0].uploaded_at = 77;
  cs[4].documents[1].type = xstrdup("invoice");
  cs[4].documents[1].url = xstrdup("https://x/y");
  cs[4].is_documented = true;
  CHECK_INT(cache_customers_upsert(c, cs, 30), CACHE_OK);

  struct customer g;
  CHECK_INT(cache_customer_get(c, cs[4].id, &g), CACHE_OK);
  CHECK_STR(g.first_name, "Ana");
  CHECK_INT(g.documents_count, 2);
  if (g.documents_count == 2) {
    CHECK_STR(g.documents[0].type, "kyc");
    CHECK_INT(g.documents[0].uploaded_at, 77);
    CHECK_STR(g.documents[1].url, "https://x/y");
  }
  CHECK(g.is_documented);
  customer_cleanup(&g);
  /* Upserting with fewer documents replaces the list. */
  free(cs[4].documents[1].type);
  free(cs[4].documents[1].url);
  cs[4].documents_count = 1;
  CHECK_INT(cache_customers_upsert(c, &cs[4], 1), CACHE_OK);
  CHECK_INT(cache_customer_get(c, cs[4].id, &g), CACHE_OK);
  CHECK_INT(g.documents_count, 1);
  customer_cleanup(&g);
  char *missing = tu_id(777);
  CHECK_INT(cache_customer_get(c, missing, &g), CACHE_ERR_NOT_FOUND);
  free(missing);

  int64_t n = 0;
  CHECK_INT(cache_customers_count(c, NULL, &n), CACHE_OK);
  CHECK_INT(n, 30);
  CHECK_INT(cache_customers_count(c, "JOSÉ", &n), CACHE_OK);
  CHECK_INT(n, 0); /* É/é is not an ASCII pair: folding is ASCII only */
  CHECK_INT(cache_customers_count(c, "JOSé", &n), CACHE_OK);
  CHECK_INT(n, 15);
  CHECK_INT(cache_customers_count(c, "ana li", &n), CACHE_OK);
  CHECK_INT(n, 5); /* i = 0, 6, 12, 18, 24 */
  CHECK_INT(cache_customers_count(c, "111.005", &n), CACHE_OK);
  CHECK_INT(n, 1);
  CHECK_INT(cache_customers_count(c, "EXAMPLE", &n), CACHE_OK);
  CHECK_INT(n, 30);

  struct customer_list l = {0};
  struct keyset_cursor cur = {0}, next;
  int pages = 0;
  do {
    CHECK_INT(cache_customers_list(c, "pérez", &cur, 7, &l, &next), CACHE_OK);
    cur = next;
  } while (next.valid && ++pages < 20);
  CHECK_INT(l.count, 20);
  for (size_t i = 1; i < l.count; i++)
    CHECK(l.items[i - 1].created_at > l.items[i].created_at);
  customer_list_cleanup(&l);
  /* Page + cursor together: a bad row leaves neither. */
  struct cache_meta_kv kv = {"sync.customers.offset", "30"};
  free(cs[9].id);
  cs[9].id = NULL;
  CHECK_INT(cache_customers_upsert_with_meta(c, cs, 30, &kv, 1),
            CACHE_ERR_INVALID);
  char *v = NULL;
  CHECK_INT(cache_meta_get(c, "sync.customers.offset", &v), CACHE_OK);
  CHECK(v == NULL);
  CHECK_INT(cache_customers_upsert_with_meta(c, cs, 9, &kv, 1), CACHE_OK);
  CHECK_INT(cache_meta_get(c, "sync.customers.offset", &v), CACHE_OK);
  CHECK_STR(v, "30");
  free(v);
  for (size_t i = 0; i < 30; i++)
    customer_cleanup(&cs[i]);
  cache_close(&c);
}

static void test_accounts_identities(void) {
  struct cache *c = open_fresh();
  struct account as[3];
  memset(as, 0, sizeof as);
  const char *names[] = {"Zeta", "Alpha", "Mid"};
  for (int i = 0; i < 3; i++) {
    as[i].id = tu_id((uint64_t)i + 50);
    as[i].account_number = xasprintf("ACC-%d", i);
    as[i].identity_id = xstrdup(i < 2 ? "idn1" : "idn2");
    as[i].currency = xstrdup("CLP");
    as[i].name = xstrdup(names[i]);
    CHECK_INT(money_parse("1500", "CLP", &as[i].balance), CORE_OK);
  }
  CHECK_INT(cache_accounts_upsert(c, as, 3), CACHE_OK);
  struct account_list al = {0};
  CHECK_INT(cache_accounts_list(c, NULL, &al), CACHE_OK);
  CHECK_INT(al.count, 3);
  if (al.count == 3) {
    CHECK_STR(al.items[0].name, "Alpha");
    CHECK_INT(al.items[0].balance.minor, 1500);
    CHECK_STR(al.items[0].balance.currency, "CLP");
  }
  account_list_cleanup(&al);
  int64_t cnt = -1;
  CHECK_INT(cache_accounts_count(c, &cnt), CACHE_OK);
  CHECK_INT(cnt, 3);
  CHECK_INT(cache_accounts_list(c, "idn1", &al), CACHE_OK);
  CHECK_INT(al.count, 2);
  account_list_cleanup(&al);
  struct account a;
  CHECK_INT(cache_account_get_by_number(c, "ACC-2", &a), CACHE_OK);
  CHECK_STR(a.name, "Mid");
  account_cleanup(&a);
  CHECK_INT(cache_account_get(c, as[0].id, &a), CACHE_OK);
  CHECK_STR(a.account_number, "ACC-0");
  account_cleanup(&a);
  CHECK_INT(cache_account_get(c, "nope", &a), CACHE_ERR_NOT_FOUND);
  for (int i = 0; i < 3; i++)
    account_cleanup(&as[i]);

  struct identity ids[2] = {
      {.id = xstrdup("idn1"), .name = xstrdup("Org"), .type = xstrdup("ORG")},
      {.id = xstrdup("idn2"), .name = xstrdup("Ann"), .type = xstrdup("USER")},
  };
  CHECK_INT(cache_identities_upsert(c, ids, 2), CACHE_OK);
  CHECK_INT(cache_identities_count(c, &cnt), CACHE_OK);
  CHECK_INT(cnt, 2);
  struct identity_list il = {0};
  CHECK_INT(cache_identities_list(c, &il), CACHE_OK);
  CHECK_INT(il.count, 2);
  if (il.count == 2)
    CHECK_STR(il.items[0].name, "Ann");
  identity_list_cleanup(&il);
  struct identity gi;
  CHECK_INT(cache_identity_get(c, "idn1", &gi), CACHE_OK);
  CHECK_STR(gi.type, "ORG");
  identity_cleanup(&gi);
  identity_cleanup(&ids[0]);
  identity_cleanup(&ids[1]);
  cache_close(&c);
}

static void test_webhook_dedupe(void) {
  struct cache *c = open_fresh();
  char *key = cache_webhook_key("payment.updated", "abc", "SETTLED");
  CHECK_STR(key, "payment.updated|abc|SETTLED");
  struct payment p;
  tu_payment(&p, 3);
  set_status(&p, PAYMENT_STATUS_SETTLED);
  bool already = true;
  CHECK_INT(cache_webhook_apply_payment(c, key, &p, &already), CACHE_OK);
  CHECK(!already);
  struct payment g;
  CHECK_INT(cache_payment_get(c, p.id, &g), CACHE_OK);
  CHECK_INT(g.status, PAYMENT_STATUS_SETTLED);
  payment_cleanup(&g);
  /* A redelivery changes nothing, even if the body differs. */
  set_status(&p, PAYMENT_STATUS_FAILED);
  CHECK_INT(cache_webhook_apply_payment(c, key, &p, &already), CACHE_OK);
  CHECK(already);
  CHECK_INT(cache_payment_get(c, p.id, &g), CACHE_OK);
  CHECK_INT(g.status, PAYMENT_STATUS_SETTLED);
  payment_cleanup(&g);
  /* A failing upsert does not record the key. */
  char *key2 = cache_webhook_key("payment.updated", "abc", "FAILED");
  free(p.id);
  p.id = NULL;
  CHECK_INT(cache_webhook_apply_payment(c, key2, &p, &already),
            CACHE_ERR_INVALID);
  CHECK_INT(cache_webhook_seen(c, key2, &already), CACHE_OK);
  CHECK(!already);
  CHECK_INT(cache_webhook_seen(c, key2, &already), CACHE_OK);
  CHECK(already);
  CHECK_INT(cache_webhook_prune(c, INT64_MAX), CACHE_OK);
  CHECK_INT(cache_webhook_seen(c, key2, &already), CACHE_OK);
  CHECK(!already);
  free(key);
  free(key2);
  payment_cleanup(&p);
  cache_close(&c);
}

#define FTS_N 10000

static void test_fts_search(void) {
  struct cache *c = open_fresh();
  struct payment *ps = xcalloc(FTS_N, sizeof *ps);
  for (uint64_t i = 0; i < FTS_N; i++) {
    tu_payment(&ps[i], i + 1);
    free(ps[i].description);
    ps[i].description =
        xasprintf("Invoice %llu for order", (unsigned long long)i);
  }
  free(ps[4242].customer_email);
  ps[4242].customer_email = xstrdup("Needle.Person@Example.org");
  free(ps[17].description);
  ps[17].description = xstrdup("Pago de matrícula 2026");
  CHECK_INT(cache_payments_upsert(c, ps, FTS_N), CACHE_OK);
  struct filter f;
  char eb[64];
  int64_t n = 0;
  CHECK_INT(filter_parse("needle.person", &f, eb, sizeof eb), CORE_OK);
  CHECK_INT(cache_payments_count(c, &f, &n), CACHE_OK);
  CHECK_INT(n, 1);
  filter_cleanup(&f);
  CHECK_INT(filter_parse("MATRÍCULA", &f, eb, sizeof eb), CORE_OK);
  CHECK_INT(cache_payments_count(c, &f, &n), CACHE_OK);
  CHECK_INT(n, 0); /* í vs Í: not an ASCII case pair */
  filter_cleanup(&f);
  CHECK_INT(filter_parse("MATRíCULA", &f, eb, sizeof eb), CORE_OK);
  CHECK_INT(cache_payments_count(c, &f, &n), CACHE_OK);
  CHECK_INT(n, 1);
  filter_cleanup(&f);
  CHECK_INT(filter_parse("invoice 99", &f, eb, sizeof eb), CORE_OK);
  CHECK_INT(cache_payments_count(c, &f, &n), CACHE_OK);
  /* "Invoice 99", "Invoice 990".."999", "Invoice 9900".."9999" */
  CHECK_INT(n, 1 + 10 + 100);
  filter_cleanup(&f);
  /* The FTS index follows updates and deletes in the same transaction. */
  free(ps[4242].customer_email);
  ps[4242].customer_email = xstrdup("someone@else.org");
  ps[4242].updated_at += 1;
  CHECK_INT(cache_payments_upsert(c, &ps[4242], 1), CACHE_OK);
  CHECK_INT(filter_parse("needle.person", &f, eb, sizeof eb), CORE_OK);
  CHECK_INT(cache_payments_count(c, &f, &n), CACHE_OK);
  CHECK_INT(n, 0);
  filter_cleanup(&f);
  /* Whatever the trigrams chosen to narrow a search (the rarest, one more
   * at a time, until few rows are proposed), a window and a count hold
   * exactly the matching rows. */
  static const char *const texts[] = {"invoice 99", "ice 42", "e 4242",
                                      "or order", "4 f", "voice 123 for"};
  static const int tunes[] = {0, 3, 20, 200, 2000};
  for (size_t t = 0; t < sizeof texts / sizeof texts[0]; t++) {
    CHECK_INT(filter_parse(texts[t], &f, eb, sizeof eb), CORE_OK);
    int64_t want = 0;
    for (size_t i = 0; i < FTS_N; i++)
      want += filter_match(&f, &ps[i]);
    for (size_t k = 0; k < sizeof tunes / sizeof tunes[0]; k++) {
      cache_payments_tune_fts(c, tunes[k]);
      struct payment_list l = {0};
      CHECK_INT(cache_payments_window(c, CACHE_LIST_PAYMENTS, &f, NULL,
                                      KEYSET_CREATED_DESC, NULL, false, false,
                                      FTS_N, &l),
                CACHE_OK);
      CHECK_INT((int64_t)l.count, want);
      for (size_t i = 0; i < l.count; i++)
        CHECK(filter_match(&f, &l.items[i]));
      payment_list_cleanup(&l);
      CHECK_INT(cache_payments_count(c, &f, &n), CACHE_OK);
      CHECK_INT(n, want);
    }
    CHECK(want > 0);
    filter_cleanup(&f);
  }
  cache_payments_tune_fts(c, 2000);
  CHECK_INT(cache_payment_delete(c, ps[17].id), CACHE_OK);
  CHECK_INT(filter_parse("matrícula", &f, eb, sizeof eb), CORE_OK);
  CHECK_INT(cache_payments_count(c, &f, &n), CACHE_OK);
  CHECK_INT(n, 0);
  filter_cleanup(&f);
  char *report = NULL;
  CHECK_INT(cache_integrity_check(c, &report), CACHE_OK);
  CHECK(report == NULL);
  free(report);
  for (size_t i = 0; i < FTS_N; i++)
    payment_cleanup(&ps[i]);
  free(ps);
  cache_close(&c);
}

static void test_purge(void) {
  struct cache *c = open_fresh();
  struct payment p;
  tu_payment(&p, 1);
  CHECK_INT(cache_payments_upsert(c, &p, 1), CACHE_OK);
  CHECK_INT(cache_meta_set(c, "sync.full_done", "1"), CACHE_OK);
  struct cache_outbox_new on = {.action = "refund", .payment_id = p.id};
  int64_t open_id = 0, done_id = 0, sent_id = 0;
  CHECK_INT(cache_outbox_insert(c, &on, &open_id), CACHE_OK);
  struct cache_outbox_new dn = {.action = "capture", .payment_id = "other"};
  CHECK_INT(cache_outbox_insert(c, &dn, &done_id), CACHE_OK);
  CHECK_INT(cache_outbox_cancel(c, done_id, NULL), CACHE_OK);
  struct cache_outbox_new sn = {.action = "assign", .payment_id = "third"};
  CHECK_INT(cache_outbox_insert(c, &sn, &sent_id), CACHE_OK);
  CHECK_INT(cache_outbox_transition(c, sent_id, CACHE_OUTBOX_PENDING,
                                    CACHE_OUTBOX_SENT, NULL, NULL),
            CACHE_OK);
  /* In flight: refused, nothing deleted. */
  CHECK_INT(cache_purge(c), CACHE_ERR_STATE);
  int64_t n = 0;
  CHECK_INT(cache_payments_count(c, NULL, &n), CACHE_OK);
  CHECK_INT(n, 1);
  CHECK_INT(cache_outbox_transition(c, sent_id, CACHE_OUTBOX_SENT,
                                    CACHE_OUTBOX_SUCCEEDED, NULL, NULL),
            CACHE_OK);
  CHECK_INT(cache_purge(c), CACHE_OK);
  CHECK_INT(cache_payments_count(c, NULL, &n), CACHE_OK);
  CHECK_INT(n, 0);
  char *v = NULL;
  CHECK_INT(cache_meta_get(c, "sync.full_done", &v), CACHE_OK);
  CHECK(v == NULL);
  struct cache_outbox_list l = {0};
  CHECK_INT(cache_outbox_list(c, false, 0, &l), CACHE_OK);
  CHECK_INT(l.count, 1);
  if (l.count == 1)
    CHECK_INT(l.items[0].id, open_id);
  cache_outbox_list_cleanup(&l);
  char *report = NULL;
  CHECK_INT(cache_integrity_check(c, &report), CACHE_OK);
  free(report);
  payment_cleanup(&p);
  cache_close(&c);
}

TEST_LIST = {
    {"review_unassigned_refunds", test_review_unassigned_refunds},
    {"customers", test_customers},
    {"accounts_identities", test_accounts_identities},
    {"webhook_dedupe", test_webhook_dedupe},
    {"fts_search", test_fts_search},
    {"purge", test_purge},
    {NULL, NULL},
};
