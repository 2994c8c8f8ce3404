/*
 * app_outbox_io - the I/O the outbox loop asks for: send one entry (from
 * its typed columns), read the server to learn whether it happened, and
 * remember which optional endpoints the server offers.
 *
 * Review resolution has three documented forms (conomy-api.md,
 * "Resolution"): POST .../resolve-review, POST .../resolveReview, or no
 * endpoint at all (conomy resolves). The spellings are tried in order; the
 * first the server offers is remembered in the cache's meta table under
 * cap.review_resolution (the cache is per profile), and "none" once
 * neither exists, after which approve/reject are not offered.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/api_actions.h"
#include "api/api_documents.h"
#include "api/api_refunds.h"
#include "app/app_internal.h"
#include "cache/cache_outbox.h"
#include "cache/cache_payments.h"
#include "core/action.h"
#include "core/money.h"

#define CAP_REVIEW_KEY "cap.review_resolution"

const char app_review_by_conomy[] =
    "review is resolved by conomy; upload the documents and wait for the "
    "webhook";

#define SERVER_MAX_KEY "refund.server_max."

/* Remember the server's maxRefundable ("<minor> <currency>"). */
static void store_server_max(struct cache *cache, const char *id,
                             const struct api_payment_refunds *r) {
  if (!r->has_summary || !r->summary.max_refundable.currency[0])
    return;
  char key[96], val[64];
  snprintf(key, sizeof key, SERVER_MAX_KEY "%s", id);
  snprintf(val, sizeof val, "%" PRId64 " %s", r->summary.max_refundable.minor,
           r->summary.max_refundable.currency);
  (void)cache_meta_set(cache, key, val); /* a hint; the cache has children */
}

bool app_refund_server_max(struct cache *cache, const char *parent_id,
                           struct money *out) {
  char key[96], *v = NULL;
  snprintf(key, sizeof key, SERVER_MAX_KEY "%s", parent_id);
  bool ok = false;
  if (cache_meta_get(cache, key, &v) == CACHE_OK && v) {
    long long minor = 0;
    char cur[8] = "";
    memset(out, 0, sizeof *out);
    if (sscanf(v, "%lld %7s", &minor, cur) == 2) {
      out->minor = minor;
      snprintf(out->currency, sizeof out->currency, "%s", cur);
      ok = true;
    }
  }
  free(v);
  return ok;
}

enum api_err app_outbox_refresh(struct api_client *api, struct cache *cache,
                                const char *id, struct payment *out,
                                struct api_error *ae) {
  struct payment p = {0};
  enum api_err e = api_payment_get(api, id, &p, ae);
  if (e != API_OK)
    return e;
  (void)cache_payments_upsert(cache, &p, 1); /* best effort: a view */
  if (p.status == PAYMENT_STATUS_SETTLED) {
    struct api_payment_refunds r = {0};
    struct api_error ignored;
    api_error_clear(&ignored);
    if (api_payment_refunds_get(api, id, &r, &ignored) == API_OK) {
      (void)cache_payments_upsert(cache, r.refunds.items, r.refunds.count);
      store_server_max(cache, id, &r);
    }
    api_payment_refunds_cleanup(&r);
  }
  if (out)
    *out = p;
  else
    payment_cleanup(&p);
  return API_OK;
}

/* A refund child of the entry's amount created after the intent was
 * recorded (the platform may have no idempotency keys: amount and time
 * identify it; a match from another desk errs on the side of not
 * refunding twice). */
static enum api_err refund_happened(struct api_client *api, struct cache *cache,
                                    const struct cache_outbox_entry *e,
                                    bool *happened, char *summary, size_t slen,
                                    struct api_error *ae) {
  struct api_payment_refunds r = {0};
  enum api_err rc = api_payment_refunds_get(api, e->payment_id, &r, ae);
  if (rc == API_OK) {
    for (size_t i = 0; i < r.refunds.count; i++) {
      const struct payment *c = &r.refunds.items[i];
      if (c->total.minor == e->amount_minor &&
          c->created_at >= e->created_at - 5 * 60 * 1000) {
        char amt[MONEY_FMT_MAX];
        money_format(&c->total, amt, sizeof amt);
        *happened = true;
        snprintf(summary, slen, "refund %s of %s %s exists (%s)", c->id, amt,
                 c->total.currency, payment_status_name(c->status));
        break;
      }
    }
    (void)cache_payments_upsert(cache, r.refunds.items, r.refunds.count);
    store_server_max(cache, e->payment_id, &r);
  }
  api_payment_refunds_cleanup(&r);
  return rc;
}

enum api_err app_outbox_reconcile(struct api_client *api, struct cache *cache,
                                  const struct cache_outbox_entry *e,
                                  bool *happened, char *summary, size_t slen,
                                  struct api_error *ae) {
  enum action_kind kind = ACTION_COUNT_;
  *happened = false;
  action_from_name(e->action, &kind);
  struct payment p = {0};
  enum api_err rc = app_outbox_refresh(api, cache, e->payment_id, &p, ae);
  if (rc != API_OK)
    return rc;
  enum payment_status s = p.status,
                      seen = payment_status_from_string(e->seen_status);
  switch (kind) {
  case ACTION_CAPTURE:
    *happened =
        s != seen &&
        (s == PAYMENT_STATUS_CAPTURED || s == PAYMENT_STATUS_REQUIRES_REVIEW ||
         s == PAYMENT_STATUS_RECEIVED || s == PAYMENT_STATUS_SETTLED);
    break;
  case ACTION_AUTHORIZE:
    *happened = s != seen && s != PAYMENT_STATUS_CREATED;
    break;
  case ACTION_APPROVE:
    *happened = s == PAYMENT_STATUS_CAPTURED || s == PAYMENT_STATUS_RECEIVED ||
                s == PAYMENT_STATUS_SETTLED;
    break;
  case ACTION_REJECT:
    *happened = s == PAYMENT_STATUS_FAILED;
    break;
  case ACTION_ASSIGN:
    *happened = s != PAYMENT_STATUS_CREATED ||
                (p.account_number && p.account_number[0]);
    break;
  case ACTION_UPLOAD:
    *happened = p.documentation_status &&
                strcmp(p.documentation_status, "PENDING_UPLOAD") != 0;
    break;
  case ACTION_REFUND:
    rc = refund_happened(api, cache, e, happened, summary, slen, ae);
    break;
  case ACTION_COUNT_:
    break;
  }
  if (*happened && summary[0] == '\0')
    snprintf(summary, slen, "payment %s is now %s", p.id,
             payment_status_name(s));
  payment_cleanup(&p);
  return rc;
}

/* ---- review resolution ---- */

/* The spelling to try first, or -1 when the server offers none. */
static int review_first(struct cache *cache) {
  char *v = NULL;
  int first = API_REVIEW_PATH_DASH;
  if (cache_meta_get(cache, CAP_REVIEW_KEY, &v) == CACHE_OK && v) {
    if (strcmp(v, "none") == 0)
      first = -1;
    else if (strcmp(v, api_review_path_name(API_REVIEW_PATH_CAMEL)) == 0)
      first = API_REVIEW_PATH_CAMEL;
  }
  free(v);
  return first;
}

bool app_review_resolvable(struct app *a) {
  return review_first(a->cache) >= 0;
}

/* Tries the documented spellings, remembering what the server offers. */
static enum api_err resolve_review(struct api_client *api, struct cache *cache,
                                   const struct cache_outbox_entry *e,
                                   enum api_review_decision d,
                                   struct payment *out, struct api_error *ae) {
  int first = review_first(cache);
  enum api_err rc = API_ERR_UNSUPPORTED;
  if (first < 0) {
    api_error_set(ae, rc, "%s", app_review_by_conomy);
    return rc;
  }
  for (int i = 0; i < API_REVIEW_PATH_COUNT_; i++) {
    enum api_review_path path =
        (enum api_review_path)((first + i) % API_REVIEW_PATH_COUNT_);
    payment_cleanup(out);
    rc = api_payment_resolve_review(api, e->payment_id, path, d, e->reason,
                                    e->idempotency_key, out, ae);
    if (rc != API_ERR_UNSUPPORTED) {
      /* an answer about this spelling (a 2xx or 4xx) shows it exists */
      if (ae->http_status >= 200 && ae->http_status < 500)
        (void)cache_meta_set(cache, CAP_REVIEW_KEY, api_review_path_name(path));
      return rc;
    }
  }
  (void)cache_meta_set(cache, CAP_REVIEW_KEY, "none");
  api_error_set(ae, rc, "%s", app_review_by_conomy);
  return rc;
}

/* ---- sending ---- */

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

static enum api_err send_refund(struct api_client *api,
                                const struct cache_outbox_entry *e,
                                char *summary, size_t slen,
                                struct api_error *ae) {
  struct money m = {.minor = e->amount_minor};
  snprintf(m.currency, sizeof m.currency, "%s", e->currency ? e->currency : "");
  struct api_refund_result r = {0};
  enum api_err rc = api_refund_create(api, e->payment_id, &m, e->reason,
                                      e->idempotency_key, &r, ae);
  if (rc == API_OK) {
    char amt[MONEY_FMT_MAX];
    money_format(&m, amt, sizeof amt);
    snprintf(summary, slen, "refund %s created: %s %s, %s",
             r.refund_id ? r.refund_id : "?", amt, m.currency,
             r.status_raw ? r.status_raw : payment_status_name(r.status));
  }
  api_refund_result_cleanup(&r);
  return rc;
}

static enum api_err send_assign(struct api_client *api,
                                const struct cache_outbox_entry *e,
                                char *summary, size_t slen,
                                struct api_error *ae) {
  struct money m = {.minor = e->expected_minor};
  snprintf(m.currency, sizeof m.currency, "%s", e->currency ? e->currency : "");
  struct api_assign_result r = {0};
  enum api_err rc = api_payment_assign(api, e->payment_id, e->account_number,
                                       e->expected_minor > 0 ? &m : NULL,
                                       e->idempotency_key, &r, ae);
  if (rc == API_OK)
    snprintf(summary, slen, "assigned to %s: %s, %s%s%s", e->account_number,
             r.status_raw ? r.status_raw : payment_status_name(r.status),
             r.reconciliation_status ? r.reconciliation_status : "PAID",
             r.child_payment_id ? ", companion payment " : "",
             r.child_payment_id ? r.child_payment_id : "");
  api_assign_result_cleanup(&r);
  return rc;
}

static enum api_err send_upload(struct app *a, struct api_client *api,
                                const struct cache_outbox_entry *e,
                                char *summary, size_t slen,
                                struct api_error *ae) {
  struct api_document_result dr = {0};
  enum api_err rc = api_document_upload_file(
      api, e->payment_id, e->doc_type, e->file_path, e->content_type,
      upload_progress, a, e->idempotency_key, &dr, ae);
  pthread_mutex_lock(&a->mu);
  a->st.uploading = false;
  pthread_mutex_unlock(&a->mu);
  if (rc == API_OK)
    snprintf(summary, slen, "%s document uploaded for %s (documentation %s)",
             e->doc_type, e->payment_id,
             dr.documentation_status ? dr.documentation_status : "?");
  api_document_result_cleanup(&dr);
  return rc;
}

enum api_err app_outbox_send(struct app *a, struct api_client *api,
                             struct cache *cache,
                             const struct cache_outbox_entry *e, char *summary,
                             size_t slen, struct api_error *ae) {
  enum action_kind kind = ACTION_COUNT_;
  action_from_name(e->action, &kind);
  struct payment p = {0};
  enum api_err rc = API_OK;
  summary[0] = '\0';
  switch (kind) {
  case ACTION_CAPTURE:
    rc = api_payment_capture(api, e->payment_id, e->idempotency_key, &p, ae);
    break;
  case ACTION_AUTHORIZE:
    rc = api_payment_authorize(api, e->payment_id, e->idempotency_key, &p, ae);
    break;
  case ACTION_APPROVE:
  case ACTION_REJECT:
    rc = resolve_review(api, cache, e,
                        kind == ACTION_APPROVE ? API_REVIEW_APPROVE
                                               : API_REVIEW_REJECT,
                        &p, ae);
    break;
  case ACTION_REFUND:
    rc = send_refund(api, e, summary, slen, ae);
    break;
  case ACTION_ASSIGN:
    rc = send_assign(api, e, summary, slen, ae);
    break;
  case ACTION_UPLOAD:
    rc = send_upload(a, api, e, summary, slen, ae);
    break;
  case ACTION_COUNT_:
    rc = API_ERR_CONFIG;
    api_error_set(ae, rc, "outbox entry with an unknown action");
    break;
  }
  if (rc == API_OK && summary[0] == '\0')
    snprintf(summary, slen, "%s %s: now %s", e->action, e->payment_id,
             p.status_raw ? p.status_raw : payment_status_name(p.status));
  payment_cleanup(&p);
  return rc;
}

enum app_err app_refund_refresh(struct app *a, const char *parent_id,
                                struct app_error *err) {
  struct api_client *api = NULL;
  enum app_err rc = app_api(a, &api, err);
  if (rc != APP_OK)
    return rc;
  struct api_error ae;
  api_error_clear(&ae);
  if (app_outbox_refresh(api, a->cache, parent_id, NULL, &ae) != API_OK)
    return app_error_from_api(err, &ae, "reading the payment's refunds");
  return APP_OK;
}
