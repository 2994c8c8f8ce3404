/*
 * app_actions - what the user may do, checked and recorded.
 *
 * check: the action applies to the payment as cached (the table in
 * core/action.c), the server offers it, its fields are valid, no action is
 * open on the payment and no identical refund went out in the last ten
 * minutes. Nothing is written.
 * submit: check, then write the intent (fresh idempotency key, the typed
 * fields, the status seen) to the outbox in one durable transaction with
 * its "confirmed" activity row. Nothing has been sent yet; the outbox loop
 * (app_outbox_run.c, rules in outbox_decide.c) sends it.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "app/app_internal.h"
#include "app/app_params.h"
#include "cache/cache_outbox.h"
#include "cache/cache_payments.h"
#include "core/action.h"
#include "core/money.h"
#include "core/sanitize.h"
#include "core/timeutil.h"
#include "core/xalloc.h"

/* An identical refund within this window needs act->again. */
#define DUPLICATE_WINDOW_MS (10 * 60 * 1000)

_Static_assert((int)APP_ACTION_COUNT_ == (int)ACTION_COUNT_ &&
                   (int)APP_ACTION_REJECT == (int)ACTION_REJECT &&
                   (int)APP_ACTION_UPLOAD == (int)ACTION_UPLOAD,
               "app actions are core actions");

const char *app_content_type(const char *path) {
  static const struct {
    const char *ext, *type;
  } types[] = {
      {".pdf", "application/pdf"},
      {".jpg", "image/jpeg"},
      {".jpeg", "image/jpeg"},
      {".png", "image/png"},
      {".gif", "image/gif"},
      {".webp", "image/webp"},
      {".tif", "image/tiff"},
      {".tiff", "image/tiff"},
      {".txt", "text/plain"},
      {".csv", "text/csv"},
      {".json", "application/json"},
      {".zip", "application/zip"},
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

const char *app_action_name(enum app_action_kind k) {
  const struct action_spec *sp = action_spec((enum action_kind)k);
  return sp ? sp->name : "?";
}

bool app_action_allowed(struct app *a, const struct payment *p,
                        enum app_action_kind k, char *why, size_t whylen) {
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
  if ((k == APP_ACTION_APPROVE || k == APP_ACTION_REJECT) &&
      !app_review_resolvable(a)) {
    snprintf(why, whylen, "%s", app_review_by_conomy);
    return false;
  }
  return action_applies((enum action_kind)k, p, why, whylen);
}

/* The typed record of a checked action (strings point into act/p or the
 * static content-type table) and its text for people. */
struct checked {
  struct cache_outbox_new n;
  struct app_params params;
  char *params_json;
  char amount[MONEY_FMT_MAX], expected[MONEY_FMT_MAX];
};

static enum app_err usage(struct app_error *err, const char *why) {
  app_error_set(err, APP_ERR_USAGE, "%s", why);
  return APP_ERR_USAGE;
}

/* An identical refund sent in the last ten minutes, unless asked again. */
static enum app_err duplicate_guard(struct app *a, const struct payment *p,
                                    const struct money *m, bool again,
                                    struct app_error *err) {
  struct cache_outbox_entry prev = {0};
  enum cache_err ce = cache_outbox_find_refund(
      a->cache, p->id, m->minor, app_clock_ms(a) - DUPLICATE_WINDOW_MS, &prev);
  if (ce == CACHE_ERR_NOT_FOUND || (ce == CACHE_OK && again)) {
    cache_outbox_entry_cleanup(&prev);
    return APP_OK;
  }
  if (ce != CACHE_OK)
    return app_error_from_cache(err, ce, "looking for an identical refund");
  char amt[MONEY_FMT_MAX];
  money_format(m, amt, sizeof amt);
  app_error_set(err, APP_ERR_CONFLICT,
                "an identical refund of %s %s was sent for %s %lld min ago "
                "(outbox #%" PRId64 ", %s); nothing was sent: ask again "
                "explicitly (--again) to refund twice",
                amt, m->currency, p->id,
                (long long)((app_clock_ms(a) - prev.created_at) / 60000),
                prev.id, cache_outbox_state_name(prev.state));
  cache_outbox_entry_cleanup(&prev);
  return APP_ERR_CONFLICT;
}

static enum app_err check_refund(struct app *a, const struct payment *p,
                                 const struct app_action *act,
                                 struct checked *c, struct app_error *err) {
  struct refund_summary rs;
  enum app_err rc = app_refund_summary(a, p->id, &rs, err);
  if (rc != APP_OK)
    return rc;
  struct money m;
  char why[256];
  if (!action_refund_amount_ok(p, act->amount, &rs.max_refundable, &m, why,
                               sizeof why)) {
    app_error_set(err, act->amount ? APP_ERR_USAGE : APP_ERR_CONFLICT, "%s",
                  why);
    return err->code;
  }
  rc = duplicate_guard(a, p, &m, act->again, err);
  if (rc != APP_OK)
    return rc;
  money_format(&m, c->amount, sizeof c->amount);
  c->n.amount_minor = m.minor;
  c->n.reason = act->reason && act->reason[0] ? act->reason : NULL;
  app_params_add(&c->params, "amount", c->amount);
  app_params_add(&c->params, "reason", c->n.reason);
  return APP_OK;
}

static enum app_err check_assign(const struct payment *p,
                                 const struct app_action *act,
                                 struct checked *c, struct app_error *err) {
  if (act->account_number == NULL || act->account_number[0] == '\0')
    return usage(err, "assign needs an account number");
  c->n.account_number = act->account_number;
  app_params_add(&c->params, "accountNumber", act->account_number);
  if (act->expected_amount) {
    struct money m;
    enum core_err ce =
        money_parse_typed(act->expected_amount, p->total.currency, &m);
    if (ce != CORE_OK || m.minor <= 0) {
      char *clean = sanitize_text(act->expected_amount);
      app_error_set(err, APP_ERR_USAGE,
                    "expected amount \"%s\" is not a positive %s amount", clean,
                    p->total.currency);
      free(clean);
      return APP_ERR_USAGE;
    }
    c->n.expected_minor = m.minor;
    money_format(&m, c->expected, sizeof c->expected);
    app_params_add(&c->params, "expectedAmount", c->expected);
  }
  return APP_OK;
}

static enum app_err check_upload(const struct app_action *act,
                                 struct checked *c, struct app_error *err) {
  char why[256];
  if (!action_doc_type_ok(act->doc_type))
    return usage(err, "document type must be kyc, source_of_funds, invoice, "
                      "contract or other");
  struct stat st;
  if (act->file_path == NULL || stat(act->file_path, &st) != 0 ||
      !S_ISREG(st.st_mode)) {
    app_error_set(err, APP_ERR_USAGE, "%s: not a readable file",
                  act->file_path ? act->file_path : "(no file)");
    return APP_ERR_USAGE;
  }
  if (!action_file_size_ok((int64_t)st.st_size, why, sizeof why)) {
    app_error_set(err, APP_ERR_USAGE, "%s: %s", act->file_path, why);
    return APP_ERR_USAGE;
  }
  c->n.doc_type = act->doc_type;
  c->n.file_path = act->file_path;
  c->n.content_type = app_content_type(act->file_path);
  app_params_add(&c->params, "type", act->doc_type);
  app_params_add(&c->params, "file", act->file_path);
  app_params_add(&c->params, "contentType", c->n.content_type);
  return APP_OK;
}

/* The field checks of each action; fills c. */
static enum app_err check_fields(struct app *a, const struct payment *p,
                                 const struct app_action *act,
                                 struct checked *c, struct app_error *err) {
  char why[256];
  if (!action_reason_ok((enum action_kind)act->kind, act->reason, why,
                        sizeof why))
    return usage(err, why);
  switch (act->kind) {
  case APP_ACTION_REFUND:
    return check_refund(a, p, act, c, err);
  case APP_ACTION_ASSIGN:
    return check_assign(p, act, c, err);
  case APP_ACTION_UPLOAD:
    return check_upload(act, c, err);
  case APP_ACTION_REJECT:
    c->n.reason = act->reason;
    app_params_add(&c->params, "decision", "REJECTED");
    app_params_add(&c->params, "reason", act->reason);
    return APP_OK;
  case APP_ACTION_APPROVE:
    app_params_add(&c->params, "decision", "APPROVED");
    return APP_OK;
  case APP_ACTION_CAPTURE:
  case APP_ACTION_AUTHORIZE:
  case APP_ACTION_COUNT_:
    break;
  }
  return APP_OK;
}

/* Everything but the write; p is the cached payment. */
static enum app_err check_all(struct app *a, const struct payment *p,
                              const struct app_action *act, struct checked *c,
                              struct app_error *err) {
  char why[256];
  if (!app_action_allowed(a, p, act->kind, why, sizeof why)) {
    /* a server that does not offer review resolution refuses it, as a
     * 501 would: exit code 4 */
    bool by_conomy = strcmp(why, app_review_by_conomy) == 0;
    app_error_set(err, by_conomy ? APP_ERR_REJECTED : APP_ERR_CONFLICT,
                  "%s: %s", app_action_name(act->kind), why);
    return err->code;
  }
  const char *now_status = payment_status_name(p->status);
  if (act->seen_status && strcmp(act->seen_status, now_status) != 0 &&
      !(p->status_raw && strcmp(act->seen_status, p->status_raw) == 0)) {
    app_error_set(err, APP_ERR_CONFLICT,
                  "payment %s changed from %s to %s since you looked; "
                  "nothing was sent",
                  p->id, act->seen_status, now_status);
    return APP_ERR_CONFLICT;
  }
  struct cache_outbox_entry open = {0};
  enum cache_err ce =
      act->kind == APP_ACTION_UPLOAD
          ? CACHE_ERR_NOT_FOUND
          : cache_outbox_get_open_for_payment(a->cache, p->id, &open);
  if (ce == CACHE_OK) {
    app_error_set(err, APP_ERR_CONFLICT,
                  "payment %s already has an open %s (outbox #%" PRId64
                  ", %s): wait for it, or cancel it with `outbox cancel "
                  "%" PRId64 "`",
                  p->id, open.action, open.id,
                  cache_outbox_state_name(open.state), open.id);
    cache_outbox_entry_cleanup(&open);
    return APP_ERR_CONFLICT;
  }
  cache_outbox_entry_cleanup(&open);
  if (ce != CACHE_ERR_NOT_FOUND)
    return app_error_from_cache(err, ce, "outbox");
  c->n.action = app_action_name(act->kind);
  c->n.payment_id = p->id;
  c->n.seen_status = now_status;
  c->n.currency = p->total.currency;
  enum app_err rc = check_fields(a, p, act, c, err);
  c->params_json = app_params_json(&c->params);
  c->n.params_json = c->params_json;
  c->n.detail = c->params_json;
  return rc;
}

enum app_err app_action_check(struct app *a, const struct app_action *act,
                              struct app_error *err) {
  struct payment p = {0};
  enum app_err rc = app_payment_get(a, act->payment_id, &p, err);
  if (rc != APP_OK)
    return rc;
  struct checked c = {0};
  rc = check_all(a, &p, act, &c, err);
  free(c.params_json);
  payment_cleanup(&p);
  return rc;
}

/* Remember that this process submitted entry id (it is ours to send). */
static void mark_mine(struct app *a, int64_t id) {
  pthread_mutex_lock(&a->mu);
  a->mine[a->nmine % APP_MINE_MAX] = id;
  a->nmine++;
  pthread_mutex_unlock(&a->mu);
}

bool app_outbox_is_mine(struct app *a, int64_t id) {
  bool found = false;
  pthread_mutex_lock(&a->mu);
  size_t n = a->nmine < APP_MINE_MAX ? a->nmine : APP_MINE_MAX;
  for (size_t i = 0; i < n && !found; i++)
    found = a->mine[i] == id;
  pthread_mutex_unlock(&a->mu);
  return found;
}

enum app_err app_action_submit(struct app *a, const struct app_action *act,
                               int64_t *outbox_id, struct app_error *err) {
  struct payment p = {0};
  enum app_err rc = app_payment_get(a, act->payment_id, &p, err);
  if (rc != APP_OK)
    return rc;
  struct checked c = {0};
  rc = check_all(a, &p, act, &c, err);
  if (rc == APP_OK) {
    enum cache_err ce = cache_outbox_insert(a->cache, &c.n, outbox_id);
    if (ce == CACHE_ERR_CONFLICT) {
      /* another desk recorded one between the check and the insert */
      app_error_set(err, APP_ERR_CONFLICT,
                    "payment %s already has an open action", p.id);
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
  free(c.params_json);
  payment_cleanup(&p);
  return rc;
}
