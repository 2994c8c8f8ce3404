/*
 * cli_actions - capture, authorize, refund, assign, upload, approve, reject.
 *
 * Each command reads the payment from the cache, checks the action
 * (app_action_check: it applies, its fields are valid, no identical refund
 * went out in the last ten minutes unless --again), shows exactly what
 * will be sent, asks for
 * confirmation on a terminal (unless --yes), records the intent in the
 * outbox (app_action_submit) and sends it (app_action_run). An unknown
 * outcome is reconciled by the app before anything is resent.
 */
#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli_cmds.h"
#include "cli/cli_print.h"
#include "core/money.h"
#include "core/sanitize.h"

struct action_opts {
  const char *amount, *reason, *account, *expected, *doc_type;
  bool again;
};

static int parse_action_opts(int argc, char **argv, struct action_opts *o,
                             const char **id, const char **file) {
  static const struct option opts[] = {
      {"amount", required_argument, NULL, 'a'},
      {"reason", required_argument, NULL, 'r'},
      {"account", required_argument, NULL, 'A'},
      {"expected", required_argument, NULL, 'e'},
      {"type", required_argument, NULL, 't'},
      {"again", no_argument, NULL, 'g'},
      {NULL, 0, NULL, 0},
  };
  memset(o, 0, sizeof *o);
  optind = 0; /* 0: glibc re-reads the ordering mode */
  opterr = 0;
  int c;
  while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
    switch (c) {
    case 'a':
      o->amount = optarg;
      break;
    case 'r':
      o->reason = optarg;
      break;
    case 'A':
      o->account = optarg;
      break;
    case 'e':
      o->expected = optarg;
      break;
    case 't':
      o->doc_type = optarg;
      break;
    case 'g':
      o->again = true;
      break;
    default:
      return cli_fail(APP_ERR_USAGE, "%s: unknown option %s", argv[0],
                      argv[optind - 1]);
    }
  }
  int want = file ? 2 : 1;
  if (argc - optind != want)
    return cli_fail(APP_ERR_USAGE, "usage: %s ID%s [options] (see --help)",
                    argv[0], file ? " FILE" : "");
  *id = argv[optind];
  if (file)
    *file = argv[optind + 1];
  return 0;
}

/* Ask on the terminal; returns true when the user typed y/yes. */
static bool confirm(const char *question) {
  fprintf(stderr, "%s [y/N] ", question);
  fflush(stderr);
  char line[64];
  if (fgets(line, sizeof line, stdin) == NULL)
    return false;
  return strcmp(line, "y\n") == 0 || strcmp(line, "yes\n") == 0 ||
         strcmp(line, "Y\n") == 0;
}

/* The payment as the action will see it: for a refund the server's
 * refunds and maxRefundable are read first (when they cannot be read, the
 * refund itself will say why). *before gets the refundable amount the
 * cache knew before that read. */
static int load_payment(struct cli_ctx *ctx, enum app_action_kind kind,
                        const char *id, struct payment *p,
                        struct money *before) {
  struct app_error err = {0};
  if (app_payment_get(ctx->app, id, p, &err) != APP_OK)
    return cli_fail_app(&err);
  struct refund_summary rs;
  memset(before, 0, sizeof *before);
  if (kind == APP_ACTION_REFUND &&
      app_refund_summary(ctx->app, p->id, &rs, &err) == APP_OK)
    *before = rs.max_refundable;
  struct app_error rerr = {0};
  if (kind == APP_ACTION_REFUND &&
      app_refund_refresh(ctx->app, p->id, &rerr) == APP_OK) {
    payment_cleanup(p);
    if (app_payment_get(ctx->app, id, p, &err) != APP_OK)
      return cli_fail_app(&err);
  }
  return 0;
}

/* A refund that fitted what the cache knew but no longer fits what the
 * server shows: someone else refunded meanwhile (a conflict, exit 5, not
 * a mistyped amount). 0 when that is not the case. */
static int refunded_meanwhile(struct cli_ctx *ctx, const struct app_action *act,
                              const struct money *before) {
  struct refund_summary rs;
  struct app_error err = {0};
  struct money want;
  int over = 0, fitted = 0;
  if (act->kind != APP_ACTION_REFUND || act->amount == NULL ||
      !before->currency[0] ||
      app_refund_summary(ctx->app, act->payment_id, &rs, &err) != APP_OK ||
      money_parse_typed(act->amount, before->currency, &want) != CORE_OK ||
      money_cmp(&want, &rs.max_refundable, &over) != CORE_OK ||
      money_cmp(&want, before, &fitted) != CORE_OK || over <= 0 ||
      fitted > 0)
    return 0;
  char maxbuf[MONEY_FMT_MAX];
  money_format(&rs.max_refundable, maxbuf, sizeof maxbuf);
  return cli_fail(APP_ERR_CONFLICT,
                  "refund %s: another refund was made meanwhile; "
                  "maxRefundable is now %s %s, less than %s; nothing was sent",
                  act->payment_id, maxbuf, rs.max_refundable.currency,
                  act->amount);
}

/* Show exactly what will be sent. */
static void show_action(struct cli_ctx *ctx, const struct app_action *act,
                        const struct payment *p) {
  char amount[MONEY_FMT_MAX], note[300];
  money_format(&p->total, amount, sizeof amount);
  char *name = sanitize_text(p->customer_name ? p->customer_name : "-");
  fprintf(stderr, "%s payment %s (%s %s, %s, customer %s)\n",
          app_action_name(act->kind), p->id, amount, p->total.currency,
          act->seen_status, name);
  free(name);
  if (act->amount) {
    fprintf(stderr, "  amount:   %s %s\n", act->amount, p->total.currency);
  } else if (act->kind == APP_ACTION_REFUND) {
    /* the exact amount the body will carry: maxRefundable now */
    struct refund_summary rs;
    struct app_error err = {0};
    char maxbuf[MONEY_FMT_MAX];
    if (app_refund_summary(ctx->app, p->id, &rs, &err) == APP_OK &&
        money_format(&rs.max_refundable, maxbuf, sizeof maxbuf) >= 0)
      fprintf(stderr, "  amount:   %s %s (the whole refundable amount)\n",
              maxbuf, rs.max_refundable.currency);
  }
  if (act->kind == APP_ACTION_REFUND) {
    app_refund_max_note(ctx->app, p->id, note, sizeof note);
    if (note[0])
      fprintf(stderr, "  note:     %s\n", note);
  }
  if (act->reason) {
    char *r = sanitize_text(act->reason);
    fprintf(stderr, "  reason:   %s\n", r);
    free(r);
  }
  if (act->account_number)
    fprintf(stderr, "  account:  %s\n", act->account_number);
  if (act->expected_amount)
    fprintf(stderr, "  expected: %s\n", act->expected_amount);
  if (act->file_path)
    fprintf(stderr, "  file:     %s (%s)\n", act->file_path,
            act->doc_type ? act->doc_type : "?");
}

/* --yes, or a y on a terminal after the app's checks; 0 to go on. */
static int confirmed(struct cli_ctx *ctx, const struct app_action *act,
                     const char *cmd) {
  if (ctx->yes)
    return 0;
  if (!isatty(STDIN_FILENO))
    return cli_fail(APP_ERR_USAGE,
                    "%s moves money or changes a review: confirm on a "
                    "terminal or pass --yes",
                    cmd);
  /* everything that would refuse it, before asking to confirm */
  struct app_error err = {0};
  if (app_action_check(ctx->app, act, &err) != APP_OK)
    return cli_fail_app(&err);
  if (!confirm("Send it?")) {
    fprintf(stderr, "cancelled, nothing was sent\n");
    return 1;
  }
  return 0;
}

/* Record, send and report; the outcome line on stdout. */
static int submit_and_run(struct cli_ctx *ctx, const struct app_action *act) {
  struct app_error err = {0};
  int64_t outbox_id = 0;
  if (app_action_submit(ctx->app, act, &outbox_id, &err) != APP_OK)
    return cli_fail_app(&err);
  if (app_action_run(ctx->app, outbox_id, &err) != APP_OK)
    return cli_fail_app(&err);
  if (ctx->json) {
    printf("{\"ok\":true,\"action\":");
    cli_json_str(stdout, app_action_name(act->kind));
    printf(",\"paymentId\":");
    cli_json_str(stdout, act->payment_id);
    printf(",\"outboxId\":%" PRId64 ",\"result\":", outbox_id);
    cli_json_str(stdout, err.msg);
    printf("}\n");
  } else {
    printf("%s\n", err.msg[0] ? err.msg : "done");
  }
  return 0;
}

static int run_action(struct cli_ctx *ctx, enum app_action_kind kind,
                      int argc, char **argv, bool needs_file) {
  struct action_opts o;
  const char *id = NULL, *file = NULL;
  int rc = parse_action_opts(argc, argv, &o, &id, needs_file ? &file : NULL);
  if (rc)
    return rc;
  if (ctx->offline)
    return cli_fail(APP_ERR_USAGE, "%s needs the network (--offline given)",
                    argv[0]);
  if (ctx->read_only || ctx->cfg.read_only)
    return cli_fail(APP_ERR_USAGE, "%s: read-only mode", argv[0]);
  rc = cli_open_app(ctx);
  if (rc)
    return rc;
  struct payment p = {0};
  struct money before;
  rc = load_payment(ctx, kind, id, &p, &before);
  if (rc)
    return rc;
  char why[256];
  if (!app_action_allowed(ctx->app, &p, kind, why, sizeof why)) {
    payment_cleanup(&p);
    /* a server without review resolution refuses it, as a 501 would */
    return cli_fail(strcmp(why, app_review_by_conomy) == 0 ? APP_ERR_REJECTED
                                                            : APP_ERR_CONFLICT,
                    "%s %s: %s", argv[0], id, why);
  }
  struct app_action act = {
      .kind = kind,
      .payment_id = p.id,
      .seen_status = p.status_raw ? p.status_raw
                                  : payment_status_name(p.status),
      .amount = o.amount,
      .reason = o.reason,
      .account_number = o.account,
      .expected_amount = o.expected,
      .doc_type = o.doc_type,
      .file_path = file,
      .again = o.again,
  };
  show_action(ctx, &act, &p);
  rc = refunded_meanwhile(ctx, &act, &before);
  if (rc == 0)
    rc = confirmed(ctx, &act, argv[0]);
  if (rc == 0)
    rc = submit_and_run(ctx, &act);
  payment_cleanup(&p);
  return rc;
}

int cli_cmd_capture(struct cli_ctx *ctx, int argc, char **argv) {
  return run_action(ctx, APP_ACTION_CAPTURE, argc, argv, false);
}

int cli_cmd_authorize(struct cli_ctx *ctx, int argc, char **argv) {
  return run_action(ctx, APP_ACTION_AUTHORIZE, argc, argv, false);
}

int cli_cmd_refund(struct cli_ctx *ctx, int argc, char **argv) {
  return run_action(ctx, APP_ACTION_REFUND, argc, argv, false);
}

int cli_cmd_assign(struct cli_ctx *ctx, int argc, char **argv) {
  return run_action(ctx, APP_ACTION_ASSIGN, argc, argv, false);
}

int cli_cmd_upload(struct cli_ctx *ctx, int argc, char **argv) {
  return run_action(ctx, APP_ACTION_UPLOAD, argc, argv, true);
}

int cli_cmd_approve(struct cli_ctx *ctx, int argc, char **argv) {
  return run_action(ctx, APP_ACTION_APPROVE, argc, argv, false);
}

int cli_cmd_reject(struct cli_ctx *ctx, int argc, char **argv) {
  return run_action(ctx, APP_ACTION_REJECT, argc, argv, false);
}
