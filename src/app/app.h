/*
 * app - the only layer that combines the API client and the cache.
 *
 * struct app owns a cache connection for the caller's thread (reads for the
 * UI and CLI) and, when online, a background worker thread with its own API
 * client and cache connection that runs syncs and actions. The UI never
 * blocks: it calls app_* read functions (short SQLite reads), asks for work
 * with app_request_*(), and polls app_generation() to learn that the cache
 * changed and it should re-read.
 */
#ifndef DESK_APP_APP_H
#define DESK_APP_APP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/account.h"
#include "core/customer.h"
#include "core/filter.h"
#include "core/keyset.h"
#include "core/payment.h"
#include "core/refund.h"

struct app;

struct app_config {
  const char *base_url;
  const char *api_key;
  const char *client_id;
  const char *client_secret;
  const char *profile;      /* "default" when NULL */
  const char *cache_path;   /* NULL = cache_default_path(profile) */
  bool offline;             /* never touch the network */
  bool read_only;           /* no actions */
  int sync_interval_s;      /* background sync period; 0 = 60 */
  int request_timeout_s;    /* total timeout of one API request; 0 = 30.
                               An unanswered action is resent (if the server
                               shows it did not happen) only 1.5 times this
                               long after it was sent. */
  /* GET /payments/{id}/customer lookups per sync for payments without a
   * customerId (APP_LINK_BUDGET when customer_link_budget_set is false;
   * 0 = none). */
  int customer_link_budget;
  bool customer_link_budget_set;
  /* Wall clock in ms for the outbox's decisions (grace period, duplicate
   * window); NULL = the system clock. Tests pass their own. */
  int64_t (*clock_ms)(void *ud);
  void *clock_ud;
};

#define APP_LINK_BUDGET 200

/* Exit-code classes shared by the CLI (documented in --help / man page). */
enum app_err {
  APP_OK = 0,
  APP_ERR_USAGE = 2,
  APP_ERR_NETWORK = 3,
  APP_ERR_REJECTED = 4,   /* the API refused (4xx) */
  APP_ERR_CONFLICT = 5,   /* someone else acted / pending action */
  APP_ERR_DATA = 6,       /* malformed data, cache problem */
  APP_ERR_AUTH = 7,
  APP_ERR_CONFIG = 8,
  APP_ERR_NOT_FOUND = 9,  /* no such object (in the cache or on the server) */
  APP_ERR_FORBIDDEN = 10, /* the API answered 403: signed in, not allowed */
  /* A sync that completed with warnings (see struct app_sync_report): */
  APP_ERR_SKIPPED = 11,    /* records it could not read are quarantined */
  APP_ERR_INCOMPLETE = 12, /* the server's paging ended early or looped */
};

struct app_error {
  enum app_err code;
  char msg[512];          /* one line, sanitised, with traceId if any */
  bool unreachable;       /* no answer from the server at all (connection
                             refused or dropped, timeout): the desk is
                             offline, not the request refused */
};

/* Opens the cache (and prepares the API client unless offline). */
enum app_err app_open(const struct app_config *cfg, struct app **out,
                      struct app_error *err);
void app_close(struct app **ap);
/* A one-line notice to show the user once after app_open (e.g. a damaged
 * cache was moved aside and rebuilt: where the old file is), or NULL.
 * Unsanitised; owned by the app. */
const char *app_notice(struct app *a);

/* ---- reads (cache only, caller's thread) ---- */
/* The payment lists the panes and the CLI browse. */
enum app_list {
  APP_LIST_PAYMENTS = 0, /* every payment matching the filter, in q.sort */
  APP_LIST_REVIEW,       /* REQUIRES_REVIEW, oldest first */
  APP_LIST_REFUNDS,      /* type REFUND (of parent_id if set), newest first */
  APP_LIST_UNASSIGNED,   /* topups waiting for an account, by expiresAt */
  APP_LIST_CUSTOMERS,    /* not a payment list: the customers matching a
                            free text, for their count (app_summary_*) */
  APP_LIST_COUNT_
};

struct app_query {
  enum app_list list;
  const struct filter *filter; /* NULL = everything */
  enum keyset_sort sort;          /* APP_LIST_PAYMENTS only */
  const char *parent_id;       /* APP_LIST_REFUNDS only; NULL = all */
};

/* The cursor of payment p in q's order (false when p has no usable id). */
bool app_query_cursor(const struct app_query *q, const struct payment *p,
                      struct keyset_cursor *out);
/* A window of q's rows: up to `limit` after `from` (backward: before it;
 * `from` itself too when inclusive); from NULL or invalid = the start
 * (backward: the end). Appended to *out in list order. An index range
 * read: the same cost at any depth of the list. */
enum app_err app_payments_window(struct app *a, const struct app_query *q,
                                 const struct keyset_cursor *from, bool backward,
                                 bool inclusive, size_t limit,
                                 struct payment_list *out,
                                 struct app_error *err);
/* How many rows q has (scans the matching index range: not for the UI
 * thread's every key, see app_summary_request). */
enum app_err app_query_count(struct app *a, const struct app_query *q,
                             int64_t *count, struct app_error *err);
/* The cursor of the row at position n (0-based) of q; APP_ERR_NOT_FOUND
 * past the end. Reads only the sort index's keys. */
enum app_err app_query_nth(struct app *a, const struct app_query *q,
                           int64_t n, struct keyset_cursor *out,
                           struct app_error *err);

enum app_err app_payments_query(struct app *a, const struct filter *f,
                                enum keyset_sort sort,
                                const struct keyset_cursor *after, size_t limit,
                                struct payment_list *out,
                                struct keyset_cursor *next,
                                struct app_error *err);
enum app_err app_payments_count(struct app *a, const struct filter *f,
                                int64_t *count, struct app_error *err);
/* The Payments pane's summary over everything f matches: counts by
 * status, and exact amount sums by status in the main currency (the one
 * with the most matching payments). Computed off the UI thread as part of
 * struct app_summary (app_summary.c). */
struct app_totals {
  int64_t total;
  int64_t by_status[PAYMENT_STATUS_COUNT_];
  char main_currency[8];
  int64_t main_minor[PAYMENT_STATUS_COUNT_];
};
enum app_err app_payment_get(struct app *a, const char *id,
                             struct payment *out, struct app_error *err);

/* ---- figures computed off the caller's thread ---- */
/* Counts, sums by status and the daily volume scan every matching row, so
 * they are computed by a background reader with its own cache connection;
 * the UI asks and keeps drawing, and shows them when they arrive. */
#define APP_SPARK_DAYS 14
struct app_summary {
  bool ready;          /* computed for the latest request of this list */
  bool failed;         /* the last computation failed (message in error) */
  struct app_totals totals;            /* APP_LIST_PAYMENTS only... */
  int64_t count;                       /* ...and this for every list */
  int64_t spark[APP_SPARK_DAYS];       /* payments per day, oldest first */
  char error[256];
};
/* Asks for list's figures under filter_text (parsed again by the reader;
 * NULL = everything) and parent_id; the spark ends on now_ms's UTC day.
 * Replaces the list's earlier request: other figures are computed at
 * once; the same ones again (`again`: the cache changed) at most every
 * few seconds, the last asked being kept meanwhile. Never blocks on the
 * computation. */
void app_summary_request(struct app *a, enum app_list list,
                         const char *filter_text, const char *parent_id,
                         int64_t now_ms, bool again);
/* The latest figures of list (ready false until the first ones arrive;
 * after a new request, the previous ones with ready false). */
void app_summary_get(struct app *a, enum app_list list,
                     struct app_summary *out);
/* Changes whenever new figures arrive (poll it to know when to redraw). */
uint64_t app_summary_seq(struct app *a);

/* ---- more reads for the panes (cache only) ---- */
/* Review queue: REQUIRES_REVIEW, oldest first (f narrows further). */
enum app_err app_review_query(struct app *a, const struct filter *f,
                              const struct keyset_cursor *after, size_t limit,
                              struct payment_list *out,
                              struct keyset_cursor *next, struct app_error *err);
/* Unassigned topups (TOPUP_ACCOUNT, CREATED, no account), by expiresAt. */
enum app_err app_unassigned_query(struct app *a, size_t limit,
                                  struct payment_list *out,
                                  struct app_error *err);
/* Refund children (type REFUND), newest first; parent_id NULL = all. */
enum app_err app_refunds_query(struct app *a, const char *parent_id,
                               const struct keyset_cursor *after, size_t limit,
                               struct payment_list *out,
                               struct keyset_cursor *next,
                               struct app_error *err);
/* The refund buckets from the cached children. max_refundable is the
 * lower of the cache's figure and the server's summary.maxRefundable when
 * the desk has read one (app_refund_refresh, or after a refund). */
enum app_err app_refund_summary(struct app *a, const char *parent_id,
                                struct refund_summary *out,
                                struct app_error *err);
/* Read the payment, its refunds and the server's refund summary now
 * (blocking: the CLI before a refund) into the cache. */
enum app_err app_refund_refresh(struct app *a, const char *parent_id,
                                struct app_error *err);
/* When the server's maxRefundable and the cached refunds disagree, one
 * line naming both ("the server says maxRefundable 20.00 USD; the cached
 * refunds leave 25.00 USD"); "" when they agree or the server's is not
 * known. */
void app_refund_max_note(struct app *a, const char *parent_id, char *buf,
                         size_t len);
/* Customers matching text (free text: id, name, email, document; NULL or
 * "" = all), newest first, browsed by keyset windows like the payment
 * lists: up to `limit` after `from` (backward: before it; `from` itself
 * when inclusive); from NULL = the start (backward: the end). Appended to
 * *out in list order. An index range read at any depth. Their count
 * scans them: app_summary_request(APP_LIST_CUSTOMERS) computes it in the
 * background. */
enum app_err app_customers_window(struct app *a, const char *text,
                                  const struct keyset_cursor *from,
                                  bool backward, bool inclusive, size_t limit,
                                  struct customer_list *out,
                                  struct app_error *err);
/* The cursor of customer cu in that order (false: no usable id). */
bool app_customer_cursor(const struct customer *cu, struct keyset_cursor *out);
/* The cursor of the customer at position n (0-based); APP_ERR_NOT_FOUND
 * past the end. */
enum app_err app_customers_nth(struct app *a, const char *text, int64_t n,
                               struct keyset_cursor *out,
                               struct app_error *err);
enum app_err app_customer_get(struct app *a, const char *id,
                              struct customer *out, struct app_error *err);
enum app_err app_accounts_list(struct app *a, struct account_list *out,
                               struct app_error *err);

/* ---- actions ---- */
enum app_action_kind {
  APP_ACTION_CAPTURE = 0,
  APP_ACTION_AUTHORIZE,
  APP_ACTION_REFUND,
  APP_ACTION_ASSIGN,
  APP_ACTION_UPLOAD,
  APP_ACTION_APPROVE,
  APP_ACTION_REJECT,
  APP_ACTION_COUNT_
};

/* What the user confirmed. Strings are copied by the app. */
struct app_action {
  enum app_action_kind kind;
  const char *payment_id;
  const char *seen_status;      /* status name the user saw */
  const char *amount;           /* refund: decimal major units; NULL = max */
  const char *reason;           /* refund (optional), reject (required) */
  const char *account_number;   /* assign */
  const char *expected_amount;  /* assign (optional) */
  const char *doc_type;         /* upload: kyc, source_of_funds, ... */
  const char *file_path;        /* upload */
  bool again;                   /* refund: send even though an identical
                                   one was sent in the last 10 minutes */
};

const char *app_action_name(enum app_action_kind k); /* "capture", ... */
/* Whether the action is offered for this payment now; when not, *why gets a
 * one-line reason ("read-only mode", "offline", "only SETTLED payments can
 * be refunded (this one is CAPTURED)", ...). */
bool app_action_allowed(struct app *a, const struct payment *p,
                        enum app_action_kind k, char *why, size_t whylen);
/* Everything app_action_submit checks, without writing anything: the
 * action applies to the payment as cached (core/action.h), the server
 * offers it, the fields are valid (amount <= maxRefundable, reason length,
 * file readable and <= 20 MiB, ...), no other action is open on the
 * payment, and no identical refund was sent in the last 10 minutes
 * (unless act->again). APP_OK or the first problem, with its message. */
enum app_err app_action_check(struct app *a, const struct app_action *act,
                              struct app_error *err);
/* Whether this server resolves reviews through the API (approve/reject).
 * false once it has answered that it offers neither documented endpoint;
 * remembered per profile. */
bool app_review_resolvable(struct app *a);
/* The one line the desk shows when it does not: "review is resolved by
 * conomy; upload the documents and wait for the webhook". */
extern const char app_review_by_conomy[];
/* Validate locally (amount format and <= maxRefundable, reason present,
 * file readable and <= 20 MiB, ...) and record the intent durably in the
 * outbox (with a fresh idempotency key) before anything is sent. Returns
 * the outbox id in *outbox_id. The TUI then lets the worker send it
 * (app_generation changes when it finishes); the CLI calls
 * app_action_run() to send it on its own thread. */
enum app_err app_action_submit(struct app *a, const struct app_action *act,
                               int64_t *outbox_id, struct app_error *err);
/* The content type sent for an upload, from the file name's extension
 * ("application/octet-stream" when unknown). Static string. */
const char *app_content_type(const char *path);
/* Send (or reconcile) one outbox entry now, blocking. On success or
 * definitive failure the activity log has the outcome; on APP_OK, err->msg
 * holds a one-line summary of the result (with the traceId). */
enum app_err app_action_run(struct app *a, int64_t outbox_id,
                            struct app_error *err);

/* Find out, without sending anything, whether an entry that was sent (or
 * whose answer was lost) happened on the server: *happened true marks it
 * succeeded; false leaves it as it is (a sent or recently unanswered entry
 * may still be running on the server).
 * A pending or closed entry is left as it is (*happened false). */
enum app_err app_action_reconcile(struct app *a, int64_t outbox_id,
                                  bool *happened, struct app_error *err);

/* One row of the activity log or the outbox, for display. */
struct app_activity {
  int64_t id;
  int64_t at_ms;
  int64_t outbox_id; /* the action the row belongs to; 0 = none */
  char action[16];
  char payment_id[PAYMENT_ID_MAX + 1];
  char outcome[16];       /* confirmed, succeeded, failed, unknown, ... */
  char trace_id[64];
  char detail[1024];
};
enum app_err app_activity_list(struct app *a, size_t limit,
                               struct app_activity **rows, size_t *n,
                               struct app_error *err);
/* Open outbox entries (pending / sent / unknown). */
enum app_err app_outbox_list(struct app *a, struct app_activity **rows,
                             size_t *n, struct app_error *err);
/* Cancel a pending or unknown entry (an unknown one is reconciled first:
 * if the server shows it happened, it cannot be cancelled). */
enum app_err app_outbox_cancel(struct app *a, int64_t outbox_id,
                               struct app_error *err);
/* Empty the cache except open outbox entries and the activity log. */
enum app_err app_cache_purge(struct app *a, struct app_error *err);

/* ---- sync ---- */
typedef void (*app_progress_fn)(void *ud, int64_t done, int64_t total);
/* Blocking sync on the caller's thread (CLI). First sync is full; later ones
 * are incremental. APP_ERR_SKIPPED / APP_ERR_INCOMPLETE: it completed with
 * warnings (err->msg is the first; app_sync_last_report has them all). */
enum app_err app_sync(struct app *a, app_progress_fn progress, void *ud,
                      struct app_error *err);

/* What the last sync of this process met besides errors. */
#define APP_SYNC_WARN_MAX 8
struct app_sync_report {
  int64_t quarantined;      /* records this sync could not read */
  int64_t quarantine_total; /* rows in the quarantine after it */
  bool incomplete;          /* the server's paging ended early or looped */
  int nwarnings;
  char warnings[APP_SYNC_WARN_MAX][256]; /* one line each, sanitised */
  char notice[256];         /* "" or a change of sync strategy, said once */
  /* Customer links (GET /payments/{id}/customer) of payments without a
   * customerId: asked this sync, of which attached a customer, still to
   * ask afterwards; link_note says a spent budget or a server without
   * the endpoint, once. */
  int64_t links_asked, links_found, links_pending;
  char link_note[160];
  int64_t rows_written;     /* cache rows it inserted, changed or deleted
                               (indexes' and full-text rows included) */
};
void app_sync_last_report(struct app *a, struct app_sync_report *out);
/* False once the server answered that it does not offer customer links
 * (remembered in the profile's cache, like review resolution). */
bool app_customer_link_offered(struct app *a);

/* The quarantine: records a sync could not read, kept with their raw
 * JSON, most recently seen first (strings heap-owned, unsanitised). */
struct app_quarantine_item {
  char kind[16];
  char *id;     /* NULL when the record had none */
  char *reason;
  char *raw_json;
  int64_t first_seen_ms, last_seen_ms, seen_count;
};
enum app_err app_quarantine_list(struct app *a, size_t limit,
                                 struct app_quarantine_item **items, size_t *n,
                                 struct app_error *err);
void app_quarantine_free(struct app_quarantine_item *items, size_t n);
enum app_err app_quarantine_count(struct app *a, int64_t *count,
                                  struct app_error *err);
/* The cache file in use (where the quarantine is). */
const char *app_cache_file(struct app *a);

/* Send or reconcile the actions a previous process left open (the CLI
 * does this before a sync, so the sync shows their outcome). Returns the
 * first problem met, with its message; the other entries are still
 * handled. */
enum app_err app_settle_open_actions(struct app *a, struct app_error *err);

/* ---- background worker (TUI) ---- */
void app_worker_start(struct app *a);
/* Ask the worker to sync as soon as it can. */
void app_request_sync(struct app *a);
/* Increments whenever the worker changed the cache or the status. */
uint64_t app_generation(struct app *a);

struct app_status {
  const char *env_host;   /* host of the base URL (static for app life) */
  bool production;        /* not a loopback/sandbox URL */
  bool offline;
  bool online;            /* last network call succeeded */
  bool syncing;
  int64_t sync_done, sync_total;
  int64_t last_sync_ms;   /* 0 = never */
  char last_error[256];   /* "" = none; sanitised, includes traceId */
  int64_t unreachable_since_ms; /* 0, or when the API stopped answering
                                   (then the desk is offline and retries
                                   with backoff until it answers again) */
  int64_t retry_at_ms;          /* next background retry while offline */
  int64_t outbox_pending;
  bool uploading;         /* a document upload is in flight */
  int64_t upload_sent, upload_total; /* bytes */
  int64_t quarantined;    /* records in the quarantine (see app_sync) */
};
void app_status_get(struct app *a, struct app_status *st);

#endif
