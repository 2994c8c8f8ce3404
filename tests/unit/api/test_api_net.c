/*
 * The client's network paths against tests/fixtures/api/fake_server.py on
 * 127.0.0.1: paging, retries, Retry-After, truncated and oversized bodies,
 * non-JSON, wrong types, redirects, re-auth, token renewal, POSTs that are
 * never retried, plain http refused off loopback.
 */
#include <string.h>
#include <unistd.h>

#include "api/api_client.h"
#include "fake_server.h"
#include "test.h"

static struct api_client *client(const struct api_config *cfg) {
  struct api_client *c = NULL;
  struct api_error err;
  if (api_client_new(cfg, &c, &err) != API_OK) {
    char buf[300];
    api_error_format(&err, buf, sizeof(buf));
    fprintf(stderr, "api_client_new: %s\n", buf);
    exit(2);
  }
  return c;
}

static void test_pages_and_headers(void) {
  struct api_config cfg = fake_config("ok");
  struct api_client *c = client(&cfg);
  struct payment_list l = {0};
  struct api_payment_query q = {0};
  struct api_page pg;
  struct api_error err;
  int pages = 0;
  cJSON *last;
  const cJSON *h;

  q.limit = 3;
  for (;;) {
    CHECK_INT(api_payments_list(c, &q, &l, &pg, &err), API_OK);
    pages++;
    if (!pg.has_next || pages > 10)
      break;
    q.offset = pg.next_offset;
  }
  CHECK_INT(pages, 3);
  CHECK_INT(l.count, 7);
  CHECK_INT(pg.total, 7);
  CHECK_STR(l.items[6].id, "000000000000000000abc007");
  CHECK_STR(l.items[0].customer_name, "Ana 1 Souza");
  CHECK_INT(fake_count("ok", "POST /auth"), 1); /* token cached */
  CHECK_INT(fake_count("ok", "GET /payments"), 3);

  last = fake_get("ok", "_last");
  h = cJSON_GetObjectItemCaseSensitive(last, "headers");
  CHECK_STR(
      cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(h, "user-agent")),
      "conomy-desk/" DESK_VERSION);
  CHECK_STR(
      cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(h, "x-api-key")),
      "test-key");
  CHECK_STR(cJSON_GetStringValue(
                cJSON_GetObjectItemCaseSensitive(h, "conomyhq-api-version")),
            "24-04-2025");
  CHECK_STR(cJSON_GetStringValue(
                cJSON_GetObjectItemCaseSensitive(h, "authorization")),
            "Bearer tok-ok-1");
  CHECK_STR(
      cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(last, "query")),
      "limit=3&offset=6");
  cJSON_Delete(last);

  /* filters are encoded into the query */
  memset(&q, 0, sizeof(q));
  q.status = "SETTLED,RECEIVED";
  q.start_date = "01/04/2025";
  payment_list_cleanup(&l);
  CHECK_INT(api_payments_list(c, &q, &l, &pg, &err), API_OK);
  CHECK_INT(l.count, 4);
  for (size_t i = 0; i < l.count; i++)
    CHECK_INT(l.items[i].status, PAYMENT_STATUS_SETTLED);
  last = fake_get("ok", "_last");
  CHECK_STR(
      cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(last, "query")),
      "limit=50&offset=0&status=SETTLED%2CRECEIVED&"
      "startDate=01%2F04%2F2025");
  cJSON_Delete(last);
  payment_list_cleanup(&l);
  api_client_free(&c);
  CHECK(c == NULL);
}

static void test_get_one_and_404(void) {
  struct api_config cfg = fake_config("ok");
  struct api_client *c = client(&cfg);
  struct payment p;
  struct api_error err;
  char buf[300];
  CHECK_INT(api_payment_get(c, "000000000000000000abc003", &p, &err), API_OK);
  CHECK_STR(p.id, "000000000000000000abc003");
  CHECK_INT(p.total.minor, 3003);
  payment_cleanup(&p);
  CHECK_INT(api_payment_get(c, "ffffffffffffffffffffffff", &p, &err),
            API_ERR_NOT_FOUND);
  CHECK_INT(err.http_status, 404);
  CHECK_STR(err.api_code, "31");
  CHECK_STR(err.type, "notFound");
  CHECK_STR(err.trace_id, "0f0f0f0f-1111-2222-3333-444444444444");
  api_error_format(&err, buf, sizeof(buf));
  CHECK_STR(buf, "not found (404 notFound): payment not found "
                 "[trace 0f0f0f0f-1111-2222-3333-444444444444]");
  /* an id with URL syntax stays one path segment */
  CHECK_INT(api_payment_get(c, "../auth?x=1", &p, &err), API_ERR_NOT_FOUND);
  api_client_free(&c);
}

static void test_500_then_200_retried(void) {
  struct api_config cfg = fake_config("flaky");
  struct api_client *c = client(&cfg);
  struct payment_list l = {0};
  struct api_page pg;
  struct api_error err;
  CHECK_INT(api_payments_list(c, NULL, &l, &pg, &err), API_OK);
  CHECK_INT(l.count, 7);
  CHECK_INT(fake_count("flaky", "GET /payments"), 2);
  payment_list_cleanup(&l);
  api_client_free(&c);
}

struct retries_seen {
  int calls, last_attempt, max;
  long waits;
  long last_status;
};

static void on_retry(void *ud, int attempt, int max, long wait_ms,
                     const struct api_error *why) {
  struct retries_seen *r = ud;
  r->calls++;
  r->last_attempt = attempt;
  r->max = max;
  r->waits += wait_ms;
  r->last_status = why ? why->http_status : -1;
}

static void test_retry_hook_and_budget(void) {
  struct api_config cfg = fake_config("always500");
  struct api_client *c;
  struct payment_list l = {0};
  struct api_page pg;
  struct api_error err;
  struct retries_seen seen = {0, 0, 0, 0, 0};
  long long t0;
  int before;
  cfg.max_retries = 3;
  c = client(&cfg);
  api_client_set_retry_hook(c, on_retry, &seen);
  CHECK_INT(api_payments_list(c, NULL, &l, &pg, &err), API_ERR_SERVER);
  CHECK_INT(seen.calls, 3);
  CHECK_INT(seen.last_attempt, 3);
  CHECK_INT(seen.max, 3);
  CHECK_INT(seen.last_status, 503);
  CHECK(seen.waits <= 3 * 100);
  api_client_free(&c);

  /* a budget smaller than one backoff step: no retry at all */
  cfg.retry_base_ms = 400;
  cfg.retry_max_ms = 400;
  cfg.retry_budget_ms = 1;
  cfg.max_retries = 5;
  c = client(&cfg);
  CHECK_INT(api_authenticate(c, &err), API_OK);
  before = fake_count("always500", "GET /payments");
  t0 = now_ms_();
  /* uniform(0, 400) can draw 0: allow that one lucky retry */
  CHECK_INT(api_payments_list(c, NULL, &l, &pg, &err), API_ERR_SERVER);
  CHECK(now_ms_() - t0 < 1500);
  CHECK(fake_count("always500", "GET /payments") - before <= 2);
  api_client_free(&c);
}

static void test_always_5xx_gives_up(void) {
  struct api_config cfg = fake_config("always500");
  struct api_client *c;
  struct payment_list l = {0};
  struct api_page pg;
  struct api_error err;
  cfg.max_retries = 2;
  c = client(&cfg);
  CHECK_INT(api_payments_list(c, NULL, &l, &pg, &err), API_ERR_SERVER);
  CHECK_INT(err.http_status, 503);
  CHECK_STR(err.detail, "down for maintenance");
  CHECK_INT(fake_count("always500", "GET /payments"), 3);
  CHECK_INT(l.count, 0);
  api_client_free(&c);
}

static void test_cancel_stops_retries(void) {
  struct api_config cfg = fake_config("always500");
  struct api_client *c;
  struct payment_list l = {0};
  struct api_page pg;
  struct api_error err;
  volatile int cancel = 1;
  int before;
  long long t0;
  cfg.retry_base_ms = 5000;
  cfg.retry_max_ms = 5000;
  c = client(&cfg);
  api_client_set_cancel(c, &cancel);
  CHECK_INT(api_authenticate(c, &err), API_OK);
  before = fake_count("always500", "GET /payments");
  t0 = now_ms_();
  CHECK_INT(api_payments_list(c, NULL, &l, &pg, &err), API_ERR_SERVER);
  CHECK(now_ms_() - t0 < 2500); /* not the 5 s backoff */
  CHECK_INT(fake_count("always500", "GET /payments"), before + 1);
  api_client_free(&c);
}

static void test_429_retry_after(void) {
  struct api_config cfg = fake_config("ratelimit");
  struct api_client *c = client(&cfg);
  struct payment_list l = {0};
  struct api_page pg;
  struct api_error err;
  long long t0, dt;
  CHECK_INT(api_authenticate(c, &err), API_OK);
  t0 = now_ms_();
  CHECK_INT(api_payments_list(c, NULL, &l, &pg, &err), API_OK);
  dt = now_ms_() - t0;
  /* Retry-After: 3 is honoured up to the configured 300 ms cap */
  CHECK(dt >= 290);
  CHECK(dt < 2500);
  CHECK_INT(fake_count("ratelimit", "GET /payments"), 2);
  payment_list_cleanup(&l);
  api_client_free(&c);
}

static void test_truncated_body(void) {
  struct api_config cfg = fake_config("truncated");
  struct api_client *c;
  struct payment_list l = {0};
  struct api_page pg;
  struct api_error err;
  cfg.max_retries = 1;
  c = client(&cfg);
  CHECK_INT(api_payments_list(c, NULL, &l, &pg, &err), API_ERR_NETWORK);
  CHECK_INT(fake_count("truncated", "GET /payments"), 2);
  CHECK_INT(l.count, 0);
  api_client_free(&c);
}

static void test_oversized_body(void) {
  struct api_config cfg = fake_config("oversized");
  struct api_client *c;
  struct payment_list l = {0};
  struct api_page pg;
  struct api_error err;
  char buf[300];
  cfg.max_response = 64 * 1024;
  c = client(&cfg);
  CHECK_INT(api_payments_list(c, NULL, &l, &pg, &err), API_ERR_TOO_LARGE);
  api_error_format(&err, buf, sizeof(buf));
  CHECK(strstr(buf, "65536") != NULL);
  CHECK_INT(fake_count("oversized", "GET /payments"), 1); /* no retry */
  api_client_free(&c);
}

static void test_chunked_oversized_body(void) {
  struct api_config cfg = fake_config("chunked");
  struct api_client *c;
  struct payment_list l = {0};
  struct api_page pg;
  struct api_error err;
  cfg.max_response = 100 * 1024;
  c = client(&cfg);
  CHECK_INT(api_payments_list(c, NULL, &l, &pg, &err), API_ERR_TOO_LARGE);
  api_client_free(&c);
}

static void test_non_json(void) {
  struct api_config cfg = fake_config("nonjson");
  struct api_client *c = client(&cfg);
  struct payment_list l = {0};
  struct api_page pg;
  struct api_error err;
  CHECK_INT(api_payments_list(c, NULL, &l, &pg, &err), API_ERR_PARSE);
  CHECK(strstr(err.detail, "not JSON") != NULL);
  CHECK(strstr(err.detail, "text/html") != NULL);
  api_client_free(&c);
}

static void test_wrong_types(void) {
  struct api_config cfg = fake_config("wrongtypes");
  struct api_client *c = client(&cfg);
  struct payment_list l = {0};
  struct payment p;
  struct api_page pg;
  struct api_error err;
  CHECK_INT(api_payments_list(c, NULL, &l, &pg, &err), API_ERR_PARSE);
  CHECK_INT(l.count, 0);
  CHECK_INT(api_payment_get(c, "000000000000000000abc001", &p, &err),
            API_ERR_PARSE);
  CHECK(strstr(err.detail, "000000000000000000abc001") != NULL);
  CHECK(strstr(err.detail, "totalAmount") != NULL);
  api_client_free(&c);
}

static void test_redirect_refused(void) {
  struct api_config cfg = fake_config("redirect");
  struct api_client *c = client(&cfg);
  struct payment_list l = {0};
  struct api_page pg;
  struct api_error err;
  CHECK_INT(api_payments_list(c, NULL, &l, &pg, &err), API_ERR_REDIRECT);
  CHECK_INT(err.http_status, 302);
  CHECK(strstr(err.detail, "evil.example.com") != NULL);
  CHECK_INT(fake_count("redirect", "GET /payments"), 1);
  api_client_free(&c);
}

static void test_401_reauth_once(void) {
  struct api_config cfg = fake_config("reauth");
  struct api_client *c = client(&cfg);
  struct payment_list l = {0};
  struct api_page pg;
  struct api_error err;
  CHECK_INT(api_payments_list(c, NULL, &l, &pg, &err), API_OK);
  CHECK_INT(l.count, 7);
  CHECK_INT(fake_count("reauth", "POST /auth"), 2);
  CHECK_INT(fake_count("reauth", "GET /payments"), 2);
  payment_list_cleanup(&l);
  api_client_free(&c);

  /* a token refused again after renewal is an auth error, not a loop */
  cfg = fake_config("revoked");
  c = client(&cfg);
  CHECK_INT(api_payments_list(c, NULL, &l, &pg, &err), API_ERR_AUTH);
  CHECK_INT(err.http_status, 401);
  CHECK_INT(fake_count("revoked", "POST /auth"), 2);
  CHECK_INT(fake_count("revoked", "GET /payments"), 2);
  api_client_free(&c);
}

static void test_bad_credentials(void) {
  struct api_config cfg = fake_config("ok");
  struct api_client *c;
  struct payment_list l = {0};
  struct api_page pg;
  struct api_error err;
  char buf[300];
  cfg.client_secret = "wrong-secret-value";
  c = client(&cfg);
  CHECK_INT(api_payments_list(c, NULL, &l, &pg, &err), API_ERR_AUTH);
  api_error_format(&err, buf, sizeof(buf));
  CHECK(strstr(buf, "bad credentials") != NULL);
  CHECK(strstr(buf, "wrong-secret-value") == NULL);
  api_client_free(&c);
}

static int64_t fake_now_ms;
static int64_t fake_clock(void *ud) {
  (void)ud;
  return fake_now_ms;
}

static void test_token_renewed_before_expiry(void) {
  struct api_config cfg = fake_config("expiring");
  fake_now_ms = 1000000;
  cfg.token_clock_ms = fake_clock;
  struct api_client *c = client(&cfg);
  struct payment_list l = {0};
  struct api_page pg;
  struct api_error err;
  CHECK_INT(api_payments_list(c, NULL, &l, &pg, &err), API_OK);
  CHECK_INT(api_payments_list(c, NULL, &l, &pg, &err), API_OK);
  CHECK_INT(fake_count("expiring", "POST /auth"), 1);
  fake_now_ms += 1750; /* expiresIn 2 s, renewed 10% early: not yet */
  CHECK_INT(api_payments_list(c, NULL, &l, &pg, &err), API_OK);
  CHECK_INT(fake_count("expiring", "POST /auth"), 1);
  fake_now_ms += 50; /* 1.8 s: now */
  CHECK_INT(api_payments_list(c, NULL, &l, &pg, &err), API_OK);
  CHECK_INT(fake_count("expiring", "POST /auth"), 2);
  CHECK_INT(fake_count("expiring", "GET /payments"), 4);
  payment_list_cleanup(&l);
  api_client_free(&c);
}

static void test_connection_refused(void) {
  struct api_config cfg = fake_config("ok");
  struct api_client *c;
  struct payment_list l = {0};
  struct api_page pg;
  struct api_error err;
  cfg.base_url = "http://127.0.0.1:1/sandbox";
  cfg.max_retries = 2;
  c = client(&cfg);
  CHECK_INT(api_payments_list(c, NULL, &l, &pg, &err), API_ERR_NETWORK);
  CHECK(err.detail[0] != '\0');
  api_client_free(&c);
}

static void test_http_off_loopback_refused(void) {
  struct api_config cfg = fake_config("ok");
  struct api_client *c = NULL;
  struct api_error err;
  cfg.base_url = "http://api.conomyhq.com/sandbox";
  CHECK_INT(api_client_new(&cfg, &c, &err), API_ERR_CONFIG);
  CHECK(c == NULL);
  CHECK(strstr(err.detail, "loopback") != NULL);
  cfg.base_url = "http://10.1.2.3:8080/sandbox";
  CHECK_INT(api_client_new(&cfg, &c, &err), API_ERR_CONFIG);
  cfg.base_url = "gopher://127.0.0.1/x";
  CHECK_INT(api_client_new(&cfg, &c, &err), API_ERR_CONFIG);
  cfg.base_url = "https://api.conomyhq.com/sandbox/";
  CHECK_INT(api_client_new(&cfg, &c, &err), API_OK);
  CHECK_STR(api_client_base_url(c), "https://api.conomyhq.com/sandbox");
  api_client_free(&c);
  cfg.base_url = "https://api.conomyhq.com/sandbox";
  cfg.api_key = NULL;
  CHECK_INT(api_client_new(&cfg, &c, &err), API_ERR_CONFIG);
}

static void test_get_retried_after_dropped_connection(void) {
  struct api_config cfg = fake_config("getdrop");
  struct api_client *c = client(&cfg);
  struct payment_list l = {0};
  struct api_page pg;
  struct api_error err;
  CHECK_INT(api_payments_list(c, NULL, &l, &pg, &err), API_OK);
  CHECK_INT(fake_count("getdrop", "GET /payments"), 3);
  payment_list_cleanup(&l);
  api_client_free(&c);
}

TEST_LIST = {{"pages_and_headers", test_pages_and_headers},
             {"get_one_and_404", test_get_one_and_404},
             {"500_then_200_retried", test_500_then_200_retried},
             {"always_5xx_gives_up", test_always_5xx_gives_up},
             {"cancel_stops_retries", test_cancel_stops_retries},
             {"retry_hook_and_budget", test_retry_hook_and_budget},
             {"429_retry_after", test_429_retry_after},
             {"truncated_body", test_truncated_body},
             {"oversized_body", test_oversized_body},
             {"chunked_oversized_body", test_chunked_oversized_body},
             {"non_json", test_non_json},
             {"wrong_types", test_wrong_types},
             {"redirect_refused", test_redirect_refused},
             {"401_reauth_once", test_401_reauth_once},
             {"bad_credentials", test_bad_credentials},
             {"token_renewed_before_expiry", test_token_renewed_before_expiry},
             {"connection_refused", test_connection_refused},
             {"http_off_loopback_refused", test_http_off_loopback_refused},
             {"get_retried_after_dropped_connection",
              test_get_retried_after_dropped_connection},
             {NULL, NULL}};

/* the server is started once, before the harness runs the tests */
__attribute__((constructor)) static void start(void) {
  fake_server_start();
}
