/*
 * http - the libcurl easy wrapper of the API layer (internal to src/api).
 *
 * One struct http owns one curl easy handle, reused from request to request
 * so that connections are kept alive. Every request gets connect, total and
 * low-speed timeouts, a response body capped at `max_response` bytes (the
 * write callback refuses past the cap: API_ERR_TOO_LARGE), https only (plain
 * http only when the host is a loopback address), no redirects (a 3xx is
 * API_ERR_REDIRECT with the Location in the detail), TLS 1.2 or newer, no
 * signals. POSTs always use a fresh connection so that libcurl never resends
 * one on a dead kept-alive connection by itself.
 *
 * http_perform() does one attempt and never retries: retry policy, auth and
 * JSON belong to api_call.c. Not thread-safe: one struct http per thread.
 */
#ifndef DESK_API_HTTP_H
#define DESK_API_HTTP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "api/api_err.h"
#include "core/strbuf.h"

struct http;

struct http_opts {
  long connect_timeout_ms; /* 0 = 5000 */
  long total_timeout_ms;   /* 0 = 30000 */
  long low_speed_time_s;   /* abort when under 1 byte/s this long; 0 = 15 */
  size_t max_response;     /* 0 = 16 MiB */
};

enum http_method { HTTP_GET = 0, HTTP_POST, HTTP_PATCH };

/* One part of a multipart/form-data body: either `value` (text) or
 * `file_path` (a local file streamed from disk). */
struct http_part {
  const char *name;
  const char *value;
  const char *file_path;
  const char *filename;     /* file parts: name sent; NULL = basename */
  const char *content_type; /* NULL = libcurl's default */
};

/* Upload progress: bytes sent so far and in all (0 when unknown). Return
 * non-zero to abort the transfer. */
typedef int (*http_progress_fn)(void *ud, int64_t sent, int64_t total);

struct http_request {
  enum http_method method;
  const char *url;
  const char *const *headers; /* "Name: value" lines, NULL-terminated;
                                 may be NULL */
  const char *body;           /* request body (POST/PATCH); NULL = none */
  size_t body_len;
  const struct http_part *parts; /* multipart body instead of `body` */
  size_t nparts;
  long total_timeout_ms; /* 0 = the handle's default; -1 = none
                            (uploads: low-speed limit only) */
  http_progress_fn progress;
  void *progress_ud;
};

struct http_response {
  long status;        /* 0 when no response */
  struct strbuf body; /* capped at the handle's max_response */
  char trace_id[64];  /* X-Trace-Id header, sanitised */
  long retry_after_s; /* Retry-After in seconds, -1 = none */
  char location[512]; /* Location header of a 3xx */
  char content_type[96];
  bool sent; /* request bytes left this machine */
};

enum api_err http_new(const struct http_opts *opts, struct http **out);
void http_free(struct http **hp);

void http_response_init(struct http_response *r);
void http_response_cleanup(struct http_response *r);

/* True for "localhost", 127.0.0.0/8 and ::1 (bracketed or not). */
bool http_host_is_loopback(const char *host);

/* Checks a URL: parseable, scheme https (or http with a loopback host), a
 * host, no user:password. API_OK or API_ERR_CONFIG with a detail. */
enum api_err http_check_url(const char *url, struct api_error *err);

/* Performs one request. Returns API_OK when a 2xx response was read in
 * full; otherwise the error (transport, cap, or the HTTP status mapped with
 * http_status_error, the error body parsed into *err). err->http_status and
 * err->trace_id are set whenever a response arrived. A POST/PATCH that fails
 * after its bytes were sent returns API_ERR_UNKNOWN_OUTCOME. */
enum api_err http_perform(struct http *h, const struct http_request *rq,
                          struct http_response *rs, struct api_error *err);

/* HTTP status -> enum api_err (2xx -> API_OK). */
enum api_err http_status_error(long status);

/* Fills err's api_code/type/detail/trace_id from an error body: the
 * contract's {status,code,type,detail,traceId}, the OpenAPI
 * {statusCode,error,message}, {"error":{type,info},"message"}, or a non-JSON
 * body (its first line becomes the detail). Fields the body does not give
 * are left as they are. */
void http_parse_error_body(const char *body, size_t len, struct api_error *err);

/* Percent-encodes s (everything but RFC 3986 unreserved characters) into
 * sb. Returns 0 or -1 when sb's cap was hit. */
int http_url_encode(struct strbuf *sb, const char *s);

#endif
