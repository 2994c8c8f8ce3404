/*
 * fake_server.h - starts tests/fixtures/api/fake_server.py (a canned HTTP
 * server on 127.0.0.1, free port) for the API client's network tests, and
 * reads its request counters. Header-only, for test programs.
 */
#ifndef DESK_TEST_FAKE_SERVER_H
#define DESK_TEST_FAKE_SERVER_H

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>

#include <cjson/cJSON.h>

#include "api/api_client.h"
#include "api/http.h"

static FILE *fake_pipe_;
static int fake_port_;
static pid_t fake_pid_;

static void fake_server_stop(void) {
  if (fake_pid_ > 0) {
    kill(fake_pid_, SIGTERM);
    fake_pid_ = 0;
  }
  if (fake_pipe_) {
    pclose(fake_pipe_);
    fake_pipe_ = NULL;
  }
}

static void fake_server_start(void) {
  const char *dir = getenv("TESTS_DIR");
  char cmd[1024];
  int pid = 0;
  snprintf(cmd, sizeof(cmd), "exec python3 %s/fixtures/api/fake_server.py",
           dir ? dir : ".");
  fake_pipe_ = popen(cmd, "r");
  if (fake_pipe_ == NULL ||
      fscanf(fake_pipe_, "%d %d", &fake_port_, &pid) != 2) {
    fprintf(stderr, "cannot start the fake server (%s)\n", cmd);
    exit(2);
  }
  fake_pid_ = (pid_t)pid;
  atexit(fake_server_stop);
}

static char *fake_url(const char *scenario) {
  static char buf[8][128];
  static int next;
  char *b = buf[next++ % 8];
  snprintf(b, 128, "http://127.0.0.1:%d/%s", fake_port_, scenario);
  return b;
}

/* Default test config: small timeouts and delays. */
static struct api_config fake_config(const char *scenario) {
  struct api_config cfg;
  memset(&cfg, 0, sizeof(cfg));
  cfg.base_url = fake_url(scenario);
  cfg.api_key = "test-key";
  cfg.client_id = "cid";
  cfg.client_secret = "secret";
  cfg.connect_timeout_ms = 2000;
  cfg.total_timeout_ms = 5000;
  cfg.max_retries = 3;
  cfg.retry_base_ms = 20;
  cfg.retry_max_ms = 100;
  cfg.retry_after_cap_ms = 300;
  return cfg;
}

/* GETs <scenario>/<what> (_count or _last) as a cJSON tree. */
static cJSON *fake_get(const char *scenario, const char *what) {
  struct http *h = NULL;
  struct http_response rs;
  struct http_request rq;
  struct api_error err;
  char url[256];
  cJSON *root = NULL;
  snprintf(url, sizeof(url), "%s/%s", fake_url(scenario), what);
  http_response_init(&rs);
  memset(&rq, 0, sizeof(rq));
  rq.method = HTTP_GET;
  rq.url = url;
  if (http_new(NULL, &h) == API_OK && http_perform(h, &rq, &rs, &err) == API_OK)
    root = cJSON_ParseWithLength(rs.body.buf, rs.body.len);
  http_response_cleanup(&rs);
  http_free(&h);
  return root;
}

/* How many requests "METHOD /path" the scenario has seen. */
static int fake_count(const char *scenario, const char *key) {
  cJSON *root = fake_get(scenario, "_count");
  const cJSON *v = cJSON_GetObjectItemCaseSensitive(root, key);
  int n = cJSON_IsNumber(v) ? (int)v->valuedouble : 0;
  cJSON_Delete(root);
  return n;
}

__attribute__((unused)) static long long now_ms_(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

#endif
