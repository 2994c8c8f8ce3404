/*
 * sandbox_accounts - identities and accounts; see sandbox_accounts.h.
 */
#include "sandbox/sandbox_accounts.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/currency.h"
#include "core/money.h"
#include "sandbox/sandbox.h"
#include "sandbox/sandbox_dialect.h"
#include "sandbox/sandbox_list.h"
#include "sandbox/sandbox_store.h"

void sandbox_accounts_identities_list(struct sandbox *sb,
                                      struct sandbox_req *rq,
                                      struct sandbox_resp *rs) {
  static const struct sandbox_list_filter filters[] = {
      {"type", "type"},
      {"email", "email"},
      {"documentNumber", "document_number"},
      {NULL, NULL},
  };
  sandbox_list_docs(sb, rq, rs, "identities", filters,
                    sandbox_dialect_published(sb) ? SANDBOX_LIST_DATA
                                                  : SANDBOX_LIST_RESULTS);
}

void sandbox_accounts_identities_get(struct sandbox *sb, struct sandbox_req *rq,
                                     struct sandbox_resp *rs) {
  struct sandbox_conn *c = sandbox_db_read(sb->db);
  cJSON *o = sandbox_store_get_identity(c, rq->tenant, rq->segs[1]);
  sandbox_db_release(sb->db, c);
  if (o == NULL) {
    sandbox_http_error(rs, rq, SANDBOX_HTTP_NOT_FOUND,
                       "identity %.40s not found", rq->segs[1]);
    return;
  }
  sandbox_http_json(rs, 200, o);
  cJSON_Delete(o);
}

static const char org_dup_sql[] =
    "SELECT id FROM identities WHERE tenant = ?1 AND type = 'ORGANIZATION'"
    " AND document_number = ?2";

/* The body of POST /identities; *type defaults to USER. Returns false
 * when the request is answered. */
static bool check_identity(const struct sandbox_req *rq,
                           struct sandbox_resp *rs, const cJSON *body,
                           const char **type) {
  static const char *const allowed[] = {
      "type",         "name",        "nickname",
      "email",        "phone",       "documentNumber",
      "documentType", "idv",         "country",
      "externalId",   "lastname",    "securityOptions",
      "children",     "bankAccount", "rules",
      "gender",       "address",     NULL};
  static const char *const required[] = {
      "name", "email", "phone", "documentNumber", "documentType", "idv", NULL};
  static const char *const optional[] = {
      "type", "nickname", "country", "externalId", "lastname", "gender", NULL};
  const char *v = NULL;
  if (!sandbox_http_known_fields(body, allowed, rq, rs))
    return false;
  for (int i = 0; required[i]; i++)
    if (!sandbox_http_req_string(body, required[i], &v, rq, rs))
      return false;
  for (int i = 0; optional[i]; i++)
    if (!sandbox_http_opt_string(body, optional[i], &v, rq, rs))
      return false;
  *type = sandbox_store_str(body, "type");
  if (*type == NULL)
    *type = "USER";
  const char *phone = sandbox_store_str(body, "phone");
  const char *country = sandbox_store_str(body, "country");
  const char *bad = NULL;
  if (strcmp(*type, "USER") != 0 && strcmp(*type, "ORGANIZATION") != 0)
    bad = "type must be USER or ORGANIZATION";
  else if (phone[0] != '+' || strlen(phone) < 8)
    bad = "phone must be +<country code><number>";
  else if (country &&
           (strlen(country) != 3 || !isupper((unsigned char)country[0])))
    bad = "country must be ISO 3166-1 alpha-3";
  if (bad)
    sandbox_http_error(rs, rq, SANDBOX_HTTP_INVALID_PARAM, "%s", bad);
  return bad == NULL;
}

/* True when the tenant has an ORGANIZATION with this documentNumber. */
static bool organization_exists(struct sandbox_conn *c, int tenant,
                                const char *document_number) {
  sqlite3_stmt *st = sandbox_db_stmt(c, org_dup_sql);
  bool dup = false;
  if (st) {
    sqlite3_bind_int(st, 1, tenant);
    sandbox_db_bind_text(st, 2, document_number);
    dup = sqlite3_step(st) == SQLITE_ROW;
    sqlite3_reset(st);
  }
  return dup;
}

/* The identity document: the body's fields, an id, ACTIVE, the times. */
static cJSON *identity_doc(struct sandbox *sb, const cJSON *body,
                           const char *type) {
  int64_t now = sandbox_clock_now(&sb->clock);
  char id[25];
  char ts[32];
  sandbox_new_id(sb, now, id);
  sandbox_store_iso(now, ts);
  cJSON *o = cJSON_CreateObject();
  cJSON_AddStringToObject(o, "id", id);
  cJSON_AddStringToObject(o, "type", type);
  const cJSON *it;
  cJSON_ArrayForEach(it, body) {
    if (strcmp(it->string, "type") != 0)
      cJSON_AddItemToObject(o, it->string, cJSON_Duplicate(it, 1));
  }
  cJSON_AddStringToObject(o, "status", "ACTIVE");
  cJSON_AddStringToObject(o, "createdAt", ts);
  cJSON_AddStringToObject(o, "updatedAt", ts);
  return o;
}

void sandbox_accounts_identities_create(struct sandbox *sb,
                                        struct sandbox_req *rq,
                                        struct sandbox_resp *rs) {
  const char *type = NULL;
  cJSON *body = sandbox_http_body_object(rq, rs, false);
  if (body == NULL)
    return;
  if (!check_identity(rq, rs, body, &type))
    goto out;
  struct sandbox_conn *c = sandbox_db_write_begin(sb->db);
  if (c == NULL) {
    sandbox_http_error(rs, rq, SANDBOX_HTTP_SERVER_ERROR, "database busy");
    goto out;
  }
  bool ok = false;
  if (strcmp(type, "ORGANIZATION") == 0 &&
      organization_exists(c, rq->tenant,
                          sandbox_store_str(body, "documentNumber"))) {
    sandbox_http_error(rs, rq, SANDBOX_HTTP_ALREADY_EXIST,
                       "an organization with this documentNumber exists");
  } else {
    cJSON *o = identity_doc(sb, body, type);
    ok = sandbox_store_put_identity(c, rq->tenant, o) == 0 &&
         sandbox_store_ledger(sb, c, rq, rq->tenant, "identity.create",
                              sandbox_store_str(o, "id"), NULL) == 0;
    if (ok)
      sandbox_http_json(rs, 200, o);
    cJSON_Delete(o);
  }
  if (sandbox_db_write_end(sb->db, c, ok) != 0 && ok)
    sandbox_http_error(rs, rq, SANDBOX_HTTP_SERVER_ERROR,
                       "the identity could not be stored");
out:
  cJSON_Delete(body);
}

void sandbox_accounts_list(struct sandbox *sb, struct sandbox_req *rq,
                           struct sandbox_resp *rs) {
  static const struct sandbox_list_filter filters[] = {
      {"parentId", "parent_id"},
      {"accountNumber", "account_number"},
      {"externalId", "external_id"},
      {"identityId", "identity_id"},
      {"type", "type"},
      {"currency", "currency"},
      {"status", "status"},
      {NULL, NULL},
  };
  sandbox_list_docs(sb, rq, rs, "accounts", filters,
                    sandbox_dialect_published(sb) ? SANDBOX_LIST_NESTED
                                                  : SANDBOX_LIST_RESULTS);
}

void sandbox_accounts_get(struct sandbox *sb, struct sandbox_req *rq,
                          struct sandbox_resp *rs) {
  struct sandbox_conn *c = sandbox_db_read(sb->db);
  cJSON *o = sandbox_store_find_account(c, rq->tenant, rq->segs[1]);
  sandbox_db_release(sb->db, c);
  if (o == NULL) {
    sandbox_http_error(rs, rq, SANDBOX_HTTP_NOT_FOUND,
                       "account %.40s not found", rq->segs[1]);
    return;
  }
  sandbox_http_json(rs, 200, o);
  cJSON_Delete(o);
}

/* The body of POST /accounts. */
struct account_req {
  const char *identity_id, *type, *custody, *cur, *name, *ext, *parent;
  const cJSON *cba; /* custodyBankAccount or NULL */
};

/* Returns false when the request is answered. */
static bool check_account(const struct sandbox_req *rq, struct sandbox_resp *rs,
                          const cJSON *body, struct account_req *a) {
  static const char *const allowed[] = {
      "identityId", "externalId",         "type", "custody", "currency", "name",
      "parentId",   "custodyBankAccount", NULL};
  memset(a, 0, sizeof(*a));
  if (!sandbox_http_known_fields(body, allowed, rq, rs) ||
      !sandbox_http_req_string(body, "identityId", &a->identity_id, rq, rs) ||
      !sandbox_http_req_string(body, "type", &a->type, rq, rs) ||
      !sandbox_http_req_string(body, "custody", &a->custody, rq, rs) ||
      !sandbox_http_req_string(body, "currency", &a->cur, rq, rs) ||
      !sandbox_http_req_string(body, "name", &a->name, rq, rs) ||
      !sandbox_http_opt_string(body, "externalId", &a->ext, rq, rs) ||
      !sandbox_http_opt_string(body, "parentId", &a->parent, rq, rs))
    return false;
  if (strcmp(a->type, "CHECKING") != 0 && strcmp(a->type, "ASSET") != 0 &&
      strcmp(a->type, "SAVINGS") != 0) {
    sandbox_http_error(rs, rq, SANDBOX_HTTP_INVALID_PARAM,
                       "type must be CHECKING, ASSET or SAVINGS");
    return false;
  }
  if (!currency_is_known(a->cur)) {
    sandbox_http_error(rs, rq, SANDBOX_HTTP_INVALID_PARAM,
                       "unknown currency %.8s", a->cur);
    return false;
  }
  a->cba = cJSON_GetObjectItemCaseSensitive(body, "custodyBankAccount");
  if (a->cba && !cJSON_IsObject(a->cba) && !cJSON_IsNull(a->cba)) {
    sandbox_http_error(rs, rq, SANDBOX_HTTP_INVALID_PARAM,
                       "custodyBankAccount must be an object");
    return false;
  }
  return true;
}

/* The new account: zero balance, a fresh accountNumber, the identity's
 * name as holder. */
static cJSON *account_doc(struct sandbox *sb, const struct account_req *a,
                          const cJSON *ident) {
  int64_t now = sandbox_clock_now(&sb->clock);
  char id[25];
  char ts[32];
  char number[64];
  char zero[MONEY_FMT_MAX];
  struct money m = {0};
  snprintf(m.currency, sizeof(m.currency), "%s", a->cur);
  money_format(&m, zero, sizeof(zero));
  sandbox_new_id(sb, now, id);
  sandbox_store_iso(now, ts);
  snprintf(number, sizeof(number), "%010lld%02d%s", (long long)(now / 1000),
           (int)sandbox_rand_below(&sb->rand, 100), a->identity_id);
  cJSON *o = cJSON_CreateObject();
  cJSON_AddStringToObject(o, "id", id);
  cJSON_AddStringToObject(o, "identityId", a->identity_id);
  sandbox_store_set_str(o, "externalId", a->ext);
  cJSON_AddStringToObject(o, "type", a->type);
  cJSON_AddStringToObject(o, "custody", a->custody);
  cJSON_AddStringToObject(o, "balance", zero);
  cJSON_AddStringToObject(o, "availableFunds", zero);
  cJSON_AddStringToObject(o, "currency", a->cur);
  cJSON_AddStringToObject(o, "name", a->name);
  cJSON_AddStringToObject(o, "accountNumber", number);
  const char *holder = sandbox_store_str(ident, "name");
  cJSON_AddStringToObject(o, "accountHolder", holder ? holder : a->name);
  cJSON_AddStringToObject(o, "status", "ACTIVE");
  sandbox_store_set_str(o, "parentId", a->parent);
  if (cJSON_IsObject(a->cba))
    cJSON_AddItemToObject(o, "custodyBankAccount", cJSON_Duplicate(a->cba, 1));
  cJSON_AddStringToObject(o, "createdAt", ts);
  cJSON_AddStringToObject(o, "updatedAt", ts);
  return o;
}

void sandbox_accounts_create(struct sandbox *sb, struct sandbox_req *rq,
                             struct sandbox_resp *rs) {
  struct account_req a;
  cJSON *body = sandbox_http_body_object(rq, rs, false);
  if (body == NULL)
    return;
  if (!check_account(rq, rs, body, &a))
    goto out;
  struct sandbox_conn *c = sandbox_db_write_begin(sb->db);
  if (c == NULL) {
    sandbox_http_error(rs, rq, SANDBOX_HTTP_SERVER_ERROR, "database busy");
    goto out;
  }
  bool ok = false;
  cJSON *ident = sandbox_store_get_identity(c, rq->tenant, a.identity_id);
  cJSON *par =
      a.parent ? sandbox_store_get_account(c, rq->tenant, a.parent) : NULL;
  if (ident == NULL) {
    sandbox_http_error(rs, rq, SANDBOX_HTTP_NOT_FOUND,
                       "identity %.40s not found", a.identity_id);
  } else if (a.parent && par == NULL) {
    sandbox_http_error(rs, rq, SANDBOX_HTTP_NOT_FOUND,
                       "parent account %.40s not found", a.parent);
  } else {
    cJSON *o = account_doc(sb, &a, ident);
    ok = sandbox_store_put_account(c, rq->tenant, o) == 0 &&
         sandbox_store_ledger(sb, c, rq, rq->tenant, "account.create",
                              sandbox_store_str(o, "id"),
                              sandbox_store_str(o, "accountNumber")) == 0;
    if (ok)
      sandbox_http_json(rs, 201, o);
    cJSON_Delete(o);
  }
  cJSON_Delete(ident);
  cJSON_Delete(par);
  if (sandbox_db_write_end(sb->db, c, ok) != 0 && ok)
    sandbox_http_error(rs, rq, SANDBOX_HTTP_SERVER_ERROR,
                       "the account could not be stored");
out:
  cJSON_Delete(body);
}
