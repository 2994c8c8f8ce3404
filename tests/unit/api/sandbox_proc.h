/*
 * sandbox_proc.h - starts $BUILD_DIR/conomy-sandbox on 127.0.0.1:0 for the
 * API client's tests, reads its startup line, stops it at exit (and the
 * kernel stops it if the test dies: PR_SET_PDEATHSIG). Also a tiny client
 * for its loopback admin endpoints. Header-only, for test programs.
 */
#ifndef DESK_TEST_SANDBOX_PROC_H
#define DESK_TEST_SANDBOX_PROC_H

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
#include "api/http.h"

static pid_t sb_pid;
static char sb_base[256], sb_key[128], sb_id[128], sb_secret[128];
static char sb_root[256]; /* http://127.0.0.1:PORT */
static char sb_key2[128], sb_id2[128], sb_secret2[128]; /* second tenant */

static void sandbox_stop(void) {
  if (sb_pid > 0) {
    kill(sb_pid, SIGTERM);
    waitpid(sb_pid, NULL, 0);
    sb_pid = 0;
  }
}

static void sb_copy(char *dst, size_t len, const cJSON *obj, const char *k) {
  const char *v =
      cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(obj, k));
  snprintf(dst, len, "%s", v ? v : "");
}

/* argv: extra options after --listen/--quiet, NULL-terminated. */
static void sandbox_start(const char *const *extra) {
  const char *bd = getenv("BUILD_DIR");
  const char *argv[32];
  char exe[512], line[8192];
  int fds[2], n = 0;
  FILE *f;
  cJSON *root;
  const cJSON *t2;
  char *p;

  snprintf(exe, sizeof(exe), "%s/conomy-sandbox", bd ? bd : "build");
  if (access(exe, X_OK) != 0) {
    fprintf(stderr, "%s is missing: build the conomy-sandbox target\n", exe);
    exit(2);
  }
  argv[n++] = exe;
  argv[n++] = "--listen";
  argv[n++] = "127.0.0.1:0";
  argv[n++] = "--quiet";
  for (; extra && *extra && n < 31; extra++)
    argv[n++] = *extra;
  argv[n] = NULL;
  if (pipe(fds) != 0)
    exit(2);
  sb_pid = fork();
  if (sb_pid == 0) {
    int devnull = open("/dev/null", O_WRONLY);
    prctl(PR_SET_PDEATHSIG, SIGTERM);
    dup2(fds[1], 1);
    if (devnull >= 0)
      dup2(devnull, 2); /* libmicrohttpd's notes about dropped faults */
    close(fds[0]);
    execv(exe, (char *const *)(uintptr_t)argv);
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
  sb_copy(sb_base, sizeof(sb_base), root, "baseUrl");
  sb_copy(sb_key, sizeof(sb_key), root, "apiKey");
  sb_copy(sb_id, sizeof(sb_id), root, "clientId");
  sb_copy(sb_secret, sizeof(sb_secret), root, "clientSecret");
  t2 = cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(root, "tenants"), 1);
  sb_copy(sb_key2, sizeof(sb_key2), t2, "apiKey");
  sb_copy(sb_id2, sizeof(sb_id2), t2, "clientId");
  sb_copy(sb_secret2, sizeof(sb_secret2), t2, "clientSecret");
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

__attribute__((unused)) static struct api_config sb_config(void) {
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

__attribute__((unused)) static struct api_client *sb_client(void) {
  struct api_config cfg = sb_config();
  struct api_client *c = NULL;
  struct api_error err;
  if (api_client_new(&cfg, &c, &err) != API_OK)
    exit(2);
  return c;
}

/* An admin call (no API headers); returns the parsed body or NULL. */
__attribute__((unused)) static cJSON *
sb_admin(const char *method, const char *path, const char *body, long *status) {
  struct http *h = NULL;
  struct http_request rq;
  struct http_response rs;
  struct api_error err;
  char url[512];
  cJSON *out = NULL;
  snprintf(url, sizeof(url), "%s%s", sb_root, path);
  memset(&rq, 0, sizeof(rq));
  rq.method = strcmp(method, "POST") == 0 ? HTTP_POST : HTTP_GET;
  rq.url = url;
  rq.body = body;
  rq.body_len = body ? strlen(body) : 0;
  http_response_init(&rs);
  http_new(NULL, &h);
  http_perform(h, &rq, &rs, &err);
  if (status)
    *status = rs.status;
  if (rs.body.len)
    out = cJSON_ParseWithLength(rs.body.buf, rs.body.len);
  http_response_cleanup(&rs);
  http_free(&h);
  return out;
}

__attribute__((unused)) static long sb_admin_faults(const char *body) {
  long status = 0;
  cJSON_Delete(sb_admin("POST", "/_admin/faults", body, &status));
  return status;
}

#endif
