/*
 * view_review - the review queue pane. See view_review.h.
 */
#include "ui/view_review.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/customer.h"
#include "core/filter.h"
#include "core/sanitize.h"
#include "core/timeutil.h"
#include "core/xalloc.h"
#include "ui/paylist.h"

#define PREVIEW_ROWS 5

struct review_view {
  struct view base;
  struct paylist pl;
  struct filter filter;
  char error[512];
};

static const enum paylist_col cols[] = {PCOL_AGE,    PCOL_ID,     PCOL_DOCS,
                                        PCOL_REASON, PCOL_AMOUNT, PCOL_CUSTOMER,
                                        PCOL_LEVEL};

/* Operation level of each row's customer (one cache read per customer). */
static char **levels(struct app *app, const struct payment_list *rows) {
  if (rows->count == 0)
    return NULL;
  char **out = xcalloc(rows->count, sizeof *out);
  for (size_t i = 0; i < rows->count; i++) {
    const char *cid = rows->items[i].customer_id;
    if (cid == NULL)
      continue;
    for (size_t j = 0; j < i; j++) {
      if (rows->items[j].customer_id &&
          strcmp(rows->items[j].customer_id, cid) == 0) {
        out[i] = xstrdup(out[j]);
        break;
      }
    }
    if (out[i])
      continue;
    struct customer cu;
    struct app_error err = {0};
    memset(&cu, 0, sizeof cu);
    if (app_customer_get(app, cid, &cu, &err) == APP_OK && cu.operation_level)
      out[i] = xstrdup(cu.operation_level);
    customer_cleanup(&cu);
  }
  return out;
}

static char **review_levels(struct view *v, const struct payment_list *rows) {
  return levels(v->ctx->app, rows);
}

static void review_load(struct view *v) {
  struct review_view *rv = (struct review_view *)v;
  paylist_reload(&rv->pl, v, review_levels);
  snprintf(rv->error, sizeof rv->error, "%s", rv->pl.error);
  /* the tab shows the whole queue, counted in the background */
  paylist_ask_figures(&rv->pl, v);
}

static void review_figures(struct view *v) {
  paylist_figures(&((struct review_view *)v)->pl, v, NULL);
}

static void draw_preview(struct review_view *rv, struct canvas *c, int x, int y,
                         int w) {
  const struct payment *p = paylist_selected(&rv->pl);
  canvas_hline(c, x, y, w, ROLE_BORDER);
  const struct ui_ctx *ctx = rv->base.ctx;
  if (ctx->decisions > 0 && ctx->now_ms > ctx->session_start_ms) {
    /* throughput of this session, for the reviewer */
    int64_t mins = (ctx->now_ms - ctx->session_start_ms) / 60000;
    char tp[96];
    if (mins < 1)
      snprintf(tp, sizeof tp, " this session: %d decided ", ctx->decisions);
    else
      snprintf(tp, sizeof tp, " this session: %d decided, %lld/h ",
               ctx->decisions, (long long)(ctx->decisions * 60LL / mins));
    canvas_text_right(c, x + w - 2, y, w / 2, tp, ROLE_DIM);
  }
  if (p == NULL)
    return;
  char buf[256], t[32], age[16];
  canvas_text(c, x + 2, y, w - 4, " selected ", ROLE_TITLE);

  view_customer(p, buf, sizeof buf);
  int cx = x + 1;
  cx += canvas_text(c, cx, y + 1, w, "customer ", ROLE_LABEL);
  cx += canvas_text(c, cx, y + 1, x + w - cx, buf, ROLE_NORMAL);
  const char *lv = rv->pl.extra ? rv->pl.extra[rv->pl.nav.sel] : NULL;
  cx += canvas_text(c, cx, y + 1, x + w - cx, "  level ", ROLE_LABEL);
  view_put(c, cx, y + 1, x + w - cx, lv ? lv : "-", ROLE_NORMAL);
  cx = x + 1;
  cx += canvas_text(c, cx, y + 2, w, "documents ", ROLE_LABEL);
  cx += view_put(c, cx, y + 2, x + w - cx,
                 p->documentation_status ? p->documentation_status : "-",
                 ROLE_NORMAL);
  cx += canvas_text(c, cx, y + 2, x + w - cx, "  reason ", ROLE_LABEL);
  view_put(c, cx, y + 2, x + w - cx, p->review_reason ? p->review_reason : "-",
           ROLE_NORMAL);
  view_time(p->created_at, t, sizeof t);
  if (time_format_age(p->created_at, rv->base.ctx->now_ms, age, sizeof age) < 0)
    snprintf(age, sizeof age, "?");
  char amt[64];
  view_amount(&p->total, amt, sizeof amt);
  char *cur = sanitize_text(p->total.currency);
  char *desc = sanitize_text(p->description ? p->description : "");
  snprintf(buf, sizeof buf, "%s %s  created %s (%s ago)  %s", amt, cur, t, age,
           desc);
  free(cur);
  free(desc);
  canvas_text(c, x + 1, y + 3, w - 2, buf, ROLE_NORMAL);
  const char *next = p->documentation_status &&
                             strcmp(p->documentation_status, "UPLOADED") == 0
                         ? "next: a approve, x reject"
                         : "next: u upload the document, then a approve "
                           "(or x reject)";
  canvas_text(c, x + 1, y + 4, w - 2, next, ROLE_DIM);
}

static void review_draw(struct view *v, struct canvas *c, int x, int y, int w,
                        int h) {
  struct review_view *rv = (struct review_view *)v;
  int list_h = h >= 14 ? h - PREVIEW_ROWS : h;
  paylist_draw(&rv->pl, c, x, y, w, list_h, v->ctx,
               rv->error[0] ? rv->error : "The review queue is empty.");
  if (list_h < h)
    draw_preview(rv, c, x, y + list_h, w);
}

static unsigned review_key(struct view *v, enum keymap_cmd cmd, int key) {
  struct review_view *rv = (struct review_view *)v;
  (void)key;
  if (paylist_move_fetch(&rv->pl, v, cmd))
    return UI_REDRAW;
  return view_payment_key(v->ctx, paylist_selected(&rv->pl), cmd);
}

static const struct payment *review_selected(struct view *v) {
  return paylist_selected(&((struct review_view *)v)->pl);
}

static const char *review_selected_id(struct view *v) {
  const struct payment *p = review_selected(v);
  return p ? p->id : NULL;
}

static int review_set_filter(struct view *v, const char *text) {
  struct review_view *rv = (struct review_view *)v;
  if (view_set_payment_filter(v, &rv->filter, text) != 0)
    return -1;
  paylist_restart(&rv->pl);
  return 0;
}

static bool review_query(struct view *v, struct app_query *out) {
  *out = ((struct review_view *)v)->pl.q;
  return true;
}

static int review_go_to(struct view *v, const char *where) {
  struct review_view *rv = (struct review_view *)v;
  return paylist_goto(&rv->pl, v, where, v->count);
}

static void review_free(struct view *v) {
  struct review_view *rv = (struct review_view *)v;
  paylist_cleanup(&rv->pl);
  filter_cleanup(&rv->filter);
  free(rv);
}

static const struct view_ops review_ops = {
    .name = "review",
    .load = review_load,
    .draw = review_draw,
    .key = review_key,
    .selected = review_selected,
    .selected_id = review_selected_id,
    .set_filter = review_set_filter,
    .query = review_query,
    .figures = review_figures,
    .go_to = review_go_to,
    .free = review_free,
};

struct view *view_review_new(struct ui_ctx *ctx) {
  struct review_view *rv = xcalloc(1, sizeof *rv);
  rv->base.ops = &review_ops;
  rv->base.ctx = ctx;
  snprintf(rv->base.title, sizeof rv->base.title, "Review");
  char why[64];
  filter_parse(NULL, &rv->filter, why, sizeof why);
  paylist_init(&rv->pl, cols, sizeof cols / sizeof cols[0], PCOL_REASON,
               APP_LIST_REVIEW, &rv->filter);
  rv->base.count = VIEW_COUNTING;
  return &rv->base;
}
