/*
 * sandbox_webhooks - signed event delivery (Model B; the published dialect
 * adds Model A events, signed in the body, for CAPTURED, RECEIVED and
 * FAILED).
 *
 * Events are queued in the `webhooks` table inside the same transaction as
 * the state change that causes them, so an acknowledged change always has
 * its events (at-least-once). The worker POSTs each due event to
 * --webhook-url with `X-Webhook-Signature` = hex HMAC-SHA256 of the raw
 * body keyed with the webhook secret; a non-2xx answer or a 10 s timeout is
 * retried after 30 s, doubling, capped at 1 h, for 24 h of sandbox time,
 * then marked FAILED. Without --webhook-url events are recorded as SKIPPED
 * (visible in GET /_admin/webhooks) and never sent.
 */
#ifndef SANDBOX_WEBHOOKS_H
#define SANDBOX_WEBHOOKS_H

#include <cjson/cJSON.h>
#include <stdint.h>

#include "sandbox/sandbox_db.h"

struct sandbox;
struct sandbox_webhooks;

struct sandbox_webhooks *sandbox_webhooks_new(struct sandbox *sb);
void sandbox_webhooks_free(struct sandbox_webhooks **whp);

/*
 * Queue an event inside the caller's write transaction. `object_key` is
 * "transaction" or "customer"; `object` is copied. Returns 0 or -1.
 */
int sandbox_webhooks_enqueue(struct sandbox *sb, struct sandbox_conn *c,
                             const char *event_type, const char *object_key,
                             const cJSON *object);
/* Queue the events of a payment's status change (payment.*, and
 * transaction.status_changed). */
int sandbox_webhooks_payment(struct sandbox *sb, struct sandbox_conn *c,
                             const char *event_type, const cJSON *payment);
/* Deliver every due event (worker). */
void sandbox_webhooks_run(struct sandbox *sb);
/* Hex HMAC-SHA256 of data with key into out (65 bytes). */
void sandbox_webhooks_hmac_hex(const char *key, const void *data, size_t len,
                               char out[65]);

#endif
