/*
 * The API client against the real conomy-sandbox ($BUILD_DIR/conomy-sandbox,
 * started here on 127.0.0.1:0 with demo data and killed at exit): full
 * paging with the list envelope, filters, get, 404 and auth errors with
 * trace ids, hostile customer names kept as bytes, and the retry paths
 * driven by the sandbox's one-shot faults (503, 429, drop, truncate).
 */
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include "api/api_client.h"
#include "api/api_refunds.h"
#include "api/http.h"
#include "test.h"

static pid_t sb_pid;
static char sb_base[256], sb_key[128], sb_id[128], sb_secret[128];
static char sb_root[256]; /* http://127.0.0.1:PORT */

static void sandbox_stop(void) {
  if (sb_pid > 0) {
    kill(sb_pid, SIGTERM);
    waitpid(sb_pid, NULL, 0);
    sb_pid = 0;
  }
}

static void copy_str(char *dst, size_t len, const cJSON *obj,
                     const char *key) {
  const char *v = cJSON_GetStringValue(
      cJSON_GetObjectItemCaseSensitive(obj, key));
  snprintf(dst, len, "%s", v ? v : "");
}

static void sandbox_start(void) {
  const char *bd = getenv("BUILD_DIR");
  char exe[512], line[8192];
  int fds[2];
  FILE *f;
  cJSON *root;
  char *p;

  snprintf(exe, sizeof(exe), "%s/conomy-sandbox", bd ? bd : "build");
  if (access(exe, X_OK) != 0) {
    fprintf(stderr, "%s is missing: build the conomy-sandbox target\n", exe);
    exit(2);
  }
  if (pipe(fds) != 0)
    exit(2);
  sb_pid = fork();
  if (sb_pid == 0) {
    int devnull = open("/dev/null", O_WRONLY);
    prctl(PR_SET_PDEATHSIG, SIGTERM);
    dup2(fds[1], 1);
    if (devnull >= 0)
      dup2(devnull, 2);
    close(fds[0]);
    execl(exe, exe, "--listen", "127.0.0.1:0", "--demo-data", "150",
          "--seed", "7", "--quiet", (char *)NULL);
    _exit(127);
  }
  close(fds[1]);
  atexit(sandbox_stop);
  f = fdopen(fds[0], "r");
  if (f == NULL || fgets(line, sizeof(line), f) == NULL) {
    fprintf(stderr, "conomy-sandbox printed no startup line\n");
    exit(2);
  }
  root = cJSON_Parse(line);
  copy_str(sb_base, sizeof(sb_base), root, "baseUrl");
  copy_str(sb_key, sizeof(sb_key), root, "apiKey");
  copy_str(sb_id, sizeof(sb_id), root, "clientId");
  copy_str(sb_secret, sizeof(sb_secret), root, "clientSecret");
  cJSON_Delete(root);
  snprintf(sb_root, sizeof(sb_root), "%s", sb_base);
  p = strstr(sb_root + 7, "/");
  if (p)
    *p = '\0';
  if (sb_base[0] == '\0') {
    fprintf(stderr, "bad startup line: %s\n", line);
    exit(2);
  }
}

static struct api_config sb_config(void) {
  struct api_config cfg;
  memset(&cfg, 0, sizeof(cfg));
  cfg.base_url = sb_base;
  cfg.api_key = sb_key;
  cfg.client_id = sb_id;
  cfg.client_secret = sb_secret;
  cfg.connect_timeout_ms = 2000;
  cfg.total_timeout_ms = 10000;
  cfg.max_retries = 4;
  cfg.retry_base_ms = 10;
  cfg.retry_max_ms = 50;
  cfg.retry_after_cap_ms = 200;
  return cfg;
}

static struct api_client *sb_client(void) {
  struct api_config cfg = sb_config();
  struct api_client *c = NULL;
  struct api_error err;
  if (api_client_new(&cfg, &c, &err) != API_OK)
    exit(2);
  return c;
}

/* POST /_admin/faults with body; returns the HTTP status. */
static long admin_faults(const char *body) {
  struct http *h = NULL;
  struct http_request rq;
  struct http_response rs;
  struct api_error err;
  char url[300];
  long status;
  snprintf(url, sizeof(url), "%s/_admin/faults", sb_root);
  memset(&rq, 0, sizeof(rq));
  rq.method = HTTP_POST;
  rq.url = url;
  rq.body = body;
  rq.body_len = strlen(body);
  http_response_init(&rs);
  http_new(NULL, &h);
  http_perform(h, &rq, &rs, &err);
  status = rs.status;
  http_response_cleanup(&rs);
  http_free(&h);
  return status;
}

static enum api_err list_all(struct api_client *c, const char *status,
                             int64_t limit, struct payment_list *l,
                             int64_t *total, int *pages,
                             struct api_error *err) {
  struct api_payment_query q;
  struct api_page pg;
  enum api_err rc;
  memset(&q, 0, sizeof(q));
  q.limit = limit;
  q.status = status;
  *pages = 0;
  for (;;) {
    rc = api_payments_list(c, &q, l, &pg, err);
    if (rc != API_OK)
      return rc;
    (*pages)++;
    *total = pg.total;
    if (!pg.has_next || *pages > 1000)
      return API_OK;
    q.offset = pg.next_offset;
  }
}

static int cmp_str(const void *a, const void *b) {
  return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static void test_full_paging(void) {
  struct api_client *c = sb_client();
  struct payment_list l = {0}, big = {0};
  struct api_error err;
  int64_t total = 0, total2 = 0;
  int pages = 0, pages2 = 0, hostile = 0;
  const char **ids;

  CHECK_INT(list_all(c, NULL, 37, &l, &total, &pages, &err), API_OK);
  CHECK_INT(total, 150);
  CHECK_INT(l.count, 150);
  CHECK_INT(pages, 5);
  /* no duplicates across pages */
  ids = calloc(l.count, sizeof(*ids));
  for (size_t i = 0; i < l.count; i++)
    ids[i] = l.items[i].id;
  qsort(ids, l.count, sizeof(*ids), cmp_str);
  for (size_t i = 1; i < l.count; i++)
    CHECK(strcmp(ids[i - 1], ids[i]) != 0);
  /* one big page gives the same set */
  CHECK_INT(list_all(c, NULL, 500, &big, &total2, &pages2, &err), API_OK);
  CHECK_INT(pages2, 1);
  CHECK_INT(big.count, l.count);
  for (size_t i = 0; i < l.count && i < big.count; i++) {
    CHECK_STR(big.items[i].id, l.items[i].id);
    CHECK_INT(big.items[i].total.minor, l.items[i].total.minor);
  }
  for (size_t i = 0; i < l.count; i++) {
    const struct payment *p = &l.items[i];
    CHECK(strlen(p->id) == 24);
    CHECK(p->status != PAYMENT_STATUS_UNKNOWN);
    CHECK(p->type != PAYMENT_TYPE_UNKNOWN);
    CHECK(p->total.currency[0] != '\0');
    CHECK(p->created_at > 0);
    CHECK(p->raw_json != NULL);
    if (p->customer_name && (strchr(p->customer_name, 0x1b) ||
                             strstr(p->customer_name, "\xe2\x80\xae")))
      hostile++;
  }
  /* the demo's hostile names arrive as bytes, for the display to defuse */
  CHECK(hostile >= 2);
  free(ids);
  payment_list_cleanup(&l);
  payment_list_cleanup(&big);
  api_client_free(&c);
}

static void test_filters_and_get(void) {
  struct api_client *c = sb_client();
  struct payment_list l = {0};
  struct payment p;
  struct api_error err;
  int64_t total = 0;
  int pages = 0, reviews = 0;

  CHECK_INT(list_all(c, "SETTLED", 50, &l, &total, &pages, &err), API_OK);
  CHECK(l.count > 0);
  CHECK_INT(l.count, total);
  for (size_t i = 0; i < l.count; i++)
    CHECK_INT(l.items[i].status, PAYMENT_STATUS_SETTLED);
  payment_list_cleanup(&l);

  CHECK_INT(list_all(c, "REQUIRES_REVIEW,CREATED", 50, &l, &total, &pages,
                     &err),
            API_OK);
  CHECK(l.count > 0);
  for (size_t i = 0; i < l.count; i++) {
    CHECK(l.items[i].status == PAYMENT_STATUS_REQUIRES_REVIEW ||
          l.items[i].status == PAYMENT_STATUS_CREATED);
    if (l.items[i].status == PAYMENT_STATUS_REQUIRES_REVIEW) {
      reviews++;
      CHECK(l.items[i].documentation_status != NULL);
    }
  }
  CHECK(reviews > 0);

  CHECK_INT(api_payment_get(c, l.items[0].id, &p, &err), API_OK);
  CHECK_STR(p.id, l.items[0].id);
  CHECK_STR(p.status_raw, l.items[0].status_raw);
  CHECK_INT(p.total.minor, l.items[0].total.minor);
  CHECK_STR(p.total.currency, l.items[0].total.currency);
  payment_cleanup(&p);
  payment_list_cleanup(&l);

  CHECK_INT(api_payment_get(c, "ffffffffffffffffffffffff", &p, &err),
            API_ERR_NOT_FOUND);
  CHECK_INT(err.http_status, 404);
  CHECK_STR(err.api_code, "31");
  CHECK(strlen(err.trace_id) >= 16);

  {
    struct api_payment_query q;
    struct api_page pg;
    memset(&q, 0, sizeof(q));
    q.sort = "nonsense:up";
    CHECK_INT(api_payments_list(c, &q, &l, &pg, &err), API_ERR_REJECTED);
    CHECK_INT(err.http_status, 400);
    CHECK_STR(err.type, "invalidParam");
    CHECK_INT(l.count, 0);
  }
  api_client_free(&c);
}

static void test_refunds_list(void) {
  struct api_client *c = sb_client();
  struct payment_list l = {0};
  struct api_page pg;
  struct api_error err;
  CHECK_INT(api_refunds_list(c, NULL, &l, &pg, &err), API_OK);
  CHECK(l.count > 0);
  for (size_t i = 0; i < l.count; i++) {
    CHECK_INT(l.items[i].type, PAYMENT_TYPE_REFUND);
    CHECK(l.items[i].parent_payment_id != NULL);
  }
  payment_list_cleanup(&l);
  api_client_free(&c);
}

static void test_bad_credentials(void) {
  struct api_config cfg = sb_config();
  struct api_client *c = NULL;
  struct payment_list l = {0};
  struct api_page pg;
  struct api_error err;
  char buf[300];
  cfg.client_secret = "not-the-secret";
  CHECK_INT(api_client_new(&cfg, &c, &err), API_OK);
  CHECK_INT(api_payments_list(c, NULL, &l, &pg, &err), API_ERR_AUTH);
  CHECK(err.trace_id[0] != '\0');
  api_error_format(&err, buf, sizeof(buf));
  CHECK(strstr(buf, "not-the-secret") == NULL);
  api_client_free(&c);
}

static void test_faults_are_retried(void) {
  static const char *const kinds[] = {"503", "429", "drop", "truncate",
                                      "500"};
  struct api_client *c = sb_client();
  struct api_error err;
  for (size_t k = 0; k < sizeof(kinds) / sizeof(kinds[0]); k++) {
    struct payment_list l = {0};
    struct api_payment_query q;
    struct api_page pg;
    char body[256];
    memset(&q, 0, sizeof(q));
    q.limit = 10;
    snprintf(body, sizeof(body),
             "{\"once\":[{\"fault\":\"%s\",\"method\":\"GET\","
             "\"pathPrefix\":\"/payments\",\"count\":2}]}",
             kinds[k]);
    CHECK_INT(admin_faults(body), 200);
    CHECK_INT(api_payments_list(c, &q, &l, &pg, &err), API_OK);
    if (l.count != 10)
      fprintf(stderr, "fault %s: %zu items\n", kinds[k], l.count);
    CHECK_INT(l.count, 10);
    payment_list_cleanup(&l);
  }
  /* more faults than attempts: the error names the last one */
  {
    struct payment_list l = {0};
    struct api_page pg;
    CHECK_INT(admin_faults("{\"once\":[{\"fault\":\"503\",\"method\":\"GET\","
                           "\"pathPrefix\":\"/payments\",\"count\":9}]}"),
              200);
    CHECK_INT(api_payments_list(c, NULL, &l, &pg, &err), API_ERR_SERVER);
    CHECK_INT(err.http_status, 503);
    CHECK_INT(l.count, 0);
  }
  CHECK_INT(admin_faults("{}"), 200);
  api_client_free(&c);
}

TEST_LIST = {
    {"full_paging", test_full_paging},
    {"filters_and_get", test_filters_and_get},
    {"refunds_list", test_refunds_list},
    {"bad_credentials", test_bad_credentials},
    {"faults_are_retried", test_faults_are_retried},
    {NULL, NULL}};

__attribute__((constructor)) static void start(void) { sandbox_start(); }
