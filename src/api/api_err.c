/*
 * api_err - texts for enum api_err and the one-line error formatter.
 *
 * Everything stored in struct api_error is already sanitised (see
 * api_error_set and http.c), so api_error_format() can be printed to a
 * terminal as it is.
 */
#include "api/api_err.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/sanitize.h"
#include "core/strbuf.h"

const char *api_strerror(enum api_err e) {
  switch (e) {
  case API_OK:
    return "ok";
  case API_ERR_CONFIG:
    return "bad API configuration";
  case API_ERR_NETWORK:
    return "network error";
  case API_ERR_TIMEOUT:
    return "timed out";
  case API_ERR_UNKNOWN_OUTCOME:
    return "outcome unknown (the request may have been applied)";
  case API_ERR_AUTH:
    return "authentication failed";
  case API_ERR_NOT_FOUND:
    return "not found";
  case API_ERR_REJECTED:
    return "rejected by API";
  case API_ERR_RATE_LIMITED:
    return "rate limited by API";
  case API_ERR_SERVER:
    return "API server error";
  case API_ERR_PARSE:
    return "bad response from API";
  case API_ERR_TOO_LARGE:
    return "response too large";
  case API_ERR_REDIRECT:
    return "unexpected redirect";
  case API_ERR_IO:
    return "local file error";
  case API_ERR_FORBIDDEN:
    return "not allowed";
  case API_ERR_UNSUPPORTED:
    return "not offered by this server";
  }
  return "unknown API error";
}

int api_error_is_2xx(const struct api_error *e) {
  return e && e->http_status >= 200 && e->http_status <= 299;
}

enum api_err api_error_post_answer(enum api_err rc, struct api_error *e) {
  if (rc != API_ERR_PARSE || !api_error_is_2xx(e))
    return rc;
  char was[sizeof e->detail];
  snprintf(was, sizeof was, "%s", e->detail);
  api_error_set(e, API_ERR_UNKNOWN_OUTCOME,
                "HTTP %ld answer is not the expected result (%s); the "
                "server may have acted",
                e->http_status, was[0] ? was : "unreadable");
  return API_ERR_UNKNOWN_OUTCOME;
}

void api_error_clear(struct api_error *e) {
  if (e == NULL)
    return;
  memset(e, 0, sizeof(*e));
}

/* Length <= n of s that does not end inside a UTF-8 sequence. */
static size_t utf8_cut(const char *s, size_t n) {
  size_t i = n, need;
  unsigned char lead;
  while (i > 0 && ((unsigned char)s[i - 1] & 0xC0) == 0x80)
    i--;
  if (i == 0)
    return n;
  lead = (unsigned char)s[i - 1];
  if (lead >= 0xF0)
    need = 4;
  else if (lead >= 0xE0)
    need = 3;
  else if (lead >= 0xC0)
    need = 2;
  else
    return n;
  return (i - 1) + need > n ? i - 1 : n;
}

/* Copies at most dstlen-1 bytes, never cutting a UTF-8 sequence in two. */
static void copy_utf8(char *dst, size_t dstlen, const char *src) {
  size_t n = strlen(src);
  if (dstlen == 0)
    return;
  if (n >= dstlen)
    n = utf8_cut(src, dstlen - 1);
  memcpy(dst, src, n);
  dst[n] = '\0';
}

void api_error_copy_field(char *dst, size_t dstlen, const char *raw) {
  char *clean = sanitize_text(raw);
  copy_utf8(dst, dstlen, clean);
  free(clean);
}

void api_error_set(struct api_error *e, enum api_err code, const char *fmt,
                   ...) {
  char tmp[512];
  va_list ap;
  if (e == NULL)
    return;
  e->code = code;
  if (fmt == NULL) {
    e->detail[0] = '\0';
    return;
  }
  va_start(ap, fmt);
  vsnprintf(tmp, sizeof(tmp), fmt, ap);
  va_end(ap);
  api_error_copy_field(e->detail, sizeof(e->detail), tmp);
}

int api_error_format(const struct api_error *e, char *buf, size_t len) {
  struct strbuf sb;
  size_t n;

  if (buf == NULL || len == 0)
    return 0;
  buf[0] = '\0';
  if (e == NULL)
    return 0;
  strbuf_init(&sb, 0);
  strbuf_puts(&sb, api_strerror(e->code));
  if (e->http_status > 0 && e->type[0])
    strbuf_printf(&sb, " (%ld %s)", e->http_status, e->type);
  else if (e->http_status > 0)
    strbuf_printf(&sb, " (HTTP %ld)", e->http_status);
  else if (e->type[0])
    strbuf_printf(&sb, " (%s)", e->type);
  if (e->detail[0])
    strbuf_printf(&sb, ": %s", e->detail);
  if (e->trace_id[0])
    strbuf_printf(&sb, " [trace %s]", e->trace_id);
  copy_utf8(buf, len, strbuf_str(&sb));
  strbuf_cleanup(&sb);
  n = strlen(buf);
  return (int)n;
}
