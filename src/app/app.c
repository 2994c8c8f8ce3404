/*
 * app - open/close, error mapping, status, and the cache reads the panes
 * use. The app owns one cache connection for the caller's thread; the worker
 * (app_worker.c) has its own.
 */
#include "app/app.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app/app_internal.h"
#include "cache/cache_outbox.h"
#include "cache/cache_quarantine.h"
#include "cache/cache_version.h"
#include "core/sanitize.h"
#include "core/xalloc.h"

int64_t app_now_ms(void) {
  struct timespec ts;
  clock_gettime(CLOCK_REALTIME, &ts);
  return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

int64_t app_clock_ms(struct app *a) {
  return a && a->clock_ms ? a->clock_ms(a->clock_ud) : app_now_ms();
}

/* Test hook: CONOMY_TEST_CLOCK_SKEW_MS=N moves the outbox's clock N ms
 * ahead (the grace period and the duplicate-refund window), so a test can
 * act "after the grace period" without sleeping. Read once at open; not a
 * setting (docs/ARCHITECTURE.md, "The outbox"). */
static int64_t skewed_clock(void *ud) {
  return app_now_ms() + *(const int64_t *)ud;
}

void app_error_set(struct app_error *err, enum app_err code, const char *fmt,
                   ...) {
  if (err == NULL)
    return;
  err->code = code;
  err->unreachable = false;
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(err->msg, sizeof err->msg, fmt, ap);
  va_end(ap);
}

enum app_err app_error_from_api(struct app_error *err,
                                const struct api_error *ae, const char *what) {
  enum app_err code;
  switch (ae->code) {
  case API_OK:
    code = APP_OK;
    break;
  case API_ERR_CONFIG:
    code = APP_ERR_CONFIG;
    break;
  case API_ERR_NETWORK:
  case API_ERR_TIMEOUT:
  case API_ERR_UNKNOWN_OUTCOME:
  case API_ERR_RATE_LIMITED:
  case API_ERR_SERVER:
    code = APP_ERR_NETWORK;
    break;
  case API_ERR_AUTH:
    code = APP_ERR_AUTH;
    break;
  case API_ERR_FORBIDDEN:
    code = APP_ERR_FORBIDDEN;
    break;
  case API_ERR_UNSUPPORTED:
    code = APP_ERR_REJECTED;
    break;
  case API_ERR_NOT_FOUND:
  case API_ERR_REJECTED:
    code = ae->http_status == 409 ? APP_ERR_CONFLICT : APP_ERR_REJECTED;
    break;
  case API_ERR_PARSE:
  case API_ERR_TOO_LARGE:
  case API_ERR_REDIRECT:
  case API_ERR_IO:
  default:
    code = APP_ERR_DATA;
    break;
  }
  char line[400];
  api_error_format(ae, line, sizeof line);
  app_error_set(err, code, "%s: %s", what, line);
  if (err)
    err->unreachable = ae->code == API_ERR_NETWORK ||
                       ae->code == API_ERR_TIMEOUT ||
                       ae->code == API_ERR_UNKNOWN_OUTCOME;
  return code;
}

enum app_err app_error_from_cache(struct app_error *err, enum cache_err ce,
                                  const char *what) {
  enum app_err code = ce == CACHE_ERR_CONFLICT ? APP_ERR_CONFLICT
                                               : APP_ERR_DATA;
  app_error_set(err, code, "%s: %s", what, cache_strerror(ce));
  return code;
}

enum app_err app_error_from_cache_at(struct app_error *err, enum cache_err ce,
                                     const char *what, const char *path) {
  if (ce == CACHE_ERR_FULL && path) {
    app_error_set(err, APP_ERR_DATA, "disk full: %s (%s)", path, what);
    return APP_ERR_DATA;
  }
  return app_error_from_cache(err, ce, what);
}

/* Host of a URL ("https://user@host:port/path" -> "host"). */
static void url_host(const char *url, char *out, size_t len) {
  const char *p = strstr(url, "://");
  p = p ? p + 3 : url;
  const char *at = strchr(p, '@');
  const char *slash = strchr(p, '/');
  if (at && (!slash || at < slash))
    p = at + 1;
  size_t n = strcspn(p, "/?#");
  if (p[0] == '[') {
    const char *rb = memchr(p, ']', n);
    n = rb ? (size_t)(rb - p) + 1 : n;
  } else {
    const char *colon = memchr(p, ':', n);
    if (colon)
      n = (size_t)(colon - p);
  }
  if (n >= len)
    n = len - 1;
  memcpy(out, p, n);
  out[n] = '\0';
}

static bool host_is_loopback(const char *h) {
  return strcmp(h, "localhost") == 0 || strncmp(h, "127.", 4) == 0 ||
         strcmp(h, "[::1]") == 0 || strcmp(h, "::1") == 0;
}

enum app_err app_open(const struct app_config *cfg, struct app **out,
                      struct app_error *err) {
  *out = NULL;
  if (!cfg->offline && (cfg->base_url == NULL || *cfg->base_url == '\0')) {
    app_error_set(err, APP_ERR_CONFIG,
                  "no API base URL: set CONOMY_BASE_URL or a profile's "
                  "base_url in the config file (or use --offline)");
    return APP_ERR_CONFIG;
  }
  struct app *a = xcalloc(1, sizeof *a);
  a->base_url = xstrdup(cfg->base_url ? cfg->base_url : "");
  a->api_key = xstrdup(cfg->api_key ? cfg->api_key : "");
  a->client_id = xstrdup(cfg->client_id ? cfg->client_id : "");
  a->client_secret = xstrdup(cfg->client_secret ? cfg->client_secret : "");
  a->profile = xstrdup(cfg->profile ? cfg->profile : "default");
  a->offline = cfg->offline;
  a->read_only = cfg->read_only;
  a->sync_interval_s = cfg->sync_interval_s > 0 ? cfg->sync_interval_s : 60;
  a->link_budget = cfg->customer_link_budget_set ? cfg->customer_link_budget
                                                 : APP_LINK_BUDGET;
  a->request_timeout_ms =
      (cfg->request_timeout_s > 0 ? cfg->request_timeout_s : 30) * 1000L;
  a->grace_ms = a->request_timeout_ms * 3 / 2;
  a->clock_ms = cfg->clock_ms;
  a->clock_ud = cfg->clock_ud;
  const char *skew = getenv("CONOMY_TEST_CLOCK_SKEW_MS");
  if (a->clock_ms == NULL && skew && skew[0]) {
    a->clock_skew_ms = strtoll(skew, NULL, 10);
    a->clock_ms = skewed_clock;
    a->clock_ud = &a->clock_skew_ms;
  }
  url_host(a->base_url, a->env_host, sizeof a->env_host);
  /* PRODUCTION unless we know better: a loopback host or a /sandbox path.
   * With no base URL (offline only) there is no environment to claim. */
  a->production = a->base_url[0] != '\0' && !host_is_loopback(a->env_host) &&
                  strstr(a->base_url, "/sandbox") == NULL;
  pthread_mutex_init(&a->mu, NULL);
  pthread_cond_init(&a->cv, NULL);
  atomic_init(&a->generation, 1);

  a->cache_path = cfg->cache_path ? xstrdup(cfg->cache_path)
                                  : cache_default_path(a->profile);
  if (a->cache_path == NULL) {
    app_error_set(err, APP_ERR_CONFIG,
                  "cannot determine the cache directory (set CONOMY_CACHE)");
    app_close(&a);
    return APP_ERR_CONFIG;
  }
  char *cause = NULL;
  enum cache_err ce = cache_open(a->cache_path, &a->cache, &cause);
  if (ce != CACHE_OK) {
    if (cause)
      app_error_set(err, APP_ERR_DATA, "%s", cause);
    else
      app_error_set(err, APP_ERR_DATA, "cache %s: %s", a->cache_path,
                    cache_strerror(ce));
    free(cause);
    app_close(&a);
    return APP_ERR_DATA;
  }
  /* A damaged cache that was moved aside and rebuilt: tell the user (the
   * desk shows it in the status bar, the CLI on stderr). */
  const char *notice = cache_notice(a->cache);
  if (notice) {
    char *clean = sanitize_text(notice);
    snprintf(a->st.last_error, sizeof a->st.last_error, "%s", clean);
    free(clean);
  }
  char *last = NULL;
  if (cache_meta_get(a->cache, "last_sync_ms", &last) == CACHE_OK && last) {
    a->st.last_sync_ms = strtoll(last, NULL, 10);
    free(last);
  }
  if (cache_quarantine_count(a->cache, &a->st.quarantined) != CACHE_OK)
    a->st.quarantined = 0;
  *out = a;
  return APP_OK;
}

void app_close(struct app **ap) {
  struct app *a = ap ? *ap : NULL;
  if (a == NULL)
    return;
  app_summary_stop(a);
  if (a->worker_started) {
    pthread_mutex_lock(&a->mu);
    a->stop = true;
    pthread_cond_broadcast(&a->cv);
    pthread_mutex_unlock(&a->mu);
    pthread_join(a->worker, NULL);
  }
  api_client_free(&a->api);
  cache_close(&a->cache);
  pthread_cond_destroy(&a->cv);
  pthread_mutex_destroy(&a->mu);
  free(a->base_url);
  free(a->api_key);
  free(a->client_id);
  if (a->client_secret) {
    memset(a->client_secret, 0, strlen(a->client_secret));
    free(a->client_secret);
  }
  free(a->profile);
  free(a->cache_path);
  free(a);
  *ap = NULL;
}

enum app_err app_api_new(struct app *a, struct api_client **out,
                         struct app_error *err) {
  *out = NULL;
  if (a->offline) {
    app_error_set(err, APP_ERR_NETWORK, "offline mode: no network access");
    return APP_ERR_NETWORK;
  }
  struct api_config cfg = {
      .base_url = a->base_url,
      .api_key = a->api_key,
      .client_id = a->client_id,
      .client_secret = a->client_secret,
      .total_timeout_ms = a->request_timeout_ms,
  };
  struct api_error ae;
  api_error_clear(&ae);
  if (api_client_new(&cfg, out, &ae) != API_OK)
    return app_error_from_api(err, &ae, "API configuration");
  return APP_OK;
}

enum app_err app_api(struct app *a, struct api_client **out,
                     struct app_error *err) {
  if (a->api == NULL) {
    enum app_err rc = app_api_new(a, &a->api, err);
    if (rc != APP_OK)
      return rc;
  }
  *out = a->api;
  return APP_OK;
}

const char *app_notice(struct app *a) {
  return cache_notice(a->cache);
}

void app_bump(struct app *a) {
  atomic_fetch_add(&a->generation, 1);
}

uint64_t app_generation(struct app *a) {
  /* Commits by other connections (the worker, `listen`, another desk)
   * change the data version of ours. */
  int64_t v = 0;
  if (a->cache && cache_data_version(a->cache, &v) == CACHE_OK &&
      v != a->data_version) {
    a->data_version = v;
    app_bump(a);
  }
  return atomic_load(&a->generation);
}

void app_status_set_syncing(struct app *a, bool syncing, int64_t done,
                            int64_t total) {
  pthread_mutex_lock(&a->mu);
  a->st.syncing = syncing;
  a->st.sync_done = done;
  a->st.sync_total = total;
  pthread_mutex_unlock(&a->mu);
  app_bump(a);
}

void app_status_set_result(struct app *a, bool online, int64_t synced_ms,
                           const char *error) {
  pthread_mutex_lock(&a->mu);
  a->st.online = online;
  if (online)
    a->st.unreachable_since_ms = 0;
  else if (a->st.unreachable_since_ms == 0)
    a->st.unreachable_since_ms = app_now_ms();
  if (synced_ms)
    a->st.last_sync_ms = synced_ms;
  if (error) {
    char *clean = sanitize_text(error);
    snprintf(a->st.last_error, sizeof a->st.last_error, "%s", clean);
    free(clean);
  } else {
    a->st.last_error[0] = '\0';
  }
  pthread_mutex_unlock(&a->mu);
  app_bump(a);
}

void app_status_get(struct app *a, struct app_status *st) {
  pthread_mutex_lock(&a->mu);
  *st = a->st;
  pthread_mutex_unlock(&a->mu);
  int64_t open = 0;
  if (cache_outbox_count_open(a->cache, &open) == CACHE_OK)
    st->outbox_pending = open;
  st->env_host = a->env_host;
  st->production = a->production;
  st->offline = a->offline;
}

/* ---- reads ---- */

enum app_err app_payments_query(struct app *a, const struct filter *f,
                                enum keyset_sort sort,
                                const struct keyset_cursor *after, size_t limit,
                                struct payment_list *out,
                                struct keyset_cursor *next,
                                struct app_error *err) {
  struct keyset_cursor ca, cn;
  enum cache_err ce = cache_payments_list(
      a->cache, f, (enum keyset_sort)sort, app_cursor_to_cache(after, &ca),
      limit, out, next ? &cn : NULL);
  if (next)
    app_cursor_from_cache(&cn, next);
  if (ce != CACHE_OK)
    return app_error_from_cache(err, ce, "reading payments");
  return APP_OK;
}

enum app_err app_payments_count(struct app *a, const struct filter *f,
                                int64_t *count, struct app_error *err) {
  enum cache_err ce = cache_payments_count(a->cache, f, count);
  if (ce != CACHE_OK)
    return app_error_from_cache(err, ce, "counting payments");
  return APP_OK;
}

enum app_err app_payment_get(struct app *a, const char *id,
                             struct payment *out, struct app_error *err) {
  enum cache_err ce = cache_payment_get(a->cache, id, out);
  if (ce == CACHE_ERR_NOT_FOUND) {
    char *clean = sanitize_text(id);
    app_error_set(err, APP_ERR_NOT_FOUND, "no payment %s in the cache", clean);
    free(clean);
    return APP_ERR_NOT_FOUND;
  }
  if (ce != CACHE_OK)
    return app_error_from_cache(err, ce, "reading payment");
  return APP_OK;
}
