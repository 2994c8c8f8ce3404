/*
 * webhook_server + webhook_verify + webhook_event_parse against the real
 * conomy-sandbox's signed deliveries: a capture made through the client
 * reaches the receiver as a verified payment event; a receiver holding the
 * wrong secret answers 401 to every delivery and its handler never runs.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "api/api_actions.h"
#include "api/api_client.h"
#include "api/webhook.h"
#include "api/webhook_server.h"
#include "sandbox_proc.h"
#include "test.h"

#define GOOD_SECRET "whsec_sandbox_contract_test"

struct inbox {
  pthread_mutex_t mu;
  int events;
  char ids[64][32];
  char types[64][64];
};

static struct inbox box = {PTHREAD_MUTEX_INITIALIZER, 0, {{0}}, {{0}}};
static struct webhook_server *srv;
static int wrong_calls;

/* Stops the receiver from an atexit handler: its thread must be gone (and
 * its OpenSSL thread state freed) before the leak checker runs. */
static void stop_receiver(void) {
  webhook_server_stop(&srv);
}

static int on_event(void *ud, const struct webhook_event *ev) {
  (void)ud;
  pthread_mutex_lock(&box.mu);
  if (box.events < 64) {
    snprintf(box.ids[box.events], sizeof(box.ids[0]), "%s",
             ev->subject == WEBHOOK_SUBJECT_PAYMENT && ev->payment.id
                 ? ev->payment.id
                 : "");
    snprintf(box.types[box.events], sizeof(box.types[0]), "%s", ev->event_type);
    box.events++;
  }
  pthread_mutex_unlock(&box.mu);
  return 200;
}

static int on_event_wrong(void *ud, const struct webhook_event *ev) {
  (void)ud;
  (void)ev;
  wrong_calls++;
  return 200;
}

static bool seen(const char *id, char *type, size_t len) {
  bool found = false;
  pthread_mutex_lock(&box.mu);
  for (int i = 0; i < box.events && !found; i++)
    if (strcmp(box.ids[i], id) == 0) {
      snprintf(type, len, "%s", box.types[i]);
      found = true;
    }
  pthread_mutex_unlock(&box.mu);
  return found;
}

static void test_capture_is_delivered_and_verified(void) {
  struct api_client *c = sb_client();
  struct payment_list l = {0};
  struct api_payment_query q;
  struct api_page pg;
  struct api_error err;
  struct payment p;
  const char *id = NULL;
  char type[64] = "";
  bool got = false;

  memset(&q, 0, sizeof(q));
  q.status = "CREATED";
  q.limit = 100;
  CHECK_INT(api_payments_list(c, &q, &l, &pg, &err), API_OK);
  /* the first CREATED payment that may be authorized (a customer may be
   * INACTIVE, which the sandbox refuses with 422) */
  for (size_t i = 0; i < l.count && id == NULL; i++) {
    if (l.items[i].account_number == NULL)
      continue;
    if (api_payment_authorize(c, l.items[i].id, NULL, &p, &err) == API_OK)
      id = l.items[i].id;
    payment_cleanup(&p);
  }
  CHECK(id != NULL);
  if (id == NULL)
    return;
  for (int i = 0; i < 100 && !got; i++) {
    /* let due deliveries run now rather than on the sandbox's timer */
    cJSON_Delete(sb_admin("POST", "/_admin/clock", "{\"advanceMs\":1}", NULL));
    got = seen(id, type, sizeof(type));
    if (!got)
      usleep(50 * 1000);
  }
  CHECK(got);
  CHECK(type[0] != '\0');
  CHECK(webhook_server_accepted(srv) >= 1);
  CHECK_INT(webhook_server_rejected(srv), 0);
  payment_list_cleanup(&l);
  api_client_free(&c);
}

/* A second sandbox delivering to a receiver that holds another secret:
 * every delivery is refused with 401 and the handler never runs. */
static void test_wrong_secret_rejects_everything(void) {
  struct webhook_server *bad = NULL;
  struct api_error err;
  const char *bd = getenv("BUILD_DIR");
  char exe[512], url[128], line[8192];
  int fds[2];
  pid_t pid;
  FILE *f;

  CHECK_INT(webhook_server_start("127.0.0.1:0", "not-the-secret",
                                 on_event_wrong, NULL, &bad, &err),
            API_OK);
  snprintf(url, sizeof(url), "http://127.0.0.1:%d/hook",
           webhook_server_port(bad));
  snprintf(exe, sizeof(exe), "%s/conomy-sandbox", bd ? bd : "build");
  CHECK(pipe(fds) == 0);
  pid = fork();
  if (pid == 0) {
    prctl(PR_SET_PDEATHSIG, SIGTERM);
    dup2(fds[1], 1);
    close(fds[0]);
    execl(exe, exe, "--listen", "127.0.0.1:0", "--quiet", "--demo-data", "30",
          "--seed", "6", "--webhook-url", url, "--webhook-secret", GOOD_SECRET,
          (char *)NULL);
    _exit(127);
  }
  close(fds[1]);
  f = fdopen(fds[0], "r");
  CHECK(f != NULL && fgets(line, sizeof(line), f) != NULL);
  /* the demo data's own events are delivered at start-up */
  for (int i = 0; i < 60 && webhook_server_rejected(bad) == 0; i++)
    usleep(50 * 1000);
  CHECK(webhook_server_rejected(bad) > 0);
  CHECK_INT(webhook_server_accepted(bad), 0);
  CHECK_INT(wrong_calls, 0);
  kill(pid, SIGTERM);
  waitpid(pid, NULL, 0);
  if (f)
    fclose(f);
  webhook_server_stop(&bad);
}

TEST_LIST = {
    {"capture_is_delivered_and_verified",
     test_capture_is_delivered_and_verified},
    {"wrong_secret_rejects_everything", test_wrong_secret_rejects_everything},
    {NULL, NULL}};

__attribute__((constructor)) static void start(void) {
  struct api_error err;
  static char url[128];
  static const char *opts[] = {
      "--demo-data",      "40",        "--seed", "5", "--webhook-url", NULL,
      "--webhook-secret", GOOD_SECRET, NULL};
  if (webhook_server_start("127.0.0.1:0", GOOD_SECRET, on_event, NULL, &srv,
                           &err) != API_OK) {
    fprintf(stderr, "webhook_server_start: %s\n", err.detail);
    exit(2);
  }
  atexit(stop_receiver);
  snprintf(url, sizeof(url), "http://127.0.0.1:%d/hook",
           webhook_server_port(srv));
  opts[5] = url;
  sandbox_start(opts);
}
