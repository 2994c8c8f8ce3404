/*
 * api_accounts - accounts, identities and the unassigned-balance summary:
 * enough to show who owns what and to pick an account when assigning.
 */
#ifndef DESK_API_API_ACCOUNTS_H
#define DESK_API_API_ACCOUNTS_H

#include <stddef.h>
#include <stdint.h>

#include "api/api_client.h"
#include "core/account.h"
#include "core/money.h"

struct api_account_query {
  const char *identity_id;
  const char *account_number;
  const char *type;
  const char *currency;
  const char *status;
  const char *parent_id;
  int64_t limit; /* 0 = 50 */
  int64_t offset;
};

/* GET /accounts (every envelope, the nested {"pagination":{"pagination",
 * "results"}} and a bare array too). Appends; items that cannot be mapped
 * are skipped (api_reject). */
enum api_err api_accounts_list(struct api_client *c,
                               const struct api_account_query *q,
                               struct account_list *out, struct api_page *page,
                               struct api_error *err);
/* GET /accounts/{id}. */
enum api_err api_account_get(struct api_client *c, const char *id,
                             struct account *out, struct api_error *err);

struct api_unassigned_item {
  char *payment_id;
  char *originante_name;
  struct money amount;
  int64_t expires_at;
};

struct api_unassigned_summary {
  struct money total_amount; /* currency "" when not sent */
  int64_t count;
  struct api_unassigned_item *urgent;
  size_t urgent_count;
};
void api_unassigned_summary_cleanup(struct api_unassigned_summary *s);

/* GET /accounts/unassigned[?clientId=] -> totals and the urgent items. */
enum api_err api_accounts_unassigned(struct api_client *c,
                                     const char *client_id,
                                     struct api_unassigned_summary *out,
                                     struct api_error *err);

struct api_identity_query {
  const char *type;
  const char *email;
  const char *document_number;
  const char *status;
  int64_t limit; /* 0 = 50 */
  int64_t offset;
  const char *next; /* a cursor (api_page.next_cursor): sent instead of
                       offset */
};

/* GET /identities ({"data","pagination"} with a `next` cursor, or any list
 * envelope). Items that cannot be mapped are skipped (see api_reject). */
enum api_err api_identities_list(struct api_client *c,
                                 const struct api_identity_query *q,
                                 struct identity_list *out,
                                 struct api_page *page, struct api_error *err);
/* GET /identities/{id}. */
enum api_err api_identity_get(struct api_client *c, const char *id,
                              struct identity *out, struct api_error *err);

#endif
