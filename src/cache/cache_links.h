/*
 * cache_links - the customer link of payments that carry no customerId
 * (GET /payments/{id}/customer names their customer; see schema v8).
 *
 * A payment is "to look up" while it has no customer id, its record had no
 * customerId member, and it was never looked up. A lookup's outcome is
 * recorded once: an attached customer fills the payment's customer columns
 * (the ones a payment with customerId fills) and is upserted into the
 * customers table; a payment re-read later keeps it unless the server then
 * sends a customerId (cache_payments upsert). Not attached: only the time.
 */
#ifndef DESK_CACHE_CACHE_LINKS_H
#define DESK_CACHE_CACHE_LINKS_H

#include <stddef.h>
#include <stdint.h>

#include "cache/cache.h"
#include "core/customer.h"

/* Up to `limit` ids of payments to look up, newest (createdAt) first, into
 * ids (heap strings; free each and the array); *n is the count. */
enum cache_err cache_links_todo(struct cache *c, size_t limit, char ***ids,
                                size_t *n);
/* How many payments are still to look up. */
enum cache_err cache_links_pending(struct cache *c, int64_t *count);

/* One lookup's outcome: customer NULL when the payment has no attached
 * customer (or its link could not be read). */
struct cache_link {
  const char *payment_id;
  const struct customer *customer;
};
/* Records n outcomes at at_ms in one transaction. A payment that gained a
 * customer id meanwhile keeps it (only the lookup time is set); one no
 * longer cached is skipped. */
enum cache_err cache_links_record(struct cache *c,
                                  const struct cache_link *items, size_t n,
                                  int64_t at_ms);

#endif
