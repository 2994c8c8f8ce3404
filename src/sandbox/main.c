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
  cJSON_AddStringToObject(o, "dialect", sandbox_dialect_name(sb->opts.dialect));
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

/* Fault shares given as options: the key in the faults JSON. */
static const char *share_key(int c) {
  static const struct {
    int opt;
    const char *key;
  } keys[] = {
      {OPT_E500, "error500Rate"},
      {OPT_E503, "error503Rate"},
      {OPT_E429, "rate429"},
      {OPT_DROP, "dropRate"},
      {OPT_TRUNC, "truncateRate"},
      {OPT_COMMIT_DROP, "commitThenDropRate"},
      {OPT_PROVIDER, "providerFailureRate"},
      {OPT_UNSETTLED, "unsettledRate"},
      {OPT_REFUND_FAIL, "refundFailureRate"},
  };
  for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
    if (keys[i].opt == c)
      return keys[i].key;
  return NULL;
}

static void set_fault(cJSON *faults, const char *key, double v) {
  cJSON_DeleteItemFromObject(faults, key);
  cJSON_AddNumberToObject(faults, key, v);
}

/* --faults JSON: its members replace those given so far. */
static int merge_faults(const char *arg, cJSON *faults) {
  cJSON *f = cJSON_Parse(arg);
  if (!cJSON_IsObject(f)) {
    cJSON_Delete(f);
    return usage_error("--faults: '%s' is not a JSON object", arg);
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
  return -1;
}

static int parse_seed(const char *arg, struct sandbox_opts *o) {
  char *end = NULL;
  errno = 0;
  unsigned long long s = strtoull(arg, &end, 10);
  if (errno || end == arg || *end != '\0' || arg[0] == '-')
    return usage_error("--seed: '%s' is not a non-negative integer", arg);
  o->seed = s;
  o->seed_set = true;
  return -1;
}

static int parse_scale(const char *arg, struct sandbox_opts *o) {
  int64_t micro = 0;
  if (money_parse_micro(arg, &micro) != CORE_OK || micro < 1000 ||
      micro > 1000000LL * 10000000)
    return usage_error("--time-scale: '%s' must be a number >= 0.001", arg);
  o->time_scale_milli = micro / 1000;
  return -1;
}

/* Options with a number in a range. Returns -1, an exit status, or -2
 * for another option. */
static int number_option(int c, const char *arg, struct sandbox_opts *o,
                         cJSON *faults) {
  long long v = 0;
  switch (c) {
  case OPT_TENANTS:
    if (!parse_ll(arg, 2, SANDBOX_MAX_TENANTS, &v))
      return usage_error("--tenants: '%s' is not a number from 2 to 8", arg);
    o->ntenants = (int)v;
    return -1;
  case OPT_TOKEN_TTL:
    if (!parse_ll(arg, 1, 86400 * 30, &v))
      return usage_error("--token-ttl: '%s' is not a number of seconds", arg);
    o->token_ttl_s = v;
    return -1;
  case OPT_DEMO:
    if (!parse_ll(arg, 0, 100000000, &v))
      return usage_error("--demo-data: '%s' is not a count", arg);
    o->demo_n = (long)v;
    return -1;
  case OPT_SETTLE:
    if (!parse_ll(arg, 0, 86400000LL * 365, &v))
      return usage_error("--settle-delay-ms: '%s' is not a duration", arg);
    o->settle_delay_ms = v;
    return -1;
  case OPT_LATENCY:
    if (!parse_ll(arg, 0, 600000, &v))
      return usage_error("--latency-ms: '%s' is not a duration", arg);
    set_fault(faults, "latencyMs", (double)v);
    return -1;
  default:
    return -2;
  }
}

/* One option. Returns -1 to go on, or the exit status (0 after --help or
 * --version). */
static int apply_option(int c, const char *arg, struct sandbox_opts *o,
                        cJSON *faults) {
  double share = 0;
  const char *key = share_key(c);
  if (key) {
    if (!parse_share(arg, &share))
      return usage_error("'%s' is not a share between 0 and 1", arg);
    set_fault(faults, key, share);
    return -1;
  }
  switch (c) {
  case 'h':
    fputs(usage_text, stdout);
    return 0;
  case OPT_VERSION:
    printf("conomy-sandbox %s\n", DESK_VERSION);
    return 0;
  case OPT_LISTEN:
    o->listen = arg;
    return -1;
  case OPT_ALLOW_REMOTE:
    o->allow_remote = true;
    return -1;
  case OPT_DB:
    o->db_path = arg;
    return -1;
  case OPT_NO_IDEM:
    o->no_idempotency = true;
    return -1;
  case OPT_QUIET:
    o->quiet = true;
    return -1;
  case OPT_WH_URL:
    o->webhook_url = arg;
    return -1;
  case OPT_WH_SECRET:
    o->webhook_secret = arg;
    return -1;
  case OPT_DIALECT:
    if (sandbox_dialect_parse(arg, &o->dialect) != 0)
      return usage_error("--dialect: '%s' is not contract or published", arg);
    return -1;
  case OPT_FAULTS:
    return merge_faults(arg, faults);
  case OPT_SEED:
    return parse_seed(arg, o);
  case OPT_SCALE:
    return parse_scale(arg, o);
  case OPT_THRESHOLD:
    if (!parse_threshold(arg, o))
      return usage_error("--review-threshold: '%s' is not CUR=AMOUNT", arg);
    return -1;
  default:
    break;
  }
  int ret = number_option(c, arg, o, faults);
  if (ret != -2)
    return ret;
  fprintf(stderr, "Try 'conomy-sandbox --help'.\n");
  return 2;
}

/* The command line into opts and faults. Returns -1 to run, or the exit
 * status. */
static int parse_args(int argc, char **argv, struct sandbox_opts *opts,
                      cJSON *faults) {
  for (;;) {
    int c = getopt_long(argc, argv, "h", long_opts, NULL);
    if (c == -1)
      break;
    int ret = apply_option(c, optarg, opts, faults);
    if (ret >= 0)
      return ret;
  }
  if (optind < argc)
    return usage_error("unexpected argument '%s'", argv[optind]);
  if (opts->webhook_url && strncmp(opts->webhook_url, "http://", 7) != 0)
    return usage_error("--webhook-url: '%s' must start with http://",
                       opts->webhook_url);
  return -1;
}

/* SIGINT/SIGTERM may arrive on any thread (libraries create threads with
 * their own masks): the handler only writes to a pipe that the main
 * thread waits on. */
static int catch_signals(void) {
  if (pipe(sig_pipe) != 0) {
    fprintf(stderr, "conomy-sandbox: cannot create a pipe\n");
    return -1;
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
  return 0;
}

static int make_demo(struct sandbox *sb, const struct sandbox_opts *opts,
                     char **cause) {
  struct timespec t0, t1;
  clock_gettime(CLOCK_MONOTONIC, &t0);
  if (sandbox_demo_generate(sb, opts->demo_n,
                            opts->seed_set ? opts->seed
                                           : sandbox_rand_u64(&sb->rand),
                            cause) != 0)
    return -1;
  clock_gettime(CLOCK_MONOTONIC, &t1);
  if (!opts->quiet)
    fprintf(stderr,
            "conomy-sandbox: demo data ready (%ld payments) in %lld ms\n",
            opts->demo_n,
            (long long)((t1.tv_sec - t0.tv_sec) * 1000 +
                        (t1.tv_nsec - t0.tv_nsec) / 1000000));
  return 0;
}

/* Open, listen, make the demo data, print the startup line and serve
 * until a signal. Returns the exit status. */
static int serve(const struct sandbox_opts *opts) {
  struct sandbox *sb = NULL;
  struct sandbox_server *srv = NULL;
  struct sandbox_worker *worker = NULL;
  char *cause = NULL;
  int ret = 1;
  if (catch_signals() != 0)
    goto out;
  if (sandbox_open(opts, &sb, &cause) != 0) {
    fprintf(stderr, "conomy-sandbox: %s\n", cause ? cause : "cannot start");
    goto out;
  }
  sandbox_idem_recover(sb);
  if (sandbox_server_start(sb, opts->listen, opts->allow_remote, &srv,
                           &cause) != 0) {
    fprintf(stderr, "conomy-sandbox: %s\n", cause);
    goto out;
  }
  snprintf(sb->base_url, sizeof(sb->base_url), "http://%s:%u/sandbox",
           sandbox_server_host(srv), sandbox_server_port(srv));
  if (opts->demo_n > 0 && make_demo(sb, opts, &cause) != 0) {
    fprintf(stderr, "conomy-sandbox: %s\n", cause);
    goto out;
  }
  worker = sandbox_worker_start(sb);
  print_startup(sb);
  if (!opts->quiet)
    fprintf(stderr, "conomy-sandbox: listening on %s (database %s)\n",
            sb->base_url, sandbox_db_path(sb->db));
  for (;;) {
    char c = 0;
    ssize_t n = read(sig_pipe[0], &c, 1);
    if (n == 1 || (n < 0 && errno != EINTR))
      break;
  }
  if (!opts->quiet)
    fprintf(stderr, "conomy-sandbox: shutting down\n");
  ret = 0;
out:
  sandbox_server_stop(&srv);
  sandbox_worker_stop(&worker);
  sandbox_free(&sb);
  free(cause);
  return ret;
}

int main(int argc, char **argv) {
  struct sandbox_opts opts;
  cJSON *faults = cJSON_CreateObject();
  sandbox_opts_defaults(&opts);
  int ret = parse_args(argc, argv, &opts, faults);
  if (ret < 0) {
    char *faults_text = cJSON_PrintUnformatted(faults);
    opts.faults_json = faults_text;
    ret = serve(&opts);
    cJSON_free(faults_text);
  }
  cJSON_Delete(faults);
  return ret;
}
