/*
 * sandbox - shared state setup; see sandbox.h.
 */
#include "sandbox/sandbox.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/money.h"
#include "core/xalloc.h"
#include "sandbox/sandbox_faults.h"
#include "sandbox/sandbox_webhooks.h"

static const struct {
  const char *currency;
  const char *amount;
} default_thresholds[] = {
    {"CLP", "1000000"}, {"COP", "4000000"}, {"ARS", "1000000"},
    {"PYG", "7000000"}, {"MXN", "20000"},   {"BRL", "5000"},
    {"PEN", "4000"},    {"BOB", "7000"},    {"USD", "1000"},
    {"EUR", "1000"},    {"GBP", "1000"},    {"CAD", "1000"},
    {"AUD", "1000"},    {"USDC", "1000"},   {"USDT", "1000"},
};

void sandbox_opts_defaults(struct sandbox_opts *o) {
  memset(o, 0, sizeof(*o));
  o->listen = "127.0.0.1:0";
  o->settle_delay_ms = 2000;
  o->time_scale_milli = 1000;
  o->token_ttl_s = 3600;
  o->ntenants = 2;
}

static void load_thresholds(struct sandbox *sb) {
  size_t n = sizeof(default_thresholds) / sizeof(default_thresholds[0]);
  for (size_t i = 0; i < n && sb->nthresholds < SANDBOX_MAX_THRESHOLDS; i++) {
    struct money m;
    if (money_parse(default_thresholds[i].amount,
                    default_thresholds[i].currency, &m) != CORE_OK)
      continue;
    struct sandbox_threshold *t = &sb->thresholds[sb->nthresholds++];
    snprintf(t->currency, sizeof(t->currency), "%s", m.currency);
    t->minor = m.minor;
  }
  for (int i = 0; i < sb->opts.nthresholds; i++) {
    const struct sandbox_threshold *o = &sb->opts.thresholds[i];
    int j;
    for (j = 0; j < sb->nthresholds; j++)
      if (strcmp(sb->thresholds[j].currency, o->currency) == 0)
        break;
    if (j == sb->nthresholds) {
      if (sb->nthresholds == SANDBOX_MAX_THRESHOLDS)
        continue;
      sb->nthresholds++;
    }
    sb->thresholds[j] = *o;
  }
}

int64_t sandbox_threshold(const struct sandbox *sb, const char *currency) {
  for (int i = 0; i < sb->nthresholds; i++)
    if (strcmp(sb->thresholds[i].currency, currency) == 0)
      return sb->thresholds[i].minor;
  return -1;
}

static const char tenants_sel_sql[] =
    "SELECT idx, api_key, client_id, client_secret FROM tenants ORDER BY idx";
static const char tenants_ins_sql[] =
    "INSERT INTO tenants(idx, api_key, client_id, client_secret)"
    " VALUES(?1, ?2, ?3, ?4)";
static const char max_time_sql[] = "SELECT max(updated_ms) FROM payments";

/* Load a secret from meta or generate and store it. */
static int meta_secret(struct sandbox *sb, struct sandbox_conn *c,
                       const char *key, const char *given, char *out,
                       size_t outlen, size_t hexlen) {
  char *v = sandbox_db_meta_get(c, key);
  if (given && given[0]) {
    snprintf(out, outlen, "%s", given);
  } else if (v) {
    snprintf(out, outlen, "%s", v);
  } else {
    sandbox_rand_hex(&sb->rand, out, hexlen < outlen ? hexlen : outlen - 1);
  }
  free(v);
  return sandbox_db_meta_set(c, key, out);
}

static int setup_tenants(struct sandbox *sb, char **cause) {
  struct sandbox_conn *c = sandbox_db_write_begin(sb->db);
  int ret = -1;
  if (c == NULL) {
    *cause = xasprintf("cannot write the database %s", sandbox_db_path(sb->db));
    return -1;
  }
  sqlite3_stmt *st = sandbox_db_stmt(c, tenants_sel_sql);
  if (st == NULL)
    goto out;
  while (sqlite3_step(st) == SQLITE_ROW && sb->ntenants < SANDBOX_MAX_TENANTS) {
    struct sandbox_tenant *t = &sb->tenants[sb->ntenants++];
    t->idx = sqlite3_column_int(st, 0);
    snprintf(t->api_key, sizeof(t->api_key), "%s", sandbox_db_col_text(st, 1));
    snprintf(t->client_id, sizeof(t->client_id), "%s",
             sandbox_db_col_text(st, 2));
    snprintf(t->client_secret, sizeof(t->client_secret), "%s",
             sandbox_db_col_text(st, 3));
  }
  sqlite3_reset(st);
  while (sb->ntenants < sb->opts.ntenants &&
         sb->ntenants < SANDBOX_MAX_TENANTS) {
    struct sandbox_tenant *t = &sb->tenants[sb->ntenants];
    char h[41];
    t->idx = sb->ntenants;
    sandbox_rand_hex(&sb->rand, h, 32);
    snprintf(t->api_key, sizeof(t->api_key), "sbx_key_%s", h);
    sandbox_rand_hex(&sb->rand, h, 16);
    snprintf(t->client_id, sizeof(t->client_id), "sbx_client_%s", h);
    sandbox_rand_hex(&sb->rand, h, 40);
    snprintf(t->client_secret, sizeof(t->client_secret), "sbx_secret_%s", h);
    st = sandbox_db_stmt(c, tenants_ins_sql);
    if (st == NULL)
      goto out;
    sqlite3_bind_int(st, 1, t->idx);
    sandbox_db_bind_text(st, 2, t->api_key);
    sandbox_db_bind_text(st, 3, t->client_id);
    sandbox_db_bind_text(st, 4, t->client_secret);
    if (sqlite3_step(st) != SQLITE_DONE)
      goto out;
    sqlite3_reset(st);
    sb->ntenants++;
  }
  if (meta_secret(sb, c, "token_key", NULL, sb->token_key,
                  sizeof(sb->token_key), 64) != 0 ||
      meta_secret(sb, c, "provider_secret", NULL, sb->provider_secret,
                  sizeof(sb->provider_secret), 48) != 0 ||
      meta_secret(sb, c, "webhook_secret", sb->opts.webhook_secret,
                  sb->webhook_secret, sizeof(sb->webhook_secret), 48) != 0)
    goto out;
  ret = 0;
out:
  if (sandbox_db_write_end(sb->db, c, ret == 0) != 0 && ret == 0)
    ret = -1;
  if (ret != 0 && *cause == NULL)
    *cause = xasprintf("cannot set up tenants in %s", sandbox_db_path(sb->db));
  return ret;
}

int sandbox_open(const struct sandbox_opts *opts, struct sandbox **out,
                 char **cause) {
  struct sandbox *sb = xcalloc(1, sizeof(*sb));
  int ret = -1;
  *out = sb;
  *cause = NULL;
  sb->opts = *opts;
  sandbox_rand_init(&sb->rand,
                    opts->seed_set ? opts->seed : sandbox_rand_os_seed());
  load_thresholds(sb);
  sandbox_clock_init(&sb->clock, opts->time_scale_milli, 0);
  if (sandbox_db_open(opts->db_path, &sb->db, cause) != 0)
    goto out;
  if (setup_tenants(sb, cause) != 0)
    goto out;

  int64_t not_before = 0;
  struct sandbox_conn *c = sandbox_db_read(sb->db);
  sqlite3_stmt *st = sandbox_db_stmt(c, max_time_sql);
  if (st && sqlite3_step(st) == SQLITE_ROW)
    not_before = sqlite3_column_int64(st, 0);
  if (st)
    sqlite3_reset(st);
  sandbox_db_release(sb->db, c);
  if (not_before >= sandbox_clock_now(&sb->clock))
    sandbox_clock_advance(&sb->clock,
                          not_before - sandbox_clock_now(&sb->clock) + 1);

  sb->faults = sandbox_faults_new(&sb->rand);
  if (opts->faults_json &&
      sandbox_faults_configure(sb->faults, opts->faults_json, cause) != 0)
    goto out;
  sb->webhooks = sandbox_webhooks_new(sb);
  ret = 0;
out:
  return ret;
}

void sandbox_free(struct sandbox **sbp) {
  struct sandbox *sb = sbp ? *sbp : NULL;
  if (sb == NULL)
    return;
  sandbox_webhooks_free(&sb->webhooks);
  sandbox_faults_free(&sb->faults);
  sandbox_db_close(&sb->db);
  sandbox_clock_cleanup(&sb->clock);
  sandbox_rand_cleanup(&sb->rand);
  free(sb);
  *sbp = NULL;
}

const struct sandbox_tenant *sandbox_tenant_by_key(const struct sandbox *sb,
                                                   const char *api_key) {
  if (api_key == NULL)
    return NULL;
  for (int i = 0; i < sb->ntenants; i++)
    if (strcmp(sb->tenants[i].api_key, api_key) == 0)
      return &sb->tenants[i];
  return NULL;
}

void sandbox_new_id(struct sandbox *sb, int64_t now_ms, char out[25]) {
  char tail[17];
  sandbox_rand_hex(&sb->rand, tail, 16);
  snprintf(out, 25, "%08x%s", (unsigned)(now_ms / 1000) & 0xffffffffu, tail);
}
