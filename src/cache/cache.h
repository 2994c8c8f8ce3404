/*
 * cache - the local SQLite cache. The only code that uses SQLite.
 *
 * One file per profile under $XDG_CACHE_HOME/conomy-desk/ (or $CONOMY_CACHE),
 * created 0600 in a 0700 directory. WAL mode with busy_timeout, so two desks
 * (two SSH sessions) can share it. The schema version lives in
 * PRAGMA user_version and is migrated forward; a file newer than this binary
 * is refused with CACHE_ERR_SCHEMA_NEWER. A struct cache is one connection:
 * use one per thread.
 * Amounts are stored as INTEGER minor units plus currency, never REAL, and
 * an amount_micro column for cross-currency comparison.
 *
 * More of the cache, one header per concern: cache_payments.h (page +
 * sync cursor in one transaction, review queue, unassigned topups, refunds,
 * refund summary), cache_meta.h (typed meta, sync-state keys),
 * cache_customers.h (customers, accounts, identities), cache_outbox.h (the
 * durable action outbox), cache_activity.h (the activity log),
 * cache_webhook.h (delivery de-duplication), cache_schema.h (migrations).
 */
#ifndef DESK_CACHE_CACHE_H
#define DESK_CACHE_CACHE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/filter.h"
#include "core/keyset.h"
#include "core/payment.h"

struct cache;

enum cache_err {
  CACHE_OK = 0,
  CACHE_ERR_OPEN,         /* cannot create/open the file or directory */
  CACHE_ERR_SCHEMA_NEWER, /* written by a newer conomy-desk */
  CACHE_ERR_CORRUPT,      /* not a database / integrity failure */
  CACHE_ERR_BUSY,         /* locked longer than busy_timeout */
  CACHE_ERR_IO,           /* disk full, read-only, other SQLite error */
  CACHE_ERR_NOT_FOUND,
  CACHE_ERR_CONFLICT, /* constraint: e.g. a second pending money action */
  CACHE_ERR_INVALID,  /* bad argument (NULL/empty id, id too long...) */
  CACHE_ERR_STATE,    /* not allowed in the row's current state */
  CACHE_ERR_FULL,     /* the disk (or the database size limit) is full */
};

const char *cache_strerror(enum cache_err e);

/* Default path: $CONOMY_CACHE, else $XDG_CACHE_HOME (or ~/.cache)
 * /conomy-desk/<profile>.db (profile NULL or "" = "default"). Creates the
 * directory 0700 (and makes an existing one 0700). Caller frees. NULL when
 * the profile name is not [A-Za-z0-9._-] (no leading dot), there is no
 * home directory, or the directory cannot be created or is not ours. */
char *cache_default_path(const char *profile);

/* Opens (creating and migrating as needed). On failure *out is NULL and,
 * when cause is non-NULL, *cause is a heap one-line reason (caller frees).
 * A damaged file is moved aside and rebuilt (see cache_notice) unless it
 * may hold unsent outbox entries: then CACHE_ERR_CORRUPT and the file is
 * left in place. A symlink, another user's file or another program's
 * SQLite file is CACHE_ERR_OPEN. */
enum cache_err cache_open(const char *path, struct cache **out, char **cause);
void cache_close(struct cache **cp);
/* Makes the statement running on c (in another thread) stop soon with an
 * error; the one call that may be made on c from another thread while it
 * is in use. c must stay open meanwhile. NULL is fine. */
void cache_interrupt(struct cache *c);

/* After a successful cache_open: a one-line notice when a damaged file was
 * moved aside to <path>.corrupt-<timestamp> and a new cache created (show it
 * to the user once), else NULL. Owned by the cache. */
const char *cache_notice(const struct cache *c);
/* The file this cache was opened on. Owned by the cache. */
const char *cache_path(const struct cache *c);
/* Rows inserted, updated or deleted through this connection since it was
 * opened (full-text and trigger rows included): what a sync really wrote. */
int64_t cache_total_changes(const struct cache *c);

/* Insert or replace the payments in one BEGIN IMMEDIATE transaction (all
 * or nothing). A row never replaces a cached one with a newer updated_at
 * (an incoming updated_at of 0 always wins). CACHE_ERR_INVALID for a NULL
 * or empty id or one of 32 bytes or more. */
enum cache_err cache_payments_upsert(struct cache *c,
                                     const struct payment *items, size_t n);

/* Appends up to `limit` payments matching f (NULL = all) in `sort` order,
 * after `after` (NULL = from the start), to *out. When `next` is non-NULL it
 * receives the cursor for the following page (valid=false at the end). */
enum cache_err cache_payments_list(struct cache *c, const struct filter *f,
                                   enum keyset_sort sort,
                                   const struct keyset_cursor *after,
                                   size_t limit, struct payment_list *out,
                                   struct keyset_cursor *next);
enum cache_err cache_payments_count(struct cache *c, const struct filter *f,
                                    int64_t *count);
/* CACHE_ERR_NOT_FOUND when absent. */
enum cache_err cache_payment_get(struct cache *c, const char *id,
                                 struct payment *out);

/* Small key/value store for sync state ("last_sync_ms", watermarks...).
 * cache_meta_get: *value is a heap string (caller frees) or NULL if unset. */
enum cache_err cache_meta_get(struct cache *c, const char *key, char **value);
enum cache_err cache_meta_set(struct cache *c, const char *key,
                              const char *value);

/* Empty the cached API data so the next sync starts from scratch; keep
 * open outbox entries and the activity log (see cache_maint.c).
 * CACHE_ERR_STATE while an outbox entry is in flight ("sent"). */
enum cache_err cache_purge(struct cache *c);

/* PRAGMA integrity_check plus the full-text indexes' own check. CACHE_OK
 * or CACHE_ERR_CORRUPT with *report (heap, caller frees; may be NULL) a
 * one-line summary of the problems. */
enum cache_err cache_integrity_check(struct cache *c, char **report);

#endif
