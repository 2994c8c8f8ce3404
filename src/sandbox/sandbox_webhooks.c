/*
 * sandbox_webhooks - queued, signed, retried event delivery; see
 * sandbox_webhooks.h.
 *
 * Delivery runs on its own thread so that a slow receiver (up to the 10 s
 * timeout) never holds up settlement. The HTTP client is a minimal
 * HTTP/1.1 POST over a socket: only http:// URLs are supported.
 */
#include "sandbox/sandbox_webhooks.h"

#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <poll.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "core/strbuf.h"
#include "core/xalloc.h"
#include "sandbox/sandbox.h"
#include "sandbox/sandbox_dialect.h"
#include "sandbox/sandbox_store.h"

#define WH_TIMEOUT_MS 10000
#define WH_FIRST_RETRY_MS 30000LL
#define WH_MAX_RETRY_MS 3600000LL
#define WH_GIVE_UP_MS (24LL * 3600000LL)

struct sandbox_webhooks {
  struct sandbox *sb;
  char host[320];
  char port[8];
  char path[512];
  bool enabled;
  pthread_t thread;
  pthread_mutex_t mu;
  pthread_cond_t cond;
  bool stop;
  bool started;
};

static const char enqueue_sql[] =
    "INSERT INTO webhooks(event_type, object_id, status, body, created_ms,"
    " due_ms, state) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7)";
static const char due_sql[] =
    "SELECT rid, body, attempts, created_ms FROM webhooks"
    " WHERE state = 'PENDING' AND due_ms <= ?1 ORDER BY due_ms LIMIT 16";
static const char done_sql[] =
    "UPDATE webhooks SET state = ?2, attempts = attempts + 1, last_http = ?3,"
    " due_ms = ?4, delivered_ms = ?5 WHERE rid = ?1";

void sandbox_webhooks_hmac_hex(const char *key, const void *data, size_t len,
                               char out[65]) {
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int maclen = 0;
  HMAC(EVP_sha256(), key, (int)strlen(key), data, len, mac, &maclen);
  for (unsigned i = 0; i < maclen && i < 32; i++)
    snprintf(out + 2 * i, 3, "%02x", mac[i]);
}

/* Minimal HTTP POST; returns the status code, or -1 on a network error. */
static int http_post(const struct sandbox_webhooks *wh, const char *body,
                     const char *sig) {
  struct addrinfo hints;
  struct addrinfo *res = NULL;
  int fd = -1;
  int status = -1;
  memset(&hints, 0, sizeof(hints));
  hints.ai_socktype = SOCK_STREAM;
  if (getaddrinfo(wh->host, wh->port, &hints, &res) != 0 || res == NULL)
    return -1;
  fd =
      socket(res->ai_family, res->ai_socktype | SOCK_CLOEXEC, res->ai_protocol);
  if (fd < 0)
    goto out;
  int fl = fcntl(fd, F_GETFL);
  fcntl(fd, F_SETFL, fl | O_NONBLOCK);
  if (connect(fd, res->ai_addr, res->ai_addrlen) != 0) {
    if (errno != EINPROGRESS)
      goto out;
    struct pollfd p = {.fd = fd, .events = POLLOUT};
    int err = 0;
    socklen_t el = sizeof(err);
    if (poll(&p, 1, WH_TIMEOUT_MS) != 1 ||
        getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &el) != 0 || err != 0)
      goto out;
  }
  fcntl(fd, F_SETFL, fl);
  struct timeval tv = {.tv_sec = WH_TIMEOUT_MS / 1000, .tv_usec = 0};
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
  setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv));
  /* Model A bodies carry their signature inside; only Model B has the
   * header. */
  bool model_a = strncmp(body, "{\"event\":", 9) == 0;
  char *req =
      xasprintf("POST %s HTTP/1.1\r\nHost: %s:%s\r\n"
                "User-Agent: conomy-sandbox\r\n"
                "Content-Type: application/json\r\n"
                "Content-Length: %zu\r\n"
                "%s%s%s"
                "Connection: close\r\n\r\n%s",
                wh->path, wh->host, wh->port, strlen(body),
                model_a ? "" : "X-Webhook-Signature: ", model_a ? "" : sig,
                model_a ? "" : "\r\n", body);
  size_t len = strlen(req);
  size_t off = 0;
  while (off < len) {
    ssize_t n = send(fd, req + off, len - off, MSG_NOSIGNAL);
    if (n <= 0)
      break;
    off += (size_t)n;
  }
  free(req);
  if (off < len)
    goto out;
  char buf[64];
  size_t got = 0;
  while (got < sizeof(buf) - 1) {
    ssize_t n = recv(fd, buf + got, sizeof(buf) - 1 - got, 0);
    if (n <= 0)
      break;
    got += (size_t)n;
    if (memchr(buf, '\n', got))
      break;
  }
  buf[got] = '\0';
  int code = 0;
  if (strncmp(buf, "HTTP/1.", 7) == 0 && got >= 12) {
    code = (buf[9] - '0') * 100 + (buf[10] - '0') * 10 + (buf[11] - '0');
    if (code >= 100 && code <= 599)
      status = code;
  }
out:
  if (fd >= 0)
    close(fd);
  freeaddrinfo(res);
  return status;
}

static void deliver_due(struct sandbox_webhooks *wh) {
  struct sandbox *sb = wh->sb;
  for (int round = 0; round < 50; round++) {
    int64_t rids[16];
    char *bodies[16];
    int attempts[16];
    int64_t created[16];
    int n = 0;
    int64_t now = sandbox_clock_now(&sb->clock);
    struct sandbox_conn *c = sandbox_db_read(sb->db);
    sqlite3_stmt *st = sandbox_db_stmt(c, due_sql);
    if (st) {
      sqlite3_bind_int64(st, 1, now);
      while (n < 16 && sqlite3_step(st) == SQLITE_ROW) {
        rids[n] = sqlite3_column_int64(st, 0);
        bodies[n] = xstrdup(sandbox_db_col_text(st, 1));
        attempts[n] = sqlite3_column_int(st, 2);
        created[n] = sqlite3_column_int64(st, 3);
        n++;
      }
      sqlite3_reset(st);
    }
    sandbox_db_release(sb->db, c);
    for (int i = 0; i < n; i++) {
      char sig[65];
      sandbox_webhooks_hmac_hex(sb->webhook_secret, bodies[i],
                                strlen(bodies[i]), sig);
      int code = http_post(wh, bodies[i], sig);
      int64_t t = sandbox_clock_now(&sb->clock);
      const char *state = "DELIVERED";
      int64_t next = t;
      if (code < 200 || code > 299) {
        int64_t delay = WH_FIRST_RETRY_MS;
        for (int k = 0; k < attempts[i] && delay < WH_MAX_RETRY_MS; k++)
          delay *= 2;
        if (delay > WH_MAX_RETRY_MS)
          delay = WH_MAX_RETRY_MS;
        next = t + delay;
        state = next > created[i] + WH_GIVE_UP_MS ? "FAILED" : "PENDING";
      }
      struct sandbox_conn *w = sandbox_db_write_begin(sb->db);
      if (w) {
        sqlite3_stmt *u = sandbox_db_stmt(w, done_sql);
        bool ok = false;
        if (u) {
          sqlite3_bind_int64(u, 1, rids[i]);
          sandbox_db_bind_text(u, 2, state);
          sqlite3_bind_int(u, 3, code);
          sqlite3_bind_int64(u, 4, next);
          if (strcmp(state, "DELIVERED") == 0)
            sqlite3_bind_int64(u, 5, t);
          else
            sqlite3_bind_null(u, 5);
          ok = sqlite3_step(u) == SQLITE_DONE;
          sqlite3_reset(u);
        }
        sandbox_db_write_end(sb->db, w, ok);
      }
      free(bodies[i]);
    }
    if (n < 16)
      break;
  }
}

static void *wh_main(void *arg) {
  struct sandbox_webhooks *wh = arg;
  pthread_mutex_lock(&wh->mu);
  while (!wh->stop) {
    pthread_mutex_unlock(&wh->mu);
    deliver_due(wh);
    pthread_mutex_lock(&wh->mu);
    if (wh->stop)
      break;
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    ts.tv_nsec += 50 * 1000000L;
    if (ts.tv_nsec >= 1000000000L) {
      ts.tv_sec++;
      ts.tv_nsec -= 1000000000L;
    }
    pthread_cond_timedwait(&wh->cond, &wh->mu, &ts);
  }
  pthread_mutex_unlock(&wh->mu);
  return NULL;
}

/* Split http://host[:port]/path. */
static bool parse_url(struct sandbox_webhooks *wh, const char *url) {
  if (url == NULL || strncmp(url, "http://", 7) != 0)
    return false;
  const char *h = url + 7;
  const char *slash = strchr(h, '/');
  size_t hl = slash ? (size_t)(slash - h) : strlen(h);
  char hostport[300];
  if (hl == 0 || hl >= sizeof(hostport))
    return false;
  memcpy(hostport, h, hl);
  hostport[hl] = '\0';
  snprintf(wh->path, sizeof(wh->path), "%s", slash ? slash : "/");
  char *colon = strrchr(hostport, ':');
  if (hostport[0] == '[') {
    char *end = strchr(hostport, ']');
    if (end == NULL)
      return false;
    *end = '\0';
    snprintf(wh->host, sizeof(wh->host), "%s", hostport + 1);
    colon = end[1] == ':' ? end + 1 : NULL;
  } else {
    if (colon)
      *colon = '\0';
    snprintf(wh->host, sizeof(wh->host), "%s", hostport);
  }
  snprintf(wh->port, sizeof(wh->port), "%s", colon ? colon + 1 : "80");
  return wh->host[0] != '\0';
}

struct sandbox_webhooks *sandbox_webhooks_new(struct sandbox *sb) {
  struct sandbox_webhooks *wh = xcalloc(1, sizeof(*wh));
  wh->sb = sb;
  pthread_mutex_init(&wh->mu, NULL);
  pthread_cond_init(&wh->cond, NULL);
  wh->enabled = parse_url(wh, sb->opts.webhook_url);
  if (wh->enabled && pthread_create(&wh->thread, NULL, wh_main, wh) == 0)
    wh->started = true;
  return wh;
}

void sandbox_webhooks_free(struct sandbox_webhooks **whp) {
  struct sandbox_webhooks *wh = whp ? *whp : NULL;
  if (wh == NULL)
    return;
  if (wh->started) {
    pthread_mutex_lock(&wh->mu);
    wh->stop = true;
    pthread_cond_signal(&wh->cond);
    pthread_mutex_unlock(&wh->mu);
    pthread_join(wh->thread, NULL);
  }
  pthread_mutex_destroy(&wh->mu);
  pthread_cond_destroy(&wh->cond);
  free(wh);
  *whp = NULL;
}

static int insert_event(struct sandbox *sb, struct sandbox_conn *c,
                        const char *event_type, const cJSON *object,
                        const char *body, int64_t now) {
  sqlite3_stmt *st = sandbox_db_stmt(c, enqueue_sql);
  int rc = -1;
  bool enabled = sb->webhooks && sb->webhooks->enabled;
  if (st && body) {
    sandbox_db_bind_text(st, 1, event_type);
    sandbox_db_bind_text(st, 2, sandbox_store_str(object, "id"));
    sandbox_db_bind_text(st, 3, sandbox_store_str(object, "status"));
    sandbox_db_bind_text(st, 4, body);
    sqlite3_bind_int64(st, 5, now);
    sqlite3_bind_int64(st, 6, now);
    sandbox_db_bind_text(st, 7, enabled ? "PENDING" : "SKIPPED");
    rc = sqlite3_step(st) == SQLITE_DONE ? 0 : -1;
    sqlite3_reset(st);
  }
  return rc;
}

/*
 * Model A (published dialect): {"event":"Transaction.Captured","data":
 * {"transaction":{id, purchaseAmount, totalAmount, externalId, currency,
 * status}},"signature":HEX} for a change to CAPTURED, RECEIVED or FAILED.
 * HEX is the HMAC-SHA256, keyed with the webhook secret, of the body
 * without its signature: the exact bytes {"event":...,"data":{...}} (no
 * whitespace, keys in this order), i.e. JSON.stringify({event, data}).
 */
static int enqueue_model_a(struct sandbox *sb, struct sandbox_conn *c,
                           const cJSON *payment) {
  static const char *const keys[] = {
      "id",       "purchaseAmount", "totalAmount", "externalId",
      "currency", "status",         NULL};
  static const char *const events[][2] = {{"CAPTURED", "Transaction.Captured"},
                                          {"RECEIVED", "Transaction.Received"},
                                          {"FAILED", "Transaction.Failed"}};
  const char *status = sandbox_store_str(payment, "status");
  const char *event = NULL;
  for (size_t i = 0; status && i < sizeof(events) / sizeof(events[0]); i++)
    if (strcmp(status, events[i][0]) == 0)
      event = events[i][1];
  if (event == NULL)
    return 0;
  cJSON *ev = cJSON_CreateObject();
  cJSON_AddStringToObject(ev, "event", event);
  cJSON *t = cJSON_AddObjectToObject(cJSON_AddObjectToObject(ev, "data"),
                                     "transaction");
  for (int i = 0; keys[i]; i++) {
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(payment, keys[i]);
    cJSON_AddItemToObject(t, keys[i],
                          v ? cJSON_Duplicate(v, 1) : cJSON_CreateNull());
  }
  char *signed_part = cJSON_PrintUnformatted(ev);
  char sig[65] = "";
  char *body = NULL;
  if (signed_part) {
    size_t n = strlen(signed_part);
    sandbox_webhooks_hmac_hex(sb->webhook_secret, signed_part, n, sig);
    body =
        xasprintf("%.*s,\"signature\":\"%s\"}", (int)(n - 1), signed_part, sig);
  }
  int rc =
      insert_event(sb, c, event, payment, body, sandbox_clock_now(&sb->clock));
  free(body);
  cJSON_free(signed_part);
  cJSON_Delete(ev);
  return rc;
}

int sandbox_webhooks_enqueue(struct sandbox *sb, struct sandbox_conn *c,
                             const char *event_type, const char *object_key,
                             const cJSON *object) {
  int64_t now = sandbox_clock_now(&sb->clock);
  char ts[32];
  cJSON *ev = cJSON_CreateObject();
  cJSON_AddStringToObject(ev, "eventType", event_type);
  cJSON_AddStringToObject(ev, "timestamp", sandbox_store_iso(now, ts));
  cJSON_AddItemToObject(ev, object_key, cJSON_Duplicate(object, 1));
  char *body = cJSON_PrintUnformatted(ev);
  cJSON_Delete(ev);
  int rc = insert_event(sb, c, event_type, object, body, now);
  cJSON_free(body);
  return rc;
}

int sandbox_webhooks_payment(struct sandbox *sb, struct sandbox_conn *c,
                             const char *event_type, const cJSON *payment) {
  static const char *const keys[] = {"id",
                                     "externalId",
                                     "status",
                                     "totalAmount",
                                     "currency",
                                     "type",
                                     "parentPaymentId",
                                     "relatedPaymentId",
                                     "customerId",
                                     "accountNumber",
                                     "identityId",
                                     "settledAt",
                                     "expiredAt",
                                     "unsettledAt",
                                     "unsettledReason",
                                     "settlementBatchId",
                                     "documentationStatus",
                                     "reviewReason",
                                     NULL};
  cJSON *t = cJSON_CreateObject();
  for (int i = 0; keys[i]; i++) {
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(payment, keys[i]);
    cJSON_AddItemToObject(t, keys[i],
                          v ? cJSON_Duplicate(v, 1) : cJSON_CreateNull());
  }
  int rc = sandbox_webhooks_enqueue(sb, c, event_type, "transaction", t);
  cJSON_Delete(t);
  if (rc == 0 && sandbox_dialect_published(sb) &&
      strcmp(event_type, "transaction.status_changed") == 0)
    rc = enqueue_model_a(sb, c, payment);
  return rc;
}

void sandbox_webhooks_run(struct sandbox *sb) {
  struct sandbox_webhooks *wh = sb->webhooks;
  if (wh == NULL || !wh->started)
    return;
  pthread_mutex_lock(&wh->mu);
  pthread_cond_signal(&wh->cond);
  pthread_mutex_unlock(&wh->mu);
}
