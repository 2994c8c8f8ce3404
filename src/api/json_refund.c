/*
 * json_refund - refund result and summary mapping. See json_refund.h.
 */
#include "api/json_refund.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "api/json_util.h"
#include "core/xalloc.h"

enum api_err json_refund_result(const cJSON *obj, struct api_refund_result *out,
                                struct api_error *err) {
  struct api_refund_result r;
  const char *cur;
  bool present;
  enum api_err rc;

  memset(out, 0, sizeof(*out));
  memset(&r, 0, sizeof(r));
  if (!cJSON_IsObject(obj)) {
    api_error_set(err, API_ERR_PARSE, "refund response is not an object");
    return API_ERR_PARSE;
  }
  r.refund_id = json_util_strdup(obj, "refundId");
  if (r.refund_id == NULL)
    r.refund_id = json_util_strdup(obj, "id");
  if (r.refund_id == NULL || r.refund_id[0] == '\0') {
    api_error_set(err, API_ERR_PARSE, "refund response without a refundId");
    rc = API_ERR_PARSE;
    goto out;
  }
  r.parent_payment_id = json_util_strdup(obj, "parentPaymentId");
  r.status_raw = json_util_strdup(obj, "status");
  r.status = payment_status_from_string(r.status_raw);
  r.created_at = json_util_time(obj, "createdAt");
  cur = json_util_str(obj, "currency");
  rc = json_util_money(obj, "totalAmount", cur, "refund", r.refund_id,
                       &r.amount, &present, err);
  if (rc == API_OK && !present)
    rc = json_util_money(obj, "amount", cur, "refund", r.refund_id, &r.amount,
                         &present, err);
  if (rc != API_OK)
    goto out;
  *out = r;
  memset(&r, 0, sizeof(r));
out:
  api_refund_result_cleanup(&r);
  return rc;
}

static void copy_id(char *dst, size_t len, const char *s) {
  size_t n = s ? strlen(s) : 0;
  if (n >= len)
    n = len - 1;
  if (n)
    memcpy(dst, s, n);
  dst[n] = '\0';
}

enum api_err json_refund_summary(const cJSON *obj, struct refund_summary *out,
                                 struct api_error *err) {
  static const struct {
    const char *key;
    size_t off;
  } amounts[] = {
      {"parentAmount", offsetof(struct refund_summary, parent_amount)},
      {"totalRefunded", offsetof(struct refund_summary, total_refunded)},
      {"totalInProgress", offsetof(struct refund_summary, total_in_progress)},
      {"totalFailed", offsetof(struct refund_summary, total_failed)},
      {"maxRefundable", offsetof(struct refund_summary, max_refundable)},
  };
  const char *cur, *pid;
  bool present;
  enum api_err rc;
  int64_t v;

  memset(out, 0, sizeof(*out));
  if (!cJSON_IsObject(obj)) {
    api_error_set(err, API_ERR_PARSE, "refund summary is not an object");
    return API_ERR_PARSE;
  }
  pid = json_util_str(obj, "parentPaymentId");
  copy_id(out->parent_id, sizeof(out->parent_id), pid);
  cur = json_util_str(obj, "currency");
  for (size_t i = 0; i < sizeof(amounts) / sizeof(amounts[0]); i++) {
    struct money *m = (struct money *)((char *)out + amounts[i].off);
    rc = json_util_money(obj, amounts[i].key, cur, "refund summary of",
                         pid ? pid : "(no parent id)", m, &present, err);
    if (rc != API_OK) {
      memset(out, 0, sizeof(*out));
      return rc;
    }
  }
  if (json_util_int64(cJSON_GetObjectItemCaseSensitive(obj, "completedCount"),
                      &v))
    out->completed_count = v;
  if (json_util_int64(cJSON_GetObjectItemCaseSensitive(obj, "inProgressCount"),
                      &v))
    out->in_progress_count = v;
  if (json_util_int64(cJSON_GetObjectItemCaseSensitive(obj, "failedCount"), &v))
    out->failed_count = v;
  return API_OK;
}
