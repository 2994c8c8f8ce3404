/*
 * json_util - small, tolerant readers over cJSON trees (internal to
 * src/api; callers include <cjson/cJSON.h> themselves).
 *
 * Wrong types are never a crash: a string field that holds something else
 * reads as absent. Amounts are the exception: they must be JSON strings and
 * are parsed exactly with money_parse (a number is API_ERR_PARSE).
 */
#ifndef DESK_API_JSON_UTIL_H
#define DESK_API_JSON_UTIL_H

#include <stdbool.h>
#include <stdint.h>

#include "api/api_err.h"
#include "core/money.h"

struct cJSON;

/* The string value of obj[key] as a new heap string, or NULL when absent,
 * null or not a string. */
char *json_util_strdup(const struct cJSON *obj, const char *key);
/* Borrowed string value of obj[key], or NULL. */
const char *json_util_str(const struct cJSON *obj, const char *key);
/* obj[key] as an ISO 8601 time in ms; 0 when absent, null or malformed. */
int64_t json_util_time(const struct cJSON *obj, const char *key);
/* true when v is an integral JSON number or a string of digits (optional
 * '-') that fits int64; *out set then. */
bool json_util_int64(const struct cJSON *v, int64_t *out);
/* obj[key] as a boolean (true/false, or "true"/"false"); dflt otherwise. */
bool json_util_bool(const struct cJSON *obj, const char *key, bool dflt);

/*
 * Reads the amount obj[amount_key] in `currency`. Absent or null: *out is
 * {0, currency or ""}, *present false, API_OK. A JSON string that parses:
 * *present true, API_OK. Anything else (a number, a malformed string, too
 * many decimals, an unknown or missing currency) is API_ERR_PARSE with a
 * detail "<what> <id>: <amount_key> ...". `what`/`id` name the object.
 */
enum api_err json_util_money(const struct cJSON *obj, const char *amount_key,
                             const char *currency, const char *what,
                             const char *id, struct money *out, bool *present,
                             struct api_error *err);

/* The object re-printed unformatted, as a heap string (xalloc). */
char *json_util_print(const struct cJSON *obj);

#endif
