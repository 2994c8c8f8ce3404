/*
 * sandbox_admin - operator endpoints; see sandbox_admin.h.
 */
#include "sandbox/sandbox_admin.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sandbox/sandbox.h"
#include "sandbox/sandbox_faults.h"
#include "sandbox/sandbox_routes.h"
#include "sandbox/sandbox_store.h"
#include "sandbox/sandbox_worker.h"

void sandbox_admin_faults_get(struct sandbox *sb, struct sandbox_req *rq,
                              struct sandbox_resp *rs) {
  (void)rq;
  cJSON *o = sandbox_faults_to_json(sb->faults);
  sandbox_http_json(rs, 200, o);
  cJSON_Delete(o);
}

void sandbox_admin_faults_post(struct sandbox *sb, struct sandbox_req *rq,
                               struct sandbox_resp *rs) {
  char *cause = NULL;
  const char *body = rq->body_len ? rq->body : "{}";
  if (sandbox_faults_configure(sb->faults, body, &cause) != 0) {
    sandbox_http_error(rs, rq, SANDBOX_HTTP_INVALID_PARAM, "%s",
                       cause ? cause : "bad fault settings");
    free(cause);
    return;
  }
  sandbox_admin_faults_get(sb, rq, rs);
}

static const char ledger_sql[] =
    "SELECT seq, ms, tenant, method, path, action, object_id,"
    " idempotency_key, trace_id, detail FROM ledger"
    " WHERE seq > ?1 AND (?2 IS NULL OR action = ?2)"
    " AND (?3 IS NULL OR object_id = ?3)"
    " AND (?4 IS NULL OR idempotency_key = ?4)"
    " ORDER BY seq LIMIT 10000";

static void add_text(cJSON *o, const char *key, sqlite3_stmt *st, int col) {
  const char *v = sandbox_db_col_text(st, col);
  if (v)
    cJSON_AddStringToObject(o, key, v);
  else
    cJSON_AddNullToObject(o, key);
}

void sandbox_admin_ledger(struct sandbox *sb, struct sandbox_req *rq,
                          struct sandbox_resp *rs) {
  long long since = 0;
  if (!sandbox_http_query_int(rq, rs, "since", 0, 0, 1LL << 62, &since))
    return;
  struct sandbox_conn *c = sandbox_db_read(sb->db);
  sqlite3_stmt *st = sandbox_db_stmt(c, ledger_sql);
  cJSON *o = cJSON_CreateObject();
  cJSON *arr = cJSON_AddArrayToObject(o, "entries");
  if (st) {
    sqlite3_bind_int64(st, 1, since);
    sandbox_db_bind_text(st, 2, sandbox_http_query(rq, "action"));
    sandbox_db_bind_text(st, 3, sandbox_http_query(rq, "objectId"));
    sandbox_db_bind_text(st, 4, sandbox_http_query(rq, "idempotencyKey"));
    while (sqlite3_step(st) == SQLITE_ROW) {
      cJSON *e = cJSON_CreateObject();
      char ts[32];
      cJSON_AddNumberToObject(e, "seq", (double)sqlite3_column_int64(st, 0));
      cJSON_AddStringToObject(
          e, "at", sandbox_store_iso(sqlite3_column_int64(st, 1), ts));
      cJSON_AddNumberToObject(e, "tenant", sqlite3_column_int(st, 2));
      add_text(e, "method", st, 3);
      add_text(e, "path", st, 4);
      add_text(e, "action", st, 5);
      add_text(e, "objectId", st, 6);
      add_text(e, "idempotencyKey", st, 7);
      add_text(e, "traceId", st, 8);
      add_text(e, "detail", st, 9);
      cJSON_AddItemToArray(arr, e);
    }
    sqlite3_reset(st);
  }
  sandbox_db_release(sb->db, c);
  cJSON_AddNumberToObject(o, "count", cJSON_GetArraySize(arr));
  sandbox_http_json(rs, 200, o);
  cJSON_Delete(o);
}

static void clock_reply(struct sandbox *sb, struct sandbox_resp *rs) {
  char ts[32];
  int64_t now = sandbox_clock_now(&sb->clock);
  cJSON *o = cJSON_CreateObject();
  cJSON_AddStringToObject(o, "now", sandbox_store_iso(now, ts));
  cJSON_AddNumberToObject(o, "nowMs", (double)now);
  cJSON_AddNumberToObject(o, "scale", (double)sb->clock.scale_milli / 1000.0);
  cJSON_AddNumberToObject(o, "settleDelayMs", (double)sb->opts.settle_delay_ms);
  sandbox_http_json(rs, 200, o);
  cJSON_Delete(o);
}

void sandbox_admin_clock_get(struct sandbox *sb, struct sandbox_req *rq,
                             struct sandbox_resp *rs) {
  (void)rq;
  clock_reply(sb, rs);
}

void sandbox_admin_clock_post(struct sandbox *sb, struct sandbox_req *rq,
                              struct sandbox_resp *rs) {
  cJSON *body = sandbox_http_body_object(rq, rs, true);
  if (body == NULL)
    return;
  const cJSON *adv = cJSON_GetObjectItemCaseSensitive(body, "advanceMs");
  const cJSON *scale = cJSON_GetObjectItemCaseSensitive(body, "scale");
  if ((adv && (!cJSON_IsNumber(adv) || adv->valuedouble < 0)) ||
      (scale && (!cJSON_IsNumber(scale) || scale->valuedouble <= 0))) {
    sandbox_http_error(rs, rq, SANDBOX_HTTP_INVALID_PARAM,
                       "advanceMs must be >= 0 and scale > 0");
    cJSON_Delete(body);
    return;
  }
  if (scale)
    sandbox_clock_set_scale(&sb->clock,
                            (int64_t)(scale->valuedouble * 1000.0 + 0.5));
  if (adv)
    sandbox_clock_advance(&sb->clock, (int64_t)adv->valuedouble);
  cJSON_Delete(body);
  /* Run due clock work now, so the caller sees its effects. */
  sandbox_worker_run_once(sb);
  clock_reply(sb, rs);
}

static const char webhooks_sql[] =
    "SELECT rid, event_type, object_id, status, state, attempts, last_http,"
    " created_ms, delivered_ms, body FROM webhooks"
    " WHERE (?1 IS NULL OR state = ?1) AND (?2 IS NULL OR event_type = ?2)"
    " ORDER BY rid LIMIT 5000";

void sandbox_admin_webhooks(struct sandbox *sb, struct sandbox_req *rq,
                            struct sandbox_resp *rs) {
  struct sandbox_conn *c = sandbox_db_read(sb->db);
  sqlite3_stmt *st = sandbox_db_stmt(c, webhooks_sql);
  cJSON *o = cJSON_CreateObject();
  cJSON *arr = cJSON_AddArrayToObject(o, "deliveries");
  if (st) {
    sandbox_db_bind_text(st, 1, sandbox_http_query(rq, "state"));
    sandbox_db_bind_text(st, 2, sandbox_http_query(rq, "eventType"));
    while (sqlite3_step(st) == SQLITE_ROW) {
      cJSON *e = cJSON_CreateObject();
      char ts[32];
      cJSON_AddNumberToObject(e, "id", (double)sqlite3_column_int64(st, 0));
      add_text(e, "eventType", st, 1);
      add_text(e, "objectId", st, 2);
      add_text(e, "status", st, 3);
      add_text(e, "state", st, 4);
      cJSON_AddNumberToObject(e, "attempts", sqlite3_column_int(st, 5));
      cJSON_AddNumberToObject(e, "lastHttpStatus", sqlite3_column_int(st, 6));
      cJSON_AddStringToObject(
          e, "createdAt", sandbox_store_iso(sqlite3_column_int64(st, 7), ts));
      cJSON *body = cJSON_Parse(sandbox_db_col_text(st, 9));
      if (body)
        cJSON_AddItemToObject(e, "body", body);
      cJSON_AddItemToArray(arr, e);
    }
    sqlite3_reset(st);
  }
  sandbox_db_release(sb->db, c);
  sandbox_http_json(rs, 200, o);
  cJSON_Delete(o);
}

void sandbox_admin_requests(struct sandbox *sb, struct sandbox_req *rq,
                            struct sandbox_resp *rs) {
  const struct sandbox_route *routes = sandbox_routes_table();
  const char *method = sandbox_http_query(rq, "method");
  const char *route = sandbox_http_query(rq, "route");
  cJSON *o = cJSON_CreateObject();
  cJSON *arr = cJSON_AddArrayToObject(o, "routes");
  long total = 0;
  for (size_t i = 0; routes[i].pattern; i++) {
    long n = atomic_load(&sb->route_hits[i]);
    if ((method && strcmp(method, routes[i].method) != 0) ||
        (route && strcmp(route, routes[i].pattern) != 0) || n == 0)
      continue;
    cJSON *e = cJSON_CreateObject();
    cJSON_AddStringToObject(e, "method", routes[i].method);
    cJSON_AddStringToObject(e, "route", routes[i].pattern);
    cJSON_AddNumberToObject(e, "count", (double)n);
    cJSON_AddItemToArray(arr, e);
    total += n;
  }
  cJSON_AddNumberToObject(o, "count", (double)total);
  sandbox_http_json(rs, 200, o);
  cJSON_Delete(o);
}

void sandbox_admin_health(struct sandbox *sb, struct sandbox_req *rq,
                          struct sandbox_resp *rs) {
  (void)sb;
  (void)rq;
  sandbox_http_raw(rs, 200, "{\"status\":\"ok\"}");
}
