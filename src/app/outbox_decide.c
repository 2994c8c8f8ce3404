/*
 * outbox_decide - the outbox decision table. See outbox_decide.h.
 */
#include "app/outbox_decide.h"

static const char *const names[OB_DECISION_COUNT_] = {
    [OB_SKIP] = "skip",
    [OB_RECONCILE] = "reconcile",
    [OB_SEND] = "send",
    [OB_RESEND] = "resend",
    [OB_SUCCEED] = "succeed",
    [OB_FAIL] = "fail",
    [OB_UNSUPPORTED] = "unsupported",
    [OB_KEEP_UNKNOWN] = "keep-unknown",
    [OB_WAIT] = "wait",
    [OB_REPORT_CLOSED] = "report-closed",
};

const char *outbox_decision_name(enum ob_decision d) {
  return (unsigned)d < OB_DECISION_COUNT_ ? names[d] : "?";
}

/* Nothing sent in this pass yet. */
static enum ob_decision before_send(const struct ob_facts *f) {
  if (f->state == OB_PENDING)
    return f->mine || f->past_grace ? OB_SEND : OB_SKIP;
  /* sent by someone (maybe a dead session) or unknown: ask the server */
  switch (f->recon) {
  case OB_RECON_NONE:
    return OB_RECONCILE;
  case OB_RECON_HAPPENED:
    return OB_SUCCEED;
  case OB_RECON_NOT_HAPPENED:
    /* it may still be running on the server until the grace period has
     * passed; after a 2xx it did something, so it is never resent */
    return f->past_grace && !f->had_2xx ? OB_RESEND : OB_WAIT;
  case OB_RECON_ERROR:
  case OB_RECON_COUNT_:
    break;
  }
  return OB_WAIT;
}

/* The send of this pass was answered (or not) with f->send. */
static enum ob_decision after_send(const struct ob_facts *f) {
  switch (f->send) {
  case OB_SEND_OK:
    return OB_SUCCEED;
  case OB_SEND_REFUSED:
    return OB_FAIL;
  case OB_SEND_UNSUPPORTED:
    return OB_UNSUPPORTED;
  case OB_SEND_ERROR_ANSWER:
  case OB_SEND_2XX_UNREAD:
  case OB_SEND_NO_ANSWER:
    break;
  case OB_SEND_NONE:
  case OB_SEND_COUNT_:
    return OB_WAIT;
  }
  if (f->state == OB_SENT)
    return OB_KEEP_UNKNOWN; /* record it before anything else */
  switch (f->recon) {
  case OB_RECON_NONE:
    return OB_RECONCILE;
  case OB_RECON_HAPPENED:
    return OB_SUCCEED;
  case OB_RECON_NOT_HAPPENED:
    /* only an error answer means the server finished with it undone */
    return f->send == OB_SEND_ERROR_ANSWER && !f->resent && !f->had_2xx
               ? OB_RESEND
               : OB_WAIT;
  case OB_RECON_ERROR:
  case OB_RECON_COUNT_:
    break;
  }
  return OB_WAIT;
}

enum ob_decision outbox_decide(const struct ob_facts *f) {
  if (f->state == OB_CLOSED)
    return OB_REPORT_CLOSED;
  if (f->send == OB_SEND_NONE)
    return before_send(f);
  if (f->state == OB_PENDING)
    return OB_WAIT; /* a send result on an unsent entry: touch nothing */
  return after_send(f);
}
