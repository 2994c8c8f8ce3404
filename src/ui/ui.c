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
#include "ui/ui_int.h"

#include <langinfo.h>
#include <stdarg.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "core/money.h"
#include "core/sanitize.h"
#include "core/xalloc.h"
#include "ui/draft.h"
#include "ui/msglog.h"
#include "ui/term.h"
#include "ui/view_activity.h"
#include "ui/view_customers.h"
#include "ui/view_payments.h"
#include "ui/view_refunds.h"
#include "ui/view_review.h"
#include "ui/view_unassigned.h"

static volatile sig_atomic_t got_signal;

static void on_signal(int sig) {
  got_signal = sig;
}

int64_t ui_now_ms(void) {
  struct timespec ts;
  clock_gettime(CLOCK_REALTIME, &ts);
  return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

void ui_msg(struct ui *u, enum ui_role role, const char *fmt, ...) {
  char full[MSGLOG_TEXT];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(full, sizeof full, fmt, ap);
  va_end(ap);
  /* the bottom line shows what fits; Messages (M) keeps it whole */
  size_t n = strlen(full);
  if (n >= sizeof u->ctx.msg) {
    n = sizeof u->ctx.msg - 1;
    while (n > 0 && ((unsigned char)full[n] & 0xC0) == 0x80)
      n--; /* not inside a UTF-8 sequence */
  }
  memcpy(u->ctx.msg, full, n);
  u->ctx.msg[n] = '\0';
  u->ctx.msg_role = role;
  if (role == ROLE_ERROR || role == ROLE_WARN)
    ui_log(u, role, full);
}

void ui_log(struct ui *u, enum ui_role role, const char *text) {
  msglog_add(&u->log, ui_now_ms(), role, text);
  if (u->panes[NPANES - 1])
    u->panes[NPANES - 1]->stale = true; /* Activity lists the errors */
}

/* "approve 6b12...ea41: now CAPTURED [trace T]" -> "now CAPTURED": the
 * action, the id and the trace are said once, by the caller. */
static const char *outcome_detail(const struct app_activity *r, char *buf,
                                  size_t len) {
  const char *d = r->detail;
  size_t al = strlen(r->action), pl = strlen(r->payment_id);
  if (strncmp(d, r->action, al) == 0 && d[al] == ' ' &&
      strncmp(d + al + 1, r->payment_id, pl) == 0 &&
      strncmp(d + al + 1 + pl, ": ", 2) == 0)
    d += al + 1 + pl + 2;
  snprintf(buf, len, "%s", d);
  char *tr = strstr(buf, " [trace ");
  if (tr && r->trace_id[0])
    *tr = '\0';
  return buf;
}

struct view *ui_top(struct ui *u) {
  return u->depth ? u->stack[u->depth - 1] : u->panes[u->active];
}

void ui_load(struct ui *u, struct view *v) {
  u->ctx.now_ms = ui_now_ms();
  v->ops->load(v);
  v->stale = false;
}

static bool is_final(const struct app_activity *r) {
  return strcmp(r->outcome, "confirmed") != 0 &&
         strcmp(r->outcome, "sent") != 0 && strcmp(r->outcome, "pending") != 0;
}

static void announce_row(struct ui *u, const struct app_activity *r) {
  bool ok = strcmp(r->outcome, "succeeded") == 0;
  char buf[sizeof r->detail];
  char *detail = sanitize_text(outcome_detail(r, buf, sizeof buf));
  char *trace = sanitize_text(r->trace_id);
  if (r->payment_id[0] == '\0') { /* a sync's warning or notice */
    ui_msg(u, strcmp(r->outcome, "notice") == 0 ? ROLE_NORMAL : ROLE_WARN,
           "%s %s: %s%s%s", r->action, r->outcome, detail,
           trace[0] ? "  trace " : "", trace);
  } else {
    char sid[16];
    view_short_id(r->payment_id, 8, sid, sizeof sid);
    ui_msg(u, ok ? ROLE_OK : ROLE_ERROR, "%s %s (payment %s)%s%s%s%s",
           r->action, r->outcome, sid, detail[0] ? ": " : "", detail,
           trace[0] ? "  trace " : "", trace);
    if (ok) /* successes are news too, for the Messages view */
      ui_log(u, ROLE_OK, u->ctx.msg);
  }
  free(detail);
  free(trace);
}

/* Announces on the bottom line the newest outcome since the last check
 * (the worker ran them; the Activity pane has the log). An action's
 * outcome wins over a sync's notice written after it: the person who
 * pressed the key is waiting for it. */
static void announce_outcomes(struct ui *u, bool quiet) {
  struct app_activity *rows = NULL;
  size_t n = 0;
  struct app_error err = {0};
  if (app_activity_list(u->ctx.app, 10, &rows, &n, &err) != APP_OK) {
    free(rows);
    return;
  }
  int64_t newest = u->last_activity_id;
  const struct app_activity *action = NULL, *notice = NULL;
  for (size_t i = 0; i < n && rows[i].id > u->last_activity_id; i++) {
    const struct app_activity *r = &rows[i]; /* newest first */
    if (r->id > newest)
      newest = r->id;
    if (!is_final(r))
      continue;
    if (r->payment_id[0] != '\0' && action == NULL)
      action = r;
    else if (r->payment_id[0] == '\0' && notice == NULL)
      notice = r;
  }
  if (!quiet && (action || notice))
    announce_row(u, action ? action : notice);
  u->last_activity_id = newest;
  free(rows);
}

static void reload_all(struct ui *u) {
  for (size_t i = 0; i < NPANES; i++)
    ui_load(u, u->panes[i]);
  for (size_t i = 0; i < u->depth; i++)
    u->stack[i]->stale = true;
  if (u->depth)
    ui_load(u, ui_top(u));
  u->last_reload_ms = u->last_full_ms = ui_now_ms();
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
  ui_load(u, u->panes[u->active]);
  if (u->depth)
    ui_load(u, ui_top(u));
  u->last_reload_ms = ui_now_ms();
  u->reload_pending = false;
  announce_outcomes(u, false);
}

/* Re-reads hidden panes that are stale, for their tab counts. */
static void reload_hidden(struct ui *u) {
  for (size_t i = 0; i < NPANES; i++)
    if (u->panes[i]->stale)
      ui_load(u, u->panes[i]);
  u->last_full_ms = ui_now_ms();
}

void ui_push(struct ui *u, struct view *v) {
  if (u->depth == STACK_MAX) {
    view_free(&u->stack[0]);
    memmove(u->stack, u->stack + 1, (STACK_MAX - 1) * sizeof u->stack[0]);
    u->depth--;
  }
  u->stack[u->depth++] = v;
  ui_load(u, v);
}

void ui_pop(struct ui *u) {
  if (u->depth == 0)
    return;
  view_free(&u->stack[--u->depth]);
  if (ui_top(u)->stale)
    ui_load(u, ui_top(u));
}

void ui_pop_all(struct ui *u) {
  while (u->depth)
    view_free(&u->stack[--u->depth]);
}

void ui_request_sync(struct ui *u) {
  if (u->opts->offline || u->st.offline) {
    ui_msg(u, ROLE_WARN, "offline mode: sync is disabled");
    return;
  }
  app_request_sync(u->ctx.app);
  ui_msg(u, ROLE_OK, "sync requested");
}

void ui_switch_pane(struct ui *u, size_t i) {
  ui_pop_all(u);
  u->active = i % NPANES;
  if (u->panes[u->active]->stale)
    ui_load(u, u->panes[u->active]);
  /* once per session: this server leaves review resolution to conomy */
  if (!u->review_notice_shown &&
      strcmp(u->panes[u->active]->ops->name, "review") == 0 &&
      !app_review_resolvable(u->ctx.app)) {
    u->review_notice_shown = true;
    ui_msg(u, ROLE_WARN, "%s", app_review_by_conomy);
  }
}

bool ui_apply_filter(struct ui *u, const char *text) {
  struct view *v = ui_top(u);
  u->ctx.prompt_active = u->prompt.active;
  if (v->ops->set_filter == NULL)
    return false;
  if (v->ops->set_filter(v, text) != 0)
    return false; /* the reason is in ctx.msg; keep the old results */
  u->ctx.msg[0] = '\0';
  ui_load(u, v);
  return true;
}

void ui_submit_filter(struct ui *u) {
  char typed[PROMPT_MAX], before[PROMPT_MAX], why[sizeof u->ctx.msg];
  snprintf(typed, sizeof typed, "%s", u->prompt.buf);
  snprintf(before, sizeof before, "%s", u->prompt.saved);
  if (ui_apply_filter(u, typed))
    return;
  /* never keep a filter the user did not type (a prefix that parsed while
   * typing): back to the one from before `/`, the text stays to fix */
  snprintf(why, sizeof why, "%s", u->ctx.msg);
  ui_apply_filter(u, before);
  prompt_open(&u->prompt, '/', typed);
  snprintf(u->prompt.saved, sizeof u->prompt.saved, "%s", before);
  ui_msg(u, ROLE_ERROR, "%s", why);
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

/* Everything before the terminal is taken: keymap, theme, thresholds, the
 * panes' first load from the cache. Returns 0 or -1 with err. */
static int setup(struct ui *u, struct app *app, char *err, size_t errlen) {
  const struct ui_options *opts = u->opts;
  u->ctx.app = app;
  u->ctx.keymap = &u->km;
  u->ctx.log = &u->log;
  u->ctx.read_only = opts->read_only;
  u->ctx.offline = opts->offline;
  u->ctx.status = &u->st;
  u->ctx.session_start_ms = ui_now_ms();
  u->ctx.ascii = opts->ascii || !locale_is_utf8();
  u->ctx.arrow_cursor = opts->arrow_cursor;
  keymap_init(&u->km);
  prompt_init(&u->prompt);
  if (opts->keymap_path &&
      keymap_load(&u->km, opts->keymap_path, err, errlen) != 0)
    return -1;
  if (theme_load(&u->theme, opts->theme, err, errlen) != 0)
    return -1;
  if (confirm_parse(opts->confirm_over, &u->confirm, err, errlen) != 0)
    return -1;
  app_status_get(app, &u->st);
  char *host = sanitize_text(u->st.env_host ? u->st.env_host : "?");
  snprintf(u->env_label, sizeof u->env_label, "%s %s",
           u->st.production ? "PRODUCTION" : "SANDBOX", host);
  free(host);
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
  return 0;
}

/* Offers the dialog the desk was stopped under last time. */
static void offer_draft(struct ui *u) {
  struct draft dr;
  u->draft_path = draft_path(u->opts->profile);
  if (u->draft_path && draft_load(u->draft_path, &dr) == 0) {
    char *sid = sanitize_text(dr.payment_id);
    ui_msg(u, ROLE_WARN,
           "a %s dialog for %s was open when the desk stopped: :draft "
           "reopens it, :draft drop discards it",
           app_action_name(dr.action), sid);
    free(sid);
  }
}

/* Between keys: cache changes, status, the dialog's file check. Returns
 * whether the screen needs a redraw. */
static bool tick(struct ui *u, int64_t now) {
  bool dirty = false;
  uint64_t gen = app_generation(u->ctx.app);
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
  uint64_t fseq = app_summary_seq(u->ctx.app);
  if (fseq != u->figures_seq) {
    /* counts and totals computed in the background have arrived */
    u->figures_seq = fseq;
    for (size_t i = 0; i < NPANES; i++)
      if (u->panes[i]->ops->figures)
        u->panes[i]->ops->figures(u->panes[i]);
    dirty = true;
  }
  struct app_status st;
  app_status_get(u->ctx.app, &st);
  if (memcmp(&st, &u->st, sizeof st) != 0) {
    if (st.last_error[0] && strcmp(st.last_error, u->st.last_error) != 0)
      ui_log(u, ROLE_ERROR, st.last_error);
    u->st = st;
    dirty = true;
  }
  struct view *act = u->panes[NPANES - 1];
  if (u->active == NPANES - 1 && u->depth == 0 && act->stale) {
    ui_load(u, act); /* a new error to list */
    dirty = true;
  }
  if (u->dialog.open) {
    bool redraw = false;
    if (dialog_poll(&u->dialog, &redraw) == DIALOG_SUBMIT)
      ui_keys_submit(u);
    dirty = dirty || redraw;
  }
  return dirty;
}

static void loop(struct ui *u) {
  int w, h;
  term_size(&w, &h);
  u->canvas = canvas_new(w, h);
  u->canvas->ascii = u->ctx.ascii;
  bool dirty = true;
  int64_t last_second = 0;
  while (!u->quit && !got_signal) {
    int64_t now = ui_now_ms();
    if (tick(u, now))
      dirty = true;
    if (now / 1000 != last_second) {
      /* ages and "synced 2m ago"; unchanged cells are not re-sent */
      last_second = now / 1000;
      dirty = true;
    }
    if (dirty) {
      ui_draw(u);
      term_blit(u->canvas, u->cursor_x, u->cursor_y, u->show_cursor);
      dirty = false;
    }
    bool soon =
        u->filter_pending || (u->dialog.open && u->dialog.fc &&
                              u->dialog.file_state == FILECHECK_PENDING);
    int key = term_getkey(soon ? FILTER_IDLE_MS : POLL_MS);
    if (key < 0) {
      if (u->filter_pending && u->prompt.active) {
        u->filter_pending = false;
        ui_apply_filter(u, u->prompt.buf);
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
    ui_keys_handle(u, key);
  }
}

int ui_run(struct app *app, const struct ui_options *opts, char *err,
           size_t errlen) {
  struct ui *u = xcalloc(1, sizeof *u);
  int rc = 0;
  u->opts = opts;
  if (setup(u, app, err, errlen) != 0) {
    rc = 1;
    goto out;
  }
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
  offer_draft(u);
  loop(u);
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
  ui_pop_all(u);
  for (size_t i = 0; i < NPANES; i++)
    view_free(&u->panes[i]);
  canvas_free(&u->canvas);
  prompt_cleanup(&u->prompt);
  keymap_cleanup(&u->km);
  free(u->draft_path);
  free(u);
  return rc;
}
