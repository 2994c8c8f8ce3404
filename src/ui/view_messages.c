/*
 * view_messages - the session's messages, whole. See view_messages.h.
 */
#include "ui/view_messages.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/timeutil.h"
#include "core/xalloc.h"
#include "ui/msglog.h"

struct messages_view {
  struct view base;
  size_t sel, top; /* entries, 0 = newest */
};

static void messages_load(struct view *v) {
  v->count = v->ctx->log ? (int64_t)v->ctx->log->count : 0;
  struct messages_view *mv = (struct messages_view *)v;
  if (mv->sel >= (size_t)v->count)
    mv->sel = v->count > 0 ? (size_t)v->count - 1 : 0;
}

/* Rows entry e needs at width w (its time, then the wrapped text). */
static int entry_rows(struct canvas *c, const struct msglog_entry *e, int w) {
  int tw = canvas_text_width(e->text, c->ascii);
  int rows = tw / (w > 1 ? w : 1) + 1;
  return rows + 1;
}

static void messages_draw(struct view *v, struct canvas *c, int x, int y,
                          int w, int h) {
  struct messages_view *mv = (struct messages_view *)v;
  const struct msglog *log = v->ctx->log;
  canvas_text(c, x + 1, y, w - 2,
              "Messages of this session, newest first: j/k select, y copies "
              "the selected one, q back",
              ROLE_DIM);
  if (log == NULL || log->count == 0) {
    canvas_text(c, x + 1, y + 2, w - 2, "no errors or warnings so far",
                ROLE_DIM);
    return;
  }
  if (mv->top > mv->sel)
    mv->top = mv->sel;
  int avail = h - 2, tw = w - 4;
  for (;;) { /* scroll until the selected entry fits */
    int used = 0;
    for (size_t i = mv->top; i <= mv->sel; i++)
      used += entry_rows(c, msglog_get(log, i), tw);
    if (used <= avail || mv->top == mv->sel)
      break;
    mv->top++;
  }
  int row = y + 2;
  for (size_t i = mv->top; i < log->count && row < y + h; i++) {
    const struct msglog_entry *e = msglog_get(log, i);
    char when[32];
    view_time(e->at_ms, when, sizeof when);
    bool sel = i == mv->sel;
    /* the entry's ">" marks it; in arrow mode that marker alone */
    bool hl = sel && !v->ctx->arrow_cursor;
    canvas_fill(c, x, row, w, 1, hl ? ROLE_SELECTED : ROLE_NORMAL);
    canvas_printf(c, x + 1, row, w - 2, hl ? ROLE_SELECTED : ROLE_DIM,
                  "%s %s", sel ? ">" : " ", when);
    row++;
    /* the text was sanitised when it was logged */
    row += canvas_text_wrap(c, x + 3, row, tw, y + h - row, e->text, e->role);
  }
}

static unsigned messages_key(struct view *v, enum keymap_cmd cmd, int key) {
  struct messages_view *mv = (struct messages_view *)v;
  (void)key;
  size_t n = (size_t)v->count;
  if (cmd == CMD_DOWN || cmd == CMD_NEXT_LINK) {
    if (mv->sel + 1 < n)
      mv->sel++;
    return UI_REDRAW;
  }
  if (cmd == CMD_UP || cmd == CMD_PREV_LINK) {
    if (mv->sel > 0)
      mv->sel--;
    return UI_REDRAW;
  }
  if (cmd == CMD_TOP || cmd == CMD_BOTTOM) {
    mv->sel = cmd == CMD_TOP || n == 0 ? 0 : n - 1;
    return UI_REDRAW;
  }
  if (cmd == CMD_MESSAGES) {
    memset(&v->ctx->req, 0, sizeof v->ctx->req);
    v->ctx->req.kind = UI_REQ_BACK;
    return UI_REQUEST;
  }
  return UI_UNHANDLED;
}

static const char *messages_text(struct view *v) {
  const struct msglog_entry *e =
      v->ctx->log ? msglog_get(v->ctx->log, ((struct messages_view *)v)->sel)
                  : NULL;
  return e ? e->text : NULL;
}

static void messages_free(struct view *v) {
  free(v);
}

static const struct view_ops messages_ops = {
    .name = "messages",
    .load = messages_load,
    .draw = messages_draw,
    .key = messages_key,
    .selected_text = messages_text,
    .free = messages_free,
};

struct view *view_messages_new(struct ui_ctx *ctx) {
  struct messages_view *mv = xcalloc(1, sizeof *mv);
  mv->base.ops = &messages_ops;
  mv->base.ctx = ctx;
  snprintf(mv->base.title, sizeof mv->base.title, "Messages");
  return &mv->base;
}
