/*
 * sandbox_assign - unassigned topups and assign; see sandbox_assign.h.
 */
#include "sandbox/sandbox_assign.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/money.h"
#include "core/timeutil.h"
#include "core/xalloc.h"
#include "sandbox/sandbox.h"
#include "sandbox/sandbox_dialect.h"
#include "sandbox/sandbox_lifecycle.h"
#include "sandbox/sandbox_store.h"
#include "sandbox/sandbox_webhooks.h"

#define HOUR_MS 3600000LL

static void fmt(int64_t minor, const char *cur, char *buf) {
  struct money m;
  m.minor = minor;
  snprintf(m.currency, sizeof(m.currency), "%s", cur);
  if (money_format(&m, buf, MONEY_FMT_MAX) < 0)
    snprintf(buf, MONEY_FMT_MAX, "0");
}

/* Fill the ACCOUNT destination of an assigned topup. */
static void fill_destination(cJSON *doc, const cJSON *acct) {
  cJSON *dests = cJSON_GetObjectItemCaseSensitive(doc, "destinations");
  cJSON *n;
  cJSON_ArrayForEach(n, dests) {
    const char *t = sandbox_store_str(n, "type");
    if (t == NULL || strcmp(t, "ACCOUNT") != 0)
      continue;
    cJSON *a = cJSON_GetObjectItemCaseSensitive(n, "account");
    if (!cJSON_IsObject(a)) {
      cJSON_DeleteItemFromObjectCaseSensitive(n, "account");
      a = cJSON_AddObjectToObject(n, "account");
    }
    sandbox_store_set_str(a, "type", sandbox_store_str(acct, "type"));
    sandbox_store_set_str(a, "currency", sandbox_store_str(acct, "currency"));
    sandbox_store_set_str(a, "accountNumber",
                          sandbox_store_str(acct, "accountNumber"));
    sandbox_store_set_str(a, "accountHolder",
                          sandbox_store_str(acct, "accountHolder"));
    cJSON *id = cJSON_GetObjectItemCaseSensitive(n, "identity");
    if (!cJSON_IsObject(id)) {
      cJSON_DeleteItemFromObjectCaseSensitive(n, "identity");
      id = cJSON_AddObjectToObject(n, "identity");
    }
    sandbox_store_set_str(id, "identityId",
                          sandbox_store_str(acct, "identityId"));
    break;
  }
}

void sandbox_assign_post(struct sandbox *sb, struct sandbox_req *rq,
                         struct sandbox_resp *rs) {
  const char *number = NULL;
  const char *account_id = NULL;
  const cJSON *expected = NULL;
  struct sandbox_conn *c = NULL;
  cJSON *doc = NULL;
  cJSON *acct = NULL;
  cJSON *child = NULL;
  bool ok = false;
  static const char *const allowed[] = {"accountNumber", "accountId",
                                        "expectedAmount", NULL};
  cJSON *body = sandbox_http_body_object(rq, rs, false);
  if (body == NULL)
    return;
  if (!sandbox_http_known_fields(body, allowed, rq, rs) ||
      !sandbox_http_opt_string(body, "accountNumber", &number, rq, rs) ||
      !sandbox_http_opt_string(body, "accountId", &account_id, rq, rs))
    goto out;
  if (number == NULL)
    number = account_id;
  if (number == NULL || number[0] == '\0') {
    sandbox_http_error(rs, rq, SANDBOX_HTTP_MISSING_PARAM,
                       "accountNumber (or accountId) is required");
    goto out;
  }
  expected = cJSON_GetObjectItemCaseSensitive(body, "expectedAmount");
  if (expected && !cJSON_IsNull(expected) && !cJSON_IsString(expected)) {
    sandbox_http_error(rs, rq, SANDBOX_HTTP_INVALID_PARAM,
                       "expectedAmount must be a decimal string");
    goto out;
  }
  if (!sandbox_store_is_id(rq->segs[1])) {
    sandbox_http_error(rs, rq, SANDBOX_HTTP_NOT_FOUND,
                       "payment %.40s not found", rq->segs[1]);
    goto out;
  }
  c = sandbox_db_write_begin(sb->db);
  if (c == NULL) {
    sandbox_http_error(rs, rq, SANDBOX_HTTP_SERVER_ERROR, "database busy");
    goto out;
  }
  doc = sandbox_store_get_payment(c, rq->tenant, rq->segs[1]);
  if (doc == NULL) {
    sandbox_http_error(rs, rq, SANDBOX_HTTP_NOT_FOUND, "payment %s not found",
                       rq->segs[1]);
    goto out;
  }
  acct = sandbox_store_find_account(c, rq->tenant, number);
  if (acct == NULL) {
    sandbox_http_error(rs, rq, SANDBOX_HTTP_NOT_FOUND,
                       "account %.64s not found", number);
    goto out;
  }
  const char *cur = sandbox_store_str(doc, "currency");
  if (!sandbox_store_parks_deposit(sandbox_store_str(doc, "type")) ||
      strcmp(sandbox_store_str(doc, "status"), "CREATED") != 0 ||
      sandbox_store_str(doc, "accountNumber") != NULL) {
    sandbox_http_error(rs, rq, SANDBOX_HTTP_PRECONDITION,
                       "payment is not an unassigned topup in CREATED (it is "
                       "%s %s)",
                       sandbox_store_str(doc, "type"),
                       sandbox_store_str(doc, "status"));
    goto out;
  }
  if (strcmp(sandbox_store_str(acct, "currency"), cur) != 0) {
    sandbox_http_error(rs, rq, SANDBOX_HTTP_PRECONDITION,
                       "account currency %s does not match payment currency "
                       "%s",
                       sandbox_store_str(acct, "currency"), cur);
    goto out;
  }
  struct money received;
  struct money want;
  if (money_parse(sandbox_store_str(doc, "totalAmount"), cur, &received) !=
      CORE_OK)
    goto out;
  want = received;
  if (cJSON_IsString(expected) &&
      (money_parse(expected->valuestring, cur, &want) != CORE_OK ||
       want.minor <= 0)) {
    sandbox_http_error(rs, rq, SANDBOX_HTTP_INVALID_PARAM,
                       "expectedAmount must be a positive decimal with at most "
                       "the decimals of %s",
                       cur);
    goto out;
  }
  const char *recon = want.minor == received.minor  ? "PAID"
                      : received.minor < want.minor ? "UNDERPAID"
                                                    : "OVERPAID";
  int64_t now = sandbox_clock_now(&sb->clock);
  const char *pid = sandbox_store_str(doc, "id");
  char child_id[25] = "";
  const char *number_s = sandbox_store_str(acct, "accountNumber");
  sandbox_store_set_str(doc, "accountNumber", number_s);
  sandbox_store_set_str(doc, "identityId",
                        sandbox_store_str(acct, "identityId"));
  fill_destination(doc, acct);
  cJSON_DeleteItemFromObjectCaseSensitive(doc, "reconciliationStatus");
  cJSON_AddStringToObject(doc, "reconciliationStatus", recon);
  if (strcmp(recon, "PAID") != 0) {
    char amt[MONEY_FMT_MAX];
    int64_t diff = want.minor - received.minor;
    if (diff < 0)
      diff = -diff;
    fmt(diff, cur, amt);
    sandbox_new_id(sb, now, child_id);
    child = sandbox_store_new_payment(child_id, "TOPUP_ACCOUNT", "CREATED", amt,
                                      cur, now);
    sandbox_store_set_str(child, "accountNumber", number_s);
    sandbox_store_set_str(child, "identityId",
                          sandbox_store_str(acct, "identityId"));
    sandbox_store_set_str(child, "customerId",
                          sandbox_store_str(doc, "customerId"));
    sandbox_store_set_str(child, "relatedPaymentId", pid);
    cJSON_AddStringToObject(child, "description",
                            strcmp(recon, "UNDERPAID") == 0
                                ? "Remainder of an underpaid deposit"
                                : "Excess of an overpaid deposit");
    cJSON_AddStringToObject(child, "reconciliationStatus", recon);
    cJSON_ReplaceItemInObjectCaseSensitive(
        child, "origins",
        cJSON_Duplicate(cJSON_GetObjectItemCaseSensitive(doc, "origins"), 1));
    cJSON_ReplaceItemInObjectCaseSensitive(
        child, "destinations",
        cJSON_Duplicate(cJSON_GetObjectItemCaseSensitive(doc, "destinations"),
                        1));
    cJSON *n;
    cJSON_ArrayForEach(n, cJSON_GetObjectItemCaseSensitive(child, "origins"))
        sandbox_store_set_str(n, "amount", amt);
    cJSON_ArrayForEach(n,
                       cJSON_GetObjectItemCaseSensitive(child, "destinations"))
        sandbox_store_set_str(n, "amount", amt);
    sandbox_store_set_str(doc, "relatedPaymentId", child_id);
    if (sandbox_store_put_payment(sb, c, rq->tenant, child) != 0 ||
        sandbox_store_ledger(sb, c, rq, rq->tenant, "payment.companion",
                             child_id, pid) != 0 ||
        sandbox_webhooks_payment(sb, c, "transaction.status_changed", child))
      goto out;
  }
  if (sandbox_lifecycle_apply(sb, c, rq, rq->tenant, doc, "SETTLED", now,
                              "payment.assign") != 0)
    goto out;
  if (strcmp(recon, "UNDERPAID") == 0 &&
      sandbox_webhooks_payment(sb, c, "purchase.underpaid", doc) != 0)
    goto out;
  if (strcmp(recon, "OVERPAID") == 0 &&
      sandbox_webhooks_payment(sb, c, "purchase.overpaid", doc) != 0)
    goto out;
  ok = true;
  char ts[32];
  cJSON *o = cJSON_CreateObject();
  cJSON_AddStringToObject(o, "paymentId", pid);
  cJSON_AddStringToObject(o, "accountNumber", number_s);
  cJSON_AddStringToObject(o, "accountId", sandbox_store_str(acct, "id"));
  cJSON_AddStringToObject(o, "status", "SETTLED");
  cJSON_AddStringToObject(o, "reconciliationStatus", recon);
  cJSON_AddStringToObject(o, "settledAt", sandbox_store_iso(now, ts));
  if (child_id[0]) {
    cJSON_AddStringToObject(o, "childPaymentId", child_id);
    cJSON_AddStringToObject(o, "relatedPaymentId", child_id);
  }
  sandbox_http_json(rs, 200, o);
  cJSON_Delete(o);
out:
  if (c && sandbox_db_write_end(sb->db, c, ok) != 0 && ok)
    sandbox_http_error(rs, rq, SANDBOX_HTTP_SERVER_ERROR,
                       "the assignment could not be committed");
  if (!ok && rs->status == 0)
    sandbox_http_error(rs, rq, SANDBOX_HTTP_SERVER_ERROR,
                       "the assignment could not be stored");
  cJSON_Delete(doc);
  cJSON_Delete(acct);
  cJSON_Delete(child);
  cJSON_Delete(body);
}

static const char unassigned_sql[] =
    "SELECT doc FROM payments WHERE tenant = ?1 AND unassigned = 1"
    " ORDER BY created_ms";

struct ua_item {
  cJSON *doc;
  int64_t expires;
  int64_t micro;
};

/* Load the tenant's unassigned topups that have not expired yet. */
static int load_unassigned(struct sandbox *sb, int tenant,
                           struct ua_item **out) {
  struct sandbox_conn *c = sandbox_db_read(sb->db);
  sqlite3_stmt *st = sandbox_db_stmt(c, unassigned_sql);
  struct ua_item *items = NULL;
  int n = 0;
  int cap = 0;
  int64_t now = sandbox_clock_now(&sb->clock);
  if (st) {
    sqlite3_bind_int(st, 1, tenant);
    while (sqlite3_step(st) == SQLITE_ROW) {
      cJSON *doc = cJSON_Parse(sandbox_db_col_text(st, 0));
      int64_t exp = 0;
      struct money m;
      if (doc == NULL)
        continue;
      const char *e = sandbox_store_str(doc, "expiresAt");
      if (e == NULL || time_parse_iso8601(e, &exp) != CORE_OK || exp <= now ||
          money_parse(sandbox_store_str(doc, "totalAmount"),
                      sandbox_store_str(doc, "currency"), &m) != CORE_OK) {
        cJSON_Delete(doc);
        continue;
      }
      if (n == cap) {
        cap = cap ? cap * 2 : 16;
        items = xreallocarray(items, (size_t)cap, sizeof(*items));
      }
      items[n].doc = doc;
      items[n].expires = exp;
      money_to_micro(&m, &items[n].micro);
      n++;
    }
    sqlite3_reset(st);
  }
  sandbox_db_release(sb->db, c);
  *out = items;
  return n;
}

static void free_items(struct ua_item *items, int n) {
  for (int i = 0; i < n; i++)
    cJSON_Delete(items[i].doc);
  free(items);
}

/* The rail customer snapshot of the first origin, or NULL. */
static const cJSON *originante(const cJSON *doc) {
  const cJSON *o =
      cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(doc, "origins"), 0);
  const cJSON *it;
  cJSON_ArrayForEach(it, o) {
    if (cJSON_IsObject(it)) {
      const cJSON *cu = cJSON_GetObjectItemCaseSensitive(it, "customer");
      if (cJSON_IsObject(cu))
        return cu;
      if (strcmp(it->string, "customer") == 0)
        return it;
    }
  }
  return NULL;
}

static bool contains_ci(const char *hay, const char *needle) {
  if (hay == NULL)
    return false;
  size_t n = strlen(needle);
  for (const char *p = hay; *p; p++)
    if (strncasecmp(p, needle, n) == 0)
      return true;
  return false;
}

/* Majority currency and its total over items[0..n). */
static void totals(struct ua_item *items, int n, char *cur, char *total) {
  int best = 0;
  snprintf(cur, 8, "%s",
           n ? sandbox_store_str(items[0].doc, "currency") : "USD");
  for (int i = 0; i < n; i++) {
    const char *ci = sandbox_store_str(items[i].doc, "currency");
    int cnt = 0;
    for (int j = 0; j < n; j++)
      cnt += strcmp(ci, sandbox_store_str(items[j].doc, "currency")) == 0;
    if (cnt > best) {
      best = cnt;
      snprintf(cur, 8, "%s", ci);
    }
  }
  int64_t sum = 0;
  for (int i = 0; i < n; i++) {
    struct money m;
    if (strcmp(cur, sandbox_store_str(items[i].doc, "currency")) == 0 &&
        money_parse(sandbox_store_str(items[i].doc, "totalAmount"), cur, &m) ==
            CORE_OK)
      sum += m.minor;
  }
  fmt(sum, cur, total);
}

void sandbox_assign_payments(struct sandbox *sb, struct sandbox_req *rq,
                             struct sandbox_resp *rs) {
  long long limit = 0;
  long long offset = 0;
  int64_t within = -1;
  int64_t amin = INT64_MIN;
  int64_t amax = INT64_MAX;
  const char *ew = sandbox_http_query(rq, "expiresWithin");
  const char *search = sandbox_http_query(rq, "search");
  const char *smin = sandbox_http_query(rq, "amountMin");
  const char *smax = sandbox_http_query(rq, "amountMax");
  if (!sandbox_dialect_limit(sb, rq, rs, "limit", &limit) ||
      !sandbox_http_query_int(rq, rs, "offset", 0, 0, 1LL << 40, &offset))
    return;
  if (ew && ew[0]) {
    if (strcmp(ew, "6h") == 0)
      within = 6 * HOUR_MS;
    else if (strcmp(ew, "24h") == 0)
      within = 24 * HOUR_MS;
    else if (strcmp(ew, "48h") == 0)
      within = 48 * HOUR_MS;
    else {
      sandbox_http_error(rs, rq, SANDBOX_HTTP_INVALID_PARAM,
                         "expiresWithin must be 6h, 24h or 48h");
      return;
    }
  }
  if ((smin && smin[0] && money_parse_micro(smin, &amin) != CORE_OK) ||
      (smax && smax[0] && money_parse_micro(smax, &amax) != CORE_OK)) {
    sandbox_http_error(rs, rq, SANDBOX_HTTP_INVALID_PARAM,
                       "amountMin and amountMax must be decimal numbers");
    return;
  }
  struct ua_item *items = NULL;
  int n = load_unassigned(sb, rq->tenant, &items);
  int64_t now = sandbox_clock_now(&sb->clock);
  int kept = 0;
  for (int i = 0; i < n; i++) {
    bool keep = items[i].micro >= amin && items[i].micro <= amax;
    if (within >= 0 && items[i].expires - now > within)
      keep = false;
    if (keep && search && search[0]) {
      const cJSON *o = originante(items[i].doc);
      keep = o && (contains_ci(sandbox_store_str(o, "firstName"), search) ||
                   contains_ci(sandbox_store_str(o, "lastName"), search) ||
                   contains_ci(sandbox_store_str(o, "documentNumber"), search));
    }
    if (keep)
      items[kept++] = items[i];
    else
      cJSON_Delete(items[i].doc);
  }
  char cur[8];
  char total[MONEY_FMT_MAX];
  totals(items, kept, cur, total);
  cJSON *out = cJSON_CreateObject();
  cJSON_AddNumberToObject(out, "total", kept);
  cJSON_AddStringToObject(out, "totalAmount", total);
  cJSON_AddStringToObject(out, "currency", cur);
  cJSON_AddNumberToObject(out, "limit", (double)limit);
  cJSON_AddNumberToObject(out, "offset", (double)offset);
  cJSON *arr = cJSON_AddArrayToObject(out, "payments");
  for (long long i = offset; i < kept && i < offset + limit; i++) {
    const cJSON *d = items[i].doc;
    cJSON *e = cJSON_CreateObject();
    const cJSON *o = originante(d);
    cJSON_AddStringToObject(e, "paymentId", sandbox_store_str(d, "id"));
    char ref[40];
    snprintf(ref, sizeof(ref), "sbx_%s", sandbox_store_str(d, "id"));
    cJSON_AddStringToObject(e, "providerReference", ref);
    cJSON_AddStringToObject(e, "amount", sandbox_store_str(d, "totalAmount"));
    cJSON_AddStringToObject(e, "currency", sandbox_store_str(d, "currency"));
    cJSON_AddStringToObject(e, "receivedAt", sandbox_store_str(d, "createdAt"));
    cJSON_AddStringToObject(e, "expiresAt", sandbox_store_str(d, "expiresAt"));
    cJSON *org = cJSON_AddObjectToObject(e, "originante");
    sandbox_store_set_str(org, "firstName",
                          o ? sandbox_store_str(o, "firstName") : NULL);
    sandbox_store_set_str(org, "lastName",
                          o ? sandbox_store_str(o, "lastName") : NULL);
    sandbox_store_set_str(org, "documentNumber",
                          o ? sandbox_store_str(o, "documentNumber") : NULL);
    sandbox_store_set_str(e, "customerId", sandbox_store_str(d, "customerId"));
    cJSON_AddItemToArray(arr, e);
  }
  sandbox_http_json(rs, 200, out);
  cJSON_Delete(out);
  free_items(items, kept);
}

void sandbox_assign_accounts(struct sandbox *sb, struct sandbox_req *rq,
                             struct sandbox_resp *rs) {
  struct ua_item *items = NULL;
  int n = load_unassigned(sb, rq->tenant, &items);
  int64_t now = sandbox_clock_now(&sb->clock);
  char cur[8];
  char total[MONEY_FMT_MAX];
  totals(items, n, cur, total);
  cJSON *out = cJSON_CreateObject();
  cJSON_AddStringToObject(out, "clientId", rq->client_id);
  cJSON_AddStringToObject(out, "totalAmount", total);
  cJSON_AddStringToObject(out, "currency", cur);
  cJSON_AddNumberToObject(out, "count", n);
  cJSON *arr = cJSON_AddArrayToObject(out, "urgent");
  for (int i = 0; i < n; i++) {
    if (items[i].expires - now > 6 * HOUR_MS)
      continue;
    const cJSON *d = items[i].doc;
    const cJSON *o = originante(d);
    cJSON *e = cJSON_CreateObject();
    char name[256];
    snprintf(name, sizeof(name), "%s %s",
             o && sandbox_store_str(o, "firstName")
                 ? sandbox_store_str(o, "firstName")
                 : "",
             o && sandbox_store_str(o, "lastName")
                 ? sandbox_store_str(o, "lastName")
                 : "");
    cJSON_AddStringToObject(e, "paymentId", sandbox_store_str(d, "id"));
    cJSON_AddStringToObject(e, "originanteName", name);
    cJSON_AddStringToObject(e, "amount", sandbox_store_str(d, "totalAmount"));
    cJSON_AddStringToObject(e, "currency", sandbox_store_str(d, "currency"));
    cJSON_AddStringToObject(e, "expiresAt", sandbox_store_str(d, "expiresAt"));
    cJSON_AddItemToArray(arr, e);
  }
  sandbox_http_json(rs, 200, out);
  cJSON_Delete(out);
  free_items(items, n);
}
