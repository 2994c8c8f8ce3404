/*
 * api_strerror, api_error_format, api_error_clear, api_error_set, and the
 * error-body parser of http.c.
 */
#include <string.h>

#include "api/api_err.h"
#include "api/http.h"
#include "test.h"

static void test_strerror_every_code(void) {
  for (int e = API_OK; e <= API_ERR_IO; e++) {
    const char *s = api_strerror((enum api_err)e);
    CHECK(s != NULL && s[0] != '\0');
    for (int f = API_OK; f < e; f++)
      CHECK(strcmp(s, api_strerror((enum api_err)f)) != 0);
  }
  CHECK(api_strerror((enum api_err)999) != NULL);
}

static void test_format_full(void) {
  struct api_error e;
  char buf[512];
  api_error_clear(&e);
  e.code = API_ERR_REJECTED;
  e.http_status = 422;
  snprintf(e.type, sizeof(e.type), "%s", "failedPrecondition");
  snprintf(e.detail, sizeof(e.detail), "%s", "payment is not SETTLED");
  snprintf(e.trace_id, sizeof(e.trace_id), "%s", "5f8f2a8e-4b7c");
  CHECK_INT(api_error_format(&e, buf, sizeof(buf)), (int)strlen(buf));
  CHECK_STR(buf, "rejected by API (422 failedPrecondition): payment is not "
                 "SETTLED [trace 5f8f2a8e-4b7c]");
}

static void test_format_partial(void) {
  struct api_error e;
  char buf[256];
  api_error_clear(&e);
  e.code = API_ERR_NETWORK;
  api_error_format(&e, buf, sizeof(buf));
  CHECK_STR(buf, "network error");
  e.http_status = 502;
  e.code = API_ERR_SERVER;
  api_error_format(&e, buf, sizeof(buf));
  CHECK_STR(buf, "API server error (HTTP 502)");
  api_error_format(NULL, buf, sizeof(buf));
  CHECK_STR(buf, "");
  CHECK_INT(api_error_format(&e, NULL, 0), 0);
}

static void test_format_truncates_on_utf8_boundary(void) {
  struct api_error e;
  char buf[24];
  int n;
  api_error_clear(&e);
  e.code = API_ERR_NOT_FOUND;
  /* "not found: " is 11 bytes, then 2-byte characters */
  api_error_set(&e, API_ERR_NOT_FOUND, "%s", "ñññññññññññññññ");
  n = api_error_format(&e, buf, sizeof(buf));
  CHECK(n < (int)sizeof(buf));
  CHECK_INT(n, (int)strlen(buf));
  /* 23 bytes available: 11 + 12 (6 whole characters) */
  CHECK_STR(buf, "not found: ññññññ");
}

static void test_set_sanitises(void) {
  struct api_error e;
  api_error_clear(&e);
  api_error_set(&e, API_ERR_PARSE, "bad \x1b[2J name %d", 7);
  CHECK_INT(e.code, API_ERR_PARSE);
  CHECK(strchr(e.detail, 0x1b) == NULL);
  CHECK(strstr(e.detail, "^[[2J") != NULL);
  CHECK(strstr(e.detail, "name 7") != NULL);
  api_error_clear(&e);
  CHECK_INT(e.code, API_OK);
  CHECK_STR(e.detail, "");
  api_error_set(NULL, API_ERR_IO, "x"); /* no crash */
}

static void test_parse_contract_body(void) {
  struct api_error e;
  const char *b =
      "{\"status\":422,\"code\":\"21\",\"type\":\"failedPrecondition\","
      "\"detail\":\"amount exceeds maxRefundable\","
      "\"traceId\":\"11111111-2222-3333-4444-555555555555\"}";
  api_error_clear(&e);
  http_parse_error_body(b, strlen(b), &e);
  CHECK_STR(e.api_code, "21");
  CHECK_STR(e.type, "failedPrecondition");
  CHECK_STR(e.detail, "amount exceeds maxRefundable");
  CHECK_STR(e.trace_id, "11111111-2222-3333-4444-555555555555");
}

static void test_parse_other_shapes(void) {
  struct api_error e;
  const char *b1 = "{\"statusCode\":400,\"error\":\"Bad Request\","
                   "\"message\":\"limit must be <= 500\"}";
  const char *b2 = "{\"error\":{\"type\":\"bad_request\",\"info\":null},"
                   "\"message\":null}";
  const char *b3 = "<html><body>502 Bad Gateway</body></html>\n<p>x</p>";
  const char *b4 = "{\"code\":32,\"detail\":\"slow down \\u001b[5m\"}";
  api_error_clear(&e);
  http_parse_error_body(b1, strlen(b1), &e);
  CHECK_STR(e.type, "Bad Request");
  CHECK_STR(e.detail, "limit must be <= 500");
  api_error_clear(&e);
  http_parse_error_body(b2, strlen(b2), &e);
  CHECK_STR(e.type, "bad_request");
  CHECK_STR(e.detail, "");
  api_error_clear(&e);
  e.code = API_ERR_SERVER;
  http_parse_error_body(b3, strlen(b3), &e);
  CHECK(strstr(e.detail, "non-JSON") != NULL);
  CHECK(strstr(e.detail, "502 Bad Gateway") != NULL);
  CHECK(strstr(e.detail, "<p>") == NULL);
  CHECK_INT(e.code, API_ERR_SERVER);
  api_error_clear(&e);
  http_parse_error_body(b4, strlen(b4), &e);
  CHECK_STR(e.api_code, "32");
  CHECK(strchr(e.detail, 0x1b) == NULL);
  /* a trace id from the header survives a body without one */
  api_error_clear(&e);
  snprintf(e.trace_id, sizeof(e.trace_id), "%s", "from-header");
  http_parse_error_body(b1, strlen(b1), &e);
  CHECK_STR(e.trace_id, "from-header");
  /* empty and NULL bodies change nothing */
  http_parse_error_body("", 0, &e);
  http_parse_error_body(NULL, 5, &e);
  CHECK_STR(e.detail, "limit must be <= 500");
}

static void test_status_mapping(void) {
  CHECK_INT(http_status_error(200), API_OK);
  CHECK_INT(http_status_error(204), API_OK);
  CHECK_INT(http_status_error(302), API_ERR_REDIRECT);
  CHECK_INT(http_status_error(400), API_ERR_REJECTED);
  CHECK_INT(http_status_error(401), API_ERR_AUTH);
  CHECK_INT(http_status_error(403), API_ERR_FORBIDDEN); /* not a sign-in */
  CHECK_INT(http_status_error(404), API_ERR_NOT_FOUND);
  CHECK_INT(http_status_error(409), API_ERR_REJECTED);
  CHECK_INT(http_status_error(413), API_ERR_REJECTED);
  CHECK_INT(http_status_error(422), API_ERR_REJECTED);
  CHECK_INT(http_status_error(429), API_ERR_RATE_LIMITED);
  CHECK_INT(http_status_error(500), API_ERR_SERVER);
  CHECK_INT(http_status_error(503), API_ERR_SERVER);
  CHECK_INT(http_status_error(501), API_ERR_UNSUPPORTED);
  CHECK_INT(http_status_error(0), API_ERR_PARSE);
}

static void test_post_answer(void) {
  struct api_error e;
  api_error_clear(&e);
  e.http_status = 200;
  api_error_set(&e, API_ERR_PARSE, "not a refund");
  CHECK_INT(api_error_post_answer(API_ERR_PARSE, &e), API_ERR_UNKNOWN_OUTCOME);
  CHECK_INT(e.code, API_ERR_UNKNOWN_OUTCOME);
  CHECK(strstr(e.detail, "not a refund") != NULL);
  api_error_clear(&e);
  e.http_status = 422;
  CHECK_INT(api_error_post_answer(API_ERR_PARSE, &e), API_ERR_PARSE);
  CHECK_INT(api_error_post_answer(API_OK, &e), API_OK);
  e.http_status = 201;
  CHECK_INT(api_error_post_answer(API_ERR_REJECTED, &e), API_ERR_REJECTED);
}

static void test_loopback_and_urls(void) {
  struct api_error e;
  CHECK(http_host_is_loopback("127.0.0.1"));
  CHECK(http_host_is_loopback("127.255.3.4"));
  CHECK(http_host_is_loopback("localhost"));
  CHECK(http_host_is_loopback("LOCALHOST"));
  CHECK(http_host_is_loopback("::1"));
  CHECK(http_host_is_loopback("[::1]"));
  CHECK(!http_host_is_loopback("128.0.0.1"));
  CHECK(!http_host_is_loopback("127.0.0.1.evil.com"));
  CHECK(!http_host_is_loopback("localhost.evil.com"));
  CHECK(!http_host_is_loopback("10.0.0.1"));
  CHECK(!http_host_is_loopback("[::2]"));
  CHECK(!http_host_is_loopback(""));
  CHECK(!http_host_is_loopback(NULL));
  api_error_clear(&e);
  CHECK_INT(http_check_url("https://api.conomyhq.com/sandbox", &e), API_OK);
  CHECK_INT(http_check_url("http://127.0.0.1:8080/sandbox", &e), API_OK);
  CHECK_INT(http_check_url("http://[::1]:8080/sandbox", &e), API_OK);
  CHECK_INT(http_check_url("http://localhost:1/x", &e), API_OK);
  CHECK_INT(http_check_url("http://api.conomyhq.com/sandbox", &e),
            API_ERR_CONFIG);
  CHECK(strstr(e.detail, "https") != NULL);
  CHECK_INT(http_check_url("ftp://127.0.0.1/x", &e), API_ERR_CONFIG);
  CHECK_INT(http_check_url("file:///etc/passwd", &e), API_ERR_CONFIG);
  CHECK_INT(http_check_url("api.conomyhq.com", &e), API_ERR_CONFIG);
  CHECK_INT(http_check_url("", &e), API_ERR_CONFIG);
  CHECK_INT(http_check_url(NULL, &e), API_ERR_CONFIG);
  CHECK_INT(http_check_url("https://user:pw@api.conomyhq.com/", &e),
            API_ERR_CONFIG);
}

TEST_LIST = {{"strerror_every_code", test_strerror_every_code},
             {"format_full", test_format_full},
             {"format_partial", test_format_partial},
             {"format_truncates_on_utf8_boundary",
              test_format_truncates_on_utf8_boundary},
             {"set_sanitises", test_set_sanitises},
             {"parse_contract_body", test_parse_contract_body},
             {"parse_other_shapes", test_parse_other_shapes},
             {"status_mapping", test_status_mapping},
             {"post_answer", test_post_answer},
    {"loopback_and_urls", test_loopback_and_urls},
             {NULL, NULL}};
