/*
 * conomy-sandbox - a stateful local emulator of the conomy_hq API.
 *
 * Parses the options, opens the store, starts the HTTP server and the clock
 * worker, generates demo data if asked, prints the startup JSON line on
 * stdout once it listens, and runs until SIGINT or SIGTERM.
 */
#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include "core/money.h"
#include "core/xalloc.h"
#include "sandbox/sandbox.h"
#include "sandbox/sandbox_demo.h"
#include "sandbox/sandbox_idem.h"
#include "sandbox/sandbox_server.h"
#include "sandbox/sandbox_worker.h"

static const char usage_text[] =
    "Usage: conomy-sandbox [OPTION]...\n"
    "A stateful local emulator of the conomy_hq API, on loopback.\n"
    "Prints one JSON line with baseUrl and credentials once it listens.\n"
    "\n"
    "Server:\n"
    "  --listen ADDR:PORT        listen address (default 127.0.0.1:0; port 0\n"
    "                            picks a free port)\n"
    "  --allow-remote            allow a non-loopback listen address\n"
    "  --db PATH                 SQLite database (default: a temporary file\n"
    "                            removed on exit)\n"
    "  --tenants N               number of tenants (default 2, max 8)\n"
    "  --token-ttl SECONDS       access token lifetime (default 3600)\n"
    "  --no-idempotency          ignore Idempotency-Key headers\n"
    "  --quiet                   no log lines on stderr\n"
    "  --dialect NAME            contract (default): the API as the contract\n"
    "                            settles it; published: what the published\n"
    "                            docs also allow (see docs/SANDBOX.md)\n"
    "Data:\n"
    "  --demo-data N             generate N demo payments (with customers,\n"
    "                            accounts, refunds, review items) when the\n"
    "                            database holds no payments yet\n"
    "  --seed S                  seed for credentials, ids, demo data, faults\n"
    "Time:\n"
    "  --settle-delay-ms MS      RECEIVED -> SETTLED after MS of sandbox time\n"
    "                            (default 2000)\n"
    "  --time-scale X            sandbox time runs X times real time\n"
    "                            (default 1; 3600 makes an hour a second)\n"
    "Review:\n"
    "  --review-threshold CUR=AMOUNT\n"
    "                            review threshold for a currency (repeatable)\n"
    "Webhooks:\n"
    "  --webhook-url URL         deliver events to URL (http:// only)\n"
    "  --webhook-secret S        HMAC-SHA256 key for X-Webhook-Signature\n"
    "Faults (shares are 0..1; also POST /_admin/faults at run time):\n"
    "  --latency-ms MS           delay every API response\n"
    "  --error-rate P            share of 500 answers\n"
    "  --unavailable-rate P      share of 503 answers\n"
    "  --rate-limit-rate P       share of 429 answers (Retry-After 1)\n"
    "  --drop-rate P             share of connections closed unanswered\n"
    "  --truncate-rate P         share of responses cut in half\n"
    "  --commit-drop-rate P      share of requests executed, then dropped\n"
    "  --provider-failure-rate P share of captures/authorizations FAILED\n"
    "  --unsettled-rate P        share of settlements ending UNSETTLED\n"
    "  --refund-failure-rate P   share of refunds ending FAILED\n"
    "  --faults JSON             fault settings as in POST /_admin/faults\n"
    "\n"
    "  -h, --help                this help\n"
    "  --version                 print the version\n";

enum opt_id {
  OPT_LISTEN = 1000,
  OPT_ALLOW_REMOTE,
  OPT_DB,
  OPT_TENANTS,
  OPT_TOKEN_TTL,
  OPT_NO_IDEM,
  OPT_QUIET,
  OPT_DEMO,
  OPT_SEED,
  OPT_SETTLE,
  OPT_SCALE,
  OPT_THRESHOLD,
  OPT_WH_URL,
  OPT_WH_SECRET,
  OPT_LATENCY,
  OPT_E500,
  OPT_E503,
  OPT_E429,
  OPT_DROP,
  OPT_TRUNC,
  OPT_COMMIT_DROP,
  OPT_PROVIDER,
  OPT_UNSETTLED,
  OPT_REFUND_FAIL,
  OPT_FAULTS,
  OPT_VERSION,
  OPT_DIALECT,
};

static const struct option long_opts[] = {
    {"listen", required_argument, NULL, OPT_LISTEN},
    {"allow-remote", no_argument, NULL, OPT_ALLOW_REMOTE},
    {"db", required_argument, NULL, OPT_DB},
    {"tenants", required_argument, NULL, OPT_TENANTS},
    {"token-ttl", required_argument, NULL, OPT_TOKEN_TTL},
    {"no-idempotency", no_argument, NULL, OPT_NO_IDEM},
    {"quiet", no_argument, NULL, OPT_QUIET},
    {"demo-data", required_argument, NULL, OPT_DEMO},
    {"seed", required_argument, NULL, OPT_SEED},
    {"settle-delay-ms", required_argument, NULL, OPT_SETTLE},
    {"time-scale", required_argument, NULL, OPT_SCALE},
    {"review-threshold", required_argument, NULL, OPT_THRESHOLD},
    {"webhook-url", required_argument, NULL, OPT_WH_URL},
    {"webhook-secret", required_argument, NULL, OPT_WH_SECRET},
    {"latency-ms", required_argument, NULL, OPT_LATENCY},
    {"error-rate", required_argument, NULL, OPT_E500},
    {"unavailable-rate", required_argument, NULL, OPT_E503},
    {"rate-limit-rate", required_argument, NULL, OPT_E429},
    {"drop-rate", required_argument, NULL, OPT_DROP},
    {"truncate-rate", required_argument, NULL, OPT_TRUNC},
    {"commit-drop-rate", required_argument, NULL, OPT_COMMIT_DROP},
    {"provider-failure-rate", required_argument, NULL, OPT_PROVIDER},
    {"unsettled-rate", required_argument, NULL, OPT_UNSETTLED},
    {"refund-failure-rate", required_argument, NULL, OPT_REFUND_FAIL},
    {"faults", required_argument, NULL, OPT_FAULTS},
    {"dialect", required_argument, NULL, OPT_DIALECT},
    {"help", no_argument, NULL, 'h'},
    {"version", no_argument, NULL, OPT_VERSION},
    {NULL, 0, NULL, 0},
};

static int sig_pipe[2] = {-1, -1};

/* Async-signal-safe: only a write to the pipe. */
static void on_signal(int sig) {
  char c = (char)sig;
  ssize_t n = write(sig_pipe[1], &c, 1);
  (void)n;
}

static int usage_error(const char *fmt, const char *arg) {
  fprintf(stderr, "conomy-sandbox: ");
  fprintf(stderr, fmt, arg);
  fprintf(stderr, "\nTry 'conomy-sandbox --help'.\n");
  return 2;
}

static bool parse_ll(const char *s, long long min, long long max,
                     long long *out) {
  char *end = NULL;
  errno = 0;
  long long v = strtoll(s, &end, 10);
  if (errno || end == s || *end != '\0' || v < min || v > max)
    return false;
  *out = v;
  return true;
}

/* Decimal share "0.25" -> 0..1 checked; stored as text in the faults JSON. */
static bool parse_share(const char *s, double *out) {
  int64_t micro = 0;
  if (money_parse_micro(s, &micro) != CORE_OK || micro < 0 || micro > 1000000)
    return false;
  *out = (double)micro / 1e6;
  return true;
}

static bool parse_threshold(const char *arg, struct sandbox_opts *o) {
  const char *eq = strchr(arg, '=');
  char cur[8];
  struct money m;
  if (eq == NULL || eq == arg || (size_t)(eq - arg) >= sizeof(cur) ||
      o->nthresholds == SANDBOX_MAX_THRESHOLDS)
    return false;
  snprintf(cur, sizeof(cur), "%.*s", (int)(eq - arg), arg);
  if (money_parse(eq + 1, cur, &m) != CORE_OK || m.minor < 0)
    return false;
  struct sandbox_threshold *t = &o->thresholds[o->nthresholds++];
  snprintf(t->currency, sizeof(t->currency), "%s", cur);
  t->minor = m.minor;
  return true;
}

static void print_startup(struct sandbox *sb) {
  cJSON *o = cJSON_CreateObject();
  cJSON_AddStringToObject(o, "baseUrl", sb->base_url);
  cJSON_AddStringToObject(o, "apiKey", sb->tenants[0].api_key);
  cJSON_AddStringToObject(o, "clientId", sb->tenants[0].client_id);
  cJSON_AddStringToObject(o, "clientSecret", sb->tenants[0].client_secret);
  cJSON_AddStringToObject(o, "providerSecret", sb->provider_secret);
  cJSON_AddStringToObject(o, "webhookSecret", sb->webhook_secret);
  cJSON *arr = cJSON_AddArrayToObject(o, "tenants");
  for (int i = 0; i < sb->ntenants; i++) {
    cJSON *t = cJSON_CreateObject();
    cJSON_AddStringToObject(t, "apiKey", sb->tenants[i].api_key);
    cJSON_AddStringToObject(t, "clientId", sb->tenants[i].client_id);
    cJSON_AddStringToObject(t, "clientSecret", sb->tenants[i].client_secret);
    cJSON_AddItemToArray(arr, t);
  }
  char *s = cJSON_PrintUnformatted(o);
  fprintf(stdout, "%s\n", s);
  fflush(stdout);
  cJSON_free(s);
  cJSON_Delete(o);
}

int main(int argc, char **argv) {
  struct sandbox_opts opts;
  struct sandbox *sb = NULL;
  struct sandbox_server *srv = NULL;
  struct sandbox_worker *worker = NULL;
  cJSON *faults = cJSON_CreateObject();
  char *cause = NULL;
  char *faults_text = NULL;
  int ret = 1;
  long long v = 0;
  double share = 0;

  sandbox_opts_defaults(&opts);
  for (;;) {
    int c = getopt_long(argc, argv, "h", long_opts, NULL);
    if (c == -1)
      break;
    const char *key = NULL;
    switch (c) {
    case 'h':
      fputs(usage_text, stdout);
      ret = 0;
      goto out;
    case OPT_VERSION:
      printf("conomy-sandbox %s\n", DESK_VERSION);
      ret = 0;
      goto out;
    case OPT_LISTEN:
      opts.listen = optarg;
      break;
    case OPT_ALLOW_REMOTE:
      opts.allow_remote = true;
      break;
    case OPT_DB:
      opts.db_path = optarg;
      break;
    case OPT_NO_IDEM:
      opts.no_idempotency = true;
      break;
    case OPT_QUIET:
      opts.quiet = true;
      break;
    case OPT_DIALECT:
      if (sandbox_dialect_parse(optarg, &opts.dialect) != 0) {
        ret =
            usage_error("--dialect: '%s' is not contract or published", optarg);
        goto out;
      }
      break;
    case OPT_WH_URL:
      opts.webhook_url = optarg;
      break;
    case OPT_WH_SECRET:
      opts.webhook_secret = optarg;
      break;
    case OPT_FAULTS: {
      cJSON *f = cJSON_Parse(optarg);
      if (!cJSON_IsObject(f)) {
        cJSON_Delete(f);
        ret = usage_error("--faults: '%s' is not a JSON object", optarg);
        goto out;
      }
      cJSON *it = f->child;
      while (it) {
        cJSON *next = it->next;
        cJSON *item = cJSON_DetachItemViaPointer(f, it);
        cJSON_DeleteItemFromObjectCaseSensitive(faults, item->string);
        cJSON_AddItemToObject(faults, item->string, item);
        it = next;
      }
      cJSON_Delete(f);
      break;
    }
    case OPT_TENANTS:
      if (!parse_ll(optarg, 2, SANDBOX_MAX_TENANTS, &v)) {
        ret =
            usage_error("--tenants: '%s' is not a number from 2 to 8", optarg);
        goto out;
      }
      opts.ntenants = (int)v;
      break;
    case OPT_TOKEN_TTL:
      if (!parse_ll(optarg, 1, 86400 * 30, &v)) {
        ret =
            usage_error("--token-ttl: '%s' is not a number of seconds", optarg);
        goto out;
      }
      opts.token_ttl_s = v;
      break;
    case OPT_DEMO:
      if (!parse_ll(optarg, 0, 100000000, &v)) {
        ret = usage_error("--demo-data: '%s' is not a count", optarg);
        goto out;
      }
      opts.demo_n = (long)v;
      break;
    case OPT_SEED: {
      char *end = NULL;
      errno = 0;
      unsigned long long s = strtoull(optarg, &end, 10);
      if (errno || end == optarg || *end != '\0' || optarg[0] == '-') {
        ret = usage_error("--seed: '%s' is not a non-negative integer", optarg);
        goto out;
      }
      opts.seed = s;
      opts.seed_set = true;
      break;
    }
    case OPT_SETTLE:
      if (!parse_ll(optarg, 0, 86400000LL * 365, &v)) {
        ret = usage_error("--settle-delay-ms: '%s' is not a duration", optarg);
        goto out;
      }
      opts.settle_delay_ms = v;
      break;
    case OPT_SCALE: {
      int64_t micro = 0;
      if (money_parse_micro(optarg, &micro) != CORE_OK || micro < 1000 ||
          micro > 1000000LL * 10000000) {
        ret =
            usage_error("--time-scale: '%s' must be a number >= 0.001", optarg);
        goto out;
      }
      opts.time_scale_milli = micro / 1000;
      break;
    }
    case OPT_THRESHOLD:
      if (!parse_threshold(optarg, &opts)) {
        ret = usage_error("--review-threshold: '%s' is not CUR=AMOUNT", optarg);
        goto out;
      }
      break;
    case OPT_LATENCY:
      if (!parse_ll(optarg, 0, 600000, &v)) {
        ret = usage_error("--latency-ms: '%s' is not a duration", optarg);
        goto out;
      }
      cJSON_DeleteItemFromObject(faults, "latencyMs");
      cJSON_AddNumberToObject(faults, "latencyMs", (double)v);
      break;
    case OPT_E500:
      key = "error500Rate";
      break;
    case OPT_E503:
      key = "error503Rate";
      break;
    case OPT_E429:
      key = "rate429";
      break;
    case OPT_DROP:
      key = "dropRate";
      break;
    case OPT_TRUNC:
      key = "truncateRate";
      break;
    case OPT_COMMIT_DROP:
      key = "commitThenDropRate";
      break;
    case OPT_PROVIDER:
      key = "providerFailureRate";
      break;
    case OPT_UNSETTLED:
      key = "unsettledRate";
      break;
    case OPT_REFUND_FAIL:
      key = "refundFailureRate";
      break;
    default:
      fprintf(stderr, "Try 'conomy-sandbox --help'.\n");
      ret = 2;
      goto out;
    }
    if (key) {
      if (!parse_share(optarg, &share)) {
        ret = usage_error("'%s' is not a share between 0 and 1", optarg);
        goto out;
      }
      cJSON_DeleteItemFromObject(faults, key);
      cJSON_AddNumberToObject(faults, key, share);
    }
  }
  if (optind < argc) {
    ret = usage_error("unexpected argument '%s'", argv[optind]);
    goto out;
  }
  if (opts.webhook_url && strncmp(opts.webhook_url, "http://", 7) != 0) {
    ret = usage_error("--webhook-url: '%s' must start with http://",
                      opts.webhook_url);
    goto out;
  }
  faults_text = cJSON_PrintUnformatted(faults);
  opts.faults_json = faults_text;

  /* SIGINT/SIGTERM may arrive on any thread (libraries create threads with
   * their own masks): the handler only writes to a pipe that the main
   * thread waits on. */
  if (pipe(sig_pipe) != 0) {
    fprintf(stderr, "conomy-sandbox: cannot create a pipe\n");
    goto out;
  }
  struct sigaction sa;
  memset(&sa, 0, sizeof(sa));
  sa.sa_handler = on_signal;
  sigemptyset(&sa.sa_mask);
  sa.sa_flags = SA_RESTART;
  sigaction(SIGINT, &sa, NULL);
  sigaction(SIGTERM, &sa, NULL);
  signal(SIGPIPE, SIG_IGN);
  signal(SIGHUP, SIG_IGN);

  if (sandbox_open(&opts, &sb, &cause) != 0) {
    fprintf(stderr, "conomy-sandbox: %s\n", cause ? cause : "cannot start");
    goto out;
  }
  sandbox_idem_recover(sb);
  if (sandbox_server_start(sb, opts.listen, opts.allow_remote, &srv, &cause) !=
      0) {
    fprintf(stderr, "conomy-sandbox: %s\n", cause);
    goto out;
  }
  snprintf(sb->base_url, sizeof(sb->base_url), "http://%s:%u/sandbox",
           sandbox_server_host(srv), sandbox_server_port(srv));
  if (opts.demo_n > 0) {
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    if (sandbox_demo_generate(sb, opts.demo_n,
                              opts.seed_set ? opts.seed
                                            : sandbox_rand_u64(&sb->rand),
                              &cause) != 0) {
      fprintf(stderr, "conomy-sandbox: %s\n", cause);
      goto out;
    }
    clock_gettime(CLOCK_MONOTONIC, &t1);
    if (!opts.quiet)
      fprintf(stderr,
              "conomy-sandbox: demo data ready (%ld payments) in "
              "%lld ms\n",
              opts.demo_n,
              (long long)((t1.tv_sec - t0.tv_sec) * 1000 +
                          (t1.tv_nsec - t0.tv_nsec) / 1000000));
  }
  worker = sandbox_worker_start(sb);
  print_startup(sb);
  if (!opts.quiet)
    fprintf(stderr, "conomy-sandbox: listening on %s (database %s)\n",
            sb->base_url, sandbox_db_path(sb->db));

  for (;;) {
    char c = 0;
    ssize_t n = read(sig_pipe[0], &c, 1);
    if (n == 1 || (n < 0 && errno != EINTR))
      break;
  }
  if (!opts.quiet)
    fprintf(stderr, "conomy-sandbox: shutting down\n");
  ret = 0;
out:
  sandbox_server_stop(&srv);
  sandbox_worker_stop(&worker);
  sandbox_free(&sb);
  cJSON_Delete(faults);
  cJSON_free(faults_text);
  free(cause);
  return ret;
}
