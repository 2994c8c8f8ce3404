/*
 * json_account - account and identity objects -> struct account / struct
 * identity (internal to src/api). Balances are decimal strings in the
 * account's currency, parsed exactly (a number is API_ERR_PARSE).
 */
#ifndef DESK_API_JSON_ACCOUNT_H
#define DESK_API_JSON_ACCOUNT_H

#include <stdint.h>

#include "api/api_client.h"
#include "core/account.h"

struct cJSON;

enum api_err json_account_from_object(const struct cJSON *obj,
                                      struct account *out,
                                      struct api_error *err);
/* List responses (any envelope): an item that cannot be mapped is skipped
 * into *rej (rej NULL: it fails the call, nothing appended). */
enum api_err json_account_list(const struct cJSON *root, int64_t limit,
                               int64_t offset, struct account_list *out,
                               struct api_page *page, struct api_rejects *rej,
                               struct api_error *err);
enum api_err json_identity_from_object(const struct cJSON *obj,
                                       struct identity *out,
                                       struct api_error *err);
enum api_err json_identity_list(const struct cJSON *root, int64_t limit,
                                int64_t offset, struct identity_list *out,
                                struct api_page *page, struct api_rejects *rej,
                                struct api_error *err);

#endif
