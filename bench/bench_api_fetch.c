/*
 * bench_api_fetch - how fast the API client pages through payments.
 *
 * Starts $BUILD_DIR/conomy-sandbox on 127.0.0.1 with BENCH_API_N demo
 * payments (default 20000), then, on one kept-alive connection:
 *   1. api_payments_list over every page of 500 (transport + JSON mapping),
 *   2. the same pages fetched raw through the http module (transport only),
 *      and by the curl tool in one process (the baseline),
 *   3. the JSON mapping alone, repeated over the pages fetched in 2,
 *   4. cJSON's parse alone over the same pages, for scale.
 * Prints payments per second for each. Not a test: it never fails on time.
 */
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include "api/api_client.h"
#include "api/http.h"
#include "api/json_payment.h"

static pid_t sb_pid;

static double now_s(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void stop(void) {
  if (sb_pid > 0) {
    kill(sb_pid, SIGTERM);
    waitpid(sb_pid, NULL, 0);
  }
}

static cJSON *start(const char *n) {
  const char *bd = getenv("BUILD_DIR");
  char exe[512], line[8192];
  int fds[2];
  FILE *f;
  snprintf(exe, sizeof(exe), "%s/conomy-sandbox", bd ? bd : "build");
  if (pipe(fds) != 0)
    exit(1);
  sb_pid = fork();
  if (sb_pid == 0) {
    prctl(PR_SET_PDEATHSIG, SIGTERM);
    dup2(fds[1], 1);
    close(fds[0]);
    execl(exe, exe, "--listen", "127.0.0.1:0", "--demo-data", n, "--seed", "1",
          "--quiet", (char *)NULL);
    _exit(127);
  }
  close(fds[1]);
  atexit(stop);
  f = fdopen(fds[0], "r");
  if (f == NULL || fgets(line, sizeof(line), f) == NULL) {
    fprintf(stderr, "cannot start %s\n", exe);
    exit(1);
  }
  return cJSON_Parse(line);
}

static const char *jstr(const cJSON *o, const char *k) {
  const char *v = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(o, k));
  return v ? v : "";
}

int main(void) {
  const char *n = getenv("BENCH_API_N") ? getenv("BENCH_API_N") : "20000";
  cJSON *sb;
  struct api_config cfg;
  struct api_client *c = NULL;
  struct api_error err;
  struct payment_list all = {0};
  struct api_payment_query q;
  struct api_page pg;
  double t0, t_client, t_raw, t_map;
  size_t pages = 0, bytes = 0, mapped = 0;
  char **bodies = NULL;
  size_t *lens = NULL;
  char *token = NULL;

  t0 = now_s();
  sb = start(n);
  printf("sandbox with %s payments ready in %.2f s\n", n, now_s() - t0);

  memset(&cfg, 0, sizeof(cfg));
  cfg.base_url = jstr(sb, "baseUrl");
  cfg.api_key = jstr(sb, "apiKey");
  cfg.client_id = jstr(sb, "clientId");
  cfg.client_secret = jstr(sb, "clientSecret");
  if (api_client_new(&cfg, &c, &err) != API_OK ||
      api_authenticate(c, &err) != API_OK) {
    fprintf(stderr, "client: %s\n", err.detail);
    return 1;
  }

  /* 1. the client: transport + mapping */
  memset(&q, 0, sizeof(q));
  q.limit = 500;
  t0 = now_s();
  for (;;) {
    if (api_payments_list(c, &q, &all, &pg, &err) != API_OK) {
      char buf[300];
      api_error_format(&err, buf, sizeof(buf));
      fprintf(stderr, "list: %s\n", buf);
      return 1;
    }
    pages++;
    if (!pg.has_next)
      break;
    q.offset = pg.next_offset;
  }
  t_client = now_s() - t0;
  printf("client   : %zu payments, %zu pages in %.3f s = %.0f payments/s\n",
         all.count, pages, t_client, (double)all.count / t_client);

  /* 2. raw pages through the http module (same headers, no mapping) */
  {
    struct http *h = NULL;
    struct http_request rq;
    struct http_response rs;
    char url[512], auth[2048], key[256];
    const char *hdrs[4];
    char body[512];
    cJSON *tok;
    snprintf(body, sizeof(body),
             "{\"clientId\":\"%s\",\"clientSecret\":"
             "\"%s\"}",
             cfg.client_id, cfg.client_secret);
    snprintf(key, sizeof(key), "x-api-key: %s", cfg.api_key);
    hdrs[0] = key;
    hdrs[1] = "Content-Type: application/json";
    hdrs[2] = NULL;
    http_new(NULL, &h);
    http_response_init(&rs);
    memset(&rq, 0, sizeof(rq));
    snprintf(url, sizeof(url), "%s/auth", cfg.base_url);
    rq.method = HTTP_POST;
    rq.url = url;
    rq.headers = hdrs;
    rq.body = body;
    rq.body_len = strlen(body);
    if (http_perform(h, &rq, &rs, &err) != API_OK)
      return 1;
    tok = cJSON_ParseWithLength(rs.body.buf, rs.body.len);
    token = strdup(jstr(tok, "accessToken"));
    cJSON_Delete(tok);
    snprintf(auth, sizeof(auth), "Authorization: Bearer %s", token);
    hdrs[1] = auth;
    hdrs[2] = "User-Agent: bench";
    hdrs[3] = NULL;
    bodies = calloc(pages, sizeof(*bodies));
    lens = calloc(pages, sizeof(*lens));
    t0 = now_s();
    for (size_t i = 0; i < pages; i++) {
      memset(&rq, 0, sizeof(rq));
      snprintf(url, sizeof(url), "%s/payments?limit=500&offset=%zu",
               cfg.base_url, i * 500);
      rq.url = url;
      rq.headers = hdrs;
      if (http_perform(h, &rq, &rs, &err) != API_OK)
        return 1;
      bytes += rs.body.len;
      lens[i] = rs.body.len;
      bodies[i] = strbuf_detach(&rs.body);
    }
    t_raw = now_s() - t0;
    printf("raw http : %zu pages, %.1f MiB in %.3f s = %.0f payments/s\n",
           pages, (double)bytes / 1048576.0, t_raw, (double)all.count / t_raw);
    http_response_cleanup(&rs);
    http_free(&h);
  }

  /* 2b. the same pages with the curl tool, one process, one connection */
  {
    char cfgpath[] = "/tmp/bench-api-curl-XXXXXX";
    int fd = mkstemp(cfgpath);
    FILE *cf = fd >= 0 ? fdopen(fd, "w") : NULL;
    char cmd[600];
    if (cf) {
      fprintf(cf,
              "silent\nheader = \"x-api-key: %s\"\n"
              "header = \"Authorization: Bearer %s\"\n"
              "header = \"User-Agent: bench\"\n",
              cfg.api_key, token);
      for (size_t i = 0; i < pages; i++)
        fprintf(cf,
                "url = \"%s/payments?limit=500&offset=%zu\"\n"
                "output = \"/dev/null\"\n",
                cfg.base_url, i * 500);
      fclose(cf);
      snprintf(cmd, sizeof(cmd), "curl -K %s", cfgpath);
      t0 = now_s();
      if (system(cmd) == 0)
        printf("curl tool: %zu pages in %.3f s = %.0f payments/s\n", pages,
               now_s() - t0, (double)all.count / (now_s() - t0));
      else
        printf("curl tool: not available\n");
      unlink(cfgpath);
    }
  }

  /* 3. mapping only */
  t0 = now_s();
  for (int rep = 0; rep < 3; rep++) {
    for (size_t i = 0; i < pages; i++) {
      struct payment_list l = {0};
      cJSON *root = cJSON_ParseWithLength(bodies[i], lens[i]);
      if (json_payment_list(root, 500, 0, &l, &pg, NULL, &err) != API_OK)
        return 1;
      mapped += l.count;
      payment_list_cleanup(&l);
      cJSON_Delete(root);
    }
  }
  t_map = now_s() - t0;
  printf("mapping  : %zu payments in %.3f s = %.0f payments/s "
         "(%.1f MiB/s of JSON)\n",
         mapped, t_map, (double)mapped / t_map,
         3.0 * (double)bytes / 1048576.0 / t_map);

  /* 4. the cJSON parse alone, for scale */
  t0 = now_s();
  for (int rep = 0; rep < 3; rep++)
    for (size_t i = 0; i < pages; i++)
      cJSON_Delete(cJSON_ParseWithLength(bodies[i], lens[i]));
  t_map = now_s() - t0;
  printf("cJSON    : parse+free only %.3f s = %.0f payments/s\n", t_map,
         (double)mapped / t_map);

  for (size_t i = 0; i < pages; i++)
    free(bodies[i]);
  free(bodies);
  free(lens);
  free(token);
  payment_list_cleanup(&all);
  api_client_free(&c);
  cJSON_Delete(sb);
  return 0;
}
