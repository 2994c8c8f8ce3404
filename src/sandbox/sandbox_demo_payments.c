/*
 * sandbox_demo_payments - one demo payment and its children; see
 * sandbox_demo_int.h.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/money.h"
#include "core/xalloc.h"
#include "sandbox/sandbox_dialect.h"
#include "sandbox/sandbox_demo_int.h"

/* One demo payment, as plain values plus its node arrays as JSON text. */
struct dpay {
  char id[25];
  const char *type;
  const char *status;
  char amount[MONEY_FMT_MAX];
  int cur;
  int64_t minor;
  const char *external;
  const char *identity;
  const char *account;
  const char *customer;
  const char *parent;
  const char *description;
  const char *doc_status;
  const char *review_reason;
  int64_t created, updated, authorized, captured, settled, refunded;
  int64_t expires, expired, unsettled, received;
  struct strbuf origins; /* "[...]" */
  struct strbuf dests;
  struct strbuf documents; /* "[...]" or empty */
};

static void dpay_init(struct dpay *p) {
  memset(p, 0, sizeof(*p));
  p->authorized = p->captured = p->settled = p->refunded = -1;
  p->expires = p->expired = p->unsettled = p->received = -1;
  strbuf_init(&p->origins, 0);
  strbuf_init(&p->dests, 0);
  strbuf_init(&p->documents, 0);
}

static void dpay_cleanup(struct dpay *p) {
  strbuf_cleanup(&p->origins);
  strbuf_cleanup(&p->dests);
  strbuf_cleanup(&p->documents);
}

/* Copy a column value (NULL -> ""), truncating to the field. */
static void col(char *dst, size_t len, const char *src) {
  size_t n = src ? strlen(src) : 0;
  if (n >= len)
    n = len - 1;
  if (n)
    memcpy(dst, src, n);
  dst[n] = '\0';
}

/* The payment's JSON document into o (same shape as the API's). */
static void render_payment(struct strbuf *o, const struct dpay *p) {
  const struct demo_cur *c = &sandbox_demo_currencies[p->cur];
  char product[24];
  snprintf(product, sizeof(product), "%s:%s", c->code, c->code);
  strbuf_append(o, "{", 1);
  sandbox_demo_json_kv(o, "id", p->id);
  sandbox_demo_json_kv(o, "externalId", p->external);
  sandbox_demo_json_kv(o, "identityId", p->identity);
  sandbox_demo_json_kv(o, "accountNumber", p->account);
  sandbox_demo_json_kv(o, "totalAmount", p->amount);
  sandbox_demo_json_kv(o, "currency", c->code);
  sandbox_demo_json_kv(o, "purchaseAmount", p->amount);
  sandbox_demo_json_kv(o, "purchaseCurrency", c->code);
  sandbox_demo_json_kv(o, "product", product);
  sandbox_demo_json_kv(o, "status", p->status);
  sandbox_demo_json_kv(o, "type", p->type);
  sandbox_demo_json_key(o, "fees");
  strbuf_append(o, "[]", 2);
  sandbox_demo_json_key(o, "origins");
  strbuf_append(o, strbuf_str(&p->origins), p->origins.len);
  sandbox_demo_json_key(o, "destinations");
  strbuf_append(o, strbuf_str(&p->dests), p->dests.len);
  sandbox_demo_json_time(o, "createdAt", p->created);
  sandbox_demo_json_time(o, "updatedAt", p->updated);
  sandbox_demo_json_time(o, "authorizedAt", p->authorized);
  sandbox_demo_json_time(o, "capturedAt", p->captured);
  sandbox_demo_json_time(o, "settledAt", p->settled);
  sandbox_demo_json_time(o, "refundedAt", p->refunded);
  sandbox_demo_json_time(o, "expiresAt", p->expires);
  sandbox_demo_json_kv(o, "documentationStatus", p->doc_status);
  sandbox_demo_json_kv(o, "reviewReason", p->review_reason);
  sandbox_demo_json_kv(o, "parentPaymentId", p->parent);
  sandbox_demo_json_kv(o, "relatedPaymentId", NULL);
  sandbox_demo_json_kv(o, "customerId", p->customer);
  if (p->description)
    sandbox_demo_json_kv(o, "description", p->description);
  if (p->received >= 0)
    sandbox_demo_json_time(o, "receivedAt", p->received);
  if (p->settled >= 0) {
    char batch[48];
    snprintf(batch, sizeof(batch), "settlement-%s-%lld", c->code,
             (long long)(p->settled / 1000 / 600 * 600));
    sandbox_demo_json_kv(o, "settlementBatchId", batch);
  }
  if (p->unsettled >= 0) {
    sandbox_demo_json_time(o, "unsettledAt", p->unsettled);
    sandbox_demo_json_kv(o, "unsettledReason", "RECONCILIATION_MISMATCH");
  }
  if (p->expired >= 0)
    sandbox_demo_json_time(o, "expiredAt", p->expired);
  if (strcmp(p->status, "FAILED") == 0)
    sandbox_demo_json_kv(o, "failureReason",
                         p->doc_status ? "REVIEW_REJECTED"
                                       : "PROVIDER_REJECTED");
  if (p->documents.len) {
    sandbox_demo_json_key(o, "documents");
    strbuf_append(o, strbuf_str(&p->documents), p->documents.len);
  }
  strbuf_append(o, "}", 1);
}

/* The stored row of a rendered payment (columns from the plain values). */
static void payment_row(struct demo *d, const struct dpay *p,
                        struct sandbox_store_row *row) {
  const char *code = sandbox_demo_currencies[p->cur].code;
  struct money m;
  memset(row, 0, sizeof(*row));
  m.minor = p->minor;
  snprintf(m.currency, sizeof(m.currency), "%s", code);
  if (money_to_micro(&m, &row->micro) != CORE_OK)
    row->micro = 0;
  col(row->id, sizeof(row->id), p->id);
  col(row->status, sizeof(row->status), p->status);
  col(row->type, sizeof(row->type), p->type);
  col(row->currency, sizeof(row->currency), code);
  col(row->account, sizeof(row->account), p->account);
  col(row->identity, sizeof(row->identity), p->identity);
  col(row->parent, sizeof(row->parent), p->parent);
  col(row->customer, sizeof(row->customer), p->customer);
  row->created = p->created;
  row->updated = p->updated;
  row->minor = p->minor;
  row->unassigned = sandbox_store_parks_deposit(p->type) &&
                    strcmp(p->status, "CREATED") == 0 && p->account == NULL;
  row->due = row->unassigned ? p->expires
             : strcmp(p->status, "RECEIVED") == 0
                 ? p->updated + d->sb->opts.settle_delay_ms
                 : -1;
}

/* Render and store (or collect, for a history chunk) one payment. */
static int write_payment(struct demo *d, const struct dpay *p) {
  struct strbuf o;
  struct sandbox_store_row row;
  int rc = 0;
  strbuf_init(&o, 0);
  render_payment(&o, p);
  payment_row(d, p, &row);
  row.text = strbuf_detach(&o);
  row.plain = true;
  d->made++;
  if (d->out == NULL) {
    rc = sandbox_store_put_row(d->c, d->tenant, &row);
    sandbox_store_row_cleanup(&row);
    return rc;
  }
  struct demo_rows *out = d->out;
  if (out->n == out->cap) {
    out->cap = out->cap ? out->cap * 2 : 1024;
    out->rows = xreallocarray(out->rows, (size_t)out->cap, sizeof(*out->rows));
  }
  out->rows[out->n++] = row;
  return 0;
}

static const char *const payment_types[] = {
    "PURCHASE",   "TOPUP_ACCOUNT", "WITHDRAWAL_ACCOUNT", "P2P", "COLLECT",
    "REMITTANCE", "FEE",
};

/* Append a review document to p->documents. */
static void add_review_doc(struct dpay *p, const char *status, int64_t ms,
                           const char *base_url) {
  char url[256];
  struct strbuf *o = &p->documents;
  snprintf(url, sizeof(url), "%s/documents/payments/%s/source_of_funds/%lld",
           base_url, p->id, (long long)ms);
  strbuf_append(o, "[{", 2);
  sandbox_demo_json_kv(o, "type", "source_of_funds");
  sandbox_demo_json_kv(o, "url", url);
  sandbox_demo_json_kv(o, "contentType", "application/pdf");
  sandbox_demo_json_time(o, "uploadedAt", ms);
  sandbox_demo_json_kv(o, "status", status);
  strbuf_append(o, "}]", 2);
}

/* A refund child of `parent`, money flowing back (nodes swapped). */
static int make_refund(struct demo *d, const struct dpay *parent, int64_t minor,
                       const char *status, int64_t ms,
                       const char *description) {
  struct dpay r;
  dpay_init(&r);
  sandbox_demo_new_id(d, ms, r.id);
  r.type = "REFUND";
  r.status = status;
  r.cur = parent->cur;
  r.minor = minor;
  sandbox_demo_fmt_amount(parent->cur, minor, r.amount, sizeof(r.amount));
  r.parent = parent->id;
  r.identity = parent->identity;
  r.account = parent->account;
  r.customer = parent->customer;
  r.description = description;
  r.created = ms;
  r.received = ms;
  strbuf_append(&r.origins, strbuf_str(&parent->dests), parent->dests.len);
  strbuf_append(&r.dests, strbuf_str(&parent->origins), parent->origins.len);
  int64_t done = ms + 2 * HOUR_MS;
  if (done > d->now)
    done = d->now;
  r.updated = ms;
  if (strcmp(status, "SETTLED") == 0) {
    r.settled = done;
    r.updated = done;
  } else if (strcmp(status, "FAILED") == 0) {
    r.updated = done;
  }
  int rc = write_payment(d, &r);
  dpay_cleanup(&r);
  return rc;
}

/* The currency and type of a plan's payment (draws in a fixed order,
 * so a seed gives the same data). */
static const char *plan_type(struct demo *d, enum plan plan, int hint,
                             const char *force_type, int *cur,
                             bool *unassigned) {
  *cur = (int)sandbox_demo_rnd(d, SANDBOX_DEMO_NCUR);
  *unassigned = plan == PLAN_UNASSIGNED_URGENT || plan == PLAN_UNASSIGNED ||
                plan == PLAN_EXPIRED;
  if (*unassigned) /* push-deposit rails: ARS CVU, BRL PIX */
    *cur = sandbox_demo_rnd(d, 2) ? 1 : 4;
  const char *type =
      payment_types[sandbox_demo_rnd(d, 3) == 0 ? sandbox_demo_rnd(d, 7)
                                                : sandbox_demo_rnd(d, 2)];
  if (*unassigned || plan == PLAN_RECEIVED || plan == PLAN_UNSETTLED)
    type = "TOPUP_ACCOUNT";
  if (plan >= PLAN_REVIEW_PENDING && plan <= PLAN_REVIEW_UPLOADED)
    type = hint % 2 ? "TOPUP_ACCOUNT" : "PURCHASE";
  if (plan == PLAN_REVIEW_REJECTED || plan == PLAN_REVIEW_APPROVED)
    type = "PURCHASE";
  if (plan == PLAN_SETTLED_FULL_REFUND ||
      plan == PLAN_SETTLED_PARTIAL_REFUNDS ||
      plan == PLAN_SETTLED_REFUND_RUNNING)
    type = sandbox_demo_rnd(d, 2) ? "PURCHASE" : "TOPUP_ACCOUNT";
  if (force_type)
    type = force_type;
  /* The published dialect parks some push deposits as LOCAL_DEPOSIT, the
   * internal type its glossary names, beside the unassigned topups. */
  if (plan == PLAN_UNASSIGNED && sandbox_dialect_published(d->sb))
    type = "LOCAL_DEPOSIT";
  return type;
}

/* The customer: undocumented ones for review items (else *review is
 * dropped); the hostile names come first. */
static const struct demo_customer *pick_customer(struct demo *d, int hint,
                                                 bool *review) {
  const struct demo_customer *cu = &d->cust[(size_t)hint % (size_t)d->ncust];
  if (hint >= 3)
    cu = &d->cust[sandbox_demo_rnd(d, (uint64_t)d->ncust)];
  for (int tries = 0; *review && cu->documented && tries < 64; tries++)
    cu = &d->cust[sandbox_demo_rnd(d, (uint64_t)d->ncust)];
  if (*review && cu->documented)
    *review = false;
  return cu;
}

/* The amount (minor units): over the review threshold for review items,
 * under it for an undocumented customer otherwise. */
static int64_t plan_amount(struct demo *d, int cur,
                           const struct demo_customer *cu, bool review) {
  if (review)
    return sandbox_demo_review_amount(d, cur);
  int64_t minor = sandbox_demo_rand_amount(d, cur);
  int64_t thr = sandbox_threshold(d->sb, sandbox_demo_currencies[cur].code);
  if (thr > 0 && minor >= thr && !cu->documented)
    minor = thr - 1 - (int64_t)sandbox_demo_rnd(d, (uint64_t)thr / 2);
  return minor;
}

static const char *plan_status(enum plan plan, bool review) {
  switch (plan) {
  case PLAN_CREATED:
  case PLAN_UNASSIGNED_URGENT:
  case PLAN_UNASSIGNED:
    return "CREATED";
  case PLAN_AUTHORIZED:
    return "AUTHORIZED";
  case PLAN_REVIEW_PENDING:
  case PLAN_REVIEW_UPLOADED:
    return review ? "REQUIRES_REVIEW" : "CAPTURED";
  case PLAN_CAPTURED:
  case PLAN_REVIEW_APPROVED:
    return "CAPTURED";
  case PLAN_RECEIVED:
    return "RECEIVED";
  case PLAN_FAILED:
    return "FAILED";
  case PLAN_EXPIRED:
    return "EXPIRED";
  case PLAN_UNSETTLED:
    return "UNSETTLED";
  case PLAN_REVIEW_REJECTED:
    return review ? "FAILED" : "SETTLED";
  default:
    return "SETTLED";
  }
}

/* externalId (ext), account, identity, description (desc) and customer;
 * ext and desc must outlive p. Returns the payment's account. */
static const struct demo_account *set_parties(struct demo *d, struct dpay *p,
                                              const struct demo_customer *cu,
                                              bool unassigned, char ext[32],
                                              char desc[96]) {
  const struct demo_account *acct = sandbox_demo_nodes_account_for(d, p->cur);
  /* A parked deposit's externalId is the rail's reference for it. */
  snprintf(ext, 32, "%s-%06ld", unassigned ? "dep" : "ord",
           d->made_base + d->made + 1);
  p->external = ext;
  if (!unassigned)
    p->account = acct->number;
  p->identity = acct->identity;
  snprintf(desc, 96, "%s%ld",
           sandbox_demo_descriptions[sandbox_demo_rnd(
               d, sandbox_demo_ndescriptions)],
           10000 + d->made_base + d->made);
  p->description = desc;
  p->customer = cu->id;
  return acct;
}

/* Origins and destinations for the payment's type. */
static void add_nodes(struct demo *d, struct dpay *p,
                      const struct demo_customer *cu,
                      const struct demo_account *acct, bool unassigned) {
  const struct demo_cur *c = &sandbox_demo_currencies[p->cur];
  const char *type = p->type;
  strbuf_append(&p->origins, "[", 1);
  strbuf_append(&p->dests, "[", 1);
  if (strcmp(type, "PURCHASE") == 0 || strcmp(type, "TOPUP_ACCOUNT") == 0 ||
      strcmp(type, "LOCAL_DEPOSIT") == 0) {
    sandbox_demo_nodes_rail(&p->origins, d, p->cur,
                            c->rails[sandbox_demo_rnd(d, (uint64_t)c->nrails)],
                            cu, p->amount);
    sandbox_demo_nodes_account(&p->dests, unassigned ? NULL : acct,
                               d->sb->tenants[d->tenant].client_id, p->cur,
                               p->amount);
  } else if (strcmp(type, "WITHDRAWAL_ACCOUNT") == 0 ||
             strcmp(type, "REMITTANCE") == 0) {
    sandbox_demo_nodes_account(&p->origins, acct, NULL, p->cur, p->amount);
    sandbox_demo_nodes_rail(
        &p->dests, d, p->cur,
        strcmp(type, "REMITTANCE") == 0 ? "SWIFT" : c->payout, cu, p->amount);
  } else {
    const struct demo_account *other =
        sandbox_demo_nodes_account_for(d, p->cur);
    sandbox_demo_nodes_account(&p->origins, acct, NULL, p->cur, p->amount);
    sandbox_demo_nodes_account(&p->dests, other, NULL, p->cur, p->amount);
    if (strcmp(type, "FEE") == 0)
      p->customer = NULL;
  }
  strbuf_append(&p->origins, "]", 1);
  strbuf_append(&p->dests, "]", 1);
}

static bool is(const char *a, const char *b) {
  return strcmp(a, b) == 0;
}

/* Status timestamps along the path actually taken (and the review
 * document). Returns the time its refunds start. */
static int64_t set_times(struct demo *d, struct dpay *p, enum plan plan,
                         bool review, bool unassigned, int64_t t) {
  const char *status = p->status;
  int64_t step = 5 * 60000LL + (int64_t)sandbox_demo_rnd(d, 20 * 60000);
  int64_t last = t;
  bool captured = is(status, "CAPTURED") || is(status, "RECEIVED") ||
                  is(status, "SETTLED") || is(status, "UNSETTLED");
  if (is(status, "AUTHORIZED") || (captured && is(p->type, "PURCHASE")))
    p->authorized = last = t + step / 3;
  if (review) {
    p->doc_status = plan == PLAN_REVIEW_PENDING    ? "PENDING_UPLOAD"
                    : plan == PLAN_REVIEW_UPLOADED ? "UPLOADED"
                    : plan == PLAN_REVIEW_APPROVED ? "APPROVED"
                                                   : "REJECTED";
    p->review_reason = "SOURCE_OF_FUNDS_REQUIRED";
    if (plan != PLAN_REVIEW_PENDING)
      add_review_doc(p, p->doc_status, t + step, d->sb->base_url);
    last = t + step;
  }
  if (captured && !unassigned)
    p->captured = last = t + step;
  if (is(status, "RECEIVED") || is(status, "SETTLED") ||
      is(status, "UNSETTLED"))
    p->received = t + step + step / 2;
  if (is(status, "SETTLED") || is(status, "UNSETTLED")) {
    last = t + 2 * step;
    *(is(status, "SETTLED") ? &p->settled : &p->unsettled) =
        last < d->now ? last : d->now;
  }
  if (is(status, "FAILED"))
    last = t + step;
  if (unassigned) {
    p->expires = t + 48 * HOUR_MS;
    if (plan == PLAN_EXPIRED) {
      last = t + 48 * HOUR_MS;
      p->expired = last < d->now ? last : d->now;
    }
  }
  if (last > d->now)
    last = d->now;
  if (p->received > d->now)
    p->received = d->now;
  p->updated = last;
  int64_t rt = last + HOUR_MS < d->now ? last + HOUR_MS : d->now;
  if (plan == PLAN_SETTLED_FULL_REFUND)
    p->refunded = rt + 2 * HOUR_MS < d->now ? rt + 2 * HOUR_MS : d->now;
  return rt;
}

/* Write the payment, then the refund children its plan has (from rt). */
static int write_with_children(struct demo *d, const struct dpay *p,
                               enum plan plan, int64_t rt) {
  int rc = write_payment(d, p);
  if (rc == 0 && plan == PLAN_EXPIRED)
    rc = make_refund(d, p, p->minor, "SETTLED", p->expired,
                     "Automatic refund: unassigned deposit expired");
  if (rc == 0 && plan == PLAN_SETTLED_FULL_REFUND)
    rc = make_refund(d, p, p->minor, "SETTLED", rt,
                     "Customer requested a refund");
  if (rc == 0 && plan == PLAN_SETTLED_PARTIAL_REFUNDS) {
    int64_t part = p->minor / 3 > 0 ? p->minor / 3 : 1;
    rc = make_refund(d, p, part, "SETTLED", rt, "Partial refund");
    if (rc == 0)
      rc = make_refund(d, p, part, "FAILED", rt, "Partial refund");
  }
  if (rc == 0 && plan == PLAN_SETTLED_REFUND_RUNNING)
    rc = make_refund(d, p, p->minor / 2 > 0 ? p->minor / 2 : 1, "RECEIVED",
                     d->now, "Refund in progress");
  return rc;
}

int sandbox_demo_payments_make(struct demo *d, enum plan plan, int64_t t,
                               int hint, const char *force_type) {
  int cur = 0;
  bool unassigned = false;
  const char *type = plan_type(d, plan, hint, force_type, &cur, &unassigned);
  bool review = plan == PLAN_REVIEW_PENDING || plan == PLAN_REVIEW_UPLOADED ||
                plan == PLAN_REVIEW_REJECTED || plan == PLAN_REVIEW_APPROVED;
  const struct demo_customer *cu = pick_customer(d, hint, &review);
  struct dpay p;
  char ext[32];
  char desc[96];
  dpay_init(&p);
  p.cur = cur;
  p.minor = plan_amount(d, cur, cu, review);
  sandbox_demo_fmt_amount(cur, p.minor, p.amount, sizeof(p.amount));
  p.status = plan_status(plan, review);
  p.type = type;
  sandbox_demo_new_id(d, t, p.id);
  p.created = t;
  const struct demo_account *acct =
      set_parties(d, &p, cu, unassigned, ext, desc);
  add_nodes(d, &p, cu, acct, unassigned);
  int64_t rt = set_times(d, &p, plan, review, unassigned, t);
  int rc = write_with_children(d, &p, plan, rt);
  dpay_cleanup(&p);
  return rc;
}
