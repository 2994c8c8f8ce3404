/*
 * view_customers - Customers pane and customer view. See view_customers.h.
 */
#include "ui/view_customers.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/customer.h"
#include "core/filter.h"
#include "core/sanitize.h"
#include "core/xalloc.h"
#include "ui/custlist.h"
#include "ui/textdoc.h"

#define MAX_PAYMENTS 200
#define MAX_PAYMENTS_TEXT "200"

/* The rows are a keyset window (custlist); the count of matching
 * customers scans them, so the app's background reader computes it and
 * the tab shows "…" until it arrives. */
struct customers_view {
  struct view base;
  struct custlist cl;
};

static void customers_figures(struct view *v) {
  struct app_summary s;
  app_summary_get(v->ctx->app, APP_LIST_CUSTOMERS, &s);
  v->count = s.ready ? s.count : VIEW_COUNTING;
}

static void customers_load(struct view *v) {
  struct customers_view *cv = (struct customers_view *)v;
  custlist_reload(&cv->cl, v);
  /* the reader throttles repeated requests for the same count */
  app_summary_request(v->ctx->app, APP_LIST_CUSTOMERS, v->filter_text, NULL,
                      v->ctx->now_ms, true);
  customers_figures(v);
}

static void customers_draw(struct view *v, struct canvas *c, int x, int y,
                           int w, int h) {
  struct customers_view *cv = (struct customers_view *)v;
  /* NAME (flex) | DOCUMENT 18 | LEVEL 9 | DOCUMENTED 10 | DOCS 4 */
  int wd = 18, wl = 9, wdoc = 10, wn = 4;
  int ind = view_list_indent(v->ctx);
  int wname = w - ind - wd - wl - wdoc - wn - 4;
  int xd = x + ind + wname + 1, xl = xd + wd + 1, xdoc = xl + wl + 1,
      xn = xdoc + wdoc + 1;
  canvas_fill(c, x, y, w, 1, ROLE_HEADER);
  canvas_text(c, x + ind, y, wname, "NAME / EMAIL", ROLE_HEADER);
  canvas_text(c, xd, y, wd, "DOCUMENT", ROLE_HEADER);
  canvas_text(c, xl, y, wl, "LEVEL", ROLE_HEADER);
  canvas_text(c, xdoc, y, wdoc, "DOCUMENTED", ROLE_HEADER);
  canvas_text_right(c, xn + wn, y, wn, "DOCS", ROLE_HEADER);
  struct custlist *cl = &cv->cl;
  cl->rows_visible = h - 1 > 0 ? h - 1 : 1;
  cl->nav.count = cl->rows.count;
  view_list_fit(&cl->nav, cl->rows_visible);
  if (cl->rows.count == 0) {
    canvas_text(c, x + 2, y + 2, w - 4,
                cl->error[0]        ? cl->error
                : v->filter_text[0] ? "No customer matches."
                                    : "No customers in the cache.",
                ROLE_DIM);
    return;
  }
  for (int r = 0; r < cl->rows_visible; r++) {
    size_t i = cl->nav.top + (size_t)r;
    if (i >= cl->rows.count)
      break;
    const struct customer *cu = &cl->rows.items[i];
    bool sel = i == cl->nav.sel;
    int yy = y + 1 + r;
    enum ui_role base = view_list_row(v->ctx, c, x, yy, w, sel);
    char *name = customer_display_name(cu);
    const char *shown = name && *name ? name : cu->email ? cu->email : cu->id;
    view_put(c, x + ind, yy, wname, shown ? shown : "-", base);
    free(name);
    char *doc = xasprintf("%s %s", cu->document_type ? cu->document_type : "",
                          cu->document_number ? cu->document_number : "");
    view_put(c, xd, yy, wd, doc, base);
    free(doc);
    view_put(c, xl, yy, wl, cu->operation_level ? cu->operation_level : "-",
             base);
    canvas_text(c, xdoc, yy, wdoc, cu->is_documented ? "yes" : "no",
                view_list_cell(v->ctx, sel,
                               cu->is_documented ? ROLE_OK : ROLE_WARN));
    char n[16];
    snprintf(n, sizeof n, "%zu", cu->documents_count);
    canvas_text_right(c, xn + wn, yy, wn, n, base);
  }
}

static const struct customer *customers_cur(struct customers_view *cv) {
  return custlist_selected(&cv->cl);
}

static unsigned customers_key(struct view *v, enum keymap_cmd cmd, int key) {
  struct customers_view *cv = (struct customers_view *)v;
  (void)key;
  if (custlist_move_fetch(&cv->cl, v, cmd))
    return UI_REDRAW;
  const struct customer *cu = customers_cur(cv);
  if ((cmd == CMD_OPEN || cmd == CMD_RAW) && cu && cu->id) {
    memset(&v->ctx->req, 0, sizeof v->ctx->req);
    if (cmd == CMD_OPEN) {
      v->ctx->req.kind = UI_REQ_OPEN_CUSTOMER;
      snprintf(v->ctx->req.id, sizeof v->ctx->req.id, "%s", cu->id);
    } else {
      v->ctx->req.kind = UI_REQ_OPEN_RAW;
      v->ctx->req.raw_json = cu->raw_json;
    }
    return UI_REQUEST;
  }
  enum app_action_kind k;
  if (view_cmd_action(cmd, &k)) {
    snprintf(v->ctx->msg, sizeof v->ctx->msg,
             "actions work on payments: open the customer, then a payment");
    v->ctx->msg_role = ROLE_WARN;
    return UI_REDRAW;
  }
  return UI_UNHANDLED;
}

static const char *customers_selected_id(struct view *v) {
  const struct customer *cu = customers_cur((struct customers_view *)v);
  return cu ? cu->id : NULL;
}

static int customers_set_filter(struct view *v, const char *text) {
  snprintf(v->filter_text, sizeof v->filter_text, "%s", text ? text : "");
  custlist_restart(&((struct customers_view *)v)->cl);
  return 0;
}

static bool customers_text(struct view *v, const char **text) {
  *text = v->filter_text[0] ? v->filter_text : NULL;
  return true;
}

static int customers_go_to(struct view *v, const char *where) {
  return custlist_goto(&((struct customers_view *)v)->cl, v, where, v->count);
}

static void customers_free(struct view *v) {
  struct customers_view *cv = (struct customers_view *)v;
  custlist_cleanup(&cv->cl);
  free(cv);
}

static const struct view_ops customers_ops = {
    .name = "customers",
    .load = customers_load,
    .draw = customers_draw,
    .key = customers_key,
    .selected_id = customers_selected_id,
    .set_filter = customers_set_filter,
    .customers = customers_text,
    .figures = customers_figures,
    .go_to = customers_go_to,
    .free = customers_free,
};

struct view *view_customers_new(struct ui_ctx *ctx) {
  struct customers_view *cv = xcalloc(1, sizeof *cv);
  cv->base.ops = &customers_ops;
  cv->base.ctx = ctx;
  custlist_init(&cv->cl, cv->base.filter_text);
  cv->base.count = VIEW_COUNTING;
  snprintf(cv->base.title, sizeof cv->base.title, "Customers");
  return &cv->base;
}

/* ---- one customer ---- */

struct customer_view {
  struct view base;
  char id[64];
  struct customer cu;
  bool found;
  struct textdoc doc;
};

/* The customer's newest payments as links, after a link to all of them. */
static void add_payments(struct customer_view *cv, struct textdoc *d) {
  const struct customer *cu = &cv->cu;
  textdoc_section(d, "Payments (Tab selects, Enter opens)");
  /* the newest MAX_PAYMENTS here; every one of them in the Payments pane,
   * which browses any number */
  char *all = xasprintf("customer:%s", cu->id);
  textdoc_link(d, "all",
               "every payment of this customer, in the Payments "
               "pane (filter customer:ID)",
               TEXTDOC_LINK_PAYMENTS_FILTER, all);
  free(all);
  struct filter f;
  char why[128];
  struct payment_list pl = {0};
  struct app_error err = {0};
  char *expr = xasprintf("customer:%s", cu->id);
  if (filter_parse(expr, &f, why, sizeof why) == CORE_OK) {
    app_payments_query(cv->base.ctx->app, &f, KEYSET_CREATED_DESC, NULL,
                       MAX_PAYMENTS + 1, &pl, NULL, &err);
    filter_cleanup(&f);
  }
  free(expr);
  if (pl.count == 0)
    textdoc_text(d, " none in the cache", ROLE_DIM);
  if (pl.count > MAX_PAYMENTS) {
    textdoc_text(d, " the newest " MAX_PAYMENTS_TEXT " (all: the link above)",
                 ROLE_DIM);
    pl.count--; /* the extra one only said there are more */
    payment_cleanup(&pl.items[pl.count]);
  }
  for (size_t i = 0; i < pl.count; i++) {
    const struct payment *p = &pl.items[i];
    char amt[64], st[64], when[32];
    view_amount(&p->total, amt, sizeof amt);
    view_status_text(p, st, sizeof st);
    view_time(p->created_at, when, sizeof when);
    char *line = xasprintf("%s  %s  %s %s  %s", p->id ? p->id : "?", when, amt,
                           p->total.currency, st);
    textdoc_link(d, payment_type_name(p->type), line, TEXTDOC_LINK_PAYMENT,
                 p->id ? p->id : "");
    free(line);
  }
  payment_list_cleanup(&pl);
}

static void customer_build(struct customer_view *cv) {
  struct textdoc *d = &cv->doc;
  const struct customer *cu = &cv->cu;
  char t[32];
  textdoc_clear(d);
  if (!cv->found) {
    textdoc_text(d, "This customer is not in the cache.", ROLE_WARN);
    return;
  }
  textdoc_section(d, "Customer");
  char *name = customer_display_name(cu);
  textdoc_kv(d, "name", name, ROLE_NORMAL);
  free(name);
  textdoc_kv(d, "id", cu->id, ROLE_NORMAL);
  textdoc_kv(d, "email", cu->email, ROLE_NORMAL);
  textdoc_kv(d, "document type", cu->document_type, ROLE_NORMAL);
  textdoc_kv(d, "document number", cu->document_number, ROLE_NORMAL);
  textdoc_kv(d, "country", cu->country, ROLE_NORMAL);
  textdoc_kv(d, "operation level", cu->operation_level, ROLE_NORMAL);
  textdoc_kv(d, "documented", cu->is_documented ? "yes" : "no",
             cu->is_documented ? ROLE_OK : ROLE_WARN);
  textdoc_kv(d, "auto-created", cu->auto_created ? "yes" : "no", ROLE_NORMAL);
  view_time(cu->created_at, t, sizeof t);
  textdoc_kv(d, "created", t, ROLE_NORMAL);
  view_time(cu->updated_at, t, sizeof t);
  textdoc_kv(d, "updated", t, ROLE_NORMAL);
  textdoc_section(d, "Documents");
  if (cu->documents_count == 0)
    textdoc_text(d, " none", ROLE_DIM);
  for (size_t i = 0; i < cu->documents_count; i++) {
    const struct customer_document *doc = &cu->documents[i];
    char *raw;
    view_time(doc->uploaded_at, t, sizeof t);
    raw = xasprintf("%s  %s  %s  %s", doc->status ? doc->status : "-",
                    doc->content_type ? doc->content_type : "-", t,
                    doc->url ? doc->url : "");
    textdoc_kv(d, doc->type ? doc->type : "document", raw,
               doc->status && strcmp(doc->status, "APPROVED") == 0
                   ? ROLE_OK
                   : ROLE_NORMAL);
    free(raw);
  }
  add_payments(cv, d);
}

static void customer_load(struct view *v) {
  struct customer_view *cv = (struct customer_view *)v;
  struct app_error err = {0};
  customer_cleanup(&cv->cu);
  cv->found = app_customer_get(v->ctx->app, cv->id, &cv->cu, &err) == APP_OK;
  customer_build(cv);
  char *name = cv->found ? customer_display_name(&cv->cu) : NULL;
  char *clean = sanitize_text(name && *name ? name : cv->id);
  snprintf(v->title, sizeof v->title, "Customer %s", clean);
  free(clean);
  free(name);
}

static void customer_draw(struct view *v, struct canvas *c, int x, int y, int w,
                          int h) {
  textdoc_draw(&((struct customer_view *)v)->doc, c, x, y, w, h);
}

static unsigned customer_key(struct view *v, enum keymap_cmd cmd, int key) {
  struct customer_view *cv = (struct customer_view *)v;
  (void)key;
  if (textdoc_key(&cv->doc, cmd))
    return UI_REDRAW;
  if (cmd == CMD_OPEN) {
    const struct textdoc_line *l = textdoc_selected(&cv->doc);
    if (l == NULL && textdoc_select_kind(&cv->doc, TEXTDOC_LINK_PAYMENT))
      return UI_REDRAW;
    if (l == NULL)
      return UI_REDRAW;
    memset(&v->ctx->req, 0, sizeof v->ctx->req);
    v->ctx->req.kind = l->link == TEXTDOC_LINK_PAYMENTS_FILTER
                           ? UI_REQ_PAYMENTS_FILTER
                           : UI_REQ_OPEN_PAYMENT;
    snprintf(v->ctx->req.id, sizeof v->ctx->req.id, "%s", l->link_id);
    return UI_REQUEST;
  }
  if (cmd == CMD_RAW && cv->found) {
    memset(&v->ctx->req, 0, sizeof v->ctx->req);
    v->ctx->req.kind = UI_REQ_OPEN_RAW;
    v->ctx->req.raw_json = cv->cu.raw_json;
    return UI_REQUEST;
  }
  return UI_UNHANDLED;
}

static const char *customer_selected_id(struct view *v) {
  return ((struct customer_view *)v)->id;
}

static void customer_free(struct view *v) {
  struct customer_view *cv = (struct customer_view *)v;
  customer_cleanup(&cv->cu);
  textdoc_cleanup(&cv->doc);
  free(cv);
}

static const struct view_ops customer_ops = {
    .name = "customer",
    .load = customer_load,
    .draw = customer_draw,
    .key = customer_key,
    .selected_id = customer_selected_id,
    .free = customer_free,
};

struct view *view_customer_new(struct ui_ctx *ctx, const char *customer_id) {
  struct customer_view *cv = xcalloc(1, sizeof *cv);
  cv->base.ops = &customer_ops;
  cv->base.ctx = ctx;
  snprintf(cv->id, sizeof cv->id, "%s", customer_id);
  textdoc_init(&cv->doc, 18);
  return &cv->base;
}
