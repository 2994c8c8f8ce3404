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
#include "ui/textdoc.h"

#define MAX_ROWS 5000
#define MAX_PAYMENTS 200

struct customers_view {
  struct view base;
  struct customer_list rows;
  struct view_list nav;
  int rows_visible;
  char error[512];
};

static void customers_load(struct view *v) {
  struct customers_view *cv = (struct customers_view *)v;
  struct customer_list rows = {0};
  struct app_error err = {0};
  char *keep = NULL;
  if (cv->nav.sel < cv->rows.count && cv->rows.items[cv->nav.sel].id)
    keep = xstrdup(cv->rows.items[cv->nav.sel].id);
  cv->error[0] = '\0';
  if (app_customers_query(v->ctx->app,
                          v->filter_text[0] ? v->filter_text : NULL, 0,
                          MAX_ROWS, &rows, &err) != APP_OK)
    snprintf(cv->error, sizeof cv->error, "%s", err.msg);
  customer_list_cleanup(&cv->rows);
  cv->rows = rows;
  cv->nav.count = rows.count;
  for (size_t i = 0; keep && i < rows.count; i++) {
    if (rows.items[i].id && strcmp(rows.items[i].id, keep) == 0) {
      cv->nav.sel = i;
      break;
    }
  }
  free(keep);
  view_list_fit(&cv->nav, cv->rows_visible);
  /* The tab shows every matching customer, not only the rows loaded. */
  int64_t total = 0;
  if (app_customers_count(v->ctx->app,
                          v->filter_text[0] ? v->filter_text : NULL, &total,
                          &err) == APP_OK && total > (int64_t)rows.count)
    v->count = total;
  else
    v->count = (int64_t)rows.count;
}

static void customers_draw(struct view *v, struct canvas *c, int x, int y,
                           int w, int h) {
  struct customers_view *cv = (struct customers_view *)v;
  /* NAME (flex) | DOCUMENT 18 | LEVEL 9 | DOCUMENTED 10 | DOCS 4 */
  int wd = 18, wl = 9, wdoc = 10, wn = 4;
  int wname = w - wd - wl - wdoc - wn - 4;
  int xd = x + wname + 1, xl = xd + wd + 1, xdoc = xl + wl + 1,
      xn = xdoc + wdoc + 1;
  canvas_fill(c, x, y, w, 1, ROLE_HEADER);
  canvas_text(c, x, y, wname, "NAME / EMAIL", ROLE_HEADER);
  canvas_text(c, xd, y, wd, "DOCUMENT", ROLE_HEADER);
  canvas_text(c, xl, y, wl, "LEVEL", ROLE_HEADER);
  canvas_text(c, xdoc, y, wdoc, "DOCUMENTED", ROLE_HEADER);
  canvas_text_right(c, xn + wn, y, wn, "DOCS", ROLE_HEADER);
  cv->rows_visible = h - 1 > 0 ? h - 1 : 1;
  cv->nav.count = cv->rows.count;
  view_list_fit(&cv->nav, cv->rows_visible);
  if (cv->rows.count == 0) {
    canvas_text(c, x + 2, y + 2, w - 4,
                cv->error[0]        ? cv->error
                : v->filter_text[0] ? "No customer matches."
                                    : "No customers in the cache.",
                ROLE_DIM);
    return;
  }
  for (int r = 0; r < cv->rows_visible; r++) {
    size_t i = cv->nav.top + (size_t)r;
    if (i >= cv->rows.count)
      break;
    const struct customer *cu = &cv->rows.items[i];
    bool sel = i == cv->nav.sel;
    enum ui_role base = sel ? ROLE_SELECTED : ROLE_NORMAL;
    int yy = y + 1 + r;
    canvas_fill(c, x, yy, w, 1, base);
    char *name = customer_display_name(cu);
    const char *shown = name && *name ? name : cu->email ? cu->email : cu->id;
    view_put(c, x, yy, wname, shown ? shown : "-", base);
    free(name);
    char *doc = xasprintf("%s %s", cu->document_type ? cu->document_type : "",
                          cu->document_number ? cu->document_number : "");
    view_put(c, xd, yy, wd, doc, base);
    free(doc);
    view_put(c, xl, yy, wl, cu->operation_level ? cu->operation_level : "-",
             base);
    canvas_text(c, xdoc, yy, wdoc, cu->is_documented ? "yes" : "no",
                sel                 ? base
                : cu->is_documented ? ROLE_OK
                                    : ROLE_WARN);
    char n[16];
    snprintf(n, sizeof n, "%zu", cu->documents_count);
    canvas_text_right(c, xn + wn, yy, wn, n, base);
  }
}

static const struct customer *customers_cur(struct customers_view *cv) {
  return cv->nav.sel < cv->rows.count ? &cv->rows.items[cv->nav.sel] : NULL;
}

static unsigned customers_key(struct view *v, enum keymap_cmd cmd, int key) {
  struct customers_view *cv = (struct customers_view *)v;
  (void)key;
  cv->nav.count = cv->rows.count;
  if (view_list_move(&cv->nav, cmd, cv->rows_visible))
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
  return 0;
}

static void customers_free(struct view *v) {
  struct customers_view *cv = (struct customers_view *)v;
  customer_list_cleanup(&cv->rows);
  free(cv);
}

static const struct view_ops customers_ops = {
    .name = "customers",
    .load = customers_load,
    .draw = customers_draw,
    .key = customers_key,
    .selected_id = customers_selected_id,
    .set_filter = customers_set_filter,
    .free = customers_free,
};

struct view *view_customers_new(struct ui_ctx *ctx) {
  struct customers_view *cv = xcalloc(1, sizeof *cv);
  cv->base.ops = &customers_ops;
  cv->base.ctx = ctx;
  cv->rows_visible = 10;
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
  textdoc_section(d, "Payments (Tab selects, Enter opens)");
  struct filter f;
  char why[128];
  struct payment_list pl = {0};
  struct app_error err = {0};
  char *expr = xasprintf("customer:%s", cu->id);
  if (filter_parse(expr, &f, why, sizeof why) == CORE_OK) {
    app_payments_query(cv->base.ctx->app, &f, KEYSET_CREATED_DESC, NULL,
                       MAX_PAYMENTS, &pl, NULL, &err);
    filter_cleanup(&f);
  }
  free(expr);
  if (pl.count == 0)
    textdoc_text(d, " none in the cache", ROLE_DIM);
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
    v->ctx->req.kind = UI_REQ_OPEN_PAYMENT;
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
