/*
 * payment_status - payment statuses, payment types and the state machine.
 *
 * The transition table is the contract's (docs/API.md, "State machine"): it
 * is const data, and payment_status_can_transition() is the only way to ask
 * it. Strings from the API that we do not know map to *_UNKNOWN; callers keep
 * the raw string next to the enum so that it can still be shown as sent.
 * The old name PENDING is accepted as CREATED.
 */
#ifndef DESK_CORE_PAYMENT_STATUS_H
#define DESK_CORE_PAYMENT_STATUS_H

#include <stdbool.h>

enum payment_status {
  PAYMENT_STATUS_UNKNOWN = 0,
  PAYMENT_STATUS_ATTEMPT,
  PAYMENT_STATUS_CREATED,
  PAYMENT_STATUS_AUTHORIZED,
  PAYMENT_STATUS_REQUIRES_REVIEW,
  PAYMENT_STATUS_CAPTURED,
  PAYMENT_STATUS_RECEIVED,
  PAYMENT_STATUS_SETTLED,
  PAYMENT_STATUS_UNSETTLED,
  PAYMENT_STATUS_EXPIRED,
  PAYMENT_STATUS_FAILED,
  PAYMENT_STATUS_REFUNDED,
  PAYMENT_STATUS_DISPUTED,
  PAYMENT_STATUS_REVERSED,
  PAYMENT_STATUS_COUNT_
};

enum payment_type {
  PAYMENT_TYPE_UNKNOWN = 0,
  PAYMENT_TYPE_PURCHASE,
  PAYMENT_TYPE_TOPUP_ACCOUNT,
  PAYMENT_TYPE_WITHDRAWAL_ACCOUNT,
  PAYMENT_TYPE_P2P,
  PAYMENT_TYPE_COLLECT,
  PAYMENT_TYPE_FEE,
  PAYMENT_TYPE_REMITTANCE,
  PAYMENT_TYPE_REFUND,
  PAYMENT_TYPE_LOCAL_DEPOSIT,
  PAYMENT_TYPE_COUNT_
};

/* Canonical API name ("REQUIRES_REVIEW"); "UNKNOWN" for the unknown value. */
const char *payment_status_name(enum payment_status s);
/* Case-sensitive API string -> enum; "PENDING" -> CREATED; NULL or unknown
 * -> PAYMENT_STATUS_UNKNOWN. Never fails. */
enum payment_status payment_status_from_string(const char *s);
/* SETTLED, FAILED, EXPIRED, UNSETTLED, REFUNDED. */
bool payment_status_is_terminal(enum payment_status s);
/* True when the contract's state machine allows from -> to. from == to is
 * never a transition (false): callers treat an unchanged status as no
 * change. UNKNOWN, DISPUTED and REVERSED have no transitions. */
bool payment_status_can_transition(enum payment_status from,
                                   enum payment_status to);

const char *payment_type_name(enum payment_type t);
/* "PAYMENT" (a stale legacy example) maps to PURCHASE; unknown -> UNKNOWN. */
enum payment_type payment_type_from_string(const char *s);

#endif
