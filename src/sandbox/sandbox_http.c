/*
 * sandbox_http - request/response helpers and the error catalog; see
 * sandbox_http.h.
 */
#include "sandbox/sandbox_http.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"

struct err_row {
  unsigned status;
  const char *code;
  const char *type;
};

static const struct err_row err_table[] = {
    [SANDBOX_HTTP_SERVER_ERROR] = {500, "01", "serverError"},
    [SANDBOX_HTTP_INVALID_PARAM] = {400, "11", "invalidParam"},
    [SANDBOX_HTTP_MISSING_PARAM] = {400, "12", "missingParam"},
    [SANDBOX_HTTP_ALREADY_EXIST] = {409, "13", "alreadyExist"},
    [SANDBOX_HTTP_PARSING] = {400, "14", "parsingResource"},
    [SANDBOX_HTTP_PRECONDITION] = {422, "21", "failedPrecondition"},
    [SANDBOX_HTTP_NOT_FOUND] = {404, "31", "notFound"},
    [SANDBOX_HTTP_TOO_MANY] = {429, "32", "tooManyRequests"},
    [SANDBOX_HTTP_UNAUTHORIZED] = {401, "41", "unauthorized"},
    [SANDBOX_HTTP_UNIMPLEMENTED] = {501, "42", "unimplemented"},
    [SANDBOX_HTTP_FORBIDDEN] = {403, "43", "forbiddenOperation"},
    [SANDBOX_HTTP_TOO_LARGE] = {413, "11", "invalidParam"},
    [SANDBOX_HTTP_METHOD] = {405, "42", "unimplemented"},
    [SANDBOX_HTTP_UNAVAILABLE] = {503, "01", "serverError"},
    [SANDBOX_HTTP_URI_TOO_LONG] = {414, "11", "invalidParam"},
    [SANDBOX_HTTP_HEADERS_LARGE] = {431, "11", "invalidParam"},
};

const char *sandbox_http_query(const struct sandbox_req *rq, const char *key) {
  return rq->query ? rq->query(rq->ctx, key) : NULL;
}

const char *sandbox_http_header(const struct sandbox_req *rq, const char *key) {
  return rq->header ? rq->header(rq->ctx, key) : NULL;
}

void sandbox_http_resp_init(struct sandbox_resp *rs) {
  memset(rs, 0, sizeof(*rs));
  strbuf_init(&rs->body, 0);
}

void sandbox_http_resp_cleanup(struct sandbox_resp *rs) {
  strbuf_cleanup(&rs->body);
  free(rs->bin);
  rs->bin = NULL;
}

void sandbox_http_error(struct sandbox_resp *rs, const struct sandbox_req *rq,
                        enum sandbox_http_err err, const char *fmt, ...) {
  char detail[512];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(detail, sizeof(detail), fmt, ap);
  va_end(ap);

  const struct err_row *row = &err_table[err];
  cJSON *o = cJSON_CreateObject();
  cJSON_AddNumberToObject(o, "status", row->status);
  cJSON_AddStringToObject(o, "code", row->code);
  cJSON_AddStringToObject(o, "type", row->type);
  cJSON_AddStringToObject(o, "detail", detail);
  cJSON_AddStringToObject(o, "traceId", rq ? rq->trace_id : "");
  sandbox_http_json(rs, row->status, o);
  cJSON_Delete(o);
  rs->is_error = true;
}

void sandbox_http_json(struct sandbox_resp *rs, unsigned status,
                       const cJSON *json) {
  char *s = cJSON_PrintUnformatted(json);
  sandbox_http_raw(rs, status, s ? s : "null");
  cJSON_free(s);
}

void sandbox_http_raw(struct sandbox_resp *rs, unsigned status,
                      const char *json) {
  strbuf_reset(&rs->body);
  strbuf_puts(&rs->body, json);
  rs->status = status;
  rs->content_type = NULL;
  rs->is_error = status >= 400;
}

cJSON *sandbox_http_body_object(const struct sandbox_req *rq,
                                struct sandbox_resp *rs, bool empty_ok) {
  size_t i = 0;
  while (i < rq->body_len && (rq->body[i] == ' ' || rq->body[i] == '\n' ||
                              rq->body[i] == '\r' || rq->body[i] == '\t'))
    i++;
  if (i == rq->body_len) {
    if (empty_ok)
      return cJSON_CreateObject();
    sandbox_http_error(rs, rq, SANDBOX_HTTP_MISSING_PARAM,
                       "a JSON object body is required");
    return NULL;
  }
  const char *end = NULL;
  /* The body is NUL-terminated; the length includes the terminator so that
   * cJSON can check that nothing follows the value. */
  cJSON *o = cJSON_ParseWithLengthOpts(rq->body, rq->body_len + 1, &end, 1);
  if (o == NULL) {
    sandbox_http_error(rs, rq, SANDBOX_HTTP_PARSING,
                       "request body is not valid JSON");
    return NULL;
  }
  if (!cJSON_IsObject(o)) {
    cJSON_Delete(o);
    sandbox_http_error(rs, rq, SANDBOX_HTTP_INVALID_PARAM,
                       "request body must be a JSON object");
    return NULL;
  }
  return o;
}

bool sandbox_http_known_fields(const cJSON *obj, const char *const *allowed,
                               const struct sandbox_req *rq,
                               struct sandbox_resp *rs) {
  const cJSON *it;
  cJSON_ArrayForEach(it, obj) {
    bool ok = false;
    for (size_t i = 0; allowed[i]; i++) {
      if (it->string && strcmp(it->string, allowed[i]) == 0) {
        ok = true;
        break;
      }
    }
    if (!ok) {
      sandbox_http_error(rs, rq, SANDBOX_HTTP_INVALID_PARAM,
                         "unknown field '%.64s'", it->string ? it->string : "");
      return false;
    }
  }
  return true;
}

bool sandbox_http_opt_string(const cJSON *obj, const char *key,
                             const char **out, const struct sandbox_req *rq,
                             struct sandbox_resp *rs) {
  const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
  *out = NULL;
  if (v == NULL || cJSON_IsNull(v))
    return true;
  if (!cJSON_IsString(v)) {
    sandbox_http_error(rs, rq, SANDBOX_HTTP_INVALID_PARAM,
                       "%s must be a string", key);
    return false;
  }
  *out = v->valuestring;
  return true;
}

bool sandbox_http_req_string(const cJSON *obj, const char *key,
                             const char **out, const struct sandbox_req *rq,
                             struct sandbox_resp *rs) {
  if (!sandbox_http_opt_string(obj, key, out, rq, rs))
    return false;
  if (*out == NULL || (*out)[0] == '\0') {
    sandbox_http_error(rs, rq, SANDBOX_HTTP_MISSING_PARAM, "%s is required",
                       key);
    return false;
  }
  return true;
}

bool sandbox_http_query_int(const struct sandbox_req *rq,
                            struct sandbox_resp *rs, const char *key,
                            long long def, long long min, long long max,
                            long long *out) {
  const char *v = sandbox_http_query(rq, key);
  if (v == NULL || v[0] == '\0') {
    *out = def;
    return true;
  }
  char *end = NULL;
  errno = 0;
  long long n = strtoll(v, &end, 10);
  if (errno != 0 || end == v || *end != '\0' || v[0] == '+' || v[0] == ' ' ||
      n < min || n > max) {
    sandbox_http_error(rs, rq, SANDBOX_HTTP_INVALID_PARAM,
                       "%s must be an integer between %lld and %lld", key, min,
                       max);
    return false;
  }
  *out = n;
  return true;
}
