/*
 * api_documents - review documents of a payment: presign, upload of a
 * local file to the presigned URL (multipart/form-data with libcurl's mime
 * API; the presign is the permission, so no API headers are sent there),
 * and register (POST /payments/{id}/documents). All POSTs: never retried.
 */
#ifndef DESK_API_API_DOCUMENTS_H
#define DESK_API_API_DOCUMENTS_H

#include <stddef.h>
#include <stdint.h>

#include "api/api_client.h"
#include "core/action.h"
#include "core/customer.h"

/* Largest file the API accepts (defined once, in core/action.h). */
#define API_DOCUMENT_MAX_BYTES ACTION_UPLOAD_MAX_BYTES

struct api_presign {
  char *url;           /* where to POST the form */
  char *canonical_url; /* what to register afterwards */
  char **field_names;  /* form fields to send before the file */
  char **field_values;
  size_t nfields;
  int64_t expires_at; /* ms, 0 when not sent */
};
void api_presign_cleanup(struct api_presign *p);

/* POST /payments/{id}/documents/presign {"type","contentType"}. Changes
 * nothing on the server; idem_key may be NULL. */
enum api_err api_document_presign(struct api_client *c, const char *payment_id,
                                  const char *type, const char *content_type,
                                  const char *idem_key, struct api_presign *out,
                                  struct api_error *err);

/* Upload progress: bytes sent so far / in all. Return non-zero to cancel
 * (the upload then fails with API_ERR_UNKNOWN_OUTCOME or API_ERR_NETWORK). */
typedef int (*api_progress_fn)(void *ud, int64_t sent, int64_t total);

/* Multipart POST of p's fields plus `file` (the local file, streamed) to
 * p->url. The URL must be https (or http on loopback). A file that cannot
 * be read or is over API_DOCUMENT_MAX_BYTES is API_ERR_IO before anything
 * is sent. No total timeout: the low-speed limit guards slow links. */
enum api_err
api_document_upload(struct api_client *c, const struct api_presign *p,
                    const char *file_path, const char *content_type,
                    api_progress_fn progress, void *ud, struct api_error *err);

struct api_document_result {
  char *payment_id;
  char *status_raw;           /* the payment's status */
  char *documentation_status; /* the payment's documentationStatus */
  struct customer_document document;
};
void api_document_result_cleanup(struct api_document_result *r);

/* POST /payments/{id}/documents {"type","url"?,"contentType"?}. out may be
 * NULL. */
enum api_err api_document_register(struct api_client *c, const char *payment_id,
                                   const char *type, const char *url,
                                   const char *content_type,
                                   const char *idem_key,
                                   struct api_document_result *out,
                                   struct api_error *err);

/* presign + upload + register with url = canonicalUrl, in one call. */
enum api_err api_document_upload_file(
    struct api_client *c, const char *payment_id, const char *type,
    const char *file_path, const char *content_type, api_progress_fn progress,
    void *ud, const char *idem_key, struct api_document_result *out,
    struct api_error *err);

#endif
