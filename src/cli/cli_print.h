/*
 * cli_print - how the headless commands print payments: an aligned,
 * sanitised table for people, the API objects as a JSON array for scripts,
 * and CSV for export.
 */
#ifndef DESK_CLI_CLI_PRINT_H
#define DESK_CLI_CLI_PRINT_H

#include <stdbool.h>
#include <stdio.h>

#include "core/payment.h"

enum cli_format { CLI_FMT_TABLE, CLI_FMT_JSON, CLI_FMT_CSV };

struct cli_printer {
  FILE *f;
  enum cli_format fmt;
  bool started;
  long rows;
  const char *empty; /* table: the line printed when no row came; NULL =
                        "no payments match" */
};

void cli_print_begin(struct cli_printer *p, FILE *f, enum cli_format fmt);
void cli_print_payment(struct cli_printer *p, const struct payment *pay);
void cli_print_end(struct cli_printer *p);
/* A multi-line human description of one payment (sanitised). */
void cli_print_payment_detail(FILE *f, const struct payment *pay);

#endif
