/*
 * webhook_server on 127.0.0.1:0: a signed delivery reaches the handler and
 * gets its status; a bad, missing or stale signature is 401 and never
 * reaches it; an unreadable event is 400; a body over 1 MiB is 413; other
 * methods are 405; bad listen addresses and a missing secret are refused.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/http.h"
#include "api/webhook.h"
#include "api/webhook_server.h"
#include "test.h"

#define SECRET "whsec_test_secret"

struct seen {
  int calls;
  char last_key[256];
  int answer;
};

static int handler(void *ud, const struct webhook_event *ev) {
  struct seen *s = ud;
  s->calls++;
  snprintf(s->last_key, sizeof(s->last_key), "%s", ev->dedup_key);
  return s->answer;
}

static long post(int port, const char *method_post, const char *body,
                 size_t len, const char *sig) {
  struct http *h = NULL;
  struct http_request rq;
  struct http_response rs;
  struct api_error err;
  char url[128], hdr[128];
  const char *hdrs[3] = {"Content-Type: application/json", NULL, NULL};
  long status;
  snprintf(url, sizeof(url), "http://127.0.0.1:%d/webhooks", port);
  if (sig) {
    snprintf(hdr, sizeof(hdr), "X-Webhook-Signature: %s", sig);
    hdrs[1] = hdr;
  }
  memset(&rq, 0, sizeof(rq));
  rq.method = method_post ? HTTP_POST : HTTP_GET;
  rq.url = url;
  rq.headers = hdrs;
  rq.body = body;
  rq.body_len = len;
  http_response_init(&rs);
  http_new(NULL, &h);
  http_perform(h, &rq, &rs, &err);
  status = rs.status;
  http_response_cleanup(&rs);
  http_free(&h);
  return status;
}

static const char *EVENT =
    "{\"eventType\":\"payment.settled\",\"timestamp\":\"2026-04-17T15:30:00Z\","
    "\"transaction\":{\"id\":\"69e0df45b604159c5b8ba5a9\",\"status\":"
    "\"SETTLED\",\"totalAmount\":\"2000.00\",\"currency\":\"ARS\"}}";

static void test_deliveries(void) {
  struct webhook_server *srv = NULL;
  struct api_error err;
  struct seen s = {0, "", 200};
  char sig[65];
  int port;
  size_t len = strlen(EVENT);

  CHECK_INT(
      webhook_server_start("127.0.0.1:0", SECRET, handler, &s, &srv, &err),
      API_OK);
  port = webhook_server_port(srv);
  CHECK(port > 0);
  webhook_sign(SECRET, EVENT, len, sig);

  CHECK_INT(post(port, "POST", EVENT, len, sig), 200);
  CHECK_INT(s.calls, 1);
  CHECK_STR(s.last_key, "payment.settled|69e0df45b604159c5b8ba5a9|SETTLED");

  /* the handler's answer is the answer (503 asks the sender to retry) */
  s.answer = 503;
  CHECK_INT(post(port, "POST", EVENT, len, sig), 503);
  CHECK_INT(s.calls, 2);
  s.answer = 200;

  /* bad signatures change nothing */
  {
    char bad[65];
    memcpy(bad, sig, sizeof(bad));
    bad[0] = bad[0] == 'a' ? 'b' : 'a';
    CHECK_INT(post(port, "POST", EVENT, len, bad), 401);
    CHECK_INT(post(port, "POST", EVENT, len, NULL), 401);
    CHECK_INT(post(port, "POST", EVENT, len, "zz"), 401);
    /* a valid signature of another body */
    CHECK_INT(post(port, "POST", EVENT, len - 1, sig), 401);
    CHECK_INT(s.calls, 2);
  }

  /* signed but unreadable */
  {
    const char *junk = "{\"no\":\"event\"}";
    char js[65];
    webhook_sign(SECRET, junk, strlen(junk), js);
    CHECK_INT(post(port, "POST", junk, strlen(junk), js), 400);
    CHECK_INT(s.calls, 2);
  }

  /* over the 1 MiB cap */
  {
    size_t big = 1024 * 1024 + 10;
    char *b = malloc(big);
    char bs[65];
    memset(b, ' ', big);
    b[0] = '{';
    b[big - 1] = '}';
    webhook_sign(SECRET, b, big, bs);
    CHECK_INT(post(port, "POST", b, big, bs), 413);
    free(b);
  }

  CHECK_INT(post(port, NULL, NULL, 0, NULL), 405);
  CHECK_INT(webhook_server_accepted(srv), 1);
  CHECK(webhook_server_rejected(srv) >= 6);
  webhook_server_stop(&srv);
  CHECK(srv == NULL);
}

static void test_bad_config(void) {
  struct webhook_server *srv = NULL;
  struct api_error err;
  struct seen s = {0, "", 200};
  CHECK_INT(webhook_server_start("nonsense", SECRET, handler, &s, &srv, &err),
            API_ERR_CONFIG);
  CHECK_INT(
      webhook_server_start("127.0.0.1:99999", SECRET, handler, &s, &srv, &err),
      API_ERR_CONFIG);
  CHECK_INT(webhook_server_start("127.0.0.1:0", "", handler, &s, &srv, &err),
            API_ERR_CONFIG);
  CHECK_INT(webhook_server_start("127.0.0.1:0", NULL, handler, &s, &srv, &err),
            API_ERR_CONFIG);
  CHECK(srv == NULL);
}

TEST_LIST = {{"deliveries", test_deliveries},
             {"bad_config", test_bad_config},
             {NULL, NULL}};
