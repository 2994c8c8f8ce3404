/*
 * cli_sync - `conomy-desk sync`: a blocking sync with progress on stderr
 * when stderr is a terminal; what it skipped or could not finish is said
 * on stderr (exit 11 or 12, see app_err).
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

/* The report of a sync that completed: warnings and the quarantine on
 * stderr (or in the JSON object). */
static void print_report(struct cli_ctx *ctx, int64_t payments) {
  struct app_sync_report rep;
  app_sync_last_report(ctx->app, &rep);
  if (ctx->json) {
    printf("{\"ok\":true,\"payments\":%" PRId64 ",\"quarantined\":%" PRId64
           ",\"quarantineTotal\":%" PRId64 ",\"incomplete\":%s,"
           "\"warnings\":[",
           payments, rep.quarantined, rep.quarantine_total,
           rep.incomplete ? "true" : "false");
    for (int i = 0; i < rep.nwarnings; i++) {
      fputs(i ? "," : "", stdout);
      cli_json_str(stdout, rep.warnings[i]);
    }
    fputs("],\"notice\":", stdout);
    cli_json_str(stdout, rep.notice[0] ? rep.notice : NULL);
    printf(",\"customerLinks\":{\"asked\":%" PRId64 ",\"linked\":%" PRId64
           ",\"pending\":%" PRId64 ",\"note\":",
           rep.links_asked, rep.links_found, rep.links_pending);
    cli_json_str(stdout, rep.link_note[0] ? rep.link_note : NULL);
    printf("},\"rowsWritten\":%" PRId64 "}\n", rep.rows_written);
    return;
  }
  printf("synced: %" PRId64 " payments in the cache\n", payments);
  if (rep.notice[0])
    fprintf(stderr, "conomy-desk: note: %s\n", rep.notice);
  if (rep.link_note[0])
    fprintf(stderr, "conomy-desk: note: %s\n", rep.link_note);
  for (int i = 0; i < rep.nwarnings; i++)
    fprintf(stderr, "conomy-desk: warning: %s\n", rep.warnings[i]);
  if (rep.quarantined > 0)
    fprintf(stderr,
            "conomy-desk: %" PRId64 " records could not be read and were "
            "skipped; they are kept in the quarantine of %s (%" PRId64
            " in all): conomy-desk quarantine list\n",
            rep.quarantined, app_cache_file(ctx->app), rep.quarantine_total);
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
  if (e != APP_OK && e != APP_ERR_SKIPPED && e != APP_ERR_INCOMPLETE)
    return cli_fail_app(&err);
  int64_t n = 0;
  struct app_error cerr = {0};
  if (app_payments_count(ctx->app, NULL, &n, &cerr) != APP_OK)
    return cli_fail_app(&cerr);
  print_report(ctx, n);
  return (int)e;
}
