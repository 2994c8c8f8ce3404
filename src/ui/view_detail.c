/*
 * view_detail - payment detail and raw JSON views. See view_detail.h.
 */
#include "ui/view_detail.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/customer.h"
#include "core/filter.h"
#include "core/money.h"
#include "core/refund.h"
#include "core/sanitize.h"
#include "core/timeutil.h"
#include "core/xalloc.h"
#include "app/app_text.h"
#include "ui/textdoc.h"

#define MAX_CHILDREN 50

struct detail_view {
  struct view base;
  char id[64];
  struct payment p;
  bool found;
  struct textdoc doc;
};

static void fmt_money(const struct money *m, char *buf, size_t len) {
  char amt[MONEY_FMT_MAX];
  view_amount(m, amt, sizeof amt);
  char *cur = sanitize_text(m->currency);
  snprintf(buf, len, "%s %s", amt, cur);
  free(cur);
}

struct stamp {
  int64_t at;
  const char *what;
};

static int cmp_stamp(const void *a, const void *b) {
  const struct stamp *x = a, *y = b;
  return (x->at > y->at) - (x->at < y->at);
}

static void add_timeline(struct textdoc *d, const struct payment *p,
                         int64_t now) {
  struct stamp s[8];
  size_t n = 0;
  if (p->created_at)
    s[n++] = (struct stamp){p->created_at, "created"};
  if (p->authorized_at)
    s[n++] = (struct stamp){p->authorized_at, "authorized"};
  if (p->captured_at)
    s[n++] = (struct stamp){p->captured_at, "captured"};
  if (p->settled_at)
    s[n++] = (struct stamp){p->settled_at, "settled"};
  if (p->refunded_at)
    s[n++] = (struct stamp){p->refunded_at, "refunded"};
  if (p->updated_at)
    s[n++] = (struct stamp){p->updated_at, "last update"};
  qsort(s, n, sizeof s[0], cmp_stamp);
  textdoc_section(d, "Timeline");
  for (size_t i = 0; i < n; i++) {
    char t[32], age[16];
    view_time(s[i].at, t, sizeof t);
    if (time_format_age(s[i].at, now, age, sizeof age) < 0)
      snprintf(age, sizeof age, "?");
    textdoc_kvf(d, s[i].what, ROLE_NORMAL, "%s  (%s ago)", t, age);
  }
  if (p->expires_at) {
    char t[32], left[16];
    view_time(p->expires_at, t, sizeof t);
    if (p->expires_at <= now)
      textdoc_kvf(d, "expires", ROLE_OVERDUE, "%s  (expired)", t);
    else if (time_format_age(now, p->expires_at, left, sizeof left) >= 0)
      textdoc_kvf(d, "expires", ROLE_WARN, "%s  (in %s)", t, left);
  }
  char st[64];
  view_status_text(p, st, sizeof st);
  textdoc_kv(d, "status now", st, view_status_role(p->status));
}

/* When rows holds more than MAX_CHILDREN (one more was read to know),
 * the extra one goes and a link lists all of them (`what`) in the Payments
 * pane, filtered by `filter` + id. */
static void all_link(struct textdoc *d, struct payment_list *rows,
                     const char *filter, const char *id, const char *what) {
  if (rows->count <= MAX_CHILDREN)
    return;
  payment_cleanup(&rows->items[--rows->count]);
  char *f = xasprintf("%s%s", filter, id);
  char *text = xasprintf("the first %d here; all %s in the Payments pane",
                         MAX_CHILDREN, what);
  textdoc_link(d, "all", text, TEXTDOC_LINK_PAYMENTS_FILTER, f);
  free(text);
  free(f);
}

static void add_refunds(struct detail_view *dv, struct textdoc *d) {
  struct app *app = dv->base.ctx->app;
  const struct payment *p = &dv->p;
  struct app_error err = {0};
  const char *parent =
      p->type == PAYMENT_TYPE_REFUND ? p->parent_payment_id : p->id;
  if (parent == NULL)
    return;
  struct refund_summary rs;
  memset(&rs, 0, sizeof rs);
  if (app_refund_summary(app, parent, &rs, &err) != APP_OK)
    return;
  /* only where refunds mean something: a refund, a refundable payment, or
   * one that already has refunds */
  if (p->type != PAYMENT_TYPE_REFUND && p->status != PAYMENT_STATUS_SETTLED &&
      p->status != PAYMENT_STATUS_REFUNDED &&
      rs.completed_count + rs.in_progress_count + rs.failed_count == 0)
    return;
  char buf[128];
  textdoc_section(d, p->type == PAYMENT_TYPE_REFUND
                         ? "Refunds of the parent payment"
                         : "Refunds");
  fmt_money(&rs.parent_amount, buf, sizeof buf);
  textdoc_kv(d, "parent amount", buf, ROLE_AMOUNT);
  fmt_money(&rs.total_refunded, buf, sizeof buf);
  textdoc_kvf(d, "refunded", ROLE_NORMAL, "%s  (%lld completed)", buf,
              (long long)rs.completed_count);
  fmt_money(&rs.total_in_progress, buf, sizeof buf);
  textdoc_kvf(d, "in progress", ROLE_NORMAL, "%s  (%lld)", buf,
              (long long)rs.in_progress_count);
  fmt_money(&rs.total_failed, buf, sizeof buf);
  textdoc_kvf(d, "failed", ROLE_NORMAL, "%s  (%lld)", buf,
              (long long)rs.failed_count);
  fmt_money(&rs.max_refundable, buf, sizeof buf);
  textdoc_kv(d, "maxRefundable", buf, ROLE_AMOUNT);
  struct payment_list kids = {0};
  if (app_refunds_query(app, parent, NULL, MAX_CHILDREN + 1, &kids, NULL,
                        &err) == APP_OK) {
    all_link(d, &kids, "type:REFUND parent:", parent, "its refunds");
    for (size_t i = 0; i < kids.count; i++) {
      const struct payment *k = &kids.items[i];
      char amt[128], st[64], line[256];
      fmt_money(&k->total, amt, sizeof amt);
      view_status_text(k, st, sizeof st);
      char *id = sanitize_text(k->id);
      snprintf(line, sizeof line, "%s  %s  %s", id, st, amt);
      free(id);
      textdoc_link(d, "refund", line, TEXTDOC_LINK_PAYMENT, k->id);
    }
  }
  payment_list_cleanup(&kids);
}

static void add_related(struct detail_view *dv, struct textdoc *d) {
  const struct payment *p = &dv->p;
  struct app *app = dv->base.ctx->app;
  struct app_error err = {0};
  bool any = p->parent_payment_id || p->related_payment_id;
  struct payment_list kids = {0};
  struct filter f;
  char why[128];
  char *expr = xasprintf("parent:%s", p->id);
  if (filter_parse(expr, &f, why, sizeof why) == CORE_OK) {
    app_payments_query(app, &f, KEYSET_CREATED_ASC, NULL, MAX_CHILDREN + 1,
                       &kids, NULL, &err);
    filter_cleanup(&f);
  }
  free(expr);
  if (!any && kids.count == 0) {
    payment_list_cleanup(&kids);
    return;
  }
  textdoc_section(d, "Related payments");
  if (p->parent_payment_id)
    textdoc_link(d, "parent", p->parent_payment_id, TEXTDOC_LINK_PAYMENT,
                 p->parent_payment_id);
  if (p->related_payment_id)
    textdoc_link(d, "related", p->related_payment_id, TEXTDOC_LINK_PAYMENT,
                 p->related_payment_id);
  all_link(d, &kids, "parent:", p->id, "its children");
  for (size_t i = 0; i < kids.count; i++) {
    const struct payment *k = &kids.items[i];
    char amt[128], st[64], line[256];
    fmt_money(&k->total, amt, sizeof amt);
    view_status_text(k, st, sizeof st);
    char *id = sanitize_text(k->id);
    snprintf(line, sizeof line, "%s  %s  %s  %s", id,
             payment_type_name(k->type), st, amt);
    free(id);
    textdoc_link(d, "child", line, TEXTDOC_LINK_PAYMENT, k->id);
  }
  payment_list_cleanup(&kids);
}

/* A payment without a customer id whose record had no customerId (or
 * whose link was looked up): what the customer link found, and the name
 * of the payment's own snapshot, if any. */
static void add_unlinked(struct detail_view *dv, struct textdoc *d) {
  const struct payment *p = &dv->p;
  char when[32];
  if (p->customer_link_at > 0) {
    view_time(p->customer_link_at, when, sizeof when);
    textdoc_kvf(d, "customer", ROLE_DIM, "not linked (looked up %s)", when);
  } else if (!app_customer_link_offered(dv->base.ctx->app)) {
    textdoc_kvf(d, "customer", ROLE_DIM,
                "not linked (the server offers no customer link)");
  } else {
    textdoc_kvf(d, "customer", ROLE_DIM, "not looked up yet");
  }
  if (p->customer_name && p->customer_name[0])
    textdoc_kv(d, "name", p->customer_name, ROLE_NORMAL);
}

static void add_customer(struct detail_view *dv, struct textdoc *d) {
  const struct payment *p = &dv->p;
  textdoc_section(d, "Customer");
  char name[256];
  view_customer(p, name, sizeof name);
  if (p->customer_id)
    textdoc_link(d, "customer", name, TEXTDOC_LINK_CUSTOMER, p->customer_id);
  else if (p->customer_id_absent || p->customer_link_at > 0)
    add_unlinked(dv, d);
  else
    textdoc_kv(d, "customer", name, ROLE_NORMAL);
  textdoc_kv(d, "email", p->customer_email, ROLE_NORMAL);
  textdoc_kv(d, "document", p->customer_document, ROLE_NORMAL);
  if (p->customer_id == NULL)
    return;
  struct customer cu;
  struct app_error err = {0};
  memset(&cu, 0, sizeof cu);
  if (app_customer_get(dv->base.ctx->app, p->customer_id, &cu, &err) != APP_OK)
    return;
  textdoc_kv(d, "operation level", cu.operation_level, ROLE_NORMAL);
  textdoc_kv(d, "documented", cu.is_documented ? "yes" : "no",
             cu.is_documented ? ROLE_OK : ROLE_WARN);
  for (size_t i = 0; i < cu.documents_count; i++) {
    const struct customer_document *doc = &cu.documents[i];
    char *t = sanitize_text(doc->type);
    char *s = sanitize_text(doc->status);
    char when[32];
    view_time(doc->uploaded_at, when, sizeof when);
    textdoc_kvf(d, "document", ROLE_NORMAL, "%s  %s  %s", t, s, when);
    free(t);
    free(s);
  }
  customer_cleanup(&cu);
}

/* The payment's review documents, from its raw object ("documents[i].x"):
 * one line per document with type, status, content type and time. */
static void add_documents(struct textdoc *d, const struct payment *p) {
  struct json_field *pairs = NULL;
  size_t n = app_json_fields(p->raw_json, &pairs);
  long last = -1;
  char type[64] = "", status[64] = "", ctype[64] = "", when[64] = "";
  bool any = false;
  for (size_t i = 0; i <= n; i++) {
    long idx = -1;
    const char *field = NULL;
    if (i < n && strncmp(pairs[i].path, "documents[", 10) == 0) {
      char *end;
      idx = strtol(pairs[i].path + 10, &end, 10);
      if (end[0] == ']' && end[1] == '.')
        field = end + 2;
      else
        idx = -1;
    }
    if (last >= 0 && idx != last) {
      if (!any)
        textdoc_section(d, "Documents");
      any = true;
      textdoc_kvf(d, type[0] ? type : "document",
                  strcmp(status, "APPROVED") == 0   ? ROLE_OK
                  : strcmp(status, "REJECTED") == 0 ? ROLE_ERROR
                                                    : ROLE_NORMAL,
                  "%s  %s  %s", status[0] ? status : "-",
                  ctype[0] ? ctype : "-", when[0] ? when : "-");
      type[0] = status[0] = ctype[0] = when[0] = '\0';
    }
    last = idx;
    if (field == NULL)
      continue;
    /* values are sanitised by app_json_* */
    if (strcmp(field, "type") == 0)
      snprintf(type, sizeof type, "%s", pairs[i].value);
    else if (strcmp(field, "status") == 0)
      snprintf(status, sizeof status, "%s", pairs[i].value);
    else if (strcmp(field, "contentType") == 0)
      snprintf(ctype, sizeof ctype, "%s", pairs[i].value);
    else if (strcmp(field, "uploadedAt") == 0)
      snprintf(when, sizeof when, "%s", pairs[i].value);
  }
  json_fields_free(pairs, n);
}

/* Value of the pair whose path is prefix + suffix, or NULL. */
static const char *pair_get(const struct json_field *pairs, size_t n,
                            const char *prefix, const char *suffix) {
  size_t pl = strlen(prefix), sl = strlen(suffix);
  for (size_t i = 0; i < n; i++) {
    size_t l = strlen(pairs[i].path);
    if (l == pl + sl && strncmp(pairs[i].path, prefix, pl) == 0 &&
        strcmp(pairs[i].path + pl, suffix) == 0)
      return pairs[i].value;
  }
  return NULL;
}

/* Value of the first pair under prefix whose path ends with suffix (the
 * rail object in between varies: "origins[0].pix.customer.firstName"). */
static const char *pair_find(const struct json_field *pairs, size_t n,
                             const char *prefix, const char *suffix) {
  size_t pl = strlen(prefix), sl = strlen(suffix);
  for (size_t i = 0; i < n; i++) {
    size_t l = strlen(pairs[i].path);
    if (l >= pl + sl && strncmp(pairs[i].path, prefix, pl) == 0 &&
        strcmp(pairs[i].path + l - sl, suffix) == 0)
      return pairs[i].value;
  }
  return NULL;
}

/* NULL for a missing value or a JSON null. */
static const char *nz(const char *v) {
  return v && strcmp(v, "null") != 0 && *v ? v : NULL;
}

/* Origins, destinations and fees, one line each, from the raw object. */
static void add_flows(struct textdoc *d, const struct payment *p) {
  static const struct {
    const char *key, *label;
  } kinds[] = {
      {"origins", "origin"}, {"destinations", "destination"}, {"fees", "fee"}};
  struct json_field *pairs = NULL;
  size_t n = app_json_fields(p->raw_json, &pairs);
  bool any = false;
  for (size_t k = 0; k < sizeof kinds / sizeof kinds[0]; k++) {
    for (int i = 0; i < 32; i++) {
      char prefix[48];
      snprintf(prefix, sizeof prefix, "%s[%d].", kinds[k].key, i);
      if (pair_find(pairs, n, prefix, "") == NULL)
        break;
      const char *type = nz(pair_get(pairs, n, prefix, "type"));
      const char *amount = nz(pair_get(pairs, n, prefix, "amount"));
      const char *cur = nz(pair_get(pairs, n, prefix, "currency"));
      const char *first = nz(pair_find(pairs, n, prefix, ".firstName"));
      const char *last = nz(pair_find(pairs, n, prefix, ".lastName"));
      const char *acct = nz(pair_find(pairs, n, prefix, ".accountNumber"));
      const char *holder = nz(pair_find(pairs, n, prefix, ".accountHolder"));
      char who[256] = "";
      if (first || last)
        snprintf(who, sizeof who, "  %s %s", first ? first : "",
                 last ? last : "");
      else if (acct || holder)
        snprintf(who, sizeof who, "  account %s %s", acct ? acct : "",
                 holder ? holder : "");
      if (!any)
        textdoc_section(d, "Origins, destinations and fees");
      any = true;
      char label[32];
      snprintf(label, sizeof label, "%s %d", kinds[k].label, i + 1);
      /* every value was sanitised by app_json_* */
      textdoc_kvf(d, label, ROLE_NORMAL, "%s  %s %s%s", type ? type : "-",
                  amount ? amount : "-", cur ? cur : "", who);
    }
  }
  json_fields_free(pairs, n);
}

static void build(struct detail_view *dv) {
  struct textdoc *d = &dv->doc;
  const struct payment *p = &dv->p;
  int64_t now = dv->base.ctx->now_ms;
  char buf[256];
  textdoc_clear(d);
  if (!dv->found) {
    textdoc_text(d, "This payment is not in the cache.", ROLE_WARN);
    return;
  }
  textdoc_section(d, "Payment");
  textdoc_kv(d, "id", p->id, ROLE_NORMAL);
  textdoc_kv(d, "external id", p->external_id, ROLE_NORMAL);
  textdoc_kv(d, "type",
             p->type != PAYMENT_TYPE_UNKNOWN ? payment_type_name(p->type)
                                             : p->type_raw,
             ROLE_NORMAL);
  view_status_text(p, buf, sizeof buf);
  textdoc_kv(d, "status", buf, view_status_role(p->status));
  fmt_money(&p->total, buf, sizeof buf);
  textdoc_kv(d, "total amount", buf, ROLE_AMOUNT);
  if (p->purchase.currency[0]) {
    fmt_money(&p->purchase, buf, sizeof buf);
    textdoc_kv(d, "purchase amount", buf, ROLE_NORMAL);
  }
  textdoc_kv(d, "product", p->product, ROLE_NORMAL);
  textdoc_kv(d, "description", p->description, ROLE_NORMAL);
  textdoc_kv(d, "account", p->account_number, ROLE_NORMAL);
  textdoc_kv(d, "identity", p->identity_id, ROLE_NORMAL);
  if (p->documentation_status || p->review_reason ||
      p->status == PAYMENT_STATUS_REQUIRES_REVIEW) {
    textdoc_section(d, "Review");
    textdoc_kv(d, "documentation", p->documentation_status,
               p->documentation_status &&
                       strcmp(p->documentation_status, "UPLOADED") == 0
                   ? ROLE_OK
                   : ROLE_WARN);
    textdoc_kv(d, "reason", p->review_reason, ROLE_NORMAL);
  }
  add_documents(d, p);
  add_refunds(dv, d);
  add_flows(d, p);
  add_timeline(d, p, now);
  add_customer(dv, d);
  add_related(dv, d);
  /* Every field as sent: origins, destinations, fees, metadata. */
  struct json_field *pairs = NULL;
  size_t n = app_json_fields(p->raw_json, &pairs);
  int lw = 20;
  for (size_t i = 0; i < n; i++) {
    int pw = canvas_text_width(pairs[i].path, false);
    if (pw > lw)
      lw = pw > 48 ? 48 : pw;
  }
  if (n > 0) {
    textdoc_section(d, "All fields (as sent by the API)");
    for (size_t i = 0; i < n; i++) {
      struct textdoc_line *l;
      textdoc_kv(d, "", "", ROLE_NORMAL);
      l = &d->lines[d->count - 1];
      free(l->label);
      free(l->text);
      l->label = pairs[i].path; /* already sanitised */
      l->label_w = lw;          /* textdoc caps it at half the width */
      l->text = pairs[i].value;
      pairs[i].path = pairs[i].value = NULL;
    }
  }
  json_fields_free(pairs, n);
}

static void detail_load(struct view *v) {
  struct detail_view *dv = (struct detail_view *)v;
  struct app_error err = {0};
  payment_cleanup(&dv->p);
  dv->found = app_payment_get(v->ctx->app, dv->id, &dv->p, &err) == APP_OK;
  build(dv);
  char *sid = sanitize_text(dv->id);
  snprintf(v->title, sizeof v->title, "Payment %s", sid);
  free(sid);
}

static void detail_draw(struct view *v, struct canvas *c, int x, int y, int w,
                        int h) {
  struct detail_view *dv = (struct detail_view *)v;
  textdoc_draw(&dv->doc, c, x, y, w, h);
}

static unsigned open_link(struct ui_ctx *ctx, const struct textdoc_line *l) {
  memset(&ctx->req, 0, sizeof ctx->req);
  ctx->req.kind = l->link == TEXTDOC_LINK_CUSTOMER ? UI_REQ_OPEN_CUSTOMER
                  : l->link == TEXTDOC_LINK_PAYMENTS_FILTER
                      ? UI_REQ_PAYMENTS_FILTER
                      : UI_REQ_OPEN_PAYMENT;
  snprintf(ctx->req.id, sizeof ctx->req.id, "%s", l->link_id);
  return UI_REQUEST;
}

static unsigned detail_key(struct view *v, enum keymap_cmd cmd, int key) {
  struct detail_view *dv = (struct detail_view *)v;
  (void)key;
  if (textdoc_key(&dv->doc, cmd))
    return UI_REDRAW;
  if (cmd == CMD_OPEN) {
    const struct textdoc_line *l = textdoc_selected(&dv->doc);
    if (l == NULL) {
      snprintf(v->ctx->msg, sizeof v->ctx->msg,
               "Tab selects a related record, Enter opens it");
      v->ctx->msg_role = ROLE_DIM;
      return UI_REDRAW;
    }
    return open_link(v->ctx, l);
  }
  if (cmd == CMD_JUMP_PARENT || cmd == CMD_JUMP_CUSTOMER) {
    const char *id = cmd == CMD_JUMP_CUSTOMER  ? dv->p.customer_id
                     : dv->p.parent_payment_id ? dv->p.parent_payment_id
                                               : dv->p.related_payment_id;
    if (!dv->found || id == NULL) {
      snprintf(v->ctx->msg, sizeof v->ctx->msg, "no %s for this payment",
               cmd == CMD_JUMP_CUSTOMER ? "customer"
                                        : "parent or related payment");
      v->ctx->msg_role = ROLE_WARN;
      return UI_REDRAW;
    }
    memset(&v->ctx->req, 0, sizeof v->ctx->req);
    v->ctx->req.kind =
        cmd == CMD_JUMP_CUSTOMER ? UI_REQ_OPEN_CUSTOMER : UI_REQ_OPEN_PAYMENT;
    snprintf(v->ctx->req.id, sizeof v->ctx->req.id, "%s", id);
    return UI_REQUEST;
  }
  return view_payment_key(v->ctx, dv->found ? &dv->p : NULL, cmd);
}

static const struct payment *detail_selected(struct view *v) {
  struct detail_view *dv = (struct detail_view *)v;
  return dv->found ? &dv->p : NULL;
}

static const char *detail_selected_id(struct view *v) {
  return ((struct detail_view *)v)->id;
}

static void detail_free(struct view *v) {
  struct detail_view *dv = (struct detail_view *)v;
  payment_cleanup(&dv->p);
  textdoc_cleanup(&dv->doc);
  free(dv);
}

static const struct view_ops detail_ops = {
    .name = "detail",
    .load = detail_load,
    .draw = detail_draw,
    .key = detail_key,
    .selected = detail_selected,
    .selected_id = detail_selected_id,
    .free = detail_free,
};

struct view *view_detail_new(struct ui_ctx *ctx, const char *payment_id) {
  struct detail_view *dv = xcalloc(1, sizeof *dv);
  dv->base.ops = &detail_ops;
  dv->base.ctx = ctx;
  snprintf(dv->id, sizeof dv->id, "%s", payment_id);
  textdoc_init(&dv->doc, 20);
  return &dv->base;
}

/* ---- raw JSON ---- */

struct raw_view {
  struct view base;
  char id[64];
  char *json; /* when not from the cache */
  struct textdoc doc;
  char **lines; /* the JSON's lines, sanitised */
  size_t nlines;
  int built_w; /* the width doc was wrapped for; 0 = rebuild */
  bool ascii;
};

/* Bytes of s that fit in w columns (whole UTF-8 characters). */
static size_t fit_bytes(const char *s, int w, bool ascii) {
  size_t n = 0, best = 0;
  char buf[1024];
  while (s[n]) {
    size_t k = n + 1;
    while (s[k] && ((unsigned char)s[k] & 0xC0) == 0x80)
      k++;
    if (k >= sizeof buf)
      break;
    memcpy(buf, s, k);
    buf[k] = '\0';
    if (canvas_text_width(buf, ascii) > w)
      break;
    best = n = k;
  }
  return best;
}

/* Adds one JSON line wrapped to w columns: a key is never split, long
 * values break at a space when there is one, and the rest is indented
 * under the value. */
static void add_wrapped(struct textdoc *d, const char *line, int w,
                        bool ascii) {
  const char *colon = strstr(line, "\": ");
  size_t indent = colon ? (size_t)(colon - line) + 3 : 0;
  while (!colon && line[indent] == ' ')
    indent++; /* an array item or a brace: under its own indentation */
  if ((int)indent > w / 2)
    indent = (size_t)(w / 2);
  const char *rest = line;
  bool first = true;
  while (*rest) {
    int room = first ? w : w - (int)indent;
    size_t n = fit_bytes(rest, room, ascii);
    if (n == 0)
      n = 1;
    if (rest[n] != '\0') {
      size_t sp = n;
      size_t keep = first && colon ? (size_t)(colon - line) + 3 : 1;
      while (sp > keep && rest[sp - 1] != ' ')
        sp--;
      if (sp > keep)
        n = sp;
      else if (first && colon && n < keep)
        n = keep < strlen(rest) ? keep : n; /* the key stays whole */
    }
    char *row = xasprintf("%*s%.*s", first ? 0 : (int)indent, "", (int)n,
                          rest);
    textdoc_text(d, "", ROLE_NORMAL);
    struct textdoc_line *l = &d->lines[d->count - 1];
    free(l->text);
    l->text = row; /* from sanitised lines */
    rest += n;
    first = false;
  }
}

static void raw_build(struct raw_view *rv, int w) {
  textdoc_clear(&rv->doc);
  if (rv->lines == NULL) {
    textdoc_text(&rv->doc, "No cached JSON for this record.", ROLE_WARN);
  } else {
    for (size_t i = 0; i < rv->nlines; i++)
      add_wrapped(&rv->doc, rv->lines[i], w, rv->ascii);
  }
  rv->built_w = w;
}

static void raw_load(struct view *v) {
  struct raw_view *rv = (struct raw_view *)v;
  struct payment p;
  struct app_error err = {0};
  const char *text = rv->json;
  memset(&p, 0, sizeof p);
  if (rv->id[0]) {
    if (app_payment_get(v->ctx->app, rv->id, &p, &err) == APP_OK)
      text = p.raw_json;
    else
      text = NULL;
  }
  text_lines_free(rv->lines, rv->nlines);
  rv->lines = NULL;
  rv->nlines = 0;
  if (text)
    rv->nlines = app_json_lines(text, &rv->lines);
  rv->built_w = 0;
  raw_build(rv, 200);
  payment_cleanup(&p);
}

static void raw_draw(struct view *v, struct canvas *c, int x, int y, int w,
                     int h) {
  struct raw_view *rv = (struct raw_view *)v;
  int tw = w - 2 > 20 ? w - 2 : 20;
  if (rv->built_w != tw || rv->ascii != c->ascii) {
    rv->ascii = c->ascii;
    raw_build(rv, tw);
  }
  textdoc_draw(&rv->doc, c, x, y, w, h);
}

static unsigned raw_key(struct view *v, enum keymap_cmd cmd, int key) {
  (void)key;
  if (textdoc_key(&((struct raw_view *)v)->doc, cmd))
    return UI_REDRAW;
  if (cmd == CMD_RAW) {
    memset(&v->ctx->req, 0, sizeof v->ctx->req);
    v->ctx->req.kind = UI_REQ_BACK;
    return UI_REQUEST;
  }
  return UI_UNHANDLED;
}

static const char *raw_selected_id(struct view *v) {
  struct raw_view *rv = (struct raw_view *)v;
  return rv->id[0] ? rv->id : NULL;
}

static void raw_free(struct view *v) {
  struct raw_view *rv = (struct raw_view *)v;
  textdoc_cleanup(&rv->doc);
  text_lines_free(rv->lines, rv->nlines);
  free(rv->json);
  free(rv);
}

static const struct view_ops raw_ops = {
    .name = "raw",
    .load = raw_load,
    .draw = raw_draw,
    .key = raw_key,
    .selected_id = raw_selected_id,
    .free = raw_free,
};

struct view *view_raw_new(struct ui_ctx *ctx, const char *id,
                          const char *json) {
  struct raw_view *rv = xcalloc(1, sizeof *rv);
  rv->base.ops = &raw_ops;
  rv->base.ctx = ctx;
  if (id) {
    snprintf(rv->id, sizeof rv->id, "%s", id);
    char *sid = sanitize_text(id);
    snprintf(rv->base.title, sizeof rv->base.title, "Raw JSON %s", sid);
    free(sid);
  } else {
    rv->json = xstrdup(json ? json : "");
    snprintf(rv->base.title, sizeof rv->base.title, "Raw JSON");
  }
  textdoc_init(&rv->doc, 0);
  return &rv->base;
}
