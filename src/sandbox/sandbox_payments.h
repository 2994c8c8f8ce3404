/*
 * sandbox_payments - reading payments: GET /payments (every filter, sort,
 * dates, comma lists, the full list envelope) and GET /payments/{id}.
 *
 * Lists are served by concatenating stored documents, so a page costs one
 * indexed query plus a count.
 */
#ifndef SANDBOX_PAYMENTS_H
#define SANDBOX_PAYMENTS_H

#include "sandbox/sandbox_http.h"

struct sandbox;

void sandbox_payments_list(struct sandbox *sb, struct sandbox_req *rq,
                           struct sandbox_resp *rs);
void sandbox_payments_get(struct sandbox *sb, struct sandbox_req *rq,
                          struct sandbox_resp *rs);
/* GET /refunds (alias /refund): payments of type REFUND with the
 * refund filters (parentPaymentId, status, identityId, accountNumber,
 * dates, sort, limit, offset). */
void sandbox_payments_list_refunds(struct sandbox *sb, struct sandbox_req *rq,
                                   struct sandbox_resp *rs);

/*
 * Append the list envelope's pagination object for a page to `sb` text:
 * {"limit":L,"offset":O,"total":T,"count":C,"next":N|null,"previous":P|null}
 */
void sandbox_payments_pagination(struct strbuf *out, long long limit,
                                 long long offset, long long total,
                                 long long count);

#endif
