/*
 * json_refund - refund responses (internal to src/api): the POST
 * /payments/{id}/refund result and the per-parent summary of seed 002.
 */
#ifndef DESK_API_JSON_REFUND_H
#define DESK_API_JSON_REFUND_H

#include "api/api_refunds.h"

struct cJSON;

/* {"refundId","parentPaymentId","status","totalAmount","currency",
 * "createdAt"} (also "id"/"amount"); needs an id. */
enum api_err json_refund_result(const struct cJSON *obj,
                                struct api_refund_result *out,
                                struct api_error *err);
/* The "summary" object; every amount a decimal string in `currency`. */
enum api_err json_refund_summary(const struct cJSON *obj,
                                 struct refund_summary *out,
                                 struct api_error *err);

#endif
