/*
 * app_reads - the pane-specific reads (review queue, unassigned topups,
 * refunds, refund summary, activity log, outbox), all from the cache.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/app_internal.h"
#include "cache/cache_activity.h"
#include "cache/cache_outbox.h"
#include "cache/cache_payments.h"
#include "cache/cache_totals.h"
#include "core/money.h"
#include "core/sanitize.h"
#include "core/xalloc.h"

_Static_assert((int)APP_LIST_UNASSIGNED == (int)CACHE_LIST_UNASSIGNED &&
                   (int)APP_LIST_REVIEW == (int)CACHE_LIST_REVIEW,
               "app_list mirrors cache_list");

const struct keyset_cursor *app_cursor_to_cache(const struct keyset_cursor *c,
                                               struct keyset_cursor *tmp) {
  if (c == NULL || !c->valid)
    return NULL;
  memset(tmp, 0, sizeof *tmp);
  tmp->valid = true;
  tmp->key = c->key;
  snprintf(tmp->id, sizeof tmp->id, "%s", c->id);
  return tmp;
}

void app_cursor_from_cache(const struct keyset_cursor *c,
                           struct keyset_cursor *out) {
  memset(out, 0, sizeof *out);
  if (c == NULL || !c->valid)
    return;
  out->valid = true;
  out->key = c->key;
  snprintf(out->id, sizeof out->id, "%s", c->id);
}

static enum keyset_sort query_sort(const struct app_query *q) {
  return cache_list_sort((enum cache_list)q->list, (enum keyset_sort)q->sort);
}

bool app_query_cursor(const struct app_query *q, const struct payment *p,
                      struct keyset_cursor *out) {
  struct keyset_cursor c;
  bool ok = cache_payment_cursor(query_sort(q), p, &c);
  app_cursor_from_cache(ok ? &c : NULL, out);
  return ok;
}

enum app_err app_payments_window(struct app *a, const struct app_query *q,
                                 const struct keyset_cursor *from, bool backward,
                                 bool inclusive, size_t limit,
                                 struct payment_list *out,
                                 struct app_error *err) {
  struct keyset_cursor cf;
  enum cache_err ce = cache_payments_window(
      a->cache, (enum cache_list)q->list, q->filter, q->parent_id,
      (enum keyset_sort)q->sort, app_cursor_to_cache(from, &cf), backward,
      inclusive, limit, out);
  if (ce != CACHE_OK)
    return app_error_from_cache(err, ce, "reading payments");
  return APP_OK;
}

enum app_err app_query_count(struct app *a, const struct app_query *q,
                             int64_t *count, struct app_error *err) {
  enum cache_err ce = cache_payments_list_count(
      a->cache, (enum cache_list)q->list, q->filter, q->parent_id, count);
  if (ce != CACHE_OK)
    return app_error_from_cache(err, ce, "counting payments");
  return APP_OK;
}

enum app_err app_query_nth(struct app *a, const struct app_query *q,
                           int64_t n, struct keyset_cursor *out,
                           struct app_error *err) {
  struct keyset_cursor c;
  enum cache_err ce =
      cache_payments_nth(a->cache, (enum cache_list)q->list, q->filter,
                         q->parent_id, (enum keyset_sort)q->sort, n, &c);
  app_cursor_from_cache(ce == CACHE_OK ? &c : NULL, out);
  if (ce == CACHE_ERR_NOT_FOUND) {
    app_error_set(err, APP_ERR_NOT_FOUND, "the list has no row %lld",
                  (long long)n + 1);
    return APP_ERR_NOT_FOUND;
  }
  if (ce != CACHE_OK)
    return app_error_from_cache(err, ce, "seeking in the list");
  return APP_OK;
}

enum app_err app_review_query(struct app *a, const struct filter *f,
                              const struct keyset_cursor *after, size_t limit,
                              struct payment_list *out,
                              struct keyset_cursor *next,
                              struct app_error *err) {
  struct keyset_cursor ca, cn;
  enum cache_err ce =
      cache_review_list(a->cache, f, app_cursor_to_cache(after, &ca), limit,
                        out, next ? &cn : NULL);
  if (next)
    app_cursor_from_cache(&cn, next);
  if (ce != CACHE_OK)
    return app_error_from_cache(err, ce, "reading the review queue");
  return APP_OK;
}

enum app_err app_unassigned_query(struct app *a, size_t limit,
                                  struct payment_list *out,
                                  struct app_error *err) {
  enum cache_err ce =
      cache_unassigned_list(a->cache, NULL, limit, out, NULL);
  if (ce != CACHE_OK)
    return app_error_from_cache(err, ce, "reading unassigned topups");
  return APP_OK;
}

enum app_err app_refunds_query(struct app *a, const char *parent_id,
                               const struct keyset_cursor *after, size_t limit,
                               struct payment_list *out,
                               struct keyset_cursor *next,
                               struct app_error *err) {
  struct keyset_cursor ca, cn;
  enum cache_err ce =
      cache_refunds_list(a->cache, parent_id, app_cursor_to_cache(after, &ca),
                         limit, out, next ? &cn : NULL);
  if (next)
    app_cursor_from_cache(&cn, next);
  if (ce != CACHE_OK)
    return app_error_from_cache(err, ce, "reading refunds");
  return APP_OK;
}

enum app_err app_refund_summary(struct app *a, const char *parent_id,
                                struct refund_summary *out,
                                struct app_error *err) {
  enum cache_err ce = cache_refund_summary(a->cache, parent_id, out);
  if (ce == CACHE_ERR_NOT_FOUND) {
    char *clean = sanitize_text(parent_id);
    app_error_set(err, APP_ERR_NOT_FOUND, "no payment %s in the cache", clean);
    free(clean);
    return APP_ERR_NOT_FOUND;
  }
  if (ce != CACHE_OK)
    return app_error_from_cache(err, ce, "computing the refund summary");
  struct money server;
  int cmp = 0;
  if (app_refund_server_max(a->cache, parent_id, &server) &&
      money_cmp(&server, &out->max_refundable, &cmp) == CORE_OK && cmp < 0)
    out->max_refundable = server; /* the server knows of more refunds */
  return APP_OK;
}

void app_refund_max_note(struct app *a, const char *parent_id, char *buf,
                         size_t len) {
  buf[0] = '\0';
  struct refund_summary local;
  struct money server;
  int cmp = 0;
  if (cache_refund_summary(a->cache, parent_id, &local) != CACHE_OK ||
      !app_refund_server_max(a->cache, parent_id, &server) ||
      money_cmp(&server, &local.max_refundable, &cmp) != CORE_OK || cmp == 0)
    return;
  char s[MONEY_FMT_MAX], l[MONEY_FMT_MAX];
  money_format(&server, s, sizeof s);
  money_format(&local.max_refundable, l, sizeof l);
  snprintf(buf, len,
           "the server says maxRefundable %s %s; the cached refunds leave "
           "%s %s (the lower one is used)",
           s, server.currency, l, local.max_refundable.currency);
}

static void copy_field(char *dst, size_t len, const char *src) {
  char *clean = sanitize_text(src ? src : "");
  snprintf(dst, len, "%s", clean);
  free(clean);
}

enum app_err app_activity_list(struct app *a, size_t limit,
                               struct app_activity **rows, size_t *n,
                               struct app_error *err) {
  struct cache_activity_list l = {0};
  *rows = NULL;
  *n = 0;
  enum cache_err ce = cache_activity_list(a->cache, NULL, 0, limit, &l, NULL);
  if (ce != CACHE_OK) {
    cache_activity_list_cleanup(&l);
    return app_error_from_cache(err, ce, "reading the activity log");
  }
  struct app_activity *r = xcalloc(l.count ? l.count : 1, sizeof *r);
  for (size_t i = 0; i < l.count; i++) {
    const struct cache_activity *c = &l.items[i];
    r[i].id = c->id;
    r[i].at_ms = c->at_ms;
    r[i].outbox_id = c->outbox_id;
    copy_field(r[i].action, sizeof r[i].action, c->action);
    copy_field(r[i].payment_id, sizeof r[i].payment_id, c->payment_id);
    copy_field(r[i].outcome, sizeof r[i].outcome, c->outcome);
    copy_field(r[i].trace_id, sizeof r[i].trace_id, c->trace_id);
    copy_field(r[i].detail, sizeof r[i].detail, c->detail);
  }
  *rows = r;
  *n = l.count;
  cache_activity_list_cleanup(&l);
  return APP_OK;
}

enum app_err app_outbox_list(struct app *a, struct app_activity **rows,
                             size_t *n, struct app_error *err) {
  struct cache_outbox_list l = {0};
  *rows = NULL;
  *n = 0;
  enum cache_err ce = cache_outbox_list(a->cache, true, 0, &l);
  if (ce != CACHE_OK) {
    cache_outbox_list_cleanup(&l);
    return app_error_from_cache(err, ce, "reading the outbox");
  }
  struct app_activity *r = xcalloc(l.count ? l.count : 1, sizeof *r);
  for (size_t i = 0; i < l.count; i++) {
    const struct cache_outbox_entry *e = &l.items[i];
    r[i].id = e->id;
    r[i].at_ms = e->updated_at;
    r[i].outbox_id = e->id;
    copy_field(r[i].action, sizeof r[i].action, e->action);
    copy_field(r[i].payment_id, sizeof r[i].payment_id, e->payment_id);
    copy_field(r[i].outcome, sizeof r[i].outcome,
               cache_outbox_state_name(e->state));
    copy_field(r[i].trace_id, sizeof r[i].trace_id, e->trace_id);
    copy_field(r[i].detail, sizeof r[i].detail,
               e->result ? e->result : e->params_json);
  }
  *rows = r;
  *n = l.count;
  cache_outbox_list_cleanup(&l);
  return APP_OK;
}

enum app_err app_outbox_cancel(struct app *a, int64_t outbox_id,
                               struct app_error *err) {
  struct cache_outbox_entry e = {0};
  enum cache_err ce = cache_outbox_get(a->cache, outbox_id, &e);
  if (ce == CACHE_ERR_NOT_FOUND) {
    app_error_set(err, APP_ERR_NOT_FOUND, "no outbox entry %" PRId64,
                  outbox_id);
    return APP_ERR_NOT_FOUND;
  }
  if (ce != CACHE_OK)
    return app_error_from_cache(err, ce, "outbox");
  enum app_err rc = APP_OK;
  /* An unknown outcome may have happened: ask the server first. */
  if (e.state == CACHE_OUTBOX_UNKNOWN || e.state == CACHE_OUTBOX_SENT) {
    if (a->offline) {
      app_error_set(err, APP_ERR_CONFLICT,
                    "outbox #%" PRId64 " may have reached the server; "
                    "reconcile it online (sync) before cancelling",
                    outbox_id);
      rc = APP_ERR_CONFLICT;
      goto out;
    }
    bool happened = false;
    rc = app_action_reconcile(a, outbox_id, &happened, err);
    if (rc != APP_OK)
      goto out;
    cache_outbox_entry_cleanup(&e);
    ce = cache_outbox_get(a->cache, outbox_id, &e);
    if (ce != CACHE_OK) {
      rc = app_error_from_cache(err, ce, "outbox");
      goto out;
    }
    if (!cache_outbox_state_is_open(e.state)) {
      app_error_set(err, APP_ERR_CONFLICT,
                    "outbox #%" PRId64 " cannot be cancelled: it is %s (%s)",
                    outbox_id, cache_outbox_state_name(e.state),
                    e.result ? e.result : "");
      rc = APP_ERR_CONFLICT;
      goto out;
    }
    /* Not on the server yet, but a request that got no answer may still
     * be running there: a cancelled entry must never turn out to have
     * happened. */
    int64_t age = app_clock_ms(a) - e.updated_at;
    if (age < a->grace_ms) {
      app_error_set(err, APP_ERR_CONFLICT,
                    "outbox #%" PRId64 " may still be running on the server "
                    "(sent %llds ago); it can be cancelled from %llds after "
                    "sending if the server shows it did not happen",
                    outbox_id, (long long)(age / 1000),
                    (long long)(a->grace_ms / 1000));
      rc = APP_ERR_CONFLICT;
      goto out;
    }
    if (e.state == CACHE_OUTBOX_SENT) {
      /* Its sender stopped long ago and the server does not have it. */
      ce = cache_outbox_transition(a->cache, outbox_id, CACHE_OUTBOX_SENT,
                                   CACHE_OUTBOX_UNKNOWN, NULL,
                                   "outcome unknown: the sender stopped");
      if (ce != CACHE_OK) {
        rc = app_error_from_cache(err, ce, "outbox");
        goto out;
      }
    }
  }
  ce = cache_outbox_cancel(a->cache, outbox_id, "cancelled by the user");
  if (ce == CACHE_ERR_STATE) {
    app_error_set(err, APP_ERR_CONFLICT,
                  "outbox #%" PRId64 " cannot be cancelled: it is %s",
                  outbox_id, cache_outbox_state_name(e.state));
    rc = APP_ERR_CONFLICT;
  } else if (ce != CACHE_OK) {
    rc = app_error_from_cache(err, ce, "outbox");
  }
  app_bump(a);
out:
  cache_outbox_entry_cleanup(&e);
  return rc;
}
