/*
 * ui - the main loop: keys -> reactions -> canvas -> one flush.
 *
 * State: six panes (always loaded, for the tab counts), a stack of pushed
 * views (detail, customer, raw, help) on top of the active pane, the
 * bottom-line prompt, and at most one action dialog. Signals only set a
 * flag; the loop notices it within one poll period, leaves curses and
 * returns. Data reloads happen when app_generation() changes, at most
 * every RELOAD_MIN_MS, so a long first sync cannot starve the keyboard.
 */
#include "ui/ui.h"

#include <langinfo.h>
#include <stdarg.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include "app/app.h"
#include "core/money.h"
#include "core/sanitize.h"
#include "core/xalloc.h"
#include "ui/canvas.h"
#include "ui/dialog.h"
#include "ui/draft.h"
#include "ui/keymap.h"
#include "ui/prompt.h"
#include "ui/statusbar.h"
#include "ui/tabbar.h"
#include "ui/term.h"
#include "ui/theme.h"
#include "ui/view.h"
#include "ui/view_activity.h"
#include "ui/view_customers.h"
#include "ui/view_detail.h"
#include "ui/view_help.h"
#include "ui/view_payments.h"
#include "ui/view_refunds.h"
#include "ui/view_review.h"
#include "ui/view_unassigned.h"

#define NPANES 6
#define STACK_MAX 32
#define POLL_MS 150
#define RELOAD_MIN_MS 500
#define HIDDEN_RELOAD_MS 3000
#define FILTER_IDLE_MS 120
#define MIN_W 80
#define MIN_H 24

static volatile sig_atomic_t got_signal;

static void on_signal(int sig) {
  got_signal = sig;
}

struct ui {
  struct ui_ctx ctx;
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
  int64_t last_reload_ms;
  int64_t last_full_ms;
  bool reload_pending;
  struct app_status st;
  int64_t threshold_micro;
  char env_label[160];
  int cursor_x, cursor_y;
  bool show_cursor;
  int64_t last_activity_id; /* newest activity row already announced */
  bool filter_pending;      /* `/` text changed, not applied yet */
  char *draft_path;         /* where an interrupted dialog is kept */
};

static const struct tabbar_tab tab_names[NPANES] = {
    {"Payments", "Pay", 0}, {"Review", "Rev", 0},      {"Customers", "Cust", 0},
    {"Refunds", "Ref", 0},  {"Unassigned", "Unas", 0}, {"Activity", "Act", 0},
};

static int64_t now_ms(void) {
  struct timespec ts;
  clock_gettime(CLOCK_REALTIME, &ts);
  return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void msg(struct ui *u, enum ui_role role, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void msg(struct ui *u, enum ui_role role, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(u->ctx.msg, sizeof u->ctx.msg, fmt, ap);
  va_end(ap);
  u->ctx.msg_role = role;
}

static struct view *top(struct ui *u) {
  return u->depth ? u->stack[u->depth - 1] : u->panes[u->active];
}

static void load(struct ui *u, struct view *v) {
  u->ctx.now_ms = now_ms();
  v->ops->load(v);
  v->stale = false;
}

/* Announces on the bottom line the outcome of actions that finished since
 * the last check (the worker ran them; the Activity pane has the log). */
static void announce_outcomes(struct ui *u, bool quiet) {
  struct app_activity *rows = NULL;
  size_t n = 0;
  struct app_error err = {0};
  if (app_activity_list(u->ctx.app, 10, &rows, &n, &err) != APP_OK) {
    free(rows);
    return;
  }
  int64_t newest = u->last_activity_id;
  /* rows are newest first: report the newest final outcome */
  for (size_t i = 0; i < n; i++) {
    const struct app_activity *r = &rows[i];
    if (r->id <= u->last_activity_id)
      break;
    if (r->id > newest)
      newest = r->id;
    if (quiet || strcmp(r->outcome, "confirmed") == 0 ||
        strcmp(r->outcome, "sent") == 0 || strcmp(r->outcome, "pending") == 0)
      continue;
    bool ok = strcmp(r->outcome, "succeeded") == 0;
    char *detail = sanitize_text(r->detail);
    char *trace = sanitize_text(r->trace_id);
    char *pid = sanitize_text(r->payment_id);
    msg(u, ok ? ROLE_OK : ROLE_ERROR, "%s %s: %s%s%s%s%s", r->action, pid,
        r->outcome, detail[0] ? ": " : "", detail, trace[0] ? "  trace " : "",
        trace);
    free(detail);
    free(trace);
    free(pid);
    quiet = true; /* one message is enough; the pane has the rest */
  }
  u->last_activity_id = newest;
  free(rows);
}

static void reload_all(struct ui *u) {
  for (size_t i = 0; i < NPANES; i++)
    load(u, u->panes[i]);
  for (size_t i = 0; i < u->depth; i++)
    u->stack[i]->stale = true;
  if (u->depth)
    load(u, top(u));
  u->last_reload_ms = u->last_full_ms = now_ms();
  u->reload_pending = false;
  announce_outcomes(u, false);
}

/* After a cache change: what is on screen now (the active pane for the tab
 * count and the view on top); the hidden panes only get marked, and are
 * re-read when shown or by the slower refresh of the tab counts. */
static void reload_visible(struct ui *u) {
  for (size_t i = 0; i < NPANES; i++)
    u->panes[i]->stale = true;
  for (size_t i = 0; i < u->depth; i++)
    u->stack[i]->stale = true;
  load(u, u->panes[u->active]);
  if (u->depth)
    load(u, top(u));
  u->last_reload_ms = now_ms();
  u->reload_pending = false;
  announce_outcomes(u, false);
}

/* Re-reads hidden panes that are stale, for their tab counts. */
static void reload_hidden(struct ui *u) {
  for (size_t i = 0; i < NPANES; i++)
    if (u->panes[i]->stale)
      load(u, u->panes[i]);
  u->last_full_ms = now_ms();
}

static void push(struct ui *u, struct view *v) {
  if (u->depth == STACK_MAX) {
    view_free(&u->stack[0]);
    memmove(u->stack, u->stack + 1, (STACK_MAX - 1) * sizeof u->stack[0]);
    u->depth--;
  }
  u->stack[u->depth++] = v;
  load(u, v);
}

static void pop(struct ui *u) {
  if (u->depth == 0)
    return;
  view_free(&u->stack[--u->depth]);
  if (top(u)->stale)
    load(u, top(u));
}

static void pop_all(struct ui *u) {
  while (u->depth)
    view_free(&u->stack[--u->depth]);
}

/* ---- drawing ---- */

/* The bottom line: a message if there is one, else the keys that do
 * something here, including the actions the selected payment allows. */
static void draw_hints(struct ui *u, int y) {
  struct canvas *c = u->canvas;
  if (u->ctx.msg[0]) {
    canvas_text(c, 0, y, c->w, u->ctx.msg, u->ctx.msg_role);
    return;
  }
  struct view *v = top(u);
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

static void draw(struct ui *u) {
  struct canvas *c = u->canvas;
  u->ctx.now_ms = now_ms();
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
  struct view *v = top(u);
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

/* ---- actions ---- */

static void start_action(struct ui *u, enum app_action_kind kind,
                         const char *id) {
  const char *name = app_action_name(kind);
  if (u->opts->read_only) {
    msg(u, ROLE_WARN, "%s: read-only mode, no action is offered", name);
    return;
  }
  struct view *v = top(u);
  const struct payment *p = v->ops->selected ? v->ops->selected(v) : NULL;
  if (p == NULL || p->id == NULL || strcmp(p->id, id) != 0) {
    msg(u, ROLE_WARN, "%s: select a payment first", name);
    return;
  }
  char why[256];
  if (!app_action_allowed(u->ctx.app, p, kind, why, sizeof why)) {
    char *clean = sanitize_text(why);
    msg(u, ROLE_WARN, "%s not offered: %s", name, clean);
    free(clean);
    return;
  }
  dialog_open(&u->dialog, &u->ctx, p, kind, u->threshold_micro, u->env_label);
}

static void submit_dialog(struct ui *u) {
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
  msg(u, ROLE_OK, "%s queued (outbox #%lld); see the Activity pane (6)",
      app_action_name(act.kind), (long long)outbox_id);
  dialog_close(&u->dialog);
  u->reload_pending = true;
}

/* ---- commands ---- */

static int write_csv_field(FILE *f, const char *s) {
  char *clean = sanitize_text(s ? s : "");
  fputc('"', f);
  for (const char *p = clean; *p; p++) {
    if (*p == '"')
      fputc('"', f);
    fputc(*p, f);
  }
  fputc('"', f);
  free(clean);
  return 0;
}

static void export_rows(struct ui *u, const char *path) {
  struct view *v = top(u);
  const struct payment_list *rows = v->ops->rows ? v->ops->rows(v) : NULL;
  if (rows == NULL) {
    msg(u, ROLE_WARN, "export: this view has no payment rows");
    return;
  }
  if (path == NULL || *path == '\0') {
    msg(u, ROLE_WARN, "export: give a file name, e.g. :export payments.csv");
    return;
  }
  FILE *f = fopen(path, "wx");
  if (f == NULL) {
    msg(u, ROLE_ERROR, "export: cannot create %s (exists or not writable)",
        path);
    return;
  }
  fputs("id,created_at,type,status,amount,currency,customer,account\n", f);
  for (size_t i = 0; i < rows->count; i++) {
    const struct payment *p = &rows->items[i];
    char amt[MONEY_FMT_MAX] = "";
    char st[64];
    if (money_format(&p->total, amt, sizeof amt) < 0)
      amt[0] = '\0';
    view_status_text(p, st, sizeof st);
    write_csv_field(f, p->id);
    fprintf(f, ",%lld,", (long long)p->created_at);
    write_csv_field(f, p->type_raw ? p->type_raw : payment_type_name(p->type));
    fputc(',', f);
    write_csv_field(f, st);
    fprintf(f, ",%s,", amt);
    write_csv_field(f, p->total.currency);
    fputc(',', f);
    write_csv_field(f, p->customer_name);
    fputc(',', f);
    write_csv_field(f, p->account_number);
    fputc('\n', f);
  }
  if (fclose(f) != 0)
    msg(u, ROLE_ERROR, "export: write to %s failed", path);
  else
    msg(u, ROLE_OK, "exported %zu rows to %s", rows->count, path);
}

static void request_sync(struct ui *u) {
  if (u->opts->offline || u->st.offline) {
    msg(u, ROLE_WARN, "offline mode: sync is disabled");
    return;
  }
  app_request_sync(u->ctx.app);
  msg(u, ROLE_OK, "sync requested");
}

static void switch_pane(struct ui *u, size_t i) {
  pop_all(u);
  u->active = i % NPANES;
  if (u->panes[u->active]->stale)
    load(u, u->panes[u->active]);
}

static void apply_filter(struct ui *u, const char *text, bool live) {
  struct view *v = top(u);
  u->ctx.prompt_active = u->prompt.active;
  if (v->ops->set_filter == NULL)
    return;
  if (v->ops->set_filter(v, text) != 0) {
    if (!live)
      return;
    return; /* the reason is in ctx.msg; keep the old results */
  }
  u->ctx.msg[0] = '\0';
  load(u, v);
}

/* `:draft`: reopens the dialog the desk was stopped under, refilled with
 * what had been typed (`:draft drop` discards it). */
static void reopen_draft(struct ui *u, bool drop) {
  struct draft dr;
  if (u->draft_path == NULL || draft_load(u->draft_path, &dr) != 0) {
    msg(u, ROLE_WARN, "no draft to reopen");
    return;
  }
  if (drop) {
    unlink(u->draft_path);
    msg(u, ROLE_OK, "draft discarded");
    return;
  }
  struct payment p;
  struct app_error err = {0};
  char why[256];
  memset(&p, 0, sizeof p);
  char *sid = sanitize_text(dr.payment_id);
  if (app_payment_get(u->ctx.app, dr.payment_id, &p, &err) != APP_OK) {
    msg(u, ROLE_WARN, "draft: payment %s is not in the cache", sid);
  } else if (u->opts->read_only) {
    msg(u, ROLE_WARN, "draft: read-only mode, no action is offered");
  } else if (!app_action_allowed(u->ctx.app, &p, dr.action, why, sizeof why)) {
    char *cw = sanitize_text(why);
    msg(u, ROLE_WARN, "draft %s on %s not offered now: %s",
        app_action_name(dr.action), sid, cw);
    free(cw);
  } else {
    dialog_open(&u->dialog, &u->ctx, &p, dr.action, u->threshold_micro,
                u->env_label);
    draft_apply(&dr, &u->dialog);
    unlink(u->draft_path);
  }
  free(sid);
  payment_cleanup(&p);
}

static void run_command(struct ui *u, const char *line) {
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
  static const char *const panes[NPANES] = {
      "payments", "review", "customers", "refunds", "unassigned", "activity"};
  if (cmd[0] == '\0')
    return;
  if (strcmp(cmd, "q") == 0 || strcmp(cmd, "quit") == 0) {
    u->quit = true;
  } else if (strcmp(cmd, "sync") == 0) {
    request_sync(u);
  } else if (strcmp(cmd, "help") == 0) {
    push(u, view_help_new(&u->ctx));
  } else if (strcmp(cmd, "profile") == 0) {
    char *pr = sanitize_text(u->opts->profile ? u->opts->profile : "default");
    msg(u, ROLE_NORMAL, "profile: %s  (%s)  change it with --profile", pr,
        u->env_label);
    free(pr);
  } else if (strcmp(cmd, "draft") == 0) {
    reopen_draft(u, strcmp(arg, "drop") == 0);
  } else if (strcmp(cmd, "filter") == 0) {
    apply_filter(u, arg, false);
  } else if (strcmp(cmd, "export") == 0) {
    export_rows(u, arg);
  } else if (strcmp(cmd, "sort") == 0) {
    bool asc = strstr(arg, "asc") != NULL;
    enum cache_sort s;
    if (strncmp(arg, "created", 7) == 0)
      s = asc ? CACHE_SORT_CREATED_ASC : CACHE_SORT_CREATED_DESC;
    else if (strncmp(arg, "amount", 6) == 0)
      s = asc ? CACHE_SORT_AMOUNT_ASC : CACHE_SORT_AMOUNT_DESC;
    else if (strncmp(arg, "updated", 7) == 0)
      s = CACHE_SORT_UPDATED_DESC;
    else {
      msg(u, ROLE_WARN, "sort: created|amount|updated [asc|desc]");
      return;
    }
    switch_pane(u, 0);
    view_payments_set_sort(u->panes[0], s);
    load(u, u->panes[0]);
    msg(u, ROLE_OK, "payments sorted by %s", arg);
  } else {
    for (size_t i = 0; i < NPANES; i++) {
      if (strcmp(cmd, panes[i]) == 0) {
        switch_pane(u, i);
        return;
      }
    }
    char *clean = sanitize_text(cmd);
    msg(u, ROLE_WARN, "unknown command '%s' (? lists them)", clean);
    free(clean);
  }
}

/* ---- keys ---- */

static void handle_request(struct ui *u) {
  struct ui_request r = u->ctx.req;
  memset(&u->ctx.req, 0, sizeof u->ctx.req);
  switch (r.kind) {
  case UI_REQ_OPEN_PAYMENT:
    push(u, view_detail_new(&u->ctx, r.id));
    break;
  case UI_REQ_OPEN_CUSTOMER:
    push(u, view_customer_new(&u->ctx, r.id));
    break;
  case UI_REQ_OPEN_RAW:
    push(u, view_raw_new(&u->ctx, r.id[0] ? r.id : NULL, r.raw_json));
    break;
  case UI_REQ_ACTION:
    start_action(u, r.action, r.id);
    break;
  case UI_REQ_BACK:
    pop(u);
    break;
  default:
    break;
  }
}

static void handle_key(struct ui *u, int key) {
  if (u->dialog.open) {
    enum dialog_result r = dialog_key(&u->dialog, key);
    if (r == DIALOG_CANCEL) {
      dialog_close(&u->dialog);
      msg(u, ROLE_DIM, "cancelled; nothing was sent");
    } else if (r == DIALOG_SUBMIT) {
      submit_dialog(u);
    }
    return;
  }
  if (u->prompt.active) {
    enum prompt_result r = prompt_key(&u->prompt, key);
    if (u->prompt.kind == '/') {
      /* live results, but typing is never held up by a large cache: the
       * filter is applied once the keys stop for FILTER_IDLE_MS */
      if (r == PROMPT_CHANGED) {
        u->filter_pending = true;
      } else if (r == PROMPT_SUBMIT) {
        u->filter_pending = false;
        apply_filter(u, u->prompt.buf, true);
      } else if (r == PROMPT_CANCEL) {
        u->filter_pending = false;
        apply_filter(u, u->prompt.saved, false);
      }
    } else if (r == PROMPT_SUBMIT) {
      run_command(u, u->prompt.buf);
    }
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
  struct view *v = top(u);
  switch (cmd) {
  case CMD_QUIT:
  case CMD_BACK:
    if (u->depth)
      pop(u);
    else if (cmd == CMD_BACK && v->filter_text[0] && v->ops->set_filter)
      apply_filter(u, "", false);
    else if (cmd == CMD_QUIT)
      u->quit_asked = true;
    return;
  case CMD_HELP:
    if (strcmp(v->ops->name, "help") == 0)
      pop(u);
    else
      push(u, view_help_new(&u->ctx));
    return;
  case CMD_FILTER:
    if (v->ops->set_filter == NULL) {
      msg(u, ROLE_WARN, "this view cannot be filtered; q goes back");
      return;
    }
    prompt_open(&u->prompt, '/', v->filter_text);
    return;
  case CMD_COMMAND:
    prompt_open(&u->prompt, ':', "");
    return;
  case CMD_SYNC:
    request_sync(u);
    return;
  case CMD_REPAINT:
    term_invalidate();
    return;
  case CMD_COPY_ID: {
    const char *id = v->ops->selected_id ? v->ops->selected_id(v) : NULL;
    if (id == NULL || term_osc52(id) != 0) {
      msg(u, ROLE_WARN, "nothing to copy here");
      return;
    }
    char *clean = sanitize_text(id);
    msg(u, ROLE_OK, "copied %s to the clipboard (OSC 52)", clean);
    free(clean);
    return;
  }
  case CMD_PANE_PAYMENTS:
  case CMD_PANE_REVIEW:
  case CMD_PANE_CUSTOMERS:
  case CMD_PANE_REFUNDS:
  case CMD_PANE_UNASSIGNED:
  case CMD_PANE_ACTIVITY:
    switch_pane(u, (size_t)(cmd - CMD_PANE_PAYMENTS));
    return;
  case CMD_NEXT_PANE:
  case CMD_PREV_PANE:
    if (u->depth == 0) {
      switch_pane(u, cmd == CMD_NEXT_PANE ? u->active + 1
                                          : u->active + NPANES - 1);
      return;
    }
    break;
  default:
    break;
  }
  unsigned r = v->ops->key(v, cmd, key);
  if (r & UI_RELOAD)
    load(u, v);
  if (r & UI_REQUEST)
    handle_request(u);
  if (r & UI_QUIT)
    u->quit = true;
  if ((r & UI_UNHANDLED) && cmd != CMD_NONE) {
    if (view_cmd_action(cmd, &(enum app_action_kind){0}))
      msg(u, ROLE_WARN, "no payment here to act on");
  }
}

/* ---- setup ---- */

static bool locale_is_utf8(void) {
  const char *cs = nl_langinfo(CODESET);
  return cs && (strcasecmp(cs, "UTF-8") == 0 || strcasecmp(cs, "utf8") == 0);
}

static void install_signals(void) {
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = on_signal;
  sigemptyset(&sa.sa_mask);
  sa.sa_flags = 0; /* no SA_RESTART: interrupt the key wait */
  sigaction(SIGINT, &sa, NULL);
  sigaction(SIGTERM, &sa, NULL);
  sigaction(SIGHUP, &sa, NULL);
}

static void fatal_hook(void) {
  term_end();
}

int ui_run(struct app *app, const struct ui_options *opts, char *err,
           size_t errlen) {
  struct ui *u = xcalloc(1, sizeof *u);
  int rc = 0;
  u->opts = opts;
  u->ctx.app = app;
  u->ctx.keymap = &u->km;
  u->ctx.read_only = opts->read_only;
  u->ctx.offline = opts->offline;
  u->ctx.status = &u->st;
  u->ctx.session_start_ms = now_ms();
  u->ctx.ascii = opts->ascii || !locale_is_utf8();
  keymap_init(&u->km);
  prompt_init(&u->prompt);
  if (opts->keymap_path &&
      keymap_load(&u->km, opts->keymap_path, err, errlen) != 0) {
    rc = 1;
    goto out;
  }
  if (theme_load(&u->theme, opts->theme, err, errlen) != 0) {
    rc = 1;
    goto out;
  }
  const char *over = opts->confirm_over ? opts->confirm_over : "1000";
  if (money_parse_micro(over, &u->threshold_micro) != CORE_OK) {
    snprintf(err, errlen, "invalid confirmation amount '%s'", over);
    rc = 1;
    goto out;
  }
  app_status_get(app, &u->st);
  {
    char *host = sanitize_text(u->st.env_host ? u->st.env_host : "?");
    snprintf(u->env_label, sizeof u->env_label, "%s %s",
             u->st.production ? "PRODUCTION" : "SANDBOX", host);
    free(host);
  }
  u->panes[0] = view_payments_new(&u->ctx);
  u->panes[1] = view_review_new(&u->ctx);
  u->panes[2] = view_customers_new(&u->ctx);
  u->panes[3] = view_refunds_new(&u->ctx);
  u->panes[4] = view_unassigned_new(&u->ctx);
  u->panes[5] = view_activity_new(&u->ctx);
  /* First paint comes from the cache, before any network result. */
  announce_outcomes(u, true); /* old outcomes are not news */
  reload_all(u);
  u->gen = app_generation(app);
  got_signal = 0;
  install_signals();
  xalloc_set_fatal_hook(fatal_hook);
  bool use_color = !opts->no_color;
  const char *nc = getenv("NO_COLOR");
  if (nc && *nc)
    use_color = false;
  if (term_init(&u->theme, use_color, err, errlen) != 0) {
    rc = 1;
    goto out;
  }
  u->draft_path = draft_path(opts->profile);
  {
    struct draft dr;
    if (u->draft_path && draft_load(u->draft_path, &dr) == 0) {
      char *sid = sanitize_text(dr.payment_id);
      msg(u, ROLE_WARN,
          "a %s dialog for %s was open when the desk stopped: :draft "
          "reopens it, :draft drop discards it",
          app_action_name(dr.action), sid);
      free(sid);
    }
  }
  int w, h;
  term_size(&w, &h);
  u->canvas = canvas_new(w, h);
  u->canvas->ascii = u->ctx.ascii;
  bool dirty = true;
  int64_t last_second = 0;
  while (!u->quit && !got_signal) {
    int64_t now = now_ms();
    uint64_t gen = app_generation(app);
    if (gen != u->gen) {
      u->gen = gen;
      u->reload_pending = true;
    }
    if (u->reload_pending && now - u->last_reload_ms >= RELOAD_MIN_MS) {
      reload_visible(u);
      dirty = true;
    } else if (now - u->last_full_ms >= HIDDEN_RELOAD_MS) {
      reload_hidden(u);
      dirty = true;
    }
    struct app_status st;
    app_status_get(app, &st);
    if (memcmp(&st, &u->st, sizeof st) != 0) {
      u->st = st;
      dirty = true;
    }
    if (now / 1000 != last_second) {
      /* ages and "synced 2m ago"; unchanged cells are not re-sent */
      last_second = now / 1000;
      dirty = true;
    }
    if (dirty) {
      draw(u);
      term_blit(u->canvas, u->cursor_x, u->cursor_y, u->show_cursor);
      dirty = false;
    }
    int key = term_getkey(u->filter_pending ? FILTER_IDLE_MS : POLL_MS);
    if (key < 0) {
      if (u->filter_pending && u->prompt.active) {
        u->filter_pending = false;
        apply_filter(u, u->prompt.buf, true);
        dirty = true;
      }
      continue;
    }
    dirty = true;
    if (key == UI_KEY_RESIZE) {
      term_size(&w, &h);
      canvas_resize(u->canvas, w, h);
      term_invalidate();
      continue;
    }
    if (u->canvas->w < MIN_W || u->canvas->h < MIN_H) {
      if (key == 'q' || key == UI_KEY_ESC)
        u->quit = true;
      continue;
    }
    handle_key(u, key);
  }
  if (got_signal && rc == 0) {
    /* the terminal is restored below; say why we stopped */
    snprintf(err, errlen, "stopped by %s; nothing unsent was lost",
             got_signal == SIGINT   ? "SIGINT (Ctrl-C)"
             : got_signal == SIGHUP ? "SIGHUP (terminal closed)"
                                    : "SIGTERM");
    rc = 128 + (int)got_signal;
  }
  if (u->dialog.open && u->draft_path)
    draft_save(u->draft_path, &u->dialog); /* nothing typed is lost */
out:
  term_end();
  xalloc_set_fatal_hook(NULL);
  dialog_close(&u->dialog);
  pop_all(u);
  for (size_t i = 0; i < NPANES; i++)
    view_free(&u->panes[i]);
  canvas_free(&u->canvas);
  prompt_cleanup(&u->prompt);
  keymap_cleanup(&u->km);
  free(u->draft_path);
  free(u);
  return rc;
}
