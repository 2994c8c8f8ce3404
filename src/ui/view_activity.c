/*
 * view_activity - the Activity pane. See view_activity.h.
 */
#include "ui/view_activity.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"
#include "ui/msglog.h"
#include "ui/textdoc.h"

/* Log rows read at first, and more each time the cursor passes the last
 * one read: the log is read as far as it is looked at, never cut. */
#define PAGE_ROWS 500

struct activity_view {
  struct view base;
  struct textdoc doc;
  size_t want; /* log rows to read */
  bool more;   /* the last read filled `want`: older rows may follow */
};

/* Whether an earlier (newer) row already stands for this action. */
static bool seen_before(const struct app_activity *rows, size_t i) {
  for (size_t j = 0; j < i; j++)
    if (rows[i].outbox_id != 0 && rows[j].outbox_id == rows[i].outbox_id)
      return true;
  return false;
}

/* One line per action: its newest row, with the outcomes it went through
 * (oldest first) in the text. Returns the number of actions. */
static int64_t add_rows(struct textdoc *d, const struct app_activity *rows,
                        size_t n) {
  int64_t actions = 0;
  for (size_t i = 0; i < n; i++) {
    const struct app_activity *r = &rows[i];
    if (seen_before(rows, i))
      continue;
    actions++;
    char when[32], hist[160] = "";
    size_t used = 0;
    for (size_t j = n; j-- > i + 1;) {
      if (r->outbox_id == 0 || rows[j].outbox_id != r->outbox_id)
        continue;
      int k = snprintf(hist + used, sizeof hist - used, "%s > ",
                       rows[j].outcome);
      if (k < 0 || (size_t)k >= sizeof hist - used)
        break;
      used += (size_t)k;
    }
    view_time(r->at_ms, when, sizeof when);
    char *line = xasprintf("%-10.16s %-9.16s %-24.32s trace %s  %s%s%s%s",
                           r->action, r->outcome, r->payment_id,
                           r->trace_id[0] ? r->trace_id : "-", r->detail,
                           hist[0] ? "  (" : "", hist, hist[0] ? "now)" : "");
    textdoc_link(d, when, line, TEXTDOC_LINK_PAYMENT, r->payment_id);
    free(line);
  }
  return actions;
}

/* The session's errors (sync, network, actions), newest first. */
static void add_errors(struct textdoc *d, const struct msglog *log) {
  textdoc_section(d, "Errors this session (M shows every message whole)");
  size_t shown = 0;
  for (size_t i = 0; log && i < log->count && shown < 50; i++) {
    const struct msglog_entry *e = msglog_get(log, i);
    if (e->role != ROLE_ERROR)
      continue;
    char when[32];
    view_time(e->at_ms, when, sizeof when);
    textdoc_kv(d, when, e->text, ROLE_ERROR);
    shown++;
  }
  if (shown == 0)
    textdoc_text(d, " none", ROLE_DIM);
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
  count += add_rows(d, rows, n);
  free(rows);
  rows = NULL;
  n = 0;
  textdoc_section(d, "Actions taken from this desk (newest first)");
  av->more = false;
  if (app_activity_list(v->ctx->app, av->want, &rows, &n, &err) != APP_OK)
    textdoc_text_untrusted(d, err.msg, ROLE_ERROR);
  else if (n == 0)
    textdoc_text(d, " none yet", ROLE_DIM);
  count += add_rows(d, rows, n);
  free(rows);
  if (n == av->want) {
    av->more = true;
    textdoc_text(d, " older actions follow: moving past the last one reads "
                    "them",
                 ROLE_DIM);
  }
  add_errors(d, v->ctx->log);
  v->count = count; /* actions, not lines */
}

static void activity_draw(struct view *v, struct canvas *c, int x, int y, int w,
                          int h) {
  struct activity_view *av = (struct activity_view *)v;
  const struct textdoc_line *l = textdoc_selected(&av->doc);
  int box = h >= 20 ? 7 : h >= 12 ? 4 : 0;
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

/* Whether no link follows the selected one. */
static bool at_last_link(const struct textdoc *d) {
  if (d->sel < 0)
    return false;
  for (size_t i = (size_t)d->sel + 1; i < d->count; i++)
    if (d->lines[i].link != TEXTDOC_LINK_NONE)
      return false;
  return true;
}

static unsigned activity_key(struct view *v, enum keymap_cmd cmd, int key) {
  struct activity_view *av = (struct activity_view *)v;
  (void)key;
  /* past the last row read: the next older ones (G: all of them) */
  if (av->more && (cmd == CMD_BOTTOM ||
                   ((cmd == CMD_DOWN || cmd == CMD_PAGE_DOWN) &&
                    at_last_link(&av->doc)))) {
    av->want = cmd == CMD_BOTTOM ? SIZE_MAX / 2 : av->want + PAGE_ROWS;
    activity_load(v);
  }
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
  av->want = PAGE_ROWS;
  snprintf(av->base.title, sizeof av->base.title, "Activity");
  textdoc_init(&av->doc, 16);
  return &av->base;
}
