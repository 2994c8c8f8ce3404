/*
 * json_customer - customer objects (model (a) of the contract, tolerant of
 * the OpenAPI model (b)) -> struct customer (internal to src/api).
 */
#ifndef DESK_API_JSON_CUSTOMER_H
#define DESK_API_JSON_CUSTOMER_H

#include <stdint.h>

#include "api/api_client.h"
#include "core/customer.h"

struct cJSON;

/* Maps one customer; needs a string `id`. Document types are lower-cased
 * (older pages send KYC, SOURCE_OF_FUNDS). On failure *out is zeroed. */
enum api_err json_customer_from_object(const struct cJSON *obj,
                                       struct customer *out,
                                       struct api_error *err);
/* One document object {type,url,contentType,status,uploadedAt}. */
void json_customer_document(const struct cJSON *obj,
                            struct customer_document *out);
/* A list response (any envelope); an item that cannot be mapped is
 * skipped into *rej (rej NULL: it fails the call, nothing appended). */
enum api_err json_customer_list(const struct cJSON *root, int64_t limit,
                                int64_t offset, struct customer_list *out,
                                struct api_page *page,
                                struct api_rejects *rej,
                                struct api_error *err);

#endif
