/*
 * ui_int - what the main loop's files share (ui.c, ui_draw.c, ui_keys.c,
 * ui_cmd.c): the state of one ui_run() and the helpers that change it.
 * Not for views: they talk to the loop through struct ui_ctx only.
 */
#ifndef DESK_UI_UI_INT_H
#define DESK_UI_UI_INT_H

#include <stdbool.h>
#include <stdint.h>

#include "app/app.h"
#include "ui/canvas.h"
#include "ui/confirm.h"
#include "ui/dialog.h"
#include "ui/keymap.h"
#include "ui/msglog.h"
#include "ui/prompt.h"
#include "ui/theme.h"
#include "ui/ui.h"
#include "ui/view.h"

#define NPANES 6
#define STACK_MAX 32
#define POLL_MS 150
#define RELOAD_MIN_MS 500
#define HIDDEN_RELOAD_MS 3000
#define FILTER_IDLE_MS 120
#define MIN_W 80
#define MIN_H 24

struct ui {
  struct ui_ctx ctx;
  bool review_notice_shown; /* "review is resolved by conomy" said once */
  const struct ui_options *opts;
  struct keymap km;
  struct theme theme;
  struct canvas *canvas;
  struct view *panes[NPANES];
  size_t active;
  struct view *stack[STACK_MAX];
  size_t depth;
  struct prompt prompt;
  struct dialog dialog;
  bool quit_asked;
  bool quit;
  uint64_t gen;
  uint64_t figures_seq; /* app_summary_seq() last picked up */
  int64_t last_reload_ms;
  int64_t last_full_ms;
  bool reload_pending;
  struct app_status st;
  struct msglog log;             /* the session's messages, whole */
  struct confirm_table confirm; /* when money actions ask for the amount */
  char env_label[160];
  int cursor_x, cursor_y;
  bool show_cursor;
  int64_t last_activity_id; /* newest activity row already announced */
  bool filter_pending;      /* `/` text changed, not applied yet */
  char *draft_path;         /* where an interrupted dialog is kept */
};


int64_t ui_now_ms(void);
/* One line for the bottom line (replaces the previous message). */
void ui_msg(struct ui *u, enum ui_role role, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Keeps a message whole in the session's log (Messages, Activity). */
void ui_log(struct ui *u, enum ui_role role, const char *text);
/* The view on top: the last pushed one, else the active pane. */
struct view *ui_top(struct ui *u);
/* Re-reads v's data from the cache. */
void ui_load(struct ui *u, struct view *v);
void ui_push(struct ui *u, struct view *v);
void ui_pop(struct ui *u);
void ui_pop_all(struct ui *u);
void ui_switch_pane(struct ui *u, size_t i);
/* Applies a filter text to the view on top (see view_ops.set_filter);
 * false (the reason in ctx.msg, the old results kept) when it does not
 * parse. */
bool ui_apply_filter(struct ui *u, const char *text);
/* Enter in the `/` prompt: applies the typed filter, or restores the one
 * from before `/` and keeps the prompt open with the text and the reason. */
void ui_submit_filter(struct ui *u);
void ui_request_sync(struct ui *u);

/* ui_draw.c: the whole screen into u->canvas (no terminal output). */
void ui_draw(struct ui *u);
/* ui_keys.c: one key. */
void ui_keys_handle(struct ui *u, int key);
/* `:capture [ID]`: the action's dialog on the payment with that id (from
 * the cache), or on the one under the cursor. */
void ui_keys_action_on(struct ui *u, enum app_action_kind kind,
                       const char *id);
/* Records the open dialog's action in the outbox (or shows why not). */
void ui_keys_submit(struct ui *u);
/* ui_cmd.c: one `:` command line. */
void ui_cmd_run(struct ui *u, const char *line);

#endif
