/*
 * sandbox_lifecycle - state machine transitions; see sandbox_lifecycle.h.
 */
#include "sandbox/sandbox_lifecycle.h"

#include <ctype.h>
#include <openssl/crypto.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/money.h"
#include "core/payment_status.h"
#include "core/xalloc.h"
#include "sandbox/sandbox.h"
#include "sandbox/sandbox_dialect.h"
#include "sandbox/sandbox_faults.h"
#include "sandbox/sandbox_store.h"
#include "sandbox/sandbox_webhooks.h"

static const char fate_sql[] = "UPDATE payments SET fate = ?2 WHERE id = ?1";
static const char fate_get_sql[] = "SELECT fate FROM payments WHERE id = ?1";

int sandbox_lifecycle_set_fate(struct sandbox_conn *c, const char *id,
                               const char *fate) {
  sqlite3_stmt *st = sandbox_db_stmt(c, fate_sql);
  if (st == NULL)
    return -1;
  sandbox_db_bind_text(st, 1, id);
  sandbox_db_bind_text(st, 2, fate);
  int rc = sqlite3_step(st);
  sqlite3_reset(st);
  return rc == SQLITE_DONE ? 0 : -1;
}

/* The fate of a payment as a heap string, or NULL. */
static char *get_fate(struct sandbox_conn *c, const char *id) {
  sqlite3_stmt *st = sandbox_db_stmt(c, fate_get_sql);
  char *fate = NULL;
  if (st == NULL)
    return NULL;
  sandbox_db_bind_text(st, 1, id);
  if (sqlite3_step(st) == SQLITE_ROW && sandbox_db_col_text(st, 0))
    fate = xstrdup(sandbox_db_col_text(st, 0));
  sqlite3_reset(st);
  return fate;
}

static bool is_refund(const cJSON *doc) {
  const char *t = sandbox_store_str(doc, "type");
  return t && strcmp(t, "REFUND") == 0;
}

/* The timestamps (and settlement batch, unsettled reason) a status sets. */
static void stamp_status(cJSON *doc, enum payment_status dest, int64_t now) {
  static const struct {
    enum payment_status status;
    const char *key;
  } stamps[] = {
      {PAYMENT_STATUS_AUTHORIZED, "authorizedAt"},
      {PAYMENT_STATUS_CAPTURED, "capturedAt"},
      {PAYMENT_STATUS_RECEIVED, "receivedAt"},
      {PAYMENT_STATUS_SETTLED, "settledAt"},
      {PAYMENT_STATUS_UNSETTLED, "unsettledAt"},
      {PAYMENT_STATUS_EXPIRED, "expiredAt"},
      {PAYMENT_STATUS_FAILED, "failedAt"},
  };
  sandbox_store_set_time(doc, "updatedAt", now);
  for (size_t i = 0; i < sizeof(stamps) / sizeof(stamps[0]); i++)
    if (stamps[i].status == dest)
      sandbox_store_set_time(doc, stamps[i].key, now);
  if (dest == PAYMENT_STATUS_SETTLED) {
    char batch[48];
    snprintf(batch, sizeof(batch), "settlement-%s-%lld",
             sandbox_store_str(doc, "currency"),
             (long long)(now / 1000 / 600 * 600));
    sandbox_store_set_str(doc, "settlementBatchId", batch);
  }
  if (dest == PAYMENT_STATUS_UNSETTLED)
    sandbox_store_set_str(doc, "unsettledReason", "RECONCILIATION_FAILED");
}

/* The specific event of a status (beside transaction.status_changed). */
static const char *status_event(enum payment_status dest, bool refund) {
  switch (dest) {
  case PAYMENT_STATUS_SETTLED:
    return refund ? "payment.refund.settled" : "payment.settled";
  case PAYMENT_STATUS_UNSETTLED:
    return "payment.unsettled";
  case PAYMENT_STATUS_EXPIRED:
    return "payment.expired";
  case PAYMENT_STATUS_REQUIRES_REVIEW:
    return "payment.requiresReview";
  case PAYMENT_STATUS_FAILED:
    return refund ? "payment.refund.failed" : NULL;
  case PAYMENT_STATUS_CAPTURED:
    return refund ? "payment.refund.captured" : NULL;
  default:
    return NULL;
  }
}

int sandbox_lifecycle_apply(struct sandbox *sb, struct sandbox_conn *c,
                            const struct sandbox_req *rq, int tenant,
                            cJSON *doc, const char *to, int64_t now,
                            const char *action) {
  const char *from_s = sandbox_store_str(doc, "status");
  enum payment_status from = payment_status_from_string(from_s);
  enum payment_status dest = payment_status_from_string(to);
  char detail[64];
  if (!payment_status_can_transition(from, dest))
    return -1;
  snprintf(detail, sizeof(detail), "%s->%s", from_s ? from_s : "?", to);
  sandbox_store_set_str(doc, "status", to);
  stamp_status(doc, dest, now);
  const char *id = sandbox_store_str(doc, "id");
  if (sandbox_store_put_payment(sb, c, tenant, doc) != 0 ||
      sandbox_store_ledger(sb, c, rq, tenant, action, id, detail) != 0)
    return -1;
  /* Events: the legacy umbrella plus the specific one. */
  const char *ev = status_event(dest, is_refund(doc));
  if (sandbox_webhooks_payment(sb, c, "transaction.status_changed", doc) != 0)
    return -1;
  if (ev && sandbox_webhooks_payment(sb, c, ev, doc) != 0)
    return -1;
  return 0;
}

/* Start a change on the payment in the path: write lock + load. */
static cJSON *begin_change(struct sandbox *sb, const struct sandbox_req *rq,
                           struct sandbox_resp *rs, const char *id,
                           struct sandbox_conn **cp) {
  *cp = NULL;
  if (!sandbox_store_is_id(id)) {
    sandbox_http_error(rs, rq, SANDBOX_HTTP_NOT_FOUND,
                       "payment %.40s not found", id ? id : "");
    return NULL;
  }
  struct sandbox_conn *c = sandbox_db_write_begin(sb->db);
  if (c == NULL) {
    sandbox_http_error(rs, rq, SANDBOX_HTTP_SERVER_ERROR, "database busy");
    return NULL;
  }
  cJSON *doc = sandbox_store_get_payment(c, rq->tenant, id);
  if (doc == NULL) {
    sandbox_db_write_end(sb->db, c, false);
    sandbox_http_error(rs, rq, SANDBOX_HTTP_NOT_FOUND, "payment %s not found",
                       id);
    return NULL;
  }
  *cp = c;
  return doc;
}

/* Commit (ok) or roll back; on a successful commit answer with the doc. */
static void end_change(struct sandbox *sb, struct sandbox_conn *c,
                       const struct sandbox_req *rq, struct sandbox_resp *rs,
                       cJSON *doc, bool ok) {
  if (sandbox_db_write_end(sb->db, c, ok) != 0) {
    if (rs->status == 0 || !rs->is_error)
      sandbox_http_error(rs, rq, SANDBOX_HTTP_SERVER_ERROR,
                         "the change could not be stored");
  } else {
    sandbox_http_json(rs, 200, doc);
  }
  cJSON_Delete(doc);
}

static void precondition(struct sandbox_resp *rs, const struct sandbox_req *rq,
                         const cJSON *doc, const char *what) {
  sandbox_http_error(rs, rq, SANDBOX_HTTP_PRECONDITION,
                     "cannot %s a payment in %s", what,
                     sandbox_store_str(doc, "status"));
}

/* Empty body or {} only. */
static bool empty_body(const struct sandbox_req *rq, struct sandbox_resp *rs) {
  cJSON *b = sandbox_http_body_object(rq, rs, true);
  static const char *const none[] = {NULL};
  bool ok = b && sandbox_http_known_fields(b, none, rq, rs);
  cJSON_Delete(b);
  return ok;
}

/* Is the customer documented (or FULL)? Sets *inactive. */
static bool customer_documented(struct sandbox_conn *c, int tenant,
                                const cJSON *doc, bool *inactive) {
  const char *cid = sandbox_store_str(doc, "customerId");
  *inactive = false;
  if (cid == NULL)
    return false;
  cJSON *cu = sandbox_store_get_customer(c, tenant, cid);
  if (cu == NULL)
    return false;
  const char *level = sandbox_store_str(cu, "operationLevel");
  bool documented =
      cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(cu, "isDocumented")) ||
      (level && strcmp(level, "FULL") == 0);
  *inactive = level && strcmp(level, "INACTIVE") == 0;
  cJSON_Delete(cu);
  return documented;
}

static bool over_threshold(const struct sandbox *sb, const cJSON *doc) {
  const char *cur = sandbox_store_str(doc, "currency");
  const char *amt = sandbox_store_str(doc, "totalAmount");
  struct money m;
  if (cur == NULL || amt == NULL || money_parse(amt, cur, &m) != CORE_OK)
    return false;
  int64_t t = sandbox_threshold(sb, cur);
  return t >= 0 && m.minor >= t;
}

/* A provider rejection: payment -> FAILED. */
static int provider_fail(struct sandbox *sb, struct sandbox_conn *c,
                         const struct sandbox_req *rq, cJSON *doc,
                         int64_t now) {
  cJSON_DeleteItemFromObjectCaseSensitive(doc, "failureReason");
  cJSON_AddStringToObject(doc, "failureReason", "PROVIDER_REJECTED");
  return sandbox_lifecycle_apply(sb, c, rq, rq->tenant, doc, "FAILED", now,
                                 "payment.providerFailure");
}

void sandbox_lifecycle_authorize(struct sandbox *sb, struct sandbox_req *rq,
                                 struct sandbox_resp *rs) {
  struct sandbox_conn *c;
  if (!empty_body(rq, rs))
    return;
  cJSON *doc = begin_change(sb, rq, rs, rq->segs[1], &c);
  if (doc == NULL)
    return;
  bool ok = false;
  int64_t now = sandbox_clock_now(&sb->clock);
  const char *st = sandbox_store_str(doc, "status");
  bool inactive = false;
  customer_documented(c, rq->tenant, doc, &inactive);
  if (strcmp(st, "CREATED") != 0 ||
      cJSON_IsNull(cJSON_GetObjectItemCaseSensitive(doc, "accountNumber"))) {
    precondition(rs, rq, doc,
                 strcmp(st, "CREATED") ? "authorize"
                                       : "authorize an "
                                         "unassigned topup; "
                                         "assign it instead, "
                                         "not");
  } else if (inactive) {
    sandbox_http_error(rs, rq, SANDBOX_HTTP_PRECONDITION,
                       "the payment's customer is INACTIVE");
  } else if (sandbox_faults_provider(sb->faults, SANDBOX_FAULT_PROVIDER_FAIL,
                                     rq->path)) {
    ok = provider_fail(sb, c, rq, doc, now) == 0;
  } else {
    ok = sandbox_lifecycle_apply(sb, c, rq, rq->tenant, doc, "AUTHORIZED", now,
                                 "payment.authorize") == 0;
  }
  end_change(sb, c, rq, rs, doc, ok);
}

void sandbox_lifecycle_capture(struct sandbox *sb, struct sandbox_req *rq,
                               struct sandbox_resp *rs) {
  struct sandbox_conn *c;
  if (!empty_body(rq, rs))
    return;
  cJSON *doc = begin_change(sb, rq, rs, rq->segs[1], &c);
  if (doc == NULL)
    return;
  bool ok = false;
  int64_t now = sandbox_clock_now(&sb->clock);
  const char *st = sandbox_store_str(doc, "status");
  bool inactive = false;
  bool documented = customer_documented(c, rq->tenant, doc, &inactive);
  if ((strcmp(st, "CREATED") != 0 && strcmp(st, "AUTHORIZED") != 0) ||
      cJSON_IsNull(cJSON_GetObjectItemCaseSensitive(doc, "accountNumber"))) {
    precondition(rs, rq, doc, "capture");
  } else if (inactive) {
    sandbox_http_error(rs, rq, SANDBOX_HTTP_PRECONDITION,
                       "the payment's customer is INACTIVE");
  } else if (sandbox_faults_provider(sb->faults, SANDBOX_FAULT_PROVIDER_FAIL,
                                     rq->path)) {
    ok = provider_fail(sb, c, rq, doc, now) == 0;
  } else if (!documented && over_threshold(sb, doc)) {
    sandbox_store_set_str(doc, "documentationStatus", "PENDING_UPLOAD");
    sandbox_store_set_str(doc, "reviewReason", "SOURCE_OF_FUNDS_REQUIRED");
    ok = sandbox_lifecycle_apply(sb, c, rq, rq->tenant, doc, "REQUIRES_REVIEW",
                                 now, "payment.capture.review") == 0;
  } else {
    ok = sandbox_lifecycle_apply(sb, c, rq, rq->tenant, doc, "CAPTURED", now,
                                 "payment.capture") == 0;
  }
  end_change(sb, c, rq, rs, doc, ok);
}

static bool hex_equal_ci(const char *a, const char *b) {
  size_t n = strlen(a);
  if (n != strlen(b) || n == 0)
    return false;
  char *la = xstrdup(a);
  for (size_t i = 0; i < n; i++)
    la[i] = (char)tolower((unsigned char)la[i]);
  bool eq = CRYPTO_memcmp(la, b, n) == 0;
  free(la);
  return eq;
}

void sandbox_lifecycle_received(struct sandbox *sb, struct sandbox_req *rq,
                                struct sandbox_resp *rs) {
  const char *txid = NULL;
  const char *sig = NULL;
  const char *path_id = rq->nseg == 3 ? rq->segs[1] : NULL;
  cJSON *body = sandbox_http_body_object(rq, rs, false);
  static const char *const allowed[] = {"transactionId", "signature", "id",
                                        NULL};
  if (body == NULL)
    return;
  if (!sandbox_http_known_fields(body, allowed, rq, rs) ||
      !sandbox_http_opt_string(body, "transactionId", &txid, rq, rs) ||
      !sandbox_http_req_string(body, "signature", &sig, rq, rs)) {
    cJSON_Delete(body);
    return;
  }
  if (txid == NULL)
    txid = path_id;
  if (txid == NULL) {
    sandbox_http_error(rs, rq, SANDBOX_HTTP_MISSING_PARAM,
                       "transactionId is required");
    cJSON_Delete(body);
    return;
  }
  if (path_id && strcmp(path_id, txid) != 0) {
    sandbox_http_error(rs, rq, SANDBOX_HTTP_INVALID_PARAM,
                       "transactionId does not match the path");
    cJSON_Delete(body);
    return;
  }
  char want[65];
  sandbox_webhooks_hmac_hex(sb->provider_secret, txid, strlen(txid), want);
  if (!hex_equal_ci(sig, want)) {
    sandbox_http_error(rs, rq, SANDBOX_HTTP_INVALID_PARAM,
                       "signature does not match transactionId");
    cJSON_Delete(body);
    return;
  }
  struct sandbox_conn *c;
  cJSON *doc = begin_change(sb, rq, rs, txid, &c);
  cJSON_Delete(body);
  if (doc == NULL)
    return;
  bool ok = false;
  int64_t now = sandbox_clock_now(&sb->clock);
  if (strcmp(sandbox_store_str(doc, "status"), "CAPTURED") != 0) {
    precondition(rs, rq, doc, "mark as received");
  } else {
    ok = sandbox_lifecycle_apply(sb, c, rq, rq->tenant, doc, "RECEIVED", now,
                                 "payment.received") == 0;
    if (ok &&
        sandbox_faults_provider(sb->faults, SANDBOX_FAULT_UNSETTLED, rq->path))
      ok = sandbox_lifecycle_set_fate(c, sandbox_store_str(doc, "id"),
                                      "UNSETTLE") == 0;
  }
  end_change(sb, c, rq, rs, doc, ok);
}

void sandbox_lifecycle_request_review(struct sandbox *sb,
                                      struct sandbox_req *rq,
                                      struct sandbox_resp *rs) {
  const char *reason = NULL;
  cJSON *body = sandbox_http_body_object(rq, rs, true);
  static const char *const allowed[] = {"reason", "force", NULL};
  if (body == NULL)
    return;
  const cJSON *force = cJSON_GetObjectItemCaseSensitive(body, "force");
  if (!sandbox_http_known_fields(body, allowed, rq, rs) ||
      !sandbox_http_opt_string(body, "reason", &reason, rq, rs)) {
    cJSON_Delete(body);
    return;
  }
  if (force && !cJSON_IsBool(force)) {
    sandbox_http_error(rs, rq, SANDBOX_HTTP_INVALID_PARAM,
                       "force must be a boolean");
    cJSON_Delete(body);
    return;
  }
  struct sandbox_conn *c;
  cJSON *doc = begin_change(sb, rq, rs, rq->segs[1], &c);
  if (doc == NULL) {
    cJSON_Delete(body);
    return;
  }
  bool ok = false;
  const char *st = sandbox_store_str(doc, "status");
  if ((strcmp(st, "CREATED") != 0 && strcmp(st, "AUTHORIZED") != 0) ||
      cJSON_IsNull(cJSON_GetObjectItemCaseSensitive(doc, "accountNumber"))) {
    precondition(rs, rq, doc, "request review of");
  } else {
    sandbox_store_set_str(doc, "documentationStatus", "PENDING_UPLOAD");
    sandbox_store_set_str(doc, "reviewReason",
                          reason && reason[0] ? reason : "MANUAL_REVIEW");
    ok = sandbox_lifecycle_apply(sb, c, rq, rq->tenant, doc, "REQUIRES_REVIEW",
                                 sandbox_clock_now(&sb->clock),
                                 "payment.requestReview") == 0;
  }
  cJSON_Delete(body);
  end_change(sb, c, rq, rs, doc, ok);
}

/* Set every document of the payment to `status` (with reason). */
static void mark_documents(cJSON *doc, const char *status, const char *reason) {
  cJSON *docs = cJSON_GetObjectItemCaseSensitive(doc, "documents");
  cJSON *d;
  cJSON_ArrayForEach(d, docs) {
    const char *s = sandbox_store_str(d, "status");
    if (s && strcmp(s, "UPLOADED") != 0)
      continue;
    sandbox_store_set_str(d, "status", status);
    if (reason)
      sandbox_store_set_str(d, "rejectionReason", reason);
  }
}

void sandbox_lifecycle_resolve_review(struct sandbox *sb,
                                      struct sandbox_req *rq,
                                      struct sandbox_resp *rs) {
  const char *decision = NULL;
  const char *reason = NULL;
  /* The published docs resolve reviews on conomy's side: the documented
   * paths exist but are not available to a client. */
  if (sandbox_dialect_published(sb)) {
    sandbox_http_error(rs, rq, SANDBOX_HTTP_UNIMPLEMENTED,
                       "reviews are resolved by conomy, not through the API");
    return;
  }
  cJSON *body = sandbox_http_body_object(rq, rs, false);
  static const char *const allowed[] = {"decision", "reason", NULL};
  if (body == NULL)
    return;
  if (!sandbox_http_known_fields(body, allowed, rq, rs) ||
      !sandbox_http_req_string(body, "decision", &decision, rq, rs) ||
      !sandbox_http_opt_string(body, "reason", &reason, rq, rs)) {
    cJSON_Delete(body);
    return;
  }
  bool approve = strcmp(decision, "APPROVED") == 0;
  if (!approve && strcmp(decision, "REJECTED") != 0) {
    sandbox_http_error(rs, rq, SANDBOX_HTTP_INVALID_PARAM,
                       "decision must be APPROVED or REJECTED");
    cJSON_Delete(body);
    return;
  }
  if (!approve && (reason == NULL || reason[0] == '\0')) {
    sandbox_http_error(rs, rq, SANDBOX_HTTP_MISSING_PARAM,
                       "reason is required to reject");
    cJSON_Delete(body);
    return;
  }
  struct sandbox_conn *c;
  cJSON *doc = begin_change(sb, rq, rs, rq->segs[1], &c);
  if (doc == NULL) {
    cJSON_Delete(body);
    return;
  }
  bool ok = false;
  int64_t now = sandbox_clock_now(&sb->clock);
  const char *ds = sandbox_store_str(doc, "documentationStatus");
  if (strcmp(sandbox_store_str(doc, "status"), "REQUIRES_REVIEW") != 0) {
    precondition(rs, rq, doc, "resolve the review of");
  } else if (approve && (ds == NULL || strcmp(ds, "UPLOADED") != 0)) {
    sandbox_http_error(rs, rq, SANDBOX_HTTP_PRECONDITION,
                       "cannot approve: documentationStatus is %s, not "
                       "UPLOADED",
                       ds ? ds : "null");
  } else if (approve) {
    sandbox_store_set_str(doc, "documentationStatus", "APPROVED");
    mark_documents(doc, "APPROVED", NULL);
    ok = sandbox_lifecycle_apply(sb, c, rq, rq->tenant, doc, "CAPTURED", now,
                                 "payment.review.approve") == 0 &&
         sandbox_webhooks_payment(sb, c, "payment.reviewApproved", doc) == 0 &&
         sandbox_webhooks_payment(sb, c, "payment.reviewResolved", doc) == 0;
  } else {
    sandbox_store_set_str(doc, "documentationStatus", "REJECTED");
    mark_documents(doc, "REJECTED", reason);
    cJSON_DeleteItemFromObjectCaseSensitive(doc, "failureReason");
    cJSON_AddStringToObject(doc, "failureReason", reason);
    ok = sandbox_lifecycle_apply(sb, c, rq, rq->tenant, doc, "FAILED", now,
                                 "payment.review.reject") == 0 &&
         sandbox_webhooks_payment(sb, c, "payment.reviewRejected", doc) == 0 &&
         sandbox_webhooks_payment(sb, c, "payment.reviewResolved", doc) == 0;
  }
  cJSON_Delete(body);
  end_change(sb, c, rq, rs, doc, ok);
}

/* ---- clock-driven work ---------------------------------------------- */

static const char due_sql[] =
    "SELECT id, tenant FROM payments WHERE due_ms IS NOT NULL AND due_ms <= ?1"
    " ORDER BY due_ms LIMIT 64";
static const char refund_sum_sql[] =
    "SELECT coalesce(sum(amount_minor), 0) FROM payments"
    " WHERE parent_id = ?1 AND type = 'REFUND' AND status = 'SETTLED'";

/* After a refund settles: mark the parent refunded when fully refunded. */
static int maybe_mark_refunded(struct sandbox *sb, struct sandbox_conn *c,
                               int tenant, const cJSON *refund, int64_t now) {
  const char *pid = sandbox_store_str(refund, "parentPaymentId");
  cJSON *parent = pid ? sandbox_store_get_payment(c, tenant, pid) : NULL;
  int rc = 0;
  struct money m;
  if (parent == NULL)
    return 0;
  if (money_parse(sandbox_store_str(parent, "totalAmount"),
                  sandbox_store_str(parent, "currency"), &m) == CORE_OK) {
    sqlite3_stmt *st = sandbox_db_stmt(c, refund_sum_sql);
    int64_t sum = 0;
    if (st) {
      sandbox_db_bind_text(st, 1, pid);
      if (sqlite3_step(st) == SQLITE_ROW)
        sum = sqlite3_column_int64(st, 0);
      sqlite3_reset(st);
    }
    if (sum >= m.minor) {
      sandbox_store_set_time(parent, "refundedAt", now);
      sandbox_store_set_time(parent, "updatedAt", now);
      rc = sandbox_store_put_payment(sb, c, tenant, parent);
    }
  }
  cJSON_Delete(parent);
  return rc;
}

/* A REFUND child of an expired unassigned topup. */
static int expiry_refund(struct sandbox *sb, struct sandbox_conn *c, int tenant,
                         const cJSON *parent, int64_t now) {
  char id[25];
  sandbox_new_id(sb, now, id);
  cJSON *r = sandbox_store_new_payment(
      id, "REFUND", "RECEIVED", sandbox_store_str(parent, "totalAmount"),
      sandbox_store_str(parent, "currency"), now);
  sandbox_store_set_str(r, "parentPaymentId", sandbox_store_str(parent, "id"));
  sandbox_store_set_str(r, "identityId",
                        sandbox_store_str(parent, "identityId"));
  sandbox_store_set_str(r, "customerId",
                        sandbox_store_str(parent, "customerId"));
  sandbox_store_set_time(r, "receivedAt", now);
  cJSON_AddStringToObject(r, "description",
                          "Automatic refund: unassigned deposit expired");
  cJSON_ReplaceItemInObjectCaseSensitive(
      r, "origins",
      cJSON_Duplicate(cJSON_GetObjectItemCaseSensitive(parent, "destinations"),
                      1));
  cJSON_ReplaceItemInObjectCaseSensitive(
      r, "destinations",
      cJSON_Duplicate(cJSON_GetObjectItemCaseSensitive(parent, "origins"), 1));
  int rc = sandbox_store_put_payment(sb, c, tenant, r);
  if (rc == 0)
    rc = sandbox_store_ledger(sb, c, NULL, tenant, "refund.create", id,
                              "expired deposit");
  if (rc == 0 &&
      sandbox_faults_provider(sb->faults, SANDBOX_FAULT_REFUND_FAIL, NULL))
    rc = sandbox_lifecycle_set_fate(c, id, "FAIL");
  if (rc == 0)
    rc = sandbox_webhooks_payment(sb, c, "payment.refund.created", r);
  cJSON_Delete(r);
  return rc;
}

/* Run the due event of one payment in its own transaction. */
static void tick_one(struct sandbox *sb, const char *id, int tenant) {
  struct sandbox_conn *c = sandbox_db_write_begin(sb->db);
  if (c == NULL)
    return;
  int64_t now = sandbox_clock_now(&sb->clock);
  cJSON *doc = sandbox_store_get_payment(c, tenant, id);
  char *fate = get_fate(c, id);
  int rc = -1;
  if (doc == NULL)
    goto out;
  const char *st = sandbox_store_str(doc, "status");
  if (strcmp(st, "RECEIVED") == 0) {
    bool refund = is_refund(doc);
    const char *to = "SETTLED";
    if (fate && strcmp(fate, "FAIL") == 0)
      to = "FAILED";
    else if (fate && strcmp(fate, "UNSETTLE") == 0)
      to = "UNSETTLED";
    else if (!refund &&
             sandbox_faults_provider(sb->faults, SANDBOX_FAULT_UNSETTLED, NULL))
      to = "UNSETTLED";
    else if (refund && sandbox_faults_provider(sb->faults,
                                               SANDBOX_FAULT_REFUND_FAIL, NULL))
      to = "FAILED";
    if (strcmp(to, "FAILED") == 0) {
      cJSON_DeleteItemFromObjectCaseSensitive(doc, "failureReason");
      cJSON_AddStringToObject(doc, "failureReason", "PROVIDER_REJECTED");
    }
    rc = sandbox_lifecycle_apply(sb, c, NULL, tenant, doc, to, now,
                                 refund ? "refund.reconcile"
                                        : "payment.reconcile");
    if (rc == 0 && refund && strcmp(to, "SETTLED") == 0)
      rc = maybe_mark_refunded(sb, c, tenant, doc, now);
  } else if (strcmp(st, "CREATED") == 0) {
    rc = sandbox_lifecycle_apply(sb, c, NULL, tenant, doc, "EXPIRED", now,
                                 "payment.expire");
    if (rc == 0)
      rc = expiry_refund(sb, c, tenant, doc, now);
  }
out:
  if (rc != 0 && doc) {
    /* Never spin on a broken row: clear its due time. */
    sandbox_db_write_end(sb->db, c, false);
    c = sandbox_db_write_begin(sb->db);
    if (c) {
      sqlite3_stmt *s2 =
          sandbox_db_stmt(c, "UPDATE payments SET due_ms = NULL WHERE id = ?1");
      if (s2) {
        sandbox_db_bind_text(s2, 1, id);
        sqlite3_step(s2);
        sqlite3_reset(s2);
      }
      sandbox_db_write_end(sb->db, c, true);
    }
  } else {
    sandbox_db_write_end(sb->db, c, rc == 0);
  }
  free(fate);
  cJSON_Delete(doc);
}

void sandbox_lifecycle_tick(struct sandbox *sb) {
  for (int round = 0; round < 100; round++) {
    char ids[64][25];
    int tenants[64];
    int n = 0;
    int64_t now = sandbox_clock_now(&sb->clock);
    struct sandbox_conn *c = sandbox_db_read(sb->db);
    sqlite3_stmt *st = sandbox_db_stmt(c, due_sql);
    if (st) {
      sqlite3_bind_int64(st, 1, now);
      while (n < 64 && sqlite3_step(st) == SQLITE_ROW) {
        snprintf(ids[n], sizeof(ids[n]), "%s", sandbox_db_col_text(st, 0));
        tenants[n] = sqlite3_column_int(st, 1);
        n++;
      }
      sqlite3_reset(st);
    }
    sandbox_db_release(sb->db, c);
    for (int i = 0; i < n; i++)
      tick_one(sb, ids[i], tenants[i]);
    if (n < 64)
      break;
  }
}
