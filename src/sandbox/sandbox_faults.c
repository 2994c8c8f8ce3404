/*
 * sandbox_faults - rates and one-shot fault rules; see sandbox_faults.h.
 */
#include "sandbox/sandbox_faults.h"

#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"

#define FAULTS_MAX_ONCE 32

struct fault_once {
  enum sandbox_fault kind;
  char method[12];
  char prefix[160];
  int count;
};

struct fault_settings {
  int64_t latency_ms;
  int64_t jitter_ms;
  unsigned rate[SANDBOX_FAULT_COUNT_]; /* permille per fault kind */
  int retry_after_s;
  char method[12];
  char prefix[160];
  struct fault_once once[FAULTS_MAX_ONCE];
  int nonce;
};

struct sandbox_faults {
  pthread_mutex_t mu;
  struct sandbox_rand *rand;
  struct fault_settings s;
};

static const char *const fault_names[SANDBOX_FAULT_COUNT_] = {
    [SANDBOX_FAULT_NONE] = "none",
    [SANDBOX_FAULT_500] = "500",
    [SANDBOX_FAULT_503] = "503",
    [SANDBOX_FAULT_429] = "429",
    [SANDBOX_FAULT_DROP] = "drop",
    [SANDBOX_FAULT_TRUNCATE] = "truncate",
    [SANDBOX_FAULT_COMMIT_DROP] = "commitThenDrop",
    [SANDBOX_FAULT_PROVIDER_FAIL] = "providerFailure",
    [SANDBOX_FAULT_UNSETTLED] = "unsettled",
    [SANDBOX_FAULT_REFUND_FAIL] = "refundFailure",
};

/* JSON rate keys, in fault order. */
static const char *const rate_keys[SANDBOX_FAULT_COUNT_] = {
    [SANDBOX_FAULT_500] = "error500Rate",
    [SANDBOX_FAULT_503] = "error503Rate",
    [SANDBOX_FAULT_429] = "rate429",
    [SANDBOX_FAULT_DROP] = "dropRate",
    [SANDBOX_FAULT_TRUNCATE] = "truncateRate",
    [SANDBOX_FAULT_COMMIT_DROP] = "commitThenDropRate",
    [SANDBOX_FAULT_PROVIDER_FAIL] = "providerFailureRate",
    [SANDBOX_FAULT_UNSETTLED] = "unsettledRate",
    [SANDBOX_FAULT_REFUND_FAIL] = "refundFailureRate",
};

const char *sandbox_faults_name(enum sandbox_fault kind) {
  return kind < SANDBOX_FAULT_COUNT_ ? fault_names[kind] : "none";
}

struct sandbox_faults *sandbox_faults_new(struct sandbox_rand *rand) {
  struct sandbox_faults *f = xcalloc(1, sizeof(*f));
  pthread_mutex_init(&f->mu, NULL);
  f->rand = rand;
  f->s.retry_after_s = 1;
  return f;
}

void sandbox_faults_free(struct sandbox_faults **fp) {
  if (fp == NULL || *fp == NULL)
    return;
  pthread_mutex_destroy(&(*fp)->mu);
  free(*fp);
  *fp = NULL;
}

static bool get_int(const cJSON *o, const char *key, int64_t min, int64_t max,
                    int64_t *out, char **cause) {
  const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
  if (v == NULL)
    return true;
  if (!cJSON_IsNumber(v) || v->valuedouble < (double)min ||
      v->valuedouble > (double)max) {
    *cause = xasprintf("%s must be a number between %lld and %lld", key,
                       (long long)min, (long long)max);
    return false;
  }
  *out = (int64_t)v->valuedouble;
  return true;
}

static bool get_str(const cJSON *o, const char *key, char *out, size_t len,
                    char **cause) {
  const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
  if (v == NULL || cJSON_IsNull(v))
    return true;
  if (!cJSON_IsString(v) || strlen(v->valuestring) >= len) {
    *cause = xasprintf("%s must be a short string", key);
    return false;
  }
  snprintf(out, len, "%s", v->valuestring);
  return true;
}

static enum sandbox_fault fault_by_name(const char *name) {
  for (int i = 1; i < SANDBOX_FAULT_COUNT_; i++)
    if (strcmp(fault_names[i], name) == 0)
      return (enum sandbox_fault)i;
  return SANDBOX_FAULT_NONE;
}

/* Every member of the settings object is a known one. */
static bool known_keys(const cJSON *o, char **cause) {
  static const char *const known[] = {
      "latencyMs", "latencyJitterMs", "retryAfterSeconds", "match", "once",
      NULL};
  const cJSON *it;
  cJSON_ArrayForEach(it, o) {
    bool ok = false;
    for (int i = 0; known[i]; i++)
      ok = ok || strcmp(it->string, known[i]) == 0;
    for (int i = 1; i < SANDBOX_FAULT_COUNT_; i++)
      ok = ok || strcmp(it->string, rate_keys[i]) == 0;
    if (!ok) {
      *cause = xasprintf("unknown fault setting '%.64s'", it->string);
      return false;
    }
  }
  return true;
}

/* latencyMs, latencyJitterMs, retryAfterSeconds, the rates and match. */
static bool read_rates(const cJSON *o, struct fault_settings *s, char **cause) {
  int64_t v = 1;
  if (!get_int(o, "latencyMs", 0, 600000, &s->latency_ms, cause) ||
      !get_int(o, "latencyJitterMs", 0, 600000, &s->jitter_ms, cause) ||
      !get_int(o, "retryAfterSeconds", 0, 86400, &v, cause))
    return false;
  s->retry_after_s = (int)v;
  for (int i = 1; i < SANDBOX_FAULT_COUNT_; i++) {
    const cJSON *r = cJSON_GetObjectItemCaseSensitive(o, rate_keys[i]);
    if (r == NULL)
      continue;
    if (!cJSON_IsNumber(r) || r->valuedouble < 0 || r->valuedouble > 1) {
      *cause = xasprintf("%s must be a number between 0 and 1", rate_keys[i]);
      return false;
    }
    s->rate[i] = (unsigned)(r->valuedouble * 1000.0 + 0.5);
  }
  const cJSON *m = cJSON_GetObjectItemCaseSensitive(o, "match");
  if (m && (!cJSON_IsObject(m) ||
            !get_str(m, "method", s->method, sizeof(s->method), cause) ||
            !get_str(m, "pathPrefix", s->prefix, sizeof(s->prefix), cause))) {
    if (*cause == NULL)
      *cause = xstrdup("match must be an object");
    return false;
  }
  return true;
}

/* The one-shot faults of `once`. */
static bool read_once(const cJSON *o, struct fault_settings *s, char **cause) {
  const cJSON *once = cJSON_GetObjectItemCaseSensitive(o, "once");
  const cJSON *it;
  if (once && !cJSON_IsArray(once)) {
    *cause = xstrdup("once must be an array");
    return false;
  }
  cJSON_ArrayForEach(it, once) {
    char name[32] = "";
    int64_t count = 1;
    if (s->nonce == FAULTS_MAX_ONCE) {
      *cause = xstrdup("too many one-shot faults");
      return false;
    }
    struct fault_once *r = &s->once[s->nonce];
    memset(r, 0, sizeof(*r));
    if (!cJSON_IsObject(it) ||
        !get_str(it, "fault", name, sizeof(name), cause) ||
        !get_str(it, "method", r->method, sizeof(r->method), cause) ||
        !get_str(it, "pathPrefix", r->prefix, sizeof(r->prefix), cause) ||
        !get_int(it, "count", 1, 1000000, &count, cause)) {
      if (*cause == NULL)
        *cause = xstrdup("each one-shot fault must be an object");
      return false;
    }
    r->kind = fault_by_name(name);
    if (r->kind == SANDBOX_FAULT_NONE) {
      *cause = xasprintf("unknown fault '%s'", name);
      return false;
    }
    r->count = (int)count;
    s->nonce++;
  }
  return true;
}

int sandbox_faults_configure(struct sandbox_faults *f, const char *json,
                             char **cause) {
  struct fault_settings s;
  cJSON *o = cJSON_Parse(json);
  int ret = -1;
  memset(&s, 0, sizeof(s));
  s.retry_after_s = 1;
  *cause = NULL;
  if (o == NULL || !cJSON_IsObject(o)) {
    *cause = xstrdup("fault settings must be a JSON object");
  } else if (known_keys(o, cause) && read_rates(o, &s, cause) &&
             read_once(o, &s, cause)) {
    pthread_mutex_lock(&f->mu);
    f->s = s;
    pthread_mutex_unlock(&f->mu);
    ret = 0;
  }
  cJSON_Delete(o);
  return ret;
}

cJSON *sandbox_faults_to_json(struct sandbox_faults *f) {
  cJSON *o = cJSON_CreateObject();
  pthread_mutex_lock(&f->mu);
  cJSON_AddNumberToObject(o, "latencyMs", (double)f->s.latency_ms);
  cJSON_AddNumberToObject(o, "latencyJitterMs", (double)f->s.jitter_ms);
  cJSON_AddNumberToObject(o, "retryAfterSeconds", f->s.retry_after_s);
  for (int i = 1; i < SANDBOX_FAULT_COUNT_; i++)
    cJSON_AddNumberToObject(o, rate_keys[i], f->s.rate[i] / 1000.0);
  cJSON *m = cJSON_AddObjectToObject(o, "match");
  cJSON_AddStringToObject(m, "method", f->s.method);
  cJSON_AddStringToObject(m, "pathPrefix", f->s.prefix);
  cJSON *once = cJSON_AddArrayToObject(o, "once");
  for (int i = 0; i < f->s.nonce; i++) {
    const struct fault_once *r = &f->s.once[i];
    if (r->count <= 0)
      continue;
    cJSON *e = cJSON_CreateObject();
    cJSON_AddStringToObject(e, "fault", fault_names[r->kind]);
    cJSON_AddStringToObject(e, "method", r->method);
    cJSON_AddStringToObject(e, "pathPrefix", r->prefix);
    cJSON_AddNumberToObject(e, "count", r->count);
    cJSON_AddItemToArray(once, e);
  }
  pthread_mutex_unlock(&f->mu);
  return o;
}

static bool matches(const char *want_method, const char *want_prefix,
                    const char *method, const char *path) {
  if (want_method[0] && (method == NULL || strcmp(want_method, method) != 0))
    return false;
  if (want_prefix[0] &&
      (path == NULL || strncmp(want_prefix, path, strlen(want_prefix)) != 0))
    return false;
  return true;
}

static bool is_http_fault(enum sandbox_fault k) {
  return k >= SANDBOX_FAULT_500 && k <= SANDBOX_FAULT_COMMIT_DROP;
}

/* Consume a matching one-shot rule of an accepted kind; locked. */
static enum sandbox_fault take_once(struct sandbox_faults *f, bool http,
                                    enum sandbox_fault only, const char *method,
                                    const char *path) {
  for (int i = 0; i < f->s.nonce; i++) {
    struct fault_once *r = &f->s.once[i];
    if (r->count <= 0 || is_http_fault(r->kind) != http)
      continue;
    if (only != SANDBOX_FAULT_NONE && r->kind != only)
      continue;
    if (!matches(http ? r->method : "", r->prefix, method, path))
      continue;
    r->count--;
    return r->kind;
  }
  return SANDBOX_FAULT_NONE;
}

enum sandbox_fault sandbox_faults_http(struct sandbox_faults *f,
                                       const char *method, const char *path,
                                       int64_t *latency_ms,
                                       int *retry_after_s) {
  enum sandbox_fault k = SANDBOX_FAULT_NONE;
  pthread_mutex_lock(&f->mu);
  *retry_after_s = f->s.retry_after_s;
  *latency_ms = 0;
  k = take_once(f, true, SANDBOX_FAULT_NONE, method, path);
  if (matches(f->s.method, f->s.prefix, method, path)) {
    *latency_ms = f->s.latency_ms;
    if (f->s.jitter_ms > 0)
      *latency_ms +=
          (int64_t)sandbox_rand_below(f->rand, (uint64_t)f->s.jitter_ms + 1);
    for (int i = SANDBOX_FAULT_500;
         k == SANDBOX_FAULT_NONE && i <= SANDBOX_FAULT_COMMIT_DROP; i++)
      if (sandbox_rand_chance(f->rand, f->s.rate[i]))
        k = (enum sandbox_fault)i;
  }
  pthread_mutex_unlock(&f->mu);
  return k;
}

bool sandbox_faults_provider(struct sandbox_faults *f, enum sandbox_fault kind,
                             const char *path) {
  bool hit;
  pthread_mutex_lock(&f->mu);
  hit = take_once(f, false, kind, NULL, path) != SANDBOX_FAULT_NONE;
  if (!hit)
    hit = sandbox_rand_chance(f->rand, f->s.rate[kind]);
  pthread_mutex_unlock(&f->mu);
  return hit;
}
