/*
 * action - the action table. See action.h.
 */
#include "core/action.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/currency.h"
#include "core/money.h"
#include "core/sanitize.h"

#define REQ ACTION_FIELD_REQUIRED
#define OPT ACTION_FIELD_OPTIONAL

/* Flat option table (one row per action). */
static const struct action_spec specs[ACTION_COUNT_] = {
    [ACTION_CAPTURE] = {"capture", "Capture", PAYMENT_STATUS_CAPTURED, true, 0,
                        0, 0, 0, 0},
    [ACTION_AUTHORIZE] = {"authorize", "Authorize", PAYMENT_STATUS_AUTHORIZED,
                          true, 0, 0, 0, 0, 0},
    [ACTION_REFUND] = {"refund", "Refund", PAYMENT_STATUS_UNKNOWN, true, OPT,
                       OPT, 0, 0, 0},
    [ACTION_ASSIGN] = {"assign", "Assign", PAYMENT_STATUS_UNKNOWN, true, 0, 0,
                       REQ, OPT, 0},
    [ACTION_UPLOAD] = {"upload", "Upload document", PAYMENT_STATUS_UNKNOWN,
                       false, 0, 0, 0, 0, REQ},
    [ACTION_APPROVE] = {"approve", "Approve", PAYMENT_STATUS_CAPTURED, false, 0,
                        0, 0, 0, 0},
    [ACTION_REJECT] = {"reject", "Reject", PAYMENT_STATUS_FAILED, false, 0, REQ,
                       0, 0, 0},
};

static const char *const doc_types[] = {
    "kyc", "source_of_funds", "invoice", "contract", "other", NULL};

const struct action_spec *action_spec(enum action_kind k) {
  return (unsigned)k < ACTION_COUNT_ ? &specs[k] : NULL;
}

bool action_from_name(const char *name, enum action_kind *out) {
  for (int i = 0; name && i < ACTION_COUNT_; i++)
    if (strcmp(name, specs[i].name) == 0) {
      *out = (enum action_kind)i;
      return true;
    }
  return false;
}

const char *const *action_doc_types(void) {
  return doc_types;
}

bool action_doc_type_ok(const char *type) {
  for (size_t i = 0; type && doc_types[i]; i++)
    if (strcmp(type, doc_types[i]) == 0)
      return true;
  return false;
}

/* A topup not assigned to an account; LOCAL_DEPOSIT is the docs' type for a
 * deposit not yet reconciled to one. */
static bool unassigned_topup(const struct payment *p) {
  return (p->type == PAYMENT_TYPE_TOPUP_ACCOUNT ||
          p->type == PAYMENT_TYPE_LOCAL_DEPOSIT) &&
         (p->account_number == NULL || p->account_number[0] == '\0');
}

/* The statuses each action starts from (the state machine must also allow
 * the move to the action's target). */
static bool from_ok(enum action_kind k, enum payment_status s) {
  switch (k) {
  case ACTION_CAPTURE:
    return s == PAYMENT_STATUS_CREATED || s == PAYMENT_STATUS_AUTHORIZED;
  case ACTION_AUTHORIZE:
  case ACTION_ASSIGN:
    return s == PAYMENT_STATUS_CREATED;
  case ACTION_REFUND:
    return s == PAYMENT_STATUS_SETTLED;
  case ACTION_UPLOAD:
  case ACTION_APPROVE:
  case ACTION_REJECT:
    return s == PAYMENT_STATUS_REQUIRES_REVIEW;
  case ACTION_COUNT_:
    break;
  }
  return false;
}

static const char *const from_text[ACTION_COUNT_] = {
    [ACTION_CAPTURE] = "only CREATED or AUTHORIZED payments can be captured",
    [ACTION_AUTHORIZE] = "only CREATED payments can be authorized",
    [ACTION_REFUND] = "only SETTLED payments can be refunded",
    [ACTION_ASSIGN] = "only unassigned topups (TOPUP_ACCOUNT, CREATED, no "
                      "account) can be assigned",
    [ACTION_UPLOAD] = "the payment is not in review",
    [ACTION_APPROVE] = "the payment is not in review",
    [ACTION_REJECT] = "the payment is not in review",
};

/* Type rules; true when the type fits. */
static bool type_ok(enum action_kind k, const struct payment *p, char *why,
                    size_t whylen) {
  if (k == ACTION_REFUND && p->type == PAYMENT_TYPE_REFUND) {
    snprintf(why, whylen, "a refund cannot itself be refunded");
    return false;
  }
  if ((k == ACTION_CAPTURE || k == ACTION_AUTHORIZE) && unassigned_topup(p)) {
    snprintf(why, whylen,
             "an unassigned topup is not %s: assign it to an account",
             k == ACTION_CAPTURE ? "captured" : "authorized");
    return false;
  }
  if (k == ACTION_ASSIGN && !unassigned_topup(p)) {
    snprintf(why, whylen, "%s", from_text[k]);
    return false;
  }
  return true;
}

bool action_applies(enum action_kind k, const struct payment *p, char *why,
                    size_t whylen) {
  const struct action_spec *sp = action_spec(k);
  if (sp == NULL || p == NULL) {
    snprintf(why, whylen, "unknown action");
    return false;
  }
  if (!type_ok(k, p, why, whylen))
    return false;
  if (!from_ok(k, p->status) ||
      (sp->target != PAYMENT_STATUS_UNKNOWN &&
       !payment_status_can_transition(p->status, sp->target))) {
    if (k == ACTION_ASSIGN)
      snprintf(why, whylen, "%s", from_text[k]);
    else
      snprintf(why, whylen, "%s (this one is %s)", from_text[k],
               payment_status_name(p->status));
    return false;
  }
  if (sp->moves_money && !currency_is_known(p->total.currency)) {
    char *c = sanitize_text(p->total.currency);
    snprintf(why, whylen,
             "the currency \"%s\" is not one the desk knows, so its amounts "
             "cannot be handled exactly; %s is refused",
             c, sp->name);
    free(c);
    return false;
  }
  if (k == ACTION_APPROVE &&
      (p->documentation_status == NULL ||
       strcmp(p->documentation_status, "UPLOADED") != 0)) {
    char *d = sanitize_text(p->documentation_status ? p->documentation_status
                                                    : "missing");
    snprintf(why, whylen,
             "approval needs an uploaded document (documentation is %s); "
             "upload one first",
             d);
    free(d);
    return false;
  }
  return true;
}

bool action_reason_ok(enum action_kind k, const char *reason, char *why,
                      size_t whylen) {
  const struct action_spec *sp = action_spec(k);
  size_t n = reason ? strlen(reason) : 0;
  if (sp && sp->reason == ACTION_FIELD_REQUIRED && n == 0) {
    snprintf(why, whylen, "a %s needs a reason",
             k == ACTION_REJECT ? "rejection" : sp->name);
    return false;
  }
  if (n > ACTION_REASON_MAX) {
    snprintf(why, whylen, "the reason is %zu bytes; the limit is %d", n,
             ACTION_REASON_MAX);
    return false;
  }
  return true;
}

bool action_refund_amount_ok(const struct payment *p, const char *text,
                             const struct money *max, struct money *out,
                             char *why, size_t whylen) {
  char maxbuf[MONEY_FMT_MAX], buf[MONEY_FMT_MAX];
  money_format(max, maxbuf, sizeof maxbuf);
  if (text == NULL) {
    *out = *max;
    if (out->minor > 0)
      return true;
    snprintf(why, whylen, "nothing left to refund (maxRefundable %s %s)",
             maxbuf, max->currency);
    return false;
  }
  enum core_err ce = money_parse_typed(text, p->total.currency, out);
  if (ce != CORE_OK) {
    char *clean = sanitize_text(text);
    snprintf(why, whylen, "refund amount \"%s\" is not a valid %s amount: %s",
             clean, p->total.currency, core_strerror(ce));
    free(clean);
    return false;
  }
  if (out->minor <= 0) {
    snprintf(why, whylen, "refund amount must be positive");
    return false;
  }
  int cmp = 0;
  if (money_cmp(out, max, &cmp) != CORE_OK || cmp > 0) {
    money_format(out, buf, sizeof buf);
    snprintf(why, whylen, "refund of %s %s exceeds maxRefundable %s %s", buf,
             out->currency, maxbuf, max->currency);
    return false;
  }
  return true;
}

bool action_file_size_ok(int64_t size, char *why, size_t whylen) {
  if (size <= ACTION_UPLOAD_MAX_BYTES)
    return true;
  snprintf(why, whylen, "the file is %lld bytes; the limit is 20 MiB",
           (long long)size);
  return false;
}
