/*
 * cli_quarantine - `conomy-desk quarantine list`: the records a sync could
 * not read (kind, id, reason, when), newest first; --json adds each
 * record's raw JSON as the server sent it.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli_cmds.h"
#include "core/sanitize.h"
#include "core/timeutil.h"

static void print_json(const struct app_quarantine_item *items, size_t n) {
  fputs("[", stdout);
  for (size_t i = 0; i < n; i++) {
    const struct app_quarantine_item *q = &items[i];
    char first[32], last[32];
    time_format_iso8601(q->first_seen_ms, first, sizeof first);
    time_format_iso8601(q->last_seen_ms, last, sizeof last);
    char *id = q->id ? sanitize_text(q->id) : NULL;
    char *reason = sanitize_text(q->reason);
    printf("%s\n{\"kind\":", i ? "," : "");
    cli_json_str(stdout, q->kind);
    fputs(",\"id\":", stdout);
    cli_json_str(stdout, id);
    fputs(",\"reason\":", stdout);
    cli_json_str(stdout, reason);
    printf(",\"firstSeen\":\"%s\",\"lastSeen\":\"%s\",\"seen\":%" PRId64
           ",\"raw\":",
           first, last, q->seen_count);
    cli_json_text(stdout, q->raw_json);
    fputs("}", stdout);
    free(id);
    free(reason);
  }
  fputs(n ? "\n]\n" : "]\n", stdout);
}

static void print_table(const struct app_quarantine_item *items, size_t n) {
  printf("%-16s  %-8s  %-5s  %-26s  %s\n", "LAST SEEN", "KIND", "SEEN", "ID",
         "REASON");
  for (size_t i = 0; i < n; i++) {
    const struct app_quarantine_item *q = &items[i];
    char at[32];
    time_format_short(q->last_seen_ms, at, sizeof at);
    char *id = sanitize_text(q->id ? q->id : "(no id)");
    char *reason = sanitize_text(q->reason);
    if (strlen(id) > 26)
      memcpy(id + 23, "...", 4);
    printf("%-16s  %-8s  %-5" PRId64 "  %-26s  %s\n", at, q->kind,
           q->seen_count, id, reason);
    free(id);
    free(reason);
  }
}

int cli_cmd_quarantine_list(struct cli_ctx *ctx, int argc, char **argv) {
  long limit = 1000;
  int rc = cli_limit_arg(argc, argv, &limit, "quarantine list [--limit N]");
  if (rc)
    return rc;
  rc = cli_open_app(ctx);
  if (rc)
    return rc;
  struct app_quarantine_item *items = NULL;
  size_t n = 0;
  struct app_error err = {0};
  if (app_quarantine_list(ctx->app, (size_t)limit, &items, &n, &err) !=
      APP_OK)
    return cli_fail_app(&err);
  if (ctx->json)
    print_json(items, n);
  else
    print_table(items, n);
  app_quarantine_free(items, n);
  return 0;
}
