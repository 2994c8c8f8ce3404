/*
 * custlist - the Customers pane's keyset window. See custlist.h.
 */
#include "ui/custlist.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/app.h"

void custlist_init(struct custlist *cl, const char *text) {
  memset(cl, 0, sizeof *cl);
  cl->text = text;
  cl->rows_visible = 10;
  cl->at_start = cl->at_end = true;
}

void custlist_cleanup(struct custlist *cl) {
  customer_list_cleanup(&cl->rows);
}

void custlist_restart(struct custlist *cl) {
  cl->restart = true;
}

const struct customer *custlist_selected(const struct custlist *cl) {
  return cl->nav.sel < cl->rows.count ? &cl->rows.items[cl->nav.sel] : NULL;
}

/* Rows read per step, and the most the window holds: a few screens. */
static size_t chunk(const struct custlist *cl) {
  size_t n = 2 * (size_t)(cl->rows_visible > 0 ? cl->rows_visible : 1);
  return n < 40 ? 40 : n;
}

static size_t window_max(const struct custlist *cl) {
  return 4 * chunk(cl);
}

static const char *text(const struct custlist *cl) {
  return cl->text && cl->text[0] ? cl->text : NULL;
}

/* Reads up to n rows next to cursor c into *out; false on error. */
static bool read_rows(struct custlist *cl, struct view *v,
                      const struct keyset_cursor *c, bool backward,
                      bool inclusive, size_t n, struct customer_list *out) {
  struct app_error err = {0};
  if (app_customers_window(v->ctx->app, text(cl), c, backward, inclusive, n,
                           out, &err) != APP_OK) {
    snprintf(cl->error, sizeof cl->error, "%s", err.msg);
    return false;
  }
  return true;
}

/* Drops k rows at the front (front) or at the back of the window. */
static void drop(struct custlist *cl, size_t k, bool front) {
  struct customer_list *l = &cl->rows;
  if (k > l->count)
    k = l->count;
  if (front) {
    for (size_t i = 0; i < k; i++)
      customer_cleanup(&l->items[i]);
    memmove(l->items, l->items + k, (l->count - k) * sizeof *l->items);
    cl->nav.sel = cl->nav.sel >= k ? cl->nav.sel - k : 0;
    cl->nav.top = cl->nav.top >= k ? cl->nav.top - k : 0;
    cl->at_start = cl->at_start && k == 0;
  } else {
    for (size_t i = l->count - k; i < l->count; i++)
      customer_cleanup(&l->items[i]);
    cl->at_end = cl->at_end && k == 0;
  }
  l->count -= k;
}

/* Reads rows after the window's last one until the cursor has `need` rows
 * below it (or the list ends); forgets rows far above the screen. */
static void grow_after(struct custlist *cl, struct view *v, size_t need) {
  while (!cl->at_end && cl->rows.count - cl->nav.sel <= need) {
    struct keyset_cursor c = {0};
    if (cl->rows.count == 0 ||
        !app_customer_cursor(&cl->rows.items[cl->rows.count - 1], &c))
      break;
    size_t before = cl->rows.count, n = chunk(cl);
    if (!read_rows(cl, v, &c, false, false, n, &cl->rows)) {
      cl->at_end = true;
      break;
    }
    cl->at_end = cl->rows.count - before < n;
  }
  if (cl->rows.count > window_max(cl)) {
    size_t k = cl->rows.count - window_max(cl);
    drop(cl, k > cl->nav.top ? cl->nav.top : k, true);
  }
}

/* The same upwards: rows before the first one until the top row has
 * `need` rows above it. */
static void grow_before(struct custlist *cl, struct view *v, size_t need) {
  while (!cl->at_start && cl->nav.top < need) {
    struct keyset_cursor c = {0};
    if (cl->rows.count == 0 || !app_customer_cursor(&cl->rows.items[0], &c))
      break;
    struct customer_list got = {0};
    size_t n = chunk(cl);
    if (!read_rows(cl, v, &c, true, false, n, &got)) {
      customer_list_cleanup(&got);
      cl->at_start = true;
      break;
    }
    cl->at_start = got.count < n;
    size_t k = got.count;
    for (size_t i = 0; i < cl->rows.count; i++)
      *customer_list_push(&got) = cl->rows.items[i];
    free(cl->rows.items);
    cl->rows = got;
    cl->nav.sel += k;
    cl->nav.top += k;
  }
  size_t keep = cl->nav.top + 2 * (size_t)cl->rows_visible;
  if (keep < window_max(cl))
    keep = window_max(cl);
  if (cl->rows.count > keep)
    drop(cl, cl->rows.count - keep, false);
}

/* A window around cursor c: rows before it, then c (if still there) and
 * the rows after it; the cursor lands on the first of those, `offset`
 * rows below the top of the screen. */
static void load_around(struct custlist *cl, struct view *v,
                        const struct keyset_cursor *c, size_t offset) {
  struct customer_list before = {0}, after = {0};
  size_t n = chunk(cl), above = offset + (size_t)cl->rows_visible;
  bool ok = read_rows(cl, v, c, true, false, above, &before) &&
            read_rows(cl, v, c, false, true, n, &after);
  customer_list_cleanup(&cl->rows);
  if (!ok) {
    customer_list_cleanup(&before);
    customer_list_cleanup(&after);
    cl->at_start = cl->at_end = true;
    memset(&cl->nav, 0, sizeof cl->nav);
    return;
  }
  cl->at_start = before.count < above;
  cl->at_end = after.count < n;
  size_t k = before.count;
  for (size_t i = 0; i < after.count; i++)
    *customer_list_push(&before) = after.items[i];
  free(after.items);
  cl->rows = before;
  cl->nav.count = cl->rows.count;
  cl->nav.sel = k < cl->rows.count ? k : (cl->rows.count ? k - 1 : 0);
  cl->nav.top = cl->nav.sel >= offset ? cl->nav.sel - offset : 0;
}

/* The first rows (from the top) or the last ones (from the end). */
static void load_edge(struct custlist *cl, struct view *v, bool end) {
  struct customer_list rows = {0};
  size_t n = chunk(cl);
  bool ok = read_rows(cl, v, NULL, end, false, n, &rows);
  customer_list_cleanup(&cl->rows);
  cl->rows = rows;
  cl->at_start = !end || !ok || rows.count < n;
  cl->at_end = end || !ok || rows.count < n;
  cl->nav.count = cl->rows.count;
  cl->nav.sel = end && rows.count ? rows.count - 1 : 0;
  cl->nav.top = 0;
  view_list_fit(&cl->nav, cl->rows_visible);
}

void custlist_reload(struct custlist *cl, struct view *v) {
  cl->error[0] = '\0';
  struct keyset_cursor c = {0};
  const struct customer *cur = custlist_selected(cl);
  if (!cl->restart && cur && app_customer_cursor(cur, &c)) {
    size_t offset = cl->nav.sel >= cl->nav.top ? cl->nav.sel - cl->nav.top : 0;
    load_around(cl, v, &c, offset);
  } else {
    load_edge(cl, v, false);
  }
  cl->restart = false;
}

bool custlist_move_fetch(struct custlist *cl, struct view *v,
                         enum keymap_cmd cmd) {
  size_t rv = (size_t)(cl->rows_visible > 0 ? cl->rows_visible : 1);
  switch (cmd) {
  case CMD_TOP:
    if (!cl->at_start)
      load_edge(cl, v, false);
    break;
  case CMD_BOTTOM:
    if (!cl->at_end)
      load_edge(cl, v, true);
    break;
  case CMD_DOWN:
  case CMD_PAGE_DOWN:
  case CMD_HALF_DOWN:
    grow_after(cl, v, 2 * rv);
    break;
  case CMD_UP:
  case CMD_PAGE_UP:
  case CMD_HALF_UP:
    grow_before(cl, v, rv + 1);
    break;
  default:
    break;
  }
  cl->nav.count = cl->rows.count;
  bool handled = view_list_move(&cl->nav, cmd, cl->rows_visible);
  if (handled) {
    /* keep a screen in hand for the next key */
    grow_after(cl, v, rv);
    grow_before(cl, v, 1);
    cl->nav.count = cl->rows.count;
    view_list_fit(&cl->nav, cl->rows_visible);
  }
  return handled;
}

int custlist_goto(struct custlist *cl, struct view *v, const char *where,
                  int64_t count) {
  struct ui_ctx *ctx = v->ctx;
  struct app_error err = {0};
  struct keyset_cursor c = {0};
  bool is_pos = false;
  int64_t at = where ? view_goto_position(where, count, &is_pos) : -1;
  if (where == NULL || where[0] == '\0') {
    snprintf(ctx->msg, sizeof ctx->msg, "goto: a row, N%% or a customer id");
    return -1;
  }
  if (is_pos) {
    if (at < 0) {
      snprintf(ctx->msg, sizeof ctx->msg,
               count == VIEW_COUNTING ? "goto: still counting the customers"
                                      : "goto: the list is empty");
      return -1;
    }
    if (app_customers_nth(ctx->app, text(cl), at, &c, &err) != APP_OK) {
      snprintf(ctx->msg, sizeof ctx->msg, "goto: %.200s", err.msg);
      return -1;
    }
  } else {
    struct customer cu;
    memset(&cu, 0, sizeof cu);
    if (app_customer_get(ctx->app, where, &cu, &err) != APP_OK) {
      snprintf(ctx->msg, sizeof ctx->msg, "goto: %.200s", err.msg);
      return -1;
    }
    bool ok = app_customer_cursor(&cu, &c);
    customer_cleanup(&cu);
    if (!ok) {
      snprintf(ctx->msg, sizeof ctx->msg, "goto: that customer has no id");
      return -1;
    }
  }
  load_around(cl, v, &c, (size_t)cl->rows_visible / 2);
  const struct customer *sel = custlist_selected(cl);
  if (!is_pos && (sel == NULL || sel->id == NULL || strcmp(sel->id, c.id))) {
    snprintf(ctx->msg, sizeof ctx->msg,
             "goto: that customer is not in this list");
    return -1;
  }
  return 0;
}
