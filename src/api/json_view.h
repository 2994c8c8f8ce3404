/*
 * json_view - cJSON renderings of a cached object's raw JSON for display:
 * indented lines (the raw view) and leaf path/value pairs (the detail
 * view's "all fields"). Every output string is sanitised; string values are
 * decoded first, so "\u001b" becomes ESC and is then shown as "^[". Text
 * that is not JSON is shown as its sanitised lines, never trusted.
 */
#ifndef DESK_API_JSON_VIEW_H
#define DESK_API_JSON_VIEW_H

#include <stddef.h>

#include "core/json_field.h"

/* Indented lines (free with text_lines_free). Never fails: text that is
 * not JSON comes back as its own lines. */
size_t json_view_pretty(const char *json, char ***lines);
/* Leaves with their paths (free with json_fields_free); 0 when json is
 * not JSON. Empty objects and arrays are leaves ("{}", "[]"). */
size_t json_view_flatten(const char *json, struct json_field **fields);

/* s as a JSON string literal ("..." with cJSON's escapes). Heap string;
 * free with free(). */
char *json_view_quote(const char *s);
/* A flat JSON object of strings, {"key":"value",...}, printed by cJSON (a
 * request body, or its preview). A NULL value leaves its key out. Heap
 * string; the caller frees it with free(). */
char *json_view_object(const char *const *keys, const char *const *values,
                       size_t n);

#endif
