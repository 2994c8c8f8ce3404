/*
 * sandbox_review - review documents, presigned uploads and document bytes.
 *
 * POST /payments/{id}/documents registers a document on a payment in
 * REQUIRES_REVIEW (no url: PENDING_UPLOAD; with url: UPLOADED and the
 * payment's documentationStatus becomes UPLOADED). The presign endpoints
 * hand out a one-use upload URL on this server (/_uploads/<token>, valid
 * 15 minutes of sandbox time, no API headers needed); a multipart POST of
 * the fields plus `file` stores the bytes (20 MiB at most, 413 past it) and
 * GET <canonicalUrl> (API headers needed, same tenant) returns them.
 */
#ifndef SANDBOX_REVIEW_H
#define SANDBOX_REVIEW_H

#include "sandbox/sandbox_http.h"

struct sandbox;

void sandbox_review_add_document(struct sandbox *sb, struct sandbox_req *rq,
                                 struct sandbox_resp *rs);
/* POST /payments/{id}/documents/presign and
 * POST /customers/{id}/documents/presign */
void sandbox_review_presign(struct sandbox *sb, struct sandbox_req *rq,
                            struct sandbox_resp *rs);
/* POST /_uploads/{token} (multipart) */
void sandbox_review_upload(struct sandbox *sb, struct sandbox_req *rq,
                           struct sandbox_resp *rs);
/* GET /documents/{payments|customers}/{id}/{type}/{stamp} */
void sandbox_review_download(struct sandbox *sb, struct sandbox_req *rq,
                             struct sandbox_resp *rs);
/* GET /payments/{id}/customer */
void sandbox_review_payment_customer(struct sandbox *sb, struct sandbox_req *rq,
                                     struct sandbox_resp *rs);
/* Normalise a document type (case-insensitive) into out (lower case);
 * false when it is not kyc, source_of_funds, invoice, contract, other. */
bool sandbox_review_doc_type(const char *in, char out[24]);

#endif
