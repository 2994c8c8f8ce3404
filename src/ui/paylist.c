/*
 * paylist - payment table layout and drawing. See paylist.h.
 */
#include "ui/paylist.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/app.h"
#include "core/filter.h"
#include "core/sanitize.h"
#include "core/timeutil.h"
#include "core/xalloc.h"

#define DAY_MS (24LL * 3600 * 1000)

struct col_spec {
  const char *header;
  int narrow, wide; /* widths; the flex column's are minimums */
  bool optional;    /* dropped below 110 columns */
  bool right;
};

static const struct col_spec specs[PCOL_COUNT_] = {
    [PCOL_ID] = {"ID", 8, 10, false, false},
    [PCOL_CREATED] = {"CREATED", 11, 16, false, false},
    [PCOL_TYPE] = {"TYPE", 9, 13, false, false},
    [PCOL_STATUS] = {"STATUS", 15, 15, false, false},
    [PCOL_AMOUNT] = {"AMOUNT", 17, 18, false, true},
    [PCOL_CUSTOMER] = {"CUSTOMER", 10, 16, false, false},
    [PCOL_ACCOUNT] = {"ACCOUNT", 12, 16, true, false},
    [PCOL_AGE] = {"AGE", 5, 6, false, false},
    [PCOL_DOCS] = {"DOCS", 14, 14, false, false},
    [PCOL_REASON] = {"REASON", 12, 24, false, false},
    [PCOL_LEVEL] = {"LEVEL", 8, 8, false, false},
    [PCOL_PARENT] = {"PARENT", 8, 10, false, false},
    [PCOL_EXPIRES] = {"LEFT", 7, 7, false, false},
};

void paylist_init(struct paylist *pl, const enum paylist_col *cols,
                  size_t ncols, enum paylist_col flex, enum app_list list,
                  const struct filter *filter) {
  memset(pl, 0, sizeof *pl);
  pl->cols = cols;
  pl->ncols = ncols;
  pl->flex = flex;
  pl->rows_visible = 10;
  pl->q.list = list;
  pl->q.filter = filter;
  pl->at_start = pl->at_end = true;
}

static void free_extra(struct paylist *pl) {
  if (pl->extra == NULL)
    return;
  for (size_t i = 0; i < pl->rows.count; i++)
    free(pl->extra[i]);
  free(pl->extra);
  pl->extra = NULL;
}

void paylist_cleanup(struct paylist *pl) {
  free_extra(pl);
  payment_list_cleanup(&pl->rows);
}

void paylist_restart(struct paylist *pl) {
  pl->restart = true;
}

const struct payment *paylist_selected(const struct paylist *pl) {
  if (pl->nav.sel >= pl->rows.count)
    return NULL;
  return &pl->rows.items[pl->nav.sel];
}

/* Rows read per step, and the most the window holds: a few screens. */
static size_t chunk(const struct paylist *pl) {
  size_t n = 2 * (size_t)(pl->rows_visible > 0 ? pl->rows_visible : 1);
  return n < 40 ? 40 : n;
}

static size_t window_max(const struct paylist *pl) {
  return 4 * chunk(pl);
}

static void set_extra(struct paylist *pl, struct view *v) {
  free_extra(pl);
  if (pl->extra_fn)
    pl->extra = pl->extra_fn(v, &pl->rows);
}

/* Reads up to n rows next to the cursor c into *out; false on error. */
static bool read_rows(struct paylist *pl, struct view *v,
                      const struct keyset_cursor *c, bool backward,
                      bool inclusive, size_t n, struct payment_list *out) {
  struct app_error err = {0};
  if (app_payments_window(v->ctx->app, &pl->q, c, backward, inclusive, n, out,
                          &err) != APP_OK) {
    snprintf(pl->error, sizeof pl->error, "%s", err.msg);
    return false;
  }
  return true;
}

/* Drops k rows at the front (front) or at the back of the window. */
static void drop(struct paylist *pl, size_t k, bool front) {
  struct payment_list *l = &pl->rows;
  if (k > l->count)
    k = l->count;
  if (front) {
    for (size_t i = 0; i < k; i++)
      payment_cleanup(&l->items[i]);
    memmove(l->items, l->items + k, (l->count - k) * sizeof *l->items);
    pl->nav.sel = pl->nav.sel >= k ? pl->nav.sel - k : 0;
    pl->nav.top = pl->nav.top >= k ? pl->nav.top - k : 0;
    pl->at_start = pl->at_start && k == 0;
  } else {
    for (size_t i = l->count - k; i < l->count; i++)
      payment_cleanup(&l->items[i]);
    pl->at_end = pl->at_end && k == 0;
  }
  l->count -= k;
}

/* Reads rows after the window's last row until the cursor has `need`
 * rows below it (or the list ends); forgets rows far above the screen. */
static bool grow_after(struct paylist *pl, struct view *v, size_t need) {
  bool grew = false;
  while (!pl->at_end && pl->rows.count - pl->nav.sel <= need) {
    struct keyset_cursor c = {0};
    if (pl->rows.count == 0 ||
        !app_query_cursor(&pl->q, &pl->rows.items[pl->rows.count - 1], &c))
      break;
    size_t before = pl->rows.count, n = chunk(pl);
    if (!read_rows(pl, v, &c, false, false, n, &pl->rows)) {
      pl->at_end = true;
      break;
    }
    pl->at_end = pl->rows.count - before < n;
    grew = true;
  }
  if (pl->rows.count > window_max(pl)) {
    size_t k = pl->rows.count - window_max(pl);
    if (k > pl->nav.top)
      k = pl->nav.top;
    drop(pl, k, true);
  }
  return grew;
}

/* The same upwards: rows before the first one until the top row has
 * `need` rows above it. */
static bool grow_before(struct paylist *pl, struct view *v, size_t need) {
  bool grew = false;
  while (!pl->at_start && pl->nav.top < need) {
    struct keyset_cursor c = {0};
    if (pl->rows.count == 0 ||
        !app_query_cursor(&pl->q, &pl->rows.items[0], &c))
      break;
    struct payment_list got = {0};
    size_t n = chunk(pl);
    if (!read_rows(pl, v, &c, true, false, n, &got)) {
      payment_list_cleanup(&got);
      pl->at_start = true;
      break;
    }
    pl->at_start = got.count < n;
    size_t k = got.count;
    for (size_t i = 0; i < pl->rows.count; i++)
      *payment_list_push(&got) = pl->rows.items[i];
    free(pl->rows.items);
    pl->rows = got;
    pl->nav.sel += k;
    pl->nav.top += k;
    grew = true;
  }
  size_t keep = pl->nav.top + 2 * (size_t)pl->rows_visible;
  if (keep < window_max(pl))
    keep = window_max(pl);
  if (pl->rows.count > keep)
    drop(pl, pl->rows.count - keep, false);
  return grew;
}

/* A window around cursor c: `above` rows before it, then c (if it is
 * still there) and the rows after it; the cursor lands on the first of
 * those, `offset` rows below the top of the screen. */
static void load_around(struct paylist *pl, struct view *v,
                        const struct keyset_cursor *c, size_t offset) {
  struct payment_list before = {0}, after = {0};
  size_t n = chunk(pl), above = offset + (size_t)pl->rows_visible;
  bool ok = read_rows(pl, v, c, true, false, above, &before) &&
            read_rows(pl, v, c, false, true, n, &after);
  free_extra(pl);
  payment_list_cleanup(&pl->rows);
  if (!ok) {
    payment_list_cleanup(&before);
    payment_list_cleanup(&after);
    pl->at_start = pl->at_end = true;
    memset(&pl->nav, 0, sizeof pl->nav);
    return;
  }
  pl->at_start = before.count < above;
  pl->at_end = after.count < n;
  size_t k = before.count;
  for (size_t i = 0; i < after.count; i++)
    *payment_list_push(&before) = after.items[i];
  free(after.items);
  pl->rows = before;
  pl->nav.count = pl->rows.count;
  pl->nav.sel = k < pl->rows.count ? k : (pl->rows.count ? k - 1 : 0);
  pl->nav.top = pl->nav.sel >= offset ? pl->nav.sel - offset : 0;
}

/* The first rows (from the top) or the last ones (from the end). */
static void load_edge(struct paylist *pl, struct view *v, bool end) {
  struct payment_list rows = {0};
  size_t n = chunk(pl);
  bool ok = read_rows(pl, v, NULL, end, false, n, &rows);
  free_extra(pl);
  payment_list_cleanup(&pl->rows);
  pl->rows = rows;
  pl->at_start = !end || !ok || rows.count < n;
  pl->at_end = end || !ok || rows.count < n;
  pl->nav.count = pl->rows.count;
  pl->nav.sel = end && rows.count ? rows.count - 1 : 0;
  pl->nav.top = 0;
  view_list_fit(&pl->nav, pl->rows_visible);
}

void paylist_reload(struct paylist *pl, struct view *v,
                    char **(*extra_fn)(struct view *v,
                                       const struct payment_list *rows)) {
  pl->error[0] = '\0';
  pl->extra_fn = extra_fn;
  struct keyset_cursor c = {0};
  const struct payment *cur = paylist_selected(pl);
  if (!pl->restart && cur && app_query_cursor(&pl->q, cur, &c)) {
    size_t offset = pl->nav.sel >= pl->nav.top ? pl->nav.sel - pl->nav.top : 0;
    load_around(pl, v, &c, offset);
  } else {
    load_edge(pl, v, false);
  }
  pl->restart = false;
  set_extra(pl, v);
}

bool paylist_move_fetch(struct paylist *pl, struct view *v,
                        enum keymap_cmd cmd) {
  size_t rv = (size_t)(pl->rows_visible > 0 ? pl->rows_visible : 1);
  bool grew = false;
  switch (cmd) {
  case CMD_TOP:
    if (!pl->at_start)
      load_edge(pl, v, false), grew = true;
    break;
  case CMD_BOTTOM:
    if (!pl->at_end)
      load_edge(pl, v, true), grew = true;
    break;
  case CMD_DOWN:
  case CMD_PAGE_DOWN:
  case CMD_HALF_DOWN:
    grew = grow_after(pl, v, 2 * rv);
    break;
  case CMD_UP:
  case CMD_PAGE_UP:
  case CMD_HALF_UP:
    grew = grow_before(pl, v, rv + 1);
    break;
  default:
    break;
  }
  pl->nav.count = pl->rows.count;
  bool handled = view_list_move(&pl->nav, cmd, pl->rows_visible);
  if (handled) {
    /* keep a screen in hand for the next key */
    grew = grow_after(pl, v, rv) || grew;
    grew = grow_before(pl, v, 1) || grew;
    pl->nav.count = pl->rows.count;
    view_list_fit(&pl->nav, pl->rows_visible);
  }
  if (grew)
    set_extra(pl, v);
  return handled;
}

void paylist_ask_figures(struct paylist *pl, struct view *v) {
  /* the reader throttles repeated requests for the same figures */
  app_summary_request(v->ctx->app, pl->q.list, v->filter_text, pl->q.parent_id,
                      v->ctx->now_ms, true);
  paylist_figures(pl, v, NULL);
}

void paylist_figures(struct paylist *pl, struct view *v,
                     struct app_summary *out) {
  struct app_summary s;
  app_summary_get(v->ctx->app, pl->q.list, &s);
  v->count = s.ready ? s.count : VIEW_COUNTING;
  if (out)
    *out = s;
}

int paylist_goto(struct paylist *pl, struct view *v, const char *where,
                 int64_t count) {
  struct ui_ctx *ctx = v->ctx;
  struct app_error err = {0};
  struct keyset_cursor c = {0};
  bool is_pos = false;
  int64_t at = where ? view_goto_position(where, count, &is_pos) : -1;
  if (where == NULL || where[0] == '\0') {
    snprintf(ctx->msg, sizeof ctx->msg, "goto: a row, N%% or a payment id");
    return -1;
  }
  if (is_pos) {
    if (at < 0) {
      snprintf(ctx->msg, sizeof ctx->msg, "goto: the list is empty");
      return -1;
    }
    if (app_query_nth(ctx->app, &pl->q, at, &c, &err) != APP_OK) {
      snprintf(ctx->msg, sizeof ctx->msg, "goto: %.200s", err.msg);
      return -1;
    }
  } else {
    struct payment p;
    if (app_payment_get(ctx->app, where, &p, &err) != APP_OK) {
      snprintf(ctx->msg, sizeof ctx->msg, "goto: %.200s", err.msg);
      return -1;
    }
    bool ok = (pl->q.filter == NULL || filter_match(pl->q.filter, &p)) &&
              app_query_cursor(&pl->q, &p, &c);
    payment_cleanup(&p);
    if (!ok) {
      snprintf(ctx->msg, sizeof ctx->msg,
               "goto: that payment is not in this list");
      return -1;
    }
  }
  load_around(pl, v, &c, (size_t)pl->rows_visible / 2);
  set_extra(pl, v);
  const struct payment *sel = paylist_selected(pl);
  if (!is_pos && (sel == NULL || sel->id == NULL || strcmp(sel->id, c.id))) {
    snprintf(ctx->msg, sizeof ctx->msg,
             "goto: that payment is not in this list");
    return -1;
  }
  return 0;
}

struct layout {
  enum paylist_col col[PCOL_COUNT_];
  int x[PCOL_COUNT_], w[PCOL_COUNT_];
  size_t n;
  bool wide;
  int id_len; /* characters of an id shown: 8, 10, or whole (24) */
};

#define ID_FULL 24
#define ACCOUNT_FULL 36
#define FLEX_KEEP 30 /* the flex column keeps this much when ids widen */

/* Widens ids and account numbers to their full length when the flex
 * column (customer, reason) keeps FLEX_KEEP columns (200-column
 * terminals show whole ids). */
static void widen(struct layout *lo, enum paylist_col flex, int width) {
  int used = (int)lo->n > 0 ? (int)lo->n - 1 : 0, grow = 0;
  for (size_t i = 0; i < lo->n; i++) {
    enum paylist_col c = lo->col[i];
    if (c != flex)
      used += lo->w[i];
    if (c == PCOL_ID || c == PCOL_PARENT)
      grow += ID_FULL - lo->w[i];
    else if (c == PCOL_ACCOUNT)
      grow += ACCOUNT_FULL - lo->w[i];
  }
  if (!lo->wide || width - used - grow < FLEX_KEEP)
    return;
  for (size_t i = 0; i < lo->n; i++) {
    if (lo->col[i] == PCOL_ID || lo->col[i] == PCOL_PARENT)
      lo->w[i] = ID_FULL;
    else if (lo->col[i] == PCOL_ACCOUNT)
      lo->w[i] = ACCOUNT_FULL;
  }
  lo->id_len = ID_FULL;
}

static void layout(const struct paylist *pl, int width, struct layout *lo) {
  lo->wide = width >= 110;
  lo->n = 0;
  int fixed = 0;
  for (size_t i = 0; i < pl->ncols; i++) {
    enum paylist_col c = pl->cols[i];
    if (specs[c].optional && !lo->wide)
      continue;
    lo->col[lo->n] = c;
    lo->w[lo->n] = lo->wide ? specs[c].wide : specs[c].narrow;
    if (c != pl->flex)
      fixed += lo->w[lo->n];
    lo->n++;
  }
  lo->id_len = lo->wide ? 10 : 8;
  widen(lo, pl->flex, width);
  fixed = 0;
  for (size_t i = 0; i < lo->n; i++)
    if (lo->col[i] != pl->flex)
      fixed += lo->w[i];
  int gaps = lo->n > 0 ? (int)lo->n - 1 : 0;
  int x = 0;
  for (size_t i = 0; i < lo->n; i++) {
    if (lo->col[i] == pl->flex) {
      int rest = width - fixed - gaps;
      int min = lo->wide ? specs[pl->flex].wide : specs[pl->flex].narrow;
      lo->w[i] = rest > min ? rest : min;
    }
    lo->x[i] = x;
    x += lo->w[i] + 1;
  }
}

/* Untrusted text into a cell, sanitised; fallback when s is NULL. */
static void put_clean(char *buf, size_t len, const char *s,
                      const char *fallback) {
  char *clean = sanitize_text(s ? s : fallback);
  snprintf(buf, len, "%s", clean);
  free(clean);
}

static enum ui_role age_cell(const struct payment *p, int64_t now_ms, char *buf,
                             size_t len) {
  char a[16];
  if (p->created_at == 0 ||
      time_format_age(p->created_at, now_ms, a, sizeof a) < 0)
    snprintf(a, sizeof a, "-");
  bool old = p->created_at && now_ms - p->created_at > DAY_MS;
  snprintf(buf, len, "%s%s", old ? "!" : " ", a);
  return old ? ROLE_OVERDUE : ROLE_NORMAL;
}

static enum ui_role docs_cell(const struct payment *p, char *buf, size_t len) {
  const char *st = p->documentation_status;
  put_clean(buf, len, st, "-");
  if (st && strcmp(st, "UPLOADED") == 0)
    return ROLE_OK;
  if (st && strcmp(st, "PENDING_UPLOAD") == 0)
    return ROLE_WARN;
  return ROLE_NORMAL;
}

static enum ui_role expires_cell(const struct payment *p, int64_t now_ms,
                                 char *buf, size_t len) {
  char a[16];
  if (p->expires_at == 0) {
    snprintf(buf, len, "-");
  } else if (p->expires_at <= now_ms) {
    snprintf(buf, len, "expired");
    return ROLE_OVERDUE;
  } else if (time_format_age(now_ms, p->expires_at, a, sizeof a) >= 0) {
    snprintf(buf, len, "%s", a);
    if (p->expires_at - now_ms < 6 * 3600 * 1000LL)
      return ROLE_OVERDUE;
  }
  return ROLE_NORMAL;
}

static void cell_text(const struct paylist *pl, size_t row,
                      enum paylist_col col, bool wide, int id_len,
                      int64_t now_ms, char *buf, size_t len,
                      enum ui_role *role) {
  const struct payment *p = &pl->rows.items[row];
  *role = ROLE_NORMAL;
  buf[0] = '\0';
  switch (col) {
  case PCOL_ID:
    view_short_id(p->id, (size_t)id_len, buf, len);
    break;
  case PCOL_CREATED: {
    char t[32];
    view_time(p->created_at, t, sizeof t);
    /* compact: "MM-DD HH:MM" */
    snprintf(buf, len, "%s", !wide && strlen(t) == 16 ? t + 5 : t);
    break;
  }
  case PCOL_TYPE:
    if (p->type != PAYMENT_TYPE_UNKNOWN || p->type_raw == NULL)
      snprintf(buf, len, "%s", payment_type_name(p->type));
    else
      put_clean(buf, len, p->type_raw, "");
    break;
  case PCOL_STATUS:
    view_status_text(p, buf, len);
    *role = view_status_role(p->status);
    break;
  case PCOL_AMOUNT:
    view_amount(&p->total, buf, len);
    *role = p->total.minor < 0 ? ROLE_AMOUNT_NEGATIVE : ROLE_AMOUNT;
    break;
  case PCOL_CUSTOMER:
    view_customer(p, buf, len);
    break;
  case PCOL_ACCOUNT:
    put_clean(buf, len, p->account_number, "-");
    break;
  case PCOL_AGE:
    *role = age_cell(p, now_ms, buf, len);
    break;
  case PCOL_DOCS:
    *role = docs_cell(p, buf, len);
    break;
  case PCOL_REASON:
    put_clean(buf, len, p->review_reason, "-");
    break;
  case PCOL_LEVEL:
    put_clean(buf, len, pl->extra ? pl->extra[row] : NULL, "-");
    break;
  case PCOL_PARENT:
    if (p->parent_payment_id)
      view_short_id(p->parent_payment_id, (size_t)id_len, buf, len);
    else
      snprintf(buf, len, "-");
    break;
  case PCOL_EXPIRES:
    *role = expires_cell(p, now_ms, buf, len);
    break;
  default:
    break;
  }
}

/* One row of the list at screen line yy. */
static void draw_row(struct paylist *pl, struct canvas *c, int x, int yy,
                     int w, const struct layout *lo, size_t row,
                     const struct ui_ctx *ctx) {
  bool sel = row == pl->nav.sel;
  enum ui_role base = view_list_row(ctx, c, x, yy, w, sel);
  x += view_list_indent(ctx);
  for (size_t i = 0; i < lo->n; i++) {
    char buf[256];
    enum ui_role role;
    cell_text(pl, row, lo->col[i], lo->wide, lo->id_len, ctx->now_ms, buf,
              sizeof buf, &role);
    role = view_list_cell(ctx, sel, role);
    int cx = x + lo->x[i];
    if (lo->col[i] == PCOL_AMOUNT) {
      const struct payment *p = &pl->rows.items[row];
      char *cur = sanitize_text(p->total.currency);
      int cw = 4;
      canvas_text_right(c, cx + lo->w[i] - cw - 1, yy, lo->w[i] - cw - 1, buf,
                        role);
      canvas_text(c, cx + lo->w[i] - cw, yy, cw, cur, base);
      free(cur);
    } else {
      canvas_text(c, cx, yy, lo->w[i], buf, role);
    }
  }
}

void paylist_draw(struct paylist *pl, struct canvas *c, int x, int y, int w,
                  int h, const struct ui_ctx *ctx, const char *empty) {
  struct layout lo;
  int ind = view_list_indent(ctx);
  if (h < 1 || w - ind < 1)
    return;
  layout(pl, w - ind, &lo);
  canvas_fill(c, x, y, w, 1, ROLE_HEADER);
  for (size_t i = 0; i < lo.n; i++) {
    const struct col_spec *s = &specs[lo.col[i]];
    int hx = x + ind + lo.x[i];
    if (s->right)
      canvas_text_right(c, hx + lo.w[i], y, lo.w[i], s->header, ROLE_HEADER);
    else
      canvas_text(c, hx, y, lo.w[i], s->header, ROLE_HEADER);
  }
  pl->rows_visible = h - 1 > 0 ? h - 1 : 1;
  pl->nav.count = pl->rows.count;
  view_list_fit(&pl->nav, pl->rows_visible);
  if (pl->rows.count == 0) {
    if (h > 2)
      canvas_text(c, x + 2, y + 2, w - 4, pl->error[0] ? pl->error : empty,
                  pl->error[0] ? ROLE_ERROR : ROLE_DIM);
    return;
  }
  for (int r = 0; r < pl->rows_visible; r++) {
    size_t row = pl->nav.top + (size_t)r;
    if (row >= pl->rows.count)
      break;
    draw_row(pl, c, x, y + 1 + r, w, &lo, row, ctx);
  }
}
