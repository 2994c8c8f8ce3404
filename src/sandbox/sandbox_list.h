/*
 * sandbox_list - the list envelope over stored documents of any table
 * (customers, identities, accounts): equality filters from query
 * parameters, newest first, limit (default 50, max 500) and offset.
 */
#ifndef SANDBOX_LIST_H
#define SANDBOX_LIST_H

#include "sandbox/sandbox_http.h"

struct sandbox;

struct sandbox_list_filter {
  const char *param;  /* query parameter */
  const char *column; /* column it compares with (fixed text) */
};

/* `table` and the filter columns are fixed identifiers, never input.
 * `filters` ends with a {NULL, NULL} row. */
void sandbox_list_docs(struct sandbox *sb, const struct sandbox_req *rq,
                       struct sandbox_resp *rs, const char *table,
                       const struct sandbox_list_filter *filters);

#endif
