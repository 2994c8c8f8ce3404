/*
 * webhook_verify (HMAC-SHA256, constant-time compare) and
 * webhook_event_parse (Model B, Model A, customer events, bad input).
 */
#include <string.h>

#include "api/webhook.h"
#include "test.h"

static const char *BODY =
    "{\"eventType\":\"payment.settled\",\"timestamp\":\"2026-04-17T15:30:00Z\","
    "\"transaction\":{\"id\":\"69e0df45b604159c5b8ba5a9\",\"externalId\":"
    "\"bm_abc-123\",\"status\":\"SETTLED\",\"totalAmount\":\"2000.00\","
    "\"currency\":\"ARS\",\"type\":\"LOCAL_DEPOSIT\",\"parentPaymentId\":null,"
    "\"settledAt\":\"2026-04-17T15:30:00Z\",\"documentationStatus\":null},"
    "\"identity\":{\"id\":\"x\",\"email\":\"y\"}}";

static void test_known_vector(void) {
  /* RFC 4231 test case 2 */
  const char *data = "what do ya want for nothing?";
  char sig[65];
  webhook_sign("Jefe", data, strlen(data), sig);
  CHECK_STR(sig, "5bdcc146bf60754e6a042426089575c7"
                 "5a003f089d2739839dec58b964ec3843");
  CHECK(webhook_verify("Jefe", data, strlen(data), sig));
  CHECK(webhook_verify("Jefe", data, strlen(data),
                       "5BDCC146BF60754E6A042426089575C7"
                       "5A003F089D2739839DEC58B964EC3843"));
  CHECK(webhook_verify("Jefe", data, strlen(data),
                       "sha256=5bdcc146bf60754e6a042426089575c7"
                       "5a003f089d2739839dec58b964ec3843"));
}

static void test_bad_signatures(void) {
  size_t len = strlen(BODY);
  char sig[65], bad[65];
  webhook_sign("whsec_test", BODY, len, sig);
  CHECK(webhook_verify("whsec_test", BODY, len, sig));
  /* one flipped hex digit */
  memcpy(bad, sig, sizeof(bad));
  bad[10] = bad[10] == '0' ? '1' : '0';
  CHECK(!webhook_verify("whsec_test", BODY, len, bad));
  /* another secret, a changed body, truncated, non-hex, empty, NULL */
  CHECK(!webhook_verify("whsec_other", BODY, len, sig));
  CHECK(!webhook_verify("whsec_test", BODY, len - 1, sig));
  CHECK(!webhook_verify("whsec_test", BODY, len, "abcd"));
  memcpy(bad, sig, sizeof(bad));
  bad[63] = 'g';
  CHECK(!webhook_verify("whsec_test", BODY, len, bad));
  CHECK(!webhook_verify("whsec_test", BODY, len, ""));
  CHECK(!webhook_verify("whsec_test", BODY, len, NULL));
  CHECK(!webhook_verify("", BODY, len, sig));
  CHECK(!webhook_verify(NULL, BODY, len, sig));
}

/* Model A: the signature is in the body, over {event, data} compact. */
static void test_model_a_signature(void) {
  static const char signed_part[] =
      "{\"event\":\"Transaction.Captured\",\"data\":{\"transaction\":"
      "{\"id\":\"67a0307eaddea901a60144ec\",\"purchaseAmount\":\"50000\","
      "\"totalAmount\":\"50000\",\"externalId\":\"Jos\xc3\xa9\","
      "\"currency\":\"COP\",\"status\":\"CAPTURED\"}}}";
  char sig[65], body[1024], bad[1024];
  webhook_sign("whsec_a", signed_part, strlen(signed_part), sig);
  /* the body as sent: the signed text with ,"signature":"..." before } */
  size_t n = strlen(signed_part) - 1;
  snprintf(body, sizeof body, "%.*s,\"signature\":\"%s\"}\n", (int)n,
           signed_part, sig);
  CHECK(webhook_verify_delivery("whsec_a", body, strlen(body), NULL));
  CHECK(webhook_verify_delivery("whsec_a", body, strlen(body), ""));
  CHECK(!webhook_verify_delivery("whsec_b", body, strlen(body), NULL));
  /* a changed amount */
  snprintf(bad, sizeof bad, "%s", body);
  char *amt = strstr(bad, "50000");
  amt[0] = '9';
  CHECK(!webhook_verify_delivery("whsec_a", bad, strlen(bad), NULL));
  /* pretty-printed: verified by re-serialising {event, data} */
  snprintf(bad, sizeof bad,
           "{\n  \"signature\": \"%s\",\n  \"event\": "
           "\"Transaction.Captured\",\n  \"data\": {\"transaction\": "
           "{\"id\": \"67a0307eaddea901a60144ec\", \"purchaseAmount\": "
           "\"50000\", \"totalAmount\": \"50000\", \"externalId\": "
           "\"Jos\xc3\xa9\", \"currency\": \"COP\", \"status\": "
           "\"CAPTURED\"}}}",
           sig);
  CHECK(webhook_verify_delivery("whsec_a", bad, strlen(bad), NULL));
  /* no signature anywhere, or a Model B header that does not match */
  CHECK(!webhook_verify_delivery("whsec_a", signed_part, strlen(signed_part),
                                 NULL));
  CHECK(!webhook_verify_delivery("whsec_a", body, strlen(body), sig));
  /* a Model B delivery still verifies by its header */
  webhook_sign("whsec_a", BODY, strlen(BODY), sig);
  CHECK(webhook_verify_delivery("whsec_a", BODY, strlen(BODY), sig));
}

static void test_parse_model_b(void) {
  struct webhook_event ev;
  struct api_error err;
  CHECK_INT(webhook_event_parse(BODY, strlen(BODY), &ev, &err), API_OK);
  CHECK_STR(ev.event_type, "payment.settled");
  CHECK(ev.timestamp > 0);
  CHECK_INT(ev.subject, WEBHOOK_SUBJECT_PAYMENT);
  CHECK_STR(ev.payment.id, "69e0df45b604159c5b8ba5a9");
  CHECK_INT(ev.payment.status, PAYMENT_STATUS_SETTLED);
  CHECK_INT(ev.payment.type, PAYMENT_TYPE_LOCAL_DEPOSIT);
  CHECK_INT(ev.payment.total.minor, 200000);
  CHECK_STR(ev.dedup_key, "payment.settled|69e0df45b604159c5b8ba5a9|SETTLED");
  CHECK(ev.raw_json != NULL);
  webhook_event_cleanup(&ev);
}

static void test_parse_customer_and_model_a(void) {
  struct webhook_event ev;
  struct api_error err;
  const char *cust = "{\"eventType\":\"customer.levelChanged\","
                     "\"timestamp\":\"2026-04-17T15:42:10Z\",\"customer\":"
                     "{\"id\":\"69e25243baa9fd9b463d6bac\",\"firstName\":"
                     "\"Carlos\",\"operationLevel\":\"STANDARD\","
                     "\"documentsCount\":1}}";
  const char *a = "{\"event\":\"Transaction.Captured\",\"data\":{"
                  "\"transaction\":{\"id\":\"67a0307eaddea901a60144ec\","
                  "\"purchaseAmount\":\"50000\",\"totalAmount\":\"50000\","
                  "\"externalId\":\"123456\",\"currency\":\"COP\","
                  "\"status\":\"CAPTURED\"}},\"signature\":\"f8\"}";
  const char *none = "{\"eventType\":\"ping\"}";
  CHECK_INT(webhook_event_parse(cust, strlen(cust), &ev, &err), API_OK);
  CHECK_INT(ev.subject, WEBHOOK_SUBJECT_CUSTOMER);
  CHECK_STR(ev.customer.operation_level, "STANDARD");
  CHECK_STR(ev.dedup_key,
            "customer.levelChanged|69e25243baa9fd9b463d6bac|STANDARD");
  webhook_event_cleanup(&ev);
  CHECK_INT(webhook_event_parse(a, strlen(a), &ev, &err), API_OK);
  CHECK_STR(ev.event_type, "Transaction.Captured");
  CHECK_INT(ev.payment.total.minor, 50000);
  CHECK_INT(ev.payment.purchase.minor, 50000);
  CHECK_INT(ev.payment.status, PAYMENT_STATUS_CAPTURED);
  webhook_event_cleanup(&ev);
  CHECK_INT(webhook_event_parse(none, strlen(none), &ev, &err), API_OK);
  CHECK_INT(ev.subject, WEBHOOK_SUBJECT_NONE);
  webhook_event_cleanup(&ev);
}

static void test_parse_bad(void) {
  struct webhook_event ev;
  struct api_error err;
  const char *num = "{\"eventType\":\"payment.settled\",\"transaction\":"
                    "{\"id\":\"abc\",\"totalAmount\":2000,\"currency\":"
                    "\"ARS\"}}";
  CHECK_INT(webhook_event_parse("nope", 4, &ev, &err), API_ERR_PARSE);
  CHECK_INT(webhook_event_parse("[]", 2, &ev, &err), API_ERR_PARSE);
  CHECK_INT(webhook_event_parse("{\"x\":1}", 7, &ev, &err), API_ERR_PARSE);
  CHECK_INT(webhook_event_parse(NULL, 0, &ev, &err), API_ERR_PARSE);
  CHECK_INT(webhook_event_parse(num, strlen(num), &ev, &err), API_ERR_PARSE);
  CHECK(strstr(err.detail, "totalAmount") != NULL);
  CHECK(ev.event_type == NULL && ev.dedup_key == NULL);
}

TEST_LIST = {{"known_vector", test_known_vector},
             {"bad_signatures", test_bad_signatures},
             {"model_a_signature", test_model_a_signature},
             {"parse_model_b", test_parse_model_b},
             {"parse_customer_and_model_a", test_parse_customer_and_model_a},
             {"parse_bad", test_parse_bad},
             {NULL, NULL}};
