/*
 * ui - the terminal user interface of conomy-desk.
 *
 * ui_run() takes over the terminal, shows the six panes over the app's
 * cache, and returns when the user quits or a SIGINT/SIGTERM/SIGHUP
 * arrives. It never blocks on the network: the app's worker thread syncs
 * and runs actions; the UI polls app_generation() between keys and
 * re-reads the cache when it changes. The terminal is restored on every
 * exit path, including the xalloc fatal hook.
 */
#ifndef DESK_UI_UI_H
#define DESK_UI_UI_H

#include <stdbool.h>
#include <stddef.h>

struct app;

struct ui_options {
  bool read_only;           /* --read-only: no action is offered */
  bool offline;             /* the app was opened offline */
  bool no_color;            /* NO_COLOR set or --no-color */
  bool arrow_cursor;        /* lists mark the selected row with a marker
                               at its start instead of highlighting it */
  bool ascii;               /* force ASCII drawing (also automatic when the
                               locale's charset is not UTF-8) */
  const char *theme;        /* theme name or path; NULL = default */
  const char *profile;      /* shown in the status bar */
  const char *keymap_path;  /* optional key remapping file; NULL = none */
  const char *confirm_over; /* per-currency confirmation thresholds
                               (confirm_parse); NULL = the review
                               thresholds */
};

/* Runs the TUI until the user quits. Returns 0, or non-zero after
 * restoring the terminal and writing a one-line reason to err (the caller
 * prints it). A theme or keymap file that does not parse is such an
 * error, reported before the screen is taken over. After SIGINT, SIGTERM
 * or SIGHUP it returns 128 + the signal number. An open dialog sends
 * nothing (nothing reaches the outbox until the user presses Send); what
 * was typed in it is kept as a draft that the next start offers. */
int ui_run(struct app *app, const struct ui_options *opts, char *err,
           size_t errlen);

#endif
