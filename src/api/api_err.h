/*
 * api_err - the API layer's one error enum and the error record every call
 * fills: HTTP status, the API's `code`, `type`, `detail` and `traceId`.
 */
#ifndef DESK_API_API_ERR_H
#define DESK_API_API_ERR_H

#include <stddef.h>

enum api_err {
  API_OK = 0,
  API_ERR_CONFIG,          /* bad base URL, plain http to a non-loopback host */
  API_ERR_NETWORK,         /* could not connect / connection dropped (GET) */
  API_ERR_TIMEOUT,         /* timed out (GET) */
  API_ERR_UNKNOWN_OUTCOME, /* a POST whose result we could not read */
  API_ERR_AUTH,            /* 401 after re-authenticating */
  API_ERR_NOT_FOUND,       /* 404 */
  API_ERR_REJECTED,        /* 400/409/413/422: the API refused the request */
  API_ERR_RATE_LIMITED,    /* 429 after retries */
  API_ERR_SERVER,          /* 5xx after retries */
  API_ERR_PARSE,           /* non-JSON, wrong shape, bad amount string */
  API_ERR_TOO_LARGE,       /* response over the size cap */
  API_ERR_REDIRECT,        /* redirect to another host or scheme */
  API_ERR_IO,              /* local file problem (uploads) */
  API_ERR_FORBIDDEN,       /* 403: authenticated, but not allowed */
  API_ERR_UNSUPPORTED,     /* 501, or 404 on an action endpoint of an
                              existing payment: not offered by this server */
};


struct api_error {
  enum api_err code;
  long http_status;  /* 0 when no response */
  char api_code[8];  /* "21" */
  char type[40];     /* "failedPrecondition" */
  char detail[256];  /* sanitised human text */
  char trace_id[64]; /* from the body or X-Trace-Id */
};

/* A POST answered 2xx whose body is not the expected result is
 * API_ERR_UNKNOWN_OUTCOME with http_status 2xx: the server did something,
 * so the caller must find out what rather than call it a failure. */
int api_error_is_2xx(const struct api_error *e);
/* Turns an unreadable 2xx answer to a POST (rc API_ERR_PARSE with a 2xx
 * status) into API_ERR_UNKNOWN_OUTCOME; other codes pass through. */
enum api_err api_error_post_answer(enum api_err rc, struct api_error *e);

/* Static text for the enum; never NULL. */
const char *api_strerror(enum api_err e);
/* One line: "rejected by API (422 failedPrecondition): <detail>
 * [trace 1234-...]". Returns the length written (truncated to len-1). */
int api_error_format(const struct api_error *e, char *buf, size_t len);
void api_error_clear(struct api_error *e);

/* Sets e->code and e->detail (printf-style, sanitised, truncated on a UTF-8
 * boundary); the other fields are left as they are. fmt may be NULL (empty
 * detail). e may be NULL (no-op). */
void api_error_set(struct api_error *e, enum api_err code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Copies untrusted text into one of the fixed fields (sanitised, truncated
 * on a UTF-8 boundary). raw NULL gives "". */
void api_error_copy_field(char *dst, size_t dstlen, const char *raw);

#endif
