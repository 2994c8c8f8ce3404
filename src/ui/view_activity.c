/*
 * view_activity - the Activity pane. See view_activity.h.
 */
#include "ui/view_activity.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"
#include "ui/textdoc.h"

#define MAX_ROWS 500

struct activity_view {
  struct view base;
  struct textdoc doc;
};

static void add_rows(struct textdoc *d, const struct app_activity *rows,
                     size_t n) {
  for (size_t i = 0; i < n; i++) {
    const struct app_activity *r = &rows[i];
    char when[32];
    view_time(r->at_ms, when, sizeof when);
    char *line = xasprintf("%-10.16s %-9.16s %-24.32s trace %s  %s", r->action,
                           r->outcome, r->payment_id,
                           r->trace_id[0] ? r->trace_id : "-", r->detail);
    textdoc_link(d, when, line, TEXTDOC_LINK_PAYMENT, r->payment_id);
    free(line);
  }
}

static void activity_load(struct view *v) {
  struct activity_view *av = (struct activity_view *)v;
  struct textdoc *d = &av->doc;
  struct app_activity *rows = NULL;
  size_t n = 0;
  struct app_error err = {0};
  int64_t count = 0;
  textdoc_clear(d);
  textdoc_section(d, "Outbox (recorded, not yet confirmed)");
  if (app_outbox_list(v->ctx->app, &rows, &n, &err) != APP_OK)
    textdoc_text_untrusted(d, err.msg, ROLE_ERROR);
  else if (n == 0)
    textdoc_text(d, " empty", ROLE_DIM);
  add_rows(d, rows, n);
  count += (int64_t)n;
  free(rows);
  rows = NULL;
  n = 0;
  textdoc_section(d, "Actions taken from this desk (newest first)");
  if (app_activity_list(v->ctx->app, MAX_ROWS, &rows, &n, &err) != APP_OK)
    textdoc_text_untrusted(d, err.msg, ROLE_ERROR);
  else if (n == 0)
    textdoc_text(d, " none yet", ROLE_DIM);
  add_rows(d, rows, n);
  count += (int64_t)n;
  free(rows);
  v->count = count;
}

static void activity_draw(struct view *v, struct canvas *c, int x, int y, int w,
                          int h) {
  struct activity_view *av = (struct activity_view *)v;
  const struct textdoc_line *l = textdoc_selected(&av->doc);
  int box = h >= 12 ? 4 : 0;
  textdoc_draw(&av->doc, c, x, y, w, h - box);
  if (box == 0)
    return;
  canvas_hline(c, x, y + h - box, w, ROLE_BORDER);
  if (l == NULL) {
    canvas_text(c, x + 1, y + h - box + 1, w - 2,
                "j/k select an entry to see it in full; Enter opens the "
                "payment",
                ROLE_DIM);
    return;
  }
  char *full = xasprintf("%s  %s", l->label ? l->label : "", l->text);
  canvas_text_wrap(c, x + 1, y + h - box + 1, w - 2, box - 1, full,
                   ROLE_NORMAL); /* both parts were sanitised by textdoc */
  free(full);
}

static unsigned activity_key(struct view *v, enum keymap_cmd cmd, int key) {
  struct activity_view *av = (struct activity_view *)v;
  (void)key;
  /* j/k walk the rows (links) rather than scroll */
  if (cmd == CMD_DOWN)
    cmd = CMD_NEXT_LINK;
  else if (cmd == CMD_UP)
    cmd = CMD_PREV_LINK;
  if (textdoc_key(&av->doc, cmd))
    return UI_REDRAW;
  if (cmd == CMD_OPEN) {
    const struct textdoc_line *l = textdoc_selected(&av->doc);
    if (l == NULL || l->link_id == NULL || l->link_id[0] == '\0')
      return UI_REDRAW;
    memset(&v->ctx->req, 0, sizeof v->ctx->req);
    v->ctx->req.kind = UI_REQ_OPEN_PAYMENT;
    snprintf(v->ctx->req.id, sizeof v->ctx->req.id, "%s", l->link_id);
    return UI_REQUEST;
  }
  return UI_UNHANDLED;
}

static const char *activity_selected_id(struct view *v) {
  const struct textdoc_line *l =
      textdoc_selected(&((struct activity_view *)v)->doc);
  return l ? l->link_id : NULL;
}

static void activity_free(struct view *v) {
  textdoc_cleanup(&((struct activity_view *)v)->doc);
  free(v);
}

static const struct view_ops activity_ops = {
    .name = "activity",
    .load = activity_load,
    .draw = activity_draw,
    .key = activity_key,
    .selected_id = activity_selected_id,
    .free = activity_free,
};

struct view *view_activity_new(struct ui_ctx *ctx) {
  struct activity_view *av = xcalloc(1, sizeof *av);
  av->base.ops = &activity_ops;
  av->base.ctx = ctx;
  snprintf(av->base.title, sizeof av->base.title, "Activity");
  textdoc_init(&av->doc, 16);
  return &av->base;
}
