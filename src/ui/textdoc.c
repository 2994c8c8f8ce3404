/*
 * textdoc - labelled lines, scrolling and links. See textdoc.h.
 */
#include "ui/textdoc.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/sanitize.h"
#include "core/strbuf.h"
#include "core/xalloc.h"

void textdoc_init(struct textdoc *d, int label_w) {
  memset(d, 0, sizeof *d);
  d->sel = -1;
  d->label_w = label_w;
  d->rows_visible = 10;
}

void textdoc_clear(struct textdoc *d) {
  for (size_t i = 0; i < d->count; i++) {
    free(d->lines[i].label);
    free(d->lines[i].text);
    free(d->lines[i].link_id);
  }
  d->count = 0;
}

void textdoc_cleanup(struct textdoc *d) {
  textdoc_clear(d);
  free(d->lines);
  d->lines = NULL;
  d->cap = 0;
}

static struct textdoc_line *push(struct textdoc *d) {
  if (d->count == d->cap) {
    d->cap = d->cap ? d->cap * 2 : 64;
    d->lines = xreallocarray(d->lines, d->cap, sizeof d->lines[0]);
  }
  struct textdoc_line *l = &d->lines[d->count++];
  memset(l, 0, sizeof *l);
  return l;
}

void textdoc_section(struct textdoc *d, const char *title) {
  if (d->count > 0)
    textdoc_text(d, "", ROLE_NORMAL);
  struct textdoc_line *l = push(d);
  l->text = xstrdup(title);
  l->role = ROLE_TITLE;
  l->section = true;
}

void textdoc_text(struct textdoc *d, const char *trusted, enum ui_role role) {
  struct textdoc_line *l = push(d);
  l->text = xstrdup(trusted);
  l->role = role;
}

void textdoc_text_untrusted(struct textdoc *d, const char *s,
                            enum ui_role role) {
  struct textdoc_line *l = push(d);
  l->text = sanitize_text(s);
  l->role = role;
}

void textdoc_kv(struct textdoc *d, const char *label, const char *untrusted,
                enum ui_role role) {
  struct textdoc_line *l = push(d);
  l->label = xstrdup(label);
  l->text = sanitize_text(untrusted && *untrusted ? untrusted : "-");
  l->role = role;
}

void textdoc_kvf(struct textdoc *d, const char *label, enum ui_role role,
                 const char *fmt, ...) {
  char buf[1024];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(buf, sizeof buf, fmt, ap);
  va_end(ap);
  textdoc_kv(d, label, buf, role);
}

void textdoc_link(struct textdoc *d, const char *label, const char *untrusted,
                  enum textdoc_link_kind kind, const char *id) {
  textdoc_kv(d, label, untrusted, ROLE_LINK);
  struct textdoc_line *l = &d->lines[d->count - 1];
  l->link = kind;
  l->link_id = xstrdup(id);
}

void textdoc_draw(struct textdoc *d, struct canvas *c, int x, int y, int w,
                  int h) {
  d->rows_visible = h > 0 ? h : 1;
  if (d->sel >= (long)d->count)
    d->sel = -1;
  if (d->count <= (size_t)d->rows_visible)
    d->top = 0;
  else if (d->top + (size_t)d->rows_visible > d->count)
    d->top = d->count - (size_t)d->rows_visible;
  for (int r = 0; r < h; r++) {
    size_t i = d->top + (size_t)r;
    if (i >= d->count)
      break;
    const struct textdoc_line *l = &d->lines[i];
    bool sel = (long)i == d->sel;
    int cx = x + 1;
    if (l->label) {
      int lw = l->label_w > 0 ? l->label_w : d->label_w;
      if (lw > w / 2)
        lw = w / 2;
      canvas_text(c, cx, y + r, lw, l->label, ROLE_LABEL);
      cx += lw + 1;
    }
    if (l->link && !sel)
      canvas_text(c, cx, y + r, x + w - cx, "> ", ROLE_LINK);
    else if (sel)
      canvas_text(c, cx, y + r, x + w - cx, "> ", ROLE_SELECTED);
    if (l->link)
      cx += 2;
    int used = canvas_text(c, cx, y + r, x + w - cx, l->text,
                           sel ? ROLE_SELECTED : l->role);
    if (l->section)
      canvas_hline(c, cx + used + 1, y + r, x + w - cx - used - 2, ROLE_BORDER);
  }
  if (d->count > (size_t)h && h > 2) {
    char pos[32];
    size_t last = d->top + (size_t)h;
    snprintf(pos, sizeof pos, " %zu-%zu/%zu ", d->top + 1,
             last > d->count ? d->count : last, d->count);
    canvas_text_right(c, x + w, y + h - 1, w, pos, ROLE_DIM);
  }
}

static void scroll_to(struct textdoc *d, size_t line) {
  size_t rows = (size_t)d->rows_visible;
  if (line < d->top)
    d->top = line;
  else if (line >= d->top + rows)
    d->top = line - rows + 1;
}

static bool select_link(struct textdoc *d, int dir) {
  long n = (long)d->count;
  if (n == 0)
    return false;
  long start = d->sel;
  if (start < 0)
    start =
        dir > 0 ? (long)d->top - 1 : (long)(d->top + (size_t)d->rows_visible);
  for (long step = 1; step <= n; step++) {
    long i = ((start + dir * step) % n + n) % n;
    if (d->lines[i].link) {
      d->sel = i;
      scroll_to(d, (size_t)i);
      return true;
    }
  }
  return false;
}

bool textdoc_key(struct textdoc *d, enum keymap_cmd cmd) {
  size_t rows = d->rows_visible > 1 ? (size_t)d->rows_visible : 1;
  size_t max_top = d->count > rows ? d->count - rows : 0;
  switch (cmd) {
  case CMD_UP:
    if (d->top > 0)
      d->top--;
    break;
  case CMD_DOWN:
    if (d->top < max_top)
      d->top++;
    break;
  case CMD_PAGE_UP:
  case CMD_HALF_UP: {
    size_t step = cmd == CMD_PAGE_UP ? rows - (rows > 1) : rows / 2 + 1;
    d->top = d->top > step ? d->top - step : 0;
    break;
  }
  case CMD_PAGE_DOWN:
  case CMD_HALF_DOWN: {
    size_t step = cmd == CMD_PAGE_DOWN ? rows - (rows > 1) : rows / 2 + 1;
    d->top = d->top + step < max_top ? d->top + step : max_top;
    break;
  }
  case CMD_TOP:
    d->top = 0;
    break;
  case CMD_BOTTOM:
    d->top = max_top;
    break;
  case CMD_NEXT_LINK:
    select_link(d, 1);
    break;
  case CMD_PREV_LINK:
    select_link(d, -1);
    break;
  default:
    return false;
  }
  /* keep a selected link only while it is visible */
  if (d->sel >= 0 &&
      ((size_t)d->sel < d->top || (size_t)d->sel >= d->top + rows) &&
      cmd != CMD_NEXT_LINK && cmd != CMD_PREV_LINK)
    d->sel = -1;
  return true;
}

const struct textdoc_line *textdoc_selected(const struct textdoc *d) {
  if (d->sel < 0 || (size_t)d->sel >= d->count)
    return NULL;
  return &d->lines[d->sel];
}

bool textdoc_select_kind(struct textdoc *d, enum textdoc_link_kind kind) {
  for (size_t i = 0; i < d->count; i++) {
    if (d->lines[i].link == kind) {
      d->sel = (long)i;
      scroll_to(d, i);
      return true;
    }
  }
  return false;
}

char *textdoc_dump(const struct textdoc *d) {
  struct strbuf sb;
  strbuf_init(&sb, 0);
  for (size_t i = 0; i < d->count; i++) {
    const struct textdoc_line *l = &d->lines[i];
    if (l->label)
      strbuf_printf(&sb, "%s: %s\n", l->label, l->text);
    else
      strbuf_printf(&sb, "%s\n", l->text);
  }
  return strbuf_detach(&sb);
}
