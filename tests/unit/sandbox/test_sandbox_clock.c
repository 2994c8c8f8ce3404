/* Unit tests: the sandbox clock (scale, jumps, monotonicity) and the
 * seeded random source. */
#include <string.h>

#include "sandbox/sandbox_clock.h"
#include "sandbox/sandbox_rand.h"
#include "sandbox/sandbox_review.h"
#include "sandbox/sandbox_auth.h"
#include "test.h"

static void test_clock_advance_and_monotonic(void) {
  struct sandbox_clock c;
  int64_t real = sandbox_clock_real_ms();
  sandbox_clock_init(&c, 1000, 0);
  int64_t a = sandbox_clock_now(&c);
  CHECK(a >= real && a - real < 5000);
  int64_t b = sandbox_clock_advance(&c, 48LL * 3600 * 1000);
  CHECK(b - a >= 48LL * 3600 * 1000);
  CHECK(sandbox_clock_now(&c) >= b);
  CHECK(sandbox_clock_advance(&c, -5) >= b); /* never backwards */
  CHECK_INT(sandbox_clock_real_delay(&c, b - 10), 0);
  sandbox_clock_cleanup(&c);
}

static void test_clock_not_before_and_scale(void) {
  struct sandbox_clock c;
  int64_t future = sandbox_clock_real_ms() + 10LL * 86400 * 1000;
  sandbox_clock_init(&c, 3600000, future);
  CHECK(sandbox_clock_now(&c) > future);
  /* At 3600x, an hour of sandbox time is about a real second. */
  int64_t now = sandbox_clock_now(&c);
  int64_t d = sandbox_clock_real_delay(&c, now + 3600LL * 1000);
  CHECK(d >= 900 && d <= 1100);
  sandbox_clock_set_scale(&c, 1000);
  d = sandbox_clock_real_delay(&c, sandbox_clock_now(&c) + 5000);
  CHECK(d >= 4900 && d <= 5100);
  sandbox_clock_cleanup(&c);
}

static void test_rand_is_seeded(void) {
  struct sandbox_rand a, b;
  char ha[33], hb[33], uuid[40];
  sandbox_rand_init(&a, 7);
  sandbox_rand_init(&b, 7);
  sandbox_rand_hex(&a, ha, 32);
  sandbox_rand_hex(&b, hb, 32);
  CHECK_STR(ha, hb);
  CHECK_INT(strlen(ha), 32);
  CHECK(strspn(ha, "0123456789abcdef") == 32);
  sandbox_rand_uuid(&a, uuid);
  CHECK_INT(strlen(uuid), 36);
  CHECK(uuid[14] == '4' && uuid[8] == '-' && uuid[23] == '-');
  CHECK(strchr("89ab", uuid[19]) != NULL);
  for (int i = 0; i < 1000; i++)
    CHECK(sandbox_rand_below(&a, 7) < 7);
  CHECK(!sandbox_rand_chance(&a, 0) && sandbox_rand_chance(&a, 1000));
  sandbox_rand_cleanup(&a);
  sandbox_rand_cleanup(&b);
}

static void test_document_types(void) {
  char out[24];
  CHECK(sandbox_review_doc_type("SOURCE_OF_FUNDS", out));
  CHECK_STR(out, "source_of_funds");
  CHECK(sandbox_review_doc_type("kyc", out));
  CHECK(!sandbox_review_doc_type("selfie", out));
  CHECK(!sandbox_review_doc_type("", out));
  CHECK(!sandbox_review_doc_type(NULL, out));
  CHECK(!sandbox_review_doc_type("a_very_long_document_type_name", out));
}

static void test_b64url(void) {
  char out[64];
  sandbox_auth_b64url((const unsigned char *)"{\"alg\":\"HS256\"}", 15, out);
  CHECK_STR(out, "eyJhbGciOiJIUzI1NiJ9");
  sandbox_auth_b64url((const unsigned char *)"\xfb\xff", 2, out);
  CHECK_STR(out, "-_8");
  sandbox_auth_b64url((const unsigned char *)"", 0, out);
  CHECK_STR(out, "");
}

TEST_LIST = {
    {"clock_advance", test_clock_advance_and_monotonic},
    {"clock_scale", test_clock_not_before_and_scale},
    {"rand_seeded", test_rand_is_seeded},
    {"document_types", test_document_types},
    {"b64url", test_b64url},
    {NULL, NULL},
};
