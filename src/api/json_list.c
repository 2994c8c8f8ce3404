/*
 * json_list - list envelopes -> items + struct api_page.
 */
#include "api/json_list.h"

#include <stdbool.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "api/json_util.h"

static const char *const item_keys[] = {
    "results", "data",       "items",    "payments",  "customers",
    "refunds", "identities", "accounts", "documents", NULL};

static bool get_num(const cJSON *pag, const cJSON *root, const char *key,
                    int64_t *out) {
  if (pag && json_util_int64(cJSON_GetObjectItemCaseSensitive(pag, key), out))
    return true;
  return json_util_int64(cJSON_GetObjectItemCaseSensitive(root, key), out);
}

/* The array of items and the pagination object of a list answer, in any
 * of the envelopes the docs show: a bare array; {results|data|...:[...],
 * pagination|meta:{...}}; or GET /accounts' nested
 * {"pagination":{"pagination":{count,next,previous,total},"results":[...]}}. */
static void find_envelope(const cJSON *root, const cJSON **arr,
                          const cJSON **pag) {
  *arr = *pag = NULL;
  if (cJSON_IsArray(root)) {
    *arr = root;
    return;
  }
  if (!cJSON_IsObject(root))
    return;
  for (size_t i = 0; item_keys[i] && *arr == NULL; i++) {
    const cJSON *a = cJSON_GetObjectItemCaseSensitive(root, item_keys[i]);
    if (cJSON_IsArray(a))
      *arr = a;
  }
  const cJSON *p = cJSON_GetObjectItemCaseSensitive(root, "pagination");
  if (!cJSON_IsObject(p))
    p = cJSON_GetObjectItemCaseSensitive(root, "meta");
  if (!cJSON_IsObject(p))
    return;
  const cJSON *inner = cJSON_GetObjectItemCaseSensitive(p, "pagination");
  const cJSON *nested = cJSON_GetObjectItemCaseSensitive(p, "results");
  if (*arr == NULL && cJSON_IsArray(nested))
    *arr = nested;
  *pag = cJSON_IsObject(inner) ? inner : p;
}

/* Where the next page starts: the server's `next` (an offset, null, or a
 * cursor) when it gives one, else the total or a full page; never an
 * offset at or before this page's. */
static void next_page(const cJSON *pag, int64_t count, struct api_page *page) {
  const cJSON *next =
      pag ? cJSON_GetObjectItemCaseSensitive(pag, "next") : NULL;
  bool next_known = false;
  int64_t v;
  if (cJSON_IsNull(next)) {
    next_known = true;
    page->next_null = true;
    page->has_next = false;
  } else if (json_util_int64(next, &v)) {
    next_known = true;
    page->next_given = true;
    page->next_raw = v;
    page->has_next = v > page->offset;
    page->next_offset = v;
  } else if (cJSON_IsString(next) && next->valuestring &&
             next->valuestring[0] &&
             strlen(next->valuestring) < sizeof(page->next_cursor)) {
    /* a cursor (GET /identities): the caller pages with ?next= */
    memcpy(page->next_cursor, next->valuestring, strlen(next->valuestring) + 1);
  }
  if (!next_known) {
    if (page->total >= 0)
      page->has_next = page->offset + count < page->total;
    else
      page->has_next = count > 0 && count >= page->limit;
    page->next_offset = page->offset + count;
  }
  if (page->has_next && page->next_offset <= page->offset) {
    /* never loop on a server that points back at the same page */
    page->next_offset = page->offset + count;
    page->has_next = count > 0;
  }
  if (count == 0)
    page->has_next = false; /* an empty page ends the walk, always */
  if (!page->has_next)
    page->next_offset = 0;
}

enum api_err json_list_parse(const cJSON *root, int64_t req_limit,
                             int64_t req_offset, const cJSON **items,
                             struct api_page *page, struct api_error *err) {
  const cJSON *arr, *pag;
  int64_t v, count;

  *items = NULL;
  memset(page, 0, sizeof(*page));
  find_envelope(root, &arr, &pag);
  if (arr == NULL) {
    api_error_set(err, API_ERR_PARSE, "list response has no array of results");
    return API_ERR_PARSE;
  }
  count = (int64_t)cJSON_GetArraySize(arr);
  page->count = count;
  page->limit = req_limit;
  page->offset = req_offset;
  page->total = -1;
  if (get_num(pag, root, "limit", &v) && v > 0)
    page->limit = v;
  if (get_num(pag, root, "offset", &v) && v >= 0)
    page->offset = v;
  if (get_num(pag, root, "total", &v) && v >= 0)
    page->total = v;
  next_page(pag, count, page);
  *items = arr;
  return API_OK;
}
