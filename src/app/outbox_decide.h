/*
 * outbox_decide - what to do next with one outbox entry: a pure function
 * of what is known about it (no I/O, no clock, no cache).
 *
 * The loop in app_actions.c gathers the facts, asks for a decision, does
 * the one piece of I/O the decision names (read the server, send, write
 * the outcome), updates the facts and asks again, until the decision is
 * final. docs/ARCHITECTURE.md reproduces the table; the unit test
 * tests/unit/app/test_outbox_decide.c walks every combination.
 *
 * Rules in one breath: a pending entry is sent by the session that
 * submitted it (others wait out the grace period: its submitter may be
 * about to send it); an entry that was sent, or whose answer was lost, is
 * first reconciled with the server; a definite answer (2xx read as the
 * expected result, 4xx, 501 or a 404 on the action) closes it; any other
 * answer leaves the outcome unknown and the per-payment lock held. It is
 * resent (same idempotency key) only when the server shows it did not
 * happen AND either the server answered with an error (5xx, cut body: it
 * has finished with the request) or the grace period since the send has
 * passed. An entry that ever got a 2xx answer is never resent: the server
 * did something, so only reconciliation (or the user's cancel) closes it.
 */
#ifndef DESK_APP_OUTBOX_DECIDE_H
#define DESK_APP_OUTBOX_DECIDE_H

#include <stdbool.h>

enum ob_state {
  OB_PENDING = 0, /* recorded, never sent */
  OB_SENT,        /* claimed by a sender; its answer not recorded yet */
  OB_UNKNOWN,     /* sent, outcome not known */
  OB_CLOSED,      /* succeeded, failed or cancelled */
  OB_STATE_COUNT_
};

/* The answer to the send made in this pass (OB_SEND_NONE: no send yet). */
enum ob_send {
  OB_SEND_NONE = 0,
  OB_SEND_OK,           /* 2xx, read as the expected result */
  OB_SEND_REFUSED,      /* 4xx: the server definitely did not do it */
  OB_SEND_UNSUPPORTED,  /* 501, or 404 on the action of an existing payment */
  OB_SEND_ERROR_ANSWER, /* 5xx or a cut answer: the server finished with it */
  OB_SEND_2XX_UNREAD,   /* 2xx whose body is not the expected result */
  OB_SEND_NO_ANSWER,    /* timeout, dropped connection */
  OB_SEND_COUNT_
};

/* What reading the payment (and its refunds) from the server showed. */
enum ob_recon {
  OB_RECON_NONE = 0, /* not read in this step */
  OB_RECON_HAPPENED,
  OB_RECON_NOT_HAPPENED,
  OB_RECON_ERROR, /* could not read it */
  OB_RECON_COUNT_
};

struct ob_facts {
  enum ob_state state;
  bool mine;       /* submitted by this process */
  bool past_grace; /* now - (created_at if pending, else last send)
                      >= grace period */
  bool had_2xx;    /* some send of this entry was answered 2xx */
  bool resent;     /* already resent once in this pass */
  enum ob_send send;
  enum ob_recon recon;
};

enum ob_decision {
  OB_SKIP = 0,      /* not ours to touch now (another session's pending) */
  OB_RECONCILE,     /* read the server, then decide again */
  OB_SEND,          /* claim (-> sent) and send, then decide again */
  OB_RESEND,        /* unknown -> sent, send again with the same key */
  OB_SUCCEED,       /* -> succeeded */
  OB_FAIL,          /* -> failed: the server refused */
  OB_UNSUPPORTED,   /* -> failed: this server does not offer the action */
  OB_KEEP_UNKNOWN,  /* record / keep unknown; lock held; retry later */
  OB_WAIT,          /* leave as it is (still in flight); retry later */
  OB_REPORT_CLOSED, /* already closed: report its outcome */
  OB_DECISION_COUNT_
};

enum ob_decision outbox_decide(const struct ob_facts *f);

/* "skip", "reconcile", ... for tests and logs. */
const char *outbox_decision_name(enum ob_decision d);

#endif
