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

/* Fill the ACCOUNT destination of an assigned topup. */
static void fill_destination(cJSON *doc, const cJSON *acct) {
  cJSON *n;
  cJSON_ArrayForEach(n, cJSON_GetObjectItemCaseSensitive(doc, "destinations")) {
    const char *t = sandbox_store_str(n, "type");
    if (t && strcmp(t, "ACCOUNT") == 0) {
      sandbox_store_fill_account_node(n, acct, true);
      break;
    }
  }
}

/* The body: the account (accountNumber or accountId) and expectedAmount.
 * Returns false when the request is answered. */
static bool read_body(const struct sandbox_req *rq, struct sandbox_resp *rs,
                      const cJSON *body, const char **number,
                      const cJSON **expected) {
  static const char *const allowed[] = {"accountNumber", "accountId",
                                        "expectedAmount", NULL};
  const char *account_id = NULL;
  if (!sandbox_http_known_fields(body, allowed, rq, rs) ||
      !sandbox_http_opt_string(body, "accountNumber", number, rq, rs) ||
      !sandbox_http_opt_string(body, "accountId", &account_id, rq, rs))
    return false;
  if (*number == NULL)
    *number = account_id;
  if (*number == NULL || (*number)[0] == '\0') {
    sandbox_http_error(rs, rq, SANDBOX_HTTP_MISSING_PARAM,
                       "accountNumber (or accountId) is required");
    return false;
  }
  *expected = cJSON_GetObjectItemCaseSensitive(body, "expectedAmount");
  if (*expected && !cJSON_IsNull(*expected) && !cJSON_IsString(*expected)) {
    sandbox_http_error(rs, rq, SANDBOX_HTTP_INVALID_PARAM,
                       "expectedAmount must be a decimal string");
    return false;
  }
  if (!sandbox_store_is_id(rq->segs[1])) {
    sandbox_http_error(rs, rq, SANDBOX_HTTP_NOT_FOUND,
                       "payment %.40s not found", rq->segs[1]);
    return false;
  }
  return true;
}

/* The parked deposit (*doc) and the account (*acct) of the same currency.
 * Returns false when the request is answered. */
static bool load_pair(struct sandbox_conn *c, const struct sandbox_req *rq,
                      struct sandbox_resp *rs, const char *number, cJSON **doc,
                      cJSON **acct) {
  *doc = sandbox_store_get_payment(c, rq->tenant, rq->segs[1]);
  if (*doc == NULL) {
    sandbox_http_error(rs, rq, SANDBOX_HTTP_NOT_FOUND, "payment %s not found",
                       rq->segs[1]);
    return false;
  }
  *acct = sandbox_store_find_account(c, rq->tenant, number);
  if (*acct == NULL) {
    sandbox_http_error(rs, rq, SANDBOX_HTTP_NOT_FOUND,
                       "account %.64s not found", number);
    return false;
  }
  const char *cur = sandbox_store_str(*doc, "currency");
  if (!sandbox_store_parks_deposit(sandbox_store_str(*doc, "type")) ||
      strcmp(sandbox_store_str(*doc, "status"), "CREATED") != 0 ||
      sandbox_store_str(*doc, "accountNumber") != NULL) {
    sandbox_http_error(rs, rq, SANDBOX_HTTP_PRECONDITION,
                       "payment is not an unassigned topup in CREATED (it is "
                       "%s %s)",
                       sandbox_store_str(*doc, "type"),
                       sandbox_store_str(*doc, "status"));
    return false;
  }
  if (strcmp(sandbox_store_str(*acct, "currency"), cur) != 0) {
    sandbox_http_error(rs, rq, SANDBOX_HTTP_PRECONDITION,
                       "account currency %s does not match payment currency "
                       "%s",
                       sandbox_store_str(*acct, "currency"), cur);
    return false;
  }
  return true;
}

/* PAID, UNDERPAID or OVERPAID, with the difference in *diff (minor
 * units); NULL when answered (a bad expectedAmount). */
static const char *classify(const struct sandbox_req *rq,
                            struct sandbox_resp *rs, const cJSON *doc,
                            const cJSON *expected, int64_t *diff) {
  const char *cur = sandbox_store_str(doc, "currency");
  struct money received;
  struct money want;
  if (money_parse(sandbox_store_str(doc, "totalAmount"), cur, &received) !=
      CORE_OK)
    return NULL;
  want = received;
  if (cJSON_IsString(expected) &&
      (money_parse(expected->valuestring, cur, &want) != CORE_OK ||
       want.minor <= 0)) {
    sandbox_http_error(rs, rq, SANDBOX_HTTP_INVALID_PARAM,
                       "expectedAmount must be a positive decimal with at most "
                       "the decimals of %s",
                       cur);
    return NULL;
  }
  *diff = want.minor > received.minor ? want.minor - received.minor
                                      : received.minor - want.minor;
  return want.minor == received.minor  ? "PAID"
         : received.minor < want.minor ? "UNDERPAID"
                                       : "OVERPAID";
}

/* The companion child of a mismatch (amount = the difference), linked
 * both ways; its id into child_id. Returns 0 or -1. */
static int make_companion(struct sandbox *sb, struct sandbox_conn *c,
                          const struct sandbox_req *rq, cJSON *doc,
                          const char *recon, int64_t diff, int64_t now,
                          char child_id[25]) {
  const char *cur = sandbox_store_str(doc, "currency");
  const char *pid = sandbox_store_str(doc, "id");
  char amt[MONEY_FMT_MAX];
  sandbox_store_amount(diff, cur, amt);
  sandbox_new_id(sb, now, child_id);
  cJSON *child = sandbox_store_new_payment(child_id, "TOPUP_ACCOUNT", "CREATED",
                                           amt, cur, now);
  static const char *const copied[] = {"accountNumber", "identityId",
                                       "customerId", NULL};
  for (int i = 0; copied[i]; i++)
    sandbox_store_set_str(child, copied[i], sandbox_store_str(doc, copied[i]));
  sandbox_store_set_str(child, "relatedPaymentId", pid);
  cJSON_AddStringToObject(child, "description",
                          strcmp(recon, "UNDERPAID") == 0
                              ? "Remainder of an underpaid deposit"
                              : "Excess of an overpaid deposit");
  cJSON_AddStringToObject(child, "reconciliationStatus", recon);
  static const char *const sides[] = {"origins", "destinations", NULL};
  for (int i = 0; sides[i]; i++) {
    cJSON *arr =
        cJSON_Duplicate(cJSON_GetObjectItemCaseSensitive(doc, sides[i]), 1);
    cJSON *n;
    cJSON_ArrayForEach(n, arr) sandbox_store_set_str(n, "amount", amt);
    cJSON_ReplaceItemInObjectCaseSensitive(child, sides[i], arr);
  }
  sandbox_store_set_str(doc, "relatedPaymentId", child_id);
  int rc =
      sandbox_store_put_payment(sb, c, rq->tenant, child) != 0 ||
              sandbox_store_ledger(sb, c, rq, rq->tenant, "payment.companion",
                                   child_id, pid) != 0 ||
              sandbox_webhooks_payment(sb, c, "transaction.status_changed",
                                       child) != 0
          ? -1
          : 0;
  cJSON_Delete(child);
  return rc;
}

static void answer(struct sandbox_resp *rs, const cJSON *doc, const cJSON *acct,
                   const char *recon, int64_t now, const char *child_id) {
  char ts[32];
  cJSON *o = cJSON_CreateObject();
  cJSON_AddStringToObject(o, "paymentId", sandbox_store_str(doc, "id"));
  cJSON_AddStringToObject(o, "accountNumber",
                          sandbox_store_str(acct, "accountNumber"));
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
}

/* Assign doc to acct: SETTLED with its reconciliationStatus, a companion
 * on a mismatch, the events. Returns 0 or -1. */
static int settle_assigned(struct sandbox *sb, struct sandbox_conn *c,
                           const struct sandbox_req *rq, cJSON *doc,
                           const cJSON *acct, const char *recon, int64_t diff,
                           int64_t now, char child_id[25]) {
  sandbox_store_set_str(doc, "accountNumber",
                        sandbox_store_str(acct, "accountNumber"));
  sandbox_store_set_str(doc, "identityId",
                        sandbox_store_str(acct, "identityId"));
  fill_destination(doc, acct);
  cJSON_DeleteItemFromObjectCaseSensitive(doc, "reconciliationStatus");
  cJSON_AddStringToObject(doc, "reconciliationStatus", recon);
  if (strcmp(recon, "PAID") != 0 &&
      make_companion(sb, c, rq, doc, recon, diff, now, child_id) != 0)
    return -1;
  if (sandbox_lifecycle_apply(sb, c, rq, rq->tenant, doc, "SETTLED", now,
                              "payment.assign") != 0)
    return -1;
  if (strcmp(recon, "UNDERPAID") == 0 &&
      sandbox_webhooks_payment(sb, c, "purchase.underpaid", doc) != 0)
    return -1;
  if (strcmp(recon, "OVERPAID") == 0 &&
      sandbox_webhooks_payment(sb, c, "purchase.overpaid", doc) != 0)
    return -1;
  return 0;
}

void sandbox_assign_post(struct sandbox *sb, struct sandbox_req *rq,
                         struct sandbox_resp *rs) {
  const char *number = NULL;
  const cJSON *expected = NULL;
  struct sandbox_conn *c = NULL;
  cJSON *doc = NULL;
  cJSON *acct = NULL;
  bool ok = false;
  char child_id[25] = "";
  int64_t diff = 0;
  const char *recon = NULL;
  cJSON *body = sandbox_http_body_object(rq, rs, false);
  if (body == NULL)
    return;
  if (!read_body(rq, rs, body, &number, &expected))
    goto out;
  c = sandbox_db_write_begin(sb->db);
  if (c == NULL) {
    sandbox_http_error(rs, rq, SANDBOX_HTTP_SERVER_ERROR, "database busy");
    goto out;
  }
  if (!load_pair(c, rq, rs, number, &doc, &acct) ||
      (recon = classify(rq, rs, doc, expected, &diff)) == NULL)
    goto out;
  int64_t now = sandbox_clock_now(&sb->clock);
  ok = settle_assigned(sb, c, rq, doc, acct, recon, diff, now, child_id) == 0;
  if (ok)
    answer(rs, doc, acct, recon, now, child_id);
out:
  if (c && sandbox_db_write_end(sb->db, c, ok) != 0 && ok)
    sandbox_http_error(rs, rq, SANDBOX_HTTP_SERVER_ERROR,
                       "the assignment could not be committed");
  if (!ok && rs->status == 0)
    sandbox_http_error(rs, rq, SANDBOX_HTTP_SERVER_ERROR,
                       "the assignment could not be stored");
  cJSON_Delete(doc);
  cJSON_Delete(acct);
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
  sandbox_store_amount(sum, cur, total);
}

/* The filters of GET /payments/unassigned. */
struct ua_filter {
  long long limit, offset;
  int64_t within; /* -1: any */
  int64_t amin, amax;
  const char *search;
};

/* Returns false when the request is answered (400). */
static bool read_filter(struct sandbox *sb, const struct sandbox_req *rq,
                        struct sandbox_resp *rs, struct ua_filter *f) {
  static const struct {
    const char *text;
    int64_t ms;
  } windows[] = {
      {"6h", 6 * HOUR_MS}, {"24h", 24 * HOUR_MS}, {"48h", 48 * HOUR_MS}};
  const char *ew = sandbox_http_query(rq, "expiresWithin");
  const char *smin = sandbox_http_query(rq, "amountMin");
  const char *smax = sandbox_http_query(rq, "amountMax");
  f->within = -1;
  f->amin = INT64_MIN;
  f->amax = INT64_MAX;
  f->search = sandbox_http_query(rq, "search");
  if (!sandbox_dialect_limit(sb, rq, rs, "limit", &f->limit) ||
      !sandbox_dialect_offset(sb, rq, rs, &f->offset))
    return false;
  for (size_t i = 0; ew && ew[0] && i < 3; i++)
    if (strcmp(ew, windows[i].text) == 0)
      f->within = windows[i].ms;
  if (ew && ew[0] && f->within < 0) {
    sandbox_http_error(rs, rq, SANDBOX_HTTP_INVALID_PARAM,
                       "expiresWithin must be 6h, 24h or 48h");
    return false;
  }
  if ((smin && smin[0] && money_parse_micro(smin, &f->amin) != CORE_OK) ||
      (smax && smax[0] && money_parse_micro(smax, &f->amax) != CORE_OK)) {
    sandbox_http_error(rs, rq, SANDBOX_HTTP_INVALID_PARAM,
                       "amountMin and amountMax must be decimal numbers");
    return false;
  }
  return true;
}

static bool keeps(const struct ua_filter *f, const struct ua_item *it,
                  int64_t now) {
  if (it->micro < f->amin || it->micro > f->amax ||
      (f->within >= 0 && it->expires - now > f->within))
    return false;
  if (f->search == NULL || f->search[0] == '\0')
    return true;
  const cJSON *o = originante(it->doc);
  return o && (contains_ci(sandbox_store_str(o, "firstName"), f->search) ||
               contains_ci(sandbox_store_str(o, "lastName"), f->search) ||
               contains_ci(sandbox_store_str(o, "documentNumber"), f->search));
}

/* One item of the list, as the balances guide shows it. */
static cJSON *unassigned_entry(const cJSON *d) {
  cJSON *e = cJSON_CreateObject();
  const cJSON *o = originante(d);
  char ref[40];
  cJSON_AddStringToObject(e, "paymentId", sandbox_store_str(d, "id"));
  snprintf(ref, sizeof(ref), "sbx_%s", sandbox_store_str(d, "id"));
  cJSON_AddStringToObject(e, "providerReference", ref);
  cJSON_AddStringToObject(e, "amount", sandbox_store_str(d, "totalAmount"));
  cJSON_AddStringToObject(e, "currency", sandbox_store_str(d, "currency"));
  cJSON_AddStringToObject(e, "receivedAt", sandbox_store_str(d, "createdAt"));
  cJSON_AddStringToObject(e, "expiresAt", sandbox_store_str(d, "expiresAt"));
  cJSON *org = cJSON_AddObjectToObject(e, "originante");
  static const char *const keys[] = {"firstName", "lastName", "documentNumber",
                                     NULL};
  for (int i = 0; keys[i]; i++)
    sandbox_store_set_str(org, keys[i],
                          o ? sandbox_store_str(o, keys[i]) : NULL);
  sandbox_store_set_str(e, "customerId", sandbox_store_str(d, "customerId"));
  return e;
}

void sandbox_assign_payments(struct sandbox *sb, struct sandbox_req *rq,
                             struct sandbox_resp *rs) {
  struct ua_filter f;
  if (!read_filter(sb, rq, rs, &f))
    return;
  struct ua_item *items = NULL;
  int n = load_unassigned(sb, rq->tenant, &items);
  int64_t now = sandbox_clock_now(&sb->clock);
  int kept = 0;
  for (int i = 0; i < n; i++) {
    if (keeps(&f, &items[i], now))
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
  cJSON_AddNumberToObject(out, "limit", (double)f.limit);
  cJSON_AddNumberToObject(out, "offset", (double)f.offset);
  cJSON *arr = cJSON_AddArrayToObject(out, "payments");
  for (long long i = f.offset; i < kept && i < f.offset + f.limit; i++)
    cJSON_AddItemToArray(arr, unassigned_entry(items[i].doc));
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
