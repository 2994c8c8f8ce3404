/*
 * app_actions - actions through the durable outbox.
 *
 * submit: validate locally against what the user saw, then write the intent
 * (fresh idempotency key, the exact body, the status seen) to the outbox in
 * one durable transaction with its "confirmed" activity row. Nothing has
 * been sent yet.
 * run: claim the entry (pending/unknown -> sent, compare-and-set, so two
 * desks never both send it), send it once, and record the outcome:
 *   - answered: succeeded, or failed (a 422 on a payment that is no longer
 *     in the state the user saw is reported as "someone else acted");
 *   - request never left (could not connect): back to... it stays claimable
 *     (sent -> unknown -> reconciled next time, which finds nothing and
 *     resends with the same key);
 *   - answer lost (timeout, dropped connection): unknown. Reconciliation
 *     reads the payment (and its refunds) from the server; only when the
 *     server shows the action did not happen is it resent, with the same
 *     key. A blind retry never happens.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "api/api_actions.h"
#include "api/api_client.h"
#include "api/api_documents.h"
#include "api/api_refunds.h"
#include "app/app_internal.h"
#include "app/app_params.h"
#include "cache/cache_outbox.h"
#include "cache/cache_payments.h"
#include "core/money.h"
#include "core/sanitize.h"
#include "core/timeutil.h"
#include "core/xalloc.h"

#define UPLOAD_MAX_BYTES (20L * 1024 * 1024)

const char *app_content_type(const char *path) {
  static const struct {
    const char *ext, *type;
  } types[] = {
      {".pdf", "application/pdf"}, {".jpg", "image/jpeg"},
      {".jpeg", "image/jpeg"},     {".png", "image/png"},
      {".gif", "image/gif"},       {".webp", "image/webp"},
      {".tif", "image/tiff"},      {".tiff", "image/tiff"},
      {".txt", "text/plain"},      {".csv", "text/csv"},
      {".json", "application/json"}, {".zip", "application/zip"},
      {".doc", "application/msword"},
      {".docx", "application/vnd.openxmlformats-officedocument."
                "wordprocessingml.document"},
  };
  const char *dot = path ? strrchr(path, '.') : NULL;
  if (dot && strchr(dot, '/') == NULL)
    for (size_t i = 0; i < sizeof types / sizeof types[0]; i++)
      if (strcasecmp(dot, types[i].ext) == 0)
        return types[i].type;
  return "application/octet-stream";
}

static const char *const action_names[APP_ACTION_COUNT_] = {
    [APP_ACTION_CAPTURE] = "capture", [APP_ACTION_AUTHORIZE] = "authorize",
    [APP_ACTION_REFUND] = "refund",   [APP_ACTION_ASSIGN] = "assign",
    [APP_ACTION_UPLOAD] = "upload",   [APP_ACTION_APPROVE] = "approve",
    [APP_ACTION_REJECT] = "reject",
};

const char *app_action_name(enum app_action_kind k) {
  return (unsigned)k < APP_ACTION_COUNT_ ? action_names[k] : "?";
}

static bool action_from_name(const char *name, enum app_action_kind *out) {
  for (int i = 0; i < APP_ACTION_COUNT_; i++)
    if (name && strcmp(name, action_names[i]) == 0) {
      *out = (enum app_action_kind)i;
      return true;
    }
  return false;
}

static bool is_doc_type(const char *t) {
  static const char *const types[] = {"kyc", "source_of_funds", "invoice",
                                      "contract", "other"};
  for (size_t i = 0; i < sizeof types / sizeof types[0]; i++)
    if (t && strcmp(t, types[i]) == 0)
      return true;
  return false;
}

bool app_action_allowed(struct app *a, const struct payment *p,
                        enum app_action_kind k, char *why, size_t whylen) {
  const char *st = payment_status_name(p->status);
  enum payment_status s = p->status;
  if (a->read_only) {
    snprintf(why, whylen, "read-only mode: actions are disabled");
    return false;
  }
  if (a->offline) {
    snprintf(why, whylen, "offline: actions need the network");
    return false;
  }
  if (app_offline_why(a, why, whylen))
    return false;
  switch (k) {
  case APP_ACTION_CAPTURE:
    if (s == PAYMENT_STATUS_CREATED || s == PAYMENT_STATUS_AUTHORIZED)
      return true;
    snprintf(why, whylen,
             "only CREATED or AUTHORIZED payments can be captured (this one "
             "is %s)",
             st);
    return false;
  case APP_ACTION_AUTHORIZE:
    if (s == PAYMENT_STATUS_CREATED)
      return true;
    snprintf(why, whylen,
             "only CREATED payments can be authorized (this one is %s)", st);
    return false;
  case APP_ACTION_REFUND:
    if (p->type == PAYMENT_TYPE_REFUND) {
      snprintf(why, whylen, "a refund cannot itself be refunded");
      return false;
    }
    if (s == PAYMENT_STATUS_SETTLED)
      return true;
    snprintf(why, whylen,
             "only SETTLED payments can be refunded (this one is %s)", st);
    return false;
  case APP_ACTION_ASSIGN:
    if (p->type == PAYMENT_TYPE_TOPUP_ACCOUNT &&
        s == PAYMENT_STATUS_CREATED &&
        (p->account_number == NULL || p->account_number[0] == '\0'))
      return true;
    snprintf(why, whylen,
             "only unassigned topups (TOPUP_ACCOUNT, CREATED, no account) "
             "can be assigned");
    return false;
  case APP_ACTION_UPLOAD:
  case APP_ACTION_REJECT:
    if (s == PAYMENT_STATUS_REQUIRES_REVIEW)
      return true;
    snprintf(why, whylen, "the payment is not in review (it is %s)", st);
    return false;
  case APP_ACTION_APPROVE:
    if (s != PAYMENT_STATUS_REQUIRES_REVIEW) {
      snprintf(why, whylen, "the payment is not in review (it is %s)", st);
      return false;
    }
    if (p->documentation_status == NULL ||
        strcmp(p->documentation_status, "UPLOADED") != 0) {
      snprintf(why, whylen,
               "approval needs an uploaded document (documentation is %s); "
               "upload one first",
               p->documentation_status ? p->documentation_status : "missing");
      return false;
    }
    return true;
  case APP_ACTION_COUNT_:
    break;
  }
  snprintf(why, whylen, "unknown action");
  return false;
}

/* Checks specific to each action; fills the body. Returns APP_OK or an
 * error with a precise message. */
static enum app_err build_params(struct app *a, const struct payment *p,
                                 const struct app_action *act,
                                 struct strbuf *params, struct app_error *err) {
  app_params_begin(params);
  switch (act->kind) {
  case APP_ACTION_REFUND: {
    struct refund_summary rs;
    enum app_err rc = app_refund_summary(a, p->id, &rs, err);
    if (rc != APP_OK)
      return rc;
    struct money amount;
    char buf[MONEY_FMT_MAX], maxbuf[MONEY_FMT_MAX];
    money_format(&rs.max_refundable, maxbuf, sizeof maxbuf);
    if (act->amount) {
      enum core_err ce = money_parse(act->amount, p->total.currency, &amount);
      if (ce != CORE_OK) {
        char *clean = sanitize_text(act->amount);
        app_error_set(err, APP_ERR_USAGE,
                      "refund amount \"%s\" is not a valid %s amount: %s",
                      clean, p->total.currency, core_strerror(ce));
        free(clean);
        return APP_ERR_USAGE;
      }
    } else {
      amount = rs.max_refundable;
    }
    if (amount.minor <= 0) {
      app_error_set(err, act->amount ? APP_ERR_USAGE : APP_ERR_CONFLICT,
                    act->amount ? "refund amount must be positive"
                                : "nothing left to refund (maxRefundable %s "
                                  "%s)",
                    maxbuf, rs.max_refundable.currency);
      return err->code;
    }
    int cmp = 0;
    money_cmp(&amount, &rs.max_refundable, &cmp);
    if (cmp > 0) {
      money_format(&amount, buf, sizeof buf);
      app_error_set(err, APP_ERR_USAGE,
                    "refund of %s %s exceeds maxRefundable %s %s", buf,
                    amount.currency, maxbuf, amount.currency);
      return APP_ERR_USAGE;
    }
    money_format(&amount, buf, sizeof buf);
    app_params_add(params, "amount", buf);
    app_params_add(params, "reason", act->reason);
    break;
  }
  case APP_ACTION_ASSIGN: {
    if (act->account_number == NULL || act->account_number[0] == '\0') {
      app_error_set(err, APP_ERR_USAGE, "assign needs an account number");
      return APP_ERR_USAGE;
    }
    app_params_add(params, "accountNumber", act->account_number);
    if (act->expected_amount) {
      struct money m;
      enum core_err ce =
          money_parse(act->expected_amount, p->total.currency, &m);
      if (ce != CORE_OK || m.minor <= 0) {
        char *clean = sanitize_text(act->expected_amount);
        app_error_set(err, APP_ERR_USAGE,
                      "expected amount \"%s\" is not a positive %s amount",
                      clean, p->total.currency);
        free(clean);
        return APP_ERR_USAGE;
      }
      char buf[MONEY_FMT_MAX];
      money_format(&m, buf, sizeof buf);
      app_params_add(params, "expectedAmount", buf);
    }
    break;
  }
  case APP_ACTION_REJECT:
    if (act->reason == NULL || act->reason[0] == '\0') {
      app_error_set(err, APP_ERR_USAGE, "a rejection needs a reason");
      return APP_ERR_USAGE;
    }
    app_params_add(params, "decision", "REJECTED");
    app_params_add(params, "reason", act->reason);
    break;
  case APP_ACTION_APPROVE:
    app_params_add(params, "decision", "APPROVED");
    break;
  case APP_ACTION_UPLOAD: {
    if (!is_doc_type(act->doc_type)) {
      app_error_set(err, APP_ERR_USAGE,
                    "document type must be kyc, source_of_funds, invoice, "
                    "contract or other");
      return APP_ERR_USAGE;
    }
    struct stat st;
    if (act->file_path == NULL || stat(act->file_path, &st) != 0 ||
        !S_ISREG(st.st_mode)) {
      app_error_set(err, APP_ERR_USAGE, "%s: not a readable file",
                    act->file_path ? act->file_path : "(no file)");
      return APP_ERR_USAGE;
    }
    if (st.st_size > UPLOAD_MAX_BYTES) {
      app_error_set(err, APP_ERR_USAGE,
                    "%s is %lld bytes; the limit is 20 MiB", act->file_path,
                    (long long)st.st_size);
      return APP_ERR_USAGE;
    }
    app_params_add(params, "type", act->doc_type);
    app_params_add(params, "file", act->file_path);
    app_params_add(params, "contentType", app_content_type(act->file_path));
    break;
  }
  case APP_ACTION_CAPTURE:
  case APP_ACTION_AUTHORIZE:
  case APP_ACTION_COUNT_:
    break;
  }
  app_params_end(params);
  return APP_OK;
}

/* Remember that this process submitted entry id (it is ours to send). */
static void mark_mine(struct app *a, int64_t id) {
  pthread_mutex_lock(&a->mu);
  a->mine[a->nmine % APP_MINE_MAX] = id;
  a->nmine++;
  pthread_mutex_unlock(&a->mu);
}

static bool is_mine(struct app *a, int64_t id) {
  bool found = false;
  pthread_mutex_lock(&a->mu);
  size_t n = a->nmine < APP_MINE_MAX ? a->nmine : APP_MINE_MAX;
  for (size_t i = 0; i < n && !found; i++)
    found = a->mine[i] == id;
  pthread_mutex_unlock(&a->mu);
  return found;
}

/* A pending entry belongs to the session that submitted it, which sends it
 * at once; another session (a sync, another desk's worker) takes it only
 * when it has been left pending for the grace period (its submitter died
 * before sending). Entries that were sent are always reconciled. */
static bool may_take(struct app *a, const struct cache_outbox_entry *e) {
  if (e->state != CACHE_OUTBOX_PENDING || is_mine(a, e->id))
    return true;
  return app_now_ms() - e->created_at >= a->grace_ms;
}

enum app_err app_action_submit(struct app *a, const struct app_action *act,
                               int64_t *outbox_id, struct app_error *err) {
  struct payment p = {0};
  enum app_err rc = app_payment_get(a, act->payment_id, &p, err);
  if (rc != APP_OK)
    return rc;
  char why[256];
  if (!app_action_allowed(a, &p, act->kind, why, sizeof why)) {
    app_error_set(err, APP_ERR_CONFLICT, "%s: %s", app_action_name(act->kind),
                  why);
    payment_cleanup(&p);
    return APP_ERR_CONFLICT;
  }
  const char *now_status = payment_status_name(p.status);
  if (act->seen_status && strcmp(act->seen_status, now_status) != 0 &&
      !(p.status_raw && strcmp(act->seen_status, p.status_raw) == 0)) {
    app_error_set(err, APP_ERR_CONFLICT,
                  "payment %s changed from %s to %s since you looked; "
                  "nothing was sent",
                  p.id, act->seen_status, now_status);
    payment_cleanup(&p);
    return APP_ERR_CONFLICT;
  }
  struct strbuf params;
  strbuf_init(&params, 64 * 1024);
  rc = build_params(a, &p, act, &params, err);
  if (rc == APP_OK) {
    struct cache_outbox_new n = {
        .action = app_action_name(act->kind),
        .payment_id = p.id,
        .params_json = strbuf_str(&params),
        .seen_status = now_status,
        .detail = strbuf_str(&params),
    };
    enum cache_err ce = cache_outbox_insert(a->cache, &n, outbox_id);
    if (ce == CACHE_ERR_CONFLICT) {
      struct cache_outbox_entry open = {0};
      if (cache_outbox_get_open_for_payment(a->cache, p.id, &open) ==
          CACHE_OK)
        app_error_set(err, APP_ERR_CONFLICT,
                      "payment %s already has an open %s (outbox #%" PRId64
                      ", %s): wait for it, or cancel it with `outbox "
                      "cancel %" PRId64 "`",
                      p.id, open.action, open.id,
                      cache_outbox_state_name(open.state), open.id);
      else
        app_error_set(err, APP_ERR_CONFLICT,
                      "payment %s already has an open action", p.id);
      cache_outbox_entry_cleanup(&open);
      rc = APP_ERR_CONFLICT;
    } else if (ce != CACHE_OK) {
      rc = app_error_from_cache(err, ce, "recording the action");
    } else {
      mark_mine(a, *outbox_id);
      pthread_mutex_lock(&a->mu);
      a->actions_pending = true;
      pthread_cond_broadcast(&a->cv);
      pthread_mutex_unlock(&a->mu);
      app_bump(a);
    }
  }
  strbuf_cleanup(&params);
  payment_cleanup(&p);
  return rc;
}

/* ---- sending and reconciling ---- */

/* Refresh one payment (and, for a parent, its refunds) from the server
 * into the cache. Best effort: errors are returned but callers may ignore
 * them. */
static enum api_err refresh_payment(struct api_client *api,
                                    struct cache *cache, const char *id,
                                    struct payment *out,
                                    struct api_error *ae) {
  struct payment p = {0};
  enum api_err e = api_payment_get(api, id, &p, ae);
  if (e != API_OK)
    return e;
  cache_payments_upsert(cache, &p, 1);
  if (p.status == PAYMENT_STATUS_SETTLED) {
    struct api_payment_refunds r = {0};
    struct api_error ignored;
    api_error_clear(&ignored);
    if (api_payment_refunds_get(api, id, &r, &ignored) == API_OK)
      cache_payments_upsert(cache, r.refunds.items, r.refunds.count);
    api_payment_refunds_cleanup(&r);
  }
  if (out)
    *out = p;
  else
    payment_cleanup(&p);
  return API_OK;
}

/* Did the action of entry e happen on the server? Reads the payment (and
 * its refunds). Returns API_OK with *happened set, or the read's error. */
static enum api_err reconcile(struct api_client *api, struct cache *cache,
                              const struct cache_outbox_entry *e,
                              enum app_action_kind kind, bool *happened,
                              char *summary, size_t slen,
                              struct api_error *ae) {
  struct payment p = {0};
  enum api_err rc = refresh_payment(api, cache, e->payment_id, &p, ae);
  if (rc != API_OK)
    return rc;
  enum payment_status s = p.status, seen =
      payment_status_from_string(e->seen_status);
  *happened = false;
  switch (kind) {
  case APP_ACTION_CAPTURE:
    *happened = s != seen && (s == PAYMENT_STATUS_CAPTURED ||
                              s == PAYMENT_STATUS_REQUIRES_REVIEW ||
                              s == PAYMENT_STATUS_RECEIVED ||
                              s == PAYMENT_STATUS_SETTLED);
    break;
  case APP_ACTION_AUTHORIZE:
    *happened = s != seen && s != PAYMENT_STATUS_CREATED;
    break;
  case APP_ACTION_APPROVE:
    *happened = s == PAYMENT_STATUS_CAPTURED || s == PAYMENT_STATUS_RECEIVED ||
                s == PAYMENT_STATUS_SETTLED;
    break;
  case APP_ACTION_REJECT:
    *happened = s == PAYMENT_STATUS_FAILED;
    break;
  case APP_ACTION_ASSIGN:
    *happened = s != PAYMENT_STATUS_CREATED ||
                (p.account_number && p.account_number[0]);
    break;
  case APP_ACTION_UPLOAD:
    *happened = p.documentation_status &&
                strcmp(p.documentation_status, "PENDING_UPLOAD") != 0;
    break;
  case APP_ACTION_REFUND: {
    /* A refund child of our amount created after the intent was recorded
     * (the platform has no idempotency keys: amount and time identify
     * it; a match from another desk errs on the side of not refunding
     * twice). */
    char *amount = app_params_get(e->params_json, "amount");
    struct api_payment_refunds r = {0};
    rc = api_payment_refunds_get(api, e->payment_id, &r, ae);
    if (rc == API_OK && amount) {
      struct money want;
      if (money_parse(amount, p.total.currency, &want) == CORE_OK) {
        for (size_t i = 0; i < r.refunds.count; i++) {
          const struct payment *c = &r.refunds.items[i];
          if (c->total.minor == want.minor &&
              c->created_at >= e->created_at - 5 * 60 * 1000) {
            *happened = true;
            snprintf(summary, slen, "refund %s of %s %s exists (%s)", c->id,
                     amount, c->total.currency, payment_status_name(c->status));
            break;
          }
        }
      }
      cache_payments_upsert(cache, r.refunds.items, r.refunds.count);
    }
    api_payment_refunds_cleanup(&r);
    free(amount);
    break;
  }
  case APP_ACTION_COUNT_:
    break;
  }
  if (*happened && summary[0] == '\0')
    snprintf(summary, slen, "payment %s is now %s", p.id,
             payment_status_name(s));
  payment_cleanup(&p);
  return rc;
}

static int upload_progress(void *ud, int64_t sent, int64_t total) {
  struct app *a = ud;
  pthread_mutex_lock(&a->mu);
  a->st.uploading = true;
  a->st.upload_sent = sent;
  a->st.upload_total = total;
  pthread_mutex_unlock(&a->mu);
  app_bump(a);
  return 0;
}

/* Send the action once. On API_OK, summary describes the result. */
static enum api_err send_action(struct app *a, struct api_client *api,
                                const struct cache_outbox_entry *e,
                                enum app_action_kind kind, const char *currency,
                                char *summary, size_t slen,
                                struct api_error *ae) {
  const char *id = e->payment_id, *key = e->idempotency_key;
  enum api_err rc = API_OK;
  char *reason = app_params_get(e->params_json, "reason");
  char *amount = app_params_get(e->params_json, "amount");
  char *account = app_params_get(e->params_json, "accountNumber");
  char *expected = app_params_get(e->params_json, "expectedAmount");
  char *type = app_params_get(e->params_json, "type");
  char *file = app_params_get(e->params_json, "file");
  struct payment p = {0};
  switch (kind) {
  case APP_ACTION_CAPTURE:
    rc = api_payment_capture(api, id, key, &p, ae);
    break;
  case APP_ACTION_AUTHORIZE:
    rc = api_payment_authorize(api, id, key, &p, ae);
    break;
  case APP_ACTION_APPROVE:
    rc = api_payment_resolve_review(api, id, API_REVIEW_APPROVE, NULL, key, &p,
                                    ae);
    break;
  case APP_ACTION_REJECT:
    rc = api_payment_resolve_review(api, id, API_REVIEW_REJECT, reason, key,
                                    &p, ae);
    break;
  case APP_ACTION_REFUND: {
    struct money m;
    struct api_refund_result r = {0};
    if (amount == NULL || money_parse(amount, currency, &m) != CORE_OK) {
      api_error_set(ae, API_ERR_PARSE, "outbox entry has no valid amount");
      rc = API_ERR_PARSE;
      break;
    }
    rc = api_refund_create(api, id, &m, reason, key, &r, ae);
    if (rc == API_OK)
      snprintf(summary, slen, "refund %s created: %s %s, %s",
               r.refund_id ? r.refund_id : "?", amount, m.currency,
               r.status_raw ? r.status_raw : payment_status_name(r.status));
    api_refund_result_cleanup(&r);
    break;
  }
  case APP_ACTION_ASSIGN: {
    struct money m;
    bool has_expected =
        expected && money_parse(expected, currency, &m) == CORE_OK;
    struct api_assign_result r = {0};
    rc = api_payment_assign(api, id, account, has_expected ? &m : NULL, key,
                            &r, ae);
    if (rc == API_OK)
      snprintf(summary, slen, "assigned to %s: %s, %s%s%s", account,
               r.status_raw ? r.status_raw : payment_status_name(r.status),
               r.reconciliation_status ? r.reconciliation_status : "PAID",
               r.child_payment_id ? ", companion payment " : "",
               r.child_payment_id ? r.child_payment_id : "");
    api_assign_result_cleanup(&r);
    break;
  }
  case APP_ACTION_UPLOAD: {
    char *ctype = app_params_get(e->params_json, "contentType");
    struct api_document_result dr = {0};
    rc = api_document_upload_file(api, id, type, file, ctype, upload_progress,
                                  a, key, &dr, ae);
    pthread_mutex_lock(&a->mu);
    a->st.uploading = false;
    pthread_mutex_unlock(&a->mu);
    if (rc == API_OK)
      snprintf(summary, slen, "%s document uploaded for %s (documentation %s)",
               type, id,
               dr.documentation_status ? dr.documentation_status : "?");
    api_document_result_cleanup(&dr);
    free(ctype);
    break;
  }
  case APP_ACTION_COUNT_:
    break;
  }
  if (rc == API_OK && summary[0] == '\0')
    snprintf(summary, slen, "%s %s: now %s", action_names[kind], id,
             p.status_raw ? p.status_raw : payment_status_name(p.status));
  payment_cleanup(&p);
  free(reason);
  free(amount);
  free(account);
  free(expected);
  free(type);
  free(file);
  return rc;
}

/* Run one entry with the given client and cache. */
static enum app_err run_entry(struct app *a, struct api_client *api,
                              struct cache *cache, int64_t id,
                              struct app_error *err) {
  struct cache_outbox_entry e = {0};
  enum cache_err ce = cache_outbox_get(cache, id, &e);
  if (ce != CACHE_OK)
    return app_error_from_cache(err, ce, "outbox entry");
  enum app_err rc = APP_OK;
  enum app_action_kind kind;
  char summary[256] = "";
  struct api_error ae;
  api_error_clear(&ae);
  if (!action_from_name(e.action, &kind)) {
    app_error_set(err, APP_ERR_DATA, "outbox #%" PRId64 ": unknown action",
                  id);
    rc = APP_ERR_DATA;
    goto out;
  }
  if (!cache_outbox_state_is_open(e.state)) {
    app_error_set(err, APP_OK, "outbox #%" PRId64 " is already %s: %s", id,
                  cache_outbox_state_name(e.state),
                  e.result ? e.result : "");
    rc = e.state == CACHE_OUTBOX_SUCCEEDED ? APP_OK : APP_ERR_CONFLICT;
    goto out;
  }

  /* An entry that was sent (by this or another session) or whose answer
   * was lost: find out what the server did before anything else. If it
   * did not happen, the request may still be running on the server (a
   * slow server, or a sender that is alive in another session): it is
   * resent only once the grace period since its send has passed. */
  if (e.state == CACHE_OUTBOX_SENT || e.state == CACHE_OUTBOX_UNKNOWN) {
    bool happened = false;
    if (reconcile(api, cache, &e, kind, &happened, summary, sizeof summary,
                  &ae) != API_OK) {
      rc = app_error_from_api(err, &ae, "reconciling (outcome still unknown)");
      goto out;
    }
    if (happened) {
      ce = cache_outbox_transition(cache, id, e.state, CACHE_OUTBOX_SUCCEEDED,
                                   NULL, summary);
      if (ce != CACHE_OK && ce != CACHE_ERR_STATE) {
        rc = app_error_from_cache(err, ce, "outbox");
        goto out;
      }
      app_error_set(err, APP_OK, "%s (reconciled)", summary);
      goto out;
    }
    int64_t age = app_now_ms() - e.updated_at;
    if (age < a->grace_ms) {
      app_error_set(err, APP_ERR_NETWORK,
                    "%s %s: outcome unknown, the request may still be "
                    "running on the server (sent %llds ago); outbox #%" PRId64
                    " is resent only if the server shows it did not happen, "
                    "%llds after sending",
                    action_names[kind], e.payment_id,
                    (long long)(age / 1000), id,
                    (long long)(a->grace_ms / 1000));
      rc = APP_ERR_NETWORK;
      goto out;
    }
    if (e.state == CACHE_OUTBOX_SENT) {
      ce = cache_outbox_transition(cache, id, CACHE_OUTBOX_SENT,
                                   CACHE_OUTBOX_UNKNOWN, NULL,
                                   "outcome unknown: the sender stopped");
      if (ce != CACHE_OK) {
        rc = app_error_from_cache(err, ce, "outbox");
        goto out;
      }
      e.state = CACHE_OUTBOX_UNKNOWN;
    }
    summary[0] = '\0';
  }

  /* Claim it: only one sender wins. */
  ce = cache_outbox_transition(cache, id, e.state, CACHE_OUTBOX_SENT, NULL,
                               NULL);
  if (ce == CACHE_ERR_STATE) {
    app_error_set(err, APP_ERR_CONFLICT,
                  "outbox #%" PRId64 " is being sent by another desk", id);
    rc = APP_ERR_CONFLICT;
    goto out;
  }
  if (ce != CACHE_OK) {
    rc = app_error_from_cache(err, ce, "outbox");
    goto out;
  }

  struct payment cached = {0};
  char currency[8] = "";
  if (cache_payment_get(cache, e.payment_id, &cached) == CACHE_OK)
    snprintf(currency, sizeof currency, "%s", cached.total.currency);
  payment_cleanup(&cached);

  enum api_err sent =
      send_action(a, api, &e, kind, currency, summary, sizeof summary, &ae);
  if (sent == API_OK) {
    char line[400];
    if (ae.trace_id[0])
      snprintf(line, sizeof line, "%s [trace %s]", summary, ae.trace_id);
    else
      snprintf(line, sizeof line, "%s", summary);
    cache_outbox_transition(cache, id, CACHE_OUTBOX_SENT,
                            CACHE_OUTBOX_SUCCEEDED, ae.trace_id, summary);
    struct api_error ignored;
    api_error_clear(&ignored);
    refresh_payment(api, cache, e.payment_id, NULL, &ignored);
    app_error_set(err, APP_OK, "%s", line);
    goto out;
  }
  char line[400];
  api_error_format(&ae, line, sizeof line);
  if (sent == API_ERR_UNKNOWN_OUTCOME || sent == API_ERR_NETWORK ||
      sent == API_ERR_TIMEOUT || sent == API_ERR_SERVER) {
    /* Whether the request got through is not known: record it, then try
     * to find out right away. When the server answered (5xx, a cut body)
     * it has finished with the request, so what it shows now is final and
     * an action it did not apply may be resent at once, with the same key.
     * When no answer came at all, it may still be running: leave it for
     * the grace period (see above) rather than risk a second refund. */
    bool answered = ae.http_status != 0;
    cache_outbox_transition(cache, id, CACHE_OUTBOX_SENT, CACHE_OUTBOX_UNKNOWN,
                            ae.trace_id, line);
    bool happened = false;
    struct api_error re;
    api_error_clear(&re);
    summary[0] = '\0';
    if (reconcile(api, cache, &e, kind, &happened, summary, sizeof summary,
                  &re) == API_OK) {
      if (happened) {
        cache_outbox_transition(cache, id, CACHE_OUTBOX_UNKNOWN,
                                CACHE_OUTBOX_SUCCEEDED, NULL, summary);
        app_error_set(err, APP_OK, "%s (confirmed after a lost answer)",
                      summary);
        goto out;
      }
      ce = answered ? cache_outbox_transition(cache, id, CACHE_OUTBOX_UNKNOWN,
                                              CACHE_OUTBOX_SENT, NULL, NULL)
                    : CACHE_ERR_STATE;
      if (ce == CACHE_OK) {
        api_error_clear(&ae);
        summary[0] = '\0';
        sent = send_action(a, api, &e, kind, currency, summary, sizeof summary,
                           &ae);
        if (sent == API_OK) {
          cache_outbox_transition(cache, id, CACHE_OUTBOX_SENT,
                                  CACHE_OUTBOX_SUCCEEDED, ae.trace_id,
                                  summary);
          struct api_error ignored;
          api_error_clear(&ignored);
          refresh_payment(api, cache, e.payment_id, NULL, &ignored);
          app_error_set(err, APP_OK, "%s", summary);
          goto out;
        }
        api_error_format(&ae, line, sizeof line);
        if (sent == API_ERR_UNKNOWN_OUTCOME || sent == API_ERR_NETWORK ||
            sent == API_ERR_TIMEOUT || sent == API_ERR_SERVER) {
          cache_outbox_transition(cache, id, CACHE_OUTBOX_SENT,
                                  CACHE_OUTBOX_UNKNOWN, ae.trace_id, line);
        } else {
          cache_outbox_transition(cache, id, CACHE_OUTBOX_SENT,
                                  CACHE_OUTBOX_FAILED, ae.trace_id, line);
          rc = app_error_from_api(err, &ae, action_names[kind]);
          goto out;
        }
      }
    }
    app_error_set(err, APP_ERR_NETWORK,
                  "%s %s: outcome unknown (%s); outbox #%" PRId64
                  " will be reconciled with the server, and resent only if "
                  "it did not happen, from %llds after sending",
                  action_names[kind], e.payment_id, line, id,
                  (long long)(a->grace_ms / 1000));
    rc = APP_ERR_NETWORK;
    goto out;
  }
  /* The API answered no. */
  cache_outbox_transition(cache, id, CACHE_OUTBOX_SENT, CACHE_OUTBOX_FAILED,
                          ae.trace_id, line);
  rc = app_error_from_api(err, &ae, action_names[kind]);
  if (ae.http_status == 422 || ae.http_status == 409) {
    struct payment now = {0};
    struct api_error re;
    api_error_clear(&re);
    bool refreshed =
        refresh_payment(api, cache, e.payment_id, &now, &re) == API_OK;
    if (refreshed && kind == APP_ACTION_REFUND &&
        now.status == PAYMENT_STATUS_SETTLED) {
      /* Still SETTLED: another refund may have used up the balance. */
      struct refund_summary rs;
      char *amount = app_params_get(e.params_json, "amount");
      struct money want;
      if (amount && cache_refund_summary(cache, e.payment_id, &rs) == CACHE_OK &&
          money_parse(amount, rs.max_refundable.currency, &want) == CORE_OK &&
          want.minor > rs.max_refundable.minor) {
        char maxbuf[MONEY_FMT_MAX];
        money_format(&rs.max_refundable, maxbuf, sizeof maxbuf);
        app_error_set(err, APP_ERR_CONFLICT,
                      "refund %s: another refund was made meanwhile; "
                      "maxRefundable is now %s %s, less than %s; nothing "
                      "was refunded [trace %s]",
                      e.payment_id, maxbuf, rs.max_refundable.currency,
                      amount, ae.trace_id[0] ? ae.trace_id : "-");
        rc = APP_ERR_CONFLICT;
      }
      free(amount);
    } else if (refreshed && e.seen_status &&
               strcmp(payment_status_name(now.status), e.seen_status) != 0) {
      app_error_set(err, APP_ERR_CONFLICT,
                    "%s %s: someone else already acted: the payment is now "
                    "%s (you saw %s); nothing was done [trace %s]",
                    action_names[kind], e.payment_id,
                    payment_status_name(now.status), e.seen_status,
                    ae.trace_id[0] ? ae.trace_id : "-");
      rc = APP_ERR_CONFLICT;
    }
    payment_cleanup(&now);
  }
out:
  cache_outbox_entry_cleanup(&e);
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
  enum app_action_kind kind;
  char summary[256] = "";
  struct api_error ae;
  api_error_clear(&ae);
  if (!action_from_name(e.action, &kind)) {
    app_error_set(err, APP_ERR_DATA, "outbox #%" PRId64 ": unknown action",
                  outbox_id);
    rc = APP_ERR_DATA;
    goto out;
  }
  if (e.state != CACHE_OUTBOX_SENT && e.state != CACHE_OUTBOX_UNKNOWN)
    goto out; /* pending: never sent; closed: nothing to find out */
  if (reconcile(api, a->cache, &e, kind, happened, summary, sizeof summary,
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
    if (!may_take(a, &l.items[i]))
      continue;
    if (run_entry(a, api, cache, l.items[i].id, &err) != APP_OK)
      app_status_set_result(a, !err.unreachable, 0, err.msg);
  }
  cache_outbox_list_cleanup(&l);
}

/* Open entries are reconciled/sent by a CLI sync too, so an action whose
 * process died is never left dangling. */
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
    if (!may_take(a, &l.items[i]))
      continue;
    enum app_err rc = run_entry(a, api, cache, l.items[i].id, &e);
    if (rc != APP_OK && worst == APP_OK) {
      worst = rc;
      *err = e;
    }
  }
  cache_outbox_list_cleanup(&l);
  return worst;
}
