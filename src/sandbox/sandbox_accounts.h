/*
 * sandbox_accounts - identities and accounts: who owns what.
 *
 * GET/POST /identities, GET /identities/{id}, GET/POST /accounts,
 * GET /accounts/{id} (by id or accountNumber), with list envelopes. Enough
 * for a client to show owners and to pick an account when assigning.
 */
#ifndef SANDBOX_ACCOUNTS_H
#define SANDBOX_ACCOUNTS_H

#include "sandbox/sandbox_http.h"

struct sandbox;

void sandbox_accounts_identities_list(struct sandbox *sb,
                                      struct sandbox_req *rq,
                                      struct sandbox_resp *rs);
void sandbox_accounts_identities_get(struct sandbox *sb, struct sandbox_req *rq,
                                     struct sandbox_resp *rs);
void sandbox_accounts_identities_create(struct sandbox *sb,
                                        struct sandbox_req *rq,
                                        struct sandbox_resp *rs);
void sandbox_accounts_list(struct sandbox *sb, struct sandbox_req *rq,
                           struct sandbox_resp *rs);
void sandbox_accounts_get(struct sandbox *sb, struct sandbox_req *rq,
                          struct sandbox_resp *rs);
void sandbox_accounts_create(struct sandbox *sb, struct sandbox_req *rq,
                             struct sandbox_resp *rs);

#endif
