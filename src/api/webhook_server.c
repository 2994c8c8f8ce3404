/*
 * webhook_server - see webhook_server.h.
 */
#include "api/webhook_server.h"

#include <arpa/inet.h>
#include <microhttpd.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/strbuf.h"
#include "core/xalloc.h"

#define WEBHOOK_MAX_BODY (1024 * 1024)

struct webhook_server {
  struct MHD_Daemon *d;
  char *secret;
  webhook_handler_fn fn;
  void *ud;
  int port;
  atomic_long accepted, rejected;
};

struct request {
  struct strbuf body;
};

static enum MHD_Result answer(struct MHD_Connection *conn, unsigned status,
                              const char *text) {
  char buf[256];
  snprintf(buf, sizeof buf, "{\"status\":%u,\"detail\":\"%s\"}", status, text);
  struct MHD_Response *r =
      MHD_create_response_from_buffer(strlen(buf), buf, MHD_RESPMEM_MUST_COPY);
  if (r == NULL)
    return MHD_NO;
  MHD_add_response_header(r, "Content-Type", "application/json");
  enum MHD_Result ret = MHD_queue_response(conn, status, r);
  MHD_destroy_response(r);
  return ret;
}

static void request_done(void *cls, struct MHD_Connection *conn, void **con_cls,
                         enum MHD_RequestTerminationCode toe) {
  (void)cls;
  (void)conn;
  (void)toe;
  struct request *rq = *con_cls;
  if (rq) {
    strbuf_cleanup(&rq->body);
    free(rq);
    *con_cls = NULL;
  }
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn,
                                  const char *url, const char *method,
                                  const char *version, const char *data,
                                  size_t *data_size, void **con_cls) {
  (void)url;
  (void)version;
  struct webhook_server *s = cls;
  struct request *rq = *con_cls;
  if (rq == NULL) {
    rq = xcalloc(1, sizeof *rq);
    strbuf_init(&rq->body, WEBHOOK_MAX_BODY);
    *con_cls = rq;
    return MHD_YES;
  }
  if (strcmp(method, "POST") != 0)
    return answer(conn, 405, "POST only");
  if (*data_size > 0) {
    /* Over the cap the body is dropped; the answer comes at the end. */
    strbuf_append(&rq->body, data, *data_size);
    *data_size = 0;
    return MHD_YES;
  }
  if (rq->body.toobig) {
    atomic_fetch_add(&s->rejected, 1);
    return answer(conn, 413, "body too large");
  }
  const char *sig =
      MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "X-Webhook-Signature");
  if (!webhook_verify_delivery(s->secret, rq->body.buf ? rq->body.buf : "",
                               rq->body.len, sig)) {
    atomic_fetch_add(&s->rejected, 1);
    return answer(conn, 401, "bad signature");
  }
  struct webhook_event ev = {0};
  struct api_error err;
  api_error_clear(&err);
  if (webhook_event_parse(strbuf_str(&rq->body), rq->body.len, &ev, &err) !=
      API_OK) {
    webhook_event_cleanup(&ev);
    atomic_fetch_add(&s->rejected, 1);
    return answer(conn, 400, "unreadable event");
  }
  int status = s->fn(s->ud, &ev);
  webhook_event_cleanup(&ev);
  if (status >= 200 && status < 300)
    atomic_fetch_add(&s->accepted, 1);
  return answer(conn, (unsigned)status,
                status < 300 ? "ok" : "not applied, retry later");
}

enum api_err webhook_server_start(const char *addr, const char *secret,
                                  webhook_handler_fn fn, void *ud,
                                  struct webhook_server **out,
                                  struct api_error *err) {
  *out = NULL;
  char host[64];
  const char *colon = strrchr(addr, ':');
  size_t hn = colon ? (size_t)(colon - addr) : 0;
  char *end = NULL;
  long port = colon ? strtol(colon + 1, &end, 10) : -1;
  struct sockaddr_in sin = {0};
  sin.sin_family = AF_INET;
  if (colon == NULL || hn == 0 || hn >= sizeof host || end == colon + 1 ||
      *end != '\0' || port < 0 || port > 65535) {
    api_error_set(err, API_ERR_CONFIG,
                  "listen address must be HOST:PORT, e.g. 127.0.0.1:8787");
    return API_ERR_CONFIG;
  }
  memcpy(host, addr, hn);
  host[hn] = '\0';
  if (inet_pton(AF_INET, host, &sin.sin_addr) != 1) {
    api_error_set(err, API_ERR_CONFIG,
                  "listen host must be a numeric IPv4 address");
    return API_ERR_CONFIG;
  }
  if (secret == NULL || *secret == '\0') {
    api_error_set(err, API_ERR_CONFIG,
                  "a webhook secret is required to verify deliveries");
    return API_ERR_CONFIG;
  }
  sin.sin_port = htons((uint16_t)port);
  /* Initialise OpenSSL here, on the caller's thread: done first on the
   * server's thread, its per-thread state would outlive that thread. */
  char warm[65];
  webhook_sign("warm-up", "", 0, warm);
  struct webhook_server *s = xcalloc(1, sizeof *s);
  s->secret = xstrdup(secret);
  s->fn = fn;
  s->ud = ud;
  s->d = MHD_start_daemon(MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_ERROR_LOG,
                          0, NULL, NULL, on_request, s, MHD_OPTION_SOCK_ADDR,
                          (struct sockaddr *)&sin, MHD_OPTION_NOTIFY_COMPLETED,
                          request_done, NULL, MHD_OPTION_CONNECTION_TIMEOUT,
                          (unsigned)10, MHD_OPTION_CONNECTION_LIMIT,
                          (unsigned)64, MHD_OPTION_END);
  if (s->d == NULL) {
    api_error_set(err, API_ERR_NETWORK, "cannot listen on %s", addr);
    webhook_server_stop(&s);
    return API_ERR_NETWORK;
  }
  const union MHD_DaemonInfo *info =
      MHD_get_daemon_info(s->d, MHD_DAEMON_INFO_BIND_PORT);
  s->port = info ? info->port : (int)port;
  *out = s;
  return API_OK;
}

int webhook_server_port(const struct webhook_server *s) {
  return s->port;
}

long webhook_server_accepted(const struct webhook_server *s) {
  return atomic_load(&s->accepted);
}

long webhook_server_rejected(const struct webhook_server *s) {
  return atomic_load(&s->rejected);
}

void webhook_server_stop(struct webhook_server **sp) {
  struct webhook_server *s = sp ? *sp : NULL;
  if (s == NULL)
    return;
  if (s->d)
    MHD_stop_daemon(s->d);
  if (s->secret) {
    memset(s->secret, 0, strlen(s->secret));
    free(s->secret);
  }
  free(s);
  *sp = NULL;
}
