/*
 * sandbox_create - payment creation; see sandbox_create.h.
 */
#include "sandbox/sandbox_create.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/currency.h"
#include "core/money.h"
#include "core/payment_status.h"
#include "core/xalloc.h"
#include "sandbox/sandbox.h"
#include "sandbox/sandbox_customers.h"
#include "sandbox/sandbox_lifecycle.h"
#include "sandbox/sandbox_refunds.h"
#include "sandbox/sandbox_store.h"
#include "sandbox/sandbox_webhooks.h"

#define UNASSIGNED_TTL_MS (48LL * 3600000LL)

static const char *const node_types[] = {"CARD",
                                         "CRYPTO",
                                         "ACCOUNT",
                                         "BANK_ACCOUNT",
                                         "PIX",
                                         "PCT",
                                         "CVU",
                                         "ETPAY",
                                         "FINTOC",
                                         "WEBPAY",
                                         "SPEI",
                                         "PSE",
                                         "BANCOLOMBIA",
                                         "DAVIVIENDA",
                                         "DAVIPLATA",
                                         "NEQUI",
                                         "BREB",
                                         "WOMPI",
                                         "LIGO",
                                         "SIP",
                                         "ACH",
                                         "WIRE",
                                         "FEDNOW",
                                         "RTP",
                                         "SEPA",
                                         "FPE",
                                         "SWIFT",
                                         "PAGO_MOVIL",
                                         "PAYMENT_INITIATION",
                                         "PAYMENT_LINK",
                                         NULL};

/* Units of each currency per US dollar (fixed sandbox rates). */
static const struct {
  const char *cur;
  const char *per_usd;
} fx_rates[] = {
    {"USD", "1"},    {"USDC", "1"},   {"USDT", "1"},   {"CLP", "950"},
    {"ARS", "1000"}, {"MXN", "18"},   {"COP", "4000"}, {"BRL", "5"},
    {"PEN", "3.7"},  {"BOB", "6.9"},  {"PYG", "7300"}, {"EUR", "0.92"},
    {"GBP", "0.79"}, {"CAD", "1.36"}, {"AUD", "1.5"},
};

static int64_t rate_micro(const char *cur) {
  for (size_t i = 0; i < sizeof(fx_rates) / sizeof(fx_rates[0]); i++) {
    int64_t v = 0;
    if (strcmp(fx_rates[i].cur, cur) == 0 &&
        money_parse_micro(fx_rates[i].per_usd, &v) == CORE_OK)
      return v;
  }
  return 0;
}

static int64_t pow10i(int e) {
  int64_t v = 1;
  while (e-- > 0)
    v *= 10;
  return v;
}

/* Convert minor units of `from` into minor units of `to`. */
static bool convert(int64_t minor, const char *from, const char *to,
                    int64_t *out) {
  int64_t ra = rate_micro(from);
  int64_t rb = rate_micro(to);
  int ea = currency_exponent(from);
  int eb = currency_exponent(to);
  if (strcmp(from, to) == 0) {
    *out = minor;
    return true;
  }
  if (ra <= 0 || rb <= 0 || ea < 0 || eb < 0)
    return false;
  __int128 num = (__int128)minor * rb * pow10i(eb);
  __int128 den = (__int128)ra * pow10i(ea);
  __int128 v = num / den;
  if (v > INT64_MAX || v <= 0)
    return false;
  *out = (int64_t)v;
  return true;
}

static bool known_node_type(const char *t) {
  for (int i = 0; node_types[i]; i++)
    if (strcmp(node_types[i], t) == 0)
      return true;
  return false;
}

static bool check_nodes(const cJSON *arr, const char *key, bool bulk,
                        const struct sandbox_req *rq, struct sandbox_resp *rs) {
  if (!cJSON_IsArray(arr) || cJSON_GetArraySize(arr) == 0) {
    sandbox_http_error(
        rs, rq, arr ? SANDBOX_HTTP_INVALID_PARAM : SANDBOX_HTTP_MISSING_PARAM,
        "%s must be a non-empty array of nodes", key);
    return false;
  }
  const cJSON *n;
  int i = 0;
  cJSON_ArrayForEach(n, arr) {
    const cJSON *t = cJSON_GetObjectItemCaseSensitive(n, "type");
    const cJSON *c = cJSON_GetObjectItemCaseSensitive(n, "currency");
    const cJSON *a = cJSON_GetObjectItemCaseSensitive(n, "amount");
    struct money m;
    if (!cJSON_IsObject(n) || !cJSON_IsString(t) || !cJSON_IsString(c)) {
      sandbox_http_error(rs, rq, SANDBOX_HTTP_INVALID_PARAM,
                         "%s[%d] needs string type and currency", key, i);
      return false;
    }
    if (!known_node_type(t->valuestring)) {
      sandbox_http_error(rs, rq, SANDBOX_HTTP_INVALID_PARAM,
                         "%s[%d].type %.32s is not a node type", key, i,
                         t->valuestring);
      return false;
    }
    if (!currency_is_known(c->valuestring)) {
      sandbox_http_error(rs, rq, SANDBOX_HTTP_INVALID_PARAM,
                         "%s[%d].currency %.8s is unknown", key, i,
                         c->valuestring);
      return false;
    }
    if (a && !cJSON_IsString(a)) {
      sandbox_http_error(rs, rq, SANDBOX_HTTP_INVALID_PARAM,
                         "%s[%d].amount must be a decimal string", key, i);
      return false;
    }
    if (a && (money_parse(a->valuestring, c->valuestring, &m) != CORE_OK ||
              m.minor <= 0)) {
      sandbox_http_error(rs, rq, SANDBOX_HTTP_INVALID_PARAM,
                         "%s[%d].amount is not a positive %s amount", key, i,
                         c->valuestring);
      return false;
    }
    if (bulk && a == NULL) {
      sandbox_http_error(rs, rq, SANDBOX_HTTP_MISSING_PARAM,
                         "%s[%d].amount is required in a bulk payment", key, i);
      return false;
    }
    i++;
  }
  return true;
}

/* The first accountNumber found in ACCOUNT nodes of `arr`, or NULL. */
static const char *node_account(const cJSON *arr) {
  const cJSON *n;
  cJSON_ArrayForEach(n, arr) {
    const char *t = sandbox_store_str(n, "type");
    const cJSON *a = cJSON_GetObjectItemCaseSensitive(n, "account");
    if (t && strcmp(t, "ACCOUNT") == 0 && cJSON_IsObject(a) &&
        sandbox_store_str(a, "accountNumber"))
      return sandbox_store_str(a, "accountNumber");
  }
  return NULL;
}

/* Fill ACCOUNT nodes from the stored accounts; 404 when one is unknown.
 * A node without an account (unassigned topup) gets accountNumber null and
 * the client as its holder. */
static bool fill_account_nodes(struct sandbox_conn *c, cJSON *arr, int tenant,
                               const struct sandbox_req *rq,
                               struct sandbox_resp *rs) {
  cJSON *n;
  cJSON_ArrayForEach(n, arr) {
    const char *t = sandbox_store_str(n, "type");
    if (t == NULL || strcmp(t, "ACCOUNT") != 0)
      continue;
    cJSON *a = cJSON_GetObjectItemCaseSensitive(n, "account");
    if (!cJSON_IsObject(a)) {
      cJSON_DeleteItemFromObjectCaseSensitive(n, "account");
      a = cJSON_AddObjectToObject(n, "account");
    }
    const char *num = sandbox_store_str(a, "accountNumber");
    if (num == NULL) {
      sandbox_store_set_str(a, "type", "CHECKING");
      sandbox_store_set_str(a, "currency", sandbox_store_str(n, "currency"));
      sandbox_store_set_str(a, "accountNumber", NULL);
      /* Not assigned yet: the client holds it until assign names one. */
      sandbox_store_set_str(a, "accountHolder", rq->client_id);
      continue;
    }
    cJSON *acct = sandbox_store_find_account(c, tenant, num);
    if (acct == NULL) {
      sandbox_http_error(rs, rq, SANDBOX_HTTP_NOT_FOUND,
                         "account %.64s not found", num);
      return false;
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
    if (sandbox_store_str(id, "identityId") == NULL)
      sandbox_store_set_str(id, "identityId",
                            sandbox_store_str(acct, "identityId"));
    cJSON_Delete(acct);
  }
  return true;
}

/* The first rail customer snapshot among the nodes, or NULL. */
static const cJSON *find_snapshot(const cJSON *body) {
  static const char *const sides[] = {"origins", "destinations"};
  for (int s = 0; s < 2; s++) {
    const cJSON *n;
    cJSON_ArrayForEach(n, cJSON_GetObjectItemCaseSensitive(body, sides[s])) {
      const cJSON *it;
      cJSON_ArrayForEach(it, n) {
        if (!cJSON_IsObject(it))
          continue;
        if (strcmp(it->string, "customer") == 0)
          return it;
        const cJSON *cu = cJSON_GetObjectItemCaseSensitive(it, "customer");
        if (cJSON_IsObject(cu))
          return cu;
      }
    }
  }
  return NULL;
}

void sandbox_create_payment(struct sandbox *sb, struct sandbox_req *rq,
                            struct sandbox_resp *rs) {
  static const char *const allowed[] = {"externalId",
                                        "identityId",
                                        "identityExternalId",
                                        "accountNumber",
                                        "currency",
                                        "totalAmount",
                                        "purchaseAmount",
                                        "purchaseCurrency",
                                        "product",
                                        "type",
                                        "description",
                                        "expiresAt",
                                        "origins",
                                        "destinations",
                                        "customerId",
                                        "parentPaymentId",
                                        "checkoutSessionId",
                                        "fees",
                                        "settlement",
                                        "metadata",
                                        NULL};
  static const char *const strings[] = {"externalId",
                                        "identityId",
                                        "identityExternalId",
                                        "accountNumber",
                                        "currency",
                                        "purchaseCurrency",
                                        "product",
                                        "type",
                                        "description",
                                        "customerId",
                                        "parentPaymentId",
                                        "checkoutSessionId",
                                        "settlement",
                                        "expiresAt",
                                        NULL};
  struct sandbox_conn *c = NULL;
  cJSON *doc = NULL;
  cJSON *acct = NULL;
  cJSON *ident = NULL;
  bool ok = false;
  const char *v = NULL;
  cJSON *body = sandbox_http_body_object(rq, rs, false);
  if (body == NULL)
    return;
  if (!sandbox_http_known_fields(body, allowed, rq, rs))
    goto out;
  for (int i = 0; strings[i]; i++)
    if (!sandbox_http_opt_string(body, strings[i], &v, rq, rs))
      goto out;
  const cJSON *pa = cJSON_GetObjectItemCaseSensitive(body, "purchaseAmount");
  const cJSON *ta = cJSON_GetObjectItemCaseSensitive(body, "totalAmount");
  if ((pa && !cJSON_IsString(pa)) || (ta && !cJSON_IsString(ta))) {
    sandbox_http_error(rs, rq, SANDBOX_HTTP_INVALID_PARAM,
                       "amounts must be decimal strings, e.g. \"2000.00\"");
    goto out;
  }
  const char *type = sandbox_store_str(body, "type");
  if (type == NULL) {
    sandbox_http_error(rs, rq, SANDBOX_HTTP_MISSING_PARAM, "type is required");
    goto out;
  }
  enum payment_type pt = payment_type_from_string(type);
  if (pt == PAYMENT_TYPE_UNKNOWN || strcmp(type, "PAYMENT") == 0 ||
      pt == PAYMENT_TYPE_LOCAL_DEPOSIT) {
    sandbox_http_error(rs, rq, SANDBOX_HTTP_INVALID_PARAM,
                       "type %.32s is not a payment type", type);
    goto out;
  }
  if (pt == PAYMENT_TYPE_FEE) {
    sandbox_http_error(rs, rq, SANDBOX_HTTP_FORBIDDEN,
                       "FEE payments are created by the platform only");
    goto out;
  }
  if (pt == PAYMENT_TYPE_REFUND) {
    const char *parent = sandbox_store_str(body, "parentPaymentId");
    if (parent == NULL) {
      sandbox_http_error(rs, rq, SANDBOX_HTTP_MISSING_PARAM,
                         "parentPaymentId is required for a REFUND");
      goto out;
    }
    sandbox_refunds_do(sb, rq, rs, parent, ta ? ta : pa,
                       sandbox_store_str(body, "description"));
    goto out;
  }
  if ((pa == NULL) == (ta == NULL)) {
    sandbox_http_error(
        rs, rq, pa ? SANDBOX_HTTP_INVALID_PARAM : SANDBOX_HTTP_MISSING_PARAM,
        "give exactly one of purchaseAmount and totalAmount");
    goto out;
  }
  const char *pcur = sandbox_store_str(body, "purchaseCurrency");
  const char *cur = sandbox_store_str(body, "currency");
  if (pcur == NULL && cur == NULL) {
    sandbox_http_error(rs, rq, SANDBOX_HTTP_MISSING_PARAM,
                       "purchaseCurrency or currency is required");
    goto out;
  }
  if (pcur == NULL)
    pcur = cur;
  if (cur == NULL)
    cur = pcur;
  if (!currency_is_known(pcur) || !currency_is_known(cur)) {
    sandbox_http_error(rs, rq, SANDBOX_HTTP_INVALID_PARAM, "unknown currency");
    goto out;
  }
  const char *product = sandbox_store_str(body, "product");
  char want_product[24];
  snprintf(want_product, sizeof(want_product), "%s:%s", pcur, cur);
  if (product == NULL) {
    sandbox_http_error(rs, rq, SANDBOX_HTTP_MISSING_PARAM,
                       "product is required (%s)", want_product);
    goto out;
  }
  if (strcmp(product, want_product) != 0) {
    sandbox_http_error(rs, rq, SANDBOX_HTTP_INVALID_PARAM,
                       "product must be %s (purchaseCurrency:currency)",
                       want_product);
    goto out;
  }
  struct money purchase = {0};
  struct money total = {0};
  const char *given_cur = pa ? pcur : cur;
  struct money *given = pa ? &purchase : &total;
  enum core_err e = money_parse((pa ? pa : ta)->valuestring, given_cur, given);
  if (e != CORE_OK || given->minor <= 0) {
    sandbox_http_error(rs, rq, SANDBOX_HTTP_INVALID_PARAM,
                       "%s must be a positive decimal with at most %d "
                       "decimals for %s",
                       pa ? "purchaseAmount" : "totalAmount",
                       currency_exponent(given_cur), given_cur);
    goto out;
  }
  snprintf(purchase.currency, sizeof(purchase.currency), "%s", pcur);
  snprintf(total.currency, sizeof(total.currency), "%s", cur);
  if (pa ? !convert(purchase.minor, pcur, cur, &total.minor)
         : !convert(total.minor, cur, pcur, &purchase.minor)) {
    sandbox_http_error(rs, rq, SANDBOX_HTTP_INVALID_PARAM,
                       "amount cannot be converted %s", want_product);
    goto out;
  }
  const cJSON *origins = cJSON_GetObjectItemCaseSensitive(body, "origins");
  const cJSON *dests = cJSON_GetObjectItemCaseSensitive(body, "destinations");
  bool bulk = cJSON_GetArraySize(origins) > 1 || cJSON_GetArraySize(dests) > 1;
  if (!check_nodes(origins, "origins", bulk, rq, rs) ||
      !check_nodes(dests, "destinations", bulk, rq, rs))
    goto out;

  c = sandbox_db_write_begin(sb->db);
  if (c == NULL) {
    sandbox_http_error(rs, rq, SANDBOX_HTTP_SERVER_ERROR, "database busy");
    goto out;
  }
  const char *identity_id = sandbox_store_str(body, "identityId");
  if (identity_id) {
    ident = sandbox_store_get_identity(c, rq->tenant, identity_id);
    if (ident == NULL) {
      sandbox_http_error(rs, rq, SANDBOX_HTTP_NOT_FOUND,
                         "identity %.40s not found", identity_id);
      goto out;
    }
  }
  const char *number = sandbox_store_str(body, "accountNumber");
  if (number == NULL)
    number = pt == PAYMENT_TYPE_TOPUP_ACCOUNT ? node_account(dests)
                                              : node_account(origins);
  if (number == NULL)
    number = node_account(dests);
  bool unassigned = false;
  if (number) {
    acct = sandbox_store_find_account(c, rq->tenant, number);
    if (acct == NULL) {
      sandbox_http_error(rs, rq, SANDBOX_HTTP_NOT_FOUND,
                         "account %.64s not found", number);
      goto out;
    }
    if (identity_id &&
        strcmp(sandbox_store_str(acct, "identityId"), identity_id) != 0) {
      sandbox_http_error(rs, rq, SANDBOX_HTTP_PRECONDITION,
                         "account %.64s is not owned by identity %.40s", number,
                         identity_id);
      goto out;
    }
  } else if (pt == PAYMENT_TYPE_TOPUP_ACCOUNT) {
    unassigned = true;
  } else {
    sandbox_http_error(rs, rq, SANDBOX_HTTP_MISSING_PARAM,
                       "accountNumber is required");
    goto out;
  }

  int64_t now = sandbox_clock_now(&sb->clock);
  char id[25];
  char total_s[MONEY_FMT_MAX];
  char purchase_s[MONEY_FMT_MAX];
  money_format(&total, total_s, sizeof(total_s));
  money_format(&purchase, purchase_s, sizeof(purchase_s));
  sandbox_new_id(sb, now, id);
  doc = sandbox_store_new_payment(id, type, "CREATED", total_s, cur, now);
  sandbox_store_set_str(doc, "purchaseAmount", purchase_s);
  sandbox_store_set_str(doc, "purchaseCurrency", pcur);
  sandbox_store_set_str(doc, "product", want_product);
  sandbox_store_set_str(doc, "externalId",
                        sandbox_store_str(body, "externalId"));
  char client_ident[25] = "";
  if (identity_id == NULL && acct == NULL &&
      sandbox_store_client_identity(c, rq->tenant, client_ident) == 0)
    identity_id = client_ident;
  sandbox_store_set_str(doc, "identityId",
                        identity_id ? identity_id
                        : acct      ? sandbox_store_str(acct, "identityId")
                                    : NULL);
  sandbox_store_set_str(doc, "accountNumber",
                        acct ? sandbox_store_str(acct, "accountNumber") : NULL);
  static const char *const copy_opt[] = {"identityExternalId", "description",
                                         "checkoutSessionId", "settlement",
                                         NULL};
  for (int i = 0; copy_opt[i]; i++)
    if (sandbox_store_str(body, copy_opt[i]))
      cJSON_AddStringToObject(doc, copy_opt[i],
                              sandbox_store_str(body, copy_opt[i]));
  const cJSON *fees = cJSON_GetObjectItemCaseSensitive(body, "fees");
  if (cJSON_IsArray(fees))
    cJSON_ReplaceItemInObjectCaseSensitive(doc, "fees",
                                           cJSON_Duplicate(fees, 1));
  cJSON_ReplaceItemInObjectCaseSensitive(doc, "origins",
                                         cJSON_Duplicate(origins, 1));
  cJSON_ReplaceItemInObjectCaseSensitive(doc, "destinations",
                                         cJSON_Duplicate(dests, 1));
  if (!fill_account_nodes(c, cJSON_GetObjectItemCaseSensitive(doc, "origins"),
                          rq->tenant, rq, rs) ||
      !fill_account_nodes(c,
                          cJSON_GetObjectItemCaseSensitive(doc, "destinations"),
                          rq->tenant, rq, rs))
    goto out;
  if (unassigned)
    sandbox_store_set_time(doc, "expiresAt", now + UNASSIGNED_TTL_MS);

  /* The customer. */
  const char *cust = sandbox_store_str(body, "customerId");
  char cid[25] = "";
  if (cust) {
    cJSON *cu = sandbox_store_get_customer(c, rq->tenant, cust);
    bool inactive =
        cu && sandbox_store_str(cu, "operationLevel") &&
        strcmp(sandbox_store_str(cu, "operationLevel"), "INACTIVE") == 0;
    cJSON_Delete(cu);
    if (cu == NULL) {
      sandbox_http_error(rs, rq, SANDBOX_HTTP_NOT_FOUND,
                         "customer %.40s not found", cust);
      goto out;
    }
    if (inactive) {
      sandbox_http_error(rs, rq, SANDBOX_HTTP_PRECONDITION,
                         "customer %.40s is INACTIVE", cust);
      goto out;
    }
    snprintf(cid, sizeof(cid), "%s", cust);
  } else {
    int r = sandbox_customers_resolve(sb, c, rq->tenant, rq->client_id,
                                      find_snapshot(body), now, cid);
    if (r < 0)
      goto out;
    if (r > 0)
      cid[0] = '\0';
  }
  sandbox_store_set_str(doc, "customerId", cid[0] ? cid : NULL);

  if (sandbox_store_put_payment(sb, c, rq->tenant, doc) != 0 ||
      sandbox_store_ledger(sb, c, rq, rq->tenant, "payment.create", id, type) !=
          0 ||
      sandbox_webhooks_payment(sb, c, "transaction.status_changed", doc) != 0)
    goto out;
  if (unassigned &&
      sandbox_webhooks_payment(sb, c, "purchase.pendingAssignment", doc) != 0)
    goto out;
  if ((pt == PAYMENT_TYPE_P2P || pt == PAYMENT_TYPE_COLLECT) &&
      sandbox_lifecycle_apply(sb, c, rq, rq->tenant, doc, "SETTLED", now,
                              "payment.settleInternal") != 0)
    goto out;
  ok = true;
out:
  if (c) {
    if (sandbox_db_write_end(sb->db, c, ok) != 0 && ok) {
      ok = false;
      sandbox_http_error(rs, rq, SANDBOX_HTTP_SERVER_ERROR,
                         "the payment could not be committed");
    }
    if (!ok && rs->status == 0)
      sandbox_http_error(rs, rq, SANDBOX_HTTP_SERVER_ERROR,
                         "the payment could not be stored");
  }
  if (ok)
    sandbox_http_json(rs, 200, doc);
  cJSON_Delete(doc);
  cJSON_Delete(acct);
  cJSON_Delete(ident);
  cJSON_Delete(body);
}
