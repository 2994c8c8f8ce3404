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
    sandbox_store_fill_account_node(n, acct, false);
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

/* A POST /payments body, checked. Pointers into the body. */
struct create_req {
  const cJSON *body;
  const cJSON *pa, *ta; /* purchaseAmount / totalAmount (one is NULL) */
  const cJSON *origins, *dests;
  const char *type, *pcur, *cur;
  enum payment_type pt;
  char product[24];
  struct money purchase, total;
};

/* The fields of a POST /payments body, and those that must be strings. */
static const char *const create_fields[] = {"externalId",
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
static const char *const create_strings[] = {"externalId",
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

/* Field names, value kinds and `type`. A REFUND is handed to the refund
 * path here (*done). Returns false when the request is answered. */
static bool check_kind(struct sandbox *sb, const struct sandbox_req *rq,
                       struct sandbox_resp *rs, struct create_req *cr) {
  const char *v = NULL;
  if (!sandbox_http_known_fields(cr->body, create_fields, rq, rs))
    return false;
  for (int i = 0; create_strings[i]; i++)
    if (!sandbox_http_opt_string(cr->body, create_strings[i], &v, rq, rs))
      return false;
  cr->pa = cJSON_GetObjectItemCaseSensitive(cr->body, "purchaseAmount");
  cr->ta = cJSON_GetObjectItemCaseSensitive(cr->body, "totalAmount");
  if ((cr->pa && !cJSON_IsString(cr->pa)) ||
      (cr->ta && !cJSON_IsString(cr->ta))) {
    sandbox_http_error(rs, rq, SANDBOX_HTTP_INVALID_PARAM,
                       "amounts must be decimal strings, e.g. \"2000.00\"");
    return false;
  }
  cr->type = sandbox_store_str(cr->body, "type");
  if (cr->type == NULL) {
    sandbox_http_error(rs, rq, SANDBOX_HTTP_MISSING_PARAM, "type is required");
    return false;
  }
  cr->pt = payment_type_from_string(cr->type);
  if (cr->pt == PAYMENT_TYPE_UNKNOWN || strcmp(cr->type, "PAYMENT") == 0 ||
      cr->pt == PAYMENT_TYPE_LOCAL_DEPOSIT) {
    sandbox_http_error(rs, rq, SANDBOX_HTTP_INVALID_PARAM,
                       "type %.32s is not a payment type", cr->type);
    return false;
  }
  if (cr->pt == PAYMENT_TYPE_FEE) {
    sandbox_http_error(rs, rq, SANDBOX_HTTP_FORBIDDEN,
                       "FEE payments are created by the platform only");
    return false;
  }
  if (cr->pt == PAYMENT_TYPE_REFUND) {
    const char *parent = sandbox_store_str(cr->body, "parentPaymentId");
    if (parent == NULL)
      sandbox_http_error(rs, rq, SANDBOX_HTTP_MISSING_PARAM,
                         "parentPaymentId is required for a REFUND");
    else
      sandbox_refunds_do(sb, rq, rs, parent, cr->ta ? cr->ta : cr->pa,
                         sandbox_store_str(cr->body, "description"));
    return false;
  }
  return true;
}

/* Currencies, product and the amount (converted to the other currency).
 * Returns false when the request is answered. */
static bool check_amounts(const struct sandbox_req *rq, struct sandbox_resp *rs,
                          struct create_req *cr) {
  if ((cr->pa == NULL) == (cr->ta == NULL)) {
    sandbox_http_error(rs, rq,
                       cr->pa ? SANDBOX_HTTP_INVALID_PARAM
                              : SANDBOX_HTTP_MISSING_PARAM,
                       "give exactly one of purchaseAmount and totalAmount");
    return false;
  }
  cr->pcur = sandbox_store_str(cr->body, "purchaseCurrency");
  cr->cur = sandbox_store_str(cr->body, "currency");
  if (cr->pcur == NULL && cr->cur == NULL) {
    sandbox_http_error(rs, rq, SANDBOX_HTTP_MISSING_PARAM,
                       "purchaseCurrency or currency is required");
    return false;
  }
  if (cr->pcur == NULL)
    cr->pcur = cr->cur;
  if (cr->cur == NULL)
    cr->cur = cr->pcur;
  if (!currency_is_known(cr->pcur) || !currency_is_known(cr->cur)) {
    sandbox_http_error(rs, rq, SANDBOX_HTTP_INVALID_PARAM, "unknown currency");
    return false;
  }
  const char *product = sandbox_store_str(cr->body, "product");
  snprintf(cr->product, sizeof(cr->product), "%s:%s", cr->pcur, cr->cur);
  if (product == NULL || strcmp(product, cr->product) != 0) {
    sandbox_http_error(
        rs, rq,
        product ? SANDBOX_HTTP_INVALID_PARAM : SANDBOX_HTTP_MISSING_PARAM,
        product ? "product must be %s (purchaseCurrency:currency)"
                : "product is required (%s)",
        cr->product);
    return false;
  }
  const char *given_cur = cr->pa ? cr->pcur : cr->cur;
  struct money *given = cr->pa ? &cr->purchase : &cr->total;
  enum core_err e =
      money_parse((cr->pa ? cr->pa : cr->ta)->valuestring, given_cur, given);
  if (e != CORE_OK || given->minor <= 0) {
    sandbox_http_error(rs, rq, SANDBOX_HTTP_INVALID_PARAM,
                       "%s must be a positive decimal with at most %d "
                       "decimals for %s",
                       cr->pa ? "purchaseAmount" : "totalAmount",
                       currency_exponent(given_cur), given_cur);
    return false;
  }
  snprintf(cr->purchase.currency, sizeof(cr->purchase.currency), "%s",
           cr->pcur);
  snprintf(cr->total.currency, sizeof(cr->total.currency), "%s", cr->cur);
  if (cr->pa
          ? !convert(cr->purchase.minor, cr->pcur, cr->cur, &cr->total.minor)
          : !convert(cr->total.minor, cr->cur, cr->pcur, &cr->purchase.minor)) {
    sandbox_http_error(rs, rq, SANDBOX_HTTP_INVALID_PARAM,
                       "amount cannot be converted %s", cr->product);
    return false;
  }
  cr->origins = cJSON_GetObjectItemCaseSensitive(cr->body, "origins");
  cr->dests = cJSON_GetObjectItemCaseSensitive(cr->body, "destinations");
  bool bulk =
      cJSON_GetArraySize(cr->origins) > 1 || cJSON_GetArraySize(cr->dests) > 1;
  return check_nodes(cr->origins, "origins", bulk, rq, rs) &&
         check_nodes(cr->dests, "destinations", bulk, rq, rs);
}

/* The identity and the account: *acct (caller deletes) or *unassigned for
 * a TOPUP_ACCOUNT without any account. Returns false when answered. */
static bool find_account(struct sandbox_conn *c, const struct sandbox_req *rq,
                         struct sandbox_resp *rs, const struct create_req *cr,
                         cJSON **acct, bool *unassigned) {
  const char *identity_id = sandbox_store_str(cr->body, "identityId");
  if (identity_id) {
    cJSON *ident = sandbox_store_get_identity(c, rq->tenant, identity_id);
    cJSON_Delete(ident);
    if (ident == NULL) {
      sandbox_http_error(rs, rq, SANDBOX_HTTP_NOT_FOUND,
                         "identity %.40s not found", identity_id);
      return false;
    }
  }
  const char *number = sandbox_store_str(cr->body, "accountNumber");
  if (number == NULL)
    number = cr->pt == PAYMENT_TYPE_TOPUP_ACCOUNT ? node_account(cr->dests)
                                                  : node_account(cr->origins);
  if (number == NULL)
    number = node_account(cr->dests);
  *unassigned = false;
  if (number == NULL && cr->pt == PAYMENT_TYPE_TOPUP_ACCOUNT) {
    *unassigned = true;
    return true;
  }
  if (number == NULL) {
    sandbox_http_error(rs, rq, SANDBOX_HTTP_MISSING_PARAM,
                       "accountNumber is required");
    return false;
  }
  *acct = sandbox_store_find_account(c, rq->tenant, number);
  if (*acct == NULL) {
    sandbox_http_error(rs, rq, SANDBOX_HTTP_NOT_FOUND,
                       "account %.64s not found", number);
    return false;
  }
  if (identity_id &&
      strcmp(sandbox_store_str(*acct, "identityId"), identity_id) != 0) {
    sandbox_http_error(rs, rq, SANDBOX_HTTP_PRECONDITION,
                       "account %.64s is not owned by identity %.40s", number,
                       identity_id);
    return false;
  }
  return true;
}

/* The new payment document (NULL when answered: an unknown node account). */
static cJSON *build_doc(struct sandbox *sb, struct sandbox_conn *c,
                        const struct sandbox_req *rq, struct sandbox_resp *rs,
                        const struct create_req *cr, const cJSON *acct,
                        int64_t now) {
  static const char *const copy_opt[] = {"identityExternalId", "description",
                                         "checkoutSessionId", "settlement",
                                         NULL};
  char id[25];
  char total_s[MONEY_FMT_MAX];
  char purchase_s[MONEY_FMT_MAX];
  money_format(&cr->total, total_s, sizeof(total_s));
  money_format(&cr->purchase, purchase_s, sizeof(purchase_s));
  sandbox_new_id(sb, now, id);
  cJSON *doc =
      sandbox_store_new_payment(id, cr->type, "CREATED", total_s, cr->cur, now);
  sandbox_store_set_str(doc, "purchaseAmount", purchase_s);
  sandbox_store_set_str(doc, "purchaseCurrency", cr->pcur);
  sandbox_store_set_str(doc, "product", cr->product);
  sandbox_store_set_str(doc, "externalId",
                        sandbox_store_str(cr->body, "externalId"));
  const char *identity_id = sandbox_store_str(cr->body, "identityId");
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
  for (int i = 0; copy_opt[i]; i++)
    if (sandbox_store_str(cr->body, copy_opt[i]))
      cJSON_AddStringToObject(doc, copy_opt[i],
                              sandbox_store_str(cr->body, copy_opt[i]));
  const cJSON *fees = cJSON_GetObjectItemCaseSensitive(cr->body, "fees");
  if (cJSON_IsArray(fees))
    cJSON_ReplaceItemInObjectCaseSensitive(doc, "fees",
                                           cJSON_Duplicate(fees, 1));
  cJSON_ReplaceItemInObjectCaseSensitive(doc, "origins",
                                         cJSON_Duplicate(cr->origins, 1));
  cJSON_ReplaceItemInObjectCaseSensitive(doc, "destinations",
                                         cJSON_Duplicate(cr->dests, 1));
  if (!fill_account_nodes(c, cJSON_GetObjectItemCaseSensitive(doc, "origins"),
                          rq->tenant, rq, rs) ||
      !fill_account_nodes(c,
                          cJSON_GetObjectItemCaseSensitive(doc, "destinations"),
                          rq->tenant, rq, rs)) {
    cJSON_Delete(doc);
    return NULL;
  }
  return doc;
}

/* The payment's customer: customerId (known, not INACTIVE), else the rail
 * snapshot's (matched or auto-created). Returns false when answered. */
static bool find_customer(struct sandbox *sb, struct sandbox_conn *c,
                          const struct sandbox_req *rq, struct sandbox_resp *rs,
                          const cJSON *body, int64_t now, char cid[25]) {
  const char *cust = sandbox_store_str(body, "customerId");
  cid[0] = '\0';
  if (cust == NULL) {
    int r = sandbox_customers_resolve(sb, c, rq->tenant, rq->client_id,
                                      find_snapshot(body), now, cid);
    if (r > 0)
      cid[0] = '\0';
    return r >= 0;
  }
  cJSON *cu = sandbox_store_get_customer(c, rq->tenant, cust);
  bool inactive =
      cu && sandbox_store_str(cu, "operationLevel") &&
      strcmp(sandbox_store_str(cu, "operationLevel"), "INACTIVE") == 0;
  cJSON_Delete(cu);
  if (cu == NULL || inactive) {
    sandbox_http_error(
        rs, rq, cu ? SANDBOX_HTTP_PRECONDITION : SANDBOX_HTTP_NOT_FOUND,
        cu ? "customer %.40s is INACTIVE" : "customer %.40s not found", cust);
    return false;
  }
  snprintf(cid, 25, "%s", cust);
  return true;
}

/* Store the new payment with its ledger row and events; internal types
 * settle at once. Returns 0 or -1. */
static int store_new(struct sandbox *sb, struct sandbox_conn *c,
                     const struct sandbox_req *rq, const struct create_req *cr,
                     cJSON *doc, bool unassigned, int64_t now) {
  const char *id = sandbox_store_str(doc, "id");
  if (sandbox_store_put_payment(sb, c, rq->tenant, doc) != 0 ||
      sandbox_store_ledger(sb, c, rq, rq->tenant, "payment.create", id,
                           cr->type) != 0 ||
      sandbox_webhooks_payment(sb, c, "transaction.status_changed", doc) != 0)
    return -1;
  if (unassigned &&
      sandbox_webhooks_payment(sb, c, "purchase.pendingAssignment", doc) != 0)
    return -1;
  if ((cr->pt == PAYMENT_TYPE_P2P || cr->pt == PAYMENT_TYPE_COLLECT) &&
      sandbox_lifecycle_apply(sb, c, rq, rq->tenant, doc, "SETTLED", now,
                              "payment.settleInternal") != 0)
    return -1;
  return 0;
}

void sandbox_create_payment(struct sandbox *sb, struct sandbox_req *rq,
                            struct sandbox_resp *rs) {
  struct create_req cr;
  struct sandbox_conn *c = NULL;
  cJSON *doc = NULL;
  cJSON *acct = NULL;
  bool ok = false;
  bool unassigned = false;
  char cid[25];
  memset(&cr, 0, sizeof(cr));
  cJSON *body = sandbox_http_body_object(rq, rs, false);
  if (body == NULL)
    return;
  cr.body = body;
  if (!check_kind(sb, rq, rs, &cr) || !check_amounts(rq, rs, &cr))
    goto out;
  c = sandbox_db_write_begin(sb->db);
  if (c == NULL) {
    sandbox_http_error(rs, rq, SANDBOX_HTTP_SERVER_ERROR, "database busy");
    goto out;
  }
  int64_t now = sandbox_clock_now(&sb->clock);
  if (!find_account(c, rq, rs, &cr, &acct, &unassigned) ||
      (doc = build_doc(sb, c, rq, rs, &cr, acct, now)) == NULL)
    goto out;
  if (unassigned)
    sandbox_store_set_time(doc, "expiresAt", now + UNASSIGNED_TTL_MS);
  if (!find_customer(sb, c, rq, rs, body, now, cid))
    goto out;
  sandbox_store_set_str(doc, "customerId", cid[0] ? cid : NULL);
  ok = store_new(sb, c, rq, &cr, doc, unassigned, now) == 0;
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
  cJSON_Delete(body);
}
