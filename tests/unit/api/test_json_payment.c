/*
 * JSON -> struct payment mapping and list envelopes, from fixture files in
 * tests/fixtures/api/.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "api/json_payment.h"
#include "core/money.h"
#include "core/timeutil.h"
#include "test.h"

static char *slurp(const char *name, size_t *len) {
  const char *dir = getenv("TESTS_DIR");
  char path[512];
  FILE *f;
  char *buf;
  long n;
  snprintf(path, sizeof(path), "%s/fixtures/api/%s", dir ? dir : ".", name);
  f = fopen(path, "rb");
  if (f == NULL) {
    fprintf(stderr, "cannot open %s\n", path);
    exit(2);
  }
  fseek(f, 0, SEEK_END);
  n = ftell(f);
  fseek(f, 0, SEEK_SET);
  buf = malloc((size_t)n + 1);
  if (buf == NULL || fread(buf, 1, (size_t)n, f) != (size_t)n)
    exit(2);
  buf[n] = '\0';
  fclose(f);
  *len = (size_t)n;
  return buf;
}

static enum api_err load(const char *name, struct payment *p,
                         struct api_error *err) {
  size_t len;
  char *text = slurp(name, &len);
  enum api_err rc;
  api_error_clear(err);
  rc = json_payment_parse(text, len, p, err);
  free(text);
  return rc;
}

static cJSON *load_tree(const char *name) {
  size_t len;
  char *text = slurp(name, &len);
  cJSON *root = cJSON_ParseWithLength(text, len);
  free(text);
  if (root == NULL) {
    fprintf(stderr, "fixture %s is not JSON\n", name);
    exit(2);
  }
  return root;
}

static void fmt(const struct money *m, char *buf) {
  money_format(m, buf, MONEY_FMT_MAX);
}

static void test_good(void) {
  struct payment p;
  struct api_error err;
  char buf[MONEY_FMT_MAX];
  int64_t ms = 0;
  CHECK_INT(load("payment_good.json", &p, &err), API_OK);
  CHECK_STR(p.id, "69e0df45b604159c5b8ba5a9");
  CHECK_STR(p.external_id, "order-1001");
  CHECK_STR(p.identity_id, "65f0aa11b604159c5b8b0001");
  CHECK_STR(p.account_number, "1000000001");
  CHECK_INT(p.total.minor, 200050);
  CHECK_STR(p.total.currency, "USD");
  fmt(&p.total, buf);
  CHECK_STR(buf, "2000.50");
  CHECK_INT(p.purchase.minor, 1800000);
  CHECK_STR(p.purchase.currency, "CLP");
  CHECK_STR(p.product, "CLP:USD");
  CHECK_STR(p.description, "Pago de matrícula");
  CHECK_INT(p.status, PAYMENT_STATUS_SETTLED);
  CHECK_STR(p.status_raw, "SETTLED");
  CHECK_INT(p.type, PAYMENT_TYPE_TOPUP_ACCOUNT);
  CHECK_STR(p.type_raw, "TOPUP_ACCOUNT");
  CHECK_STR(p.customer_id, "66aa00000000000000000001");
  CHECK(p.parent_payment_id == NULL);
  CHECK(p.documentation_status == NULL);
  CHECK_STR(p.customer_name, "José Muñoz Ñandú");
  CHECK_STR(p.customer_email, "jose@example.cl");
  CHECK_STR(p.customer_document, "12345678-9");
  CHECK(time_parse_iso8601("2025-04-01T12:30:00Z", &ms) == CORE_OK);
  CHECK_INT(p.created_at, ms);
  CHECK_INT(p.updated_at, ms + 5 * 60000 + 250);
  CHECK_INT(p.authorized_at, 0);
  CHECK_INT(p.captured_at, ms + 60000);
  CHECK_INT(p.settled_at, ms + 5 * 60000);
  CHECK_INT(p.refunded_at, 0);
  /* raw_json: the object re-printed unformatted, unknown fields kept */
  CHECK(p.raw_json != NULL);
  CHECK(p.raw_json && strchr(p.raw_json, '\n') == NULL);
  CHECK(p.raw_json && strstr(p.raw_json, "\"someFutureField\"") != NULL);
  CHECK(p.raw_json &&
        strncmp(p.raw_json, "{\"id\":\"69e0df45b604159c5b8ba5a9\"", 32) == 0);
  payment_cleanup(&p);
}

static void test_pending_is_created(void) {
  struct payment p;
  struct api_error err;
  CHECK_INT(load("payment_pending.json", &p, &err), API_OK);
  CHECK_INT(p.status, PAYMENT_STATUS_CREATED);
  CHECK_STR(p.status_raw, "PENDING");
  CHECK_INT(p.total.minor, 700000);
  CHECK_STR(p.total.currency, "CLP");
  /* no purchase amount: zero with no currency */
  CHECK_INT(p.purchase.minor, 0);
  CHECK_STR(p.purchase.currency, "");
  CHECK(p.customer_name == NULL);
  payment_cleanup(&p);
}

static void test_unknown_status_kept(void) {
  struct payment p;
  struct api_error err;
  CHECK_INT(load("payment_unknown_status.json", &p, &err), API_OK);
  CHECK_INT(p.status, PAYMENT_STATUS_UNKNOWN);
  CHECK_STR(p.status_raw, "ON_HOLD_BY_RISK");
  CHECK_INT(p.type, PAYMENT_TYPE_UNKNOWN);
  CHECK_STR(p.type_raw, "CRYPTO_SWAP");
  CHECK_INT(p.total.minor, 10123456);
  CHECK_STR(p.total.currency, "USDC");
  payment_cleanup(&p);
}

static void test_numeric_amount_is_parse_error(void) {
  struct payment p;
  struct api_error err;
  CHECK_INT(load("payment_numeric_amount.json", &p, &err), API_ERR_PARSE);
  CHECK_INT(err.code, API_ERR_PARSE);
  CHECK(strstr(err.detail, "69e0df45b604159c5b8ba5b2") != NULL);
  CHECK(strstr(err.detail, "totalAmount") != NULL);
  CHECK(strstr(err.detail, "number") != NULL);
  CHECK(p.id == NULL && p.raw_json == NULL);
}

static void test_too_many_decimals(void) {
  struct payment p;
  struct api_error err;
  CHECK_INT(load("payment_too_many_decimals.json", &p, &err), API_ERR_PARSE);
  CHECK(strstr(err.detail, "69e0df45b604159c5b8ba5b3") != NULL);
  CHECK(strstr(err.detail, "totalAmount \"10.123\"") != NULL);
  CHECK(strstr(err.detail, "decimals") != NULL);
  CHECK(p.id == NULL);
}

static void test_bad_purchase_amount(void) {
  struct payment p;
  struct api_error err;
  CHECK_INT(load("payment_bad_purchase.json", &p, &err), API_ERR_PARSE);
  CHECK(strstr(err.detail, "purchaseAmount \"1e3\"") != NULL);
  CHECK(strstr(err.detail, "69e0df45b604159c5b8ba5b4") != NULL);
}

static void test_missing_fields(void) {
  struct payment p;
  struct api_error err;
  CHECK_INT(load("payment_missing_fields.json", &p, &err), API_OK);
  CHECK_STR(p.id, "69e0df45b604159c5b8ba5b5");
  CHECK(p.status_raw == NULL && p.type_raw == NULL);
  CHECK_INT(p.status, PAYMENT_STATUS_UNKNOWN);
  CHECK_INT(p.total.minor, 0);
  CHECK_STR(p.total.currency, "");
  CHECK_INT(p.created_at, 0);
  CHECK(p.customer_name == NULL && p.description == NULL);
  CHECK_STR(p.raw_json, "{\"id\":\"69e0df45b604159c5b8ba5b5\"}");
  payment_cleanup(&p);
}

static void test_nulls(void) {
  struct payment p;
  struct api_error err;
  CHECK_INT(load("payment_nulls.json", &p, &err), API_OK);
  CHECK(p.external_id == NULL && p.account_number == NULL);
  CHECK(p.description == NULL && p.customer_id == NULL);
  CHECK_INT(p.total.minor, 0);
  CHECK_INT(p.status, PAYMENT_STATUS_UNKNOWN);
  CHECK(p.status_raw == NULL);
  CHECK_INT(p.settled_at, 0);
  payment_cleanup(&p);
}

/* customerId null is the server's "no customer"; no customerId member at
 * all (the published schema) means the customer link must be asked. */
static void test_customer_id_absent(void) {
  struct payment p;
  struct api_error err;
  const char *absent = "{\"id\":\"p1\",\"totalAmount\":\"1.00\","
                       "\"currency\":\"USD\"}";
  const char *null = "{\"id\":\"p1\",\"totalAmount\":\"1.00\","
                     "\"currency\":\"USD\",\"customerId\":null}";
  const char *set = "{\"id\":\"p1\",\"totalAmount\":\"1.00\","
                    "\"currency\":\"USD\",\"customerId\":\"c1\"}";
  CHECK_INT(json_payment_parse(absent, strlen(absent), &p, &err), API_OK);
  CHECK(p.customer_id == NULL && p.customer_id_absent);
  payment_cleanup(&p);
  CHECK_INT(json_payment_parse(null, strlen(null), &p, &err), API_OK);
  CHECK(p.customer_id == NULL && !p.customer_id_absent);
  payment_cleanup(&p);
  CHECK_INT(json_payment_parse(set, strlen(set), &p, &err), API_OK);
  CHECK_STR(p.customer_id, "c1");
  CHECK(!p.customer_id_absent);
  payment_cleanup(&p);
}

static void test_wrong_types(void) {
  struct payment p;
  struct api_error err;
  CHECK_INT(load("payment_wrong_types.json", &p, &err), API_OK);
  CHECK(p.external_id == NULL); /* a number is not an id string */
  CHECK(p.description == NULL);
  CHECK(p.status_raw == NULL);
  CHECK_INT(p.status, PAYMENT_STATUS_UNKNOWN);
  CHECK(p.type_raw == NULL);
  CHECK(p.customer_id == NULL);
  CHECK(p.customer_name == NULL);
  CHECK_INT(p.created_at, 0);
  CHECK_INT(p.updated_at, 0);
  CHECK_INT(p.total.minor, 500);
  payment_cleanup(&p);
}

static void test_duplicate_amount_refused(void) {
  struct payment p;
  struct api_error err;
  CHECK_INT(load("payment_duplicate_amount.json", &p, &err), API_ERR_PARSE);
  CHECK(strstr(err.detail, "duplicate") != NULL);
  CHECK(strstr(err.detail, "totalAmount") != NULL);
  CHECK(strstr(err.detail, "69e0df45b604159c5b8ba5b9") != NULL);
}

static void test_no_id(void) {
  struct payment p;
  struct api_error err;
  CHECK_INT(load("payment_no_id.json", &p, &err), API_ERR_PARSE);
  CHECK(strstr(err.detail, "id") != NULL);
}

static void test_hostile_strings_kept_as_bytes(void) {
  struct payment p;
  struct api_error err;
  CHECK_INT(load("payment_hostile.json", &p, &err), API_OK);
  /* the mapping keeps the bytes; sanitising is the display's job */
  CHECK_STR(p.customer_name, "\x1b]0;pwned\x07"
                             "Eve \x1b[2J");
  CHECK_STR(p.customer_email, "eve@\x1b[31mexample.com");
  CHECK_STR(p.description, "refund \xe2\x80\xaegnp.exe \xc2\x9b"
                           "31m");
  /* cJSON stops a string at \u0000: no crash, a shorter value */
  CHECK_STR(p.customer_document, "123");
  /* raw_json stays JSON: control characters escaped, not raw */
  CHECK(p.raw_json && strchr(p.raw_json, 0x1b) == NULL);
  payment_cleanup(&p);
}

static void test_not_json(void) {
  struct payment p;
  struct api_error err;
  api_error_clear(&err);
  CHECK_INT(json_payment_parse("<html>", 6, &p, &err), API_ERR_PARSE);
  CHECK_INT(json_payment_parse("[1,2]", 5, &p, &err), API_ERR_PARSE);
  CHECK_INT(json_payment_parse("{\"id\":\"\\ud800\"}", 15, &p, &err),
            API_ERR_PARSE);
}

/* --- list envelopes ------------------------------------------------- */

static enum api_err list(const char *name, int64_t limit, int64_t offset,
                         struct payment_list *l, struct api_page *pg,
                         struct api_error *err) {
  cJSON *root = load_tree(name);
  enum api_err rc;
  api_error_clear(err);
  memset(pg, 0x5a, sizeof(*pg));
  rc = json_payment_list(root, limit, offset, l, pg, NULL, err);
  cJSON_Delete(root);
  return rc;
}

static void test_list_results(void) {
  struct payment_list l = {0};
  struct api_page pg;
  struct api_error err;
  CHECK_INT(list("list_results.json", 2, 4, &l, &pg, &err), API_OK);
  CHECK_INT(l.count, 2);
  CHECK_STR(l.items[1].id, "aaaaaaaaaaaaaaaaaaaaaaa2");
  CHECK_INT(pg.count, 2);
  CHECK_INT(pg.limit, 2);
  CHECK_INT(pg.offset, 4);
  CHECK_INT(pg.total, 9);
  CHECK(pg.has_next);
  CHECK_INT(pg.next_offset, 6);
  /* appends to what the list already holds */
  CHECK_INT(list("list_bare_array.json", 50, 0, &l, &pg, &err), API_OK);
  CHECK_INT(l.count, 3);
  CHECK_STR(l.items[2].id, "aaaaaaaaaaaaaaaaaaaaaaa9");
  CHECK(!pg.has_next);
  CHECK_INT(pg.total, -1);
  payment_list_cleanup(&l);
}

static void test_list_spec_next_null(void) {
  struct payment_list l = {0};
  struct api_page pg;
  struct api_error err;
  CHECK_INT(list("list_spec.json", 2, 4, &l, &pg, &err), API_OK);
  CHECK_INT(l.count, 1);
  CHECK_INT(l.items[0].status, PAYMENT_STATUS_CREATED);
  CHECK_INT(pg.count, 1); /* items in this page, not the server's count */
  CHECK_INT(pg.total, 5);
  CHECK_INT(pg.offset, 4);
  CHECK(!pg.has_next);
  payment_list_cleanup(&l);
}

static void test_list_limit_offset_strings(void) {
  struct payment_list l = {0};
  struct api_page pg;
  struct api_error err;
  CHECK_INT(list("list_limit_offset.json", 10, 0, &l, &pg, &err), API_OK);
  CHECK_INT(pg.limit, 50);
  CHECK_INT(pg.total, 1);
  CHECK(!pg.has_next);
  payment_list_cleanup(&l);
}

static void test_list_nested_pagination(void) {
  struct payment_list l = {0};
  struct api_page pg;
  struct api_error err;
  CHECK_INT(list("list_data_nested.json", 2, 0, &l, &pg, &err), API_OK);
  CHECK_INT(l.count, 2);
  CHECK_INT(pg.total, 7);
  CHECK(pg.has_next);
  CHECK_INT(pg.next_offset, 2);
  payment_list_cleanup(&l);
}

static void test_list_payments_total(void) {
  struct payment_list l = {0};
  struct api_page pg;
  struct api_error err;
  CHECK_INT(list("list_payments_total.json", 2, 0, &l, &pg, &err), API_OK);
  CHECK_INT(l.count, 2);
  CHECK(l.items[0].account_number == NULL);
  CHECK_INT(pg.total, 3);
  CHECK(pg.has_next);
  CHECK_INT(pg.next_offset, 2);
  payment_list_cleanup(&l);
}

static void test_list_bad_item_appends_nothing(void) {
  struct payment_list l = {0};
  struct api_page pg;
  struct api_error err;
  CHECK_INT(list("list_bad_item.json", 50, 0, &l, &pg, &err), API_ERR_PARSE);
  CHECK_INT(l.count, 0);
  CHECK(strstr(err.detail, "bbbbbbbbbbbbbbbbbbbbbbb2") != NULL);
  CHECK(strstr(err.detail, "totalAmount") != NULL);
  payment_list_cleanup(&l);
}

static void test_list_no_array(void) {
  struct payment_list l = {0};
  struct api_page pg;
  struct api_error err;
  CHECK_INT(list("list_no_array.json", 50, 0, &l, &pg, &err), API_ERR_PARSE);
  CHECK_INT(l.count, 0);
}

static void test_list_next_backwards(void) {
  struct payment_list l = {0};
  struct api_page pg;
  struct api_error err;
  CHECK_INT(list("list_next_backwards.json", 1, 10, &l, &pg, &err), API_OK);
  /* a `next` that points backwards must not make a sync loop */
  CHECK(!pg.has_next || pg.next_offset > 10);
  payment_list_cleanup(&l);
}

TEST_LIST = {
    {"good", test_good},
    {"customer_id_absent", test_customer_id_absent},
    {"pending_is_created", test_pending_is_created},
    {"unknown_status_kept", test_unknown_status_kept},
    {"numeric_amount_is_parse_error", test_numeric_amount_is_parse_error},
    {"too_many_decimals", test_too_many_decimals},
    {"bad_purchase_amount", test_bad_purchase_amount},
    {"missing_fields", test_missing_fields},
    {"nulls", test_nulls},
    {"wrong_types", test_wrong_types},
    {"duplicate_amount_refused", test_duplicate_amount_refused},
    {"no_id", test_no_id},
    {"hostile_strings_kept_as_bytes", test_hostile_strings_kept_as_bytes},
    {"not_json", test_not_json},
    {"list_results", test_list_results},
    {"list_spec_next_null", test_list_spec_next_null},
    {"list_limit_offset_strings", test_list_limit_offset_strings},
    {"list_nested_pagination", test_list_nested_pagination},
    {"list_payments_total", test_list_payments_total},
    {"list_bad_item_appends_nothing", test_list_bad_item_appends_nothing},
    {"list_no_array", test_list_no_array},
    {"list_next_backwards", test_list_next_backwards},
    {NULL, NULL}};
