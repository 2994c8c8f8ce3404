/*
 * json_field - freeing the renderings. See json_field.h.
 */
#include "core/json_field.h"

#include <stdlib.h>

void json_fields_free(struct json_field *fields, size_t n) {
  if (fields == NULL)
    return;
  for (size_t i = 0; i < n; i++) {
    free(fields[i].path);
    free(fields[i].value);
  }
  free(fields);
}

void text_lines_free(char **lines, size_t n) {
  if (lines == NULL)
    return;
  for (size_t i = 0; i < n; i++)
    free(lines[i]);
  free(lines);
}
