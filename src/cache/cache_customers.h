/*
 * cache_customers - customers (with their documents), accounts and
 * identities in the cache.
 *
 * Customers are keyset-paged newest first (created_at, id) like payments;
 * a free-text search matches, ASCII case-insensitively, a substring of the
 * id, first name, last name, "first last", email or document number (the
 * trigram index narrows it). Accounts and identities are small sets and
 * listed whole.
 */
#ifndef DESK_CACHE_CACHE_CUSTOMERS_H
#define DESK_CACHE_CACHE_CUSTOMERS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "cache/cache.h"
#include "cache/cache_payments.h"
#include "core/account.h"
#include "core/customer.h"

/* Insert or replace customers and their documents (the document list is
 * replaced as a whole), in one transaction. CACHE_ERR_INVALID for a
 * missing id or one longer than a cursor holds. */
enum cache_err cache_customers_upsert(struct cache *c,
                                      const struct customer *items, size_t n);
/* The same plus meta entries (sync cursor) in ONE transaction. */
enum cache_err cache_customers_upsert_with_meta(struct cache *c,
                                                const struct customer *items,
                                                size_t n,
                                                const struct cache_meta_kv *kv,
                                                size_t nkv);
/* CACHE_ERR_NOT_FOUND when absent. */
enum cache_err cache_customer_get(struct cache *c, const char *id,
                                  struct customer *out);
/* Customers matching text (NULL/"" = all), newest first, after `after`;
 * appends up to limit to *out, *next as for cache_payments_list. */
enum cache_err cache_customers_list(struct cache *c, const char *text,
                                    const struct keyset_cursor *after,
                                    size_t limit, struct customer_list *out,
                                    struct keyset_cursor *next);
/* A window of the customers matching text (NULL/"" = all), newest first:
 * up to limit after `from` (backward: before it), `from` itself when
 * inclusive; NULL from = the start (backward: the end). Appended to *out
 * in list order either way; an index range read at any depth. */
enum cache_err cache_customers_window(struct cache *c, const char *text,
                                      const struct keyset_cursor *from,
                                      bool backward, bool inclusive,
                                      size_t limit, struct customer_list *out);
/* The keyset cursor of cu in the customers' order (false: no usable id). */
bool cache_customer_cursor(const struct customer *cu,
                           struct keyset_cursor *out);
/* The cursor of the customer at position n (0-based) of the list matching
 * text; CACHE_ERR_NOT_FOUND past the end. Reads only index keys when
 * unfiltered. */
enum cache_err cache_customers_nth(struct cache *c, const char *text,
                                   int64_t n, struct keyset_cursor *out);
/* Scans every matching customer: not for a UI thread's key. */
enum cache_err cache_customers_count(struct cache *c, const char *text,
                                     int64_t *count);

/* Accounts: upsert in one transaction; get by id or by account number;
 * list those of identity_id (NULL = all), by name then account number. */
enum cache_err cache_accounts_upsert(struct cache *c,
                                     const struct account *items, size_t n);
enum cache_err cache_account_get(struct cache *c, const char *id,
                                 struct account *out);
enum cache_err cache_account_get_by_number(struct cache *c,
                                           const char *account_number,
                                           struct account *out);
enum cache_err cache_accounts_list(struct cache *c, const char *identity_id,
                                   struct account_list *out);

enum cache_err cache_accounts_count(struct cache *c, int64_t *count);

/* Identities: upsert in one transaction, get, list by name. */
enum cache_err cache_identities_upsert(struct cache *c,
                                       const struct identity *items, size_t n);
enum cache_err cache_identity_get(struct cache *c, const char *id,
                                  struct identity *out);
enum cache_err cache_identities_list(struct cache *c,
                                     struct identity_list *out);
enum cache_err cache_identities_count(struct cache *c, int64_t *count);

#endif
