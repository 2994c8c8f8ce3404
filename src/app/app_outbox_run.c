/*
 * app_outbox_run - the thin loop around outbox_decide(): it gathers the
 * facts about one entry, asks for a decision, does the one piece of I/O
 * the decision names (read the server, send, write the outcome, every
 * cache write checked), updates the facts and asks again until the
 * decision is final. The rules themselves live in outbox_decide.c.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/app_internal.h"
#include "app/outbox_decide.h"
#include "cache/cache_outbox.h"
#include "cache/cache_payments.h"
#include "core/action.h"
#include "core/money.h"

/* One entry being worked on. */
struct run {
  struct app *a;
  struct api_client *api;
  struct cache *cache;
  struct cache_outbox_entry e;
  enum cache_outbox_state st; /* as stored now */
  struct ob_facts f;
  struct api_error ae; /* of the last send */
  char summary[256];
  char line[400]; /* the last send's error, one line */
  struct app_error *err;
};

static enum ob_state ob_state_of(enum cache_outbox_state s) {
  switch (s) {
  case CACHE_OUTBOX_PENDING:
    return OB_PENDING;
  case CACHE_OUTBOX_SENT:
    return OB_SENT;
  case CACHE_OUTBOX_UNKNOWN:
    return OB_UNKNOWN;
  default:
    return OB_CLOSED;
  }
}

/* What a send's answer means for the outbox. */
static enum ob_send classify(enum api_err rc, const struct api_error *ae) {
  if (rc == API_OK)
    return OB_SEND_OK;
  if (rc == API_ERR_UNSUPPORTED)
    return OB_SEND_UNSUPPORTED;
  if (api_error_is_2xx(ae))
    return OB_SEND_2XX_UNREAD; /* the server did something */
  if (rc == API_ERR_UNKNOWN_OUTCOME || rc == API_ERR_NETWORK ||
      rc == API_ERR_TIMEOUT || rc == API_ERR_SERVER)
    return ae->http_status != 0 ? OB_SEND_ERROR_ANSWER : OB_SEND_NO_ANSWER;
  return OB_SEND_REFUSED;
}

/* Move the stored state to `to`; CACHE_ERR_STATE is returned as is. */
static enum cache_err move(struct run *r, enum cache_outbox_state to,
                           const char *trace, const char *result) {
  enum cache_err ce =
      cache_outbox_transition(r->cache, r->e.id, r->st, to, trace, result);
  if (ce == CACHE_OK)
    r->st = to;
  return ce;
}

static enum app_err cache_fail(struct run *r, enum cache_err ce) {
  return app_error_from_cache(r->err, ce, "recording the outbox outcome");
}

static void do_reconcile(struct run *r) {
  bool happened = false;
  struct api_error re;
  api_error_clear(&re);
  r->summary[0] = '\0';
  if (app_outbox_reconcile(r->api, r->cache, &r->e, &happened, r->summary,
                           sizeof r->summary, &re) != API_OK) {
    r->f.recon = OB_RECON_ERROR;
    api_error_format(&re, r->line, sizeof r->line);
    return;
  }
  r->f.recon = happened ? OB_RECON_HAPPENED : OB_RECON_NOT_HAPPENED;
}

/* Claim the entry (-> sent) and send it once. Returns APP_OK to go on. */
static enum app_err do_send(struct run *r, bool resend) {
  enum cache_err ce = CACHE_OK;
  if (r->st == CACHE_OUTBOX_SENT) /* its sender stopped long ago */
    ce = move(r, CACHE_OUTBOX_UNKNOWN, NULL,
              "outcome unknown: the sender stopped");
  if (ce == CACHE_OK)
    ce = move(r, CACHE_OUTBOX_SENT, NULL, NULL);
  if (ce == CACHE_ERR_STATE) {
    app_error_set(r->err, APP_ERR_CONFLICT,
                  "outbox #%" PRId64 " is being sent by another desk", r->e.id);
    return APP_ERR_CONFLICT;
  }
  if (ce != CACHE_OK)
    return cache_fail(r, ce);
  api_error_clear(&r->ae);
  enum api_err rc = app_outbox_send(r->a, r->api, r->cache, &r->e, r->summary,
                                    sizeof r->summary, &r->ae);
  r->f.send = classify(rc, &r->ae);
  r->f.state = OB_SENT;
  r->f.recon = OB_RECON_NONE;
  r->f.resent = r->f.resent || resend;
  api_error_format(&r->ae, r->line, sizeof r->line);
  if (r->f.send == OB_SEND_2XX_UNREAD && !r->f.had_2xx) {
    ce = cache_outbox_note_2xx(r->cache, r->e.id);
    if (ce != CACHE_OK)
      return cache_fail(r, ce);
    r->f.had_2xx = true;
  }
  return APP_OK;
}

static enum app_err do_succeed(struct run *r) {
  bool sent_ok = r->f.send == OB_SEND_OK;
  const char *trace = sent_ok && r->ae.trace_id[0] ? r->ae.trace_id : NULL;
  enum cache_err ce = move(r, CACHE_OUTBOX_SUCCEEDED, trace, r->summary);
  if (ce != CACHE_OK && ce != CACHE_ERR_STATE) /* STATE: another desk did */
    return cache_fail(r, ce);
  if (sent_ok) {
    struct api_error ignored;
    api_error_clear(&ignored);
    (void)app_outbox_refresh(r->api, r->cache, r->e.payment_id, NULL,
                             &ignored); /* a view; the outcome is recorded */
    if (trace)
      app_error_set(r->err, APP_OK, "%s [trace %s]", r->summary, trace);
    else
      app_error_set(r->err, APP_OK, "%s", r->summary);
  } else {
    app_error_set(r->err, APP_OK, "%s (%s)", r->summary,
                  r->f.send == OB_SEND_NONE ? "reconciled"
                                            : "confirmed after a lost answer");
  }
  return APP_OK;
}

/* A 422/409: explain when someone else acted or the balance went. */
static void explain_refusal(struct run *r) {
  struct payment now = {0};
  struct api_error re;
  api_error_clear(&re);
  if (app_outbox_refresh(r->api, r->cache, r->e.payment_id, &now, &re) !=
      API_OK)
    return;
  const char *trace = r->ae.trace_id[0] ? r->ae.trace_id : "-";
  struct refund_summary rs;
  if (strcmp(r->e.action, "refund") == 0 &&
      now.status == PAYMENT_STATUS_SETTLED) {
    if (cache_refund_summary(r->cache, r->e.payment_id, &rs) == CACHE_OK &&
        r->e.amount_minor > rs.max_refundable.minor) {
      char maxbuf[MONEY_FMT_MAX], want[MONEY_FMT_MAX];
      struct money w = rs.max_refundable;
      w.minor = r->e.amount_minor;
      money_format(&rs.max_refundable, maxbuf, sizeof maxbuf);
      money_format(&w, want, sizeof want);
      app_error_set(r->err, APP_ERR_CONFLICT,
                    "refund %s: another refund was made meanwhile; "
                    "maxRefundable is now %s %s, less than %s; nothing was "
                    "refunded [trace %s]",
                    r->e.payment_id, maxbuf, rs.max_refundable.currency, want,
                    trace);
    }
  } else if (r->e.seen_status &&
             strcmp(payment_status_name(now.status), r->e.seen_status) != 0) {
    app_error_set(r->err, APP_ERR_CONFLICT,
                  "%s %s: someone else already acted: the payment is now %s "
                  "(you saw %s); nothing was done [trace %s]",
                  r->e.action, r->e.payment_id, payment_status_name(now.status),
                  r->e.seen_status, trace);
  }
  payment_cleanup(&now);
}

static enum app_err do_fail(struct run *r, bool unsupported) {
  enum cache_err ce = move(r, CACHE_OUTBOX_FAILED,
                           r->ae.trace_id[0] ? r->ae.trace_id : NULL, r->line);
  if (ce != CACHE_OK)
    return cache_fail(r, ce);
  if (unsupported) {
    app_error_set(r->err, APP_ERR_REJECTED, "%s %s: %s; nothing was done",
                  r->e.action, r->e.payment_id, r->ae.detail);
    return APP_ERR_REJECTED;
  }
  enum app_err rc = app_error_from_api(r->err, &r->ae, r->e.action);
  if (r->ae.http_status == 422 || r->ae.http_status == 409) {
    explain_refusal(r);
    rc = r->err->code;
  }
  return rc;
}

/* Left open: say why, and when it will be looked at again. */
static enum app_err report_open(struct run *r) {
  const char *name = r->e.action;
  long long grace_s = (long long)(r->a->grace_ms / 1000);
  if (r->f.had_2xx)
    app_error_set(r->err, APP_ERR_NETWORK,
                  "%s %s: outcome unknown: the server answered but not with "
                  "the expected result (%s); outbox #%" PRId64 " is never "
                  "resent; it closes when the server shows the outcome, or "
                  "with `outbox cancel %" PRId64 "`",
                  name, r->e.payment_id, r->line, r->e.id, r->e.id);
  else if (r->f.send == OB_SEND_NONE && r->f.recon == OB_RECON_NOT_HAPPENED)
    app_error_set(r->err, APP_ERR_NETWORK,
                  "%s %s: outcome unknown, the request may still be running "
                  "on the server (sent %llds ago); outbox #%" PRId64
                  " is resent only if the server shows it did not happen, "
                  "%llds after sending",
                  name, r->e.payment_id,
                  (long long)((app_clock_ms(r->a) - r->e.updated_at) / 1000),
                  r->e.id, grace_s);
  else
    app_error_set(r->err, APP_ERR_NETWORK,
                  "%s %s: outcome unknown (%s); outbox #%" PRId64
                  " will be reconciled with the server, and resent only if "
                  "it did not happen, from %llds after sending",
                  name, r->e.payment_id,
                  r->f.recon == OB_RECON_ERROR ? "reconciling failed" : r->line,
                  r->e.id, grace_s);
  return APP_ERR_NETWORK;
}

static enum app_err report_closed(struct run *r) {
  app_error_set(r->err, APP_OK, "outbox #%" PRId64 " is already %s: %s",
                r->e.id, cache_outbox_state_name(r->e.state),
                r->e.result ? r->e.result : "");
  return r->e.state == CACHE_OUTBOX_SUCCEEDED ? APP_OK : APP_ERR_CONFLICT;
}

/* Steps until a final decision; at most two sends per pass. */
static enum app_err run_steps(struct run *r) {
  for (int step = 0; step < 16; step++) {
    enum app_err rc = APP_OK;
    enum ob_decision d = outbox_decide(&r->f);
    switch (d) {
    case OB_SKIP:
      app_error_set(r->err, APP_OK,
                    "outbox #%" PRId64 " belongs to another "
                    "session for now",
                    r->e.id);
      return APP_OK;
    case OB_REPORT_CLOSED:
      return report_closed(r);
    case OB_RECONCILE:
      do_reconcile(r);
      continue;
    case OB_SEND:
    case OB_RESEND:
      rc = do_send(r, d == OB_RESEND);
      if (rc != APP_OK)
        return rc;
      continue;
    case OB_KEEP_UNKNOWN: {
      enum cache_err ce =
          move(r, CACHE_OUTBOX_UNKNOWN,
               r->ae.trace_id[0] ? r->ae.trace_id : NULL, r->line);
      if (ce != CACHE_OK)
        return cache_fail(r, ce);
      r->f.state = OB_UNKNOWN;
      continue;
    }
    case OB_SUCCEED:
      return do_succeed(r);
    case OB_FAIL:
    case OB_UNSUPPORTED:
      return do_fail(r, d == OB_UNSUPPORTED);
    case OB_WAIT:
    case OB_DECISION_COUNT_:
      return report_open(r);
    }
  }
  return report_open(r);
}

/* Run one entry with the given client and cache. */
static enum app_err run_entry(struct app *a, struct api_client *api,
                              struct cache *cache, int64_t id,
                              struct app_error *err) {
  struct run r = {.a = a, .api = api, .cache = cache, .err = err};
  enum cache_err ce = cache_outbox_get(cache, id, &r.e);
  if (ce != CACHE_OK)
    return app_error_from_cache(err, ce, "outbox entry");
  enum action_kind kind;
  enum app_err rc;
  if (!action_from_name(r.e.action, &kind)) {
    app_error_set(err, APP_ERR_DATA, "outbox #%" PRId64 ": unknown action", id);
    rc = APP_ERR_DATA;
  } else {
    r.st = r.e.state;
    r.f.state = ob_state_of(r.e.state);
    r.f.mine = app_outbox_is_mine(a, id);
    int64_t since =
        r.e.state == CACHE_OUTBOX_PENDING ? r.e.created_at : r.e.updated_at;
    r.f.past_grace = app_clock_ms(a) - since >= a->grace_ms;
    r.f.had_2xx = r.e.had_2xx;
    rc = run_steps(&r);
  }
  cache_outbox_entry_cleanup(&r.e);
  app_bump(a);
  return rc;
}

enum app_err app_action_reconcile(struct app *a, int64_t outbox_id,
                                  bool *happened, struct app_error *err) {
  *happened = false;
  struct api_client *api = NULL;
  enum app_err rc = app_api(a, &api, err);
  if (rc != APP_OK)
    return rc;
  struct cache_outbox_entry e = {0};
  enum cache_err ce = cache_outbox_get(a->cache, outbox_id, &e);
  if (ce != CACHE_OK)
    return app_error_from_cache(err, ce, "outbox entry");
  char summary[256] = "";
  struct api_error ae;
  api_error_clear(&ae);
  if (e.state != CACHE_OUTBOX_SENT && e.state != CACHE_OUTBOX_UNKNOWN)
    goto out; /* pending: never sent; closed: nothing to find out */
  if (app_outbox_reconcile(api, a->cache, &e, happened, summary, sizeof summary,
                           &ae) != API_OK) {
    rc = app_error_from_api(err, &ae, "reconciling (outcome still unknown)");
    goto out;
  }
  if (*happened) {
    ce = cache_outbox_transition(a->cache, outbox_id, e.state,
                                 CACHE_OUTBOX_SUCCEEDED, NULL, summary);
    if (ce != CACHE_OK && ce != CACHE_ERR_STATE)
      rc = app_error_from_cache(err, ce, "outbox");
    else
      app_error_set(err, APP_OK, "%s", summary);
  }
out:
  cache_outbox_entry_cleanup(&e);
  app_bump(a);
  return rc;
}

enum app_err app_action_run(struct app *a, int64_t outbox_id,
                            struct app_error *err) {
  struct api_client *api = NULL;
  enum app_err rc = app_api(a, &api, err);
  if (rc != APP_OK)
    return rc;
  return run_entry(a, api, a->cache, outbox_id, err);
}

bool app_worker_has_work(struct app *a) {
  return a->actions_pending;
}

/* Every open entry, oldest first; returns the first problem met. */
enum app_err app_run_open_actions(struct app *a, struct api_client *api,
                                  struct cache *cache, struct app_error *err) {
  struct cache_outbox_list l = {0};
  enum cache_err ce = cache_outbox_list(cache, true, 0, &l);
  if (ce != CACHE_OK) {
    cache_outbox_list_cleanup(&l);
    return app_error_from_cache(err, ce, "outbox");
  }
  enum app_err worst = APP_OK;
  for (size_t i = 0; i < l.count; i++) {
    struct app_error e = {0};
    enum app_err rc = run_entry(a, api, cache, l.items[i].id, &e);
    if (rc != APP_OK && worst == APP_OK) {
      worst = rc;
      *err = e;
    }
  }
  cache_outbox_list_cleanup(&l);
  return worst;
}

void app_worker_run_actions(struct app *a, struct api_client *api,
                            struct cache *cache) {
  pthread_mutex_lock(&a->mu);
  a->actions_pending = false;
  pthread_mutex_unlock(&a->mu);
  struct cache_outbox_list l = {0};
  if (cache_outbox_list(cache, true, 0, &l) != CACHE_OK) {
    cache_outbox_list_cleanup(&l);
    return;
  }
  for (size_t i = 0; i < l.count; i++) {
    struct app_error err = {0};
    if (run_entry(a, api, cache, l.items[i].id, &err) != APP_OK)
      app_status_set_result(a, !err.unreachable, 0, err.msg);
  }
  cache_outbox_list_cleanup(&l);
}
