/*
 * sandbox_store - payments as stored JSON documents plus indexed columns.
 *
 * A payment row holds the object exactly as the API returns it (`doc`) and
 * the columns used to filter and sort (tenant, status, type, times, amount,
 * account, identity, parent, customer) plus `due_ms`, the sandbox time of
 * its next clock event (settlement of a RECEIVED payment, expiry of an
 * unassigned topup). Columns are always derived from the document, so the
 * two never disagree. Also: the request ledger and small JSON helpers
 * shared by the payment modules.
 */
#ifndef SANDBOX_STORE_H
#define SANDBOX_STORE_H

#include <cjson/cJSON.h>
#include <stdbool.h>
#include <stdint.h>

#include "core/money.h"
#include "sandbox/sandbox_db.h"
#include "sandbox/sandbox_http.h"

struct sandbox;

/* A payment row ready to store: the serialised document plus the columns
 * derived from it. Strings point into `text` or the source document. */
struct sandbox_store_row {
  char *text; /* owned: cJSON_free, or free when plain */
  bool plain; /* text came from xmalloc, not cJSON */
  char id[25];
  char status[24];
  char type[24];
  char currency[8];
  char account[80]; /* "" when null */
  char identity[32];
  char parent[32];
  char customer[32];
  char checkout[64];
  int64_t created, updated, minor, micro, due; /* due -1 when none */
  bool unassigned;
};

/* Derive the row of a payment document. Returns 0, or -1 when the
 * document is malformed. Release with sandbox_store_row_cleanup. */
int sandbox_store_row(const struct sandbox *sb, const cJSON *doc,
                      struct sandbox_store_row *row);
void sandbox_store_row_cleanup(struct sandbox_store_row *row);
/* Insert or update a derived row. Returns 0 or -1. */
int sandbox_store_put_row(struct sandbox_conn *c, int tenant,
                          const struct sandbox_store_row *row);

/*
 * Insert or update the payment `doc` of `tenant` (columns derived from
 * it). Returns 0, or -1 when the document is malformed or SQLite fails.
 */
int sandbox_store_put_payment(struct sandbox *sb, struct sandbox_conn *c,
                              int tenant, const cJSON *doc);
/* Load a payment of `tenant` by id; NULL when absent (or another
 * tenant's). Caller deletes. */
cJSON *sandbox_store_get_payment(struct sandbox_conn *c, int tenant,
                                 const char *id);
/* Same, returning the stored text (caller frees) or NULL. */
char *sandbox_store_get_payment_text(struct sandbox_conn *c, int tenant,
                                     const char *id);

/* Insert or update other objects (columns derived from the document).
 * Return 0 or -1. */
int sandbox_store_put_customer(struct sandbox_conn *c, int tenant,
                               const cJSON *doc);
int sandbox_store_put_identity(struct sandbox_conn *c, int tenant,
                               const cJSON *doc);
int sandbox_store_put_account(struct sandbox_conn *c, int tenant,
                              const cJSON *doc);
/* Load a customer / identity / account of `tenant` by id; NULL if absent.
 * Caller deletes. */
cJSON *sandbox_store_get_customer(struct sandbox_conn *c, int tenant,
                                  const char *id);
cJSON *sandbox_store_get_identity(struct sandbox_conn *c, int tenant,
                                  const char *id);
cJSON *sandbox_store_get_account(struct sandbox_conn *c, int tenant,
                                 const char *id);
/* Account of `tenant` by accountNumber (or by id); NULL if absent. */
cJSON *sandbox_store_find_account(struct sandbox_conn *c, int tenant,
                                  const char *number_or_id);

/*
 * A new payment document with every contract field in canonical order:
 * the given values, null for the status timestamps, accountNumber,
 * externalId, identityId, documentationStatus, reviewReason,
 * parentPaymentId, relatedPaymentId, customerId, empty fees/origins/
 * destinations. purchaseAmount/purchaseCurrency/product mirror the total.
 * Caller deletes.
 */
cJSON *sandbox_store_new_payment(const char *id, const char *type,
                                 const char *status, const char *amount,
                                 const char *currency, int64_t created_ms);

/* Fill an ACCOUNT node (`account`: type, currency, accountNumber,
 * accountHolder; `identity.identityId` when absent, or always with
 * set_identity) from an account. */
void sandbox_store_fill_account_node(cJSON *node, const cJSON *acct,
                                     bool set_identity);

/* True for the types an unassigned deposit can have: TOPUP_ACCOUNT, and
 * LOCAL_DEPOSIT (published dialect demo data). Such a payment in CREATED
 * without accountNumber is unassigned. */
bool sandbox_store_parks_deposit(const char *type);

/* The client's own identity (its first ORGANIZATION, else its first
 * identity) into out. Returns 0, or -1 when the tenant has none. An
 * unassigned topup created without identityId belongs to it until assign
 * names the account. */
int sandbox_store_client_identity(struct sandbox_conn *c, int tenant,
                                  char out[25]);

/* Minor units of a currency as the API's decimal text ("0" when it
 * cannot be formatted). Returns buf. */
const char *sandbox_store_amount(int64_t minor, const char *currency,
                                 char buf[MONEY_FMT_MAX]);

/* True for a 24-character lowercase hex id. */
bool sandbox_store_is_id(const char *s);

/* ISO 8601 text for sandbox time `ms` into buf (>= 32 bytes). */
const char *sandbox_store_iso(int64_t ms, char *buf);
/* Set (replace) doc[key] to a string, or to null when value is NULL. */
void sandbox_store_set_str(cJSON *doc, const char *key, const char *value);
/* Set doc[key] to the ISO time of ms. */
void sandbox_store_set_time(cJSON *doc, const char *key, int64_t ms);
/* doc[key] as a string, or NULL. */
const char *sandbox_store_str(const cJSON *doc, const char *key);

/*
 * Append a ledger row (inside the caller's write transaction): one row per
 * executed state change, with the request's method, path, trace id and
 * Idempotency-Key. rq may be NULL for clock-driven changes.
 */
int sandbox_store_ledger(struct sandbox *sb, struct sandbox_conn *c,
                         const struct sandbox_req *rq, int tenant,
                         const char *action, const char *object_id,
                         const char *detail);

#endif
