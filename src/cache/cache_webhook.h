/*
 * cache_webhook - de-duplication of webhook deliveries.
 *
 * A delivery is identified by (eventType, object id, status): the same
 * event delivered twice (retries, two listeners) is applied once. The key
 * is recorded in the same transaction as the change it causes, so a crash
 * between "applied" and "recorded" cannot happen.
 */
#ifndef DESK_CACHE_CACHE_WEBHOOK_H
#define DESK_CACHE_CACHE_WEBHOOK_H

#include <stdbool.h>

#include "cache/cache.h"
#include "core/payment.h"

/* "eventType|objectId|status" (NULL parts are empty). Caller frees. */
char *cache_webhook_key(const char *event_type, const char *object_id,
                        const char *status);

/* Record `key`; *already is true when it was recorded before (nothing
 * changes then). */
enum cache_err cache_webhook_seen(struct cache *c, const char *key,
                                  bool *already);

/* Record `key` and upsert p in ONE transaction; when the key was already
 * recorded nothing is written and *already is true. */
enum cache_err cache_webhook_apply_payment(struct cache *c, const char *key,
                                           const struct payment *p,
                                           bool *already);

/* Forget keys recorded before `before_ms` (housekeeping). */
enum cache_err cache_webhook_prune(struct cache *c, int64_t before_ms);

#endif
