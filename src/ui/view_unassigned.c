/*
 * view_unassigned - the Unassigned pane. See view_unassigned.h. A keyset
 * window (paylist) of the app's unassigned list, by expiresAt, narrowed by
 * the `/` filter in the cache's query.
 */
#include "ui/view_unassigned.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/filter.h"
#include "core/xalloc.h"
#include "ui/paylist.h"


struct unassigned_view {
  struct view base;
  struct paylist pl;
  struct filter filter;
  char error[512];
};

static const enum paylist_col cols[] = {PCOL_EXPIRES, PCOL_ID, PCOL_CREATED,
                                        PCOL_AMOUNT, PCOL_CUSTOMER};

static void unassigned_load(struct view *v) {
  struct unassigned_view *uv = (struct unassigned_view *)v;
  paylist_reload(&uv->pl, v, NULL);
  snprintf(uv->error, sizeof uv->error, "%s", uv->pl.error);
  paylist_ask_figures(&uv->pl, v);
}

static void unassigned_figures(struct view *v) {
  paylist_figures(&((struct unassigned_view *)v)->pl, v, NULL);
}

static void unassigned_draw(struct view *v, struct canvas *c, int x, int y,
                            int w, int h) {
  struct unassigned_view *uv = (struct unassigned_view *)v;
  paylist_draw(&uv->pl, c, x, y, w, h, v->ctx,
               uv->error[0] ? uv->error : "No unassigned topups.");
}

static unsigned unassigned_key(struct view *v, enum keymap_cmd cmd, int key) {
  struct unassigned_view *uv = (struct unassigned_view *)v;
  (void)key;
  if (paylist_move_fetch(&uv->pl, v, cmd))
    return UI_REDRAW;
  return view_payment_key(v->ctx, paylist_selected(&uv->pl), cmd);
}

static const struct payment *unassigned_selected(struct view *v) {
  return paylist_selected(&((struct unassigned_view *)v)->pl);
}

static const char *unassigned_selected_id(struct view *v) {
  const struct payment *p = unassigned_selected(v);
  return p ? p->id : NULL;
}

static int unassigned_set_filter(struct view *v, const char *text) {
  struct unassigned_view *uv = (struct unassigned_view *)v;
  if (view_set_payment_filter(v, &uv->filter, text) != 0)
    return -1;
  paylist_restart(&uv->pl);
  return 0;
}

static bool unassigned_query(struct view *v, struct app_query *out) {
  *out = ((struct unassigned_view *)v)->pl.q;
  return true;
}

static int unassigned_go_to(struct view *v, const char *where) {
  struct unassigned_view *uv = (struct unassigned_view *)v;
  return paylist_goto(&uv->pl, v, where, v->count);
}

static void unassigned_free(struct view *v) {
  struct unassigned_view *uv = (struct unassigned_view *)v;
  paylist_cleanup(&uv->pl);
  filter_cleanup(&uv->filter);
  free(uv);
}

static const struct view_ops unassigned_ops = {
    .name = "unassigned",
    .load = unassigned_load,
    .draw = unassigned_draw,
    .key = unassigned_key,
    .selected = unassigned_selected,
    .selected_id = unassigned_selected_id,
    .set_filter = unassigned_set_filter,
    .query = unassigned_query,
    .figures = unassigned_figures,
    .go_to = unassigned_go_to,
    .free = unassigned_free,
};

struct view *view_unassigned_new(struct ui_ctx *ctx) {
  struct unassigned_view *uv = xcalloc(1, sizeof *uv);
  uv->base.ops = &unassigned_ops;
  uv->base.ctx = ctx;
  snprintf(uv->base.title, sizeof uv->base.title, "Unassigned");
  char why[64];
  filter_parse(NULL, &uv->filter, why, sizeof why);
  paylist_init(&uv->pl, cols, sizeof cols / sizeof cols[0], PCOL_CUSTOMER,
               APP_LIST_UNASSIGNED, &uv->filter);
  uv->base.count = VIEW_COUNTING;
  return &uv->base;
}
