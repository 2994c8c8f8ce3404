/*
 * cache_outbox - the durable record of every action the user confirmed.
 *
 * A row is written (with its idempotency key, parameters and the status
 * the user saw) in the same transaction as the activity-log "confirmed"
 * row, with synchronous=FULL, before anything is sent: once
 * cache_outbox_insert returns, a power cut cannot lose the intent.
 *
 *   pending --> sent --> succeeded | failed | unknown
 *   pending --> failed | cancelled
 *   unknown --> sent (resend with the same key) | succeeded | failed |
 *               cancelled
 *
 * Transitions are compare-and-set (the caller names the state it expects),
 * so of two desks claiming one entry (pending -> sent) exactly one wins.
 * At most one open (pending/sent/unknown) action that changes a payment
 * (every action but "upload") exists per payment: a second one is
 * CACHE_ERR_CONFLICT. While any entry is open the sidecar file
 * <cache path>.outbox-open exists, so that a damaged cache file is never
 * thrown away with unsent actions in it (see cache.c).
 */
#ifndef DESK_CACHE_CACHE_OUTBOX_H
#define DESK_CACHE_CACHE_OUTBOX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "cache/cache.h"

enum cache_outbox_state {
  CACHE_OUTBOX_PENDING = 0,
  CACHE_OUTBOX_SENT,
  CACHE_OUTBOX_SUCCEEDED,
  CACHE_OUTBOX_FAILED,
  CACHE_OUTBOX_UNKNOWN,
  CACHE_OUTBOX_CANCELLED,
  CACHE_OUTBOX_STATE_COUNT_
};

/* "pending", "sent", ... (as stored); "?" for an out-of-range value. */
const char *cache_outbox_state_name(enum cache_outbox_state s);
/* false when the name is not a state. */
bool cache_outbox_state_from_name(const char *name,
                                  enum cache_outbox_state *out);
/* pending, sent, unknown. */
bool cache_outbox_state_is_open(enum cache_outbox_state s);
/* The transition table above. */
bool cache_outbox_can_transition(enum cache_outbox_state from,
                                 enum cache_outbox_state to);

/* Length of an idempotency key (UUID v4 text) plus its NUL. */
#define CACHE_IDEMPOTENCY_KEY_SIZE 37
/* A fresh UUID v4 from getrandom(): 122 random bits. Returns 0 or -1. */
int cache_outbox_new_key(char key[CACHE_IDEMPOTENCY_KEY_SIZE]);

/* One outbox row. Strings are heap-owned (may be NULL). */
struct cache_outbox_entry {
  int64_t id;
  char *idempotency_key;
  char *action; /* capture authorize refund assign upload approve
                   reject */
  char *payment_id;
  char *params_json; /* the body as text, for people (never parsed) */
  char *seen_status; /* the payment status the user confirmed against */
  /* What will be sent, typed (NULL / 0 when the action has no such field):
   * refund: amount_minor + currency, reason; reject: reason; assign:
   * account_number, expected_minor (0 = none); upload: doc_type,
   * file_path, content_type. */
  int64_t amount_minor;
  char *currency;
  char *reason;
  char *account_number;
  int64_t expected_minor;
  char *doc_type;
  char *file_path;
  char *content_type;
  bool had_2xx; /* some send of it was answered 2xx: never resent */
  enum cache_outbox_state state;
  int64_t attempts; /* times it went to "sent" */
  int64_t created_at, updated_at;
  char *trace_id; /* of the last response */
  char *result;   /* last result or error text */
};

struct cache_outbox_list {
  struct cache_outbox_entry *items;
  size_t count;
  size_t cap;
};

void cache_outbox_entry_cleanup(struct cache_outbox_entry *e);
void cache_outbox_list_cleanup(struct cache_outbox_list *l);

/* What the user confirmed. idempotency_key NULL = generate one. detail is
 * the text of the "confirmed" activity row (may be NULL). */
struct cache_outbox_new {
  const char *idempotency_key;
  const char *action;
  const char *payment_id;
  const char *params_json; /* NULL = "{}" */
  const char *seen_status;
  const char *detail;
  /* the typed fields of struct cache_outbox_entry */
  int64_t amount_minor;
  const char *currency;
  const char *reason;
  const char *account_number;
  int64_t expected_minor;
  const char *doc_type;
  const char *file_path;
  const char *content_type;
};

/*
 * Insert a pending entry AND its "confirmed" activity row in one durable
 * transaction. *id gets the entry id. CACHE_ERR_CONFLICT when the payment
 * already has an open action (or the key was used before);
 * CACHE_ERR_INVALID for a missing/unknown action or payment id.
 */
enum cache_err cache_outbox_insert(struct cache *c,
                                   const struct cache_outbox_new *n,
                                   int64_t *id);

/*
 * Move entry `id` from `from` to `to` (compare-and-set), store trace_id
 * and result (NULL keeps the old ones), count an attempt when `to` is
 * sent, and append an activity row (outcome = the new state's name,
 * detail = result) in the same durable transaction.
 * CACHE_ERR_INVALID: illegal transition; CACHE_ERR_NOT_FOUND: no such
 * entry; CACHE_ERR_STATE: the entry is not in `from` (another desk moved
 * it). Cancel with cache_outbox_cancel.
 */
enum cache_err cache_outbox_transition(struct cache *c, int64_t id,
                                       enum cache_outbox_state from,
                                       enum cache_outbox_state to,
                                       const char *trace_id,
                                       const char *result);

/* Record that a send of entry id was answered 2xx (had_2xx = 1). */
enum cache_err cache_outbox_note_2xx(struct cache *c, int64_t id);

/* The newest refund of payment_id for amount_minor that was sent at least
 * once (whatever its outcome) and recorded at or after since_ms;
 * CACHE_ERR_NOT_FOUND when there is none. */
enum cache_err cache_outbox_find_refund(struct cache *c,
                                        const char *payment_id,
                                        int64_t amount_minor, int64_t since_ms,
                                        struct cache_outbox_entry *out);

/* Cancel a pending or unknown entry (CACHE_ERR_STATE otherwise), with an
 * activity row "cancelled" (detail may be NULL). */
enum cache_err cache_outbox_cancel(struct cache *c, int64_t id,
                                   const char *detail);

/* CACHE_ERR_NOT_FOUND when absent. */
enum cache_err cache_outbox_get(struct cache *c, int64_t id,
                                struct cache_outbox_entry *out);
enum cache_err cache_outbox_get_by_key(struct cache *c, const char *key,
                                       struct cache_outbox_entry *out);
/* The open entry (pending/sent/unknown) of one payment that blocks a new
 * action on it; CACHE_ERR_NOT_FOUND when there is none. */
enum cache_err
cache_outbox_get_open_for_payment(struct cache *c, const char *payment_id,
                                  struct cache_outbox_entry *out);

/* open_only: pending/sent/unknown, oldest first; else every entry, newest
 * first. At most limit rows (0 = no limit) appended to *out. */
enum cache_err cache_outbox_list(struct cache *c, bool open_only, size_t limit,
                                 struct cache_outbox_list *out);
/* Number of open entries (for the status bar). */
enum cache_err cache_outbox_count_open(struct cache *c, int64_t *n);

#endif
