/*
 * ui_draw - the screen of the main loop: tab bar, the view on top, status bar and
 * the bottom line (hints, messages, prompts), and the dialog over them.
 */
#include "ui/ui_int.h"

#include <stdio.h>
#include <string.h>

#include "ui/statusbar.h"
#include "ui/tabbar.h"

static const struct tabbar_tab tab_names[NPANES] = {
    {"Payments", "Pay", 0}, {"Review", "Rev", 0},      {"Customers", "Cust", 0},
    {"Refunds", "Ref", 0},  {"Unassigned", "Unas", 0}, {"Activity", "Act", 0},
};

/* ---- drawing ---- */

/* The bottom line: a message if there is one, else the keys that do
 * something here, including the actions the selected payment allows. */
static void draw_hints(struct ui *u, int y) {
  struct canvas *c = u->canvas;
  if (u->ctx.msg[0]) {
    canvas_text(c, 0, y, c->w, u->ctx.msg, u->ctx.msg_role);
    return;
  }
  struct view *v = ui_top(u);
  const struct payment *p = v->ops->selected ? v->ops->selected(v) : NULL;
  char acts[160] = "";
  size_t used = 0;
  if (p && !u->opts->read_only) {
    static const struct {
      enum keymap_cmd cmd;
      enum app_action_kind kind;
    } map[] = {{CMD_CAPTURE, APP_ACTION_CAPTURE},
               {CMD_AUTHORIZE, APP_ACTION_AUTHORIZE},
               {CMD_REFUND, APP_ACTION_REFUND},
               {CMD_ASSIGN, APP_ACTION_ASSIGN},
               {CMD_UPLOAD, APP_ACTION_UPLOAD},
               {CMD_APPROVE, APP_ACTION_APPROVE},
               {CMD_REJECT, APP_ACTION_REJECT}};
    for (size_t i = 0; i < sizeof map / sizeof map[0]; i++) {
      char why[256], keys[64];
      if (!app_action_allowed(u->ctx.app, p, map[i].kind, why, sizeof why))
        continue;
      keymap_keys_for(&u->km, map[i].cmd, keys, sizeof keys);
      if (keys[0] == '\0')
        continue;
      char *sp = strchr(keys, ' ');
      if (sp)
        *sp = '\0'; /* the first key is enough here */
      int n = snprintf(acts + used, sizeof acts - used, "%s %s  ", keys,
                       app_action_name(map[i].kind));
      if (n < 0 || (size_t)n >= sizeof acts - used)
        break;
      used += (size_t)n;
    }
  }
  const char *nav = u->depth ? "q back  Tab link  Enter open  v raw  ? help"
                             : "Enter open  / filter  : command  ? help  "
                               "q quit";
  int x = 0;
  if (acts[0])
    x += canvas_text(c, 0, y, c->w, acts, ROLE_LABEL);
  canvas_text(c, x, y, c->w - x, nav, ROLE_DIM);
}

static void draw_breadcrumb(struct ui *u, int y) {
  struct canvas *c = u->canvas;
  int x = 0;
  x += canvas_text(c, x, y, c->w, u->panes[u->active]->title, ROLE_DIM);
  for (size_t i = 0; i < u->depth && x < c->w; i++) {
    x += canvas_text(c, x, y, c->w - x, " > ", ROLE_DIM);
    x += canvas_text(c, x, y, c->w - x, u->stack[i]->title,
                     i + 1 == u->depth ? ROLE_TITLE : ROLE_DIM);
  }
}

void ui_draw(struct ui *u) {
  struct canvas *c = u->canvas;
  u->ctx.now_ms = ui_now_ms();
  u->show_cursor = false;
  canvas_clear(c, ROLE_NORMAL);
  if (c->w < MIN_W || c->h < MIN_H) {
    char line[128];
    snprintf(line, sizeof line, "Terminal too small: %dx%d", c->w, c->h);
    int y = c->h / 2 - 1;
    canvas_text(c, 1, y > 0 ? y : 0, c->w - 2, line, ROLE_WARN);
    snprintf(line, sizeof line, "conomy-desk needs at least %dx%d.", MIN_W,
             MIN_H);
    canvas_text(c, 1, y + 1, c->w - 2, line, ROLE_NORMAL);
    canvas_text(c, 1, y + 2, c->w - 2, "Enlarge the window, or q to quit.",
                ROLE_DIM);
    return;
  }
  struct tabbar_tab tabs[NPANES];
  for (size_t i = 0; i < NPANES; i++) {
    tabs[i] = tab_names[i];
    tabs[i].count = u->panes[i]->count;
  }
  tabbar_draw(c, 0, tabs, NPANES, u->active, "? help ");
  int y = 1, h = c->h - 3;
  if (u->depth) {
    draw_breadcrumb(u, y);
    y++;
    h--;
  }
  struct view *v = ui_top(u);
  v->ops->draw(v, c, 0, y, c->w, h);
  struct statusbar_info in = {.st = &u->st,
                              .profile = u->opts->profile,
                              .now_ms = u->ctx.now_ms,
                              .read_only = u->opts->read_only};
  statusbar_draw(c, c->h - 2, &in);
  if (u->prompt.active) {
    int cx;
    prompt_draw(&u->prompt, c, c->h - 1, &cx);
    if (u->ctx.msg[0] && cx + 4 < c->w) {
      /* e.g. why the filter typed so far does not parse yet */
      int room = c->w - cx - 3;
      canvas_text_right(c, c->w, c->h - 1, room, u->ctx.msg, u->ctx.msg_role);
    }
    u->cursor_x = cx;
    u->cursor_y = c->h - 1;
    u->show_cursor = true;
  } else if (u->quit_asked) {
    canvas_text(c, 0, c->h - 1, c->w, "Quit conomy-desk? (y/N)", ROLE_PROMPT);
  } else {
    draw_hints(u, c->h - 1);
  }
  if (u->dialog.open) {
    int cx, cy;
    dialog_draw(&u->dialog, c, &cx, &cy);
    u->show_cursor = cx >= 0;
    u->cursor_x = cx;
    u->cursor_y = cy;
  }
}

