/*
 * view_help - see view_help.h.
 */
#include "ui/view_help.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"
#include "ui/cmdtab.h"
#include "ui/textdoc.h"

struct help_view {
  struct view base;
  struct textdoc doc;
};

/* Keys and `:` commands, both from the command table. */
static void add_commands(struct textdoc *d, const struct keymap *km) {
  textdoc_section(d, "Keys (live keymap; q or Esc closes this help)");
  for (size_t i = 0; i < cmdtab_count(); i++) {
    const struct cmdtab_entry *e = cmdtab_at(i);
    if (!(e->where & CMDTAB_KEY))
      continue;
    char keys[128];
    keymap_keys_for(km, e->cmd, keys, sizeof keys);
    if (keys[0] == '\0')
      snprintf(keys, sizeof keys, "(unbound)");
    textdoc_kvf(d, keys, ROLE_NORMAL, "%-16s %s", e->name, e->help);
  }
  textdoc_section(d, "Commands (:), Up/Down for history");
  for (size_t i = 0; i < cmdtab_count(); i++) {
    const struct cmdtab_entry *e = cmdtab_at(i);
    if (!(e->where & CMDTAB_PROMPT))
      continue;
    char head[96];
    const char *name = e->alias ? e->alias : e->name;
    bool action = e->where & CMDTAB_CLI && e->cmd != CMD_SYNC;
    snprintf(head, sizeof head, ":%s%s%s", name,
             action ? " [ID]" : e->args[0] ? " " : "",
             action ? "" : e->args);
    textdoc_kv(d, head, e->help, ROLE_NORMAL);
  }
}

static void help_load(struct view *v) {
  struct help_view *hv = (struct help_view *)v;
  struct textdoc *d = &hv->doc;
  textdoc_clear(d);
  textdoc_section(d, "Review fast path");
  textdoc_text(d,
               " u <path> Enter a y: upload (type from the review reason, "
               "path in the last directory), then approve",
               ROLE_NORMAL);
  add_commands(d, v->ctx->keymap);
  textdoc_section(d, "In a dialog");
  textdoc_kv(d, "Tab Down / BTab Up", "next / previous field or button",
             ROLE_NORMAL);
  textdoc_kv(d, "Left Right Space", "change a choice (account, type)",
             ROLE_NORMAL);
  textdoc_kv(d, "Tab in a file field", "complete the path; Enter uploads",
             ROLE_NORMAL);
  textdoc_kv(d, "Enter", "on [ Send ] sends; focus starts on [ Cancel ]",
             ROLE_NORMAL);
  textdoc_kv(d, "y", "sends when the focus is not in a text field",
             ROLE_NORMAL);
  textdoc_kv(d, "Esc", "cancel: nothing is sent", ROLE_NORMAL);
  textdoc_section(d, "Panes");
  textdoc_kv(d, "1 Payments", "all payments, newest first; summary header",
             ROLE_NORMAL);
  textdoc_kv(d, "2 Review",
             "REQUIRES_REVIEW, oldest first; ! marks items older than 24h",
             ROLE_NORMAL);
  textdoc_kv(d, "3 Customers", "customers, documents and their payments",
             ROLE_NORMAL);
  textdoc_kv(d, "4 Refunds", "refund children with their parent", ROLE_NORMAL);
  textdoc_kv(d, "5 Unassigned", "unassigned topups by time left to expiry",
             ROLE_NORMAL);
  textdoc_kv(d, "6 Activity",
             "actions taken from this desk, the outbox, this session's errors",
             ROLE_NORMAL);
  textdoc_section(d, "Filter (/), live as you type");
  textdoc_text(d,
               " status:SETTLED,FAILED  type:REFUND  currency:USD  "
               "amount>100  created>2025-01-01",
               ROLE_NORMAL);
  textdoc_text(d,
               " docs:PENDING_UPLOAD  parent:<id>  account:<n>  "
               "customer:<id>  other words: free text",
               ROLE_NORMAL);
  snprintf(v->title, sizeof v->title, "Help");
}

static void help_draw(struct view *v, struct canvas *c, int x, int y, int w,
                      int h) {
  textdoc_draw(&((struct help_view *)v)->doc, c, x, y, w, h);
}

static unsigned help_key(struct view *v, enum keymap_cmd cmd, int key) {
  (void)key;
  if (textdoc_key(&((struct help_view *)v)->doc, cmd))
    return UI_REDRAW;
  if (cmd == CMD_HELP) {
    memset(&v->ctx->req, 0, sizeof v->ctx->req);
    v->ctx->req.kind = UI_REQ_BACK;
    return UI_REQUEST;
  }
  return UI_UNHANDLED;
}

static void help_free(struct view *v) {
  textdoc_cleanup(&((struct help_view *)v)->doc);
  free(v);
}

static const struct view_ops help_ops = {
    .name = "help",
    .load = help_load,
    .draw = help_draw,
    .key = help_key,
    .free = help_free,
};

struct view *view_help_new(struct ui_ctx *ctx) {
  struct help_view *hv = xcalloc(1, sizeof *hv);
  hv->base.ops = &help_ops;
  hv->base.ctx = ctx;
  textdoc_init(&hv->doc, 24);
  return &hv->base;
}
