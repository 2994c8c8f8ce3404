/*
 * json_payment - a conomy_hq payment object -> struct payment (internal to
 * src/api, plus a text entry point for other users of API payloads).
 *
 * Tolerant of every documented variant: unknown fields are ignored, unknown
 * statuses and types are kept raw (PENDING reads as CREATED), strings of the
 * wrong JSON type read as absent. Strict where money is concerned: amounts
 * must be JSON strings that money_parse accepts, otherwise the mapping fails
 * with API_ERR_PARSE naming the payment id and the field. The customer
 * snapshot (name, email, documentNumber) comes from the first rail
 * sub-object's `customer` block of origins (then destinations).
 */
#ifndef DESK_API_JSON_PAYMENT_H
#define DESK_API_JSON_PAYMENT_H

#include <stddef.h>

#include "api/api_client.h"
#include "api/api_err.h"
#include "core/payment.h"

struct cJSON;

/* Maps one payment object. On success *out is filled (caller cleans up);
 * on failure *out is left zeroed. API_ERR_PARSE for a payment without a
 * usable string `id` (see api_reject_id_problem) or with an amount that
 * cannot be read exactly (api_util_money); other fields of the wrong type
 * read as absent, unknown statuses and types are kept as sent. */
enum api_err json_payment_from_object(const struct cJSON *obj,
                                      struct payment *out,
                                      struct api_error *err);

/* Maps a list response (any envelope, see struct api_page) and appends its
 * payments to *out. An item that cannot be mapped is skipped and recorded
 * in *rej; with rej NULL it fails the call instead and nothing is
 * appended. page may be NULL. */
enum api_err json_payment_list(const struct cJSON *root, int64_t limit,
                               int64_t offset, struct payment_list *out,
                               struct api_page *page, struct api_rejects *rej,
                               struct api_error *err);

/* Same, from JSON text (e.g. a webhook's `transaction`). */
enum api_err json_payment_parse(const char *text, size_t len,
                                struct payment *out, struct api_error *err);

#endif
