/*
 * action - the one table of what the desk can do to a payment: for each
 * action, the payment types and statuses it applies to (checked against
 * the contract's state machine, payment_status_can_transition), the
 * fields it takes and their limits. Key hints, dialogs, the CLI and the
 * app all read it; nothing else re-states these rules.
 */
#ifndef DESK_CORE_ACTION_H
#define DESK_CORE_ACTION_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/payment.h"

enum action_kind {
  ACTION_CAPTURE = 0,
  ACTION_AUTHORIZE,
  ACTION_REFUND,
  ACTION_ASSIGN,
  ACTION_UPLOAD,
  ACTION_APPROVE,
  ACTION_REJECT,
  ACTION_COUNT_
};

/* Largest document the API accepts (20 MiB). */
#define ACTION_UPLOAD_MAX_BYTES ((int64_t)20 * 1024 * 1024)
/* Longest reason (bytes of UTF-8) the desk sends. */
#define ACTION_REASON_MAX 500

enum action_field_use {
  ACTION_FIELD_NONE = 0,
  ACTION_FIELD_OPTIONAL,
  ACTION_FIELD_REQUIRED,
};

struct action_spec {
  const char *name;             /* "capture", ... (outbox and CLI spelling) */
  const char *title;            /* "Capture", for dialogs */
  enum payment_status target;   /* status it moves to; UNKNOWN = none */
  bool moves_money;             /* refused on an unknown currency */
  enum action_field_use amount; /* refund amount */
  enum action_field_use reason;
  enum action_field_use account;  /* assign: account number */
  enum action_field_use expected; /* assign: expected amount */
  enum action_field_use file;     /* upload: file + document type */
};

/* NULL for an out-of-range kind. */
const struct action_spec *action_spec(enum action_kind k);
/* false when name is not an action. */
bool action_from_name(const char *name, enum action_kind *out);

/* The document types the API takes, NULL-terminated. */
const char *const *action_doc_types(void);
bool action_doc_type_ok(const char *type);

/* Whether action k applies to payment p as the cache shows it. When not,
 * *why gets one line ("only SETTLED payments can be refunded (this one is
 * CAPTURED)"). Knows nothing of read-only mode, the network or the
 * server's capabilities (the app adds those). */
bool action_applies(enum action_kind k, const struct payment *p, char *why,
                    size_t whylen);

/* A reason for action k: required / length limit. true when fine. */
bool action_reason_ok(enum action_kind k, const char *reason, char *why,
                      size_t whylen);

/* A refund amount (decimal text, NULL = everything left) for payment p,
 * against max_refundable (same currency). *out gets the amount. */
bool action_refund_amount_ok(const struct payment *p, const char *text,
                             const struct money *max_refundable,
                             struct money *out, char *why, size_t whylen);

/* An upload's file size. */
bool action_file_size_ok(int64_t size, char *why, size_t whylen);

#endif
