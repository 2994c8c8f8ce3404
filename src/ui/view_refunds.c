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


struct refunds_view {
  struct view base;
  struct paylist pl;
  struct filter filter; /* the user's terms (the list adds type REFUND) */
  char error[512];
};

static const enum paylist_col cols[] = {PCOL_ID,     PCOL_CREATED,
                                        PCOL_STATUS, PCOL_AMOUNT,
                                        PCOL_PARENT, PCOL_CUSTOMER};

static void refunds_load(struct view *v) {
  struct refunds_view *rv = (struct refunds_view *)v;
  paylist_reload(&rv->pl, v, NULL);
  snprintf(rv->error, sizeof rv->error, "%s", rv->pl.error);
  paylist_ask_figures(&rv->pl, v);
}

static void refunds_figures(struct view *v) {
  paylist_figures(&((struct refunds_view *)v)->pl, v, NULL);
}

static void refunds_draw(struct view *v, struct canvas *c, int x, int y, int w,
                         int h) {
  struct refunds_view *rv = (struct refunds_view *)v;
  paylist_draw(&rv->pl, c, x, y, w, h, v->ctx,
               rv->error[0] ? rv->error : "No refunds in the cache.");
}

static unsigned refunds_key(struct view *v, enum keymap_cmd cmd, int key) {
  struct refunds_view *rv = (struct refunds_view *)v;
  (void)key;
  if (paylist_move_fetch(&rv->pl, v, cmd))
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
  paylist_restart(&rv->pl);
  return 0;
}

static bool refunds_query(struct view *v, struct app_query *out) {
  *out = ((struct refunds_view *)v)->pl.q;
  return true;
}

static int refunds_go_to(struct view *v, const char *where) {
  struct refunds_view *rv = (struct refunds_view *)v;
  return paylist_goto(&rv->pl, v, where, v->count);
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
    .query = refunds_query,
    .figures = refunds_figures,
    .go_to = refunds_go_to,
    .free = refunds_free,
};

struct view *view_refunds_new(struct ui_ctx *ctx) {
  struct refunds_view *rv = xcalloc(1, sizeof *rv);
  rv->base.ops = &refunds_ops;
  rv->base.ctx = ctx;
  snprintf(rv->base.title, sizeof rv->base.title, "Refunds");
  char why[64];
  filter_parse(NULL, &rv->filter, why, sizeof why);
  paylist_init(&rv->pl, cols, sizeof cols / sizeof cols[0], PCOL_CUSTOMER,
               APP_LIST_REFUNDS, &rv->filter);
  rv->base.count = VIEW_COUNTING;
  return &rv->base;
}
