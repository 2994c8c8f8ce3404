/*
 * sandbox_store - payment documents, derived columns and the ledger; see
 * sandbox_store.h.
 */
#include "sandbox/sandbox_store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/money.h"
#include "core/timeutil.h"
#include "core/xalloc.h"
#include "sandbox/sandbox.h"

static const char put_sql[] =
    "INSERT INTO payments(id, tenant, status, type, created_ms, updated_ms,"
    " amount_minor, amount_micro, currency, account_number, identity_id,"
    " parent_id, customer_id, checkout_session_id, unassigned, due_ms, doc)"
    " VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15,"
    " ?16, ?17)"
    " ON CONFLICT(id) DO UPDATE SET status = excluded.status,"
    " type = excluded.type, updated_ms = excluded.updated_ms,"
    " amount_minor = excluded.amount_minor,"
    " amount_micro = excluded.amount_micro, currency = excluded.currency,"
    " account_number = excluded.account_number,"
    " identity_id = excluded.identity_id, parent_id = excluded.parent_id,"
    " customer_id = excluded.customer_id,"
    " checkout_session_id = excluded.checkout_session_id,"
    " unassigned = excluded.unassigned, due_ms = excluded.due_ms,"
    " doc = excluded.doc";
static const char get_sql[] =
    "SELECT doc FROM payments WHERE id = ?1 AND tenant = ?2";
static const char ledger_sql[] =
    "INSERT INTO ledger(ms, tenant, method, path, action, object_id,"
    " idempotency_key, trace_id, detail)"
    " VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)";

const char *sandbox_store_str(const cJSON *doc, const char *key) {
  const cJSON *v = cJSON_GetObjectItemCaseSensitive(doc, key);
  return cJSON_IsString(v) ? v->valuestring : NULL;
}

static int64_t doc_time(const cJSON *doc, const char *key) {
  const char *s = sandbox_store_str(doc, key);
  int64_t ms = 0;
  if (s == NULL || time_parse_iso8601(s, &ms) != CORE_OK)
    return -1;
  return ms;
}

static void copy_col(char *dst, size_t len, const char *src) {
  snprintf(dst, len, "%s", src ? src : "");
}

int sandbox_store_row(const struct sandbox *sb, const cJSON *doc,
                      struct sandbox_store_row *row) {
  const char *id = sandbox_store_str(doc, "id");
  const char *status = sandbox_store_str(doc, "status");
  const char *type = sandbox_store_str(doc, "type");
  const char *amount = sandbox_store_str(doc, "totalAmount");
  const char *currency = sandbox_store_str(doc, "currency");
  const char *account = sandbox_store_str(doc, "accountNumber");
  struct money m;
  memset(row, 0, sizeof(*row));
  row->created = doc_time(doc, "createdAt");
  row->updated = doc_time(doc, "updatedAt");
  if (id == NULL || status == NULL || type == NULL || amount == NULL ||
      currency == NULL || row->created < 0 || row->updated < 0 ||
      money_parse(amount, currency, &m) != CORE_OK ||
      money_to_micro(&m, &row->micro) != CORE_OK)
    return -1;
  row->minor = m.minor;
  copy_col(row->id, sizeof(row->id), id);
  copy_col(row->status, sizeof(row->status), status);
  copy_col(row->type, sizeof(row->type), type);
  copy_col(row->currency, sizeof(row->currency), currency);
  copy_col(row->account, sizeof(row->account), account);
  copy_col(row->identity, sizeof(row->identity),
           sandbox_store_str(doc, "identityId"));
  copy_col(row->parent, sizeof(row->parent),
           sandbox_store_str(doc, "parentPaymentId"));
  copy_col(row->customer, sizeof(row->customer),
           sandbox_store_str(doc, "customerId"));
  copy_col(row->checkout, sizeof(row->checkout),
           sandbox_store_str(doc, "checkoutSessionId"));
  row->unassigned = sandbox_store_parks_deposit(type) &&
                    strcmp(status, "CREATED") == 0 && account == NULL;
  row->due = -1;
  if (row->unassigned)
    row->due = doc_time(doc, "expiresAt");
  else if (strcmp(status, "RECEIVED") == 0)
    row->due = row->updated + sb->opts.settle_delay_ms;
  row->text = cJSON_PrintUnformatted(doc);
  return row->text ? 0 : -1;
}

void sandbox_store_row_cleanup(struct sandbox_store_row *row) {
  if (row->plain)
    free(row->text);
  else
    cJSON_free(row->text);
  row->text = NULL;
}

static void bind_opt(sqlite3_stmt *st, int i, const char *s) {
  sandbox_db_bind_text(st, i, s[0] ? s : NULL);
}

int sandbox_store_put_row(struct sandbox_conn *c, int tenant,
                          const struct sandbox_store_row *row) {
  sqlite3_stmt *st = sandbox_db_stmt(c, put_sql);
  int ret = -1;
  if (st == NULL || row->text == NULL)
    return -1;
  sqlite3_bind_text(st, 1, row->id, -1, SQLITE_STATIC);
  sqlite3_bind_int(st, 2, tenant);
  sqlite3_bind_text(st, 3, row->status, -1, SQLITE_STATIC);
  sqlite3_bind_text(st, 4, row->type, -1, SQLITE_STATIC);
  sqlite3_bind_int64(st, 5, row->created);
  sqlite3_bind_int64(st, 6, row->updated);
  sqlite3_bind_int64(st, 7, row->minor);
  sqlite3_bind_int64(st, 8, row->micro);
  sqlite3_bind_text(st, 9, row->currency, -1, SQLITE_STATIC);
  bind_opt(st, 10, row->account);
  bind_opt(st, 11, row->identity);
  bind_opt(st, 12, row->parent);
  bind_opt(st, 13, row->customer);
  bind_opt(st, 14, row->checkout);
  sqlite3_bind_int(st, 15, row->unassigned ? 1 : 0);
  if (row->due >= 0)
    sqlite3_bind_int64(st, 16, row->due);
  else
    sqlite3_bind_null(st, 16);
  sqlite3_bind_text(st, 17, row->text, -1, SQLITE_STATIC);
  if (sqlite3_step(st) == SQLITE_DONE)
    ret = 0;
  sqlite3_reset(st);
  return ret;
}

int sandbox_store_put_payment(struct sandbox *sb, struct sandbox_conn *c,
                              int tenant, const cJSON *doc) {
  struct sandbox_store_row row;
  int ret = -1;
  if (sandbox_store_row(sb, doc, &row) == 0)
    ret = sandbox_store_put_row(c, tenant, &row);
  sandbox_store_row_cleanup(&row);
  return ret;
}

char *sandbox_store_get_payment_text(struct sandbox_conn *c, int tenant,
                                     const char *id) {
  sqlite3_stmt *st = sandbox_db_stmt(c, get_sql);
  char *text = NULL;
  if (st == NULL || !sandbox_store_is_id(id))
    return NULL;
  sandbox_db_bind_text(st, 1, id);
  sqlite3_bind_int(st, 2, tenant);
  if (sqlite3_step(st) == SQLITE_ROW)
    text = xstrdup(sandbox_db_col_text(st, 0));
  sqlite3_reset(st);
  return text;
}

cJSON *sandbox_store_get_payment(struct sandbox_conn *c, int tenant,
                                 const char *id) {
  char *text = sandbox_store_get_payment_text(c, tenant, id);
  cJSON *doc = text ? cJSON_Parse(text) : NULL;
  free(text);
  return doc;
}

bool sandbox_store_is_id(const char *s) {
  if (s == NULL || strlen(s) != 24)
    return false;
  for (int i = 0; i < 24; i++)
    if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
      return false;
  return true;
}

const char *sandbox_store_iso(int64_t ms, char *buf) {
  if (time_format_iso8601(ms, buf, 32) < 0)
    snprintf(buf, 32, "1970-01-01T00:00:00.000Z");
  return buf;
}

void sandbox_store_set_str(cJSON *doc, const char *key, const char *value) {
  cJSON *v = value ? cJSON_CreateString(value) : cJSON_CreateNull();
  if (cJSON_GetObjectItemCaseSensitive(doc, key))
    cJSON_ReplaceItemInObjectCaseSensitive(doc, key, v);
  else
    cJSON_AddItemToObject(doc, key, v);
}

void sandbox_store_set_time(cJSON *doc, const char *key, int64_t ms) {
  char buf[32];
  sandbox_store_set_str(doc, key, sandbox_store_iso(ms, buf));
}

int sandbox_store_ledger(struct sandbox *sb, struct sandbox_conn *c,
                         const struct sandbox_req *rq, int tenant,
                         const char *action, const char *object_id,
                         const char *detail) {
  sqlite3_stmt *st = sandbox_db_stmt(c, ledger_sql);
  if (st == NULL)
    return -1;
  sqlite3_bind_int64(st, 1, sandbox_clock_now(&sb->clock));
  sqlite3_bind_int(st, 2, tenant);
  sandbox_db_bind_text(st, 3, rq ? rq->method : "CLOCK");
  sandbox_db_bind_text(st, 4, rq ? rq->path : NULL);
  sandbox_db_bind_text(st, 5, action);
  sandbox_db_bind_text(st, 6, object_id);
  sandbox_db_bind_text(st, 7, rq ? rq->idem_key : NULL);
  sandbox_db_bind_text(st, 8, rq ? rq->trace_id : NULL);
  sandbox_db_bind_text(st, 9, detail);
  int rc = sqlite3_step(st);
  sqlite3_reset(st);
  return rc == SQLITE_DONE ? 0 : -1;
}

static const char put_customer_sql[] =
    "INSERT INTO customers(id, tenant, document_number, email,"
    " operation_level, created_ms, doc) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7)"
    " ON CONFLICT(id) DO UPDATE SET document_number = excluded.document_number,"
    " email = excluded.email, operation_level = excluded.operation_level,"
    " doc = excluded.doc";
static const char put_identity_sql[] =
    "INSERT INTO identities(id, tenant, type, email, document_number,"
    " created_ms, doc) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7)"
    " ON CONFLICT(id) DO UPDATE SET type = excluded.type,"
    " email = excluded.email, document_number = excluded.document_number,"
    " doc = excluded.doc";
static const char put_account_sql[] =
    "INSERT INTO accounts(id, tenant, identity_id, account_number, currency,"
    " type, status, external_id, parent_id, created_ms, doc)"
    " VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)"
    " ON CONFLICT(id) DO UPDATE SET status = excluded.status,"
    " external_id = excluded.external_id, doc = excluded.doc";
static const char get_customer_sql[] =
    "SELECT doc FROM customers WHERE id = ?1 AND tenant = ?2";
static const char get_identity_sql[] =
    "SELECT doc FROM identities WHERE id = ?1 AND tenant = ?2";
static const char get_account_sql[] =
    "SELECT doc FROM accounts WHERE id = ?1 AND tenant = ?2";
static const char find_account_sql[] =
    "SELECT doc FROM accounts WHERE tenant = ?2 AND"
    " (account_number = ?1 OR id = ?1)";

static int put_doc(struct sandbox_conn *c, const char *sql, int tenant,
                   const cJSON *doc, const char *const *cols, int ncols) {
  const char *id = sandbox_store_str(doc, "id");
  int64_t created = doc_time(doc, "createdAt");
  char *text = NULL;
  int ret = -1;
  sqlite3_stmt *st = sandbox_db_stmt(c, sql);
  if (st == NULL || id == NULL || created < 0)
    return -1;
  text = cJSON_PrintUnformatted(doc);
  if (text == NULL)
    return -1;
  sandbox_db_bind_text(st, 1, id);
  sqlite3_bind_int(st, 2, tenant);
  for (int i = 0; i < ncols; i++)
    sandbox_db_bind_text(st, 3 + i, sandbox_store_str(doc, cols[i]));
  sqlite3_bind_int64(st, 3 + ncols, created);
  sqlite3_bind_text(st, 4 + ncols, text, -1, SQLITE_STATIC);
  if (sqlite3_step(st) == SQLITE_DONE)
    ret = 0;
  sqlite3_reset(st);
  cJSON_free(text);
  return ret;
}

int sandbox_store_put_customer(struct sandbox_conn *c, int tenant,
                               const cJSON *doc) {
  static const char *const cols[] = {"documentNumber", "email",
                                     "operationLevel"};
  return put_doc(c, put_customer_sql, tenant, doc, cols, 3);
}

int sandbox_store_put_identity(struct sandbox_conn *c, int tenant,
                               const cJSON *doc) {
  static const char *const cols[] = {"type", "email", "documentNumber"};
  return put_doc(c, put_identity_sql, tenant, doc, cols, 3);
}

int sandbox_store_put_account(struct sandbox_conn *c, int tenant,
                              const cJSON *doc) {
  static const char *const cols[] = {
      "identityId", "accountNumber", "currency", "type",
      "status",     "externalId",    "parentId"};
  return put_doc(c, put_account_sql, tenant, doc, cols, 7);
}

static cJSON *get_doc(struct sandbox_conn *c, const char *sql, int tenant,
                      const char *id) {
  sqlite3_stmt *st = sandbox_db_stmt(c, sql);
  cJSON *doc = NULL;
  if (st == NULL || id == NULL)
    return NULL;
  sandbox_db_bind_text(st, 1, id);
  sqlite3_bind_int(st, 2, tenant);
  if (sqlite3_step(st) == SQLITE_ROW)
    doc = cJSON_Parse(sandbox_db_col_text(st, 0));
  sqlite3_reset(st);
  return doc;
}

cJSON *sandbox_store_get_customer(struct sandbox_conn *c, int tenant,
                                  const char *id) {
  return get_doc(c, get_customer_sql, tenant, id);
}

cJSON *sandbox_store_get_identity(struct sandbox_conn *c, int tenant,
                                  const char *id) {
  return get_doc(c, get_identity_sql, tenant, id);
}

cJSON *sandbox_store_get_account(struct sandbox_conn *c, int tenant,
                                 const char *id) {
  return get_doc(c, get_account_sql, tenant, id);
}

cJSON *sandbox_store_find_account(struct sandbox_conn *c, int tenant,
                                  const char *number_or_id) {
  return get_doc(c, find_account_sql, tenant, number_or_id);
}

cJSON *sandbox_store_new_payment(const char *id, const char *type,
                                 const char *status, const char *amount,
                                 const char *currency, int64_t created_ms) {
  char ts[32];
  char product[24];
  cJSON *d = cJSON_CreateObject();
  sandbox_store_iso(created_ms, ts);
  snprintf(product, sizeof(product), "%s:%s", currency, currency);
  cJSON_AddStringToObject(d, "id", id);
  cJSON_AddNullToObject(d, "externalId");
  cJSON_AddNullToObject(d, "identityId");
  cJSON_AddNullToObject(d, "accountNumber");
  cJSON_AddStringToObject(d, "totalAmount", amount);
  cJSON_AddStringToObject(d, "currency", currency);
  cJSON_AddStringToObject(d, "purchaseAmount", amount);
  cJSON_AddStringToObject(d, "purchaseCurrency", currency);
  cJSON_AddStringToObject(d, "product", product);
  cJSON_AddStringToObject(d, "status", status);
  cJSON_AddStringToObject(d, "type", type);
  cJSON_AddArrayToObject(d, "fees");
  cJSON_AddArrayToObject(d, "origins");
  cJSON_AddArrayToObject(d, "destinations");
  cJSON_AddStringToObject(d, "createdAt", ts);
  cJSON_AddStringToObject(d, "updatedAt", ts);
  cJSON_AddNullToObject(d, "authorizedAt");
  cJSON_AddNullToObject(d, "capturedAt");
  cJSON_AddNullToObject(d, "settledAt");
  cJSON_AddNullToObject(d, "refundedAt");
  cJSON_AddNullToObject(d, "expiresAt");
  cJSON_AddNullToObject(d, "documentationStatus");
  cJSON_AddNullToObject(d, "reviewReason");
  cJSON_AddNullToObject(d, "parentPaymentId");
  cJSON_AddNullToObject(d, "relatedPaymentId");
  cJSON_AddNullToObject(d, "customerId");
  return d;
}

bool sandbox_store_parks_deposit(const char *type) {
  return type && (strcmp(type, "TOPUP_ACCOUNT") == 0 ||
                  strcmp(type, "LOCAL_DEPOSIT") == 0);
}

static const char client_identity_sql[] =
    "SELECT id FROM identities WHERE tenant = ?1"
    " ORDER BY type = 'ORGANIZATION' DESC, created_ms, rid LIMIT 1";

int sandbox_store_client_identity(struct sandbox_conn *c, int tenant,
                                  char out[25]) {
  sqlite3_stmt *st = sandbox_db_stmt(c, client_identity_sql);
  int rc = -1;
  if (st == NULL)
    return -1;
  sqlite3_bind_int(st, 1, tenant);
  if (sqlite3_step(st) == SQLITE_ROW && sandbox_db_col_text(st, 0)) {
    snprintf(out, 25, "%s", sandbox_db_col_text(st, 0));
    rc = 0;
  }
  sqlite3_reset(st);
  return rc;
}

void sandbox_store_fill_account_node(cJSON *node, const cJSON *acct,
                                     bool set_identity) {
  cJSON *a = cJSON_GetObjectItemCaseSensitive(node, "account");
  if (!cJSON_IsObject(a)) {
    cJSON_DeleteItemFromObjectCaseSensitive(node, "account");
    a = cJSON_AddObjectToObject(node, "account");
  }
  static const char *const keys[] = {"type", "currency", "accountNumber",
                                     "accountHolder", NULL};
  for (int i = 0; keys[i]; i++)
    sandbox_store_set_str(a, keys[i], sandbox_store_str(acct, keys[i]));
  cJSON *id = cJSON_GetObjectItemCaseSensitive(node, "identity");
  if (!cJSON_IsObject(id)) {
    cJSON_DeleteItemFromObjectCaseSensitive(node, "identity");
    id = cJSON_AddObjectToObject(node, "identity");
  }
  if (set_identity || sandbox_store_str(id, "identityId") == NULL)
    sandbox_store_set_str(id, "identityId",
                          sandbox_store_str(acct, "identityId"));
}

const char *sandbox_store_amount(int64_t minor, const char *currency,
                                 char buf[MONEY_FMT_MAX]) {
  struct money m;
  m.minor = minor;
  snprintf(m.currency, sizeof(m.currency), "%s", currency);
  if (money_format(&m, buf, MONEY_FMT_MAX) < 0)
    snprintf(buf, MONEY_FMT_MAX, "0");
  return buf;
}
