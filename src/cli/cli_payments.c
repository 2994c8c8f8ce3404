/*
 * cli_payments - the read-only payment lists: payments list|show,
 * review list, refunds list, unassigned list, export. They read the cache
 * only (run `sync` first, or use the desk, which syncs in the background).
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli_cmds.h"
#include "app/app_export.h"
#include "cli/cli_print.h"
#include "core/strbuf.h"
#include "core/timeutil.h"
#include "core/xalloc.h"
#include "ui/cmdtab.h"

#define PAGE 1000

enum list_kind { LIST_PAYMENTS, LIST_REVIEW, LIST_REFUNDS };

struct list_opts {
  struct strbuf words;  /* the filter text */
  long limit;           /* 0 = all */
  enum keyset_sort sort;
  enum cli_format fmt;
};


/* Options shared by the lists. Returns 0 or an exit code. */
static int parse_list_opts(struct cli_ctx *ctx, int argc, char **argv,
                           bool allow_format, struct list_opts *o) {
  static const struct option opts[] = {
      {"status", required_argument, NULL, 's'},
      {"type", required_argument, NULL, 't'},
      {"parent", required_argument, NULL, 'P'},
      {"limit", required_argument, NULL, 'n'},
      {"sort", required_argument, NULL, 'S'},
      {"format", required_argument, NULL, 'f'},
      {"json", no_argument, NULL, 'j'},
      {NULL, 0, NULL, 0},
  };
  strbuf_init(&o->words, 64 * 1024);
  o->limit = 0;
  o->fmt = ctx->json ? CLI_FMT_JSON : CLI_FMT_TABLE;
  optind = 0; /* 0: glibc re-reads the ordering mode */
  opterr = 0;
  int c;
  while ((c = getopt_long(argc, argv, "n:", opts, NULL)) != -1) {
    switch (c) {
    case 's':
      strbuf_printf(&o->words, " status:%s", optarg);
      break;
    case 't':
      strbuf_printf(&o->words, " type:%s", optarg);
      break;
    case 'P':
      strbuf_printf(&o->words, " parent:%s", optarg);
      break;
    case 'n': {
      char *end = NULL;
      o->limit = strtol(optarg, &end, 10);
      if (end == optarg || *end || o->limit < 0)
        return cli_fail(APP_ERR_USAGE, "--limit needs a number >= 0");
      break;
    }
    case 'S':
      if (cmdtab_parse_sort(optarg, &o->sort) != 0)
        return cli_fail(APP_ERR_USAGE,
                        "--sort takes %s",
                        cmdtab_for_cmd(CMD_SORT)->args);
      break;
    case 'f':
      if (!allow_format)
        return cli_fail(APP_ERR_USAGE, "--format is for export");
      if (strcmp(optarg, "csv") == 0)
        o->fmt = CLI_FMT_CSV;
      else if (strcmp(optarg, "json") == 0)
        o->fmt = CLI_FMT_JSON;
      else
        return cli_fail(APP_ERR_USAGE, "--format takes csv or json");
      break;
    case 'j':
      o->fmt = CLI_FMT_JSON;
      break;
    default:
      return cli_fail(APP_ERR_USAGE, "%s: unknown option %s", argv[0],
                      argv[optind - 1]);
    }
  }
  for (int i = optind; i < argc; i++)
    strbuf_printf(&o->words, " %s", argv[i]);
  return 0;
}

static int run_list(struct cli_ctx *ctx, enum list_kind kind,
                    struct list_opts *o) {
  int rc = cli_open_app(ctx);
  if (rc)
    return rc;
  struct filter f;
  char ferr[256];
  if (filter_parse(strbuf_str(&o->words), &f, ferr, sizeof ferr) != CORE_OK)
    return cli_fail(APP_ERR_USAGE, "filter: %s", ferr);
  struct cli_printer pr;
  cli_print_begin(&pr, stdout, o->fmt);
  pr.empty = kind == LIST_REVIEW    ? "no payments in review match"
             : kind == LIST_REFUNDS ? "no refunds match"
                                    : "no payments match";
  struct keyset_cursor cur = {0}, next = {0};
  struct app_error err = {0};
  long printed = 0;
  for (;;) {
    size_t want = PAGE;
    if (o->limit > 0 && (long)want > o->limit - printed)
      want = (size_t)(o->limit - printed);
    if (want == 0)
      break;
    struct payment_list l = {0};
    enum app_err e;
    const struct keyset_cursor *after = cur.valid ? &cur : NULL;
    if (kind == LIST_REVIEW)
      e = app_review_query(ctx->app, &f, after, want, &l, &next, &err);
    else if (kind == LIST_REFUNDS)
      e = app_refunds_query(ctx->app, f.parent_id, after, want, &l, &next,
                            &err);
    else
      e = app_payments_query(ctx->app, &f, o->sort, after, want, &l, &next,
                             &err);
    if (e != APP_OK) {
      payment_list_cleanup(&l);
      filter_cleanup(&f);
      return cli_fail_app(&err);
    }
    for (size_t i = 0; i < l.count; i++)
      cli_print_payment(&pr, &l.items[i]);
    printed += (long)l.count;
    payment_list_cleanup(&l);
    if (!next.valid)
      break;
    cur = next;
  }
  cli_print_end(&pr);
  filter_cleanup(&f);
  return 0;
}

static int list_cmd(struct cli_ctx *ctx, int argc, char **argv,
                    enum list_kind kind, bool allow_format) {
  struct list_opts o = {0};
  int rc = parse_list_opts(ctx, argc, argv, allow_format, &o);
  if (rc == 0)
    rc = run_list(ctx, kind, &o);
  strbuf_cleanup(&o.words);
  return rc;
}

int cli_cmd_payments_list(struct cli_ctx *ctx, int argc, char **argv) {
  return list_cmd(ctx, argc, argv, LIST_PAYMENTS, false);
}

int cli_cmd_review_list(struct cli_ctx *ctx, int argc, char **argv) {
  return list_cmd(ctx, argc, argv, LIST_REVIEW, false);
}

int cli_cmd_refunds_list(struct cli_ctx *ctx, int argc, char **argv) {
  return list_cmd(ctx, argc, argv, LIST_REFUNDS, false);
}

/* The whole list through the one export writer (app_export). */
static int run_export(struct cli_ctx *ctx, enum list_kind kind,
                      struct list_opts *o) {
  int rc = cli_open_app(ctx);
  if (rc)
    return rc;
  struct filter f;
  char ferr[256];
  if (filter_parse(strbuf_str(&o->words), &f, ferr, sizeof ferr) != CORE_OK)
    return cli_fail(APP_ERR_USAGE, "filter: %s", ferr);
  struct app_query q = {
      .list = kind == LIST_REVIEW    ? APP_LIST_REVIEW
              : kind == LIST_REFUNDS ? APP_LIST_REFUNDS
                                     : APP_LIST_PAYMENTS,
      .filter = &f,
      .sort = o->sort,
  };
  struct app_error err = {0};
  int64_t rows = 0;
  enum app_err e = app_export(
      ctx->app, &q, o->fmt == CLI_FMT_JSON ? APP_EXPORT_JSON : APP_EXPORT_CSV,
      o->limit, stdout, &rows, &err);
  filter_cleanup(&f);
  return e == APP_OK ? 0 : cli_fail_app(&err);
}

int cli_cmd_export(struct cli_ctx *ctx, int argc, char **argv) {
  if (argc < 2)
    return cli_fail(APP_ERR_USAGE,
                    "export needs what to export: payments, review or "
                    "refunds");
  enum list_kind kind;
  if (strcmp(argv[1], "payments") == 0)
    kind = LIST_PAYMENTS;
  else if (strcmp(argv[1], "review") == 0)
    kind = LIST_REVIEW;
  else if (strcmp(argv[1], "refunds") == 0)
    kind = LIST_REFUNDS;
  else
    return cli_fail(APP_ERR_USAGE,
                    "export: unknown list (payments, review, refunds)");
  struct list_opts o = {0};
  int rc = parse_list_opts(ctx, argc - 1, argv + 1, true, &o);
  if (rc == 0) {
    if (o.fmt == CLI_FMT_TABLE)
      o.fmt = CLI_FMT_CSV;
    rc = run_export(ctx, kind, &o);
  }
  strbuf_cleanup(&o.words);
  return rc;
}

int cli_cmd_unassigned_list(struct cli_ctx *ctx, int argc, char **argv) {
  (void)argv;
  if (argc > 1)
    return cli_fail(APP_ERR_USAGE, "unassigned list takes no arguments");
  int rc = cli_open_app(ctx);
  if (rc)
    return rc;
  struct app_query q = {.list = APP_LIST_UNASSIGNED};
  struct keyset_cursor cur = {0};
  struct app_error err = {0};
  struct cli_printer pr;
  cli_print_begin(&pr, stdout, ctx->json ? CLI_FMT_JSON : CLI_FMT_TABLE);
  pr.empty = "no unassigned topups";
  for (;;) {
    struct payment_list l = {0};
    if (app_payments_window(ctx->app, &q, &cur, false, false, PAGE, &l,
                            &err) != APP_OK) {
      payment_list_cleanup(&l);
      return cli_fail_app(&err);
    }
    for (size_t i = 0; i < l.count; i++)
      cli_print_payment(&pr, &l.items[i]);
    bool more = l.count == PAGE &&
                app_query_cursor(&q, &l.items[l.count - 1], &cur);
    payment_list_cleanup(&l);
    if (!more)
      break;
  }
  cli_print_end(&pr);
  return 0;
}

/* For a payment without a customer whose record had no customerId: what
 * its customer link found (the detail pane says the same). */
static void print_link(struct cli_ctx *ctx, const struct payment *p) {
  if (p->customer_id || !(p->customer_id_absent || p->customer_link_at > 0))
    return;
  char when[40], line[96];
  if (p->customer_link_at > 0) {
    time_format_iso8601(p->customer_link_at, when, sizeof when);
    snprintf(line, sizeof line, "not linked (looked up %s)", when);
  } else if (app_customer_link_offered(ctx->app)) {
    snprintf(line, sizeof line, "not looked up yet");
  } else {
    snprintf(line, sizeof line,
             "not linked (the server offers no customer link)");
  }
  printf("  %-22s %s\n", "customer link", line);
}

int cli_cmd_payments_show(struct cli_ctx *ctx, int argc, char **argv) {
  if (argc != 2)
    return cli_fail(APP_ERR_USAGE, "usage: payments show ID");
  int rc = cli_open_app(ctx);
  if (rc)
    return rc;
  struct payment p = {0};
  struct app_error err = {0};
  if (app_payment_get(ctx->app, argv[1], &p, &err) != APP_OK)
    return cli_fail_app(&err);
  if (ctx->json) {
    cli_json_text(stdout, p.raw_json);
    fputc('\n', stdout);
  } else {
    cli_print_payment_detail(stdout, &p);
    print_link(ctx, &p);
    struct refund_summary rs;
    if (p.status == PAYMENT_STATUS_SETTLED &&
        app_refund_summary(ctx->app, p.id, &rs, &err) == APP_OK) {
      char a[MONEY_FMT_MAX], b[MONEY_FMT_MAX], c[MONEY_FMT_MAX];
      money_format(&rs.total_refunded, a, sizeof a);
      money_format(&rs.total_in_progress, b, sizeof b);
      money_format(&rs.max_refundable, c, sizeof c);
      printf("  %-22s refunded %s, in progress %s, max refundable %s %s\n",
             "refunds", a, b, c, rs.max_refundable.currency);
    }
  }
  payment_cleanup(&p);
  return 0;
}
