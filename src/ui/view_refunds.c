/*
 * view_refunds - the Refunds pane. See view_refunds.h.
 */
#include "ui/view_refunds.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/filter.h"
#include "core/xalloc.h"
#include "ui/paylist.h"

#define MAX_ROWS 5000

struct refunds_view {
  struct view base;
  struct paylist pl;
  struct filter filter; /* the user's terms plus type:REFUND */
  char error[512];
};

static const enum paylist_col cols[] = {PCOL_ID,     PCOL_CREATED,
                                        PCOL_STATUS, PCOL_AMOUNT,
                                        PCOL_PARENT, PCOL_CUSTOMER};

static enum app_err refunds_fetch(struct view *v,
                                  const struct keyset_cursor *after,
                                  size_t limit, struct payment_list *out,
                                  struct keyset_cursor *next,
                                  struct app_error *err) {
  struct refunds_view *rv = (struct refunds_view *)v;
  return app_payments_query(v->ctx->app, &rv->filter, KEYSET_CREATED_DESC,
                            after, limit, out, next, err);
}

static void refunds_load(struct view *v) {
  struct refunds_view *rv = (struct refunds_view *)v;
  struct app_error err = {0};
  paylist_reload(&rv->pl, v, refunds_fetch, MAX_ROWS, NULL);
  snprintf(rv->error, sizeof rv->error, "%s", rv->pl.error);
  int64_t n = (int64_t)rv->pl.rows.count;
  if (app_payments_count(v->ctx->app, &rv->filter, &n, &err) != APP_OK)
    n = (int64_t)rv->pl.rows.count;
  v->count = n;
}

static void refunds_draw(struct view *v, struct canvas *c, int x, int y, int w,
                         int h) {
  struct refunds_view *rv = (struct refunds_view *)v;
  paylist_draw(&rv->pl, c, x, y, w, h, v->ctx->now_ms,
               rv->error[0] ? rv->error : "No refunds in the cache.");
}

static unsigned refunds_key(struct view *v, enum keymap_cmd cmd, int key) {
  struct refunds_view *rv = (struct refunds_view *)v;
  (void)key;
  if (paylist_move_fetch(&rv->pl, v, refunds_fetch, cmd))
    return UI_REDRAW;
  const struct payment *p = paylist_selected(&rv->pl);
  if (cmd == CMD_JUMP_PARENT) {
    if (p == NULL || p->parent_payment_id == NULL)
      return UI_REDRAW;
    memset(&v->ctx->req, 0, sizeof v->ctx->req);
    v->ctx->req.kind = UI_REQ_OPEN_PAYMENT;
    snprintf(v->ctx->req.id, sizeof v->ctx->req.id, "%s", p->parent_payment_id);
    return UI_REQUEST;
  }
  return view_payment_key(v->ctx, p, cmd);
}

static const struct payment *refunds_selected(struct view *v) {
  return paylist_selected(&((struct refunds_view *)v)->pl);
}

static const char *refunds_selected_id(struct view *v) {
  const struct payment *p = refunds_selected(v);
  return p ? p->id : NULL;
}

static int refunds_set_filter(struct view *v, const char *text) {
  struct refunds_view *rv = (struct refunds_view *)v;
  if (view_set_payment_filter(v, &rv->filter, text) != 0)
    return -1;
  rv->filter.type_mask = 1u << PAYMENT_TYPE_REFUND;
  return 0;
}

static const struct payment_list *refunds_rows(struct view *v) {
  return &((struct refunds_view *)v)->pl.rows;
}

static void refunds_free(struct view *v) {
  struct refunds_view *rv = (struct refunds_view *)v;
  paylist_cleanup(&rv->pl);
  filter_cleanup(&rv->filter);
  free(rv);
}

static const struct view_ops refunds_ops = {
    .name = "refunds",
    .load = refunds_load,
    .draw = refunds_draw,
    .key = refunds_key,
    .selected = refunds_selected,
    .selected_id = refunds_selected_id,
    .set_filter = refunds_set_filter,
    .rows = refunds_rows,
    .free = refunds_free,
};

struct view *view_refunds_new(struct ui_ctx *ctx) {
  struct refunds_view *rv = xcalloc(1, sizeof *rv);
  rv->base.ops = &refunds_ops;
  rv->base.ctx = ctx;
  snprintf(rv->base.title, sizeof rv->base.title, "Refunds");
  paylist_init(&rv->pl, cols, sizeof cols / sizeof cols[0], PCOL_CUSTOMER);
  refunds_set_filter(&rv->base, NULL);
  return &rv->base;
}
