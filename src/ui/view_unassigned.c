/*
 * view_unassigned - the Unassigned pane. See view_unassigned.h. The app
 * returns the rows by expiresAt; the `/` filter is applied here with
 * filter_match(), the reference semantics of the shared filter syntax.
 */
#include "ui/view_unassigned.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/filter.h"
#include "core/xalloc.h"
#include "ui/paylist.h"

#define MAX_ROWS 5000

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
  struct payment_list all = {0}, rows = {0};
  struct app_error err = {0};
  uv->error[0] = '\0';
  if (app_unassigned_query(v->ctx->app, MAX_ROWS, &all, &err) != APP_OK)
    snprintf(uv->error, sizeof uv->error, "%s", err.msg);
  for (size_t i = 0; i < all.count; i++) {
    if (!filter_match(&uv->filter, &all.items[i]))
      continue;
    /* move the row: steal its heap strings */
    *payment_list_push(&rows) = all.items[i];
    memset(&all.items[i], 0, sizeof all.items[i]);
  }
  payment_list_cleanup(&all);
  paylist_set_rows(&uv->pl, &rows, NULL);
  v->count = (int64_t)uv->pl.rows.count;
}

static void unassigned_draw(struct view *v, struct canvas *c, int x, int y,
                            int w, int h) {
  struct unassigned_view *uv = (struct unassigned_view *)v;
  paylist_draw(&uv->pl, c, x, y, w, h, v->ctx->now_ms,
               uv->error[0] ? uv->error : "No unassigned topups.");
}

static unsigned unassigned_key(struct view *v, enum keymap_cmd cmd, int key) {
  struct unassigned_view *uv = (struct unassigned_view *)v;
  (void)key;
  if (paylist_move(&uv->pl, cmd))
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
  return view_set_payment_filter(v, &uv->filter, text);
}

static const struct payment_list *unassigned_rows(struct view *v) {
  return &((struct unassigned_view *)v)->pl.rows;
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
    .rows = unassigned_rows,
    .free = unassigned_free,
};

struct view *view_unassigned_new(struct ui_ctx *ctx) {
  struct unassigned_view *uv = xcalloc(1, sizeof *uv);
  uv->base.ops = &unassigned_ops;
  uv->base.ctx = ctx;
  snprintf(uv->base.title, sizeof uv->base.title, "Unassigned");
  paylist_init(&uv->pl, cols, sizeof cols / sizeof cols[0], PCOL_CUSTOMER);
  char why[64];
  filter_parse(NULL, &uv->filter, why, sizeof why);
  return &uv->base;
}
