/*
 * ui_keys - what a key does in the main loop: dialog, prompt, global commands,
 * then the view on top; actions start here.
 */
#include "ui/ui_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/sanitize.h"
#include "ui/term.h"
#include "ui/view_customers.h"
#include "ui/view_detail.h"
#include "ui/view_help.h"
#include "ui/view_messages.h"
#include "ui/draft.h"

/* ---- actions ---- */

/* Opens the action's dialog on p, or says why not. */
static void open_action(struct ui *u, enum app_action_kind kind,
                        const struct payment *p) {
  const char *name = app_action_name(kind);
  char why[256];
  if (!app_action_allowed(u->ctx.app, p, kind, why, sizeof why)) {
    char *clean = sanitize_text(why);
    ui_msg(u, ROLE_WARN, "%s not offered: %s", name, clean);
    free(clean);
    return;
  }
  dialog_open(&u->dialog, &u->ctx, p, kind, &u->confirm, u->env_label);
}

static void start_action(struct ui *u, enum app_action_kind kind,
                         const char *id) {
  const char *name = app_action_name(kind);
  if (u->opts->read_only) {
    ui_msg(u, ROLE_WARN, "%s: read-only mode, no action is offered", name);
    return;
  }
  struct view *v = ui_top(u);
  const struct payment *p = v->ops->selected ? v->ops->selected(v) : NULL;
  if (p == NULL || p->id == NULL || strcmp(p->id, id) != 0) {
    ui_msg(u, ROLE_WARN, "%s: select a payment first", name);
    return;
  }
  open_action(u, kind, p);
}

void ui_keys_action_on(struct ui *u, enum app_action_kind kind,
                       const char *id) {
  const char *name = app_action_name(kind);
  if (u->opts->read_only) {
    ui_msg(u, ROLE_WARN, "%s: read-only mode, no action is offered", name);
    return;
  }
  if (id == NULL) { /* the payment under the cursor */
    struct view *v = ui_top(u);
    const struct payment *p = v->ops->selected ? v->ops->selected(v) : NULL;
    if (p == NULL)
      ui_msg(u, ROLE_WARN, "%s: select a payment first, or give its id", name);
    else
      open_action(u, kind, p);
    return;
  }
  struct payment p;
  struct app_error err = {0};
  memset(&p, 0, sizeof p);
  if (app_payment_get(u->ctx.app, id, &p, &err) != APP_OK) {
    char *clean = sanitize_text(err.msg);
    ui_msg(u, ROLE_WARN, "%s: %s", name, clean);
    free(clean);
  } else {
    open_action(u, kind, &p);
  }
  payment_cleanup(&p);
}

/* `y` on a message: the whole text to the clipboard (OSC 52) and to a
 * file, for terminals without OSC 52. */
static void copy_text(struct ui *u, const char *text) {
  if (text == NULL || *text == '\0') {
    ui_msg(u, ROLE_WARN, "nothing to copy here");
    return;
  }
  bool clip = term_osc52_text(text) == 0;
  char *path = draft_state_file("message.txt");
  FILE *f = path ? fopen(path, "w") : NULL;
  bool saved = f && fprintf(f, "%s\n", text) >= 0;
  if (f && fclose(f) != 0)
    saved = false;
  char *cp = sanitize_text(path ? path : "");
  snprintf(u->ctx.msg, sizeof u->ctx.msg, "copied the message%s%s%s",
           clip ? " to the clipboard (OSC 52)" : "",
           clip && saved ? " and" : "", saved ? " to " : "");
  size_t used = strlen(u->ctx.msg);
  if (saved)
    snprintf(u->ctx.msg + used, sizeof u->ctx.msg - used, "%s", cp);
  u->ctx.msg_role = clip || saved ? ROLE_OK : ROLE_ERROR;
  free(cp);
  free(path);
}

void ui_keys_submit(struct ui *u) {
  struct app_action act;
  int64_t outbox_id = 0;
  struct app_error err = {0};
  dialog_action(&u->dialog, &act);
  enum app_err rc = app_action_submit(u->ctx.app, &act, &outbox_id, &err);
  if (rc != APP_OK) {
    char *clean = sanitize_text(err.msg);
    snprintf(u->dialog.error, sizeof u->dialog.error, "%s", clean);
    free(clean);
    return; /* the dialog stays open with what the user typed */
  }
  if (act.kind == APP_ACTION_APPROVE || act.kind == APP_ACTION_REJECT)
    u->ctx.decisions++;
  if (act.kind == APP_ACTION_UPLOAD && act.file_path) {
    /* the next upload starts in the same directory */
    const char *slash = strrchr(act.file_path, '/');
    if (slash)
      snprintf(u->ctx.upload_dir, sizeof u->ctx.upload_dir, "%.*s",
               (int)(slash - act.file_path), act.file_path);
  }
  ui_msg(u, ROLE_OK, "%s queued (outbox #%lld); see the Activity pane (6)",
         app_action_name(act.kind), (long long)outbox_id);
  dialog_close(&u->dialog);
  u->reload_pending = true;
}

/* ---- keys ---- */

static void handle_request(struct ui *u) {
  struct ui_request r = u->ctx.req;
  memset(&u->ctx.req, 0, sizeof u->ctx.req);
  switch (r.kind) {
  case UI_REQ_OPEN_PAYMENT:
    ui_push(u, view_detail_new(&u->ctx, r.id));
    break;
  case UI_REQ_OPEN_CUSTOMER:
    ui_push(u, view_customer_new(&u->ctx, r.id));
    break;
  case UI_REQ_OPEN_RAW:
    ui_push(u, view_raw_new(&u->ctx, r.id[0] ? r.id : NULL, r.raw_json));
    break;
  case UI_REQ_ACTION:
    start_action(u, r.action, r.id);
    break;
  case UI_REQ_BACK:
    ui_pop(u);
    break;
  case UI_REQ_PAYMENTS_FILTER:
    ui_switch_pane(u, 0);
    ui_apply_filter(u, r.id);
    break;
  default:
    break;
  }
}

/* A key while a dialog is open. */
static void dialog_key_in(struct ui *u, int key) {
  enum dialog_result r = dialog_key(&u->dialog, key);
  if (r == DIALOG_CANCEL) {
    dialog_close(&u->dialog);
    ui_msg(u, ROLE_DIM, "cancelled; nothing was sent");
  } else if (r == DIALOG_SUBMIT) {
    ui_keys_submit(u);
  }
}

/* A key while the `/` or `:` prompt is open. */
static void prompt_key_in(struct ui *u, int key) {
  enum prompt_result r = prompt_key(&u->prompt, key);
  if (u->prompt.kind == '/') {
    /* live results, but typing is never held up by a large cache: the
     * filter is applied once the keys stop for FILTER_IDLE_MS */
    if (r == PROMPT_CHANGED) {
      u->filter_pending = true;
    } else if (r == PROMPT_SUBMIT) {
      u->filter_pending = false;
      ui_submit_filter(u);
    } else if (r == PROMPT_CANCEL) {
      u->filter_pending = false;
      ui_apply_filter(u, u->prompt.saved);
    }
  } else if (r == PROMPT_SUBMIT) {
    ui_cmd_run(u, u->prompt.buf);
  }
}

/* The commands the main loop handles itself; false for the view's. */
static bool global_cmd(struct ui *u, struct view *v, enum keymap_cmd cmd) {
  switch (cmd) {
  case CMD_QUIT:
  case CMD_BACK:
    if (u->depth)
      ui_pop(u);
    else if (cmd == CMD_BACK && v->filter_text[0] && v->ops->set_filter)
      ui_apply_filter(u, "");
    else if (cmd == CMD_QUIT)
      u->quit_asked = true;
    return true;
  case CMD_HELP:
    if (strcmp(v->ops->name, "help") == 0)
      ui_pop(u);
    else
      ui_push(u, view_help_new(&u->ctx));
    return true;
  case CMD_FILTER:
    if (v->ops->set_filter == NULL) {
      ui_msg(u, ROLE_WARN, "this view cannot be filtered; q goes back");
      return true;
    }
    prompt_open(&u->prompt, '/', v->filter_text);
    return true;
  case CMD_COMMAND:
    prompt_open(&u->prompt, ':', "");
    return true;
  case CMD_SYNC:
    ui_request_sync(u);
    return true;
  case CMD_REPAINT:
    term_invalidate();
    return true;
  case CMD_MESSAGES:
    if (strcmp(v->ops->name, "messages") == 0)
      ui_pop(u);
    else
      ui_push(u, view_messages_new(&u->ctx));
    return true;
  case CMD_COPY_ID: {
    if (v->ops->selected_text) {
      copy_text(u, v->ops->selected_text(v));
      return true;
    }
    const char *id = v->ops->selected_id ? v->ops->selected_id(v) : NULL;
    if (id == NULL || term_osc52(id) != 0) {
      ui_msg(u, ROLE_WARN, "nothing to copy here");
      return true;
    }
    char *clean = sanitize_text(id);
    ui_msg(u, ROLE_OK, "copied %s to the clipboard (OSC 52)", clean);
    free(clean);
    return true;
  }
  case CMD_PANE_PAYMENTS:
  case CMD_PANE_REVIEW:
  case CMD_PANE_CUSTOMERS:
  case CMD_PANE_REFUNDS:
  case CMD_PANE_UNASSIGNED:
  case CMD_PANE_ACTIVITY:
    ui_switch_pane(u, (size_t)(cmd - CMD_PANE_PAYMENTS));
    return true;
  case CMD_NEXT_PANE:
  case CMD_PREV_PANE:
    if (u->depth == 0) {
      ui_switch_pane(u, cmd == CMD_NEXT_PANE ? u->active + 1
                                          : u->active + NPANES - 1);
      return true;
    }
    break;
  default:
    break;
  }
  return false;
}

void ui_keys_handle(struct ui *u, int key) {
  if (u->dialog.open) {
    dialog_key_in(u, key);
    return;
  }
  if (u->prompt.active) {
    prompt_key_in(u, key);
    return;
  }
  if (u->quit_asked) {
    u->quit_asked = false;
    if (key == 'y' || key == 'Y' || key == 'q')
      u->quit = true;
    return;
  }
  u->ctx.msg[0] = '\0';
  enum keymap_cmd cmd = keymap_lookup(&u->km, key);
  struct view *v = ui_top(u);
  if (global_cmd(u, v, cmd))
    return;
  unsigned r = v->ops->key(v, cmd, key);
  if (r & UI_RELOAD)
    ui_load(u, v);
  if (r & UI_REQUEST)
    handle_request(u);
  if (r & UI_QUIT)
    u->quit = true;
  if ((r & UI_UNHANDLED) && cmd != CMD_NONE) {
    if (view_cmd_action(cmd, &(enum app_action_kind){0}))
      ui_msg(u, ROLE_WARN, "no payment here to act on");
  }
}

