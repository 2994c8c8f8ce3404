/*
 * sandbox_http - the request and response values every handler sees.
 *
 * The server (sandbox_server.c) fills a struct sandbox_req from
 * libmicrohttpd and sends the struct sandbox_resp a handler fills; handlers
 * never see libmicrohttpd. Errors use the contract's catalog (code, type,
 * HTTP status) and always carry the request's trace id.
 */
#ifndef SANDBOX_HTTP_H
#define SANDBOX_HTTP_H

#include <cjson/cJSON.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/strbuf.h"

#define SANDBOX_HTTP_MAX_SEGS 8

struct sandbox_req {
  const char *method;                /* "GET", "POST", ... */
  const char *path;                  /* after the /sandbox prefix */
  char *segs[SANDBOX_HTTP_MAX_SEGS]; /* decoded path segments */
  int nseg;
  const char *body; /* raw body, NUL-terminated */
  size_t body_len;
  int tenant;            /* -1 until authenticated */
  const char *client_id; /* tenant's clientId */
  char trace_id[40];
  const char *idem_key; /* Idempotency-Key or NULL */
  bool loopback_peer;
  /* Lookup of query arguments and headers (server-provided). */
  const char *(*query)(void *ctx, const char *key);
  const char *(*header)(void *ctx, const char *key);
  void *ctx;
  /* Uploaded file (presigned multipart upload only). */
  const char *file_data;
  size_t file_len;
  bool file_too_big;
  const char *file_content_type;
};

enum sandbox_http_err {
  SANDBOX_HTTP_SERVER_ERROR,  /* 500 01 serverError */
  SANDBOX_HTTP_INVALID_PARAM, /* 400 11 invalidParam */
  SANDBOX_HTTP_MISSING_PARAM, /* 400 12 missingParam */
  SANDBOX_HTTP_ALREADY_EXIST, /* 409 13 alreadyExist */
  SANDBOX_HTTP_PARSING,       /* 400 14 parsingResource */
  SANDBOX_HTTP_PRECONDITION,  /* 422 21 failedPrecondition */
  SANDBOX_HTTP_NOT_FOUND,     /* 404 31 notFound */
  SANDBOX_HTTP_TOO_MANY,      /* 429 32 tooManyRequests */
  SANDBOX_HTTP_UNAUTHORIZED,  /* 401 41 unauthorized */
  SANDBOX_HTTP_UNIMPLEMENTED, /* 501 42 unimplemented */
  SANDBOX_HTTP_FORBIDDEN,     /* 403 43 forbiddenOperation */
  SANDBOX_HTTP_TOO_LARGE,     /* 413 11 invalidParam */
  SANDBOX_HTTP_METHOD,        /* 405 42 unimplemented */
  SANDBOX_HTTP_UNAVAILABLE,   /* 503 01 serverError */
  SANDBOX_HTTP_URI_TOO_LONG,  /* 414 11 invalidParam */
  SANDBOX_HTTP_HEADERS_LARGE, /* 431 11 invalidParam */
};

struct sandbox_resp {
  unsigned status; /* 0 until set */
  struct strbuf body;
  const char *content_type; /* static string; JSON when NULL */
  char retry_after[16];     /* Retry-After header when non-empty */
  char allow[64];           /* Allow header when non-empty */
  char location[256];
  bool is_error;
  bool replayed;       /* an idempotent replay */
  char ctype_buf[128]; /* storage for a dynamic content type */
  /* Binary body (document download): owned, freed by the server. */
  void *bin;
  size_t bin_len;
};

/* Query argument or header (NULL when absent). */
const char *sandbox_http_query(const struct sandbox_req *rq, const char *key);
const char *sandbox_http_header(const struct sandbox_req *rq, const char *key);

void sandbox_http_resp_init(struct sandbox_resp *rs);
void sandbox_http_resp_cleanup(struct sandbox_resp *rs);

/* Set an error response; the detail is printf-formatted. */
void sandbox_http_error(struct sandbox_resp *rs, const struct sandbox_req *rq,
                        enum sandbox_http_err err, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
/* Set a JSON response from a tree (the tree stays owned by the caller). */
void sandbox_http_json(struct sandbox_resp *rs, unsigned status,
                       const cJSON *json);
/* Set a JSON response from already serialised text. */
void sandbox_http_raw(struct sandbox_resp *rs, unsigned status,
                      const char *json);

/*
 * Parse the request body as a JSON object. On failure sets the error
 * response (400 parsingResource for bad JSON, 400 invalidParam when the
 * body is not an object) and returns NULL. An empty body yields an empty
 * object when `empty_ok`. Caller frees with cJSON_Delete.
 */
cJSON *sandbox_http_body_object(const struct sandbox_req *rq,
                                struct sandbox_resp *rs, bool empty_ok);

/*
 * Reject fields of `obj` not in the NULL-terminated `allowed` list with
 * 400 invalidParam. Returns true when all fields are known.
 */
bool sandbox_http_known_fields(const cJSON *obj, const char *const *allowed,
                               const struct sandbox_req *rq,
                               struct sandbox_resp *rs);

/*
 * Optional string field: *out = value or NULL when absent/null. A present
 * non-string value sets 400 invalidParam and returns false.
 */
bool sandbox_http_opt_string(const cJSON *obj, const char *key,
                             const char **out, const struct sandbox_req *rq,
                             struct sandbox_resp *rs);
/* Required non-empty string field (400 missingParam / invalidParam). */
bool sandbox_http_req_string(const cJSON *obj, const char *key,
                             const char **out, const struct sandbox_req *rq,
                             struct sandbox_resp *rs);

/* Parse an integer query parameter in [min, max]; absent -> def.
 * Sets 400 invalidParam and returns false when malformed. */
bool sandbox_http_query_int(const struct sandbox_req *rq,
                            struct sandbox_resp *rs, const char *key,
                            long long def, long long min, long long max,
                            long long *out);

#endif
