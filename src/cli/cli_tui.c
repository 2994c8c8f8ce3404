/*
 * cli_tui - `conomy-desk` without a command: open the app on the cache,
 * start the background worker (unless offline), and run the TUI.
 */
#include <stdio.h>
#include <unistd.h>

#include "cli/cli_cmds.h"
#include "ui/ui.h"

int cli_cmd_tui(struct cli_ctx *ctx) {
  if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO))
    return cli_fail(APP_ERR_USAGE,
                    "the interactive desk needs a terminal; for scripts use "
                    "a command (see --help)");
  int rc = cli_open_app(ctx);
  if (rc)
    return rc;
  if (!ctx->offline)
    app_worker_start(ctx->app);
  struct ui_options opts = {
      .read_only = ctx->read_only || ctx->cfg.read_only,
      .offline = ctx->offline,
      .confirm_over = ctx->cfg.confirm_over,
      .no_color = ctx->no_color,
      .arrow_cursor = ctx->arrow_cursor || ctx->cfg.arrow_cursor,
      .theme = ctx->theme ? ctx->theme : ctx->cfg.theme,
      .profile = ctx->cfg.profile,
      .keymap_path = ctx->cfg.keymap_path,
  };
  char err[512] = "";
  rc = ui_run(ctx->app, &opts, err, sizeof err);
  if (rc != 0)
    return cli_fail(1, "%s", err[0] ? err : "the desk stopped on an error");
  return 0;
}
