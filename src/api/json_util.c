/*
 * json_util - tolerant cJSON field readers; exact amounts via
 * money_parse_lenient.
 */
#include "api/json_util.h"

#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "core/timeutil.h"
#include "core/xalloc.h"

const char *json_util_str(const cJSON *obj, const char *key) {
  const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
  if (cJSON_IsString(v) && v->valuestring)
    return v->valuestring;
  return NULL;
}

char *json_util_strdup(const cJSON *obj, const char *key) {
  return xstrdup(json_util_str(obj, key));
}

int64_t json_util_time(const cJSON *obj, const char *key) {
  const char *s = json_util_str(obj, key);
  int64_t ms = 0;
  if (s == NULL || time_parse_iso8601(s, &ms) != CORE_OK)
    return 0;
  return ms;
}

bool json_util_int64(const cJSON *v, int64_t *out) {
  if (cJSON_IsNumber(v)) {
    double d = v->valuedouble;
    /* counts and offsets only, never money */
    if (!isfinite(d) || d != floor(d) || d < -9.0e15 || d > 9.0e15)
      return false;
    *out = (int64_t)d;
    return true;
  }
  if (cJSON_IsString(v) && v->valuestring && v->valuestring[0]) {
    const char *s = v->valuestring;
    char *end = NULL;
    long long n;
    if (!(s[0] == '-' || (s[0] >= '0' && s[0] <= '9')))
      return false;
    errno = 0;
    n = strtoll(s, &end, 10);
    if (errno != 0 || end == s || *end != '\0')
      return false;
    *out = (int64_t)n;
    return true;
  }
  return false;
}

bool json_util_bool(const cJSON *obj, const char *key, bool dflt) {
  const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
  if (cJSON_IsBool(v))
    return cJSON_IsTrue(v);
  if (cJSON_IsString(v) && v->valuestring) {
    if (strcmp(v->valuestring, "true") == 0)
      return true;
    if (strcmp(v->valuestring, "false") == 0)
      return false;
  }
  return dflt;
}

static void set_currency(struct money *m, const char *currency) {
  size_t n = currency ? strlen(currency) : 0;
  memset(m->currency, 0, sizeof(m->currency));
  if (n < sizeof(m->currency) && n > 0)
    memcpy(m->currency, currency, n);
}

enum api_err json_util_money(const cJSON *obj, const char *amount_key,
                             const char *currency, const char *what,
                             const char *id, struct money *out, bool *present,
                             struct api_error *err) {
  const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, amount_key);
  enum core_err ce;

  *present = false;
  out->minor = 0;
  set_currency(out, currency);
  if (id == NULL)
    id = "(no id)";
  if (v == NULL || cJSON_IsNull(v))
    return API_OK;
  if (!cJSON_IsString(v) || v->valuestring == NULL) {
    api_error_set(err, API_ERR_PARSE,
                  "%s %s: %s is a JSON %s, not a decimal string", what, id,
                  amount_key, cJSON_IsNumber(v) ? "number" : "non-string");
    return API_ERR_PARSE;
  }
  if (currency == NULL || currency[0] == '\0') {
    api_error_set(err, API_ERR_PARSE, "%s %s: %s \"%.40s\" has no currency",
                  what, id, amount_key, v->valuestring);
    return API_ERR_PARSE;
  }
  ce = money_parse_lenient(v->valuestring, currency, out);
  if (ce != CORE_OK) {
    const char *why;
    switch (ce) {
    case CORE_ERR_PRECISION:
      why = "is not exact (non-zero decimals past the exponent) in";
      break;
    case CORE_ERR_CURRENCY:
      why = "is not in a usable currency code:";
      break;
    case CORE_ERR_OVERFLOW:
      why = "is out of range for";
      break;
    default:
      why = "is not a decimal amount in";
      break;
    }
    api_error_set(err, API_ERR_PARSE, "%s %s: %s \"%.40s\" %s %.7s", what, id,
                  amount_key, v->valuestring, why, currency);
    out->minor = 0;
    set_currency(out, currency);
    return API_ERR_PARSE;
  }
  *present = true;
  return API_OK;
}

char *json_util_print(const cJSON *obj) {
  /* Most objects fit the stack buffer: one print, one copy, no realloc
   * growth. cJSON wants 5 spare bytes when printing preallocated. */
  char stackbuf[16384];
  char *p, *s;
  if (cJSON_PrintPreallocated((cJSON *)(uintptr_t)obj, stackbuf,
                              (int)sizeof(stackbuf) - 5, 0))
    return xstrdup(stackbuf);
  p = cJSON_PrintUnformatted(obj);
  if (p == NULL)
    fatal("out of memory");
  s = xstrdup(p);
  cJSON_free(p);
  return s;
}
