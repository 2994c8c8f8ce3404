/*
 * cli_listen - `conomy-desk listen [--addr HOST:PORT] [--secret-file F]`.
 * The webhook secret comes from CONOMY_WEBHOOK_SECRET or a file that must
 * be mode 0600 (never from a flag). Prints one line per delivery; stops
 * on SIGINT/SIGTERM.
 */
#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "app/app_listen.h"
#include "cli/cli_cmds.h"
#include "core/sanitize.h"
#include "core/xalloc.h"

static volatile sig_atomic_t stop_flag;

static void on_signal(int sig) {
  (void)sig;
  stop_flag = 1;
}

static void print_line(void *ud, const char *line) {
  (void)ud;
  char *clean = sanitize_text(line);
  printf("%s\n", clean);
  fflush(stdout);
  free(clean);
}

static char *read_secret_file(const char *path, char *err, size_t errlen) {
  struct stat st;
  if (stat(path, &st) != 0) {
    snprintf(err, errlen, "%s: %s", path, strerror(errno));
    return NULL;
  }
  if ((st.st_mode & 077) != 0 || st.st_uid != getuid()) {
    snprintf(err, errlen,
             "%s is accessible by others (mode %03o); run: chmod 600 %s",
             path, (unsigned)(st.st_mode & 0777), path);
    return NULL;
  }
  FILE *f = fopen(path, "r");
  if (f == NULL) {
    snprintf(err, errlen, "%s: %s", path, strerror(errno));
    return NULL;
  }
  char buf[512] = "";
  if (fgets(buf, sizeof buf, f) == NULL)
    buf[0] = '\0';
  fclose(f);
  buf[strcspn(buf, "\r\n")] = '\0';
  if (buf[0] == '\0') {
    snprintf(err, errlen, "%s is empty", path);
    return NULL;
  }
  char *s = xstrdup(buf);
  memset(buf, 0, sizeof buf);
  return s;
}

int cli_cmd_listen(struct cli_ctx *ctx, int argc, char **argv) {
  static const struct option opts[] = {
      {"addr", required_argument, NULL, 'a'},
      {"secret-file", required_argument, NULL, 's'},
      {NULL, 0, NULL, 0},
  };
  const char *addr = "127.0.0.1:8787", *secret_file = NULL;
  optind = 0; /* 0: glibc re-reads the ordering mode */
  opterr = 0;
  int c;
  while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
    if (c == 'a')
      addr = optarg;
    else if (c == 's')
      secret_file = optarg;
    else
      return cli_fail(APP_ERR_USAGE, "listen: unknown option %s",
                      argv[optind - 1]);
  }
  if (optind != argc)
    return cli_fail(APP_ERR_USAGE,
                    "usage: listen [--addr HOST:PORT] [--secret-file F]");
  if (ctx->offline)
    return cli_fail(APP_ERR_USAGE, "listen needs the network");
  char *secret = NULL;
  char err[512];
  if (secret_file) {
    secret = read_secret_file(secret_file, err, sizeof err);
    if (secret == NULL)
      return cli_fail(APP_ERR_CONFIG, "webhook secret: %s", err);
  } else if (getenv("CONOMY_WEBHOOK_SECRET") &&
             *getenv("CONOMY_WEBHOOK_SECRET")) {
    secret = xstrdup(getenv("CONOMY_WEBHOOK_SECRET"));
  } else {
    return cli_fail(APP_ERR_CONFIG,
                    "listen needs the webhook secret: set "
                    "CONOMY_WEBHOOK_SECRET or pass --secret-file");
  }
  int rc = cli_open_app(ctx);
  if (rc) {
    free(secret);
    return rc;
  }
  struct sigaction sa = {0};
  sa.sa_handler = on_signal;
  sigaction(SIGINT, &sa, NULL);
  sigaction(SIGTERM, &sa, NULL);
  struct app_error aerr = {0};
  enum app_err e = app_listen(ctx->app, addr, secret, &stop_flag, print_line,
                              NULL, NULL, &aerr);
  memset(secret, 0, strlen(secret));
  free(secret);
  if (e != APP_OK)
    return cli_fail_app(&aerr);
  return 0;
}
