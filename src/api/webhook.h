/*
 * webhook - verifying and reading conomy_hq webhook deliveries (Model B:
 * {"eventType","timestamp","transaction"|"customer"}; Model A's
 * {"event","data":{"transaction"}} is read too).
 *
 * Verify first, parse second: webhook_verify_delivery() checks the
 * X-Webhook-Signature header (Model B: hex HMAC-SHA256 of the raw body with
 * the webhook secret) or, without one, the body's "signature" member
 * (Model A), in constant time; nothing of an unverified body is used.
 */
#ifndef DESK_API_WEBHOOK_H
#define DESK_API_WEBHOOK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "api/api_err.h"
#include "core/customer.h"
#include "core/payment.h"

/* True when hex_signature (64 hex digits, either case; an optional
 * "sha256=" prefix is accepted) is the HMAC-SHA256 of body[0..len) keyed
 * with secret. Constant time in the signature's content. NULL or empty
 * secret/signature -> false. */
bool webhook_verify(const char *secret, const void *body, size_t len,
                    const char *hex_signature);

/* One delivery, either model. With an X-Webhook-Signature header
 * (Model B): webhook_verify of the raw body. Without one (Model A, the
 * signature is the body's "signature" member): the HMAC of the body
 * without that member, i.e. {"event":...,"data":...} compact in that order
 * (docs/SANDBOX.md, "Model A webhooks"): first by cutting the member from
 * the raw text, then by re-serialising {event, data}. Constant time in the
 * signature's content either way. */
bool webhook_verify_delivery(const char *secret, const void *body, size_t len,
                             const char *header_signature);

/* Lower-case hex HMAC-SHA256 of body into out (65 bytes), for tests and
 * for the sandbox-style signing of test deliveries. */
void webhook_sign(const char *secret, const void *body, size_t len,
                  char out[65]);

enum webhook_subject {
  WEBHOOK_SUBJECT_NONE = 0,
  WEBHOOK_SUBJECT_PAYMENT,  /* `transaction` -> payment */
  WEBHOOK_SUBJECT_CUSTOMER, /* `customer` -> customer */
};

struct webhook_event {
  char *event_type;  /* "payment.settled", kept as sent */
  int64_t timestamp; /* ms, 0 when absent */
  enum webhook_subject subject;
  struct payment payment;   /* when subject is PAYMENT */
  struct customer customer; /* when subject is CUSTOMER */
  char *dedup_key;          /* "eventType|id|status" */
  char *raw_json;
};
void webhook_event_cleanup(struct webhook_event *e);

/* Parses a (verified) body. API_ERR_PARSE for non-JSON, no event type, or
 * a subject that does not map (e.g. an amount that is a JSON number). An
 * event with neither transaction nor customer is accepted with subject
 * NONE. */
enum api_err webhook_event_parse(const char *body, size_t len,
                                 struct webhook_event *out,
                                 struct api_error *err);

#endif
