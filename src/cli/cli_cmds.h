/*
 * cli_cmds - the subcommand handlers. Each receives its own words with
 * argv[0] = the command name, parses its options with getopt_long, and
 * returns an exit code.
 */
#ifndef DESK_CLI_CLI_CMDS_H
#define DESK_CLI_CLI_CMDS_H

#include "cli/cli_ctx.h"

int cli_cmd_tui(struct cli_ctx *ctx);
int cli_cmd_sync(struct cli_ctx *ctx, int argc, char **argv);
int cli_cmd_payments_list(struct cli_ctx *ctx, int argc, char **argv);
int cli_cmd_payments_show(struct cli_ctx *ctx, int argc, char **argv);
int cli_cmd_review_list(struct cli_ctx *ctx, int argc, char **argv);
int cli_cmd_refunds_list(struct cli_ctx *ctx, int argc, char **argv);
int cli_cmd_unassigned_list(struct cli_ctx *ctx, int argc, char **argv);
int cli_cmd_customers_list(struct cli_ctx *ctx, int argc, char **argv);
int cli_cmd_customers_show(struct cli_ctx *ctx, int argc, char **argv);
int cli_cmd_capture(struct cli_ctx *ctx, int argc, char **argv);
int cli_cmd_authorize(struct cli_ctx *ctx, int argc, char **argv);
int cli_cmd_refund(struct cli_ctx *ctx, int argc, char **argv);
int cli_cmd_assign(struct cli_ctx *ctx, int argc, char **argv);
int cli_cmd_upload(struct cli_ctx *ctx, int argc, char **argv);
int cli_cmd_approve(struct cli_ctx *ctx, int argc, char **argv);
int cli_cmd_reject(struct cli_ctx *ctx, int argc, char **argv);
int cli_cmd_activity(struct cli_ctx *ctx, int argc, char **argv);
int cli_cmd_outbox_list(struct cli_ctx *ctx, int argc, char **argv);
int cli_cmd_outbox_cancel(struct cli_ctx *ctx, int argc, char **argv);
int cli_cmd_export(struct cli_ctx *ctx, int argc, char **argv);
int cli_cmd_cache_purge(struct cli_ctx *ctx, int argc, char **argv);
int cli_cmd_listen(struct cli_ctx *ctx, int argc, char **argv);
int cli_cmd_quarantine_list(struct cli_ctx *ctx, int argc, char **argv);

#endif
