/*
 * cli_print - see cli_print.h. Every API string is sanitised before it is
 * printed in table and detail form; JSON output is the API's own object
 * (cJSON escaped every control character when it was stored); CSV lines
 * come from the one export writer (app_export).
 */
#include "cli/cli_print.h"

#include <stdlib.h>
#include <string.h>

#include "app/app_export.h"
#include "cli/cli_ctx.h"
#include "core/money.h"
#include "core/sanitize.h"
#include "core/timeutil.h"

void cli_print_begin(struct cli_printer *p, FILE *f, enum cli_format fmt) {
  p->f = f;
  p->fmt = fmt;
  p->started = false;
  p->rows = 0;
  p->empty = NULL;
}

static const char *status_text(const struct payment *pay) {
  return pay->status_raw ? pay->status_raw
                         : payment_status_name(pay->status);
}

static const char *type_text(const struct payment *pay) {
  return pay->type_raw ? pay->type_raw : payment_type_name(pay->type);
}

void cli_print_payment(struct cli_printer *p, const struct payment *pay) {
  char amount[MONEY_FMT_MAX], created[32];
  if (money_format(&pay->total, amount, sizeof amount) < 0)
    snprintf(amount, sizeof amount, "?");
  FILE *f = p->f;
  switch (p->fmt) {
  case CLI_FMT_JSON:
    fputs(p->started ? ",\n" : "[\n", f);
    cli_json_text(f, pay->raw_json);
    break;
  case CLI_FMT_CSV:
    if (!p->started)
      fprintf(f, "%s\n", app_export_csv_header);
    app_export_csv_row(f, pay);
    break;
  case CLI_FMT_TABLE: {
    if (!p->started)
      fprintf(f, "%-24s  %-16s  %-18s  %-15s  %18s %-4s  %s\n", "ID",
              "CREATED", "TYPE", "STATUS", "AMOUNT", "CUR", "CUSTOMER");
    time_format_short(pay->created_at, created, sizeof created);
    char *id = sanitize_text(pay->id), *ty = sanitize_text(type_text(pay));
    char *st = sanitize_text(status_text(pay));
    char *cu = sanitize_text(pay->customer_name ? pay->customer_name : "-");
    money_format_grouped(&pay->total, amount, sizeof amount);
    fprintf(f, "%-24s  %-16s  %-18s  %-15s  %18s %-4s  %s\n", id, created, ty,
            st, amount, pay->total.currency, cu);
    free(id);
    free(ty);
    free(st);
    free(cu);
    break;
  }
  }
  p->started = true;
  p->rows++;
}

void cli_print_end(struct cli_printer *p) {
  if (p->fmt == CLI_FMT_JSON)
    fputs(p->started ? "\n]\n" : "[]\n", p->f);
  else if (p->fmt == CLI_FMT_TABLE && !p->started)
    fprintf(p->f, "%s\n", p->empty ? p->empty : "no payments match");
  else if (p->fmt == CLI_FMT_CSV && !p->started)
    fprintf(p->f, "%s\n", app_export_csv_header);
}

static void field(FILE *f, const char *label, const char *value) {
  if (value == NULL || *value == '\0')
    return;
  char *clean = sanitize_text(value);
  fprintf(f, "  %-22s %s\n", label, clean);
  free(clean);
}

static void time_field(FILE *f, const char *label, int64_t ms) {
  if (ms == 0)
    return;
  char buf[32];
  time_format_iso8601(ms, buf, sizeof buf);
  field(f, label, buf);
}

void cli_print_payment_detail(FILE *f, const struct payment *pay) {
  char amount[MONEY_FMT_MAX + 8], purchase[MONEY_FMT_MAX + 8];
  char tmp[MONEY_FMT_MAX];
  money_format_grouped(&pay->total, tmp, sizeof tmp);
  snprintf(amount, sizeof amount, "%s %s", tmp, pay->total.currency);
  field(f, "id", pay->id);
  field(f, "status", status_text(pay));
  field(f, "type", type_text(pay));
  field(f, "amount", amount);
  if (pay->purchase.currency[0]) {
    money_format_grouped(&pay->purchase, tmp, sizeof tmp);
    snprintf(purchase, sizeof purchase, "%s %s", tmp, pay->purchase.currency);
    field(f, "purchase amount", purchase);
  }
  field(f, "product", pay->product);
  field(f, "external id", pay->external_id);
  field(f, "description", pay->description);
  field(f, "identity", pay->identity_id);
  field(f, "account", pay->account_number);
  field(f, "customer", pay->customer_name);
  field(f, "customer email", pay->customer_email);
  field(f, "customer document", pay->customer_document);
  field(f, "customer id", pay->customer_id);
  field(f, "parent payment", pay->parent_payment_id);
  field(f, "related payment", pay->related_payment_id);
  field(f, "documentation status", pay->documentation_status);
  field(f, "review reason", pay->review_reason);
  time_field(f, "created", pay->created_at);
  time_field(f, "authorized", pay->authorized_at);
  time_field(f, "captured", pay->captured_at);
  time_field(f, "settled", pay->settled_at);
  time_field(f, "refunded", pay->refunded_at);
  time_field(f, "expires", pay->expires_at);
  time_field(f, "updated", pay->updated_at);
}
