/*
 * api_client - the conomy_hq HTTP client. The only code that uses libcurl and
 * cJSON (with json_*.c beside it).
 *
 * An api_client is opaque and not thread-safe: use one per thread. It holds
 * the base URL, credentials and a cached bearer token, which it renews before
 * `expiresIn` runs out and once on a 401. Every request has connect, total and
 * low-speed timeouts, a response size cap, https-only (plain http only for
 * loopback hosts, which never go through a proxy), no redirects followed (a
 * 3xx is API_ERR_REDIRECT naming the Location), and sends
 * User-Agent: conomy-desk/VERSION, x-api-key and conomyhq-api-version.
 * GETs are retried with exponential backoff and full jitter on network
 * errors, timeouts, 429 (Retry-After honoured, capped) and 5xx, within an
 * attempt count and an elapsed-time budget. POSTs are never retried here
 * (each goes out on a fresh connection, so libcurl cannot resend one
 * either): a POST whose answer is lost after it was sent returns
 * API_ERR_UNKNOWN_OUTCOME and the caller (app/outbox) reconciles.
 * The rest of the API is in api_payments.h, api_actions.h, api_refunds.h,
 * api_documents.h, api_customers.h, api_accounts.h and webhook.h.
 * Secrets are never logged or copied into error messages.
 */
#ifndef DESK_API_API_CLIENT_H
#define DESK_API_API_CLIENT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "api/api_err.h"
#include "core/payment.h"

struct api_client;

struct api_config {
  const char *base_url; /* e.g. "https://api.conomyhq.com/sandbox" */
  const char *api_key;
  const char *client_id;
  const char *client_secret;
  long connect_timeout_ms; /* 0 = default 5000 */
  long total_timeout_ms;   /* 0 = default 30000 */
  size_t max_response;     /* 0 = default 16 MiB */
  int max_retries;         /* GET retries; 0 = default 3, -1 = none */
  long retry_base_ms;      /* first backoff step; 0 = 500 */
  long retry_max_ms;       /* cap on one backoff sleep; 0 = 30000 */
  long retry_after_cap_ms; /* cap on a server's Retry-After; 0 = 30000 */
  long low_speed_time_s;   /* abort a transfer under 1 B/s this long;
                              0 = 15 */
  long retry_budget_ms;    /* no retry starts once this much time has
                              gone into one call; 0 = 60000 */
  /* Monotonic ms for the token's lifetime; NULL = the system's. Tests
   * pass their own so that expiry needs no sleep. */
  int64_t (*token_clock_ms)(void *ud);
  void *token_clock_ud;
};

/* Validates the config (URL scheme/host rules) without network I/O.
 * On failure returns an error and fills *err; *out is NULL. */
enum api_err api_client_new(const struct api_config *cfg,
                            struct api_client **out, struct api_error *err);
void api_client_free(struct api_client **cp);

/* Makes every retry wait and backoff sleep stop early once *flag becomes
 * non-zero (a quitting UI or sync). flag may be NULL. */
void api_client_set_cancel(struct api_client *c, const volatile int *flag);
/* Called before each retry sleep (attempt = the retry about to be made,
 * 1-based; max = the retries allowed; wait_ms = the sleep; why = the error
 * being retried), e.g. for "retrying in 2 s (1/3)" in a status line. Runs
 * on the caller's thread; must not call back into the client. */
typedef void (*api_retry_fn)(void *ud, int attempt, int max, long wait_ms,
                             const struct api_error *why);
void api_client_set_retry_hook(struct api_client *c, api_retry_fn fn, void *ud);

/* The base URL in use (no trailing '/'), e.g. for the status bar. */
const char *api_client_base_url(const struct api_client *c);

/* POST /auth now (normally implicit on first use). */
enum api_err api_authenticate(struct api_client *c, struct api_error *err);

/* A list item the desk could not map (an id of more than PAYMENT_ID_MAX
 * characters, an inexact amount, a field of the wrong JSON type...): the
 * rest of the page is kept, the item is handed over for the quarantine. */
struct api_reject {
  const char *kind; /* static: "payment", "customer", "account", "identity" */
  char *id;         /* the item's id as sent (unsanitised), NULL when none */
  char *reason;     /* one line, unsanitised */
  char *raw;        /* the item's JSON text, cut at API_REJECT_RAW_MAX */
};
#define API_REJECT_RAW_MAX 65536
/* At most API_REJECTS_MAX items are held; more are only counted. */
#define API_REJECTS_MAX 10000
struct api_rejects {
  struct api_reject *items;
  size_t count, cap;
  int64_t dropped;
};
void api_rejects_cleanup(struct api_rejects *r);
/* Moves every reject collected by the client's list reads since the last
 * call to the end of *out. */
void api_client_take_rejects(struct api_client *c, struct api_rejects *out);

/* The list envelope's pagination, normalised across documented variants
 * ({"results","pagination":{limit,offset,total,count,next,previous}},
 * {"data","pagination":{"pagination":{...}}}, {"count","customers"},
 * {"total","refunds"}, {"payments":[...]}, a bare array, ...):
 * count = items in this page; limit/offset as the server said or as asked;
 * total = -1 when the server did not say; has_next/next_offset from `next`
 * when given, else from total, else "a full page came back". next_offset
 * is always > offset when has_next. */
struct api_page {
  int64_t limit, offset, total, count;
  bool has_next;
  int64_t next_offset;
  /* What the server said of `next`, unnormalised, for callers that check
   * the server's paging (app_paging): explicitly null, a number, or a
   * cursor string (next_cursor, "" when none or longer than it holds). */
  bool next_null, next_given;
  int64_t next_raw;
  char next_cursor[128];
};

struct api_payment_query {
  const char *status; /* one value or comma list; NULL = any */
  const char *type;
  const char *identity_id;
  const char *account_number;
  const char *customer_id;
  const char *parent_payment_id;
  const char *start_date; /* dd/mm/yyyy */
  const char *end_date;
  const char *sort; /* "createdAt:desc" ... NULL = server default */
  int64_t limit;    /* 0 = 50 */
  int64_t offset;
  const char *checkout_session_id;
};

/* GET /payments. Appends the page's payments to *out (items with an amount
 * that cannot be parsed make the whole call fail with API_ERR_PARSE and a
 * detail naming the payment and field; nothing is appended then). */
enum api_err api_payments_list(struct api_client *c,
                               const struct api_payment_query *q,
                               struct payment_list *out, struct api_page *page,
                               struct api_error *err);

/* GET /payments/{id}. *out is filled on success (caller cleans it up). */
enum api_err api_payment_get(struct api_client *c, const char *id,
                             struct payment *out, struct api_error *err);

#endif
