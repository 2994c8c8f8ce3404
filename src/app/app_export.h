/*
 * app_export - the one writer of exported payment (and customer) lists, used by the
 * desk's :export and by `conomy-desk export`. It streams the whole list
 * (every row the query matches, read in keyset windows, never what a pane
 * happens to hold) as CSV or JSON.
 *
 * CSV: a header line, then one line per payment; every field is
 * sanitised (no escape sequence or bidi control reaches a spreadsheet or
 * a terminal) and quoted; times are ISO 8601 UTC; amounts exact decimals
 * in major units. JSON: an array of the API's own objects as cached, with
 * C1 and bidi controls written as \uXXXX escapes (the same data for a
 * JSON reader, harmless on a terminal).
 */
#ifndef DESK_APP_APP_EXPORT_H
#define DESK_APP_APP_EXPORT_H

#include <stdint.h>
#include <stdio.h>

#include "app/app.h"

enum app_export_format { APP_EXPORT_CSV = 0, APP_EXPORT_JSON };

/* The CSV header line (without the newline). */
extern const char app_export_csv_header[];

/* Writes every row of q to f; *rows receives how many (also on error:
 * those written). limit > 0 stops after that many rows. */
enum app_err app_export(struct app *a, const struct app_query *q,
                        enum app_export_format fmt, int64_t limit, FILE *f,
                        int64_t *rows, struct app_error *err);

/* Every customer matching text (NULL = all; as the Customers pane),
 * newest first, streamed the same way: CSV (app_export_customers_csv_header,
 * one sanitised line each) or a JSON array of the cached API objects. */
extern const char app_export_customers_csv_header[];
enum app_err app_export_customers(struct app *a, const char *text,
                                  enum app_export_format fmt, FILE *f,
                                  int64_t *rows, struct app_error *err);

/* One payment as a CSV line (with its newline). */
void app_export_csv_row(FILE *f, const struct payment *p);
/* JSON text as stored, hidden characters escaped; NULL = null. */
void app_export_json_text(FILE *f, const char *json);

#endif
