/*
 * JSON mapping of customers (both documented models), accounts and
 * identities, the refund summary and the refund result, from fixtures.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "api/json_account.h"
#include "api/json_customer.h"
#include "api/json_refund.h"
#include "test.h"

static cJSON *load(const char *name) {
  const char *dir = getenv("TESTS_DIR");
  char path[512];
  FILE *f;
  char buf[16384];
  size_t n;
  snprintf(path, sizeof(path), "%s/fixtures/api/%s", dir ? dir : ".", name);
  f = fopen(path, "rb");
  if (f == NULL) {
    fprintf(stderr, "cannot open %s\n", path);
    exit(2);
  }
  n = fread(buf, 1, sizeof(buf), f);
  fclose(f);
  return cJSON_ParseWithLength(buf, n);
}

static void test_customer_model_a(void) {
  cJSON *root = load("customer_model_a.json");
  struct customer c;
  struct api_error err;
  CHECK_INT(json_customer_from_object(root, &c, &err), API_OK);
  CHECK_STR(c.id, "69e25243baa9fd9b463d6bac");
  CHECK_STR(c.first_name, "Carlos");
  CHECK_STR(c.last_name, "Nuevo");
  CHECK_STR(c.document_type, "CUIT");
  CHECK_STR(c.document_number, "23111222331");
  CHECK_STR(c.country, "AR");
  CHECK_STR(c.operation_level, "BASIC");
  CHECK(c.auto_created);
  CHECK(c.is_documented);
  CHECK(c.created_at > 0 && c.updated_at > c.created_at);
  /* objects only; upper-case types lower-cased */
  CHECK_INT(c.documents_count, 2);
  CHECK_STR(c.documents[0].type, "kyc");
  CHECK_STR(c.documents[0].status, "APPROVED");
  CHECK_STR(c.documents[0].content_type, "image/jpeg");
  CHECK(c.documents[0].uploaded_at > 0);
  CHECK_STR(c.documents[1].type, "source_of_funds");
  CHECK(c.documents[1].url == NULL);
  CHECK(c.raw_json != NULL);
  customer_cleanup(&c);
  cJSON_Delete(root);
}

static void test_customer_model_b(void) {
  cJSON *root = load("customer_model_b.json");
  struct customer c;
  struct api_error err;
  CHECK_INT(json_customer_from_object(root, &c, &err), API_OK);
  CHECK_STR(c.first_name, "Ana");
  CHECK(c.last_name == NULL);
  CHECK(c.operation_level == NULL);
  CHECK(!c.is_documented && !c.auto_created);
  CHECK_INT(c.documents_count, 0);
  customer_cleanup(&c);
  cJSON_Delete(root);
}

static void test_customers_count_envelope(void) {
  cJSON *root = load("customers_count_envelope.json");
  struct customer_list l = {0};
  struct api_page pg;
  struct api_error err;
  CHECK_INT(json_customer_list(root, 2, 0, &l, &pg, NULL, &err), API_OK);
  CHECK_INT(l.count, 2);
  CHECK_STR(l.items[0].first_name, "Zoë");
  CHECK(l.items[0].auto_created); /* "true" as a string */
  CHECK_STR(l.items[1].first_name, "Олег");
  CHECK_STR(l.items[1].operation_level, "INACTIVE");
  customer_list_cleanup(&l);
  cJSON_Delete(root);
}

static void test_accounts(void) {
  cJSON *root = load("accounts_nested.json");
  struct account_list l = {0};
  struct api_page pg;
  struct api_error err;
  CHECK_INT(json_account_list(root, 50, 0, &l, &pg, NULL, &err), API_OK);
  CHECK_INT(l.count, 2);
  CHECK_INT(pg.total, 2);
  CHECK(!pg.has_next);
  CHECK_INT(l.items[0].balance.minor, 150025);
  CHECK_STR(l.items[0].balance.currency, "ARS");
  CHECK_STR(l.items[0].name, "Operaciones");
  CHECK_STR(l.items[0].identity_id, "i1");
  CHECK_INT(l.items[1].balance.minor, 10123456);
  CHECK_STR(l.items[1].name, "Holder Only"); /* accountHolder fallback */
  CHECK_STR(l.items[1].status, "BLOCKED");
  account_list_cleanup(&l);
  cJSON_Delete(root);

  root = load("account_numeric_balance.json");
  CHECK_INT(json_account_list(root, 50, 0, &l, &pg, NULL, &err), API_ERR_PARSE);
  CHECK(strstr(err.detail, "balance") != NULL);
  CHECK(strstr(err.detail, "a3") != NULL);
  CHECK_INT(l.count, 0);
  cJSON_Delete(root);
}

static void test_identity(void) {
  cJSON *root = cJSON_Parse("{\"id\":\"i1\",\"type\":\"ORGANIZATION\","
                            "\"name\":\"Operator\",\"lastname\":\"Uno\","
                            "\"documentNumber\":\"77123126-K\"}");
  struct identity idn;
  struct api_error err;
  CHECK_INT(json_identity_from_object(root, &idn, &err), API_OK);
  CHECK_STR(idn.name, "Operator Uno");
  CHECK_STR(idn.type, "ORGANIZATION");
  CHECK_STR(idn.document_number, "77123126-K");
  identity_cleanup(&idn);
  cJSON_Delete(root);
  root = cJSON_Parse("{\"name\":\"no id\"}");
  CHECK_INT(json_identity_from_object(root, &idn, &err), API_ERR_PARSE);
  cJSON_Delete(root);
}

static void test_refund_summary(void) {
  cJSON *root = load("refunds_of_payment.json");
  struct refund_summary s;
  struct api_error err;
  CHECK_INT(json_refund_summary(
                cJSON_GetObjectItemCaseSensitive(root, "summary"), &s, &err),
            API_OK);
  CHECK_STR(s.parent_id, "69e0df45b604159c5b8ba5a9");
  CHECK_INT(s.parent_amount.minor, 200000);
  CHECK_STR(s.parent_amount.currency, "ARS");
  CHECK_INT(s.total_refunded.minor, 0);
  CHECK_INT(s.total_in_progress.minor, 15000);
  CHECK_INT(s.max_refundable.minor, 185000);
  CHECK_INT(s.in_progress_count, 1);
  CHECK_INT(s.completed_count, 0);
  cJSON_Delete(root);

  root = load("refund_summary_numeric.json");
  CHECK_INT(json_refund_summary(root, &s, &err), API_ERR_PARSE);
  CHECK(strstr(err.detail, "totalRefunded") != NULL);
  CHECK(strstr(err.detail, "p9") != NULL);
  CHECK_INT(s.max_refundable.minor, 0); /* nothing half-filled */
  cJSON_Delete(root);
}

static void test_refund_result(void) {
  cJSON *root = cJSON_Parse(
      "{\"refundId\":\"r1\",\"parentPaymentId\":\"p1\",\"status\":"
      "\"RECEIVED\",\"totalAmount\":\"150.00\",\"currency\":\"ARS\","
      "\"createdAt\":\"2026-04-17T14:37:44Z\"}");
  struct api_refund_result r;
  struct api_error err;
  CHECK_INT(json_refund_result(root, &r, &err), API_OK);
  CHECK_STR(r.refund_id, "r1");
  CHECK_INT(r.status, PAYMENT_STATUS_RECEIVED);
  CHECK_INT(r.amount.minor, 15000);
  api_refund_result_cleanup(&r);
  cJSON_Delete(root);
  root = cJSON_Parse("{\"refundId\":\"r2\",\"amount\":150,"
                     "\"currency\":\"ARS\"}");
  CHECK_INT(json_refund_result(root, &r, &err), API_ERR_PARSE);
  CHECK(r.refund_id == NULL);
  cJSON_Delete(root);
  root = cJSON_Parse("{\"status\":\"RECEIVED\"}");
  CHECK_INT(json_refund_result(root, &r, &err), API_ERR_PARSE);
  cJSON_Delete(root);
}

TEST_LIST = {{"customer_model_a", test_customer_model_a},
             {"customer_model_b", test_customer_model_b},
             {"customers_count_envelope", test_customers_count_envelope},
             {"accounts", test_accounts},
             {"identity", test_identity},
             {"refund_summary", test_refund_summary},
             {"refund_result", test_refund_result},
             {NULL, NULL}};
