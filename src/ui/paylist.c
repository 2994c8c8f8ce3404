/*
 * paylist - payment table layout and drawing. See paylist.h.
 */
#include "ui/paylist.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/app.h"
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
                  size_t ncols, enum paylist_col flex) {
  memset(pl, 0, sizeof *pl);
  pl->cols = cols;
  pl->ncols = ncols;
  pl->flex = flex;
  pl->rows_visible = 10;
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

void paylist_set_rows(struct paylist *pl, struct payment_list *rows,
                      char **extra) {
  char *keep = NULL;
  const struct payment *cur = paylist_selected(pl);
  if (cur && cur->id)
    keep = xstrdup(cur->id);
  size_t old_sel = pl->nav.sel;
  free_extra(pl);
  payment_list_cleanup(&pl->rows);
  pl->rows = *rows;
  memset(rows, 0, sizeof *rows);
  pl->extra = extra;
  pl->nav.count = pl->rows.count;
  if (keep == NULL || !paylist_select_id(pl, keep)) {
    /* The item left the list (decided, filtered out): land on the one
     * that took its place, i.e. the next item. */
    pl->nav.sel = old_sel;
    view_list_fit(&pl->nav, pl->rows_visible);
  }
  free(keep);
}

const struct payment *paylist_selected(const struct paylist *pl) {
  if (pl->nav.sel >= pl->rows.count)
    return NULL;
  return &pl->rows.items[pl->nav.sel];
}

bool paylist_select_id(struct paylist *pl, const char *id) {
  for (size_t i = 0; i < pl->rows.count; i++) {
    if (pl->rows.items[i].id && strcmp(pl->rows.items[i].id, id) == 0) {
      pl->nav.sel = i;
      view_list_fit(&pl->nav, pl->rows_visible);
      return true;
    }
  }
  return false;
}

void paylist_reload(struct paylist *pl, struct view *v, paylist_fetch_fn fetch,
                    size_t max_rows,
                    char **(*extra_fn)(struct view *v,
                                       const struct payment_list *rows)) {
  struct payment_list rows = {0};
  struct keyset_cursor cur = {0}, next = {0};
  struct app_error err = {0};
  size_t want = pl->rows.count > PAYLIST_PAGE ? pl->rows.count : PAYLIST_PAGE;
  if (max_rows && want > max_rows)
    want = max_rows;
  pl->error[0] = '\0';
  pl->more = false;
  while (rows.count < want) {
    size_t before = rows.count;
    size_t limit = want - rows.count;
    if (fetch(v, cur.valid ? &cur : NULL, limit, &rows, &next, &err) !=
        APP_OK) {
      snprintf(pl->error, sizeof pl->error, "%s", err.msg);
      next.valid = false;
      break;
    }
    if (!next.valid || rows.count == before)
      break;
    cur = next;
  }
  pl->more = next.valid;
  pl->next = next;
  pl->extra_fn = extra_fn;
  char **extra = extra_fn ? extra_fn(v, &rows) : NULL;
  const struct payment *was = paylist_selected(pl);
  char *was_id = was && was->id ? xstrdup(was->id) : NULL;
  paylist_set_rows(pl, &rows, extra);
  const struct payment *now = paylist_selected(pl);
  if (v->filter_changed &&
      (was_id == NULL || now == NULL || now->id == NULL ||
       strcmp(was_id, now->id) != 0)) {
    /* a new filter starts at its first row, not at the old position */
    pl->nav.sel = 0;
    pl->nav.top = 0;
  }
  v->filter_changed = false;
  free(was_id);
}

/* Appends one page; false when there was nothing more. */
static bool fetch_more(struct paylist *pl, struct view *v,
                       paylist_fetch_fn fetch) {
  if (!pl->more || pl->rows.count >= PAYLIST_MAX_LOADED)
    return false; /* past the cap, narrow with / or :sort instead */
  struct keyset_cursor next = {0};
  struct app_error err = {0};
  size_t before = pl->rows.count;
  if (fetch(v, &pl->next, PAYLIST_PAGE, &pl->rows, &next, &err) != APP_OK) {
    snprintf(pl->error, sizeof pl->error, "%s", err.msg);
    pl->more = false;
    return false;
  }
  pl->more = next.valid && pl->rows.count > before;
  pl->next = next;
  pl->nav.count = pl->rows.count;
  if (pl->extra_fn) {
    /* the extras array must match the rows: recompute it */
    char **extra = pl->extra_fn(v, &pl->rows);
    if (pl->extra) {
      for (size_t i = 0; i < before; i++)
        free(pl->extra[i]);
      free(pl->extra);
    }
    pl->extra = extra;
  }
  return pl->rows.count > before;
}

bool paylist_move_fetch(struct paylist *pl, struct view *v,
                        paylist_fetch_fn fetch, enum keymap_cmd cmd) {
  if (cmd == CMD_BOTTOM) {
    while (fetch_more(pl, v, fetch))
      ;
  }
  bool handled = paylist_move(pl, cmd);
  if (handled && pl->more &&
      pl->nav.sel + 2 * (size_t)pl->rows_visible >= pl->rows.count &&
      fetch_more(pl, v, fetch))
    view_list_fit(&pl->nav, pl->rows_visible);
  return handled;
}

bool paylist_move(struct paylist *pl, enum keymap_cmd cmd) {
  pl->nav.count = pl->rows.count;
  return view_list_move(&pl->nav, cmd, pl->rows_visible);
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

static void cell_text(const struct paylist *pl, size_t row,
                      enum paylist_col col, bool wide, int id_len,
                      int64_t now_ms,
                      char *buf, size_t len, enum ui_role *role) {
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
    else {
      char *clean = sanitize_text(p->type_raw);
      snprintf(buf, len, "%s", clean);
      free(clean);
    }
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
  case PCOL_ACCOUNT: {
    char *clean = sanitize_text(p->account_number ? p->account_number : "-");
    snprintf(buf, len, "%s", clean);
    free(clean);
    break;
  }
  case PCOL_AGE: {
    char a[16];
    if (p->created_at == 0 ||
        time_format_age(p->created_at, now_ms, a, sizeof a) < 0)
      snprintf(a, sizeof a, "-");
    bool old = p->created_at && now_ms - p->created_at > DAY_MS;
    snprintf(buf, len, "%s%s", old ? "!" : " ", a);
    if (old)
      *role = ROLE_OVERDUE;
    break;
  }
  case PCOL_DOCS: {
    char *clean =
        sanitize_text(p->documentation_status ? p->documentation_status : "-");
    snprintf(buf, len, "%s", clean);
    free(clean);
    if (p->documentation_status &&
        strcmp(p->documentation_status, "UPLOADED") == 0)
      *role = ROLE_OK;
    else if (p->documentation_status &&
             strcmp(p->documentation_status, "PENDING_UPLOAD") == 0)
      *role = ROLE_WARN;
    break;
  }
  case PCOL_REASON: {
    char *clean = sanitize_text(p->review_reason ? p->review_reason : "-");
    snprintf(buf, len, "%s", clean);
    free(clean);
    break;
  }
  case PCOL_LEVEL: {
    const char *lv = pl->extra && pl->extra[row] ? pl->extra[row] : "-";
    char *clean = sanitize_text(lv);
    snprintf(buf, len, "%s", clean);
    free(clean);
    break;
  }
  case PCOL_PARENT:
    if (p->parent_payment_id)
      view_short_id(p->parent_payment_id, (size_t)id_len, buf, len);
    else
      snprintf(buf, len, "-");
    break;
  case PCOL_EXPIRES: {
    char a[16];
    if (p->expires_at == 0)
      snprintf(buf, len, "-");
    else if (p->expires_at <= now_ms) {
      snprintf(buf, len, "expired");
      *role = ROLE_OVERDUE;
    } else if (time_format_age(now_ms, p->expires_at, a, sizeof a) >= 0) {
      snprintf(buf, len, "%s", a);
      if (p->expires_at - now_ms < 6 * 3600 * 1000LL)
        *role = ROLE_OVERDUE;
    }
    break;
  }
  default:
    break;
  }
}

void paylist_draw(struct paylist *pl, struct canvas *c, int x, int y, int w,
                  int h, int64_t now_ms, const char *empty) {
  struct layout lo;
  if (h < 1 || w < 1)
    return;
  layout(pl, w, &lo);
  canvas_fill(c, x, y, w, 1, ROLE_HEADER);
  for (size_t i = 0; i < lo.n; i++) {
    const struct col_spec *s = &specs[lo.col[i]];
    if (s->right)
      canvas_text_right(c, x + lo.x[i] + lo.w[i], y, lo.w[i], s->header,
                        ROLE_HEADER);
    else
      canvas_text(c, x + lo.x[i], y, lo.w[i], s->header, ROLE_HEADER);
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
    bool sel = row == pl->nav.sel;
    int yy = y + 1 + r;
    canvas_fill(c, x, yy, w, 1, sel ? ROLE_SELECTED : ROLE_NORMAL);
    for (size_t i = 0; i < lo.n; i++) {
      char buf[256];
      enum ui_role role;
      cell_text(pl, row, lo.col[i], lo.wide, lo.id_len, now_ms, buf,
                sizeof buf, &role);
      if (sel)
        role = ROLE_SELECTED;
      int cx = x + lo.x[i];
      if (lo.col[i] == PCOL_AMOUNT) {
        const struct payment *p = &pl->rows.items[row];
        char *cur = sanitize_text(p->total.currency);
        int cw = 4;
        canvas_text_right(c, cx + lo.w[i] - cw - 1, yy, lo.w[i] - cw - 1, buf,
                          role);
        canvas_text(c, cx + lo.w[i] - cw, yy, cw, cur,
                    sel ? ROLE_SELECTED : ROLE_NORMAL);
        free(cur);
      } else {
        canvas_text(c, cx, yy, lo.w[i], buf, role);
      }
    }
  }
}
