/*
 * api_call - request policy: headers, token, retries, JSON. See api_call.h.
 *
 * Retry rules: only calls that are safe to repeat (GETs and POST /auth) are
 * retried, at most c->max_attempts times in all and never past the retry
 * budget of elapsed time, sleeping
 * uniform(0, min(retry_max, base * 2^n)) between attempts ("full jitter"),
 * and at least the server's Retry-After (capped). A 401 on a call made with
 * a cached token re-authenticates and repeats the call once, POSTs
 * included: a 401 means the request was not processed.
 */
#include "api/api_call.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cjson/cJSON.h>

#include "api/json_util.h"
#include "core/xalloc.h"

#define API_VERSION_HEADER "conomyhq-api-version: 24-04-2025"

int64_t api_call_now_ms(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void sleep_ms(const struct api_client *c, long ms) {
  /* sleep in slices so that a cancel request is honoured quickly */
  while (ms > 0) {
    long step = ms > 100 ? 100 : ms;
    struct timespec ts = {step / 1000, (step % 1000) * 1000000L};
    if (c->cancel && *c->cancel)
      return;
    while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
      ;
    ms -= step;
  }
}

/* The clock of the token's lifetime. */
static int64_t token_now_ms(const struct api_client *c) {
  return c->token_clock_ms ? c->token_clock_ms(c->token_clock_ud)
                           : api_call_now_ms();
}

static uint64_t rng_next(struct api_client *c) {
  /* xorshift64*: jitter only, not security */
  uint64_t x = c->rng ? c->rng : 0x9E3779B97F4A7C15ULL;
  x ^= x >> 12;
  x ^= x << 25;
  x ^= x >> 27;
  c->rng = x;
  return x * 0x2545F4914F6CDD1DULL;
}

/* Backoff before retry number n (0-based). */
static long backoff_ms(struct api_client *c, int n, long retry_after_s) {
  long ceiling = c->retry_base_ms;
  long wait, floor_ms = 0;
  for (int i = 0; i < n && ceiling < c->retry_max_ms; i++)
    ceiling *= 2;
  if (ceiling > c->retry_max_ms)
    ceiling = c->retry_max_ms;
  wait = ceiling > 0 ? (long)(rng_next(c) % (uint64_t)(ceiling + 1)) : 0;
  if (retry_after_s >= 0) {
    floor_ms = retry_after_s > c->retry_after_cap_ms / 1000
                   ? c->retry_after_cap_ms
                   : retry_after_s * 1000;
    if (wait < floor_ms)
      wait = floor_ms;
  }
  return wait;
}

void api_call_query(struct strbuf *sb, const char *name, const char *value) {
  if (value == NULL)
    return;
  if (sb->len > 0)
    strbuf_puts(sb, "&");
  http_url_encode(sb, name);
  strbuf_puts(sb, "=");
  http_url_encode(sb, value);
}

void api_call_query_int(struct strbuf *sb, const char *name, long long v) {
  char num[24];
  snprintf(num, sizeof(num), "%lld", v);
  api_call_query(sb, name, num);
}

void api_call_path_segment(struct strbuf *sb, const char *seg) {
  strbuf_puts(sb, "/");
  http_url_encode(sb, seg ? seg : "");
}

bool api_call_header_safe(const char *v) {
  if (v == NULL)
    return true;
  for (const unsigned char *p = (const unsigned char *)v; *p; p++)
    if (*p < 0x20 || *p == 0x7f)
      return false;
  return true;
}

/* Adds a header line "name: value" to the list (owned strings). */
static void add_header(char **lines, size_t *n, char *line) {
  lines[(*n)++] = line;
  lines[*n] = NULL;
}

static enum api_err authenticate(struct api_client *c, struct api_error *err);

static void drop_token(struct api_client *c) {
  if (c->token) {
    explicit_bzero(c->token, strlen(c->token));
    free(c->token);
    c->token = NULL;
  }
}

/* One call, retries included, without the 401 re-auth. *status_out gets
 * the final HTTP status. */
static enum api_err call_once(struct api_client *c, const struct api_call *call,
                              struct http_response *rs, long *status_out,
                              struct api_error *err) {
  struct strbuf url;
  char *lines[8];
  size_t nl = 0;
  struct http_request rq;
  bool retry_safe = call->method == HTTP_GET || call->no_auth;
  int attempts = retry_safe ? c->max_attempts : 1;
  int64_t started;
  enum api_err rc = API_OK;

  strbuf_init(&url, 0);
  strbuf_puts(&url, c->base_url);
  strbuf_puts(&url, call->path);
  if (call->query && call->query[0]) {
    strbuf_puts(&url, "?");
    strbuf_puts(&url, call->query);
  }
  lines[0] = NULL;
  add_header(lines, &nl, xasprintf("x-api-key: %s", c->api_key));
  add_header(lines, &nl, xstrdup(API_VERSION_HEADER));
  add_header(lines, &nl, xstrdup("Accept: application/json"));
  if (call->body)
    add_header(lines, &nl, xstrdup("Content-Type: application/json"));
  if (!call->no_auth && c->token)
    add_header(lines, &nl, xasprintf("Authorization: Bearer %s", c->token));
  if (call->idem_key)
    add_header(lines, &nl, xasprintf("Idempotency-Key: %s", call->idem_key));

  memset(&rq, 0, sizeof(rq));
  rq.method = call->method;
  rq.url = strbuf_str(&url);
  rq.headers = (const char *const *)lines;
  rq.body = call->body;
  rq.body_len = call->body ? strlen(call->body) : 0;

  started = api_call_now_ms();
  for (int attempt = 0; attempt < attempts; attempt++) {
    bool again;
    long wait;
    if (err) {
      api_error_clear(err);
    }
    rc = http_perform(c->http, &rq, rs, err);
    *status_out = rs->status;
    if (rc == API_ERR_UNKNOWN_OUTCOME && retry_safe) {
      /* POST /auth changes nothing: a lost answer is a network error */
      rc = API_ERR_NETWORK;
      if (err)
        err->code = rc;
    }
    if (rc == API_OK)
      break;
    again = rc == API_ERR_NETWORK || rc == API_ERR_TIMEOUT ||
            rc == API_ERR_RATE_LIMITED || rc == API_ERR_SERVER;
    if (!again || attempt + 1 >= attempts || (c->cancel && *c->cancel))
      break;
    wait = backoff_ms(c, attempt,
                      rs->status == 429 || rs->status == 503 ? rs->retry_after_s
                                                             : -1);
    if (api_call_now_ms() - started + wait > c->retry_budget_ms)
      break; /* an outage must not become a minutes-long hang */
    if (c->retry_hook)
      c->retry_hook(c->retry_ud, attempt + 1, attempts - 1, wait, err);
    sleep_ms(c, wait);
  }

  for (size_t i = 0; i < nl; i++) {
    explicit_bzero(lines[i], strlen(lines[i]));
    free(lines[i]);
  }
  strbuf_cleanup(&url);
  return rc;
}

static enum api_err parse_body(const struct http_response *rs, cJSON **out,
                               struct api_error *err) {
  cJSON *root;
  size_t i = 0;
  if (out)
    *out = NULL;
  while (i < rs->body.len &&
         (rs->body.buf[i] == ' ' || rs->body.buf[i] == '\n' ||
          rs->body.buf[i] == '\r' || rs->body.buf[i] == '\t'))
    i++;
  if (i == rs->body.len)
    return API_OK; /* 204 or an empty 2xx */
  if (out == NULL)
    return API_OK;
  root = cJSON_ParseWithLength(rs->body.buf, rs->body.len);
  if (root == NULL) {
    char first[80];
    size_t n = 0;
    while (n < sizeof(first) - 1 && n < rs->body.len &&
           rs->body.buf[n] != '\n' && rs->body.buf[n] != '\0') {
      first[n] = rs->body.buf[n];
      n++;
    }
    first[n] = '\0';
    api_error_set(err, API_ERR_PARSE,
                  "HTTP %ld response is not JSON (%s%s%zu bytes): %s",
                  rs->status, rs->content_type[0] ? rs->content_type : "",
                  rs->content_type[0] ? ", " : "", rs->body.len, first);
    return API_ERR_PARSE;
  }
  *out = root;
  return API_OK;
}

enum api_err api_call_json(struct api_client *c, const struct api_call *call,
                           cJSON **out, struct api_error *err) {
  struct http_response rs;
  long status = 0;
  enum api_err rc;
  bool had_token;

  if (out)
    *out = NULL;
  if (call->idem_key) {
    for (const char *k = call->idem_key; *k; k++) {
      if (*k < 0x21 || *k > 0x7e) {
        api_error_set(err, API_ERR_CONFIG,
                      "idempotency key must be printable ASCII");
        return API_ERR_CONFIG;
      }
    }
  }
  if (!api_call_header_safe(c->api_key)) {
    api_error_set(err, API_ERR_CONFIG,
                  "the API key contains control characters; refused");
    return API_ERR_CONFIG;
  }
  http_response_init(&rs);
  if (!call->no_auth) {
    rc = api_call_ensure_token(c, err);
    if (rc != API_OK)
      goto out;
  }
  had_token = c->token != NULL;
  rc = call_once(c, call, &rs, &status, err);
  if (rc == API_ERR_AUTH && status == 401 && !call->no_auth && had_token) {
    /* the token may have been revoked or expired early: renew once */
    drop_token(c);
    rc = authenticate(c, err);
    if (rc != API_OK)
      goto out;
    rc = call_once(c, call, &rs, &status, err);
  }
  if (rc != API_OK)
    goto out;
  rc = parse_body(&rs, out, err);
out:
  if (rc != API_OK && err)
    err->code = rc;
  http_response_cleanup(&rs);
  return rc;
}

/* Keeps the access token of a /auth answer, refusing one that could not
 * go into a header, and schedules its renewal. */
static enum api_err store_token(struct api_client *c, const cJSON *resp,
                                struct api_error *err) {
  const char *tok;
  const cJSON *exp;
  int64_t expires_s = 0, margin_ms;
  enum api_err rc;
  tok = json_util_str(resp, "accessToken");
  if (tok == NULL || tok[0] == '\0') {
    rc = API_ERR_AUTH;
    api_error_set(err, rc, "POST /auth returned no accessToken");
    return rc;
  }
  if (!api_call_header_safe(tok)) {
    /* CR/LF would end the Authorization header and start another */
    rc = API_ERR_AUTH;
    api_error_set(err, rc,
                  "POST /auth returned an accessToken with control "
                  "characters; refused (it would corrupt the request "
                  "headers)");
    return rc;
  }
  exp = cJSON_GetObjectItemCaseSensitive(resp, "expiresIn");
  if (!json_util_int64(exp, &expires_s) || expires_s <= 0)
    expires_s = 300; /* unknown lifetime: renew early rather than late */
  if (expires_s > 86400 * 30)
    expires_s = 86400 * 30;
  margin_ms = expires_s * 1000 / 10;
  if (margin_ms > 60000)
    margin_ms = 60000;
  drop_token(c);
  c->token = xstrdup(tok);
  c->token_renew_ms = token_now_ms(c) + expires_s * 1000 - margin_ms;
  return API_OK;
}

static enum api_err authenticate(struct api_client *c, struct api_error *err) {
  cJSON *req = cJSON_CreateObject();
  cJSON *resp = NULL;
  char *body = NULL;
  struct api_call call;
  enum api_err rc;

  if (req == NULL)
    fatal("out of memory");
  cJSON_AddStringToObject(req, "clientId", c->client_id ? c->client_id : "");
  cJSON_AddStringToObject(req, "clientSecret",
                          c->client_secret ? c->client_secret : "");
  body = cJSON_PrintUnformatted(req);
  if (body == NULL)
    fatal("out of memory");
  memset(&call, 0, sizeof(call));
  call.method = HTTP_POST;
  call.path = "/auth";
  call.body = body;
  call.no_auth = true;
  rc = api_call_json(c, &call, &resp, err);
  if (rc != API_OK) {
    if (rc == API_ERR_REJECTED || rc == API_ERR_NOT_FOUND ||
        rc == API_ERR_FORBIDDEN)
      rc = API_ERR_AUTH;
    if (err) {
      err->code = rc;
      if (err->detail[0] == '\0')
        api_error_set(err, rc, "POST /auth failed");
    }
    goto out;
  }
  rc = store_token(c, resp, err);
out:
  if (body) {
    explicit_bzero(body, strlen(body));
    cJSON_free(body);
  }
  if (resp) {
    cJSON *t = cJSON_GetObjectItemCaseSensitive(resp, "accessToken");
    if (cJSON_IsString(t) && t->valuestring)
      explicit_bzero(t->valuestring, strlen(t->valuestring));
  }
  cJSON_Delete(resp);
  {
    cJSON *s = cJSON_GetObjectItemCaseSensitive(req, "clientSecret");
    if (cJSON_IsString(s) && s->valuestring)
      explicit_bzero(s->valuestring, strlen(s->valuestring));
  }
  cJSON_Delete(req);
  return rc;
}

enum api_err api_call_ensure_token(struct api_client *c,
                                   struct api_error *err) {
  if (c->token && token_now_ms(c) < c->token_renew_ms)
    return API_OK;
  drop_token(c);
  return authenticate(c, err);
}

enum api_err api_call_authenticate(struct api_client *c,
                                   struct api_error *err) {
  drop_token(c);
  return authenticate(c, err);
}

void api_call_drop_token(struct api_client *c) {
  drop_token(c);
}

enum api_err api_call_get(struct api_client *c, const char *path,
                          const char *query, cJSON **out,
                          struct api_error *err) {
  struct api_call call;
  enum api_err rc;
  memset(&call, 0, sizeof(call));
  call.method = HTTP_GET;
  call.path = path;
  call.query = query;
  rc = api_call_json(c, &call, out, err);
  if (rc == API_OK && *out == NULL) {
    rc = API_ERR_PARSE;
    api_error_set(err, rc, "empty response to GET %s", path);
  }
  return rc;
}

enum api_err api_call_post(struct api_client *c, const char *path, cJSON *body,
                           const char *idem_key, cJSON **out,
                           struct api_error *err) {
  struct api_call call;
  char *text;
  enum api_err rc;
  if (body == NULL)
    body = cJSON_CreateObject();
  if (body == NULL)
    fatal("out of memory");
  text = cJSON_PrintUnformatted(body);
  cJSON_Delete(body);
  if (text == NULL)
    fatal("out of memory");
  memset(&call, 0, sizeof(call));
  call.method = HTTP_POST;
  call.path = path;
  call.body = text;
  call.idem_key = idem_key;
  rc = api_call_json(c, &call, out, err);
  cJSON_free(text);
  return rc;
}
