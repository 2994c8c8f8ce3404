/*
 * sandbox_customers - persistent customers (model (a) of the API notes).
 *
 * GET /customers (documentNumber, email, operationLevel filters),
 * GET/PATCH /customers/{id}, POST /customers, POST /customers/{id}/
 * documents, and the operator calls .../documents/{index}/approve|reject.
 * One APPROVED document makes the customer documented (isDocumented) and
 * promotes a BASIC customer to STANDARD; later payments of that customer
 * skip the review gate. Level changes emit customer.levelChanged.
 */
#ifndef SANDBOX_CUSTOMERS_H
#define SANDBOX_CUSTOMERS_H

#include <cjson/cJSON.h>
#include <stdint.h>

#include "sandbox/sandbox_db.h"
#include "sandbox/sandbox_http.h"

struct sandbox;

void sandbox_customers_list(struct sandbox *sb, struct sandbox_req *rq,
                            struct sandbox_resp *rs);
void sandbox_customers_get(struct sandbox *sb, struct sandbox_req *rq,
                           struct sandbox_resp *rs);
void sandbox_customers_create(struct sandbox *sb, struct sandbox_req *rq,
                              struct sandbox_resp *rs);
void sandbox_customers_patch(struct sandbox *sb, struct sandbox_req *rq,
                             struct sandbox_resp *rs);
void sandbox_customers_add_document(struct sandbox *sb, struct sandbox_req *rq,
                                    struct sandbox_resp *rs);
void sandbox_customers_approve(struct sandbox *sb, struct sandbox_req *rq,
                               struct sandbox_resp *rs);
void sandbox_customers_reject(struct sandbox *sb, struct sandbox_req *rq,
                              struct sandbox_resp *rs);

/*
 * The customer for a payment's rail snapshot (inside the caller's write
 * transaction): matched on documentNumber, then email; otherwise created as
 * BASIC with autoCreated. Writes the id into out and returns 0; returns 1
 * when the snapshot has nothing to match or create from, -1 on error.
 */
int sandbox_customers_resolve(struct sandbox *sb, struct sandbox_conn *c,
                              int tenant, const char *client_id,
                              const cJSON *snapshot, int64_t now, char out[25]);

#endif
