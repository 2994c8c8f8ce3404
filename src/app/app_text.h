/*
 * app_text - what the UI shows of a raw API object or a local file, computed
 * by the layer that owns the parser and the digest (api), handed up here so
 * the UI needs neither cJSON nor OpenSSL.
 */
#ifndef DESK_APP_APP_TEXT_H
#define DESK_APP_APP_TEXT_H

#include <stddef.h>
#include <stdint.h>

#include "core/json_field.h"

/* Indented, sanitised lines of a raw JSON object (text that is not JSON is
 * shown as its own lines). Free with text_lines_free. */
size_t app_json_lines(const char *json, char ***lines);
/* Sanitised leaf paths and values; 0 when json is not JSON. Free with
 * json_fields_free. */
size_t app_json_fields(const char *json, struct json_field **fields);

/* s as a JSON string literal (heap, free with free()): the CLI's --json
 * output is printed by the same JSON library that reads the API. */
char *app_json_quote(const char *s);

enum app_file_check {
  APP_FILE_OK,
  APP_FILE_UNREADABLE, /* missing, not a regular file, or a read error */
  APP_FILE_TOO_LARGE,  /* over the upload limit (app_upload_max_bytes) */
};
/* Size and SHA-256 (64 hex digits) of a file to upload. Reads the file:
 * call it off the UI thread for large files. */
enum app_file_check app_file_digest(const char *path, char hex[65],
                                    int64_t *size);
int64_t app_upload_max_bytes(void);

#endif
