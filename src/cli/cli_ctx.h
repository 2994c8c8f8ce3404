/*
 * cli_ctx - what every subcommand receives: parsed global options, the
 * loaded configuration, and (opened on demand) the app.
 */
#ifndef DESK_CLI_CLI_CTX_H
#define DESK_CLI_CLI_CTX_H

#include <stdbool.h>
#include <stdio.h>

#include "app/app.h"
#include "app/config.h"

struct cli_ctx {
  bool json;
  bool yes;
  bool offline;
  bool read_only;
  bool no_color;
  bool arrow_cursor; /* --arrow-cursor */
  bool quiet;
  bool local; /* the command reads or changes only the cache */
  const char *cache_path;
  const char *theme;
  struct config cfg;
  struct app *app;
};

/* Opens ctx->app if not open yet. Prints the error and returns its exit
 * code on failure, 0 on success. */
int cli_open_app(struct cli_ctx *ctx);

/* Print "conomy-desk: <msg>" on stderr and return code. */
/* The optional `--limit N` of a listing command (argv[0] is the command):
 * 0 with *limit set (left as given when absent), or a usage failure's exit
 * code naming `usage`. */
int cli_limit_arg(int argc, char **argv, long *limit, const char *usage);
int cli_fail(int code, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* Print an app_error and return its code. */
int cli_fail_app(const struct app_error *err);

/* A JSON string literal with escaping (for --json output). */
void cli_json_str(FILE *f, const char *s);
/* Write JSON text (an API object as stored) so that it cannot restyle or
 * reorder a terminal: C1 controls and bidi controls, legal raw in JSON
 * strings, are written as \uXXXX escapes (same data for a JSON reader).
 * NULL writes null. */
void cli_json_text(FILE *f, const char *json);

#endif
