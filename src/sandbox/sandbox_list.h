/*
 * sandbox_list - the list envelope over stored documents of any table
 * (customers, identities, accounts): equality filters from query
 * parameters, newest first, limit (default 50, max 500) and offset.
 * The envelope is the contract's {"results","pagination"} unless the
 * published dialect asks for the shape its OpenAPI shows for the table.
 */
#ifndef SANDBOX_LIST_H
#define SANDBOX_LIST_H

#include "sandbox/sandbox_http.h"

struct sandbox;

struct sandbox_list_filter {
  const char *param;  /* query parameter */
  const char *column; /* column it compares with (fixed text) */
};

enum sandbox_list_shape {
  SANDBOX_LIST_RESULTS, /* {"results":[...],"pagination":{...}} */
  SANDBOX_LIST_NESTED, /* {"pagination":{"pagination":{...},"results":[...]}} */
  SANDBOX_LIST_DATA,   /* {"data":[...],"pagination":{"pagination":{...},
                          "results":[]}} */
};

/* `table` and the filter columns are fixed identifiers, never input.
 * `filters` ends with a {NULL, NULL} row. */
void sandbox_list_docs(struct sandbox *sb, const struct sandbox_req *rq,
                       struct sandbox_resp *rs, const char *table,
                       const struct sandbox_list_filter *filters,
                       enum sandbox_list_shape shape);

#endif
