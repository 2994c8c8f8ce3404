/*
 * sandbox_demo_int - what the demo data modules share: the currency and
 * name tables, the generator state, the plans a payment follows, and the
 * helpers each module exports (prefixed with its file name).
 *
 *   sandbox_demo.c           tables, random helpers, plans, history
 *                            threads, sandbox_demo_generate
 *   sandbox_demo_json.c      JSON text written directly (fast)
 *   sandbox_demo_nodes.c     payment nodes: rails and ACCOUNT
 *   sandbox_demo_payments.c  one payment with its refund children
 *   sandbox_demo_parties.c   identities, accounts and customers
 */
#ifndef SANDBOX_DEMO_INT_H
#define SANDBOX_DEMO_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/strbuf.h"
#include "sandbox/sandbox.h"
#include "sandbox/sandbox_store.h"

#define DAY_MS (86400000LL)
#define HOUR_MS (3600000LL)
/* Entries of sandbox_demo_currencies (checked where it is defined). */
#define SANDBOX_DEMO_NCUR 9

struct demo_cur {
  const char *code;
  const char *country2;
  const char *country3;
  const char *rails[3];
  int nrails;
  int64_t min_major;
  int64_t max_major;
  const char *doc_type;
  const char *phone_prefix;
  const char *payout; /* payout rail for withdrawals */
};

struct demo_name {
  const char *first;
  const char *last;
};

/* The first three are hostile on purpose: the desk must neutralise them. */
struct demo_customer {
  char id[25];
  int name;
  int cur; /* home currency */
  bool documented;
  char doc_number[24];
  char email[64];
};

struct demo_account {
  char id[25];
  char number[64];
  char identity[25];
  char holder[64];
  int cur;
};

struct demo_rows {
  struct sandbox_store_row *rows;
  int n;
  int cap;
};

struct demo {
  struct sandbox *sb;
  struct sandbox_conn *c;
  struct demo_rows *out; /* when set, rows are collected, not inserted */
  uint64_t rng;
  int64_t now;
  int tenant;
  long made;      /* payments written (this chunk when collecting) */
  long made_base; /* payments before this chunk */
  long target;
  struct demo_customer *cust;
  int ncust;
  struct demo_account acct[SANDBOX_DEMO_NCUR * 2];
  int nacct;
  char identity[4][25];
  const char *identity_name[4];
  uint64_t idseq;
};

enum plan {
  PLAN_CREATED,
  PLAN_AUTHORIZED,
  PLAN_REVIEW_PENDING,
  PLAN_REVIEW_UPLOADED,
  PLAN_CAPTURED,
  PLAN_RECEIVED,
  PLAN_SETTLED,
  PLAN_SETTLED_FULL_REFUND,
  PLAN_SETTLED_PARTIAL_REFUNDS,
  PLAN_FAILED,
  PLAN_UNASSIGNED_URGENT,
  PLAN_UNASSIGNED,
  PLAN_EXPIRED,
  PLAN_UNSETTLED,
  PLAN_REVIEW_REJECTED,
  PLAN_REVIEW_APPROVED,
  PLAN_SETTLED_REFUND_RUNNING,
};

extern const struct demo_cur sandbox_demo_currencies[SANDBOX_DEMO_NCUR];
extern const struct demo_name sandbox_demo_names[];
extern const int sandbox_demo_nnames;
extern const char *const sandbox_demo_descriptions[];
extern const size_t sandbox_demo_ndescriptions;

/* sandbox_demo.c: a draw in [0, n); a time-ordered id; an amount as text;
 * a believable amount and one at or above the review threshold (minor
 * units); n random digits. */
uint64_t sandbox_demo_rnd(struct demo *d, uint64_t n);
void sandbox_demo_new_id(struct demo *d, int64_t ms, char out[25]);
void sandbox_demo_fmt_amount(int cur, int64_t minor, char *buf, size_t len);
int64_t sandbox_demo_rand_amount(struct demo *d, int cur);
int64_t sandbox_demo_review_amount(struct demo *d, int cur);
void sandbox_demo_digits(struct demo *d, char *buf, int n);

/* sandbox_demo_json.c: a JSON string (NULL -> null); ,"key": ; both;
 * an ISO time (ms < 0 -> null). */
void sandbox_demo_json_str(struct strbuf *o, const char *s);
void sandbox_demo_json_key(struct strbuf *o, const char *key);
void sandbox_demo_json_kv(struct strbuf *o, const char *key, const char *v);
void sandbox_demo_json_time(struct strbuf *o, const char *key, int64_t ms);

/* sandbox_demo_nodes.c: an external rail node with the customer snapshot;
 * an ACCOUNT node (a NULL account is a parked deposit's, held by
 * `holder`); an account of the currency. */
void sandbox_demo_nodes_rail(struct strbuf *o, struct demo *d, int cur,
                             const char *type, const struct demo_customer *cu,
                             const char *amount);
void sandbox_demo_nodes_account(struct strbuf *o, const struct demo_account *a,
                                const char *holder, int cur,
                                const char *amount);
const struct demo_account *sandbox_demo_nodes_account_for(struct demo *d,
                                                          int cur);

/* sandbox_demo_payments.c: one payment following `plan` at time t, with
 * the children the plan needs. Returns 0 or -1. */
int sandbox_demo_payments_make(struct demo *d, enum plan plan, int64_t t,
                               int hint, const char *force_type);

/* sandbox_demo_parties.c: four identities, the accounts and ncust
 * customers. Returns 0 or -1. */
int sandbox_demo_parties_make(struct demo *d, int ncust);

#endif
