/*
 * app_links - the customer link of payments that carry no customerId.
 *
 * The published payment schema has no customerId; such a payment's
 * customer is found with GET /payments/{id}/customer. After the payment
 * pages of a sync, the cached payments without a customer that were never
 * looked up are asked for, newest first, at most the profile's budget
 * (customer_link_budget, APP_LINK_BUDGET by default) per sync: a desk
 * first synced against a million payments must not make a million
 * requests in one go. Each outcome is recorded (cache_links.h), so a
 * payment is asked once. A server that does not offer the endpoint is
 * remembered in the cache meta (cap.customer_link = "none", like
 * cap.review_resolution) and never asked again; network trouble ends the
 * lookups of this sync with a warning, keeping what was done.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/api_payments.h"
#include "app/app_sync_int.h"
#include "cache/cache_links.h"
#include "core/xalloc.h"

#define CAP_LINK_KEY "cap.customer_link"
#define LINK_BATCH 50 /* outcomes committed together */

static bool link_offered(struct cache *c) {
  char *v = NULL;
  bool none = cache_meta_get(c, CAP_LINK_KEY, &v) == CACHE_OK && v &&
              strcmp(v, "none") == 0;
  free(v);
  return !none;
}

bool app_customer_link_offered(struct app *a) {
  return link_offered(a->cache);
}

/* Lookups waiting to be committed (their customers are owned here). */
struct link_batch {
  struct api_payment_customer got[LINK_BATCH];
  struct cache_link items[LINK_BATCH];
  size_t n;
};

static enum app_err flush(struct sync_run *r, struct link_batch *b,
                          struct app_error *err) {
  enum cache_err ce =
      cache_links_record(r->cache, b->items, b->n, app_now_ms());
  for (size_t i = 0; i < b->n; i++)
    api_payment_customer_cleanup(&b->got[i]);
  b->n = 0;
  if (ce != CACHE_OK)
    return sync_cache_err(r, err, ce, "sync: writing customer links");
  return APP_OK;
}

/* The outcome of one lookup: recorded (true) or the end of the lookups
 * for this sync (false, said). */
static bool take(struct sync_run *r, struct link_batch *b, const char *id,
                 enum api_err ar, const struct api_error *ae,
                 int64_t *unreadable) {
  struct api_payment_customer *pc = &b->got[b->n];
  if (ar == API_ERR_UNSUPPORTED) {
    (void)cache_meta_set(r->cache, CAP_LINK_KEY, "none");
    snprintf(r->rep.link_note, sizeof r->rep.link_note,
             "the server does not offer customer links "
             "(GET /payments/{id}/customer); payments without a customerId "
             "stay without a customer");
    sync_log(r, "notice", r->rep.link_note);
    return false;
  }
  if (ar != API_OK && ar != API_ERR_NOT_FOUND && ar != API_ERR_PARSE) {
    sync_warn(r, "customer links stopped after %" PRId64 " lookups: %s",
              r->rep.links_asked,
              ae->detail[0] ? ae->detail : api_strerror(ar));
    return false;
  }
  /* a payment gone from the server, or an unreadable link: asked, and
   * not asked again */
  if (ar == API_ERR_PARSE)
    (*unreadable)++;
  bool linked = ar == API_OK && pc->attached && pc->present;
  b->items[b->n].payment_id = id;
  b->items[b->n].customer = linked ? &pc->customer : NULL;
  b->n++;
  r->rep.links_asked++;
  r->rep.links_found += linked ? 1 : 0;
  return true;
}

enum app_err sync_links(struct sync_run *r, struct app_error *err) {
  int budget = r->a->link_budget;
  if (budget <= 0 || !link_offered(r->cache))
    return APP_OK;
  char **ids = NULL;
  size_t n = 0;
  enum cache_err ce = cache_links_todo(r->cache, (size_t)budget, &ids, &n);
  if (ce != CACHE_OK)
    return sync_cache_err(r, err, ce, "sync: reading customer links");
  struct link_batch *b = xcalloc(1, sizeof *b);
  enum app_err rc = APP_OK;
  int64_t unreadable = 0;
  bool go = true;
  for (size_t i = 0; rc == APP_OK && go && i < n; i++) {
    struct api_error ae;
    api_error_clear(&ae);
    enum api_err ar =
        api_payment_customer_get(r->api, ids[i], &b->got[b->n], &ae);
    go = take(r, b, ids[i], ar, &ae, &unreadable);
    if (!go)
      api_payment_customer_cleanup(&b->got[b->n]);
    if (b->n == LINK_BATCH || !go || i + 1 == n)
      rc = flush(r, b, err);
  }
  if (rc == APP_OK && unreadable > 0)
    sync_warn(r, "%" PRId64 " customer links could not be read", unreadable);
  if (rc == APP_OK &&
      cache_links_pending(r->cache, &r->rep.links_pending) == CACHE_OK && go &&
      n == (size_t)budget && r->rep.links_pending > 0)
    snprintf(r->rep.link_note, sizeof r->rep.link_note,
             "%" PRId64 " payments still without a customer link; the next "
             "sync continues",
             r->rep.links_pending);
  for (size_t i = 0; i < n; i++)
    free(ids[i]);
  free(ids);
  free(b);
  return rc;
}
