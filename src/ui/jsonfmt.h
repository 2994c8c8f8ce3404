/*
 * jsonfmt - display-only JSON helpers for the detail and raw views.
 *
 * The UI may not link cJSON, and it only needs two read-only renderings of
 * a cached object's raw JSON: an indented listing (raw view) and a flat
 * list of path/value pairs (the "all fields" part of the detail view). A
 * small recursive-descent reader (depth-limited) does both. Every output
 * string is sanitised; string values are unescaped first (so "\u001b"
 * becomes ESC and is then shown as "^["). Invalid JSON is shown as its
 * sanitised text, never trusted.
 */
#ifndef DESK_UI_JSONFMT_H
#define DESK_UI_JSONFMT_H

#include <stddef.h>

struct jsonfmt_pair {
  char *path;  /* "origin.documentNumber", "fees[0].amount" */
  char *value; /* decoded and sanitised; literals as written */
};

/* Indented lines (caller frees with jsonfmt_free_lines). */
size_t jsonfmt_pretty(const char *json, char ***lines);
void jsonfmt_free_lines(char **lines, size_t n);
/* Leaf values with their paths (caller frees with jsonfmt_free_pairs).
 * Returns the number of pairs; 0 for invalid JSON. */
size_t jsonfmt_flatten(const char *json, struct jsonfmt_pair **pairs);
void jsonfmt_free_pairs(struct jsonfmt_pair *pairs, size_t n);

#endif
