/*
 * fake_app.h - an in-memory stand-in for the app layer, so the views can be
 * rendered from hand-built payments without a cache, a network or a
 * terminal. Defines every app_* function the UI calls (the linker then
 * never pulls the real app objects). Include it in exactly one .c file per
 * test executable.
 */
#ifndef DESK_TEST_FAKE_APP_H
#define DESK_TEST_FAKE_APP_H

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/app.h"
#include "app/app_export.h"
#include "core/action.h"
#include "core/account.h"
#include "core/customer.h"
#include "core/filter.h"
#include "core/money.h"
#include "core/payment.h"
#include "core/refund.h"
#include "core/timeutil.h"
#include "core/xalloc.h"

struct app {
  struct payment_list payments;
  struct customer_list customers;
  struct account_list accounts;
  struct app_activity activity[1200];
  size_t nactivity;
  struct app_activity outbox[8];
  size_t noutbox;
  struct app_status status;
  uint64_t gen;
  int submits;
  struct app_action last_action;
  char last_amount[64];
  bool deny_all;
  int checks;
  const char *duplicate_of; /* refunds of this amount are "identical" */
  bool no_customer_link;    /* the server offers no customer link */
};

/* 2025-04-10 12:00:00 UTC */
#define FAKE_NOW 1744286400000LL
#define FAKE_HOUR (3600LL * 1000)
#define FAKE_DAY (24 * FAKE_HOUR)

static inline struct payment *
fake_payment(struct app *a, const char *id, int64_t created,
             enum payment_type type, enum payment_status status,
             const char *amount, const char *currency, const char *customer) {
  struct payment *p = payment_list_push(&a->payments);
  p->id = xstrdup(id);
  p->created_at = created;
  p->updated_at = created;
  p->type = type;
  p->type_raw = xstrdup(payment_type_name(type));
  p->status = status;
  p->status_raw = xstrdup(payment_status_name(status));
  if (money_parse(amount, currency, &p->total) != CORE_OK) {
    fprintf(stderr, "fake_payment: bad amount %s %s\n", amount, currency);
    abort();
  }
  p->customer_name = customer ? xstrdup(customer) : NULL;
  p->raw_json = xasprintf("{\"id\":\"%s\",\"totalAmount\":\"%s\","
                          "\"currency\":\"%s\"}",
                          id, amount, currency);
  return p;
}

static inline void fake_init(struct app *a) {
  memset(a, 0, sizeof *a);
  a->status.env_host = "127.0.0.1";
  a->status.online = true;
  a->status.last_sync_ms = FAKE_NOW - 2 * 60 * 1000;
}

static inline void fake_cleanup(struct app *a) {
  payment_list_cleanup(&a->payments);
  customer_list_cleanup(&a->customers);
  account_list_cleanup(&a->accounts);
}

static inline void fake_copy_out(const struct payment *src,
                                 struct payment_list *out) {
  payment_copy(payment_list_push(out), src);
}

static inline int fake_cmp_created(const void *x, const void *y) {
  const struct payment *a = x, *b = y;
  return (a->created_at < b->created_at) - (a->created_at > b->created_at);
}

enum app_err app_payments_query(struct app *a, const struct filter *f,
                                enum keyset_sort sort,
                                const struct keyset_cursor *after, size_t limit,
                                struct payment_list *out,
                                struct keyset_cursor *next,
                                struct app_error *err) {
  (void)err;
  (void)after;
  struct payment_list tmp = {0};
  for (size_t i = 0; i < a->payments.count; i++)
    if (f == NULL || filter_match(f, &a->payments.items[i]))
      fake_copy_out(&a->payments.items[i], &tmp);
  if (tmp.count > 1)
    qsort(tmp.items, tmp.count, sizeof tmp.items[0], fake_cmp_created);
  if (sort == KEYSET_CREATED_ASC) {
    for (size_t i = 0; i < tmp.count / 2; i++) {
      struct payment t = tmp.items[i];
      tmp.items[i] = tmp.items[tmp.count - 1 - i];
      tmp.items[tmp.count - 1 - i] = t;
    }
  }
  /* the fake's cursor is an offset in cursor.key */
  size_t start = after && after->valid ? (size_t)after->key : 0, i;
  for (i = start; i < tmp.count && i - start < limit; i++) {
    *payment_list_push(out) = tmp.items[i];
    memset(&tmp.items[i], 0, sizeof tmp.items[i]);
  }
  if (next) {
    memset(next, 0, sizeof *next);
    next->valid = i < tmp.count;
    next->key = (int64_t)i;
  }
  payment_list_cleanup(&tmp);
  return APP_OK;
}

enum app_err app_payments_count(struct app *a, const struct filter *f,
                                int64_t *count, struct app_error *err) {
  (void)err;
  *count = 0;
  for (size_t i = 0; i < a->payments.count; i++)
    if (f == NULL || filter_match(f, &a->payments.items[i]))
      (*count)++;
  return APP_OK;
}

static enum app_err fake_totals(struct app *a, const struct filter *f,
                                struct app_totals *out,
                                struct app_error *err) {
  (void)err;
  memset(out, 0, sizeof *out);
  /* main currency: the most frequent among the matching payments */
  size_t best = 0;
  for (size_t i = 0; i < a->payments.count; i++) {
    const struct payment *p = &a->payments.items[i];
    if (f && !filter_match(f, p))
      continue;
    size_t n = 0;
    for (size_t j = 0; j < a->payments.count; j++)
      if ((!f || filter_match(f, &a->payments.items[j])) &&
          strcmp(a->payments.items[j].total.currency, p->total.currency) == 0)
        n++;
    if (n > best) {
      best = n;
      snprintf(out->main_currency, sizeof out->main_currency, "%s",
               p->total.currency);
    }
  }
  for (size_t i = 0; i < a->payments.count; i++) {
    const struct payment *p = &a->payments.items[i];
    if (f && !filter_match(f, p))
      continue;
    out->total++;
    out->by_status[p->status]++;
    if (strcmp(p->total.currency, out->main_currency) == 0)
      out->main_minor[p->status] += p->total.minor;
  }
  return APP_OK;
}

enum app_err app_payment_get(struct app *a, const char *id, struct payment *out,
                             struct app_error *err) {
  for (size_t i = 0; i < a->payments.count; i++) {
    if (strcmp(a->payments.items[i].id, id) == 0) {
      payment_copy(out, &a->payments.items[i]);
      return APP_OK;
    }
  }
  snprintf(err->msg, sizeof err->msg, "not found");
  return APP_ERR_DATA;
}

enum app_err app_review_query(struct app *a, const struct filter *f,
                              const struct keyset_cursor *after, size_t limit,
                              struct payment_list *out,
                              struct keyset_cursor *next,
                              struct app_error *err) {
  struct payment_list all = {0};
  app_payments_query(a, f, KEYSET_CREATED_ASC, after, 100000, &all, NULL,
                     err);
  for (size_t i = 0; i < all.count && out->count < limit; i++)
    if (all.items[i].status == PAYMENT_STATUS_REQUIRES_REVIEW)
      fake_copy_out(&all.items[i], out);
  payment_list_cleanup(&all);
  if (next)
    memset(next, 0, sizeof *next);
  return APP_OK;
}

enum app_err app_unassigned_query(struct app *a, size_t limit,
                                  struct payment_list *out,
                                  struct app_error *err) {
  (void)err;
  for (size_t i = 0; i < a->payments.count && out->count < limit; i++) {
    const struct payment *p = &a->payments.items[i];
    if (p->type == PAYMENT_TYPE_TOPUP_ACCOUNT &&
        p->status == PAYMENT_STATUS_CREATED && p->account_number == NULL)
      fake_copy_out(p, out);
  }
  return APP_OK;
}

enum app_err app_refunds_query(struct app *a, const char *parent_id,
                               const struct keyset_cursor *after, size_t limit,
                               struct payment_list *out,
                               struct keyset_cursor *next,
                               struct app_error *err) {
  (void)after;
  (void)err;
  for (size_t i = 0; i < a->payments.count && out->count < limit; i++) {
    const struct payment *p = &a->payments.items[i];
    if (p->type == PAYMENT_TYPE_REFUND &&
        (parent_id == NULL || (p->parent_payment_id &&
                               strcmp(p->parent_payment_id, parent_id) == 0)))
      fake_copy_out(p, out);
  }
  if (next)
    memset(next, 0, sizeof *next);
  return APP_OK;
}

enum app_err app_refund_summary(struct app *a, const char *parent_id,
                                struct refund_summary *out,
                                struct app_error *err) {
  struct payment parent = {0};
  struct payment_list kids = {0};
  if (app_payment_get(a, parent_id, &parent, err) != APP_OK)
    return APP_ERR_DATA;
  app_refunds_query(a, parent_id, NULL, 1000, &kids, NULL, err);
  enum core_err rc =
      refund_summary_compute(&parent, kids.items, kids.count, out);
  payment_cleanup(&parent);
  payment_list_cleanup(&kids);
  return rc == CORE_OK ? APP_OK : APP_ERR_DATA;
}

/* The fake's customers list is in stored order; a cursor is an id. */
static inline bool fake_customer_in(const struct customer *c,
                                    const char *text) {
  return !text || !*text || (c->first_name && strstr(c->first_name, text)) ||
         (c->last_name && strstr(c->last_name, text));
}

bool app_customer_cursor(const struct customer *cu,
                         struct keyset_cursor *out) {
  memset(out, 0, sizeof *out);
  if (cu == NULL || cu->id == NULL)
    return false;
  out->valid = true;
  snprintf(out->id, sizeof out->id, "%s", cu->id);
  return true;
}

enum app_err app_customers_window(struct app *a, const char *text,
                                  const struct keyset_cursor *from,
                                  bool backward, bool inclusive, size_t limit,
                                  struct customer_list *out,
                                  struct app_error *err) {
  (void)err;
  size_t n = a->customers.count, at = backward ? n : 0;
  for (size_t i = 0; from && from->valid && i < n; i++)
    if (strcmp(a->customers.items[i].id, from->id) == 0)
      at = backward ? i + (inclusive ? 1 : 0) : i + (inclusive ? 0 : 1);
  size_t lo = backward ? 0 : at, hi = backward ? at : n, got = 0;
  size_t first = out->count;
  for (size_t k = 0; k < hi - lo && got < limit; k++) {
    size_t i = backward ? hi - 1 - k : lo + k;
    if (!fake_customer_in(&a->customers.items[i], text))
      continue;
    customer_copy(customer_list_push(out), &a->customers.items[i]);
    got++;
  }
  for (size_t i = first, j = out->count; backward && i + 1 < j; i++, j--) {
    struct customer t = out->items[i];
    out->items[i] = out->items[j - 1];
    out->items[j - 1] = t;
  }
  return APP_OK;
}

enum app_err app_customers_nth(struct app *a, const char *text, int64_t n,
                               struct keyset_cursor *out,
                               struct app_error *err) {
  for (size_t i = 0; i < a->customers.count; i++)
    if (fake_customer_in(&a->customers.items[i], text) && n-- == 0)
      return app_customer_cursor(&a->customers.items[i], out)
                 ? APP_OK
                 : APP_ERR_NOT_FOUND;
  snprintf(err->msg, sizeof err->msg, "no such row");
  return APP_ERR_NOT_FOUND;
}

enum app_err app_customer_get(struct app *a, const char *id,
                              struct customer *out, struct app_error *err) {
  for (size_t i = 0; i < a->customers.count; i++) {
    if (strcmp(a->customers.items[i].id, id) == 0) {
      customer_copy(out, &a->customers.items[i]);
      return APP_OK;
    }
  }
  snprintf(err->msg, sizeof err->msg, "not found");
  return APP_ERR_DATA;
}

bool app_customer_link_offered(struct app *a) {
  return !a->no_customer_link;
}

enum app_err app_accounts_list(struct app *a, struct account_list *out,
                               struct app_error *err) {
  (void)err;
  for (size_t i = 0; i < a->accounts.count; i++) {
    struct account *d = account_list_push(out);
    const struct account *s = &a->accounts.items[i];
    d->account_number = xstrdup(s->account_number);
    d->currency = xstrdup(s->currency);
    d->name = xstrdup(s->name);
  }
  return APP_OK;
}

const char *app_action_name(enum app_action_kind k) {
  static const char *const names[] = {"capture", "authorize", "refund",
                                      "assign",  "upload",    "approve",
                                      "reject"};
  return k < APP_ACTION_COUNT_ ? names[k] : "?";
}

bool app_action_allowed(struct app *a, const struct payment *p,
                        enum app_action_kind k, char *why, size_t whylen) {
  if (a->deny_all) {
    snprintf(why, whylen, "offline");
    return false;
  }
  return action_applies((enum action_kind)k, p, why, whylen);
}

const char app_review_by_conomy[] = "review is resolved by conomy";

bool app_review_resolvable(struct app *a) {
  (void)a;
  return true;
}

/* The app's checks that a dialog meets, from the same core table; the
 * maxRefundable comes from the fake's refunds, and duplicate_of stands in
 * for an identical refund in the outbox. */
enum app_err app_action_check(struct app *a, const struct app_action *act,
                              struct app_error *err) {
  a->checks++;
  err->code = APP_OK;
  if (act->kind != APP_ACTION_REFUND)
    return APP_OK;
  struct payment p = {0};
  struct refund_summary rs;
  if (app_payment_get(a, act->payment_id, &p, err) != APP_OK ||
      app_refund_summary(a, act->payment_id, &rs, err) != APP_OK) {
    payment_cleanup(&p);
    return APP_ERR_DATA;
  }
  struct money m;
  char why[256];
  bool ok = action_refund_amount_ok(&p, act->amount, &rs.max_refundable, &m,
                                    why, sizeof why);
  payment_cleanup(&p);
  if (!ok) {
    err->code = APP_ERR_USAGE;
    snprintf(err->msg, sizeof err->msg, "%s", why);
  } else if (a->duplicate_of && act->amount && !act->again &&
             strcmp(a->duplicate_of, act->amount) == 0) {
    err->code = APP_ERR_CONFLICT;
    snprintf(err->msg, sizeof err->msg,
             "an identical refund of %s was sent (outbox #7)", act->amount);
  }
  return err->code;
}

enum app_err app_action_submit(struct app *a, const struct app_action *act,
                               int64_t *outbox_id, struct app_error *err) {
  (void)err;
  a->submits++;
  a->last_action = *act;
  snprintf(a->last_amount, sizeof a->last_amount, "%s",
           act->amount ? act->amount : "");
  *outbox_id = a->submits;
  return APP_OK;
}

const char *app_content_type(const char *path) {
  const char *dot = strrchr(path, '.');
  if (dot && strcmp(dot, ".pdf") == 0)
    return "application/pdf";
  if (dot && strcmp(dot, ".txt") == 0)
    return "text/plain";
  return "application/octet-stream";
}

enum app_err app_activity_list(struct app *a, size_t limit,
                               struct app_activity **rows, size_t *n,
                               struct app_error *err) {
  (void)err;
  size_t k = a->nactivity < limit ? a->nactivity : limit;
  *rows = xcalloc(k ? k : 1, sizeof **rows);
  memcpy(*rows, a->activity, k * sizeof **rows);
  *n = k;
  return APP_OK;
}

enum app_err app_outbox_list(struct app *a, struct app_activity **rows,
                             size_t *n, struct app_error *err) {
  (void)err;
  *rows = xcalloc(a->noutbox ? a->noutbox : 1, sizeof **rows);
  memcpy(*rows, a->outbox, a->noutbox * sizeof **rows);
  *n = a->noutbox;
  return APP_OK;
}

void app_request_sync(struct app *a) {
  a->gen++;
}

uint64_t app_generation(struct app *a) {
  return a->gen;
}

void app_status_get(struct app *a, struct app_status *st) {
  *st = a->status;
}

/* ---- windows of a list (the fake's key is created_at, then the id) ---- */
static inline bool fake_in_list(const struct app_query *q,
                                const struct payment *p) {
  if (q->filter && !filter_match(q->filter, p))
    return false;
  switch (q->list) {
  case APP_LIST_REVIEW:
    return p->status == PAYMENT_STATUS_REQUIRES_REVIEW;
  case APP_LIST_REFUNDS:
    return p->type == PAYMENT_TYPE_REFUND &&
           (q->parent_id == NULL ||
            (p->parent_payment_id &&
             strcmp(p->parent_payment_id, q->parent_id) == 0));
  case APP_LIST_UNASSIGNED:
    return p->type == PAYMENT_TYPE_TOPUP_ACCOUNT &&
           p->status == PAYMENT_STATUS_CREATED && p->account_number == NULL;
  default:
    return true;
  }
}

static inline bool fake_asc(const struct app_query *q) {
  return q->list == APP_LIST_REVIEW || q->list == APP_LIST_UNASSIGNED ||
         (q->list == APP_LIST_PAYMENTS &&
          (q->sort == KEYSET_CREATED_ASC || q->sort == KEYSET_AMOUNT_ASC));
}

/* (key, id) of a against (key, id) of b in list order: <0, 0, >0. */
static inline int fake_order(const struct app_query *q, int64_t ka,
                             const char *ia, int64_t kb, const char *ib) {
  int c = ka < kb ? -1 : ka > kb ? 1 : strcmp(ia, ib);
  c = c < 0 ? -1 : c > 0;
  return fake_asc(q) ? c : -c;
}

static struct app_query fake_sort_q;
static inline int fake_cmp_q(const void *x, const void *y) {
  const struct payment *a = x, *b = y;
  return fake_order(&fake_sort_q, a->created_at, a->id, b->created_at, b->id);
}

bool app_query_cursor(const struct app_query *q, const struct payment *p,
                      struct keyset_cursor *out) {
  (void)q;
  memset(out, 0, sizeof *out);
  if (p == NULL || p->id == NULL)
    return false;
  out->valid = true;
  out->key = p->created_at;
  snprintf(out->id, sizeof out->id, "%s", p->id);
  return true;
}

static inline void fake_list(struct app *a, const struct app_query *q,
                             struct payment_list *tmp) {
  for (size_t i = 0; i < a->payments.count; i++)
    if (fake_in_list(q, &a->payments.items[i]))
      fake_copy_out(&a->payments.items[i], tmp);
  fake_sort_q = *q;
  if (tmp->count > 1)
    qsort(tmp->items, tmp->count, sizeof tmp->items[0], fake_cmp_q);
}

enum app_err app_payments_window(struct app *a, const struct app_query *q,
                                 const struct keyset_cursor *from, bool backward,
                                 bool inclusive, size_t limit,
                                 struct payment_list *out,
                                 struct app_error *err) {
  (void)err;
  struct payment_list tmp = {0};
  fake_list(a, q, &tmp);
  bool have = from && from->valid;
  size_t n = tmp.count, lo = 0, hi = n; /* candidates [lo, hi) */
  if (have) {
    size_t i = 0;
    while (i < n && fake_order(q, tmp.items[i].created_at, tmp.items[i].id,
                               from->key, from->id) < 0)
      i++;
    if (backward) {
      hi = i; /* rows before `from` */
      if (inclusive && i < n &&
          fake_order(q, tmp.items[i].created_at, tmp.items[i].id, from->key,
                     from->id) == 0)
        hi = i + 1;
    } else {
      lo = i;
      if (!inclusive && i < n &&
          fake_order(q, tmp.items[i].created_at, tmp.items[i].id, from->key,
                     from->id) == 0)
        lo = i + 1;
    }
  }
  if (backward && hi - lo > limit)
    lo = hi - limit;
  if (!backward && hi - lo > limit)
    hi = lo + limit;
  for (size_t i = lo; i < hi; i++) {
    *payment_list_push(out) = tmp.items[i];
    memset(&tmp.items[i], 0, sizeof tmp.items[i]);
  }
  payment_list_cleanup(&tmp);
  return APP_OK;
}

enum app_err app_query_count(struct app *a, const struct app_query *q,
                             int64_t *count, struct app_error *err) {
  (void)err;
  *count = 0;
  for (size_t i = 0; i < a->payments.count; i++)
    if (fake_in_list(q, &a->payments.items[i]))
      (*count)++;
  return APP_OK;
}

enum app_err app_query_nth(struct app *a, const struct app_query *q,
                           int64_t n, struct keyset_cursor *out,
                           struct app_error *err) {
  struct payment_list tmp = {0};
  fake_list(a, q, &tmp);
  enum app_err rc = APP_OK;
  if (n < 0 || (size_t)n >= tmp.count) {
    snprintf(err->msg, sizeof err->msg, "no row %lld", (long long)n + 1);
    rc = APP_ERR_NOT_FOUND;
  } else {
    app_query_cursor(q, &tmp.items[n], out);
  }
  payment_list_cleanup(&tmp);
  return rc;
}

/* The fake computes the figures at once (the real app in the
 * background), so the views show them on the first frame. */
static struct {
  bool asked[APP_LIST_COUNT_];
  char text[APP_LIST_COUNT_][256];
  int64_t now;
  uint64_t seq;
} fake_fig;

void app_summary_request(struct app *a, enum app_list list,
                         const char *filter_text, const char *parent_id,
                         int64_t now_ms, bool again) {
  (void)a;
  (void)parent_id;
  (void)again;
  fake_fig.asked[list] = true;
  snprintf(fake_fig.text[list], sizeof fake_fig.text[list], "%s",
           filter_text ? filter_text : "");
  fake_fig.now = now_ms;
  fake_fig.seq++;
}

void app_summary_get(struct app *a, enum app_list list,
                     struct app_summary *out) {
  memset(out, 0, sizeof *out);
  if (!fake_fig.asked[list])
    return;
  if (list == APP_LIST_CUSTOMERS) {
    for (size_t i = 0; i < a->customers.count; i++)
      out->count += fake_customer_in(&a->customers.items[i],
                                     fake_fig.text[list]);
    out->ready = true;
    return;
  }
  struct filter f;
  char why[128];
  if (filter_parse(fake_fig.text[list], &f, why, sizeof why) != CORE_OK)
    return;
  struct app_query q = {.list = list, .filter = &f};
  struct app_error err = {0};
  app_query_count(a, &q, &out->count, &err);
  if (list == APP_LIST_PAYMENTS) {
    fake_totals(a, &f, &out->totals, &err);
    int64_t day0 = (fake_fig.now / FAKE_DAY - (APP_SPARK_DAYS - 1)) * FAKE_DAY;
    for (size_t i = 0; i < a->payments.count; i++) {
      const struct payment *p = &a->payments.items[i];
      int64_t d = (p->created_at - day0) / FAKE_DAY;
      if (p->created_at >= day0 && d < APP_SPARK_DAYS && filter_match(&f, p))
        out->spark[d]++;
    }
  }
  out->ready = true;
  filter_cleanup(&f);
}

uint64_t app_summary_seq(struct app *a) {
  (void)a;
  return fake_fig.seq;
}

enum app_err app_export(struct app *a, const struct app_query *q,
                        enum app_export_format fmt, int64_t limit, FILE *f,
                        int64_t *rows, struct app_error *err) {
  (void)fmt;
  (void)limit;
  (void)err;
  struct payment_list tmp = {0};
  fake_list(a, q, &tmp);
  fputs("id,created_at,type,status,amount,currency\n", f);
  for (size_t i = 0; i < tmp.count; i++)
    fprintf(f, "\"%s\"\n", tmp.items[i].id);
  *rows = (int64_t)tmp.count;
  payment_list_cleanup(&tmp);
  return APP_OK;
}

#endif
