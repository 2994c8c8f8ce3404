/*
 * sandbox_payments - GET /payments, GET /payments/{id}, GET /refunds; see
 * sandbox_payments.h.
 */
#include "sandbox/sandbox_payments.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/payment_status.h"
#include "core/strbuf.h"
#include "core/timeutil.h"
#include "core/xalloc.h"
#include "sandbox/sandbox.h"
#include "sandbox/sandbox_dialect.h"
#include "sandbox/sandbox_store.h"

#define LIST_MAX_VALUES 16
#define LIST_MAX_BINDS 48

struct list_query {
  struct strbuf where; /* " AND ..." fragments, fixed text only */
  const char *binds[LIST_MAX_BINDS];
  int64_t ibinds[LIST_MAX_BINDS];
  bool is_int[LIST_MAX_BINDS];
  int nbind;
  char *copies[LIST_MAX_BINDS]; /* split comma-list strings */
  int ncopies;
};

static void lq_init(struct list_query *q) {
  memset(q, 0, sizeof(*q));
  strbuf_init(&q->where, 0);
}

static void lq_cleanup(struct list_query *q) {
  strbuf_cleanup(&q->where);
  for (int i = 0; i < q->ncopies; i++)
    free(q->copies[i]);
}

static void lq_text(struct list_query *q, const char *v) {
  q->binds[q->nbind] = v;
  q->is_int[q->nbind] = false;
  q->nbind++;
}

static void lq_int(struct list_query *q, int64_t v) {
  q->ibinds[q->nbind] = v;
  q->is_int[q->nbind] = true;
  q->nbind++;
}

/* Equality filter on a column from query parameter `key`. */
static void lq_eq(struct list_query *q, const struct sandbox_req *rq,
                  const char *key, const char *column) {
  const char *v = sandbox_http_query(rq, key);
  if (v == NULL || v[0] == '\0')
    return;
  strbuf_printf(&q->where, " AND %s = ?%d", column, q->nbind + 1);
  lq_text(q, v);
}

/* Comma-list filter (status, type) validated by `valid`. */
static bool lq_in(struct list_query *q, const struct sandbox_req *rq,
                  struct sandbox_resp *rs, const char *key, const char *column,
                  bool (*valid)(const char *)) {
  const char *v = sandbox_http_query(rq, key);
  if (v == NULL || v[0] == '\0')
    return true;
  char *copy = xstrdup(v);
  q->copies[q->ncopies++] = copy;
  int n = 0;
  strbuf_printf(&q->where, " AND %s IN (", column);
  char *p = copy;
  for (;;) {
    char *comma = strchr(p, ',');
    if (comma)
      *comma = '\0';
    if (p[0] == '\0' || !valid(p) || n == LIST_MAX_VALUES) {
      sandbox_http_error(rs, rq, SANDBOX_HTTP_INVALID_PARAM,
                         "%s: '%.40s' is not a valid value", key, p);
      return false;
    }
    strbuf_printf(&q->where, "%s?%d", n ? "," : "", q->nbind + 1);
    lq_text(q, p);
    n++;
    if (comma == NULL)
      break;
    p = comma + 1;
  }
  strbuf_puts(&q->where, ")");
  return true;
}

static bool valid_status(const char *s) {
  return payment_status_from_string(s) != PAYMENT_STATUS_UNKNOWN &&
         strcmp(s, "PENDING") != 0;
}

static bool valid_type(const char *s) {
  return payment_type_from_string(s) != PAYMENT_TYPE_UNKNOWN &&
         strcmp(s, "PAYMENT") != 0;
}

static bool lq_dates(struct list_query *q, const struct sandbox_req *rq,
                     struct sandbox_resp *rs) {
  static const char *const keys[2] = {"startDate", "endDate"};
  for (int i = 0; i < 2; i++) {
    const char *v = sandbox_http_query(rq, keys[i]);
    int64_t ms = 0;
    if (v == NULL || v[0] == '\0')
      continue;
    if (time_parse_ddmmyyyy(v, &ms) != CORE_OK) {
      sandbox_http_error(rs, rq, SANDBOX_HTTP_INVALID_PARAM,
                         "%s must be a date dd/mm/yyyy", keys[i]);
      return false;
    }
    if (i == 0) {
      strbuf_printf(&q->where, " AND created_ms >= ?%d", q->nbind + 1);
      lq_int(q, ms);
    } else {
      strbuf_printf(&q->where, " AND created_ms < ?%d", q->nbind + 1);
      lq_int(q, ms + 86400000LL);
    }
  }
  return true;
}

/* The published dialect orders by createdAt whatever `sort` asks (only
 * createdAt:asc is honoured); the contract one validates it. */
static bool parse_sort(const struct sandbox *sb, const struct sandbox_req *rq,
                       struct sandbox_resp *rs, char *order, size_t len) {
  const char *v = sandbox_http_query(rq, "sort");
  if (sandbox_dialect_published(sb)) {
    bool asc = v && strcmp(v, "createdAt:asc") == 0;
    snprintf(order, len, " ORDER BY created_ms %s, rid %s",
             asc ? "ASC" : "DESC", asc ? "ASC" : "DESC");
    return true;
  }
  const char *col = "created_ms";
  const char *dir = "DESC";
  if (v && v[0]) {
    const char *colon = strchr(v, ':');
    size_t flen = colon ? (size_t)(colon - v) : strlen(v);
    const char *d = colon ? colon + 1 : "desc";
    if (flen == 9 && strncmp(v, "createdAt", 9) == 0)
      col = "created_ms";
    else if (flen == 9 && strncmp(v, "updatedAt", 9) == 0)
      col = "updated_ms";
    else if (flen == 11 && strncmp(v, "totalAmount", 11) == 0)
      col = "amount_micro";
    else
      col = NULL;
    if (strcmp(d, "asc") == 0)
      dir = "ASC";
    else if (strcmp(d, "desc") == 0)
      dir = "DESC";
    else
      col = NULL;
    if (col == NULL) {
      sandbox_http_error(rs, rq, SANDBOX_HTTP_INVALID_PARAM,
                         "sort must be createdAt, updatedAt or totalAmount "
                         "with :asc or :desc");
      return false;
    }
  }
  snprintf(order, len, " ORDER BY %s %s, rid %s", col, dir, dir);
  return true;
}

static void bind_all(sqlite3_stmt *st, const struct list_query *q, int tenant) {
  sqlite3_bind_int(st, q->nbind + 1, tenant);
  for (int i = 0; i < q->nbind; i++) {
    if (q->is_int[i])
      sqlite3_bind_int64(st, i + 1, q->ibinds[i]);
    else
      sandbox_db_bind_text(st, i + 1, q->binds[i]);
  }
}

void sandbox_payments_pagination(struct strbuf *out, long long limit,
                                 long long offset, long long total,
                                 long long count) {
  strbuf_printf(out,
                "\"pagination\":{\"limit\":%lld,\"offset\":%lld,"
                "\"total\":%lld,\"count\":%lld,",
                limit, offset, total, count);
  if (offset + limit < total)
    strbuf_printf(out, "\"next\":%lld,", offset + limit);
  else
    strbuf_puts(out, "\"next\":null,");
  if (offset > 0)
    strbuf_printf(out, "\"previous\":%lld}",
                  offset - limit > 0 ? offset - limit : 0);
  else
    strbuf_puts(out, "\"previous\":null}");
}

/* Run the list query (the filters in q) and write the envelope. */
static void run_list(struct sandbox *sb, const struct sandbox_req *rq,
                     struct sandbox_resp *rs, struct list_query *q) {
  long long limit = 0;
  long long offset = 0;
  char order[96];
  if (!sandbox_dialect_limit(sb, rq, rs, "limit", &limit) ||
      !sandbox_dialect_offset(sb, rq, rs, &offset) || !lq_dates(q, rq, rs) ||
      !parse_sort(sb, rq, rs, order, sizeof(order)))
    return;

  struct sandbox_conn *c = sandbox_db_read(sb->db);
  char *count_sql = xasprintf("SELECT count(*) FROM payments WHERE"
                              " tenant = ?%d%s",
                              q->nbind + 1, strbuf_str(&q->where));
  char *list_sql =
      xasprintf("SELECT doc FROM payments WHERE tenant = ?%d%s%s"
                " LIMIT %lld OFFSET %lld",
                q->nbind + 1, strbuf_str(&q->where), order, limit, offset);
  long long total = 0;
  long long count = 0;
  /* The total is cached per query and parameters until the next write. */
  struct strbuf key;
  strbuf_init(&key, 0);
  strbuf_printf(&key, "%d\x1f%s", rq->tenant, count_sql);
  for (int i = 0; i < q->nbind; i++) {
    if (q->is_int[i])
      strbuf_printf(&key, "\x1f%lld", (long long)q->ibinds[i]);
    else
      strbuf_printf(&key, "\x1f%s", q->binds[i]);
  }
  uint64_t version = sandbox_db_version(sb->db);
  sandbox_db_exec(c, "BEGIN");
  sqlite3_stmt *st = NULL;
  if (!sandbox_db_count_get(sb->db, strbuf_str(&key), version, &total)) {
    st = sandbox_db_stmt_text(c, count_sql);
    if (st == NULL) {
      strbuf_cleanup(&key);
      goto fail;
    }
    bind_all(st, q, rq->tenant);
    if (sqlite3_step(st) == SQLITE_ROW)
      total = sqlite3_column_int64(st, 0);
    sqlite3_reset(st);
    sandbox_db_count_put(sb->db, strbuf_str(&key), version, total);
  }
  strbuf_cleanup(&key);
  st = sandbox_db_stmt_text(c, list_sql);
  if (st == NULL)
    goto fail;
  bind_all(st, q, rq->tenant);
  strbuf_reset(&rs->body);
  strbuf_puts(&rs->body, "{\"results\":[");
  int rc;
  while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
    if (count)
      strbuf_puts(&rs->body, ",");
    sandbox_dialect_put_payment(sb, &rs->body,
                                (const char *)sqlite3_column_text(st, 0),
                                (size_t)sqlite3_column_bytes(st, 0));
    count++;
  }
  sqlite3_reset(st);
  if (rc != SQLITE_DONE)
    goto fail;
  strbuf_puts(&rs->body, "],");
  sandbox_payments_pagination(&rs->body, limit, offset, total, count);
  strbuf_puts(&rs->body, "}");
  rs->status = 200;
  goto out;
fail:
  sandbox_http_error(rs, rq, SANDBOX_HTTP_SERVER_ERROR, "list query failed");
out:
  sandbox_db_exec(c, "COMMIT");
  sandbox_db_release(sb->db, c);
  free(count_sql);
  free(list_sql);
}

void sandbox_payments_list(struct sandbox *sb, struct sandbox_req *rq,
                           struct sandbox_resp *rs) {
  struct list_query q;
  lq_init(&q);
  if (!lq_in(&q, rq, rs, "status", "status", valid_status) ||
      !lq_in(&q, rq, rs, "type", "type", valid_type))
    goto out;
  lq_eq(&q, rq, "identityId", "identity_id");
  lq_eq(&q, rq, "accountNumber", "account_number");
  lq_eq(&q, rq, "checkoutSessionId", "checkout_session_id");
  lq_eq(&q, rq, "parentPaymentId", "parent_id");
  lq_eq(&q, rq, "customerId", "customer_id");
  run_list(sb, rq, rs, &q);
out:
  lq_cleanup(&q);
}

void sandbox_payments_list_refunds(struct sandbox *sb, struct sandbox_req *rq,
                                   struct sandbox_resp *rs) {
  struct list_query q;
  lq_init(&q);
  strbuf_puts(&q.where, " AND type = 'REFUND'");
  if (!lq_in(&q, rq, rs, "status", "status", valid_status))
    goto out;
  lq_eq(&q, rq, "parentPaymentId", "parent_id");
  lq_eq(&q, rq, "identityId", "identity_id");
  lq_eq(&q, rq, "accountNumber", "account_number");
  run_list(sb, rq, rs, &q);
out:
  lq_cleanup(&q);
}

void sandbox_payments_get(struct sandbox *sb, struct sandbox_req *rq,
                          struct sandbox_resp *rs) {
  const char *id = rq->segs[1];
  struct sandbox_conn *c = sandbox_db_read(sb->db);
  char *text = sandbox_store_get_payment_text(c, rq->tenant, id);
  sandbox_db_release(sb->db, c);
  if (text == NULL) {
    sandbox_http_error(rs, rq, SANDBOX_HTTP_NOT_FOUND,
                       "payment %.40s not found", id);
    return;
  }
  strbuf_reset(&rs->body);
  sandbox_dialect_put_payment(sb, &rs->body, text, strlen(text));
  rs->status = 200;
  free(text);
}
