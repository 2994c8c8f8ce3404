/*
 * test_payment - deep copy, cleanup and list growth of the value types
 * (leaks and double frees are caught by the sanitizer build).
 */
#include <stdlib.h>
#include <string.h>

#include "core/account.h"
#include "core/customer.h"
#include "core/payment.h"
#include "core/xalloc.h"
#include "test.h"

static void fill(struct payment *p, int i) {
  p->id = xasprintf("%024d", i);
  p->external_id = xstrdup("ext");
  p->identity_id = xstrdup("ident");
  p->account_number = xstrdup("ACC");
  p->product = xstrdup("USD:USD");
  p->description = xstrdup("desc");
  p->status_raw = xstrdup("PENDING");
  p->status = PAYMENT_STATUS_CREATED;
  p->type_raw = xstrdup("PURCHASE");
  p->type = PAYMENT_TYPE_PURCHASE;
  p->customer_id = xstrdup("c");
  p->customer_name = xstrdup("Jos\xc3\xa9");
  p->customer_email = xstrdup("j@example.com");
  p->customer_document = xstrdup("123");
  p->parent_payment_id = xstrdup("parent");
  p->related_payment_id = xstrdup("related");
  p->documentation_status = xstrdup("UPLOADED");
  p->review_reason = xstrdup("reason");
  p->raw_json = xstrdup("{}");
  p->total.minor = i;
  memcpy(p->total.currency, "USD", 4);
  p->created_at = 1000 + i;
  p->expires_at = 5;
}

static void test_copy(void) {
  struct payment a, b;
  memset(&a, 0, sizeof a);
  fill(&a, 42);
  payment_copy(&b, &a);
  CHECK(b.id != a.id);
  CHECK_STR(b.id, a.id);
  CHECK_STR(b.customer_name, "Jos\xc3\xa9");
  CHECK_STR(b.raw_json, "{}");
  CHECK_STR(b.review_reason, "reason");
  CHECK(b.review_reason != a.review_reason);
  CHECK_INT(b.total.minor, 42);
  CHECK_STR(b.total.currency, "USD");
  CHECK_INT(b.created_at, 1042);
  CHECK_INT(b.status, PAYMENT_STATUS_CREATED);
  payment_cleanup(&a);
  /* b survives a's cleanup */
  CHECK_STR(b.description, "desc");
  payment_cleanup(&b);
  CHECK(b.id == NULL);
  CHECK_INT(b.total.minor, 0);
  payment_cleanup(&b); /* idempotent */
  payment_cleanup(NULL);
}

static void test_copy_nulls(void) {
  struct payment a, b;
  memset(&a, 0, sizeof a);
  a.id = xstrdup("only");
  payment_copy(&b, &a);
  CHECK_STR(b.id, "only");
  CHECK(b.raw_json == NULL);
  CHECK(b.customer_name == NULL);
  payment_cleanup(&a);
  payment_cleanup(&b);
}

static void test_list(void) {
  struct payment_list l = {0};
  for (int i = 0; i < 1000; i++) {
    struct payment *p = payment_list_push(&l);
    CHECK(p->id == NULL && p->total.minor == 0);
    fill(p, i);
  }
  CHECK_INT(l.count, 1000);
  CHECK(l.cap >= 1000);
  CHECK_INT(l.items[999].total.minor, 999);
  CHECK_STR(l.items[500].id, "000000000000000000000500");
  payment_list_cleanup(&l);
  CHECK(l.items == NULL);
  CHECK_INT(l.count, 0);
  payment_list_cleanup(&l);
}

static void test_customer(void) {
  struct customer a, b;
  struct customer_list l = {0};
  char *name;

  memset(&a, 0, sizeof a);
  a.id = xstrdup("c1");
  a.first_name = xstrdup("Ana");
  a.last_name = xstrdup("Silva");
  a.documents_count = 2;
  a.documents = xcalloc(2, sizeof *a.documents);
  a.documents[0].type = xstrdup("kyc");
  a.documents[1].url = xstrdup("https://x/y");
  a.documents[1].uploaded_at = 77;
  customer_copy(&b, &a);
  CHECK(b.documents != a.documents);
  CHECK_INT(b.documents_count, 2);
  CHECK_STR(b.documents[0].type, "kyc");
  CHECK_STR(b.documents[1].url, "https://x/y");
  CHECK_INT(b.documents[1].uploaded_at, 77);

  name = customer_display_name(&a);
  CHECK_STR(name, "Ana Silva");
  free(name);
  free(b.last_name);
  b.last_name = NULL;
  name = customer_display_name(&b);
  CHECK_STR(name, "Ana");
  free(name);
  free(b.first_name);
  b.first_name = xstrdup("");
  b.last_name = xstrdup("Silva");
  name = customer_display_name(&b);
  CHECK_STR(name, "Silva");
  free(name);
  customer_cleanup(&a);
  customer_cleanup(&b);
  name = customer_display_name(&b);
  CHECK_STR(name, "");
  free(name);

  for (int i = 0; i < 40; i++)
    customer_list_push(&l)->id = xasprintf("c%d", i);
  CHECK_INT(l.count, 40);
  CHECK_STR(l.items[39].id, "c39");
  customer_list_cleanup(&l);
  CHECK(l.items == NULL);
}

static void test_account(void) {
  struct account_list al = {0};
  struct identity_list il = {0};
  for (int i = 0; i < 33; i++) {
    struct account *a = account_list_push(&al);
    struct identity *id = identity_list_push(&il);
    a->id = xasprintf("a%d", i);
    a->name = xstrdup("Main");
    a->balance.minor = i;
    id->id = xasprintf("i%d", i);
    id->document_number = xstrdup("9");
  }
  CHECK_INT(al.count, 33);
  CHECK_INT(il.count, 33);
  CHECK_STR(al.items[32].id, "a32");
  CHECK_INT(al.items[32].balance.minor, 32);
  CHECK_STR(il.items[0].id, "i0");
  account_list_cleanup(&al);
  identity_list_cleanup(&il);
  CHECK(al.items == NULL && il.items == NULL);
  account_cleanup(NULL);
  identity_cleanup(NULL);
}

TEST_LIST = {
    {"copy", test_copy},         {"copy_nulls", test_copy_nulls},
    {"list", test_list},         {"customer", test_customer},
    {"account", test_account},   {NULL, NULL},
};
