/*
 * sandbox - the emulator's shared state: options, tenants, secrets, store,
 * clock and random source.
 *
 * One struct sandbox lives for the whole process; every handler receives
 * it. Tenants and secrets are generated once (deterministically from
 * --seed) and kept in the database's meta table, so a restart on the same
 * --db keeps the same credentials.
 */
#ifndef SANDBOX_H
#define SANDBOX_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>

#include "sandbox/sandbox_clock.h"
#include "sandbox/sandbox_db.h"
#include "sandbox/sandbox_dialect.h"
#include "sandbox/sandbox_rand.h"

#define SANDBOX_MAX_TENANTS 8
#define SANDBOX_MAX_THRESHOLDS 24
#define SANDBOX_MAX_ROUTES 96 /* rows of the route table (sandbox_routes.c) */

struct sandbox_tenant {
  int idx;
  char api_key[64];
  char client_id[64];
  char client_secret[80];
};

struct sandbox_threshold {
  char currency[8];
  int64_t minor; /* at or above this amount (minor units) -> review */
};

struct sandbox_opts {
  const char *listen; /* "127.0.0.1:0" */
  bool allow_remote;
  const char *db_path; /* NULL: temporary file */
  long demo_n;         /* --demo-data N */
  uint64_t seed;
  bool seed_set;
  int64_t settle_delay_ms;  /* RECEIVED -> SETTLED after this */
  int64_t time_scale_milli; /* 1000 = real speed */
  const char *webhook_url;
  const char *webhook_secret;
  bool no_idempotency;
  int64_t token_ttl_s;
  int ntenants;
  int threads; /* unused with thread-per-connection */
  struct sandbox_threshold thresholds[SANDBOX_MAX_THRESHOLDS];
  int nthresholds;
  const char *faults_json; /* initial fault settings (--faults) */
  bool quiet;
  enum sandbox_dialect dialect; /* --dialect, default contract */
};

struct sandbox_faults;
struct sandbox_webhooks;
struct sandbox_idem;

struct sandbox {
  struct sandbox_opts opts;
  struct sandbox_db *db;
  struct sandbox_clock clock;
  struct sandbox_rand rand;
  struct sandbox_tenant tenants[SANDBOX_MAX_TENANTS];
  int ntenants;
  char token_key[65];
  char provider_secret[65];
  char webhook_secret[129];
  char base_url[128];
  struct sandbox_threshold thresholds[SANDBOX_MAX_THRESHOLDS];
  int nthresholds;
  struct sandbox_faults *faults;
  struct sandbox_webhooks *webhooks;
  bool checkpoint_pending; /* a bulk load left a large WAL */
  /* Requests answered per route (by its row in the route table), for
   * GET /_admin/requests. */
  atomic_long route_hits[SANDBOX_MAX_ROUTES];
};

/* Fill opts with the defaults. */
void sandbox_opts_defaults(struct sandbox_opts *o);

/*
 * Open the store, load or create tenants and secrets, start the clock.
 * Returns 0 or -1 with *cause (caller frees). *out is set either way and
 * must be released with sandbox_free().
 */
int sandbox_open(const struct sandbox_opts *opts, struct sandbox **out,
                 char **cause);
void sandbox_free(struct sandbox **sbp);

/* Tenant by API key / client id, or NULL. */
const struct sandbox_tenant *sandbox_tenant_by_key(const struct sandbox *sb,
                                                   const char *api_key);
/* A fresh 24-hex object id (time-ordered prefix, random tail). */
void sandbox_new_id(struct sandbox *sb, int64_t now_ms, char out[25]);
/* Review threshold (minor units) for a currency, or -1 when none. */
int64_t sandbox_threshold(const struct sandbox *sb, const char *currency);

#endif
