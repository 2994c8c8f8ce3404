/*
 * cli_misc - customers list|show, activity, outbox list|cancel, cache purge.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli_cmds.h"
#include "core/sanitize.h"
#include "core/strbuf.h"
#include "core/timeutil.h"

static void print_clean(FILE *f, const char *fmt, const char *s) {
  char *c = sanitize_text(s ? s : "-");
  fprintf(f, fmt, c);
  free(c);
}

/* One customer as a table line or a JSON array item (the n-th). */
static void print_customer(const struct customer *c, bool json, int64_t n) {
  if (json) {
    fputs(n ? ",\n" : "\n", stdout);
    cli_json_text(stdout, c->raw_json);
    return;
  }
  if (n == 0)
    printf("%-24s  %-30s  %-16s  %-9s  %-10s  %s\n", "ID", "NAME", "DOCUMENT",
           "LEVEL", "DOCUMENTED", "DOCS");
  char *name = customer_display_name(c);
  print_clean(stdout, "%-24s  ", c->id);
  print_clean(stdout, "%-30s  ", name);
  print_clean(stdout, "%-16s  ", c->document_number);
  print_clean(stdout, "%-9s  ", c->operation_level);
  printf("%-10s  %zu\n", c->is_documented ? "yes" : "no", c->documents_count);
  free(name);
}

/* Every matching customer, streamed in keyset windows (never all in
 * memory). */
int cli_cmd_customers_list(struct cli_ctx *ctx, int argc, char **argv) {
  int rc = cli_open_app(ctx);
  if (rc)
    return rc;
  struct strbuf text;
  strbuf_init(&text, 4096);
  for (int i = 1; i < argc; i++)
    strbuf_printf(&text, "%s%s", i > 1 ? " " : "", argv[i]);
  const char *t = text.len ? strbuf_str(&text) : NULL;
  struct app_error err = {0};
  struct keyset_cursor cur = {0};
  int64_t n = 0;
  enum app_err e = APP_OK;
  if (ctx->json)
    fputs("[", stdout);
  for (bool more = true; more && e == APP_OK;) {
    struct customer_list l = {0};
    e = app_customers_window(ctx->app, t, &cur, false, false, 1000, &l, &err);
    for (size_t i = 0; e == APP_OK && i < l.count; i++)
      print_customer(&l.items[i], ctx->json, n++);
    more = e == APP_OK && l.count == 1000 &&
           app_customer_cursor(&l.items[l.count - 1], &cur);
    customer_list_cleanup(&l);
  }
  strbuf_cleanup(&text);
  if (ctx->json)
    fputs(n ? "\n]\n" : "]\n", stdout);
  else if (e == APP_OK && n == 0)
    puts("no customers match");
  return e == APP_OK ? 0 : cli_fail_app(&err);
}

int cli_cmd_customers_show(struct cli_ctx *ctx, int argc, char **argv) {
  if (argc != 2)
    return cli_fail(APP_ERR_USAGE, "usage: customers show ID");
  int rc = cli_open_app(ctx);
  if (rc)
    return rc;
  struct customer c = {0};
  struct app_error err = {0};
  if (app_customer_get(ctx->app, argv[1], &c, &err) != APP_OK)
    return cli_fail_app(&err);
  if (ctx->json) {
    cli_json_text(stdout, c.raw_json);
    fputc('\n', stdout);
  } else {
    char *name = customer_display_name(&c);
    print_clean(stdout, "  id                 %s\n", c.id);
    print_clean(stdout, "  name               %s\n", name);
    print_clean(stdout, "  email              %s\n", c.email);
    print_clean(stdout, "  document           %s\n", c.document_number);
    print_clean(stdout, "  operation level    %s\n", c.operation_level);
    printf("  documented         %s\n", c.is_documented ? "yes" : "no");
    for (size_t i = 0; i < c.documents_count; i++) {
      printf("  document %zu         ", i);
      print_clean(stdout, "%s ", c.documents[i].type);
      print_clean(stdout, "%s\n", c.documents[i].status);
    }
    free(name);
  }
  customer_cleanup(&c);
  return 0;
}

static void print_activity(const struct app_activity *rows, size_t n,
                           bool json, const char *empty) {
  if (json) {
    fputs("[", stdout);
    for (size_t i = 0; i < n; i++) {
      char at[32];
      time_format_iso8601(rows[i].at_ms, at, sizeof at);
      printf("%s\n{\"id\":%" PRId64 ",\"at\":\"%s\",\"action\":", i ? "," : "",
             rows[i].id, at);
      cli_json_str(stdout, rows[i].action);
      fputs(",\"paymentId\":", stdout);
      cli_json_str(stdout, rows[i].payment_id);
      fputs(",\"outcome\":", stdout);
      cli_json_str(stdout, rows[i].outcome);
      fputs(",\"traceId\":", stdout);
      cli_json_str(stdout, rows[i].trace_id[0] ? rows[i].trace_id : NULL);
      fputs(",\"detail\":", stdout);
      cli_json_str(stdout, rows[i].detail);
      fputs("}", stdout);
    }
    fputs(n ? "\n]\n" : "]\n", stdout);
    return;
  }
  if (n == 0) {
    puts(empty);
    return;
  }
  printf("%-6s  %-16s  %-9s  %-24s  %-10s  %-36s  %s\n", "ID", "AT", "ACTION",
         "PAYMENT", "OUTCOME", "TRACE", "DETAIL");
  for (size_t i = 0; i < n; i++) {
    char at[32];
    time_format_short(rows[i].at_ms, at, sizeof at);
    printf("%-6" PRId64 "  %-16s  %-9s  %-24s  %-10s  %-36s  ", rows[i].id,
           at, rows[i].action, rows[i].payment_id, rows[i].outcome,
           rows[i].trace_id[0] ? rows[i].trace_id : "-");
    print_clean(stdout, "%s\n", rows[i].detail);
  }
}

int cli_cmd_activity(struct cli_ctx *ctx, int argc, char **argv) {
  long limit = 100;
  int rc = cli_limit_arg(argc, argv, &limit, "activity [--limit N]");
  if (rc)
    return rc;
  rc = cli_open_app(ctx);
  if (rc)
    return rc;
  struct app_activity *rows = NULL;
  size_t n = 0;
  struct app_error err = {0};
  if (app_activity_list(ctx->app, (size_t)limit, &rows, &n, &err) != APP_OK)
    return cli_fail_app(&err);
  print_activity(rows, n, ctx->json, "no actions taken from this desk yet");
  free(rows);
  return 0;
}

int cli_cmd_outbox_list(struct cli_ctx *ctx, int argc, char **argv) {
  (void)argv;
  if (argc != 1)
    return cli_fail(APP_ERR_USAGE, "usage: outbox list");
  int rc = cli_open_app(ctx);
  if (rc)
    return rc;
  struct app_activity *rows = NULL;
  size_t n = 0;
  struct app_error err = {0};
  if (app_outbox_list(ctx->app, &rows, &n, &err) != APP_OK)
    return cli_fail_app(&err);
  print_activity(rows, n, ctx->json, "no open actions");
  free(rows);
  return 0;
}

int cli_cmd_outbox_cancel(struct cli_ctx *ctx, int argc, char **argv) {
  if (argc != 2)
    return cli_fail(APP_ERR_USAGE, "usage: outbox cancel ID");
  char *end = NULL;
  long long id = strtoll(argv[1], &end, 10);
  if (end == argv[1] || *end || id <= 0)
    return cli_fail(APP_ERR_USAGE, "outbox cancel: ID is a number (see "
                                   "outbox list)");
  int rc = cli_open_app(ctx);
  if (rc)
    return rc;
  struct app_error err = {0};
  if (app_outbox_cancel(ctx->app, (int64_t)id, &err) != APP_OK)
    return cli_fail_app(&err);
  printf("outbox entry %lld cancelled\n", id);
  return 0;
}

int cli_cmd_cache_purge(struct cli_ctx *ctx, int argc, char **argv) {
  (void)argv;
  if (argc != 1)
    return cli_fail(APP_ERR_USAGE, "usage: cache purge");
  int rc = cli_open_app(ctx);
  if (rc)
    return rc;
  struct app_error err = {0};
  if (app_cache_purge(ctx->app, &err) != APP_OK)
    return cli_fail_app(&err);
  printf("cache emptied (open actions kept)\n");
  return 0;
}
