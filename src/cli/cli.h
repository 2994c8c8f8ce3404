/*
 * cli - the conomy-desk command line: global options, the subcommand table,
 * and the TUI when no subcommand is given. Headless subcommands run over the
 * app layer, print tables (sanitised) or --json, and exit with the stable
 * codes of enum app_err (0 ok, 1 other, 2 usage, 3 network, 4 rejected by
 * the API, 5 conflict, 6 data, 7 auth, 8 config, 9 not found, 10 not
 * allowed).
 */
#ifndef DESK_CLI_CLI_H
#define DESK_CLI_CLI_H

#include <stddef.h>

int cli_main(int argc, char **argv);

/* 0 when every CLI handler has a command table entry (ui/cmdtab.h) and
 * every CLI entry a handler; -1 with the first mismatch in err. */
int cli_check_table(char *err, size_t len);

#endif
