/*
 * cli - argument parsing and dispatch (see cli.h). The subcommand table is
 * data: name, handler, one-line help.
 */
#include "cli/cli.h"

#include <getopt.h>
#include <locale.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app/app_export.h"
#include "app/app_text.h"
#include "cli/cli_cmds.h"
#include "cli/cli_ctx.h"
#include "core/sanitize.h"
#include "core/xalloc.h"
#include "ui/cmdtab.h"

/* The CLI's handlers, by the command table's names (ui/cmdtab.c holds the
 * arguments, help and whether a command reads only the cache). */
struct cli_cmd {
  const char *name;
  const char *sub; /* second word, or NULL */
  int (*run)(struct cli_ctx *ctx, int argc, char **argv);
};

static const struct cli_cmd commands[] = {
    {"sync", NULL, cli_cmd_sync},
    {"payments", "list", cli_cmd_payments_list},
    {"payments", "show", cli_cmd_payments_show},
    {"review", "list", cli_cmd_review_list},
    {"refunds", "list", cli_cmd_refunds_list},
    {"unassigned", "list", cli_cmd_unassigned_list},
    {"customers", "list", cli_cmd_customers_list},
    {"customers", "show", cli_cmd_customers_show},
    {"capture", NULL, cli_cmd_capture},
    {"authorize", NULL, cli_cmd_authorize},
    {"refund", NULL, cli_cmd_refund},
    {"assign", NULL, cli_cmd_assign},
    {"upload", NULL, cli_cmd_upload},
    {"approve", NULL, cli_cmd_approve},
    {"reject", NULL, cli_cmd_reject},
    {"quarantine", "list", cli_cmd_quarantine_list},
    {"activity", NULL, cli_cmd_activity},
    {"outbox", "list", cli_cmd_outbox_list},
    {"outbox", "cancel", cli_cmd_outbox_cancel},
    {"export", NULL, cli_cmd_export},
    {"cache", "purge", cli_cmd_cache_purge},
    {"listen", NULL, cli_cmd_listen},
};
#define NCOMMANDS (sizeof commands / sizeof commands[0])

static void cmd_head(const struct cli_cmd *c, char *buf, size_t len) {
  snprintf(buf, len, "%s%s%s", c->name, c->sub ? " " : "",
           c->sub ? c->sub : "");
}

/* The command table's entry of a handler (never NULL: cli_check_table). */
static const struct cmdtab_entry *entry_of(const struct cli_cmd *c) {
  char head[64];
  cmd_head(c, head, sizeof head);
  return cmdtab_find(head, CMDTAB_CLI);
}

int cli_check_table(char *err, size_t len) {
  for (size_t i = 0; i < NCOMMANDS; i++) {
    if (entry_of(&commands[i]) == NULL) {
      snprintf(err, len, "handler %s %s has no command table entry",
               commands[i].name, commands[i].sub ? commands[i].sub : "");
      return -1;
    }
  }
  for (size_t i = 0; i < cmdtab_count(); i++) {
    const struct cmdtab_entry *e = cmdtab_at(i);
    bool found = false;
    for (size_t j = 0; !found && j < NCOMMANDS; j++)
      found = entry_of(&commands[j]) == e;
    if ((e->where & CMDTAB_CLI) && !found) {
      snprintf(err, len, "command %s has no CLI handler", e->name);
      return -1;
    }
  }
  return 0;
}

/* `help --commands`: the command table, one tab-separated line each
 * (name, where it works, arguments, help), for scripts and the tests. */
static void print_table(void) {
  for (size_t i = 0; i < cmdtab_count(); i++) {
    const struct cmdtab_entry *e = cmdtab_at(i);
    printf("%s\t%s%s%s\t%s\t%s\n", e->name, e->where & CMDTAB_KEY ? "k" : "",
           e->where & CMDTAB_PROMPT ? "p" : "",
           e->where & CMDTAB_CLI ? "c" : "", e->args, e->help);
  }
}

static void usage(FILE *f) {
  fprintf(
      f, "usage: conomy-desk [OPTIONS] [COMMAND [ARGS...]]\n"
         "\n"
         "A terminal back-office for conomy_hq payments. Without a command it\n"
         "opens the interactive desk; with one it runs headless.\n"
         "\n"
         "Options:\n"
         "  -p, --profile NAME  config profile (default: $CONOMY_PROFILE or "
         "default)\n"
         "      --offline       never touch the network (browse the cache)\n"
         "      --read-only     offer no actions\n"
         "      --json          machine-readable output\n"
         "  -y, --yes           do not ask before money actions\n"
         "      --cache PATH    cache file (default: $CONOMY_CACHE or\n"
         "                      $XDG_CACHE_HOME/conomy-desk/PROFILE.db)\n"
         "      --theme NAME    TUI theme (assets/themes/NAME.theme)\n"
         "      --no-color      no colours (also when NO_COLOR is set)\n"
         "      --arrow-cursor  the cursor is a marker before the row, not a\n"
         "                      highlighted row (fewer bytes on a slow link)\n"
         "  -h, --help          this help\n"
         "  -V, --version       print the version\n"
         "\nCommands:\n");
  for (size_t i = 0; i < NCOMMANDS; i++) {
    char head[64];
    const struct cmdtab_entry *e = entry_of(&commands[i]);
    cmd_head(&commands[i], head, sizeof head);
    fprintf(f, "  %-17s %s\n", head, e->help);
    if (e->args[0])
      fprintf(f, "  %-17s   %s\n", "", e->args);
  }
  fprintf(
      f,
      "\nFilters (payments, review, export, and / in the desk):\n"
      "  status:SETTLED,FAILED type:REFUND currency:USD amount>100\n"
      "  created>2025-01-01 created<2025-02-01 docs:PENDING_UPLOAD\n"
      "  customer:ID parent:ID account:N, and free text\n"
      "\nEnvironment: CONOMY_BASE_URL, CONOMY_API_KEY, CONOMY_CLIENT_ID,\n"
      "  CONOMY_CLIENT_SECRET, CONOMY_PROFILE, CONOMY_CACHE, NO_COLOR\n"
      "\nExit codes: 0 ok, 1 other error, 2 usage, 3 network, 4 rejected by\n"
      "  the API, 5 conflict (someone else acted, or an action is pending),\n"
      "  6 data (malformed data, cache problem), 7 authentication,\n"
      "  8 configuration, 9 not found, 10 not allowed (403); a sync that\n"
      "  completed with warnings: 11 records skipped into the quarantine,\n"
      "  12 incomplete (the server's paging ended early or looped).\n"
      "\nSee conomy-desk(1).\n");
}

/* --json anywhere before "--": errors are JSON too. */
static bool json_errors;

static void scan_json(int argc, char **argv) {
  for (int i = 1; i < argc && strcmp(argv[i], "--") != 0; i++)
    if (strcmp(argv[i], "--json") == 0)
      json_errors = true;
}

int cli_fail(int code, const char *fmt, ...) {
  char buf[1024];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(buf, sizeof buf, fmt, ap);
  va_end(ap);
  if (json_errors) {
    /* one line on stderr: {"error":{"code":N,"message":"..."}} */
    fprintf(stderr, "{\"error\":{\"code\":%d,\"message\":", code);
    cli_json_str(stderr, buf);
    fputs("}}\n", stderr);
    return code;
  }
  char *clean = sanitize_text(buf);
  fprintf(stderr, "conomy-desk: %s\n", clean);
  free(clean);
  return code;
}

int cli_limit_arg(int argc, char **argv, long *limit, const char *usage) {
  if (argc == 3 && strcmp(argv[1], "--limit") == 0) {
    char *end = NULL;
    *limit = strtol(argv[2], &end, 10);
    if (end == argv[2] || *end || *limit <= 0)
      return cli_fail(APP_ERR_USAGE, "--limit needs a positive number");
    return 0;
  }
  if (argc != 1)
    return cli_fail(APP_ERR_USAGE, "usage: %s", usage);
  return 0;
}

int cli_fail_app(const struct app_error *err) {
  return cli_fail(err->code ? (int)err->code : 1, "%s", err->msg);
}

void cli_json_str(FILE *f, const char *s) {
  if (s == NULL) {
    fputs("null", f);
    return;
  }
  char *q = app_json_quote(s);
  cli_json_text(f, q);
  free(q);
}

void cli_json_text(FILE *f, const char *json) {
  app_export_json_text(f, json);
}

int cli_open_app(struct cli_ctx *ctx) {
  if (ctx->app)
    return 0;
  /* commands that only read or change the cache need no API */
  bool no_api =
      ctx->local && (ctx->cfg.base_url == NULL || ctx->cfg.base_url[0] == '\0');
  struct app_config ac = {
      .base_url = ctx->cfg.base_url,
      .api_key = ctx->cfg.api_key,
      .client_id = ctx->cfg.client_id,
      .client_secret = ctx->cfg.client_secret,
      .profile = ctx->cfg.profile,
      .cache_path = ctx->cache_path,
      .offline = ctx->offline || no_api,
      .read_only = ctx->read_only || ctx->cfg.read_only,
      .sync_interval_s = ctx->cfg.sync_interval_s,
      .request_timeout_s = ctx->cfg.request_timeout_s,
      .customer_link_budget = ctx->cfg.customer_link_budget,
      .customer_link_budget_set = ctx->cfg.customer_link_budget_set,
  };
  struct app_error err = {0};
  if (app_open(&ac, &ctx->app, &err) != APP_OK)
    return cli_fail_app(&err);
  const char *notice = app_notice(ctx->app);
  if (notice) {
    char *clean = sanitize_text(notice);
    fprintf(stderr, "conomy-desk: %s\n", clean);
    free(clean);
  }
  return 0;
}

/* `conomy-desk capture --help`: the command's usage and help on stdout. */
static void cmd_usage(const struct cli_cmd *c) {
  char head[64];
  cmd_head(c, head, sizeof head);
  const struct cmdtab_entry *e = entry_of(c);
  printf("usage: conomy-desk [OPTIONS] %s%s%s\n\n%s\n", head,
         e->args[0] ? " " : "", e->args, e->help);
  if (e->local)
    printf("Reads the cache only: works without the network.\n");
  printf("\nSee conomy-desk --help for the options, conomy-desk(1) for "
         "more.\n");
}

/* `conomy-desk payments` or `payments --help`: its subcommands. Returns
 * whether word names a group. */
static bool group_usage(const char *word, FILE *f) {
  bool any = false;
  for (size_t i = 0; i < NCOMMANDS; i++) {
    if (commands[i].sub == NULL || strcmp(commands[i].name, word) != 0)
      continue;
    char head[64];
    const struct cmdtab_entry *e = entry_of(&commands[i]);
    cmd_head(&commands[i], head, sizeof head);
    if (!any)
      fprintf(f, "usage:\n");
    fprintf(f, "  conomy-desk %s%s%s\n      %s\n", head, e->args[0] ? " " : "",
            e->args, e->help);
    any = true;
  }
  return any;
}

static bool wants_help(int argc, char **argv, int from) {
  for (int i = from; i < argc && strcmp(argv[i], "--") != 0; i++)
    if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0)
      return true;
  return false;
}

/* The global options before the command. Returns -1 to go on, or the
 * exit status (after --help, --version or a bad option). */
static int parse_globals(int argc, char **argv, struct cli_ctx *ctx,
                         const char **profile) {
  static const struct option opts[] = {
      {"profile", required_argument, NULL, 'p'},
      {"offline", no_argument, NULL, 'O'},
      {"read-only", no_argument, NULL, 'R'},
      {"json", no_argument, NULL, 'j'},
      {"yes", no_argument, NULL, 'y'},
      {"cache", required_argument, NULL, 'C'},
      {"theme", required_argument, NULL, 'T'},
      {"no-color", no_argument, NULL, 'N'},
      {"arrow-cursor", no_argument, NULL, 'A'},
      {"help", no_argument, NULL, 'h'},
      {"version", no_argument, NULL, 'V'},
      {NULL, 0, NULL, 0},
  };
  /* Global options come before the command ("+" stops at the first
   * non-option), so commands can have their own. */
  int c;
  opterr = 0;
  while ((c = getopt_long(argc, argv, "+p:yhV", opts, NULL)) != -1) {
    switch (c) {
    case 'p':
      *profile = optarg;
      break;
    case 'O':
      ctx->offline = true;
      break;
    case 'R':
      ctx->read_only = true;
      break;
    case 'j':
      ctx->json = true;
      break;
    case 'y':
      ctx->yes = true;
      break;
    case 'C':
      ctx->cache_path = optarg;
      break;
    case 'T':
      ctx->theme = optarg;
      break;
    case 'N':
      ctx->no_color = true;
      break;
    case 'A':
      ctx->arrow_cursor = true;
      break;
    case 'h':
      usage(stdout);
      return 0;
    case 'V':
      printf("conomy-desk %s\n", DESK_VERSION);
      return 0;
    default:
      fprintf(stderr, "conomy-desk: unknown option %s\n", argv[optind - 1]);
      usage(stderr);
      return APP_ERR_USAGE;
    }
  }
  return -1;
}

/* Handlers see their own words from argv[used - 1] (for getopt). Flags
 * that are global and take no value are accepted after the command too
 * ("payments list --json"). Caller frees the array. */
static char **handler_args(struct cli_ctx *ctx, int argc, char **argv, int used,
                           int *hargc_out) {
  int hargc = 0;
  char **hargv = xcalloc((size_t)argc + 1, sizeof *hargv);
  hargv[hargc++] = argv[used - 1];
  for (int i = used; i < argc; i++) {
    if (strcmp(argv[i], "--") == 0) {
      for (; i < argc; i++)
        hargv[hargc++] = argv[i];
      break;
    }
    if (strcmp(argv[i], "--json") == 0)
      ctx->json = true;
    else if (strcmp(argv[i], "--yes") == 0 || strcmp(argv[i], "-y") == 0)
      ctx->yes = true;
    else if (strcmp(argv[i], "--offline") == 0)
      ctx->offline = true;
    else if (strcmp(argv[i], "--read-only") == 0)
      ctx->read_only = true;
    else
      hargv[hargc++] = argv[i];
  }
  *hargc_out = hargc;
  return hargv;
}

int cli_main(int argc, char **argv) {
  setlocale(LC_ALL, "");
  struct cli_ctx ctx = {0};
  scan_json(argc, argv);
  const char *profile = NULL;
  int done = parse_globals(argc, argv, &ctx, &profile);
  if (done >= 0)
    return done;
  argc -= optind;
  argv += optind;
  if (getenv("NO_COLOR") && *getenv("NO_COLOR"))
    ctx.no_color = true;
  if (ctx.cache_path == NULL) {
    const char *e = getenv("CONOMY_CACHE");
    if (e && *e)
      ctx.cache_path = e;
  }

  char err[512];
  if (config_load(profile, &ctx.cfg, err, sizeof err) != 0)
    return cli_fail(APP_ERR_CONFIG, "%s", err);

  int rc;
  if (argc == 0) {
    rc = cli_cmd_tui(&ctx);
    goto out;
  }
  const struct cli_cmd *cmd = NULL;
  int used = 1;
  if (strcmp(argv[0], "help") == 0 && argc > 1 &&
      strcmp(argv[1], "--commands") == 0) {
    print_table();
    rc = 0;
    goto out;
  }
  for (size_t i = 0; i < NCOMMANDS; i++) {
    if (strcmp(commands[i].name, argv[0]) != 0)
      continue;
    if (commands[i].sub == NULL) {
      cmd = &commands[i];
      break;
    }
    if (argc > 1 && strcmp(commands[i].sub, argv[1]) == 0) {
      cmd = &commands[i];
      used = 2;
      break;
    }
  }
  if (cmd == NULL && (argc == 1 || wants_help(argc, argv, 1)) &&
      group_usage(argv[0], argc == 1 ? stderr : stdout)) {
    rc = argc == 1 ? APP_ERR_USAGE : 0;
    goto out;
  }
  if (cmd == NULL) {
    char *clean = sanitize_text(argc > 1 ? argv[1] : "");
    char *clean0 = sanitize_text(argv[0]);
    rc = cli_fail(APP_ERR_USAGE, "unknown command \"%s%s%s\" (see --help)",
                  clean0, argc > 1 ? " " : "", argc > 1 ? clean : "");
    free(clean);
    free(clean0);
    goto out;
  }
  if (wants_help(argc, argv, used)) {
    cmd_usage(cmd);
    rc = 0;
    goto out;
  }
  ctx.local = entry_of(cmd)->local;
  int hargc = 0;
  char **hargv = handler_args(&ctx, argc, argv, used, &hargc);
  rc = cmd->run(&ctx, hargc, hargv);
  free(hargv);
out:
  app_close(&ctx.app);
  config_cleanup(&ctx.cfg);
  return rc;
}
