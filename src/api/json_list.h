/*
 * json_list - finds the items and the pagination of a list response, across
 * every documented envelope (internal to src/api). See struct api_page.
 */
#ifndef DESK_API_JSON_LIST_H
#define DESK_API_JSON_LIST_H

#include <stdint.h>

#include "api/api_client.h"

struct cJSON;

/* *items = the array of objects (borrowed from root). req_limit and
 * req_offset are what was asked, used when the server does not say.
 * API_ERR_PARSE when no array can be found. */
enum api_err json_list_parse(const struct cJSON *root, int64_t req_limit,
                             int64_t req_offset, const struct cJSON **items,
                             struct api_page *page, struct api_error *err);

#endif
