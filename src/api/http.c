/*
 * http - libcurl easy wrapper: hardened options, capped body, status and
 * error-body mapping. See http.h for the contract.
 */
#include "api/http.h"

#include <arpa/inet.h>
#include <ctype.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <cjson/cJSON.h>
#include <curl/curl.h>

#include "core/xalloc.h"

#define HTTP_DEFAULT_CONNECT_MS 5000L
#define HTTP_DEFAULT_TOTAL_MS 30000L
#define HTTP_DEFAULT_LOW_SPEED_S 15L
#define HTTP_DEFAULT_MAX ((size_t)16 * 1024 * 1024)

struct http {
  CURL *curl;
  struct http_opts opts;
};

static void http_global_init(void) {
  /* curl_global_init is not thread-safe before 7.84 and is reference
   * counted; calling it once per handle keeps it balanced with cleanup. */
  curl_global_init(CURL_GLOBAL_DEFAULT);
}

enum api_err http_new(const struct http_opts *opts, struct http **out) {
  struct http *h;
  *out = NULL;
  http_global_init();
  h = xcalloc(1, sizeof(*h));
  if (opts)
    h->opts = *opts;
  if (h->opts.connect_timeout_ms <= 0)
    h->opts.connect_timeout_ms = HTTP_DEFAULT_CONNECT_MS;
  if (h->opts.total_timeout_ms <= 0)
    h->opts.total_timeout_ms = HTTP_DEFAULT_TOTAL_MS;
  if (h->opts.low_speed_time_s <= 0)
    h->opts.low_speed_time_s = HTTP_DEFAULT_LOW_SPEED_S;
  if (h->opts.max_response == 0)
    h->opts.max_response = HTTP_DEFAULT_MAX;
  h->curl = curl_easy_init();
  if (h->curl == NULL) {
    free(h);
    curl_global_cleanup();
    return API_ERR_CONFIG;
  }
  *out = h;
  return API_OK;
}

void http_free(struct http **hp) {
  if (hp == NULL || *hp == NULL)
    return;
  curl_easy_cleanup((*hp)->curl);
  free(*hp);
  *hp = NULL;
  curl_global_cleanup();
}

void http_response_init(struct http_response *r) {
  memset(r, 0, sizeof(*r));
  strbuf_init(&r->body, HTTP_DEFAULT_MAX);
  r->retry_after_s = -1;
}

void http_response_cleanup(struct http_response *r) {
  if (r == NULL)
    return;
  strbuf_cleanup(&r->body);
  memset(r, 0, sizeof(*r));
  r->retry_after_s = -1;
}

bool http_host_is_loopback(const char *host) {
  char buf[64];
  size_t n;
  struct in_addr a4;
  struct in6_addr a6;

  if (host == NULL || host[0] == '\0')
    return false;
  if (strcasecmp(host, "localhost") == 0 || strcasecmp(host, "localhost.") == 0)
    return true;
  if (inet_pton(AF_INET, host, &a4) == 1)
    return (ntohl(a4.s_addr) >> 24) == 127;
  n = strlen(host);
  if (host[0] == '[' && n >= 2 && host[n - 1] == ']') {
    if (n - 2 >= sizeof(buf))
      return false;
    memcpy(buf, host + 1, n - 2);
    buf[n - 2] = '\0';
  } else {
    if (n >= sizeof(buf))
      return false;
    memcpy(buf, host, n + 1);
  }
  if (inet_pton(AF_INET6, buf, &a6) == 1)
    return IN6_IS_ADDR_LOOPBACK(&a6);
  return false;
}

/* Parses url; *loopback tells whether plain http is allowed. */
static enum api_err check_url(const char *url, bool *loopback,
                              struct api_error *err) {
  CURLU *u = NULL;
  char *scheme = NULL, *host = NULL, *user = NULL;
  enum api_err rc = API_ERR_CONFIG;

  *loopback = false;
  if (url == NULL || url[0] == '\0') {
    api_error_set(err, API_ERR_CONFIG, "no base URL given");
    return API_ERR_CONFIG;
  }
  u = curl_url();
  if (u == NULL)
    fatal("out of memory");
  if (curl_url_set(u, CURLUPART_URL, url, 0) != CURLUE_OK) {
    api_error_set(err, API_ERR_CONFIG, "malformed URL \"%s\"", url);
    goto out;
  }
  if (curl_url_get(u, CURLUPART_SCHEME, &scheme, 0) != CURLUE_OK ||
      curl_url_get(u, CURLUPART_HOST, &host, 0) != CURLUE_OK || host == NULL ||
      host[0] == '\0') {
    api_error_set(err, API_ERR_CONFIG, "URL \"%s\" has no host", url);
    goto out;
  }
  if (curl_url_get(u, CURLUPART_USER, &user, 0) == CURLUE_OK) {
    api_error_set(err, API_ERR_CONFIG,
                  "URL must not carry a user name or password");
    goto out;
  }
  *loopback = http_host_is_loopback(host);
  if (strcasecmp(scheme, "https") == 0) {
    rc = API_OK;
  } else if (strcasecmp(scheme, "http") == 0) {
    if (*loopback)
      rc = API_OK;
    else
      api_error_set(err, API_ERR_CONFIG,
                    "plain http is only allowed to a loopback address "
                    "(127.0.0.0/8, ::1, localhost), not to %s: use https",
                    host);
  } else {
    api_error_set(err, API_ERR_CONFIG,
                  "URL scheme \"%s\" not allowed: use https", scheme);
  }
out:
  curl_free(scheme);
  curl_free(host);
  curl_free(user);
  curl_url_cleanup(u);
  return rc;
}

enum api_err http_check_url(const char *url, struct api_error *err) {
  bool loopback;
  return check_url(url, &loopback, err);
}

enum api_err http_status_error(long status) {
  if (status >= 200 && status <= 299)
    return API_OK;
  if (status >= 300 && status <= 399)
    return API_ERR_REDIRECT;
  if (status == 401)
    return API_ERR_AUTH;
  if (status == 403)
    return API_ERR_FORBIDDEN;
  if (status == 501)
    return API_ERR_UNSUPPORTED;
  if (status == 404 || status == 410)
    return API_ERR_NOT_FOUND;
  if (status == 408)
    return API_ERR_TIMEOUT;
  if (status == 429)
    return API_ERR_RATE_LIMITED;
  if (status >= 400 && status <= 499)
    return API_ERR_REJECTED;
  if (status >= 500 && status <= 599)
    return API_ERR_SERVER;
  return API_ERR_PARSE;
}

static void copy_json_string(char *dst, size_t len, const cJSON *v,
                             bool overwrite) {
  if (!overwrite && dst[0])
    return;
  if (cJSON_IsString(v) && v->valuestring)
    api_error_copy_field(dst, len, v->valuestring);
}

void http_parse_error_body(const char *body, size_t len,
                           struct api_error *err) {
  cJSON *root = NULL;
  const cJSON *v, *e;

  if (err == NULL || body == NULL || len == 0)
    return;
  root = cJSON_ParseWithLength(body, len);
  if (root != NULL && cJSON_IsObject(root)) {
    v = cJSON_GetObjectItemCaseSensitive(root, "code");
    if (cJSON_IsString(v))
      copy_json_string(err->api_code, sizeof(err->api_code), v, true);
    else if (cJSON_IsNumber(v) && v->valuedouble >= 0 && v->valuedouble < 1000)
      snprintf(err->api_code, sizeof(err->api_code), "%02d",
               (int)v->valuedouble);
    copy_json_string(err->type, sizeof(err->type),
                     cJSON_GetObjectItemCaseSensitive(root, "type"), true);
    copy_json_string(err->detail, sizeof(err->detail),
                     cJSON_GetObjectItemCaseSensitive(root, "detail"), true);
    copy_json_string(err->trace_id, sizeof(err->trace_id),
                     cJSON_GetObjectItemCaseSensitive(root, "traceId"), true);
    e = cJSON_GetObjectItemCaseSensitive(root, "error");
    if (cJSON_IsString(e)) {
      copy_json_string(err->type, sizeof(err->type), e, false);
    } else if (cJSON_IsObject(e)) {
      copy_json_string(err->type, sizeof(err->type),
                       cJSON_GetObjectItemCaseSensitive(e, "type"), false);
      copy_json_string(err->detail, sizeof(err->detail),
                       cJSON_GetObjectItemCaseSensitive(e, "info"), false);
      copy_json_string(err->detail, sizeof(err->detail),
                       cJSON_GetObjectItemCaseSensitive(e, "message"), false);
    }
    copy_json_string(err->detail, sizeof(err->detail),
                     cJSON_GetObjectItemCaseSensitive(root, "message"), false);
  } else if (root == NULL && err->detail[0] == '\0') {
    /* not JSON: show the first line, so "502 Bad Gateway" pages and
     * proxies' text errors still say something useful */
    char line[160];
    size_t i = 0, n = len < sizeof(line) - 1 ? len : sizeof(line) - 1;
    while (i < n && body[i] != '\n' && body[i] != '\r' && body[i] != '\0')
      i++;
    memcpy(line, body, i);
    line[i] = '\0';
    if (i > 0)
      api_error_set(err, err->code, "non-JSON response: %s", line);
  }
  cJSON_Delete(root);
}

int http_url_encode(struct strbuf *sb, const char *s) {
  static const char hex[] = "0123456789ABCDEF";
  for (; s && *s; s++) {
    unsigned char ch = (unsigned char)*s;
    if (isalnum(ch) || ch == '-' || ch == '.' || ch == '_' || ch == '~') {
      if (strbuf_append(sb, s, 1) != 0)
        return -1;
    } else {
      char enc[3] = {'%', hex[ch >> 4], hex[ch & 15]};
      if (strbuf_append(sb, enc, 3) != 0)
        return -1;
    }
  }
  return 0;
}

static size_t on_body(char *ptr, size_t size, size_t nmemb, void *ud) {
  struct http_response *rs = ud;
  size_t n = size * nmemb;
  if (n == 0)
    return 0;
  if (strbuf_append(&rs->body, ptr, n) != 0)
    return 0; /* over the cap: curl fails with CURLE_WRITE_ERROR */
  return n;
}

static void header_value(const char *line, size_t n, size_t namelen, char *dst,
                         size_t dstlen) {
  char tmp[600];
  size_t i = namelen, j;
  while (i < n && (line[i] == ' ' || line[i] == '\t'))
    i++;
  j = n;
  while (j > i && (line[j - 1] == '\r' || line[j - 1] == '\n' ||
                   line[j - 1] == ' ' || line[j - 1] == '\t'))
    j--;
  if (j - i >= sizeof(tmp))
    j = i + sizeof(tmp) - 1;
  memcpy(tmp, line + i, j - i);
  tmp[j - i] = '\0';
  api_error_copy_field(dst, dstlen, tmp);
}

static size_t on_header(char *ptr, size_t size, size_t nmemb, void *ud) {
  struct http_response *rs = ud;
  size_t n = size * nmemb;
  if (n >= 5 && strncmp(ptr, "HTTP/", 5) == 0) {
    /* a new response (after a 100 Continue, say): forget the old one */
    rs->trace_id[0] = '\0';
    rs->location[0] = '\0';
    rs->content_type[0] = '\0';
  } else if (n > 11 && strncasecmp(ptr, "x-trace-id:", 11) == 0) {
    header_value(ptr, n, 11, rs->trace_id, sizeof(rs->trace_id));
  } else if (n > 9 && strncasecmp(ptr, "location:", 9) == 0) {
    header_value(ptr, n, 9, rs->location, sizeof(rs->location));
  } else if (n > 13 && strncasecmp(ptr, "content-type:", 13) == 0) {
    header_value(ptr, n, 13, rs->content_type, sizeof(rs->content_type));
  }
  return n;
}

struct progress_ctx {
  http_progress_fn fn;
  void *ud;
};

static int on_progress(void *ud, curl_off_t dltotal, curl_off_t dlnow,
                       curl_off_t ultotal, curl_off_t ulnow) {
  struct progress_ctx *p = ud;
  (void)dltotal;
  (void)dlnow;
  return p->fn(p->ud, (int64_t)ulnow, (int64_t)ultotal);
}

/* Errors that prove nothing reached the server. */
static bool nothing_sent(CURLcode cc) {
  switch (cc) {
  case CURLE_COULDNT_RESOLVE_HOST:
  case CURLE_COULDNT_RESOLVE_PROXY:
  case CURLE_COULDNT_CONNECT:
  case CURLE_SSL_CONNECT_ERROR:
  case CURLE_PEER_FAILED_VERIFICATION:
  case CURLE_UNSUPPORTED_PROTOCOL:
  case CURLE_URL_MALFORMAT:
    return true;
  default:
    return false;
  }
}

static enum api_err build_mime(CURL *curl, const struct http_request *rq,
                               curl_mime **out, struct api_error *err) {
  curl_mime *mime = curl_mime_init(curl);
  if (mime == NULL)
    fatal("out of memory");
  for (size_t i = 0; i < rq->nparts; i++) {
    const struct http_part *p = &rq->parts[i];
    curl_mimepart *part = curl_mime_addpart(mime);
    CURLcode cc;
    if (part == NULL)
      fatal("out of memory");
    curl_mime_name(part, p->name);
    if (p->file_path) {
      cc = curl_mime_filedata(part, p->file_path);
      if (cc != CURLE_OK) {
        api_error_set(err, API_ERR_IO, "cannot read %s: %s", p->file_path,
                      curl_easy_strerror(cc));
        curl_mime_free(mime);
        return API_ERR_IO;
      }
      if (p->filename)
        curl_mime_filename(part, p->filename);
    } else {
      curl_mime_data(part, p->value ? p->value : "", CURL_ZERO_TERMINATED);
    }
    if (p->content_type)
      curl_mime_type(part, p->content_type);
  }
  *out = mime;
  return API_OK;
}

/* Every option of one exchange but the headers and the body. */
static void set_transfer_options(struct http *h, const struct http_request *rq,
                                 struct http_response *rs, bool loopback,
                                 char *curl_err) {
  CURL *c = h->curl;
  long total_ms;
  /* reset drops every option but keeps live connections and caches */
  curl_easy_reset(c);
  curl_err[0] = '\0';
  curl_easy_setopt(c, CURLOPT_ERRORBUFFER, curl_err);
  curl_easy_setopt(c, CURLOPT_URL, rq->url);
  curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, loopback ? "http,https" : "https");
  curl_easy_setopt(c, CURLOPT_REDIR_PROTOCOLS_STR, "https");
  if (loopback) /* a proxy from the environment never sees loopback */
    curl_easy_setopt(c, CURLOPT_NOPROXY, "*");
  curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L);
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(c, CURLOPT_TCP_KEEPALIVE, 1L);
  curl_easy_setopt(c, CURLOPT_SSLVERSION, (long)CURL_SSLVERSION_TLSv1_2);
  curl_easy_setopt(c, CURLOPT_SSL_VERIFYPEER, 1L);
  curl_easy_setopt(c, CURLOPT_SSL_VERIFYHOST, 2L);
  curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, h->opts.connect_timeout_ms);
  total_ms = rq->total_timeout_ms == 0 ? h->opts.total_timeout_ms
                                       : rq->total_timeout_ms;
  if (total_ms > 0)
    curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, total_ms);
  curl_easy_setopt(c, CURLOPT_LOW_SPEED_LIMIT, 1L);
  curl_easy_setopt(c, CURLOPT_LOW_SPEED_TIME, h->opts.low_speed_time_s);
  curl_easy_setopt(c, CURLOPT_MAXFILESIZE_LARGE,
                   (curl_off_t)h->opts.max_response);
  curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_body);
  curl_easy_setopt(c, CURLOPT_WRITEDATA, rs);
  curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, on_header);
  curl_easy_setopt(c, CURLOPT_HEADERDATA, rs);
  curl_easy_setopt(c, CURLOPT_USERAGENT, "conomy-desk/" DESK_VERSION);
}

static struct curl_slist *append_header(struct curl_slist *hdrs,
                                        const char *line) {
  struct curl_slist *t = curl_slist_append(hdrs, line);
  if (t == NULL)
    fatal("out of memory");
  return t;
}

/* The request's headers and, for a POST or PATCH, its body or form. */
static enum api_err set_request(CURL *c, const struct http_request *rq,
                                struct curl_slist **hdrs, curl_mime **mime,
                                struct api_error *err) {
  for (const char *const *hl = rq->headers; hl && *hl; hl++)
    *hdrs = append_header(*hdrs, *hl);
  if (rq->method == HTTP_GET) {
    curl_easy_setopt(c, CURLOPT_HTTPGET, 1L);
    return API_OK;
  }
  /* no "Expect: 100-continue" round trip */
  *hdrs = append_header(*hdrs, "Expect:");
  /* never let libcurl resend a POST on a dead kept-alive connection */
  curl_easy_setopt(c, CURLOPT_FRESH_CONNECT, 1L);
  if (rq->nparts > 0) {
    enum api_err rc = build_mime(c, rq, mime, err);
    if (rc != API_OK)
      return rc;
    curl_easy_setopt(c, CURLOPT_MIMEPOST, *mime);
  } else {
    curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE,
                     (curl_off_t)(rq->body ? rq->body_len : 0));
    curl_easy_setopt(c, CURLOPT_POSTFIELDS, rq->body ? rq->body : "");
  }
  if (rq->method == HTTP_PATCH)
    curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, "PATCH");
  return API_OK;
}

/* Status, trace id, Retry-After and whether the request left us. */
static void read_response_info(CURL *c, struct http_response *rs,
                               struct api_error *err) {
  long reqsize = 0;
  curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &rs->status);
  curl_easy_getinfo(c, CURLINFO_REQUEST_SIZE, &reqsize);
  rs->sent = reqsize > 0;
  if (err) {
    err->http_status = rs->status;
    if (rs->trace_id[0])
      api_error_copy_field(err->trace_id, sizeof(err->trace_id), rs->trace_id);
  }
  if (rs->status == 429 || rs->status == 503) {
    curl_off_t ra = -1;
    /* 7.88 can report a past HTTP-date as negative: treat as absent */
    if (curl_easy_getinfo(c, CURLINFO_RETRY_AFTER, &ra) == CURLE_OK && ra >= 0)
      rs->retry_after_s = ra > 86400 ? 86400L : (long)ra;
  }
}

/* A transfer that failed: what kind of failure, and whether a POST's
 * outcome is now unknown (it left us and no answer came back). */
static enum api_err transport_error(const struct http *h,
                                    const struct http_request *rq,
                                    const struct http_response *rs, CURLcode cc,
                                    const char *curl_err,
                                    struct api_error *err) {
  const char *why = curl_err[0] ? curl_err : curl_easy_strerror(cc);
  enum api_err rc;
  if ((cc == CURLE_WRITE_ERROR && rs->body.toobig) ||
      cc == CURLE_FILESIZE_EXCEEDED) {
    rc = API_ERR_TOO_LARGE;
    api_error_set(err, rc, "response larger than the %zu-byte limit",
                  h->opts.max_response);
    return rc;
  }
  if (cc == CURLE_UNSUPPORTED_PROTOCOL)
    rc = API_ERR_CONFIG;
  else if (cc == CURLE_READ_ERROR && rq->nparts > 0 && !rs->sent)
    rc = API_ERR_IO;
  else if (rq->method != HTTP_GET && rs->sent && !nothing_sent(cc))
    rc = API_ERR_UNKNOWN_OUTCOME;
  else if (cc == CURLE_OPERATION_TIMEDOUT)
    rc = API_ERR_TIMEOUT;
  else
    rc = API_ERR_NETWORK;
  if (rc == API_ERR_IO)
    api_error_set(err, rc, "cannot read the file to upload: %s", why);
  else if (rc == API_ERR_UNKNOWN_OUTCOME)
    api_error_set(err, rc, "%s after the request was sent", why);
  else
    api_error_set(err, rc, "%s", why);
  return rc;
}

/* A complete answer with a status that is not 2xx. */
static enum api_err status_error(CURL *c, const struct http_response *rs,
                                 struct api_error *err) {
  enum api_err rc = http_status_error(rs->status);
  if (rc == API_ERR_REDIRECT) {
    char *loc = NULL;
    const char *where = rs->location;
    if (curl_easy_getinfo(c, CURLINFO_REDIRECT_URL, &loc) == CURLE_OK && loc)
      where = loc;
    api_error_set(err, rc, "HTTP %ld to %s (redirects are not followed)",
                  rs->status, where[0] ? where : "(no Location)");
  } else if (rc != API_OK && err) {
    err->code = rc;
    http_parse_error_body(rs->body.buf, rs->body.len, err);
  }
  return rc;
}

enum api_err http_perform(struct http *h, const struct http_request *rq,
                          struct http_response *rs, struct api_error *err) {
  CURL *c = h->curl;
  struct curl_slist *hdrs = NULL;
  curl_mime *mime = NULL;
  struct progress_ctx prog = {rq->progress, rq->progress_ud};
  char curl_err[CURL_ERROR_SIZE];
  bool loopback = false;
  enum api_err rc;

  strbuf_cleanup(&rs->body);
  strbuf_init(&rs->body, h->opts.max_response);
  rs->status = 0;
  rs->trace_id[0] = rs->location[0] = rs->content_type[0] = '\0';
  rs->retry_after_s = -1;
  rs->sent = false;
  if (err)
    err->http_status = 0;

  rc = check_url(rq->url, &loopback, err);
  if (rc != API_OK)
    return rc;
  set_transfer_options(h, rq, rs, loopback, curl_err);
  rc = set_request(c, rq, &hdrs, &mime, err);
  if (rc != API_OK)
    goto out;
  curl_easy_setopt(c, CURLOPT_HTTPHEADER, hdrs);
  if (rq->progress) {
    curl_easy_setopt(c, CURLOPT_NOPROGRESS, 0L);
    curl_easy_setopt(c, CURLOPT_XFERINFOFUNCTION, on_progress);
    curl_easy_setopt(c, CURLOPT_XFERINFODATA, &prog);
  }

  CURLcode cc = curl_easy_perform(c);
  read_response_info(c, rs, err);
  if (cc != CURLE_OK)
    rc = transport_error(h, rq, rs, cc, curl_err, err);
  else
    rc = status_error(c, rs, err);

out:
  curl_easy_setopt(c, CURLOPT_HTTPHEADER, NULL);
  curl_easy_setopt(c, CURLOPT_MIMEPOST, NULL);
  curl_easy_setopt(c, CURLOPT_ERRORBUFFER, NULL);
  curl_slist_free_all(hdrs);
  curl_mime_free(mime);
  return rc;
}
