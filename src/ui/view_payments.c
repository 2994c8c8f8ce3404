/*
 * view_payments - the Payments pane. See view_payments.h.
 *
 * Rows are read a page at a time (keyset cursor) as the cursor moves; the
 * total, the counts by status and the daily volume are count queries over
 * the whole filter, and so are the amounts by status (one grouped query);
 * only if that query fails are they summed over the loaded rows (the
 * header then says "first N" while not everything is loaded).
 */
#include "ui/view_payments.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/filter.h"
#include "core/money.h"
#include "core/xalloc.h"
#include "ui/paylist.h"

#define DAY_MS (24LL * 3600 * 1000)
#define SPARK_DAYS 14
#define COUNTS_MAX_AGE_MS 10000

struct payments_view {
  struct view base;
  struct paylist pl;
  struct filter filter;
  enum keyset_sort sort;
  int64_t total;
  int64_t by_status[PAYMENT_STATUS_COUNT_];
  char main_currency[8];
  int64_t main_minor[PAYMENT_STATUS_COUNT_];
  int64_t spark[SPARK_DAYS];
  bool counts_valid; /* by_status and spark match the filter */
  bool totals_exact; /* main_minor sums every matching payment */
  int64_t counts_ms;
  char error[512];
};

static const enum paylist_col cols[] = {
    PCOL_ID,     PCOL_CREATED,  PCOL_TYPE,   PCOL_STATUS,
    PCOL_AMOUNT, PCOL_CUSTOMER, PCOL_ACCOUNT};

/* Fallback: amounts by status (main currency) over the loaded rows. */
static void summarise(struct payments_view *pv) {
  const struct payment_list *l = &pv->pl.rows;
  memset(pv->main_minor, 0, sizeof pv->main_minor);
  pv->main_currency[0] = '\0';
  size_t best = 0;
  for (size_t i = 0; i < l->count && i < 500; i++) {
    size_t n = 0;
    for (size_t j = 0; j < l->count; j++)
      if (strcmp(l->items[j].total.currency, l->items[i].total.currency) == 0)
        n++;
    if (n > best) {
      best = n;
      snprintf(pv->main_currency, sizeof pv->main_currency, "%s",
               l->items[i].total.currency);
    }
    if (best * 2 > l->count)
      break;
  }
  for (size_t i = 0; i < l->count; i++) {
    const struct payment *p = &l->items[i];
    if (strcmp(p->total.currency, pv->main_currency) == 0) {
      int64_t sum;
      if (!__builtin_add_overflow(pv->main_minor[p->status], p->total.minor,
                                  &sum))
        pv->main_minor[p->status] = sum;
    }
  }
}

/* Counts by status and by day over the whole filter: ~30 count queries,
 * so they are not re-run on every keystroke of a live filter nor on every
 * cache change (at most every COUNTS_MAX_AGE_MS). */
static void count_summary(struct payments_view *pv) {
  struct app *app = pv->base.ctx->app;
  struct app_error err = {0};
  memset(pv->by_status, 0, sizeof pv->by_status);
  memset(pv->spark, 0, sizeof pv->spark);
  /* exact counts and amounts by status: one grouped query */
  struct app_totals t;
  pv->totals_exact =
      app_payments_totals(app, &pv->filter, &t, &err) == APP_OK;
  if (pv->totals_exact) {
    memcpy(pv->by_status, t.by_status, sizeof pv->by_status);
    memcpy(pv->main_minor, t.main_minor, sizeof pv->main_minor);
    snprintf(pv->main_currency, sizeof pv->main_currency, "%s",
             t.main_currency);
  }
  struct filter f = pv->filter;
  for (int st = 0; !pv->totals_exact && st < PAYMENT_STATUS_COUNT_; st++) {
    uint32_t bit = 1u << st;
    if (pv->filter.status_mask && !(pv->filter.status_mask & bit))
      continue;
    f.status_mask = bit;
    if (app_payments_count(app, &f, &pv->by_status[st], &err) != APP_OK)
      pv->by_status[st] = 0;
  }
  /* daily volume: one count per day of the last SPARK_DAYS */
  f = pv->filter;
  int64_t today = pv->base.ctx->now_ms / DAY_MS;
  for (int i = 0; i < SPARK_DAYS; i++) {
    int64_t day = today - (SPARK_DAYS - 1 - i);
    int64_t lo = day * DAY_MS, hi = lo + DAY_MS;
    f.created_min_ms =
        pv->filter.created_min_ms > lo ? pv->filter.created_min_ms : lo;
    f.created_max_ms =
        pv->filter.created_max_ms && pv->filter.created_max_ms < hi
            ? pv->filter.created_max_ms
            : hi;
    if (f.created_min_ms >= f.created_max_ms ||
        app_payments_count(app, &f, &pv->spark[i], &err) != APP_OK)
      pv->spark[i] = 0;
  }
}

static enum app_err payments_fetch(struct view *v,
                                   const struct keyset_cursor *after,
                                   size_t limit, struct payment_list *out,
                                   struct keyset_cursor *next,
                                   struct app_error *err) {
  struct payments_view *pv = (struct payments_view *)v;
  return app_payments_query(v->ctx->app, &pv->filter, pv->sort, after, limit,
                            out, next, err);
}

static void payments_load(struct view *v) {
  struct payments_view *pv = (struct payments_view *)v;
  struct app_error err = {0};
  paylist_reload(&pv->pl, v, payments_fetch, VIEW_PAYMENTS_MAX_ROWS, NULL);
  snprintf(pv->error, sizeof pv->error, "%s", pv->pl.error);
  int64_t total = (int64_t)pv->pl.rows.count;
  if (app_payments_count(v->ctx->app, &pv->filter, &total, &err) != APP_OK)
    total = (int64_t)pv->pl.rows.count;
  if (total != pv->total)
    pv->counts_valid = false; /* new payments: the counts are news */
  pv->total = total;
  v->count = total;
  if (!pv->totals_exact || !pv->counts_valid)
    summarise(pv);
  int64_t now = v->ctx->now_ms;
  if (!v->ctx->prompt_active &&
      (!pv->counts_valid || now - pv->counts_ms >= COUNTS_MAX_AGE_MS ||
       now < pv->counts_ms)) {
    count_summary(pv);
    pv->counts_valid = true;
    pv->counts_ms = now;
  }
}

static void draw_summary(struct payments_view *pv, struct canvas *c, int x,
                         int y, int w) {
  struct ui_ctx *ctx = pv->base.ctx;
  int cx = x;
  char buf[160];
  snprintf(buf, sizeof buf, "%lld payments", (long long)pv->total);
  cx += canvas_text(c, cx, y, w, buf, ROLE_TITLE);
  if (pv->base.filter_text[0]) {
    cx += canvas_text(c, cx, y, x + w - cx, "  filter: ", ROLE_LABEL);
    cx += view_put(c, cx, y, x + w - cx, pv->base.filter_text, ROLE_PROMPT);
  }
  cx += 2;
  if (!pv->counts_valid) {
    canvas_text(c, cx, y, x + w - cx, "counting when you press Enter...",
                ROLE_DIM);
    return;
  }
  for (int s = 0; s < PAYMENT_STATUS_COUNT_ && cx < x + w; s++) {
    if (pv->by_status[s] == 0)
      continue;
    snprintf(buf, sizeof buf, "%s %lld", payment_status_name(s),
             (long long)pv->by_status[s]);
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
    if (pv->spark[i] > max)
      max = pv->spark[i];
  cx = x;
  cx += canvas_text(c, cx, y + 1, w, "14d ", ROLE_LABEL);
  for (int i = 0; i < SPARK_DAYS && cx < x + w; i++) {
    if (ctx->ascii || c->ascii) {
      int idx = max ? (int)((pv->spark[i] * 8 + max - 1) / max) : 0;
      char one[2] = {ascii_bars[idx], '\0'};
      cx += canvas_text(c, cx, y + 1, 1, one, ROLE_SPARK);
    } else if (pv->spark[i] == 0) {
      cx += canvas_text(c, cx, y + 1, 1, " ", ROLE_SPARK);
    } else {
      int idx = max ? (int)((pv->spark[i] * 8 - 1) / max) : 0;
      cx += canvas_text(c, cx, y + 1, 1, bars[idx], ROLE_SPARK);
    }
  }
  snprintf(buf, sizeof buf, " max %lld/day", (long long)max);
  cx += canvas_text(c, cx, y + 1, x + w - cx, buf, ROLE_DIM);
  if (pv->main_currency[0] == '\0')
    return;
  cx += 2;
  if (!pv->totals_exact && (int64_t)pv->pl.rows.count < pv->total) {
    snprintf(buf, sizeof buf, "first %zu, ", pv->pl.rows.count);
    cx += canvas_text(c, cx, y + 1, x + w - cx, buf, ROLE_DIM);
  }
  cx += view_put(c, cx, y + 1, x + w - cx, pv->main_currency, ROLE_LABEL);
  cx += canvas_text(c, cx, y + 1, x + w - cx, ":", ROLE_LABEL);
  for (int s = 0; s < PAYMENT_STATUS_COUNT_ && cx < x + w; s++) {
    if (pv->main_minor[s] == 0)
      continue;
    struct money m = {.minor = pv->main_minor[s]};
    snprintf(m.currency, sizeof m.currency, "%s", pv->main_currency);
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
  paylist_draw(&pv->pl, c, x, y + top, w, h - top, v->ctx->now_ms, empty);
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
  if (paylist_move_fetch(&pv->pl, v, payments_fetch, cmd))
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
  pv->counts_valid = false;
  return 0;
}

static const struct payment_list *payments_rows(struct view *v) {
  return &((struct payments_view *)v)->pl.rows;
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
    .rows = payments_rows,
    .free = payments_free,
};

struct view *view_payments_new(struct ui_ctx *ctx) {
  struct payments_view *pv = xcalloc(1, sizeof *pv);
  pv->base.ops = &payments_ops;
  pv->base.ctx = ctx;
  snprintf(pv->base.title, sizeof pv->base.title, "Payments");
  paylist_init(&pv->pl, cols, sizeof cols / sizeof cols[0], PCOL_CUSTOMER);
  pv->sort = KEYSET_CREATED_DESC;
  char why[64];
  filter_parse(NULL, &pv->filter, why, sizeof why);
  return &pv->base;
}

void view_payments_set_sort(struct view *v, enum keyset_sort sort) {
  if (v->ops != &payments_ops)
    return;
  ((struct payments_view *)v)->sort = sort;
}
