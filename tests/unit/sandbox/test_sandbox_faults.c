/* Unit tests: fault settings parsing, one-shot rules, seeded rates. */
#include <stdlib.h>

#include "sandbox/sandbox_faults.h"
#include "test.h"

static struct sandbox_faults *fresh(struct sandbox_rand *r, uint64_t seed) {
  sandbox_rand_init(r, seed);
  return sandbox_faults_new(r);
}

static void test_rejects_bad_settings(void) {
  struct sandbox_rand r;
  struct sandbox_faults *f = fresh(&r, 1);
  char *cause = NULL;
  static const char *const bad[] = {"[]",
                                    "{",
                                    "{\"error500Rate\":1.5}",
                                    "{\"dropRate\":-0.1}",
                                    "{\"latencyMs\":\"10\"}",
                                    "{\"unknown\":1}",
                                    "{\"once\":{}}",
                                    "{\"once\":[{\"fault\":\"explode\"}]}",
                                    "{\"match\":3}",
                                    NULL};
  for (int i = 0; bad[i]; i++) {
    CHECK(sandbox_faults_configure(f, bad[i], &cause) == -1);
    CHECK(cause != NULL);
    free(cause);
    cause = NULL;
  }
  CHECK(sandbox_faults_configure(f, "{\"latencyMs\":5}", &cause) == 0);
  int64_t lat = 0;
  int ra = 0;
  CHECK(sandbox_faults_http(f, "GET", "/payments", &lat, &ra) ==
        SANDBOX_FAULT_NONE);
  CHECK_INT(lat, 5);
  sandbox_faults_free(&f);
  CHECK(f == NULL);
  sandbox_rand_cleanup(&r);
}

static void test_once_rules_hit_exactly_count_matching_requests(void) {
  struct sandbox_rand r;
  struct sandbox_faults *f = fresh(&r, 2);
  char *cause = NULL;
  CHECK(sandbox_faults_configure(
            f,
            "{\"retryAfterSeconds\":9,\"once\":[{\"fault\":\"429\",\"method\":"
            "\"POST\",\"pathPrefix\":\"/payments/abc\",\"count\":2},"
            "{\"fault\":\"refundFailure\",\"pathPrefix\":\"/payments/x\"}]}",
            &cause) == 0);
  int64_t lat = 0;
  int ra = 0;
  CHECK(sandbox_faults_http(f, "GET", "/payments/abc", &lat, &ra) ==
        SANDBOX_FAULT_NONE);
  CHECK(sandbox_faults_http(f, "POST", "/payments/other", &lat, &ra) ==
        SANDBOX_FAULT_NONE);
  CHECK(sandbox_faults_http(f, "POST", "/payments/abc/refund", &lat, &ra) ==
        SANDBOX_FAULT_429);
  CHECK_INT(ra, 9);
  CHECK(sandbox_faults_http(f, "POST", "/payments/abc", &lat, &ra) ==
        SANDBOX_FAULT_429);
  CHECK(sandbox_faults_http(f, "POST", "/payments/abc", &lat, &ra) ==
        SANDBOX_FAULT_NONE);
  /* Provider rules are not HTTP faults, and match on the path only. */
  CHECK(!sandbox_faults_provider(f, SANDBOX_FAULT_REFUND_FAIL, "/other"));
  CHECK(sandbox_faults_provider(f, SANDBOX_FAULT_REFUND_FAIL,
                                "/payments/x/refund"));
  CHECK(!sandbox_faults_provider(f, SANDBOX_FAULT_REFUND_FAIL,
                                 "/payments/x/refund"));
  cJSON *j = sandbox_faults_to_json(f);
  CHECK(cJSON_GetArraySize(cJSON_GetObjectItem(j, "once")) == 0);
  cJSON_Delete(j);
  sandbox_faults_free(&f);
  sandbox_rand_cleanup(&r);
}

static void test_rates_are_deterministic_under_a_seed(void) {
  int seq[2][64];
  for (int run = 0; run < 2; run++) {
    struct sandbox_rand r;
    struct sandbox_faults *f = fresh(&r, 42);
    char *cause = NULL;
    CHECK(sandbox_faults_configure(f, "{\"error500Rate\":0.5}", &cause) == 0);
    for (int i = 0; i < 64; i++) {
      int64_t lat;
      int ra;
      seq[run][i] = (int)sandbox_faults_http(f, "GET", "/x", &lat, &ra);
    }
    sandbox_faults_free(&f);
    sandbox_rand_cleanup(&r);
  }
  int hits = 0;
  for (int i = 0; i < 64; i++) {
    CHECK_INT(seq[0][i], seq[1][i]);
    hits += seq[0][i] == SANDBOX_FAULT_500;
  }
  CHECK(hits > 10 && hits < 54);
}

static void test_match_limits_rates(void) {
  struct sandbox_rand r;
  struct sandbox_faults *f = fresh(&r, 3);
  char *cause = NULL;
  CHECK(sandbox_faults_configure(
            f,
            "{\"error503Rate\":1,\"match\":{\"method\":\"GET\","
            "\"pathPrefix\":\"/customers\"}}",
            &cause) == 0);
  int64_t lat;
  int ra;
  CHECK(sandbox_faults_http(f, "GET", "/customers/1", &lat, &ra) ==
        SANDBOX_FAULT_503);
  CHECK(sandbox_faults_http(f, "POST", "/customers", &lat, &ra) ==
        SANDBOX_FAULT_NONE);
  CHECK(sandbox_faults_http(f, "GET", "/payments", &lat, &ra) ==
        SANDBOX_FAULT_NONE);
  CHECK_STR(sandbox_faults_name(SANDBOX_FAULT_COMMIT_DROP), "commitThenDrop");
  sandbox_faults_free(&f);
  sandbox_rand_cleanup(&r);
}

TEST_LIST = {
    {"rejects_bad_settings", test_rejects_bad_settings},
    {"once_rules", test_once_rules_hit_exactly_count_matching_requests},
    {"deterministic_rates", test_rates_are_deterministic_under_a_seed},
    {"match_limits_rates", test_match_limits_rates},
    {NULL, NULL},
};
