/*
 * sandbox_list - generic document lists; see sandbox_list.h.
 */
#include "sandbox/sandbox_list.h"

#include <stdlib.h>
#include <string.h>

#include "core/strbuf.h"
#include "core/xalloc.h"
#include "sandbox/sandbox.h"
#include "sandbox/sandbox_dialect.h"
#include "sandbox/sandbox_payments.h"

#define LIST_MAX_FILTERS 12

void sandbox_list_docs(struct sandbox *sb, const struct sandbox_req *rq,
                       struct sandbox_resp *rs, const char *table,
                       const struct sandbox_list_filter *filters,
                       enum sandbox_list_shape shape) {
  long long limit = 0;
  long long offset = 0;
  const char *vals[LIST_MAX_FILTERS];
  int n = 0;
  struct strbuf where;
  /* The customers guide calls the page size `count`: accepted as an alias
   * when `limit` is absent. */
  const char *size_key = sandbox_http_query(rq, "limit") == NULL &&
                                 sandbox_http_query(rq, "count") != NULL
                             ? "count"
                             : "limit";
  if (!sandbox_dialect_limit(sb, rq, rs, size_key, &limit) ||
      !sandbox_dialect_offset(sb, rq, rs, &offset))
    return;
  strbuf_init(&where, 0);
  for (int i = 0; filters[i].param && n < LIST_MAX_FILTERS; i++) {
    const char *v = sandbox_http_query(rq, filters[i].param);
    if (v == NULL || v[0] == '\0')
      continue;
    strbuf_printf(&where, " AND %s = ?%d", filters[i].column, n + 2);
    vals[n++] = v;
  }
  char *count_sql = xasprintf("SELECT count(*) FROM %s WHERE tenant = ?1%s",
                              table, strbuf_str(&where));
  char *list_sql = xasprintf("SELECT doc FROM %s WHERE tenant = ?1%s"
                             " ORDER BY created_ms DESC, rid DESC"
                             " LIMIT %lld OFFSET %lld",
                             table, strbuf_str(&where), limit, offset);
  struct sandbox_conn *c = sandbox_db_read(sb->db);
  long long total = 0;
  long long count = 0;
  sandbox_db_exec(c, "BEGIN");
  sqlite3_stmt *st = sandbox_db_stmt_text(c, count_sql);
  if (st == NULL)
    goto fail;
  sqlite3_bind_int(st, 1, rq->tenant);
  for (int i = 0; i < n; i++)
    sandbox_db_bind_text(st, i + 2, vals[i]);
  if (sqlite3_step(st) == SQLITE_ROW)
    total = sqlite3_column_int64(st, 0);
  sqlite3_reset(st);
  st = sandbox_db_stmt_text(c, list_sql);
  if (st == NULL)
    goto fail;
  sqlite3_bind_int(st, 1, rq->tenant);
  for (int i = 0; i < n; i++)
    sandbox_db_bind_text(st, i + 2, vals[i]);
  strbuf_reset(&rs->body);
  strbuf_puts(&rs->body,
              shape == SANDBOX_LIST_NESTED ? "{\"pagination\":{" : "{");
  strbuf_puts(&rs->body,
              shape == SANDBOX_LIST_DATA ? "\"data\":[" : "\"results\":[");
  while (sqlite3_step(st) == SQLITE_ROW) {
    if (count++)
      strbuf_puts(&rs->body, ",");
    strbuf_append(&rs->body, sqlite3_column_text(st, 0),
                  (size_t)sqlite3_column_bytes(st, 0));
  }
  sqlite3_reset(st);
  strbuf_puts(&rs->body, "],");
  if (shape == SANDBOX_LIST_DATA)
    strbuf_puts(&rs->body, "\"pagination\":{\"results\":[],");
  sandbox_payments_pagination(&rs->body, limit, offset, total, count);
  strbuf_puts(&rs->body, shape == SANDBOX_LIST_RESULTS ? "}" : "}}");
  rs->status = 200;
  goto out;
fail:
  sandbox_http_error(rs, rq, SANDBOX_HTTP_SERVER_ERROR, "list query failed");
out:
  sandbox_db_exec(c, "COMMIT");
  sandbox_db_release(sb->db, c);
  free(count_sql);
  free(list_sql);
  strbuf_cleanup(&where);
}
