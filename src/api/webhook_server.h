/*
 * webhook_server - a small HTTP receiver for conomy_hq webhook deliveries
 * (libmicrohttpd, one internal thread, so the handler is never re-entered).
 *
 * Every POST body (at most 1 MiB, else 413) is verified against
 * X-Webhook-Signature in constant time BEFORE it is parsed; a bad or missing
 * signature is 401 and nothing else happens. A verified body is parsed
 * (400 when it does not parse) and handed to the handler, whose return
 * value is the HTTP status answered (2xx accepts; 5xx asks the sender to
 * retry). Other methods are 405.
 */
#ifndef DESK_API_WEBHOOK_SERVER_H
#define DESK_API_WEBHOOK_SERVER_H

#include "api/api_err.h"
#include "api/webhook.h"

struct webhook_server;

typedef int (*webhook_handler_fn)(void *ud, const struct webhook_event *ev);

/* addr is "HOST:PORT" with a numeric IPv4 host (port 0 = any free port).
 * Returns API_ERR_CONFIG for a bad address, API_ERR_NETWORK when it cannot
 * listen. The secret is copied. */
enum api_err webhook_server_start(const char *addr, const char *secret,
                                  webhook_handler_fn fn, void *ud,
                                  struct webhook_server **out,
                                  struct api_error *err);
/* The port actually bound. */
int webhook_server_port(const struct webhook_server *s);
/* Counters since start. */
long webhook_server_accepted(const struct webhook_server *s);
long webhook_server_rejected(const struct webhook_server *s);
void webhook_server_stop(struct webhook_server **sp);

#endif
