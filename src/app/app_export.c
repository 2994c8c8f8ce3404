/*
 * app_export - see app_export.h.
 */
#include "app/app_export.h"

#include "app/app_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/money.h"
#include "core/sanitize.h"
#include "core/timeutil.h"

/* Rows read per window while exporting. */
#define EXPORT_WINDOW 1000

const char app_export_customers_csv_header[] =
    "id,created_at,first_name,last_name,email,document_type,document_number,"
    "country,operation_level,is_documented,documents,updated_at";

const char app_export_csv_header[] =
    "id,created_at,type,status,amount,currency,customer,external_id,"
    "parent_payment_id,documentation_status,updated_at,customer_id,"
    "account_number";

static void csv_field(FILE *f, const char *s, bool comma) {
  char *clean = sanitize_text(s ? s : "");
  if (comma)
    fputc(',', f);
  fputc('"', f);
  for (const char *q = clean; *q; q++) {
    if (*q == '"')
      fputc('"', f);
    fputc(*q, f);
  }
  fputc('"', f);
  free(clean);
}

static void csv_time(FILE *f, int64_t ms) {
  char t[40] = "";
  if (ms != 0 && time_format_iso8601(ms, t, sizeof t) < 0)
    t[0] = '\0';
  csv_field(f, t, true);
}

void app_export_csv_row(FILE *f, const struct payment *p) {
  char amount[MONEY_FMT_MAX];
  if (money_format(&p->total, amount, sizeof amount) < 0)
    amount[0] = '\0';
  csv_field(f, p->id, false);
  csv_time(f, p->created_at);
  csv_field(f, p->type_raw ? p->type_raw : payment_type_name(p->type), true);
  csv_field(f, p->status_raw ? p->status_raw : payment_status_name(p->status),
            true);
  csv_field(f, amount, true);
  csv_field(f, p->total.currency, true);
  csv_field(f, p->customer_name, true);
  csv_field(f, p->external_id, true);
  csv_field(f, p->parent_payment_id, true);
  csv_field(f, p->documentation_status, true);
  csv_time(f, p->updated_at);
  csv_field(f, p->customer_id, true);
  csv_field(f, p->account_number, true);
  fputc('\n', f);
}

void app_export_json_text(FILE *f, const char *json) {
  if (json == NULL) {
    fputs("null", f);
    return;
  }
  char *safe = sanitize_json_text(json);
  fputs(safe, f);
  free(safe);
}

enum app_err app_export(struct app *a, const struct app_query *q,
                        enum app_export_format fmt, int64_t limit, FILE *f,
                        int64_t *rows, struct app_error *err) {
  *rows = 0;
  fputs(fmt == APP_EXPORT_JSON ? "[" : app_export_csv_header, f);
  if (fmt == APP_EXPORT_CSV)
    fputc('\n', f);
  struct keyset_cursor cur = {0};
  enum app_err rc = APP_OK;
  for (;;) {
    size_t want = EXPORT_WINDOW;
    if (limit > 0 && (int64_t)want > limit - *rows)
      want = (size_t)(limit - *rows);
    if (want == 0)
      break;
    struct payment_list l = {0};
    rc = app_payments_window(a, q, &cur, false, false, want, &l, err);
    for (size_t i = 0; rc == APP_OK && i < l.count; i++) {
      if (fmt == APP_EXPORT_JSON) {
        fputs(*rows ? ",\n" : "\n", f);
        app_export_json_text(f, l.items[i].raw_json);
      } else {
        app_export_csv_row(f, &l.items[i]);
      }
      ++*rows;
    }
    bool more = rc == APP_OK && l.count == want &&
                app_query_cursor(q, &l.items[l.count - 1], &cur);
    payment_list_cleanup(&l);
    if (!more)
      break;
  }
  if (fmt == APP_EXPORT_JSON)
    fputs(*rows ? "\n]\n" : "]\n", f);
  if (rc == APP_OK && ferror(f)) {
    app_error_set(err, APP_ERR_DATA, "writing the export failed");
    rc = APP_ERR_DATA;
  }
  return rc;
}

static void customer_csv_row(FILE *f, const struct customer *c) {
  char n[24];
  csv_field(f, c->id, false);
  csv_time(f, c->created_at);
  csv_field(f, c->first_name, true);
  csv_field(f, c->last_name, true);
  csv_field(f, c->email, true);
  csv_field(f, c->document_type, true);
  csv_field(f, c->document_number, true);
  csv_field(f, c->country, true);
  csv_field(f, c->operation_level, true);
  csv_field(f, c->is_documented ? "yes" : "no", true);
  snprintf(n, sizeof n, "%zu", c->documents_count);
  csv_field(f, n, true);
  csv_time(f, c->updated_at);
  fputc('\n', f);
}

enum app_err app_export_customers(struct app *a, const char *text,
                                  enum app_export_format fmt, FILE *f,
                                  int64_t *rows, struct app_error *err) {
  *rows = 0;
  fputs(fmt == APP_EXPORT_JSON ? "[" : app_export_customers_csv_header, f);
  if (fmt == APP_EXPORT_CSV)
    fputc('\n', f);
  struct keyset_cursor cur = {0};
  enum app_err rc = APP_OK;
  for (bool more = true; more;) {
    struct customer_list l = {0};
    rc = app_customers_window(a, text, &cur, false, false, EXPORT_WINDOW, &l,
                              err);
    for (size_t i = 0; rc == APP_OK && i < l.count; i++) {
      if (fmt == APP_EXPORT_JSON) {
        fputs(*rows ? ",\n" : "\n", f);
        app_export_json_text(f, l.items[i].raw_json);
      } else {
        customer_csv_row(f, &l.items[i]);
      }
      ++*rows;
    }
    more = rc == APP_OK && l.count == EXPORT_WINDOW &&
           app_customer_cursor(&l.items[l.count - 1], &cur);
    customer_list_cleanup(&l);
  }
  if (fmt == APP_EXPORT_JSON)
    fputs(*rows ? "\n]\n" : "]\n", f);
  if (rc == APP_OK && ferror(f)) {
    app_error_set(err, APP_ERR_DATA, "writing the export failed");
    rc = APP_ERR_DATA;
  }
  return rc;
}
