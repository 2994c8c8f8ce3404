/*
 * json_field - display-ready renderings of a JSON document: a flat list of
 * leaf paths and values, and indented lines. The api layer produces them
 * (it owns the JSON parser); the app hands them to the UI. Every string in
 * them is already sanitised for a terminal.
 */
#ifndef DESK_CORE_JSON_FIELD_H
#define DESK_CORE_JSON_FIELD_H

#include <stddef.h>

struct json_field {
  char *path;  /* "origin.documentNumber", "fees[0].amount" */
  char *value; /* decoded and sanitised; numbers and literals as JSON text */
};

void json_fields_free(struct json_field *fields, size_t n);
void text_lines_free(char **lines, size_t n);

#endif
