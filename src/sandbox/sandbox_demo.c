/*
 * sandbox_demo - demo data generator; see sandbox_demo.h.
 */
#include "sandbox/sandbox_demo.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/money.h"
#include "core/xalloc.h"
#include "sandbox/sandbox.h"
#include "sandbox/sandbox_store.h"

#define DAY_MS (86400000LL)
#define HOUR_MS (3600000LL)

struct demo_cur {
  const char *code;
  const char *country2;
  const char *country3;
  const char *rails[3];
  int nrails;
  int64_t min_major;
  int64_t max_major;
  const char *doc_type;
  const char *phone_prefix;
  const char *payout;     /* payout rail for withdrawals */
};

static const struct demo_cur currencies[] = {
  {"CLP", "CL", "CHL", {"ETPAY", "FINTOC", "WEBPAY"}, 3, 1000, 900000, "RUT",
   "+56", "BANK_ACCOUNT"},
  {"ARS", "AR", "ARG", {"CVU", "PCT"}, 2, 500, 800000, "CUIT", "+54",
   "BANK_ACCOUNT"},
  {"MXN", "MX", "MEX", {"SPEI"}, 1, 50, 18000, "RFC", "+52", "SPEI"},
  {"COP", "CO", "COL", {"PSE", "NEQUI", "BANCOLOMBIA"}, 3, 10000, 3500000,
   "CC", "+57", "BREB"},
  {"BRL", "BR", "BRA", {"PIX"}, 1, 10, 4500, "CPF", "+55", "PIX"},
  {"USD", "US", "USA", {"ACH", "WIRE"}, 2, 5, 900, "SSN", "+1", "ACH"},
  {"PEN", "PE", "PER", {"LIGO"}, 1, 10, 3500, "DNI", "+51", "BANK_ACCOUNT"},
  {"EUR", "ES", "ESP", {"SEPA"}, 1, 5, 900, "NIE", "+34", "SEPA"},
  {"USDC", "US", "USA", {"CRYPTO"}, 1, 5, 900, "SSN", "+1", "CRYPTO"},
};
#define NCUR ((int)(sizeof(currencies) / sizeof(currencies[0])))

struct demo_name {
  const char *first;
  const char *last;
};

/* The first three are hostile on purpose: the desk must neutralise them. */
static const struct demo_name names[] = {
  {"Mallory\x1b]0;pwned\x07", "Escape"},
  {"Eve\x1b[2J", "Wiper"},
  {"Trudy \xe2\x80\xae" "fdp.exe", "Override"},
  {"José", "Muñoz"},
  {"María", "Fernández"},
  {"王", "芳"},
  {"Дмитрий", "Иванов"},
  {"محمد", "العلي"},
  {"田中", "太郎"},
  {"김", "민준"},
  {"Ελένη", "Παπαδοπούλου"},
  {"नरेश", "कुमार"},
  {"יעל", "כהן"},
  {"João", "Gonçalves"},
  {"Çağla", "Öztürk"},
  {"François", "Lefèvre"},
  {"Zoë", "Ångström"},
  {"Łukasz", "Wójcik"},
  {"Thảo", "Nguyễn"},
  {"Björk", "Guðmundsdóttir"},
  {"Sebastián", "Pérez"},
  {"Ñuño", "Ibáñez"},
  {"Anaïs", "Dubois"},
  {"Carlos", "Nuevo"},
  {"Lucía", "Rodríguez"},
  {"Ольга", "Смирнова"},
  {"فاطمة", "الزهراء"},
  {"山田", "花子"},
  {"李", "雷"},
  {"Søren", "Kierkegård"},
  {"Valentina", "Castro"},
  {"Mateo", "González"},
  {"Camila", "Silva"},
  {"Diego", "Ramírez"},
  {"Ana", "Souza"},
};
#define NNAMES ((int)(sizeof(names) / sizeof(names[0])))

static const char *const descriptions[] = {
  "Order #", "Wallet top-up ", "Invoice ", "Subscription ", "Payout ",
  "Marketplace sale ", "Transfer ", "Remittance ",
};

struct demo_customer {
  char id[25];
  int name;
  int cur;              /* home currency */
  bool documented;
  char doc_number[24];
  char email[64];
};

struct demo_account {
  char id[25];
  char number[64];
  char identity[25];
  char holder[64];
  int cur;
};

struct demo {
  struct sandbox *sb;
  struct sandbox_conn *c;
  uint64_t rng;
  int64_t now;
  int tenant;
  long made;            /* payments written for this tenant */
  long target;
  struct demo_customer *cust;
  int ncust;
  struct demo_account acct[NCUR * 2];
  int nacct;
  char identity[4][25];
  const char *identity_name[4];
  uint64_t idseq;
};

static uint64_t
rnd(struct demo *d, uint64_t n)
{
  return n ? sandbox_rand_step(&d->rng) % n : 0;
}

static void
new_id(struct demo *d, int64_t ms, char out[25])
{
  /* Time-ordered like an ObjectId: seconds, a counter, random tail. */
  d->idseq++;
  snprintf(out, 25, "%08x%06x%010llx", (unsigned)(ms / 1000) & 0xffffffffu,
           (unsigned)(d->idseq & 0xffffff),
           (unsigned long long)(sandbox_rand_step(&d->rng) & 0xffffffffffULL));
}

static void
fmt_amount(int cur, int64_t minor, char *buf, size_t len)
{
  struct money m;
  m.minor = minor;
  snprintf(m.currency, sizeof(m.currency), "%s", currencies[cur].code);
  if (money_format(&m, buf, len) < 0)
    snprintf(buf, len, "0");
}

static int64_t
scale_of(int cur)
{
  struct money m;
  if (money_parse("1", currencies[cur].code, &m) != CORE_OK)
    return 100;
  return m.minor;
}

/* A believable amount in minor units. */
static int64_t
rand_amount(struct demo *d, int cur)
{
  const struct demo_cur *c = &currencies[cur];
  int64_t scale = scale_of(cur);
  /* Skew towards small amounts: pick a magnitude first. */
  int64_t span = c->max_major - c->min_major;
  int64_t major = c->min_major + (int64_t)rnd(d, (uint64_t)span / 8 + 1);
  if (rnd(d, 4) == 0)
    major = c->min_major + (int64_t)rnd(d, (uint64_t)span + 1);
  if (scale == 1)
    return (major / 10) * 10 + (rnd(d, 3) == 0 ? 0 : (int64_t)rnd(d, 10));
  int64_t frac = scale >= 1000000 ? (int64_t)rnd(d, 100) * (scale / 100)
                                  : (int64_t)rnd(d, (uint64_t)scale);
  return major * scale + frac;
}

/* An amount at or above the review threshold. */
static int64_t
review_amount(struct demo *d, int cur)
{
  int64_t t = sandbox_threshold(d->sb, currencies[cur].code);
  if (t < 0)
    return rand_amount(d, cur);
  return t + (int64_t)rnd(d, (uint64_t)t * 2 + 1);
}

static const char *
rail_key(const char *type)
{
  static const struct {
    const char *type;
    const char *key;
  } keys[] = {
    {"ETPAY", "etpay"}, {"FINTOC", "fintoc"}, {"WEBPAY", "webpay"},
    {"CVU", "cvu"},     {"PCT", "pct"},       {"SPEI", "spei"},
    {"PSE", "pse"},     {"NEQUI", "nequi"},   {"BANCOLOMBIA", "bancolombia"},
    {"PIX", "pix"},     {"ACH", "ach"},       {"WIRE", "wire"},
    {"LIGO", "ligo"},   {"SEPA", "sepa"},     {"CRYPTO", "wallet"},
    {"BANK_ACCOUNT", "bank"}, {"BREB", "breb"}, {"SWIFT", "swift"},
  };
  for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
    if (strcmp(keys[i].type, type) == 0)
      return keys[i].key;
  return "rail";
}

static cJSON *
customer_snapshot(const struct demo_customer *cu)
{
  cJSON *o = cJSON_CreateObject();
  cJSON_AddStringToObject(o, "firstName", names[cu->name].first);
  cJSON_AddStringToObject(o, "lastName", names[cu->name].last);
  cJSON_AddStringToObject(o, "email", cu->email);
  cJSON_AddStringToObject(o, "documentType", currencies[cu->cur].doc_type);
  cJSON_AddStringToObject(o, "documentNumber", cu->doc_number);
  return o;
}

static void
digits(struct demo *d, char *buf, int n)
{
  for (int i = 0; i < n; i++)
    buf[i] = (char)('0' + rnd(d, 10));
  buf[n] = '\0';
}

/* An external rail node (pay-in origin or payout destination). */
static cJSON *
rail_node(struct demo *d, int cur, const char *type,
          const struct demo_customer *cu, const char *amount)
{
  cJSON *n = cJSON_CreateObject();
  cJSON_AddStringToObject(n, "type", type);
  cJSON_AddStringToObject(n, "currency", currencies[cur].code);
  cJSON_AddStringToObject(n, "amount", amount);
  cJSON *r = cJSON_AddObjectToObject(n, rail_key(type));
  char num[32];
  if (strcmp(type, "BANK_ACCOUNT") == 0) {
    digits(d, num, 12);
    cJSON_AddStringToObject(r, "accountNumber", num);
    cJSON_AddStringToObject(r, "bank", "001");
    cJSON_AddStringToObject(r, "currency", currencies[cur].code);
    cJSON_AddStringToObject(r, "typeAccount", "CHECKING");
    char holder[128];
    snprintf(holder, sizeof(holder), "%s %s", names[cu->name].first,
             names[cu->name].last);
    cJSON_AddStringToObject(r, "accountHolder", holder);
    cJSON_AddStringToObject(r, "accountHolderDni", cu->doc_number);
    cJSON_AddStringToObject(r, "country", currencies[cur].country2);
    cJSON_AddItemToObject(n, "customer", customer_snapshot(cu));
    return n;
  }
  if (strcmp(type, "CRYPTO") == 0) {
    char addr[48];
    addr[0] = '0';
    addr[1] = 'x';
    for (int i = 0; i < 40; i++)
      addr[2 + i] = "0123456789abcdef"[rnd(d, 16)];
    addr[42] = '\0';
    cJSON_AddStringToObject(r, "address", addr);
    cJSON_AddStringToObject(r, "network", "SOLANA");
    cJSON_AddStringToObject(r, "provider", "CIRCLE");
  } else if (strcmp(type, "SPEI") == 0) {
    digits(d, num, 18);
    cJSON_AddStringToObject(r, "clabe", num);
  } else if (strcmp(type, "ACH") == 0 || strcmp(type, "WIRE") == 0) {
    digits(d, num, 9);
    cJSON_AddStringToObject(r, "routingNumber", num);
    digits(d, num, 10);
    cJSON_AddStringToObject(r, "accountNumber", num);
  } else if (strcmp(type, "SEPA") == 0) {
    char iban[40];
    digits(d, num, 20);
    snprintf(iban, sizeof(iban), "ES%.2s%s", num, num + 2);
    cJSON_AddStringToObject(r, "iban", iban);
  } else if (strcmp(type, "BREB") == 0) {
    cJSON_AddStringToObject(r, "bankId", "1007");
    digits(d, num, 11);
    cJSON_AddStringToObject(r, "accountNumber", num);
  }
  cJSON_AddItemToObject(r, "customer", customer_snapshot(cu));
  return n;
}

static cJSON *
account_node(const struct demo_account *a, int cur, const char *amount)
{
  cJSON *n = cJSON_CreateObject();
  cJSON_AddStringToObject(n, "type", "ACCOUNT");
  cJSON_AddStringToObject(n, "currency", currencies[cur].code);
  cJSON_AddStringToObject(n, "amount", amount);
  cJSON *id = cJSON_AddObjectToObject(n, "identity");
  cJSON *acc = cJSON_AddObjectToObject(n, "account");
  cJSON_AddStringToObject(acc, "type", "CHECKING");
  cJSON_AddStringToObject(acc, "currency", currencies[cur].code);
  if (a) {
    cJSON_AddStringToObject(id, "identityId", a->identity);
    cJSON_AddStringToObject(acc, "accountNumber", a->number);
    cJSON_AddStringToObject(acc, "accountHolder", a->holder);
  } else {
    cJSON_AddNullToObject(id, "identityId");
    cJSON_AddNullToObject(acc, "accountNumber");
    cJSON_AddNullToObject(acc, "accountHolder");
  }
  return n;
}

static const struct demo_account *
account_for(struct demo *d, int cur)
{
  for (int i = 0; i < d->nacct; i++)
    if (d->acct[i].cur == cur && (rnd(d, 3) != 0 || i + NCUR >= d->nacct))
      return &d->acct[i];
  return &d->acct[0];
}

static int
write_payment(struct demo *d, cJSON *doc)
{
  int rc = sandbox_store_put_payment(d->sb, d->c, d->tenant, doc);
  d->made++;
  return rc;
}

static void
set_time(cJSON *doc, const char *key, int64_t ms)
{
  sandbox_store_set_time(doc, key, ms);
}

enum plan {
  PLAN_CREATED,
  PLAN_AUTHORIZED,
  PLAN_REVIEW_PENDING,
  PLAN_REVIEW_UPLOADED,
  PLAN_CAPTURED,
  PLAN_RECEIVED,
  PLAN_SETTLED,
  PLAN_SETTLED_FULL_REFUND,
  PLAN_SETTLED_PARTIAL_REFUNDS,
  PLAN_FAILED,
  PLAN_UNASSIGNED_URGENT,
  PLAN_UNASSIGNED,
  PLAN_EXPIRED,
  PLAN_UNSETTLED,
  PLAN_REVIEW_REJECTED,
  PLAN_REVIEW_APPROVED,
  PLAN_SETTLED_REFUND_RUNNING,
};

static const char *const payment_types[] = {
  "PURCHASE", "TOPUP_ACCOUNT", "WITHDRAWAL_ACCOUNT", "P2P", "COLLECT",
  "REMITTANCE", "FEE",
};

/* Add a review document to a payment's documents array. */
static void
add_review_doc(cJSON *doc, const char *pid, const char *status, int64_t ms,
               const char *base_url)
{
  cJSON *docs = cJSON_GetObjectItemCaseSensitive(doc, "documents");
  if (docs == NULL)
    docs = cJSON_AddArrayToObject(doc, "documents");
  cJSON *e = cJSON_CreateObject();
  char url[256];
  char ts[32];
  sandbox_store_iso(ms, ts);
  snprintf(url, sizeof(url), "%s/documents/payments/%s/source_of_funds/%lld",
           base_url, pid, (long long)ms);
  cJSON_AddStringToObject(e, "type", "source_of_funds");
  if (strcmp(status, "PENDING_UPLOAD") == 0) {
    cJSON_AddNullToObject(e, "url");
    cJSON_AddNullToObject(e, "contentType");
    cJSON_AddNullToObject(e, "uploadedAt");
  } else {
    cJSON_AddStringToObject(e, "url", url);
    cJSON_AddStringToObject(e, "contentType", "application/pdf");
    cJSON_AddStringToObject(e, "uploadedAt", ts);
  }
  cJSON_AddStringToObject(e, "status", status);
  cJSON_AddItemToArray(docs, e);
}

/* A refund child of `parent` (already SETTLED at settled_ms). */
static int
make_refund(struct demo *d, const cJSON *parent, int cur, int64_t minor,
            const char *status, int64_t ms)
{
  char id[25];
  char amount[MONEY_FMT_MAX];
  new_id(d, ms, id);
  fmt_amount(cur, minor, amount, sizeof(amount));
  cJSON *r = sandbox_store_new_payment(id, "REFUND", status, amount,
                                       currencies[cur].code, ms);
  const char *pid = sandbox_store_str(parent, "id");
  sandbox_store_set_str(r, "parentPaymentId", pid);
  sandbox_store_set_str(r, "identityId", sandbox_store_str(parent,
                                                           "identityId"));
  sandbox_store_set_str(r, "accountNumber",
                        sandbox_store_str(parent, "accountNumber"));
  sandbox_store_set_str(r, "customerId", sandbox_store_str(parent,
                                                           "customerId"));
  cJSON_AddStringToObject(r, "description", "Customer requested a refund");
  /* Money flows back: swap origins and destinations. */
  cJSON_ReplaceItemInObjectCaseSensitive(
    r, "origins",
    cJSON_Duplicate(cJSON_GetObjectItemCaseSensitive(parent, "destinations"),
                    1));
  cJSON_ReplaceItemInObjectCaseSensitive(
    r, "destinations",
    cJSON_Duplicate(cJSON_GetObjectItemCaseSensitive(parent, "origins"), 1));
  int64_t done = ms + 2 * HOUR_MS;
  if (done > d->now)
    done = d->now;
  if (strcmp(status, "SETTLED") == 0) {
    set_time(r, "settledAt", done);
    set_time(r, "updatedAt", done);
  } else if (strcmp(status, "FAILED") == 0) {
    set_time(r, "updatedAt", done);
  }
  int rc = write_payment(d, r);
  cJSON_Delete(r);
  return rc;
}

/* Write one payment following `plan` at time `t`. */
static int
make_payment(struct demo *d, enum plan plan, int64_t t, int hint)
{
  int cur = (int)rnd(d, NCUR);
  if (plan == PLAN_UNASSIGNED_URGENT || plan == PLAN_UNASSIGNED ||
      plan == PLAN_EXPIRED)
    cur = rnd(d, 2) ? 1 : 4;   /* push-deposit rails: ARS CVU, BRL PIX */
  const char *type = payment_types[rnd(d, 3) == 0 ? rnd(d, 7) : rnd(d, 2)];
  if (plan == PLAN_UNASSIGNED_URGENT || plan == PLAN_UNASSIGNED ||
      plan == PLAN_EXPIRED || plan == PLAN_RECEIVED || plan == PLAN_UNSETTLED)
    type = "TOPUP_ACCOUNT";
  if (plan >= PLAN_REVIEW_PENDING && plan <= PLAN_REVIEW_UPLOADED)
    type = hint % 2 ? "TOPUP_ACCOUNT" : "PURCHASE";
  if (plan == PLAN_REVIEW_REJECTED || plan == PLAN_REVIEW_APPROVED)
    type = "PURCHASE";
  if (plan == PLAN_SETTLED_FULL_REFUND || plan == PLAN_SETTLED_PARTIAL_REFUNDS ||
      plan == PLAN_SETTLED_REFUND_RUNNING)
    type = rnd(d, 2) ? "PURCHASE" : "TOPUP_ACCOUNT";
  bool review = plan == PLAN_REVIEW_PENDING || plan == PLAN_REVIEW_UPLOADED ||
                plan == PLAN_REVIEW_REJECTED || plan == PLAN_REVIEW_APPROVED;

  /* Customer: undocumented ones for review items; hostile names early. */
  const struct demo_customer *cu = &d->cust[(size_t)hint % (size_t)d->ncust];
  if (hint >= 3)
    cu = &d->cust[rnd(d, (uint64_t)d->ncust)];
  for (int tries = 0; review && cu->documented && tries < 64; tries++)
    cu = &d->cust[rnd(d, (uint64_t)d->ncust)];
  if (review && cu->documented)
    review = false;

  int64_t minor = review ? review_amount(d, cur) : rand_amount(d, cur);
  if (!review) {
    int64_t thr = sandbox_threshold(d->sb, currencies[cur].code);
    if (thr > 0 && minor >= thr && !cu->documented)
      minor = thr - 1 - (int64_t)rnd(d, (uint64_t)thr / 2);
  }
  char amount[MONEY_FMT_MAX];
  fmt_amount(cur, minor, amount, sizeof(amount));
  const char *status = "SETTLED";
  switch (plan) {
  case PLAN_CREATED: status = "CREATED"; break;
  case PLAN_AUTHORIZED: status = "AUTHORIZED"; break;
  case PLAN_REVIEW_PENDING:
  case PLAN_REVIEW_UPLOADED: status = review ? "REQUIRES_REVIEW" : "CAPTURED";
    break;
  case PLAN_CAPTURED: status = "CAPTURED"; break;
  case PLAN_RECEIVED: status = "RECEIVED"; break;
  case PLAN_FAILED: status = "FAILED"; break;
  case PLAN_UNASSIGNED_URGENT:
  case PLAN_UNASSIGNED: status = "CREATED"; break;
  case PLAN_EXPIRED: status = "EXPIRED"; break;
  case PLAN_UNSETTLED: status = "UNSETTLED"; break;
  case PLAN_REVIEW_REJECTED: status = review ? "FAILED" : "SETTLED"; break;
  case PLAN_REVIEW_APPROVED: status = review ? "CAPTURED" : "CAPTURED"; break;
  default: status = "SETTLED"; break;
  }

  char id[25];
  new_id(d, t, id);
  cJSON *doc = sandbox_store_new_payment(id, type, status, amount,
                                         currencies[cur].code, t);
  const struct demo_account *acct = account_for(d, cur);
  bool unassigned = plan == PLAN_UNASSIGNED_URGENT || plan == PLAN_UNASSIGNED ||
                    plan == PLAN_EXPIRED;
  char ext[32];
  snprintf(ext, sizeof(ext), "ord-%06ld", d->made + 1);
  if (!unassigned) {
    sandbox_store_set_str(doc, "externalId", ext);
    sandbox_store_set_str(doc, "accountNumber", acct->number);
  }
  sandbox_store_set_str(doc, "identityId", acct->identity);
  char desc[96];
  snprintf(desc, sizeof(desc), "%s%ld",
           descriptions[rnd(d, sizeof(descriptions) / sizeof(descriptions[0]))],
           10000 + d->made);
  cJSON_AddStringToObject(doc, "description", desc);
  sandbox_store_set_str(doc, "customerId", cu->id);

  cJSON *origins = cJSON_GetObjectItemCaseSensitive(doc, "origins");
  cJSON *dests = cJSON_GetObjectItemCaseSensitive(doc, "destinations");
  const struct demo_cur *c = &currencies[cur];
  if (strcmp(type, "PURCHASE") == 0 || strcmp(type, "TOPUP_ACCOUNT") == 0) {
    cJSON_AddItemToArray(origins,
                         rail_node(d, cur, c->rails[rnd(d, (uint64_t)c->nrails)],
                                   cu, amount));
    cJSON_AddItemToArray(dests, account_node(unassigned ? NULL : acct, cur,
                                             amount));
  } else if (strcmp(type, "WITHDRAWAL_ACCOUNT") == 0 ||
             strcmp(type, "REMITTANCE") == 0) {
    cJSON_AddItemToArray(origins, account_node(acct, cur, amount));
    cJSON_AddItemToArray(dests, rail_node(d, cur,
                                          strcmp(type, "REMITTANCE") == 0
                                            ? "SWIFT" : c->payout,
                                          cu, amount));
  } else {
    const struct demo_account *other = account_for(d, cur);
    cJSON_AddItemToArray(origins, account_node(acct, cur, amount));
    cJSON_AddItemToArray(dests, account_node(other, cur, amount));
    if (strcmp(type, "FEE") == 0)
      sandbox_store_set_str(doc, "customerId", NULL);
  }

  /* Status timestamps along the path actually taken. */
  int64_t step = 5 * 60000LL + (int64_t)rnd(d, 20 * 60000);
  int64_t last = t;
  bool reached_capture = !strcmp(status, "CAPTURED") ||
                         !strcmp(status, "RECEIVED") ||
                         !strcmp(status, "SETTLED") ||
                         !strcmp(status, "UNSETTLED");
  if (strcmp(status, "AUTHORIZED") == 0 ||
      (reached_capture && strcmp(type, "PURCHASE") == 0)) {
    last = t + step / 3;
    set_time(doc, "authorizedAt", last);
  }
  if (review) {
    const char *ds = plan == PLAN_REVIEW_PENDING ? "PENDING_UPLOAD"
                     : plan == PLAN_REVIEW_UPLOADED ? "UPLOADED"
                     : plan == PLAN_REVIEW_APPROVED ? "APPROVED"
                                                    : "REJECTED";
    sandbox_store_set_str(doc, "documentationStatus", ds);
    sandbox_store_set_str(doc, "reviewReason", "SOURCE_OF_FUNDS_REQUIRED");
    if (plan != PLAN_REVIEW_PENDING)
      add_review_doc(doc, id, ds, t + step, d->sb->base_url);
    last = t + step;
  }
  if (reached_capture && !unassigned) {
    last = t + step;
    set_time(doc, "capturedAt", last);
  }
  if (!strcmp(status, "SETTLED") || !strcmp(status, "UNSETTLED")) {
    last = t + 2 * step;
    if (!strcmp(status, "SETTLED"))
      set_time(doc, "settledAt", last);
    else {
      set_time(doc, "unsettledAt", last);
      cJSON_AddStringToObject(doc, "unsettledReason",
                              "RECONCILIATION_MISMATCH");
    }
  }
  if (!strcmp(status, "FAILED"))
    last = t + step;
  if (unassigned) {
    set_time(doc, "expiresAt", t + 48 * HOUR_MS);
    if (plan == PLAN_EXPIRED) {
      last = t + 48 * HOUR_MS;
      set_time(doc, "expiredAt", last);
    }
  }
  if (last > d->now)
    last = d->now;
  set_time(doc, "updatedAt", last);

  int rc = 0;
  int64_t settled = last;
  if (plan == PLAN_SETTLED_FULL_REFUND) {
    set_time(doc, "refundedAt", settled + HOUR_MS < d->now ? settled + HOUR_MS
                                                          : d->now);
  }
  rc = write_payment(d, doc);
  if (rc == 0 && plan == PLAN_EXPIRED)
    rc = make_refund(d, doc, cur, minor, "SETTLED",
                     t + 48 * HOUR_MS < d->now ? t + 48 * HOUR_MS : d->now);
  int64_t rt = settled + HOUR_MS < d->now ? settled + HOUR_MS : d->now;
  if (rc == 0 && plan == PLAN_SETTLED_FULL_REFUND)
    rc = make_refund(d, doc, cur, minor, "SETTLED", rt);
  if (rc == 0 && plan == PLAN_SETTLED_PARTIAL_REFUNDS) {
    int64_t part = minor / 3 > 0 ? minor / 3 : 1;
    rc = make_refund(d, doc, cur, part, "SETTLED", rt);
    if (rc == 0 && d->made < d->target)
      rc = make_refund(d, doc, cur, part, "FAILED", rt);
  }
  if (rc == 0 && plan == PLAN_SETTLED_REFUND_RUNNING)
    rc = make_refund(d, doc, cur, minor / 2 > 0 ? minor / 2 : 1, "RECEIVED",
                     d->now);
  cJSON_Delete(doc);
  return rc;
}

static int
make_parties(struct demo *d, int ncust)
{
  static const char *const idn[4] = {"Andes Market SpA", "Pampa Pagos SRL",
                                     "Lucía Rodríguez", "Kenji Watanabe"};
  static const char *const idtype[4] = {"ORGANIZATION", "ORGANIZATION",
                                        "USER", "USER"};
  int64_t t0 = d->now - 200 * DAY_MS;
  for (int i = 0; i < 4; i++) {
    char ts[32];
    char doc_no[24];
    char email[64];
    new_id(d, t0 + i * HOUR_MS, d->identity[i]);
    d->identity_name[i] = idn[i];
    cJSON *o = cJSON_CreateObject();
    sandbox_store_iso(t0 + i * HOUR_MS, ts);
    cJSON_AddStringToObject(o, "id", d->identity[i]);
    cJSON_AddStringToObject(o, "type", idtype[i]);
    cJSON_AddStringToObject(o, "name", idn[i]);
    snprintf(email, sizeof(email), "ops%d.t%d@example.com", i, d->tenant);
    cJSON_AddStringToObject(o, "email", email);
    cJSON_AddStringToObject(o, "phone", "+56911112222");
    snprintf(doc_no, sizeof(doc_no), "7%07d-%d", (int)rnd(d, 9999999),
             (int)rnd(d, 10));
    cJSON_AddStringToObject(o, "documentNumber", doc_no);
    cJSON_AddStringToObject(o, "documentType", "RUT");
    cJSON_AddStringToObject(o, "idv", "VERIFIED");
    cJSON_AddStringToObject(o, "country", "CHL");
    cJSON_AddStringToObject(o, "status", "ACTIVE");
    cJSON_AddStringToObject(o, "createdAt", ts);
    cJSON_AddStringToObject(o, "updatedAt", ts);
    int rc = sandbox_store_put_identity(d->c, d->tenant, o);
    cJSON_Delete(o);
    if (rc)
      return rc;
  }
  /* One CHECKING account per currency, a second one for the main ones. */
  for (int i = 0; i < NCUR + 3; i++) {
    struct demo_account *a = &d->acct[d->nacct++];
    int cur = i % NCUR;
    int owner = i < NCUR ? i % 2 : 2 + i % 2;
    int64_t ms = t0 + (5 + i) * HOUR_MS;
    char ts[32];
    a->cur = cur;
    new_id(d, ms, a->id);
    memcpy(a->identity, d->identity[owner], sizeof(a->identity));
    char number[64];
    snprintf(number, sizeof(number), "%010lld%02d%s", (long long)(ms / 1000),
             (int)rnd(d, 100), d->identity[owner]);
    snprintf(a->number, sizeof(a->number), "%s", number);
    snprintf(a->holder, sizeof(a->holder), "%s", idn[owner]);
    cJSON *o = cJSON_CreateObject();
    sandbox_store_iso(ms, ts);
    char name[64];
    char bal[MONEY_FMT_MAX];
    snprintf(name, sizeof(name), "%s operations", currencies[cur].code);
    fmt_amount(cur, rand_amount(d, cur) * 40, bal, sizeof(bal));
    cJSON_AddStringToObject(o, "id", a->id);
    cJSON_AddStringToObject(o, "identityId", a->identity);
    cJSON_AddNullToObject(o, "externalId");
    cJSON_AddStringToObject(o, "type", "CHECKING");
    cJSON_AddStringToObject(o, "custody", "BANK_ACCOUNT");
    cJSON_AddStringToObject(o, "balance", bal);
    cJSON_AddStringToObject(o, "availableFunds", bal);
    cJSON_AddStringToObject(o, "currency", currencies[cur].code);
    cJSON_AddStringToObject(o, "name", name);
    cJSON_AddStringToObject(o, "accountNumber", a->number);
    cJSON_AddStringToObject(o, "accountHolder", a->holder);
    cJSON_AddStringToObject(o, "status", "ACTIVE");
    cJSON_AddNullToObject(o, "parentId");
    cJSON_AddStringToObject(o, "createdAt", ts);
    cJSON_AddStringToObject(o, "updatedAt", ts);
    int rc = sandbox_store_put_account(d->c, d->tenant, o);
    cJSON_Delete(o);
    if (rc)
      return rc;
  }
  /* Customers at every operation level. */
  static const char *const levels[] = {"BASIC", "STANDARD", "FULL",
                                       "INACTIVE"};
  d->cust = xcalloc((size_t)ncust, sizeof(*d->cust));
  d->ncust = ncust;
  for (int i = 0; i < ncust; i++) {
    struct demo_customer *cu = &d->cust[i];
    int64_t ms = t0 + DAY_MS + (int64_t)i * 60000;
    char ts[32];
    char phone[16];
    cu->name = i < NNAMES ? i : (int)rnd(d, NNAMES);
    cu->cur = (int)rnd(d, NCUR);
    new_id(d, ms, cu->id);
    digits(d, cu->doc_number, 9);
    snprintf(cu->email, sizeof(cu->email), "customer%d.t%d@example.com", i,
             d->tenant);
    /* Levels: the first few cover every level; then mostly BASIC. */
    const char *level = i < 8 ? levels[i % 4]
                        : levels[rnd(d, 10) < 5 ? 0 : rnd(d, 4)];
    /* Hostile-named customers stay BASIC and undocumented (reviewable). */
    if (i < 3)
      level = "BASIC";
    bool documented = strcmp(level, "STANDARD") == 0 ||
                      strcmp(level, "FULL") == 0;
    cu->documented = documented;
    cJSON *o = cJSON_CreateObject();
    sandbox_store_iso(ms, ts);
    cJSON_AddStringToObject(o, "id", cu->id);
    cJSON_AddStringToObject(o, "clientId",
                            d->sb->tenants[d->tenant].client_id);
    cJSON_AddStringToObject(o, "firstName", names[cu->name].first);
    cJSON_AddStringToObject(o, "lastName", names[cu->name].last);
    cJSON_AddStringToObject(o, "email", cu->email);
    digits(d, phone, 9);
    cJSON_AddStringToObject(o, "phoneNumber", phone);
    cJSON_AddStringToObject(o, "phoneNumberPrefix",
                            currencies[cu->cur].phone_prefix);
    cJSON_AddStringToObject(o, "documentNumber", cu->doc_number);
    cJSON_AddStringToObject(o, "documentType", currencies[cu->cur].doc_type);
    cJSON_AddStringToObject(o, "country", currencies[cu->cur].country2);
    cJSON_AddStringToObject(o, "operationLevel", level);
    cJSON_AddBoolToObject(o, "autoCreated", rnd(d, 2) == 0);
    cJSON_AddBoolToObject(o, "isDocumented", documented);
    cJSON *docs = cJSON_AddArrayToObject(o, "documents");
    if (documented || (i >= 3 && rnd(d, 4) == 0)) {
      cJSON *e = cJSON_CreateObject();
      char url[256];
      snprintf(url, sizeof(url), "%s/documents/customers/%s/kyc/%lld",
               d->sb->base_url, cu->id, (long long)ms);
      cJSON_AddStringToObject(e, "type", "kyc");
      cJSON_AddStringToObject(e, "url", url);
      cJSON_AddStringToObject(e, "contentType", "image/jpeg");
      cJSON_AddStringToObject(e, "status", documented ? "APPROVED" : "UPLOADED");
      cJSON_AddStringToObject(e, "uploadedAt", ts);
      cJSON_AddItemToArray(docs, e);
    }
    cJSON_AddStringToObject(o, "createdAt", ts);
    cJSON_AddStringToObject(o, "updatedAt", ts);
    int rc = sandbox_store_put_customer(d->c, d->tenant, o);
    cJSON_Delete(o);
    if (rc)
      return rc;
  }
  return 0;
}

/* The plans every demo starts with (newest payments), so that even a small
 * N shows every status. */
static const enum plan showcase[] = {
  PLAN_REVIEW_PENDING, PLAN_REVIEW_UPLOADED, PLAN_SETTLED,
  PLAN_UNASSIGNED_URGENT, PLAN_UNASSIGNED, PLAN_CREATED, PLAN_AUTHORIZED,
  PLAN_CAPTURED, PLAN_RECEIVED, PLAN_FAILED, PLAN_EXPIRED, PLAN_UNSETTLED,
  PLAN_SETTLED_PARTIAL_REFUNDS, PLAN_SETTLED_FULL_REFUND,
  PLAN_REVIEW_REJECTED, PLAN_REVIEW_APPROVED, PLAN_SETTLED_REFUND_RUNNING,
  PLAN_REVIEW_PENDING, PLAN_SETTLED, PLAN_SETTLED,
};
#define NSHOW ((int)(sizeof(showcase) / sizeof(showcase[0])))

static enum plan
random_plan(struct demo *d)
{
  uint64_t r = rnd(d, 1000);
  if (r < 470) return PLAN_SETTLED;
  if (r < 530) return PLAN_SETTLED_PARTIAL_REFUNDS;
  if (r < 570) return PLAN_SETTLED_FULL_REFUND;
  if (r < 630) return PLAN_CREATED;
  if (r < 670) return PLAN_AUTHORIZED;
  if (r < 720) return PLAN_CAPTURED;
  if (r < 800) return PLAN_FAILED;
  if (r < 840) return PLAN_EXPIRED;
  if (r < 860) return PLAN_UNSETTLED;
  if (r < 900) return PLAN_REVIEW_REJECTED;
  if (r < 940) return PLAN_REVIEW_APPROVED;
  return PLAN_SETTLED;
}

static int
generate_tenant(struct demo *d, long n, int ncust)
{
  int rc = make_parties(d, ncust);
  if (rc)
    return rc;
  d->target = n;
  /* Older history first, in time order; the showcase last (newest). */
  long nshow = n < NSHOW ? n : NSHOW;
  long hist = n - nshow - nshow / 2;  /* refunds add children */
  int64_t start = d->now - 180 * DAY_MS;
  int64_t span = 178 * DAY_MS;
  long i = 0;
  while (rc == 0 && d->made < n - nshow - 4 && hist > 0) {
    int64_t t = start + span * i / hist + (int64_t)rnd(d, 60000);
    rc = make_payment(d, random_plan(d), t, 3);
    i++;
  }
  int64_t recent = d->now - 40 * HOUR_MS;
  for (int k = 0; rc == 0 && d->made < n; k++) {
    enum plan p = k < NSHOW ? showcase[k] : random_plan(d);
    int64_t t = recent + (int64_t)k * 30 * 60000LL;
    if (p == PLAN_UNASSIGNED_URGENT)
      t = d->now - 45 * HOUR_MS;
    else if (p == PLAN_UNASSIGNED)
      t = d->now - 18 * HOUR_MS;
    else if (p == PLAN_EXPIRED)
      t = d->now - 60 * HOUR_MS;
    if (t > d->now)
      t = d->now;
    rc = make_payment(d, p, t, k);
  }
  free(d->cust);
  d->cust = NULL;
  return rc;
}

static const char count_sql[] = "SELECT count(*) FROM payments";

int
sandbox_demo_generate(struct sandbox *sb, long n, uint64_t seed, char **cause)
{
  struct demo d;
  int rc = 0;
  memset(&d, 0, sizeof(d));
  d.sb = sb;
  d.rng = seed ^ 0x5eed5eed5eedULL;
  d.now = sandbox_clock_now(&sb->clock);
  d.c = sandbox_db_write_begin(sb->db);
  if (d.c == NULL) {
    *cause = xstrdup("cannot write the database");
    return -1;
  }
  sqlite3_stmt *st = sandbox_db_stmt(d.c, count_sql);
  long existing = 0;
  if (st && sqlite3_step(st) == SQLITE_ROW)
    existing = (long)sqlite3_column_int64(st, 0);
  if (st)
    sqlite3_reset(st);
  if (existing > 0 || n <= 0) {
    sandbox_db_write_end(sb->db, d.c, false);
    return 0;
  }
  long ncust = n / 5;
  if (ncust < 40)
    ncust = 40;
  if (ncust > 5000)
    ncust = 5000;
  d.tenant = 0;
  rc = generate_tenant(&d, n, (int)ncust);
  if (rc == 0 && sb->ntenants > 1) {
    d.tenant = 1;
    d.made = 0;
    d.nacct = 0;
    rc = generate_tenant(&d, n < 6 ? n : 6, 6);
  }
  if (sandbox_db_write_end(sb->db, d.c, rc == 0) != 0 || rc != 0) {
    *cause = xasprintf("demo data generation failed: %s",
                       sqlite3_errmsg(d.c->db));
    return -1;
  }
  return 0;
}
