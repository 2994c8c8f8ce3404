/*
 * payment_status - names and the state machine as const tables.
 *
 * The transition table is the contract's "State machine":
 *   ATTEMPT -> CREATED
 *   CREATED -> AUTHORIZED
 *   CREATED, AUTHORIZED -> CAPTURED
 *   CREATED, AUTHORIZED -> REQUIRES_REVIEW
 *   REQUIRES_REVIEW -> CAPTURED, FAILED
 *   CAPTURED -> RECEIVED
 *   RECEIVED -> SETTLED, UNSETTLED
 *   CREATED -> SETTLED (assign), EXPIRED (unassigned topup timeout)
 *   any non-terminal -> FAILED (provider rejection)
 * "Non-terminal" means the states of the machine that are not terminal:
 * ATTEMPT, CREATED, AUTHORIZED, REQUIRES_REVIEW, CAPTURED, RECEIVED.
 * UNKNOWN, DISPUTED and REVERSED are values only: no transition leaves or
 * enters them. Nothing may move to itself.
 */
#include "core/payment_status.h"

#include <stddef.h>
#include <string.h>

static const char *const status_names[PAYMENT_STATUS_COUNT_] = {
    [PAYMENT_STATUS_UNKNOWN] = "UNKNOWN",
    [PAYMENT_STATUS_ATTEMPT] = "ATTEMPT",
    [PAYMENT_STATUS_CREATED] = "CREATED",
    [PAYMENT_STATUS_AUTHORIZED] = "AUTHORIZED",
    [PAYMENT_STATUS_REQUIRES_REVIEW] = "REQUIRES_REVIEW",
    [PAYMENT_STATUS_CAPTURED] = "CAPTURED",
    [PAYMENT_STATUS_RECEIVED] = "RECEIVED",
    [PAYMENT_STATUS_SETTLED] = "SETTLED",
    [PAYMENT_STATUS_UNSETTLED] = "UNSETTLED",
    [PAYMENT_STATUS_EXPIRED] = "EXPIRED",
    [PAYMENT_STATUS_FAILED] = "FAILED",
    [PAYMENT_STATUS_REFUNDED] = "REFUNDED",
    [PAYMENT_STATUS_DISPUTED] = "DISPUTED",
    [PAYMENT_STATUS_REVERSED] = "REVERSED",
};

static const char *const type_names[PAYMENT_TYPE_COUNT_] = {
    [PAYMENT_TYPE_UNKNOWN] = "UNKNOWN",
    [PAYMENT_TYPE_PURCHASE] = "PURCHASE",
    [PAYMENT_TYPE_TOPUP_ACCOUNT] = "TOPUP_ACCOUNT",
    [PAYMENT_TYPE_WITHDRAWAL_ACCOUNT] = "WITHDRAWAL_ACCOUNT",
    [PAYMENT_TYPE_P2P] = "P2P",
    [PAYMENT_TYPE_COLLECT] = "COLLECT",
    [PAYMENT_TYPE_FEE] = "FEE",
    [PAYMENT_TYPE_REMITTANCE] = "REMITTANCE",
    [PAYMENT_TYPE_REFUND] = "REFUND",
    [PAYMENT_TYPE_LOCAL_DEPOSIT] = "LOCAL_DEPOSIT",
};

#define S(x) PAYMENT_STATUS_##x
#define T 1
/* transitions[from][to] */
static const unsigned char transitions[PAYMENT_STATUS_COUNT_]
                                      [PAYMENT_STATUS_COUNT_] = {
    [S(ATTEMPT)] = {[S(CREATED)] = T, [S(FAILED)] = T},
    [S(CREATED)] = {[S(AUTHORIZED)] = T, [S(CAPTURED)] = T,
                    [S(REQUIRES_REVIEW)] = T, [S(SETTLED)] = T,
                    [S(EXPIRED)] = T, [S(FAILED)] = T},
    [S(AUTHORIZED)] = {[S(CAPTURED)] = T, [S(REQUIRES_REVIEW)] = T,
                       [S(FAILED)] = T},
    [S(REQUIRES_REVIEW)] = {[S(CAPTURED)] = T, [S(FAILED)] = T},
    [S(CAPTURED)] = {[S(RECEIVED)] = T, [S(FAILED)] = T},
    [S(RECEIVED)] = {[S(SETTLED)] = T, [S(UNSETTLED)] = T, [S(FAILED)] = T},
};
#undef T
#undef S

static bool status_valid(enum payment_status s) {
  return (unsigned)s < (unsigned)PAYMENT_STATUS_COUNT_;
}

const char *payment_status_name(enum payment_status s) {
  return status_valid(s) ? status_names[s] : status_names[0];
}

enum payment_status payment_status_from_string(const char *s) {
  if (s == NULL)
    return PAYMENT_STATUS_UNKNOWN;
  if (strcmp(s, "PENDING") == 0)
    return PAYMENT_STATUS_CREATED;
  for (int i = 1; i < PAYMENT_STATUS_COUNT_; i++)
    if (strcmp(s, status_names[i]) == 0)
      return (enum payment_status)i;
  return PAYMENT_STATUS_UNKNOWN;
}

bool payment_status_is_terminal(enum payment_status s) {
  switch (s) {
  case PAYMENT_STATUS_SETTLED:
  case PAYMENT_STATUS_FAILED:
  case PAYMENT_STATUS_EXPIRED:
  case PAYMENT_STATUS_UNSETTLED:
  case PAYMENT_STATUS_REFUNDED:
    return true;
  default:
    return false;
  }
}

bool payment_status_can_transition(enum payment_status from,
                                   enum payment_status to) {
  if (!status_valid(from) || !status_valid(to))
    return false;
  return transitions[from][to] != 0;
}

const char *payment_type_name(enum payment_type t) {
  return (unsigned)t < (unsigned)PAYMENT_TYPE_COUNT_ ? type_names[t]
                                                     : type_names[0];
}

enum payment_type payment_type_from_string(const char *s) {
  if (s == NULL)
    return PAYMENT_TYPE_UNKNOWN;
  if (strcmp(s, "PAYMENT") == 0)
    return PAYMENT_TYPE_PURCHASE;
  for (int i = 1; i < PAYMENT_TYPE_COUNT_; i++)
    if (strcmp(s, type_names[i]) == 0)
      return (enum payment_type)i;
  return PAYMENT_TYPE_UNKNOWN;
}
