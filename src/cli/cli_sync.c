/*
 * cli_sync - `conomy-desk sync`: a blocking sync with progress on stderr
 * when stderr is a terminal.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli_cmds.h"

static void progress(void *ud, int64_t done, int64_t total) {
  (void)ud;
  if (total > 0)
    fprintf(stderr, "\rsyncing: %" PRId64 "/%" PRId64 " payments", done,
            total);
  else
    fprintf(stderr, "\rsyncing: %" PRId64 " payments", done);
  fflush(stderr);
}

int cli_cmd_sync(struct cli_ctx *ctx, int argc, char **argv) {
  (void)argv;
  if (argc > 1)
    return cli_fail(APP_ERR_USAGE, "sync takes no arguments");
  if (ctx->offline)
    return cli_fail(APP_ERR_USAGE, "sync needs the network (--offline given)");
  int rc = cli_open_app(ctx);
  if (rc)
    return rc;
  bool tty = isatty(STDERR_FILENO) && !ctx->json;
  struct app_error err = {0};
  /* Open actions first; their problems are reported but do not stop the
   * sync. */
  char settle_msg[sizeof err.msg] = "";
  if (app_settle_open_actions(ctx->app, &err) != APP_OK) {
    cli_fail(err.code, "%s", err.msg);
    snprintf(settle_msg, sizeof settle_msg, "%s", err.msg);
  }
  memset(&err, 0, sizeof err);
  enum app_err e = app_sync(ctx->app, tty ? progress : NULL, NULL, &err);
  if (tty)
    fputs("\n", stderr);
  if (e != APP_OK && strcmp(err.msg, settle_msg) == 0)
    return err.code ? (int)err.code : 1; /* said once already */
  if (e != APP_OK)
    return cli_fail_app(&err);
  int64_t n = 0;
  if (app_payments_count(ctx->app, NULL, &n, &err) != APP_OK)
    return cli_fail_app(&err);
  if (ctx->json)
    printf("{\"ok\":true,\"payments\":%" PRId64 "}\n", n);
  else
    printf("synced: %" PRId64 " payments in the cache\n", n);
  return 0;
}
