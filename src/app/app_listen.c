/*
 * app_listen - `conomy-desk listen`: receive webhook deliveries and apply
 * them to the cache.
 *
 * For a payment event the desk reads the full payment from the API (the
 * event's snapshot may be partial or stale when deliveries arrive out of
 * order) and stores it together with the delivery key in one transaction,
 * so a delivery repeated by the at-least-once sender is applied once. When
 * the API cannot be read, the event's own snapshot is stored only if it is
 * complete enough; otherwise the answer is 503 and the sender retries.
 * Customer events are stored from their payload (it is the whole record).
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "api/webhook_server.h"
#include "app/app_internal.h"
#include "app/app_listen.h"
#include "cache/cache_customers.h"
#include "cache/cache_webhook.h"

struct listener {
  struct app *a;
  struct api_client *api;
  struct cache *cache;
  app_listen_log_fn log;
  void *ud;
};

static void log_line(struct listener *l, const char *fmt, const char *a,
                     const char *b) {
  if (l->log == NULL)
    return;
  char line[512];
  snprintf(line, sizeof line, fmt, a ? a : "-", b ? b : "-");
  l->log(l->ud, line);
}

static int on_event(void *ud, const struct webhook_event *ev) {
  struct listener *l = ud;
  bool already = false;
  if (ev->subject == WEBHOOK_SUBJECT_PAYMENT && ev->payment.id) {
    struct payment full = {0};
    struct api_error ae;
    api_error_clear(&ae);
    const struct payment *use = &ev->payment;
    if (api_payment_get(l->api, ev->payment.id, &full, &ae) == API_OK)
      use = &full;
    else if (ev->payment.total.currency[0] == '\0' ||
             ev->payment.created_at == 0) {
      payment_cleanup(&full);
      log_line(l, "%s %s: payment not readable now; asking for a retry",
               ev->event_type, ev->payment.id);
      return 503;
    }
    enum cache_err ce =
        cache_webhook_apply_payment(l->cache, ev->dedup_key, use, &already);
    payment_cleanup(&full);
    if (ce != CACHE_OK) {
      log_line(l, "%s %s: cache write failed; asking for a retry",
               ev->event_type, ev->payment.id);
      return 503;
    }
    log_line(l, already ? "%s %s: duplicate, ignored" : "%s %s: applied",
             ev->event_type, ev->payment.id);
  } else if (ev->subject == WEBHOOK_SUBJECT_CUSTOMER && ev->customer.id) {
    enum cache_err ce = cache_webhook_seen(l->cache, ev->dedup_key, &already);
    if (ce == CACHE_OK && !already)
      ce = cache_customers_upsert(l->cache, &ev->customer, 1);
    if (ce != CACHE_OK)
      return 503;
    log_line(l, already ? "%s %s: duplicate, ignored" : "%s %s: applied",
             ev->event_type, ev->customer.id);
  } else {
    log_line(l, "%s%s: nothing to apply", ev->event_type, "");
  }
  app_bump(l->a);
  return 200;
}

enum app_err app_listen(struct app *a, const char *addr, const char *secret,
                        volatile sig_atomic_t *stop, app_listen_log_fn log,
                        void *ud, int *port, struct app_error *err) {
  struct listener l = {.a = a, .log = log, .ud = ud};
  enum app_err rc = app_api_new(a, &l.api, err);
  if (rc != APP_OK)
    return rc;
  char *cause = NULL;
  enum cache_err ce = cache_open(a->cache_path, &l.cache, &cause);
  if (ce != CACHE_OK) {
    app_error_set(err, APP_ERR_DATA, "cache: %s",
                  cause ? cause : cache_strerror(ce));
    free(cause);
    api_client_free(&l.api);
    return APP_ERR_DATA;
  }
  struct webhook_server *srv = NULL;
  struct api_error ae;
  api_error_clear(&ae);
  if (webhook_server_start(addr, secret, on_event, &l, &srv, &ae) != API_OK) {
    rc = app_error_from_api(err, &ae, "listen");
    goto out;
  }
  if (port)
    *port = webhook_server_port(srv);
  if (log) {
    char line[128];
    snprintf(line, sizeof line, "listening on %s (port %d)", addr,
             webhook_server_port(srv));
    log(ud, line);
  }
  while (!*stop) {
    struct timespec ts = {0, 100 * 1000 * 1000};
    nanosleep(&ts, NULL);
  }
  webhook_server_stop(&srv);
out:
  cache_close(&l.cache);
  api_client_free(&l.api);
  return rc;
}
