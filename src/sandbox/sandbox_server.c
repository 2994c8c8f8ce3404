/*
 * sandbox_server - libmicrohttpd glue, routing, auth gate, faults,
 * idempotency; see sandbox_server.h.
 */
#include "sandbox/sandbox_server.h"

#include <arpa/inet.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>

#include "core/strbuf.h"
#include "core/xalloc.h"
#include "sandbox/sandbox.h"
#include "sandbox/sandbox_admin.h"
#include "sandbox/sandbox_auth.h"
#include "sandbox/sandbox_faults.h"
#include "sandbox/sandbox_http.h"
#include "sandbox/sandbox_idem.h"
#include "sandbox/sandbox_routes.h"

#define JSON_BODY_MAX (1024 * 1024)
#define UPLOAD_FILE_MAX (20 * 1024 * 1024)
#define UPLOAD_BODY_MAX (UPLOAD_FILE_MAX + 64 * 1024)
/* Request line and headers: libmicrohttpd keeps them in a per-connection
 * pool of POOL_SIZE bytes and answers past it on its own (HTML, no trace
 * id). The pool is large so that the sandbox itself refuses a long URI or
 * large headers first, with an error body and X-Trace-Id. */
#define POOL_SIZE (256 * 1024)
#define URI_MAX 8192
#define HEADERS_MAX (32 * 1024)

struct sandbox_server {
  struct sandbox *sb;
  struct MHD_Daemon *daemon;
  unsigned port;
  char host[160];
};

/* Per-request state kept across libmicrohttpd's access-handler calls. */
struct conn_req {
  struct strbuf body;
  bool too_big;
  bool is_upload;
  struct MHD_PostProcessor *pp;
  struct strbuf file;
  bool file_too_big;
  char file_ctype[128];
  struct MHD_Connection *conn;
  bool started;  /* the access handler has seen this request */
  bool bad_path; /* a control byte (raw or %-encoded) in the path */
};

static const char *mhd_query(void *ctx, const char *key) {
  return MHD_lookup_connection_value(ctx, MHD_GET_ARGUMENT_KIND, key);
}

static const char *mhd_header(void *ctx, const char *key) {
  return MHD_lookup_connection_value(ctx, MHD_HEADER_KIND, key);
}

static bool peer_is_loopback(struct MHD_Connection *conn) {
  const union MHD_ConnectionInfo *ci =
      MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
  if (ci == NULL || ci->client_addr == NULL)
    return false;
  const struct sockaddr *sa = ci->client_addr;
  if (sa->sa_family == AF_INET) {
    const struct sockaddr_in *in = (const struct sockaddr_in *)(const void *)sa;
    return (ntohl(in->sin_addr.s_addr) >> 24) == 127;
  }
  if (sa->sa_family == AF_INET6) {
    const struct sockaddr_in6 *in6 =
        (const struct sockaddr_in6 *)(const void *)sa;
    return IN6_IS_ADDR_LOOPBACK(&in6->sin6_addr) ||
           (IN6_IS_ADDR_V4MAPPED(&in6->sin6_addr) &&
            in6->sin6_addr.s6_addr[12] == 127);
  }
  return false;
}

static enum MHD_Result post_iter(void *cls, enum MHD_ValueKind kind,
                                 const char *key, const char *filename,
                                 const char *content_type,
                                 const char *transfer_encoding,
                                 const char *data, uint64_t off, size_t size) {
  struct conn_req *cr = cls;
  (void)kind;
  (void)filename;
  (void)transfer_encoding;
  (void)off;
  if (key == NULL || strcmp(key, "file") != 0)
    return MHD_YES;
  if (content_type && cr->file_ctype[0] == '\0')
    snprintf(cr->file_ctype, sizeof(cr->file_ctype), "%s", content_type);
  if (size && !cr->file_too_big && strbuf_append(&cr->file, data, size) != 0)
    cr->file_too_big = true;
  return MHD_YES;
}

/* Split the path into segments (no empty ones). Returns false if too deep. */
static bool split_path(struct sandbox_req *rq, char *copy) {
  rq->nseg = 0;
  char *p = copy;
  while (*p) {
    while (*p == '/')
      p++;
    if (*p == '\0')
      break;
    if (rq->nseg == SANDBOX_HTTP_MAX_SEGS)
      return false;
    rq->segs[rq->nseg++] = p;
    while (*p && *p != '/')
      p++;
    if (*p == '/')
      *p++ = '\0';
  }
  return true;
}

static bool route_matches(const struct sandbox_route *r,
                          const struct sandbox_req *rq) {
  int n = 0;
  const char *p = r->pattern;
  while (*p) {
    while (*p == '/')
      p++;
    if (*p == '\0')
      break;
    const char *e = strchr(p, '/');
    size_t len = e ? (size_t)(e - p) : strlen(p);
    if (n >= rq->nseg)
      return false;
    if (p[0] != ':' &&
        (strlen(rq->segs[n]) != len || strncmp(p, rq->segs[n], len) != 0))
      return false;
    n++;
    p += len;
  }
  return n == rq->nseg;
}

static struct MHD_Response *make_response(struct sandbox_resp *rs) {
  struct MHD_Response *r;
  if (rs->bin) {
    r = MHD_create_response_from_buffer(rs->bin_len, rs->bin,
                                        MHD_RESPMEM_MUST_FREE);
    rs->bin = NULL;
  } else {
    r = MHD_create_response_from_buffer(
        rs->body.len, (void *)(uintptr_t)strbuf_str(&rs->body),
        MHD_RESPMEM_MUST_COPY);
  }
  return r;
}

/* A response that sends only the first half of the body, then fails. */
struct trunc_body {
  char *data;
  size_t len; /* bytes to actually send */
};

static ssize_t trunc_reader(void *cls, uint64_t pos, char *buf, size_t max) {
  struct trunc_body *t = cls;
  if (pos >= t->len)
    return MHD_CONTENT_READER_END_WITH_ERROR;
  size_t n = t->len - (size_t)pos;
  if (n > max)
    n = max;
  memcpy(buf, t->data + pos, n);
  return (ssize_t)n;
}

static void trunc_free(void *cls) {
  struct trunc_body *t = cls;
  free(t->data);
  free(t);
}

static enum MHD_Result send_resp(struct MHD_Connection *conn,
                                 struct sandbox_req *rq,
                                 struct sandbox_resp *rs, bool truncate) {
  struct MHD_Response *r;
  if (truncate) {
    struct trunc_body *t = xcalloc(1, sizeof(*t));
    size_t full = rs->body.len;
    t->data = xmalloc(full + 1);
    memcpy(t->data, strbuf_str(&rs->body), full);
    t->len = full / 2;
    r = MHD_create_response_from_callback(full, 4096, trunc_reader, t,
                                          trunc_free);
  } else {
    r = make_response(rs);
  }
  if (r == NULL)
    return MHD_NO;
  MHD_add_response_header(r, "Content-Type",
                          rs->content_type ? rs->content_type
                                           : "application/json");
  MHD_add_response_header(r, "X-Trace-Id", rq->trace_id);
  if (rs->retry_after[0])
    MHD_add_response_header(r, "Retry-After", rs->retry_after);
  if (rs->allow[0])
    MHD_add_response_header(r, "Allow", rs->allow);
  if (rs->location[0])
    MHD_add_response_header(r, "Location", rs->location);
  if (rs->replayed)
    MHD_add_response_header(r, "Idempotent-Replayed", "true");
  enum MHD_Result ret =
      MHD_queue_response(conn, rs->status ? rs->status : 500, r);
  MHD_destroy_response(r);
  return ret;
}

static void sleep_ms(int64_t ms) {
  if (ms <= 0)
    return;
  struct timespec ts = {.tv_sec = (time_t)(ms / 1000),
                        .tv_nsec = (long)(ms % 1000) * 1000000L};
  nanosleep(&ts, NULL);
}

static enum MHD_Result count_header(void *cls, enum MHD_ValueKind kind,
                                    const char *key, const char *value) {
  size_t *total = cls;
  (void)kind;
  *total += strlen(key) + (value ? strlen(value) : 0) + 4;
  return MHD_YES;
}

/* A request refused before routing: a control byte in the path (400), a
 * URI over URI_MAX (414), headers over HEADERS_MAX (431). */
static bool request_refused(struct MHD_Connection *conn,
                            const struct conn_req *cr, const char *url,
                            struct sandbox_req *rq, struct sandbox_resp *rs) {
  size_t headers = 0;
  MHD_get_connection_values(conn, MHD_HEADER_KIND, count_header, &headers);
  rq->path = "/";
  if (cr->bad_path)
    sandbox_http_error(rs, rq, SANDBOX_HTTP_INVALID_PARAM,
                       "the request path holds a control character");
  else if (strlen(url) > URI_MAX)
    sandbox_http_error(rs, rq, SANDBOX_HTTP_URI_TOO_LONG,
                       "the request URI is longer than %d bytes", URI_MAX);
  else if (headers > HEADERS_MAX)
    sandbox_http_error(rs, rq, SANDBOX_HTTP_HEADERS_LARGE,
                       "the request headers exceed %d bytes", HEADERS_MAX);
  else
    return false;
  return true;
}

/* Find the route; sets 404/405 in rs when none. */
static const struct sandbox_route *
find_route(struct sandbox_req *rq, struct sandbox_resp *rs, unsigned space) {
  const struct sandbox_route *routes = sandbox_routes_table();
  bool path_known = false;
  char allow[64] = "";
  for (size_t i = 0; routes[i].pattern; i++) {
    unsigned sp =
        routes[i].flags & (SANDBOX_ROUTE_ADMIN | SANDBOX_ROUTE_UPLOAD);
    if (sp != space || !route_matches(&routes[i], rq))
      continue;
    if (strcmp(routes[i].method, rq->method) == 0)
      return &routes[i];
    path_known = true;
    size_t len = strlen(allow);
    snprintf(allow + len, sizeof(allow) - len, "%s%s", len ? ", " : "",
             routes[i].method);
  }
  if (path_known) {
    sandbox_http_error(rs, rq, SANDBOX_HTTP_METHOD,
                       "method %s is not allowed on %s", rq->method, rq->path);
    snprintf(rs->allow, sizeof(rs->allow), "%s", allow);
  } else {
    sandbox_http_error(rs, rq, SANDBOX_HTTP_NOT_FOUND, "no route %s %s",
                       rq->method, rq->path);
  }
  return NULL;
}

static void init_req(struct sandbox *sb, struct MHD_Connection *conn,
                     const struct conn_req *cr, const char *method,
                     struct sandbox_req *rq) {
  memset(rq, 0, sizeof(*rq));
  rq->method = method;
  rq->tenant = -1;
  rq->query = mhd_query;
  rq->header = mhd_header;
  rq->ctx = conn;
  rq->body = strbuf_str(&cr->body);
  rq->body_len = cr->body.len;
  rq->loopback_peer = peer_is_loopback(conn);
  sandbox_rand_uuid(&sb->rand, rq->trace_id);
}

/* The route space of the URL: /sandbox/... (API, 0), /_admin/... or
 * /_uploads/...; splits the path into pathcopy. Returns false when the
 * request is answered (unknown space, too deep, admin from afar). */
static bool route_space(const char *url, char **pathcopy,
                        struct sandbox_req *rq, struct sandbox_resp *rs,
                        unsigned *space) {
  const char *path = url;
  bool api = strncmp(url, "/sandbox/", 9) == 0 || strcmp(url, "/sandbox") == 0;
  if (api)
    path = url + 8;
  rq->path = path[0] ? path : "/";
  *pathcopy = xstrdup(rq->path);
  if (!split_path(rq, *pathcopy)) {
    sandbox_http_error(rs, rq, SANDBOX_HTTP_NOT_FOUND, "no route %s %s",
                       rq->method, rq->path);
    return false;
  }
  const char *first = rq->nseg > 0 ? rq->segs[0] : "";
  *space = api                              ? 0u
           : strcmp(first, "_admin") == 0   ? SANDBOX_ROUTE_ADMIN
           : strcmp(first, "_uploads") == 0 ? SANDBOX_ROUTE_UPLOAD
                                            : ~0u;
  if (*space == ~0u) {
    sandbox_http_error(rs, rq, SANDBOX_HTTP_NOT_FOUND,
                       "no route %s %s (the API lives under /sandbox)",
                       rq->method, url);
    return false;
  }
  if (*space == SANDBOX_ROUTE_ADMIN && !rq->loopback_peer) {
    sandbox_http_error(rs, rq, SANDBOX_HTTP_FORBIDDEN,
                       "admin endpoints answer loopback peers only");
    return false;
  }
  return true;
}

/* Draw the HTTP fault of a non-admin request; the error answers are set
 * here (rs->status), drops and truncations are the caller's. */
static enum sandbox_fault http_fault(struct sandbox *sb,
                                     const struct sandbox_req *rq,
                                     struct sandbox_resp *rs,
                                     int64_t *latency_ms) {
  int retry_after = 1;
  enum sandbox_fault fault = sandbox_faults_http(
      sb->faults, rq->method, rq->path, latency_ms, &retry_after);
  if (fault == SANDBOX_FAULT_500)
    sandbox_http_error(rs, rq, SANDBOX_HTTP_SERVER_ERROR,
                       "injected server error");
  else if (fault == SANDBOX_FAULT_503)
    sandbox_http_error(rs, rq, SANDBOX_HTTP_UNAVAILABLE,
                       "injected service unavailable");
  else if (fault == SANDBOX_FAULT_429) {
    sandbox_http_error(rs, rq, SANDBOX_HTTP_TOO_MANY,
                       "too many requests (injected)");
    snprintf(rs->retry_after, sizeof(rs->retry_after), "%d", retry_after);
  }
  return fault;
}

/* Authenticate and run the route, through the Idempotency-Key store for
 * keyed POSTs. Injected latency delays the answer of an executed keyed
 * request, so its key stays in flight meanwhile (*latency_ms is spent). */
static void dispatch(struct sandbox *sb, const struct sandbox_route *route,
                     struct sandbox_req *rq, struct sandbox_resp *rs,
                     int64_t *latency_ms) {
  atomic_fetch_add(&sb->route_hits[route - sandbox_routes_table()], 1);
  if (!(route->flags & SANDBOX_ROUTE_NOAUTH) && !sandbox_auth_check(sb, rq, rs))
    return;
  rq->idem_key = sandbox_http_header(rq, "Idempotency-Key");
  if (strcmp(rq->method, "POST") != 0 || rq->idem_key == NULL ||
      rq->tenant < 0 || sb->opts.no_idempotency ||
      (route->flags & SANDBOX_ROUTE_NOIDEM)) {
    rq->idem_key = NULL;
    route->fn(sb, rq, rs);
    return;
  }
  if (sandbox_idem_begin(sb, rq, rs) == SANDBOX_IDEM_ANSWERED)
    return;
  route->fn(sb, rq, rs);
  sleep_ms(*latency_ms);
  *latency_ms = 0;
  sandbox_idem_finish(sb, rq, rs);
}

static enum MHD_Result handle(struct sandbox_server *srv,
                              struct MHD_Connection *conn, struct conn_req *cr,
                              const char *url, const char *method) {
  struct sandbox *sb = srv->sb;
  struct sandbox_req rq;
  struct sandbox_resp rs;
  char *pathcopy = NULL;
  enum sandbox_fault fault = SANDBOX_FAULT_NONE;
  int64_t latency_ms = 0;
  unsigned space = 0;
  bool answer = true;

  init_req(sb, conn, cr, method, &rq);
  sandbox_http_resp_init(&rs);
  if (request_refused(conn, cr, url, &rq, &rs) ||
      !route_space(url, &pathcopy, &rq, &rs, &space))
    goto send;
  if (space != SANDBOX_ROUTE_ADMIN) {
    fault = http_fault(sb, &rq, &rs, &latency_ms);
    if (fault == SANDBOX_FAULT_DROP)
      answer = false;
    if (fault == SANDBOX_FAULT_DROP || rs.status)
      goto send;
  }
  if (cr->too_big) {
    sandbox_http_error(&rs, &rq, SANDBOX_HTTP_TOO_LARGE,
                       "request body exceeds %d bytes", JSON_BODY_MAX);
    goto send;
  }
  if (space == SANDBOX_ROUTE_UPLOAD) {
    rq.file_data = strbuf_str(&cr->file);
    rq.file_len = cr->file.len;
    rq.file_too_big = cr->file_too_big;
    rq.file_content_type = cr->file_ctype[0] ? cr->file_ctype : NULL;
  }
  const struct sandbox_route *route = find_route(&rq, &rs, space);
  if (route == NULL)
    goto send;
  dispatch(sb, route, &rq, &rs, &latency_ms);
  if (fault == SANDBOX_FAULT_COMMIT_DROP)
    answer = false;
send:;
  enum MHD_Result ret = MHD_NO;
  if (answer) {
    sleep_ms(latency_ms);
    ret = send_resp(conn, &rq, &rs, fault == SANDBOX_FAULT_TRUNCATE);
  }
  sandbox_http_resp_cleanup(&rs);
  free(pathcopy);
  return ret;
}

static enum MHD_Result access_cb(void *cls, struct MHD_Connection *conn,
                                 const char *url, const char *method,
                                 const char *version, const char *upload_data,
                                 size_t *upload_data_size, void **con_cls) {
  struct sandbox_server *srv = cls;
  struct conn_req *cr = *con_cls;
  (void)version;

  if (cr == NULL) /* no URI logger call: cannot happen, but be safe */
    *con_cls = cr = xcalloc(1, sizeof(*cr));
  if (!cr->started) {
    cr->started = true;
    cr->conn = conn;
    cr->is_upload =
        strncmp(url, "/_uploads/", 10) == 0 && strcmp(method, "POST") == 0;
    strbuf_init(&cr->body, cr->is_upload ? 0 : JSON_BODY_MAX);
    strbuf_init(&cr->file, UPLOAD_FILE_MAX);
    if (cr->is_upload)
      cr->pp = MHD_create_post_processor(conn, 64 * 1024, post_iter, cr);
    *con_cls = cr;
    return MHD_YES;
  }
  if (*upload_data_size > 0) {
    if (cr->is_upload) {
      if (cr->pp)
        MHD_post_process(cr->pp, upload_data, *upload_data_size);
      else if (!cr->file_too_big &&
               strbuf_append(&cr->file, upload_data, *upload_data_size) != 0)
        cr->file_too_big = true;
    } else if (!cr->too_big &&
               strbuf_append(&cr->body, upload_data, *upload_data_size) != 0) {
      cr->too_big = true;
    }
    *upload_data_size = 0;
    return MHD_YES;
  }
  return handle(srv, conn, cr, url, method);
}

static int hex_val(char c) {
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

/* True when the path of a raw request URI (before '?') holds a control
 * byte, as is or %-encoded (%00..%1F, %7F). libmicrohttpd hands the access
 * handler the decoded path, where a NUL would silently cut it. */
static bool path_has_control(const char *uri) {
  for (const char *p = uri; *p && *p != '?'; p++) {
    unsigned char ch = (unsigned char)*p;
    if (ch < 0x20 || ch == 0x7f)
      return true;
    if (ch == '%' && hex_val(p[1]) >= 0 && hex_val(p[2]) >= 0) {
      int v = hex_val(p[1]) * 16 + hex_val(p[2]);
      if (v < 0x20 || v == 0x7f)
        return true;
    }
  }
  return false;
}

/* Called once per request with the raw URI, before any parsing: the
 * request state starts here so that the raw path can be judged. */
static void *uri_cb(void *cls, const char *uri, struct MHD_Connection *conn) {
  (void)cls;
  (void)conn;
  struct conn_req *cr = xcalloc(1, sizeof(*cr));
  cr->bad_path = uri == NULL || path_has_control(uri);
  return cr;
}

static void completed_cb(void *cls, struct MHD_Connection *conn, void **con_cls,
                         enum MHD_RequestTerminationCode toe) {
  struct conn_req *cr = *con_cls;
  (void)cls;
  (void)conn;
  (void)toe;
  if (cr == NULL)
    return;
  if (cr->pp)
    MHD_destroy_post_processor(cr->pp);
  strbuf_cleanup(&cr->body);
  strbuf_cleanup(&cr->file);
  free(cr);
  *con_cls = NULL;
}

static int parse_listen(const char *listen, struct sockaddr_storage *ss,
                        socklen_t *sl, bool *v6, char *host, size_t hostlen) {
  char addr[128];
  const char *colon;
  const char *port_s;
  memset(ss, 0, sizeof(*ss));
  if (listen[0] == '[') {
    const char *end = strchr(listen, ']');
    if (end == NULL || end[1] != ':' || (size_t)(end - listen) >= sizeof(addr))
      return -1;
    snprintf(addr, sizeof(addr), "%.*s", (int)(end - listen - 1), listen + 1);
    port_s = end + 2;
    *v6 = true;
  } else {
    colon = strrchr(listen, ':');
    if (colon == NULL || (size_t)(colon - listen) >= sizeof(addr))
      return -1;
    snprintf(addr, sizeof(addr), "%.*s", (int)(colon - listen), listen);
    port_s = colon + 1;
    *v6 = false;
  }
  char *end = NULL;
  long port = strtol(port_s, &end, 10);
  if (port_s[0] == '\0' || *end != '\0' || port < 0 || port > 65535)
    return -1;
  if (strcmp(addr, "localhost") == 0)
    snprintf(addr, sizeof(addr), "127.0.0.1");
  if (*v6) {
    struct sockaddr_in6 *in6 = (struct sockaddr_in6 *)(void *)ss;
    in6->sin6_family = AF_INET6;
    in6->sin6_port = htons((uint16_t)port);
    if (inet_pton(AF_INET6, addr, &in6->sin6_addr) != 1)
      return -1;
    *sl = sizeof(*in6);
    snprintf(host, hostlen, "[%s]", addr);
  } else {
    struct sockaddr_in *in = (struct sockaddr_in *)(void *)ss;
    in->sin_family = AF_INET;
    in->sin_port = htons((uint16_t)port);
    if (inet_pton(AF_INET, addr, &in->sin_addr) != 1)
      return -1;
    *sl = sizeof(*in);
    snprintf(host, hostlen, "%s", addr);
  }
  return 0;
}

static bool addr_is_loopback(const struct sockaddr_storage *ss) {
  if (ss->ss_family == AF_INET) {
    const struct sockaddr_in *in = (const struct sockaddr_in *)(const void *)ss;
    return (ntohl(in->sin_addr.s_addr) >> 24) == 127;
  }
  const struct sockaddr_in6 *in6 =
      (const struct sockaddr_in6 *)(const void *)ss;
  return IN6_IS_ADDR_LOOPBACK(&in6->sin6_addr);
}

int sandbox_server_start(struct sandbox *sb, const char *listen,
                         bool allow_remote, struct sandbox_server **out,
                         char **cause) {
  struct sockaddr_storage ss;
  socklen_t sl = 0;
  bool v6 = false;
  struct sandbox_server *srv = xcalloc(1, sizeof(*srv));
  *out = NULL;
  srv->sb = sb;
  if (parse_listen(listen, &ss, &sl, &v6, srv->host, sizeof(srv->host)) != 0) {
    *cause =
        xasprintf("--listen %s: expected ADDR:PORT (e.g. 127.0.0.1:0)", listen);
    free(srv);
    return -1;
  }
  if (!allow_remote && !addr_is_loopback(&ss)) {
    *cause = xasprintf("--listen %s is not a loopback address; "
                       "pass --allow-remote to serve other hosts",
                       listen);
    free(srv);
    return -1;
  }
  unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD |
                   MHD_USE_THREAD_PER_CONNECTION | MHD_USE_ERROR_LOG;
  if (v6)
    flags |= MHD_USE_IPv6;
  srv->daemon = MHD_start_daemon(
      flags, 0, NULL, NULL, access_cb, srv, MHD_OPTION_SOCK_ADDR,
      (const struct sockaddr *)&ss, MHD_OPTION_NOTIFY_COMPLETED, completed_cb,
      srv, MHD_OPTION_URI_LOG_CALLBACK, uri_cb, srv,
      MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)120,
      MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)POOL_SIZE,
      MHD_OPTION_CONNECTION_LIMIT, (unsigned)512,
      MHD_OPTION_LISTENING_ADDRESS_REUSE, (unsigned)1, MHD_OPTION_END);
  if (srv->daemon == NULL) {
    *cause = xasprintf("cannot listen on %s", listen);
    free(srv);
    return -1;
  }
  const union MHD_DaemonInfo *di =
      MHD_get_daemon_info(srv->daemon, MHD_DAEMON_INFO_BIND_PORT);
  srv->port = di ? di->port : 0;
  (void)sl;
  *out = srv;
  return 0;
}

unsigned sandbox_server_port(const struct sandbox_server *srv) {
  return srv->port;
}

const char *sandbox_server_host(const struct sandbox_server *srv) {
  return srv->host;
}

void sandbox_server_stop(struct sandbox_server **srvp) {
  struct sandbox_server *srv = srvp ? *srvp : NULL;
  if (srv == NULL)
    return;
  MHD_stop_daemon(srv->daemon);
  free(srv);
  *srvp = NULL;
}
