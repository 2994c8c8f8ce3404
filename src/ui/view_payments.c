/*
 * view_payments - the Payments pane. See view_payments.h.
 *
 * The rows are a keyset window around the cursor (paylist), read from
 * indexes only, so the first frame costs the same at 200 payments and at
 * a million. The header's figures (the total, counts and amounts by
 * status, the daily volume) read every matching row: the app computes
 * them in the background and the header shows "…" until they arrive.
 */
#include "ui/view_payments.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/filter.h"
#include "core/money.h"
#include "core/xalloc.h"
#include "ui/paylist.h"

#define SPARK_DAYS APP_SPARK_DAYS

struct payments_view {
  struct view base;
  struct paylist pl;
  struct filter filter;
  struct app_summary sum;
  char error[512];
};

static const enum paylist_col cols[] = {
    PCOL_ID,     PCOL_CREATED,  PCOL_TYPE,   PCOL_STATUS,
    PCOL_AMOUNT, PCOL_CUSTOMER, PCOL_ACCOUNT};

static void payments_figures(struct view *v) {
  struct payments_view *pv = (struct payments_view *)v;
  paylist_figures(&pv->pl, v, &pv->sum);
}

static void payments_load(struct view *v) {
  struct payments_view *pv = (struct payments_view *)v;
  paylist_reload(&pv->pl, v, NULL);
  snprintf(pv->error, sizeof pv->error, "%s", pv->pl.error);
  paylist_ask_figures(&pv->pl, v);
  payments_figures(v);
}

static void draw_summary(struct payments_view *pv, struct canvas *c, int x,
                         int y, int w) {
  struct ui_ctx *ctx = pv->base.ctx;
  int cx = x;
  char buf[160];
  const char *dots = ctx->ascii || c->ascii ? "..." : "\xe2\x80\xa6";
  if (pv->sum.ready)
    snprintf(buf, sizeof buf, "%lld payments", (long long)pv->sum.count);
  else
    snprintf(buf, sizeof buf, "%s payments", dots);
  cx += canvas_text(c, cx, y, w, buf, ROLE_TITLE);
  if (pv->base.filter_text[0]) {
    cx += canvas_text(c, cx, y, x + w - cx, "  filter: ", ROLE_LABEL);
    cx += view_put(c, cx, y, x + w - cx, pv->base.filter_text, ROLE_PROMPT);
  }
  cx += 2;
  if (!pv->sum.ready) {
    canvas_text(c, cx, y, x + w - cx,
                pv->sum.failed ? pv->sum.error : dots, ROLE_DIM);
    canvas_text(c, x, y + 1, w, "14d ", ROLE_LABEL);
    canvas_text(c, x + 4, y + 1, w - 4, dots, ROLE_DIM);
    return;
  }
  const struct app_totals *t = &pv->sum.totals;
  for (int s = 0; s < PAYMENT_STATUS_COUNT_ && cx < x + w; s++) {
    if (t->by_status[s] == 0)
      continue;
    snprintf(buf, sizeof buf, "%s %lld", payment_status_name(s),
             (long long)t->by_status[s]);
    cx += canvas_text(c, cx, y, x + w - cx, buf,
                      view_status_role((enum payment_status)s));
    cx += 2;
  }
  /* second line: sparkline, then amounts by status in the main currency */
  static const char *const bars[] = {
      "\xe2\x96\x81", "\xe2\x96\x82", "\xe2\x96\x83", "\xe2\x96\x84",
      "\xe2\x96\x85", "\xe2\x96\x86", "\xe2\x96\x87", "\xe2\x96\x88"};
  static const char ascii_bars[] = "_.,:-=+*#";
  int64_t max = 0;
  for (int i = 0; i < SPARK_DAYS; i++)
    if (pv->sum.spark[i] > max)
      max = pv->sum.spark[i];
  cx = x;
  cx += canvas_text(c, cx, y + 1, w, "14d ", ROLE_LABEL);
  for (int i = 0; i < SPARK_DAYS && cx < x + w; i++) {
    if (ctx->ascii || c->ascii) {
      int idx = max ? (int)((pv->sum.spark[i] * 8 + max - 1) / max) : 0;
      char one[2] = {ascii_bars[idx], '\0'};
      cx += canvas_text(c, cx, y + 1, 1, one, ROLE_SPARK);
    } else if (pv->sum.spark[i] == 0) {
      cx += canvas_text(c, cx, y + 1, 1, " ", ROLE_SPARK);
    } else {
      int idx = max ? (int)((pv->sum.spark[i] * 8 - 1) / max) : 0;
      cx += canvas_text(c, cx, y + 1, 1, bars[idx], ROLE_SPARK);
    }
  }
  snprintf(buf, sizeof buf, " max %lld/day", (long long)max);
  cx += canvas_text(c, cx, y + 1, x + w - cx, buf, ROLE_DIM);
  if (t->main_currency[0] == '\0')
    return;
  cx += 2;
  cx += view_put(c, cx, y + 1, x + w - cx, t->main_currency, ROLE_LABEL);
  cx += canvas_text(c, cx, y + 1, x + w - cx, ":", ROLE_LABEL);
  for (int s = 0; s < PAYMENT_STATUS_COUNT_ && cx < x + w; s++) {
    if (t->main_minor[s] == 0)
      continue;
    struct money m = {.minor = t->main_minor[s]};
    snprintf(m.currency, sizeof m.currency, "%s", t->main_currency);
    char amt[MONEY_FMT_MAX];
    view_amount(&m, amt, sizeof amt);
    snprintf(buf, sizeof buf, " %s %s", payment_status_name(s), amt);
    cx += canvas_text(c, cx, y + 1, x + w - cx, buf,
                      view_status_role((enum payment_status)s));
  }
}

static void payments_draw(struct view *v, struct canvas *c, int x, int y, int w,
                          int h) {
  struct payments_view *pv = (struct payments_view *)v;
  int top = 0;
  if (h >= 8) {
    draw_summary(pv, c, x, y, w);
    top = 2;
  }
  const char *empty = pv->error[0] ? pv->error
                      : v->filter_text[0]
                          ? "No payment matches the filter."
                          : "No payments in the cache yet; syncing...";
  paylist_draw(&pv->pl, c, x, y + top, w, h - top, v->ctx, empty);
  const struct app_status *st = v->ctx->status;
  if (pv->pl.rows.count == 0 && st && st->syncing && h - top > 6) {
    /* first sync: a progress bar where the rows will be */
    int bw = w - 20 < 50 ? w - 20 : 50;
    int by = y + top + 4;
    char line[160];
    if (st->sync_total > 0) {
      int fill = (int)(st->sync_done * bw / st->sync_total);
      if (fill > bw)
        fill = bw;
      canvas_text(c, x + 2, by, w - 4, "[", ROLE_DIM);
      canvas_fill(c, x + 3, by, fill, 1, ROLE_SELECTED);
      canvas_text(c, x + 3 + bw, by, 1, "]", ROLE_DIM);
      snprintf(line, sizeof line, "first sync: %lld of %lld payments",
               (long long)st->sync_done, (long long)st->sync_total);
    } else {
      snprintf(line, sizeof line, "first sync: connecting...");
    }
    canvas_text(c, x + 2, by + 1, w - 4, line, ROLE_NORMAL);
  }
}

static unsigned payments_key(struct view *v, enum keymap_cmd cmd, int key) {
  struct payments_view *pv = (struct payments_view *)v;
  (void)key;
  if (paylist_move_fetch(&pv->pl, v, cmd))
    return UI_REDRAW;
  return view_payment_key(v->ctx, paylist_selected(&pv->pl), cmd);
}

static const struct payment *payments_selected(struct view *v) {
  return paylist_selected(&((struct payments_view *)v)->pl);
}

static const char *payments_selected_id(struct view *v) {
  const struct payment *p = payments_selected(v);
  return p ? p->id : NULL;
}

static int payments_set_filter(struct view *v, const char *text) {
  struct payments_view *pv = (struct payments_view *)v;
  if (view_set_payment_filter(v, &pv->filter, text) != 0)
    return -1;
  paylist_restart(&pv->pl);
  return 0;
}

static bool payments_query(struct view *v, struct app_query *out) {
  *out = ((struct payments_view *)v)->pl.q;
  return true;
}

static int payments_go_to(struct view *v, const char *where) {
  struct payments_view *pv = (struct payments_view *)v;
  return paylist_goto(&pv->pl, v, where, pv->sum.count);
}

static void payments_free(struct view *v) {
  struct payments_view *pv = (struct payments_view *)v;
  paylist_cleanup(&pv->pl);
  filter_cleanup(&pv->filter);
  free(pv);
}

static const struct view_ops payments_ops = {
    .name = "payments",
    .load = payments_load,
    .draw = payments_draw,
    .key = payments_key,
    .selected = payments_selected,
    .selected_id = payments_selected_id,
    .set_filter = payments_set_filter,
    .query = payments_query,
    .figures = payments_figures,
    .go_to = payments_go_to,
    .free = payments_free,
};

struct view *view_payments_new(struct ui_ctx *ctx) {
  struct payments_view *pv = xcalloc(1, sizeof *pv);
  pv->base.ops = &payments_ops;
  pv->base.ctx = ctx;
  snprintf(pv->base.title, sizeof pv->base.title, "Payments");
  char why[64];
  filter_parse(NULL, &pv->filter, why, sizeof why);
  paylist_init(&pv->pl, cols, sizeof cols / sizeof cols[0], PCOL_CUSTOMER,
               APP_LIST_PAYMENTS, &pv->filter);
  pv->pl.q.sort = KEYSET_CREATED_DESC;
  pv->base.count = VIEW_COUNTING;
  return &pv->base;
}

void view_payments_set_sort(struct view *v, enum keyset_sort sort) {
  if (v->ops != &payments_ops)
    return;
  struct payments_view *pv = (struct payments_view *)v;
  pv->pl.q.sort = sort;
  paylist_restart(&pv->pl);
}
