/*
 * sandbox_refunds - refund children and summaries; see sandbox_refunds.h.
 */
#include "sandbox/sandbox_refunds.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/money.h"
#include "core/strbuf.h"
#include "core/xalloc.h"
#include "sandbox/sandbox.h"
#include "sandbox/sandbox_dialect.h"
#include "sandbox/sandbox_faults.h"
#include "sandbox/sandbox_lifecycle.h"
#include "sandbox/sandbox_store.h"
#include "sandbox/sandbox_webhooks.h"

static const char children_sql[] =
    "SELECT status, amount_minor, doc FROM payments"
    " WHERE parent_id = ?1 AND tenant = ?2 AND type = 'REFUND'"
    " ORDER BY created_ms, rid";

struct refund_summary {
  int64_t refunded, in_progress, failed;
  int n_refunded, n_in_progress, n_failed;
};

static void bucket(struct refund_summary *s, const char *status,
                   int64_t minor) {
  if (strcmp(status, "SETTLED") == 0) {
    s->refunded += minor;
    s->n_refunded++;
  } else if (strcmp(status, "FAILED") == 0 || strcmp(status, "EXPIRED") == 0 ||
             strcmp(status, "UNSETTLED") == 0) {
    s->failed += minor;
    s->n_failed++;
  } else {
    s->in_progress += minor;
    s->n_in_progress++;
  }
}

/* Sum the children; append their documents to `list` when not NULL. */
static int summarise(const struct sandbox *sb, struct sandbox_conn *c,
                     int tenant, const char *pid, struct refund_summary *s,
                     struct strbuf *list) {
  sqlite3_stmt *st = sandbox_db_stmt(c, children_sql);
  memset(s, 0, sizeof(*s));
  if (st == NULL)
    return -1;
  sandbox_db_bind_text(st, 1, pid);
  sqlite3_bind_int(st, 2, tenant);
  int n = 0;
  int rc;
  while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
    bucket(s, sandbox_db_col_text(st, 0), sqlite3_column_int64(st, 1));
    if (list) {
      if (n++)
        strbuf_puts(list, ",");
      sandbox_dialect_put_payment(sb, list,
                                  (const char *)sqlite3_column_text(st, 2),
                                  (size_t)sqlite3_column_bytes(st, 2));
    }
  }
  sqlite3_reset(st);
  return rc == SQLITE_DONE ? 0 : -1;
}

/* The amount to refund from a SETTLED parent: `amount`, or everything
 * still refundable when it is absent. Returns false when answered. */
static bool refund_amount(const struct sandbox *sb, struct sandbox_conn *c,
                          const struct sandbox_req *rq, struct sandbox_resp *rs,
                          const cJSON *parent, const cJSON *amount,
                          struct money *want) {
  const char *cur = sandbox_store_str(parent, "currency");
  struct money total;
  struct refund_summary s;
  memset(want, 0, sizeof(*want));
  if (money_parse(sandbox_store_str(parent, "totalAmount"), cur, &total) !=
      CORE_OK) {
    sandbox_http_error(rs, rq, SANDBOX_HTTP_SERVER_ERROR, "corrupt parent");
    return false;
  }
  if (cJSON_IsString(amount) &&
      (money_parse(amount->valuestring, cur, want) != CORE_OK ||
       want->minor <= 0)) {
    sandbox_http_error(rs, rq, SANDBOX_HTTP_INVALID_PARAM,
                       "amount must be a positive decimal with at most the "
                       "decimals of %s",
                       cur);
    return false;
  }
  if (strcmp(sandbox_store_str(parent, "status"), "SETTLED") != 0 ||
      strcmp(sandbox_store_str(parent, "type"), "REFUND") == 0) {
    sandbox_http_error(rs, rq, SANDBOX_HTTP_PRECONDITION,
                       "only SETTLED payments can be refunded (this one is "
                       "%s %s)",
                       sandbox_store_str(parent, "type"),
                       sandbox_store_str(parent, "status"));
    return false;
  }
  if (summarise(sb, c, rq->tenant, sandbox_store_str(parent, "id"), &s, NULL) !=
      0) {
    sandbox_http_error(rs, rq, SANDBOX_HTTP_SERVER_ERROR, "summary failed");
    return false;
  }
  int64_t max = total.minor - s.refunded - s.in_progress;
  if (max < 0)
    max = 0;
  if (!cJSON_IsString(amount))
    want->minor = max;
  snprintf(want->currency, sizeof(want->currency), "%s", cur);
  if (want->minor <= 0 || want->minor > max) {
    char mx[MONEY_FMT_MAX];
    sandbox_store_amount(max, cur, mx);
    sandbox_http_error(rs, rq, SANDBOX_HTTP_PRECONDITION,
                       "amount exceeds maxRefundable %s %s", mx, cur);
    return false;
  }
  return true;
}

/* The refund child: RECEIVED, money flowing back (nodes swapped). */
static cJSON *refund_doc(const cJSON *parent, const char *id, const char *amt,
                         const char *reason, int64_t now) {
  static const char *const copied[] = {"identityId", "accountNumber",
                                       "customerId", NULL};
  cJSON *r =
      sandbox_store_new_payment(id, "REFUND", "RECEIVED", amt,
                                sandbox_store_str(parent, "currency"), now);
  sandbox_store_set_str(r, "parentPaymentId", sandbox_store_str(parent, "id"));
  for (int i = 0; copied[i]; i++)
    sandbox_store_set_str(r, copied[i], sandbox_store_str(parent, copied[i]));
  sandbox_store_set_time(r, "receivedAt", now);
  if (reason)
    cJSON_AddStringToObject(r, "description", reason);
  cJSON_ReplaceItemInObjectCaseSensitive(
      r, "origins",
      cJSON_Duplicate(cJSON_GetObjectItemCaseSensitive(parent, "destinations"),
                      1));
  cJSON_ReplaceItemInObjectCaseSensitive(
      r, "destinations",
      cJSON_Duplicate(cJSON_GetObjectItemCaseSensitive(parent, "origins"), 1));
  return r;
}

static void refund_answer(struct sandbox_resp *rs, const cJSON *r) {
  static const char *const keys[] = {"parentPaymentId", "status",
                                     "totalAmount",     "currency",
                                     "createdAt",       NULL};
  cJSON *o = cJSON_CreateObject();
  cJSON_AddStringToObject(o, "refundId", sandbox_store_str(r, "id"));
  for (int i = 0; keys[i]; i++)
    cJSON_AddStringToObject(o, keys[i], sandbox_store_str(r, keys[i]));
  sandbox_http_json(rs, 201, o);
  cJSON_Delete(o);
}

void sandbox_refunds_do(struct sandbox *sb, const struct sandbox_req *rq,
                        struct sandbox_resp *rs, const char *parent_id,
                        const cJSON *amount, const char *reason) {
  struct sandbox_conn *c = NULL;
  cJSON *parent = NULL;
  cJSON *r = NULL;
  bool ok = false;
  struct money want;
  if (amount && !cJSON_IsNull(amount) && !cJSON_IsString(amount)) {
    sandbox_http_error(rs, rq, SANDBOX_HTTP_INVALID_PARAM,
                       "amount must be a decimal string, e.g. \"150.00\"");
    return;
  }
  if (!sandbox_store_is_id(parent_id)) {
    sandbox_http_error(rs, rq, SANDBOX_HTTP_NOT_FOUND,
                       "payment %.40s not found", parent_id ? parent_id : "");
    return;
  }
  c = sandbox_db_write_begin(sb->db);
  if (c == NULL) {
    sandbox_http_error(rs, rq, SANDBOX_HTTP_SERVER_ERROR, "database busy");
    return;
  }
  parent = sandbox_store_get_payment(c, rq->tenant, parent_id);
  if (parent == NULL) {
    sandbox_http_error(rs, rq, SANDBOX_HTTP_NOT_FOUND, "payment %s not found",
                       parent_id);
    goto out;
  }
  if (!refund_amount(sb, c, rq, rs, parent, amount, &want))
    goto out;
  char id[25];
  char amt[MONEY_FMT_MAX];
  int64_t now = sandbox_clock_now(&sb->clock);
  sandbox_new_id(sb, now, id);
  sandbox_store_amount(want.minor, want.currency, amt);
  r = refund_doc(parent, id, amt, reason, now);
  if (sandbox_store_put_payment(sb, c, rq->tenant, r) != 0 ||
      sandbox_store_ledger(sb, c, rq, rq->tenant, "refund.create", id,
                           parent_id) != 0 ||
      sandbox_webhooks_payment(sb, c, "payment.refund.created", r) != 0) {
    sandbox_http_error(rs, rq, SANDBOX_HTTP_SERVER_ERROR,
                       "the refund could not be stored");
    goto out;
  }
  if (sandbox_faults_provider(sb->faults, SANDBOX_FAULT_REFUND_FAIL,
                              rq->path) &&
      sandbox_lifecycle_set_fate(c, id, "FAIL") != 0)
    goto out;
  ok = true;
  refund_answer(rs, r);
out:
  if (sandbox_db_write_end(sb->db, c, ok) != 0 && ok)
    sandbox_http_error(rs, rq, SANDBOX_HTTP_SERVER_ERROR,
                       "the refund could not be committed");
  cJSON_Delete(parent);
  cJSON_Delete(r);
}

void sandbox_refunds_create(struct sandbox *sb, struct sandbox_req *rq,
                            struct sandbox_resp *rs) {
  const char *reason = NULL;
  cJSON *body = sandbox_http_body_object(rq, rs, true);
  static const char *const allowed[] = {"amount", "reason", NULL};
  if (body == NULL)
    return;
  if (sandbox_http_known_fields(body, allowed, rq, rs) &&
      sandbox_http_opt_string(body, "reason", &reason, rq, rs))
    sandbox_refunds_do(sb, rq, rs, rq->segs[1],
                       cJSON_GetObjectItemCaseSensitive(body, "amount"),
                       reason);
  cJSON_Delete(body);
}

void sandbox_refunds_list(struct sandbox *sb, struct sandbox_req *rq,
                          struct sandbox_resp *rs) {
  const char *pid = rq->segs[1];
  struct sandbox_conn *c = sandbox_db_read(sb->db);
  struct strbuf list;
  strbuf_init(&list, 0);
  sandbox_db_exec(c, "BEGIN");
  cJSON *parent = sandbox_store_get_payment(c, rq->tenant, pid);
  struct refund_summary s;
  if (parent == NULL) {
    sandbox_http_error(rs, rq, SANDBOX_HTTP_NOT_FOUND,
                       "payment %.40s not found", pid);
    goto out;
  }
  if (summarise(sb, c, rq->tenant, pid, &s, &list) != 0) {
    sandbox_http_error(rs, rq, SANDBOX_HTTP_SERVER_ERROR, "summary failed");
    goto out;
  }
  const char *cur = sandbox_store_str(parent, "currency");
  struct money total;
  if (money_parse(sandbox_store_str(parent, "totalAmount"), cur, &total) !=
      CORE_OK)
    total.minor = 0;
  int64_t max = total.minor - s.refunded - s.in_progress;
  if (max < 0 || strcmp(sandbox_store_str(parent, "status"), "SETTLED") != 0)
    max = max < 0 ? 0 : max;
  char a[MONEY_FMT_MAX], b[MONEY_FMT_MAX], d[MONEY_FMT_MAX], e[MONEY_FMT_MAX],
      f[MONEY_FMT_MAX];
  sandbox_store_amount(total.minor, cur, a);
  sandbox_store_amount(s.refunded, cur, b);
  sandbox_store_amount(s.in_progress, cur, d);
  sandbox_store_amount(s.failed, cur, e);
  sandbox_store_amount(max, cur, f);
  strbuf_reset(&rs->body);
  strbuf_printf(&rs->body, "{\"parentId\":\"%s\",\"refunds\":[", pid);
  strbuf_append(&rs->body, strbuf_str(&list), list.len);
  strbuf_printf(&rs->body,
                "],\"summary\":{\"parentPaymentId\":\"%s\","
                "\"parentAmount\":\"%s\",\"currency\":\"%s\","
                "\"totalRefunded\":\"%s\",\"totalInProgress\":\"%s\","
                "\"totalFailed\":\"%s\",\"maxRefundable\":\"%s\","
                "\"completedCount\":%d,\"inProgressCount\":%d,"
                "\"failedCount\":%d}}",
                pid, a, cur, b, d, e, f, s.n_refunded, s.n_in_progress,
                s.n_failed);
  rs->status = 200;
out:
  sandbox_db_exec(c, "COMMIT");
  sandbox_db_release(sb->db, c);
  cJSON_Delete(parent);
  strbuf_cleanup(&list);
}
