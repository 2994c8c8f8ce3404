/*
 * ui_cmd - the `:` command line.
 */
#include "ui/ui_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "app/app_export.h"
#include "core/money.h"
#include "core/sanitize.h"
#include "ui/cmdtab.h"
#include "ui/draft.h"
#include "ui/view_help.h"
#include "ui/view_messages.h"
#include "ui/view_payments.h"

/* ---- commands ---- */

static void export_rows(struct ui *u, const char *path) {
  struct view *v = ui_top(u);
  struct app_query q;
  const char *text = NULL;
  bool payments = v->ops->query && v->ops->query(v, &q);
  bool customers =
      !payments && v->ops->customers && v->ops->customers(v, &text);
  if (!payments && !customers) {
    ui_msg(u, ROLE_WARN, "export: this view has no payment or customer rows");
    return;
  }
  if (path == NULL || *path == '\0') {
    ui_msg(u, ROLE_WARN, "export: give a file name, e.g. :export payments.csv");
    return;
  }
  FILE *f = fopen(path, "wx");
  if (f == NULL) {
    ui_msg(u, ROLE_ERROR, "export: cannot create %s (exists or not writable)",
           path);
    return;
  }
  size_t n = strlen(path);
  bool json = n >= 5 && strcasecmp(path + n - 5, ".json") == 0;
  struct app_error err = {0};
  int64_t rows = 0;
  enum app_export_format fmt = json ? APP_EXPORT_JSON : APP_EXPORT_CSV;
  enum app_err e =
      payments ? app_export(u->ctx.app, &q, fmt, 0, f, &rows, &err)
               : app_export_customers(u->ctx.app, text, fmt, f, &rows, &err);
  if (fclose(f) != 0 || e != APP_OK)
    ui_msg(u, ROLE_ERROR, "export: write to %s failed%s%.300s", path,
           e != APP_OK ? ": " : "", e != APP_OK ? err.msg : "");
  else
    ui_msg(u, ROLE_OK, "exported %lld rows to %s", (long long)rows, path);
}

static void go_to(struct ui *u, const char *where) {
  struct view *v = ui_top(u);
  if (v->ops->go_to == NULL) {
    ui_msg(u, ROLE_WARN, "goto: this view is not a payment list");
    return;
  }
  u->ctx.msg[0] = '\0';
  u->ctx.msg_role = ROLE_WARN;
  if (v->ops->go_to(v, where) != 0 && u->ctx.msg[0])
    ui_msg(u, ROLE_WARN, "%s", u->ctx.msg);
}

static void ui_cmd_draft(struct ui *u, bool drop) {
  struct draft dr;
  if (u->draft_path == NULL || draft_load(u->draft_path, &dr) != 0) {
    ui_msg(u, ROLE_WARN, "no draft to reopen");
    return;
  }
  if (drop) {
    unlink(u->draft_path);
    ui_msg(u, ROLE_OK, "draft discarded");
    return;
  }
  struct payment p;
  struct app_error err = {0};
  char why[256];
  memset(&p, 0, sizeof p);
  char *sid = sanitize_text(dr.payment_id);
  if (app_payment_get(u->ctx.app, dr.payment_id, &p, &err) != APP_OK) {
    ui_msg(u, ROLE_WARN, "draft: payment %s is not in the cache", sid);
  } else if (u->opts->read_only) {
    ui_msg(u, ROLE_WARN, "draft: read-only mode, no action is offered");
  } else if (!app_action_allowed(u->ctx.app, &p, dr.action, why, sizeof why)) {
    char *cw = sanitize_text(why);
    ui_msg(u, ROLE_WARN, "draft %s on %s not offered now: %s",
        app_action_name(dr.action), sid, cw);
    free(cw);
  } else {
    dialog_open(&u->dialog, &u->ctx, &p, dr.action, &u->confirm,
                u->env_label);
    draft_apply(&dr, &u->dialog);
    unlink(u->draft_path);
  }
  free(sid);
  payment_cleanup(&p);
}

static void sort_payments(struct ui *u, const char *arg) {
  enum keyset_sort s;
  if (cmdtab_parse_sort(arg, &s) != 0) {
    const struct cmdtab_entry *e = cmdtab_for_cmd(CMD_SORT);
    ui_msg(u, ROLE_WARN, "usage: :sort %s", e ? e->args : "");
    return;
  }
  ui_switch_pane(u, 0);
  view_payments_set_sort(u->panes[0], s);
  ui_load(u, u->panes[0]);
  ui_msg(u, ROLE_OK, "payments sorted by %s", arg);
}

static void show_profile(struct ui *u) {
  char *pr = sanitize_text(u->opts->profile ? u->opts->profile : "default");
  ui_msg(u, ROLE_NORMAL, "profile: %s  (%s)  change it with --profile", pr,
         u->env_label);
  free(pr);
}

/* Runs entry e of the command table with its argument text. */
static void run_entry(struct ui *u, const struct cmdtab_entry *e,
                      const char *arg) {
  enum app_action_kind kind;
  if (view_cmd_action(e->cmd, &kind)) {
    ui_keys_action_on(u, kind, arg[0] ? arg : NULL);
    return;
  }
  if (e->cmd >= CMD_PANE_PAYMENTS && e->cmd <= CMD_PANE_ACTIVITY) {
    ui_switch_pane(u, (size_t)(e->cmd - CMD_PANE_PAYMENTS));
    return;
  }
  switch (e->cmd) {
  case CMD_QUIT:
    u->quit = true;
    break;
  case CMD_SYNC:
    ui_request_sync(u);
    break;
  case CMD_MESSAGES:
    ui_push(u, view_messages_new(&u->ctx));
    break;
  case CMD_HELP:
    ui_push(u, view_help_new(&u->ctx));
    break;
  case CMD_PROFILE:
    show_profile(u);
    break;
  case CMD_DRAFT:
    ui_cmd_draft(u, strcmp(arg, "drop") == 0);
    break;
  case CMD_FILTER:
    ui_apply_filter(u, arg);
    break;
  case CMD_EXPORT:
    export_rows(u, arg);
    break;
  case CMD_GOTO:
    go_to(u, arg);
    break;
  case CMD_SORT:
    sort_payments(u, arg);
    break;
  default:
    break;
  }
}

void ui_cmd_run(struct ui *u, const char *line) {
  char cmd[32] = "", arg[PROMPT_MAX] = "";
  const char *p = line;
  while (*p == ' ')
    p++;
  size_t n = 0;
  while (*p && *p != ' ' && n + 1 < sizeof cmd)
    cmd[n++] = *p++;
  cmd[n] = '\0';
  while (*p == ' ')
    p++;
  snprintf(arg, sizeof arg, "%s", p);
  if (cmd[0] == '\0')
    return;
  const struct cmdtab_entry *e = cmdtab_find(cmd, CMDTAB_PROMPT);
  if (e == NULL) {
    char *clean = sanitize_text(cmd);
    ui_msg(u, ROLE_WARN, "unknown command '%s' (? lists them)", clean);
    free(clean);
    return;
  }
  run_entry(u, e, arg);
}

