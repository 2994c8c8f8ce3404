/*
 * sandbox_demo - demo data generator; see sandbox_demo.h.
 */
#include "sandbox/sandbox_demo.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/currency.h"
#include "core/money.h"
#include "core/strbuf.h"
#include "core/xalloc.h"
#include "sandbox/sandbox.h"
#include "sandbox/sandbox_dialect.h"
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
  const char *payout; /* payout rail for withdrawals */
};

static const struct demo_cur currencies[] = {
    {"CLP",
     "CL",
     "CHL",
     {"ETPAY", "FINTOC", "WEBPAY"},
     3,
     1000,
     900000,
     "RUT",
     "+56",
     "BANK_ACCOUNT"},
    {"ARS",
     "AR",
     "ARG",
     {"CVU", "PCT"},
     2,
     500,
     800000,
     "CUIT",
     "+54",
     "BANK_ACCOUNT"},
    {"MXN", "MX", "MEX", {"SPEI"}, 1, 50, 18000, "RFC", "+52", "SPEI"},
    {"COP",
     "CO",
     "COL",
     {"PSE", "NEQUI", "BANCOLOMBIA"},
     3,
     10000,
     3500000,
     "CC",
     "+57",
     "BREB"},
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
    {"Trudy \xe2\x80\xae"
     "fdp.exe",
     "Override"},
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
    "Order #", "Wallet top-up ",    "Invoice ",  "Subscription ",
    "Payout ", "Marketplace sale ", "Transfer ", "Remittance ",
};

struct demo_customer {
  char id[25];
  int name;
  int cur; /* home currency */
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

struct demo_rows {
  struct sandbox_store_row *rows;
  int n;
  int cap;
};

struct demo {
  struct sandbox *sb;
  struct sandbox_conn *c;
  struct demo_rows *out; /* when set, rows are collected, not inserted */
  uint64_t rng;
  int64_t now;
  int tenant;
  long made;      /* payments written (this chunk when collecting) */
  long made_base; /* payments before this chunk */
  long target;
  struct demo_customer *cust;
  int ncust;
  struct demo_account acct[NCUR * 2];
  int nacct;
  char identity[4][25];
  const char *identity_name[4];
  uint64_t idseq;
};

static uint64_t rnd(struct demo *d, uint64_t n) {
  return n ? sandbox_rand_step(&d->rng) % n : 0;
}

static void new_id(struct demo *d, int64_t ms, char out[25]) {
  /* Time-ordered like an ObjectId: seconds, a counter, random tail. */
  d->idseq++;
  snprintf(out, 25, "%08x%06x%010llx", (unsigned)(ms / 1000) & 0xffffffffu,
           (unsigned)(d->idseq & 0xffffff),
           (unsigned long long)(sandbox_rand_step(&d->rng) & 0xffffffffffULL));
}

static void fmt_amount(int cur, int64_t minor, char *buf, size_t len) {
  struct money m;
  m.minor = minor;
  snprintf(m.currency, sizeof(m.currency), "%s", currencies[cur].code);
  if (money_format(&m, buf, len) < 0)
    snprintf(buf, len, "0");
}

static int64_t scale_of(int cur) {
  static const int64_t pow10[] = {1, 10, 100, 1000, 10000, 100000, 1000000};
  int e = currency_exponent(currencies[cur].code);
  return e >= 0 && e <= 6 ? pow10[e] : 100;
}

/* A believable amount in minor units. */
static int64_t rand_amount(struct demo *d, int cur) {
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
static int64_t review_amount(struct demo *d, int cur) {
  int64_t t = sandbox_threshold(d->sb, currencies[cur].code);
  if (t < 0)
    return rand_amount(d, cur);
  return t + (int64_t)rnd(d, (uint64_t)t * 2 + 1);
}

static const char *rail_key(const char *type) {
  static const struct {
    const char *type;
    const char *key;
  } keys[] = {
      {"ETPAY", "etpay"},
      {"FINTOC", "fintoc"},
      {"WEBPAY", "webpay"},
      {"CVU", "cvu"},
      {"PCT", "pct"},
      {"SPEI", "spei"},
      {"PSE", "pse"},
      {"NEQUI", "nequi"},
      {"BANCOLOMBIA", "bancolombia"},
      {"PIX", "pix"},
      {"ACH", "ach"},
      {"WIRE", "wire"},
      {"LIGO", "ligo"},
      {"SEPA", "sepa"},
      {"CRYPTO", "wallet"},
      {"BANK_ACCOUNT", "bank"},
      {"BREB", "breb"},
      {"SWIFT", "swift"},
  };
  for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
    if (strcmp(keys[i].type, type) == 0)
      return keys[i].key;
  return "rail";
}

/* ---- direct JSON writing ---------------------------------------------
 * Demo payments are written as JSON text directly (not through cJSON
 * trees): a million of them must be generated in well under a minute.
 * The output has the same shape as sandbox_store_new_payment() plus the
 * fields the lifecycle adds. */

static void jstr(struct strbuf *o, const char *s) {
  static const char hex[] = "0123456789abcdef";
  if (s == NULL) {
    strbuf_append(o, "null", 4);
    return;
  }
  strbuf_append(o, "\"", 1);
  const char *run = s;
  for (const char *p = s; *p; p++) {
    unsigned char ch = (unsigned char)*p;
    if (ch >= 0x20 && ch != '"' && ch != '\\')
      continue;
    strbuf_append(o, run, (size_t)(p - run));
    char esc[7] = {'\\', 'u', '0', '0', hex[ch >> 4], hex[ch & 15], 0};
    switch (ch) {
    case '"':
      strbuf_append(o, "\\\"", 2);
      break;
    case '\\':
      strbuf_append(o, "\\\\", 2);
      break;
    case '\n':
      strbuf_append(o, "\\n", 2);
      break;
    case '\r':
      strbuf_append(o, "\\r", 2);
      break;
    case '\t':
      strbuf_append(o, "\\t", 2);
      break;
    default:
      strbuf_append(o, esc, 6);
      break;
    }
    run = p + 1;
  }
  strbuf_puts(o, run);
  strbuf_append(o, "\"", 1);
}

/* ,"key": */
static void jkey(struct strbuf *o, const char *key) {
  if (o->len && o->buf[o->len - 1] != '{' && o->buf[o->len - 1] != '[')
    strbuf_append(o, ",", 1);
  strbuf_append(o, "\"", 1);
  strbuf_puts(o, key);
  strbuf_append(o, "\":", 2);
}

static void jkv(struct strbuf *o, const char *key, const char *v) {
  jkey(o, key);
  jstr(o, v);
}

/* "YYYY-MM-DDTHH:MM:SS.mmmZ" for ms >= 0 (days-to-civil, H. Hinnant);
 * the same text as time_format_iso8601, without printf. */
static void iso_fast(int64_t ms, char out[25]) {
  int64_t days = ms / 86400000;
  int64_t rem = ms % 86400000;
  int64_t z = days + 719468;
  int64_t era = z / 146097;
  int64_t doe = z - era * 146097;
  int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  int64_t y = yoe + era * 400;
  int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  int64_t mp = (5 * doy + 2) / 153;
  int64_t dd = doy - (153 * mp + 2) / 5 + 1;
  int64_t mm = mp < 10 ? mp + 3 : mp - 9;
  if (mm <= 2)
    y++;
  int64_t v[7] = {
      y, mm, dd, rem / 3600000, rem / 60000 % 60, rem / 1000 % 60, rem % 1000};
  static const int width[7] = {4, 2, 2, 2, 2, 2, 3};
  static const char sep[7] = {'-', '-', 'T', ':', ':', '.', 'Z'};
  int pos = 0;
  for (int i = 0; i < 7; i++) {
    int64_t x = v[i];
    for (int k = width[i] - 1; k >= 0; k--) {
      out[pos + k] = (char)('0' + x % 10);
      x /= 10;
    }
    pos += width[i];
    out[pos++] = sep[i];
  }
  out[pos] = '\0';
}

static void jtime(struct strbuf *o, const char *key, int64_t ms) {
  char ts[32];
  jkey(o, key);
  if (ms < 0) {
    strbuf_append(o, "null", 4);
    return;
  }
  iso_fast(ms, ts);
  strbuf_append(o, "\"", 1);
  strbuf_append(o, ts, 24);
  strbuf_append(o, "\"", 1);
}

static void customer_snapshot(struct strbuf *o,
                              const struct demo_customer *cu) {
  jkey(o, "customer");
  strbuf_append(o, "{", 1);
  jkv(o, "firstName", names[cu->name].first);
  jkv(o, "lastName", names[cu->name].last);
  jkv(o, "email", cu->email);
  jkv(o, "documentType", currencies[cu->cur].doc_type);
  jkv(o, "documentNumber", cu->doc_number);
  strbuf_append(o, "}", 1);
}

static void digits(struct demo *d, char *buf, int n) {
  for (int i = 0; i < n; i++)
    buf[i] = (char)('0' + rnd(d, 10));
  buf[n] = '\0';
}

/* An external rail node (pay-in origin or payout destination). */
static void rail_node(struct strbuf *o, struct demo *d, int cur,
                      const char *type, const struct demo_customer *cu,
                      const char *amount) {
  char num[32];
  strbuf_append(o, "{", 1);
  jkv(o, "type", type);
  jkv(o, "currency", currencies[cur].code);
  jkv(o, "amount", amount);
  jkey(o, rail_key(type));
  strbuf_append(o, "{", 1);
  if (strcmp(type, "BANK_ACCOUNT") == 0) {
    char holder[128];
    digits(d, num, 12);
    jkv(o, "accountNumber", num);
    jkv(o, "bank", "001");
    jkv(o, "currency", currencies[cur].code);
    jkv(o, "typeAccount", "CHECKING");
    snprintf(holder, sizeof(holder), "%s %s", names[cu->name].first,
             names[cu->name].last);
    jkv(o, "accountHolder", holder);
    jkv(o, "accountHolderDni", cu->doc_number);
    jkv(o, "country", currencies[cur].country2);
    strbuf_append(o, "}", 1);
    customer_snapshot(o, cu);
    strbuf_append(o, "}", 1);
    return;
  }
  if (strcmp(type, "CRYPTO") == 0) {
    char addr[48];
    addr[0] = '0';
    addr[1] = 'x';
    for (int i = 0; i < 40; i++)
      addr[2 + i] = "0123456789abcdef"[rnd(d, 16)];
    addr[42] = '\0';
    jkv(o, "address", addr);
    jkv(o, "network", "SOLANA");
    jkv(o, "provider", "CIRCLE");
  } else if (strcmp(type, "SPEI") == 0) {
    digits(d, num, 18);
    jkv(o, "clabe", num);
  } else if (strcmp(type, "ACH") == 0 || strcmp(type, "WIRE") == 0) {
    if (strcmp(type, "WIRE") == 0) {
      jkv(o, "swiftCode", "CHASUS33");
      jkv(o, "bankName", "JPMorgan Chase Bank");
    }
    digits(d, num, 9);
    jkv(o, "routingNumber", num);
    digits(d, num, 10);
    jkv(o, "accountNumber", num);
  } else if (strcmp(type, "SWIFT") == 0) {
    jkv(o, "swiftCode", "DEUTDEFF");
    digits(d, num, 12);
    jkey(o, "bank");
    strbuf_append(o, "{", 1);
    jkv(o, "accountNumber", num);
    jkv(o, "name", "Deutsche Bank");
    strbuf_append(o, "}", 1);
  } else if (strcmp(type, "PIX") == 0) {
    /* The EMV copy-and-paste code the OpenAPI requires. */
    char emv[96];
    digits(d, num, 20);
    snprintf(emv, sizeof(emv),
             "00020126580014br.gov.bcb.pix0136%s5204000053039865802BR", num);
    jkv(o, "data", emv);
  } else if (strcmp(type, "PSE") == 0) {
    jkv(o, "bankId", "1007");
  } else if (strcmp(type, "SEPA") == 0) {
    char iban[40];
    digits(d, num, 20);
    snprintf(iban, sizeof(iban), "ES%.2s%s", num, num + 2);
    jkv(o, "iban", iban);
  } else if (strcmp(type, "BREB") == 0) {
    jkv(o, "bankId", "1007");
    digits(d, num, 11);
    jkv(o, "accountNumber", num);
  }
  customer_snapshot(o, cu);
  strbuf_append(o, "}}", 2);
}

/* An ACCOUNT node; `a` NULL is the not yet assigned account of a parked
 * deposit: no accountNumber, held by the client (`holder`) until then. */
static void account_node(struct strbuf *o, const struct demo_account *a,
                         const char *holder, int cur, const char *amount) {
  strbuf_append(o, "{", 1);
  jkv(o, "type", "ACCOUNT");
  jkv(o, "currency", currencies[cur].code);
  jkv(o, "amount", amount);
  jkey(o, "identity");
  strbuf_append(o, "{", 1);
  jkv(o, "identityId", a ? a->identity : NULL);
  strbuf_append(o, "}", 1);
  jkey(o, "account");
  strbuf_append(o, "{", 1);
  jkv(o, "type", "CHECKING");
  jkv(o, "currency", currencies[cur].code);
  jkv(o, "accountNumber", a ? a->number : NULL);
  jkv(o, "accountHolder", a ? a->holder : holder);
  strbuf_append(o, "}}", 2);
}

static const struct demo_account *account_for(struct demo *d, int cur) {
  for (int i = 0; i < d->nacct; i++)
    if (d->acct[i].cur == cur && (rnd(d, 3) != 0 || i + NCUR >= d->nacct))
      return &d->acct[i];
  return &d->acct[0];
}

/* One demo payment, as plain values plus its node arrays as JSON text. */
struct dpay {
  char id[25];
  const char *type;
  const char *status;
  char amount[MONEY_FMT_MAX];
  int cur;
  int64_t minor;
  const char *external;
  const char *identity;
  const char *account;
  const char *customer;
  const char *parent;
  const char *description;
  const char *doc_status;
  const char *review_reason;
  int64_t created, updated, authorized, captured, settled, refunded;
  int64_t expires, expired, unsettled, received;
  struct strbuf origins; /* "[...]" */
  struct strbuf dests;
  struct strbuf documents; /* "[...]" or empty */
};

static void dpay_init(struct dpay *p) {
  memset(p, 0, sizeof(*p));
  p->authorized = p->captured = p->settled = p->refunded = -1;
  p->expires = p->expired = p->unsettled = p->received = -1;
  strbuf_init(&p->origins, 0);
  strbuf_init(&p->dests, 0);
  strbuf_init(&p->documents, 0);
}

static void dpay_cleanup(struct dpay *p) {
  strbuf_cleanup(&p->origins);
  strbuf_cleanup(&p->dests);
  strbuf_cleanup(&p->documents);
}

/* Copy a column value (NULL -> ""), truncating to the field. */
static void col(char *dst, size_t len, const char *src) {
  size_t n = src ? strlen(src) : 0;
  if (n >= len)
    n = len - 1;
  if (n)
    memcpy(dst, src, n);
  dst[n] = '\0';
}

/* Render and store (or collect) one payment. */
static int write_payment(struct demo *d, const struct dpay *p) {
  struct strbuf o;
  struct sandbox_store_row row;
  const struct demo_cur *c = &currencies[p->cur];
  char product[24];
  int rc = 0;
  strbuf_init(&o, 0);
  snprintf(product, sizeof(product), "%s:%s", c->code, c->code);
  strbuf_append(&o, "{", 1);
  jkv(&o, "id", p->id);
  jkv(&o, "externalId", p->external);
  jkv(&o, "identityId", p->identity);
  jkv(&o, "accountNumber", p->account);
  jkv(&o, "totalAmount", p->amount);
  jkv(&o, "currency", c->code);
  jkv(&o, "purchaseAmount", p->amount);
  jkv(&o, "purchaseCurrency", c->code);
  jkv(&o, "product", product);
  jkv(&o, "status", p->status);
  jkv(&o, "type", p->type);
  jkey(&o, "fees");
  strbuf_append(&o, "[]", 2);
  jkey(&o, "origins");
  strbuf_append(&o, strbuf_str(&p->origins), p->origins.len);
  jkey(&o, "destinations");
  strbuf_append(&o, strbuf_str(&p->dests), p->dests.len);
  jtime(&o, "createdAt", p->created);
  jtime(&o, "updatedAt", p->updated);
  jtime(&o, "authorizedAt", p->authorized);
  jtime(&o, "capturedAt", p->captured);
  jtime(&o, "settledAt", p->settled);
  jtime(&o, "refundedAt", p->refunded);
  jtime(&o, "expiresAt", p->expires);
  jkv(&o, "documentationStatus", p->doc_status);
  jkv(&o, "reviewReason", p->review_reason);
  jkv(&o, "parentPaymentId", p->parent);
  jkv(&o, "relatedPaymentId", NULL);
  jkv(&o, "customerId", p->customer);
  if (p->description)
    jkv(&o, "description", p->description);
  if (p->received >= 0)
    jtime(&o, "receivedAt", p->received);
  if (p->settled >= 0) {
    char batch[48];
    snprintf(batch, sizeof(batch), "settlement-%s-%lld", c->code,
             (long long)(p->settled / 1000 / 600 * 600));
    jkv(&o, "settlementBatchId", batch);
  }
  if (p->unsettled >= 0) {
    jtime(&o, "unsettledAt", p->unsettled);
    jkv(&o, "unsettledReason", "RECONCILIATION_MISMATCH");
  }
  if (p->expired >= 0)
    jtime(&o, "expiredAt", p->expired);
  if (strcmp(p->status, "FAILED") == 0)
    jkv(&o, "failureReason",
        p->doc_status ? "REVIEW_REJECTED" : "PROVIDER_REJECTED");
  if (p->documents.len) {
    jkey(&o, "documents");
    strbuf_append(&o, strbuf_str(&p->documents), p->documents.len);
  }
  strbuf_append(&o, "}", 1);

  memset(&row, 0, sizeof(row));
  struct money m;
  m.minor = p->minor;
  snprintf(m.currency, sizeof(m.currency), "%s", c->code);
  if (money_to_micro(&m, &row.micro) != CORE_OK)
    row.micro = 0;
  col(row.id, sizeof(row.id), p->id);
  col(row.status, sizeof(row.status), p->status);
  col(row.type, sizeof(row.type), p->type);
  col(row.currency, sizeof(row.currency), c->code);
  col(row.account, sizeof(row.account), p->account);
  col(row.identity, sizeof(row.identity), p->identity);
  col(row.parent, sizeof(row.parent), p->parent);
  col(row.customer, sizeof(row.customer), p->customer);
  row.created = p->created;
  row.updated = p->updated;
  row.minor = p->minor;
  row.unassigned = sandbox_store_parks_deposit(p->type) &&
                   strcmp(p->status, "CREATED") == 0 && p->account == NULL;
  row.due = row.unassigned ? p->expires
            : strcmp(p->status, "RECEIVED") == 0
                ? p->updated + d->sb->opts.settle_delay_ms
                : -1;
  row.text = strbuf_detach(&o);
  row.plain = true;
  d->made++;
  if (d->out == NULL) {
    rc = sandbox_store_put_row(d->c, d->tenant, &row);
    sandbox_store_row_cleanup(&row);
    return rc;
  }
  struct demo_rows *out = d->out;
  if (out->n == out->cap) {
    out->cap = out->cap ? out->cap * 2 : 1024;
    out->rows = xreallocarray(out->rows, (size_t)out->cap, sizeof(*out->rows));
  }
  out->rows[out->n++] = row;
  return 0;
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
    "PURCHASE",   "TOPUP_ACCOUNT", "WITHDRAWAL_ACCOUNT", "P2P", "COLLECT",
    "REMITTANCE", "FEE",
};

/* Append a review document to p->documents. */
static void add_review_doc(struct dpay *p, const char *status, int64_t ms,
                           const char *base_url) {
  char url[256];
  struct strbuf *o = &p->documents;
  snprintf(url, sizeof(url), "%s/documents/payments/%s/source_of_funds/%lld",
           base_url, p->id, (long long)ms);
  strbuf_append(o, "[{", 2);
  jkv(o, "type", "source_of_funds");
  jkv(o, "url", url);
  jkv(o, "contentType", "application/pdf");
  jtime(o, "uploadedAt", ms);
  jkv(o, "status", status);
  strbuf_append(o, "}]", 2);
}

/* A refund child of `parent`, money flowing back (nodes swapped). */
static int make_refund(struct demo *d, const struct dpay *parent, int64_t minor,
                       const char *status, int64_t ms,
                       const char *description) {
  struct dpay r;
  dpay_init(&r);
  new_id(d, ms, r.id);
  r.type = "REFUND";
  r.status = status;
  r.cur = parent->cur;
  r.minor = minor;
  fmt_amount(parent->cur, minor, r.amount, sizeof(r.amount));
  r.parent = parent->id;
  r.identity = parent->identity;
  r.account = parent->account;
  r.customer = parent->customer;
  r.description = description;
  r.created = ms;
  r.received = ms;
  strbuf_append(&r.origins, strbuf_str(&parent->dests), parent->dests.len);
  strbuf_append(&r.dests, strbuf_str(&parent->origins), parent->origins.len);
  int64_t done = ms + 2 * HOUR_MS;
  if (done > d->now)
    done = d->now;
  r.updated = ms;
  if (strcmp(status, "SETTLED") == 0) {
    r.settled = done;
    r.updated = done;
  } else if (strcmp(status, "FAILED") == 0) {
    r.updated = done;
  }
  int rc = write_payment(d, &r);
  dpay_cleanup(&r);
  return rc;
}

/* Write one payment following `plan` at time `t`. */
static int make_payment(struct demo *d, enum plan plan, int64_t t, int hint,
                        const char *force_type) {
  int cur = (int)rnd(d, NCUR);
  bool unassigned = plan == PLAN_UNASSIGNED_URGENT || plan == PLAN_UNASSIGNED ||
                    plan == PLAN_EXPIRED;
  if (unassigned)
    cur = rnd(d, 2) ? 1 : 4; /* push-deposit rails: ARS CVU, BRL PIX */
  const char *type = payment_types[rnd(d, 3) == 0 ? rnd(d, 7) : rnd(d, 2)];
  if (unassigned || plan == PLAN_RECEIVED || plan == PLAN_UNSETTLED)
    type = "TOPUP_ACCOUNT";
  if (plan >= PLAN_REVIEW_PENDING && plan <= PLAN_REVIEW_UPLOADED)
    type = hint % 2 ? "TOPUP_ACCOUNT" : "PURCHASE";
  if (plan == PLAN_REVIEW_REJECTED || plan == PLAN_REVIEW_APPROVED)
    type = "PURCHASE";
  if (plan == PLAN_SETTLED_FULL_REFUND ||
      plan == PLAN_SETTLED_PARTIAL_REFUNDS ||
      plan == PLAN_SETTLED_REFUND_RUNNING)
    type = rnd(d, 2) ? "PURCHASE" : "TOPUP_ACCOUNT";
  if (force_type)
    type = force_type;
  /* The published dialect parks some push deposits as LOCAL_DEPOSIT, the
   * internal type its glossary names, beside the unassigned topups. */
  if (plan == PLAN_UNASSIGNED && sandbox_dialect_published(d->sb))
    type = "LOCAL_DEPOSIT";
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

  struct dpay p;
  dpay_init(&p);
  p.cur = cur;
  p.minor = review ? review_amount(d, cur) : rand_amount(d, cur);
  if (!review) {
    int64_t thr = sandbox_threshold(d->sb, currencies[cur].code);
    if (thr > 0 && p.minor >= thr && !cu->documented)
      p.minor = thr - 1 - (int64_t)rnd(d, (uint64_t)thr / 2);
  }
  fmt_amount(cur, p.minor, p.amount, sizeof(p.amount));
  switch (plan) {
  case PLAN_CREATED:
    p.status = "CREATED";
    break;
  case PLAN_AUTHORIZED:
    p.status = "AUTHORIZED";
    break;
  case PLAN_REVIEW_PENDING:
  case PLAN_REVIEW_UPLOADED:
    p.status = review ? "REQUIRES_REVIEW" : "CAPTURED";
    break;
  case PLAN_CAPTURED:
    p.status = "CAPTURED";
    break;
  case PLAN_RECEIVED:
    p.status = "RECEIVED";
    break;
  case PLAN_FAILED:
    p.status = "FAILED";
    break;
  case PLAN_UNASSIGNED_URGENT:
  case PLAN_UNASSIGNED:
    p.status = "CREATED";
    break;
  case PLAN_EXPIRED:
    p.status = "EXPIRED";
    break;
  case PLAN_UNSETTLED:
    p.status = "UNSETTLED";
    break;
  case PLAN_REVIEW_REJECTED:
    p.status = review ? "FAILED" : "SETTLED";
    break;
  case PLAN_REVIEW_APPROVED:
    p.status = "CAPTURED";
    break;
  default:
    p.status = "SETTLED";
    break;
  }
  p.type = type;
  new_id(d, t, p.id);
  p.created = t;
  const struct demo_account *acct = account_for(d, cur);
  char ext[32];
  char desc[96];
  snprintf(ext, sizeof(ext), "ord-%06ld", d->made_base + d->made + 1);
  /* A parked deposit's externalId is the rail's reference for it. */
  if (unassigned)
    snprintf(ext, sizeof(ext), "dep-%06ld", d->made_base + d->made + 1);
  p.external = ext;
  if (!unassigned)
    p.account = acct->number;
  p.identity = acct->identity;
  snprintf(desc, sizeof(desc), "%s%ld",
           descriptions[rnd(d, sizeof(descriptions) / sizeof(descriptions[0]))],
           10000 + d->made_base + d->made);
  p.description = desc;
  p.customer = cu->id;

  const struct demo_cur *c = &currencies[cur];
  strbuf_append(&p.origins, "[", 1);
  strbuf_append(&p.dests, "[", 1);
  if (strcmp(type, "PURCHASE") == 0 || strcmp(type, "TOPUP_ACCOUNT") == 0 ||
      strcmp(type, "LOCAL_DEPOSIT") == 0) {
    rail_node(&p.origins, d, cur, c->rails[rnd(d, (uint64_t)c->nrails)], cu,
              p.amount);
    account_node(&p.dests, unassigned ? NULL : acct,
                 d->sb->tenants[d->tenant].client_id, cur, p.amount);
  } else if (strcmp(type, "WITHDRAWAL_ACCOUNT") == 0 ||
             strcmp(type, "REMITTANCE") == 0) {
    account_node(&p.origins, acct, NULL, cur, p.amount);
    rail_node(&p.dests, d, cur,
              strcmp(type, "REMITTANCE") == 0 ? "SWIFT" : c->payout, cu,
              p.amount);
  } else {
    const struct demo_account *other = account_for(d, cur);
    account_node(&p.origins, acct, NULL, cur, p.amount);
    account_node(&p.dests, other, NULL, cur, p.amount);
    if (strcmp(type, "FEE") == 0)
      p.customer = NULL;
  }
  strbuf_append(&p.origins, "]", 1);
  strbuf_append(&p.dests, "]", 1);

  /* Status timestamps along the path actually taken. */
  const char *status = p.status;
  int64_t step = 5 * 60000LL + (int64_t)rnd(d, 20 * 60000);
  int64_t last = t;
  bool reached_capture =
      !strcmp(status, "CAPTURED") || !strcmp(status, "RECEIVED") ||
      !strcmp(status, "SETTLED") || !strcmp(status, "UNSETTLED");
  if (strcmp(status, "AUTHORIZED") == 0 ||
      (reached_capture && strcmp(type, "PURCHASE") == 0)) {
    last = t + step / 3;
    p.authorized = last;
  }
  if (review) {
    p.doc_status = plan == PLAN_REVIEW_PENDING    ? "PENDING_UPLOAD"
                   : plan == PLAN_REVIEW_UPLOADED ? "UPLOADED"
                   : plan == PLAN_REVIEW_APPROVED ? "APPROVED"
                                                  : "REJECTED";
    p.review_reason = "SOURCE_OF_FUNDS_REQUIRED";
    if (plan != PLAN_REVIEW_PENDING)
      add_review_doc(&p, p.doc_status, t + step, d->sb->base_url);
    last = t + step;
  }
  if (reached_capture && !unassigned) {
    last = t + step;
    p.captured = last;
  }
  if (!strcmp(status, "RECEIVED") || !strcmp(status, "SETTLED") ||
      !strcmp(status, "UNSETTLED")) {
    p.received = t + step + step / 2;
  }
  if (!strcmp(status, "SETTLED") || !strcmp(status, "UNSETTLED")) {
    last = t + 2 * step;
    if (!strcmp(status, "SETTLED"))
      p.settled = last < d->now ? last : d->now;
    else
      p.unsettled = last < d->now ? last : d->now;
  }
  if (!strcmp(status, "FAILED"))
    last = t + step;
  if (unassigned) {
    p.expires = t + 48 * HOUR_MS;
    if (plan == PLAN_EXPIRED) {
      last = t + 48 * HOUR_MS;
      p.expired = last < d->now ? last : d->now;
    }
  }
  if (last > d->now)
    last = d->now;
  if (p.received > d->now)
    p.received = d->now;
  p.updated = last;
  int64_t rt = last + HOUR_MS < d->now ? last + HOUR_MS : d->now;
  if (plan == PLAN_SETTLED_FULL_REFUND)
    p.refunded = rt + 2 * HOUR_MS < d->now ? rt + 2 * HOUR_MS : d->now;

  int rc = write_payment(d, &p);
  if (rc == 0 && plan == PLAN_EXPIRED)
    rc = make_refund(d, &p, p.minor, "SETTLED", p.expired,
                     "Automatic refund: unassigned deposit "
                     "expired");
  if (rc == 0 && plan == PLAN_SETTLED_FULL_REFUND)
    rc = make_refund(d, &p, p.minor, "SETTLED", rt,
                     "Customer requested a refund");
  if (rc == 0 && plan == PLAN_SETTLED_PARTIAL_REFUNDS) {
    int64_t part = p.minor / 3 > 0 ? p.minor / 3 : 1;
    rc = make_refund(d, &p, part, "SETTLED", rt, "Partial refund");
    if (rc == 0)
      rc = make_refund(d, &p, part, "FAILED", rt, "Partial refund");
  }
  if (rc == 0 && plan == PLAN_SETTLED_REFUND_RUNNING)
    rc = make_refund(d, &p, p.minor / 2 > 0 ? p.minor / 2 : 1, "RECEIVED",
                     d->now, "Refund in progress");
  dpay_cleanup(&p);
  return rc;
}

static int make_parties(struct demo *d, int ncust) {
  static const char *const idn[4] = {"Andes Market SpA", "Pampa Pagos SRL",
                                     "Lucía Rodríguez", "Kenji Watanabe"};
  static const char *const idtype[4] = {"ORGANIZATION", "ORGANIZATION", "USER",
                                        "USER"};
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
    char ext[48];
    snprintf(ext, sizeof(ext), "ops-%s-%d", currencies[cur].code, d->nacct);
    cJSON_AddStringToObject(o, "externalId", ext);
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
  static const char *const levels[] = {"BASIC", "STANDARD", "FULL", "INACTIVE"};
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
    const char *level =
        i < 8 ? levels[i % 4] : levels[rnd(d, 10) < 5 ? 0 : rnd(d, 4)];
    /* Hostile-named customers stay BASIC and undocumented (reviewable). */
    if (i < 3)
      level = "BASIC";
    bool documented =
        strcmp(level, "STANDARD") == 0 || strcmp(level, "FULL") == 0;
    cu->documented = documented;
    cJSON *o = cJSON_CreateObject();
    sandbox_store_iso(ms, ts);
    cJSON_AddStringToObject(o, "id", cu->id);
    cJSON_AddStringToObject(o, "clientId", d->sb->tenants[d->tenant].client_id);
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
      cJSON_AddStringToObject(e, "status",
                              documented ? "APPROVED" : "UPLOADED");
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
    PLAN_REVIEW_PENDING,
    PLAN_REVIEW_UPLOADED,
    PLAN_SETTLED,
    PLAN_UNASSIGNED_URGENT,
    PLAN_UNASSIGNED,
    PLAN_CREATED,
    PLAN_AUTHORIZED,
    PLAN_CAPTURED,
    PLAN_RECEIVED,
    PLAN_FAILED,
    PLAN_EXPIRED,
    PLAN_UNSETTLED,
    PLAN_SETTLED_PARTIAL_REFUNDS,
    PLAN_SETTLED_FULL_REFUND,
    PLAN_REVIEW_REJECTED,
    PLAN_REVIEW_APPROVED,
    PLAN_SETTLED_REFUND_RUNNING,
    PLAN_REVIEW_PENDING,
    PLAN_SETTLED,
    PLAN_SETTLED,
    PLAN_SETTLED,
    PLAN_SETTLED,
};
/* Types forced on some showcase items so that every type appears. */
static const char *const showcase_types[] = {
    [2] = "WITHDRAWAL_ACCOUNT", [18] = "REMITTANCE", [19] = "P2P",
    [20] = "COLLECT",           [21] = "FEE",
};
#define NSHOW ((int)(sizeof(showcase) / sizeof(showcase[0])))

static enum plan random_plan(struct demo *d) {
  uint64_t r = rnd(d, 1000);
  if (r < 470)
    return PLAN_SETTLED;
  if (r < 530)
    return PLAN_SETTLED_PARTIAL_REFUNDS;
  if (r < 570)
    return PLAN_SETTLED_FULL_REFUND;
  if (r < 630)
    return PLAN_CREATED;
  if (r < 670)
    return PLAN_AUTHORIZED;
  if (r < 720)
    return PLAN_CAPTURED;
  if (r < 800)
    return PLAN_FAILED;
  if (r < 840)
    return PLAN_EXPIRED;
  if (r < 860)
    return PLAN_UNSETTLED;
  if (r < 900)
    return PLAN_REVIEW_REJECTED;
  if (r < 940)
    return PLAN_REVIEW_APPROVED;
  return PLAN_SETTLED;
}

/* Children a plan adds besides the payment itself. */
static int plan_children(enum plan p) {
  switch (p) {
  case PLAN_SETTLED_PARTIAL_REFUNDS:
    return 2;
  case PLAN_SETTLED_FULL_REFUND:
  case PLAN_EXPIRED:
  case PLAN_SETTLED_REFUND_RUNNING:
    return 1;
  default:
    return 0;
  }
}

#define CHUNK 8192
#define LOOKAHEAD 6

/* History is generated in chunks by worker threads (each chunk with its own
 * seeded random stream, so the data does not depend on scheduling) and
 * inserted in order by the thread that holds the write transaction. */
struct demo_pool {
  pthread_mutex_t mu;
  pthread_cond_t cond;
  const struct demo *tpl;
  uint64_t seed;
  long hist; /* history payments in total */
  int64_t start, span;
  long nchunks;
  long next_claim;
  long consumed;
  bool failed;
  struct demo_rows *chunks;
  bool *ready;
};

static int gen_chunk(struct demo_pool *pool, long k, struct demo_rows *out) {
  struct demo d = *pool->tpl;
  long base = k * CHUNK;
  long len = pool->hist - base < CHUNK ? pool->hist - base : CHUNK;
  int rc = 0;
  d.out = out;
  d.c = NULL;
  d.rng = pool->seed ^ (0x9e3779b97f4a7c15ULL * (uint64_t)(k + 1));
  d.idseq = (uint64_t)base;
  d.made = 0;
  d.made_base = base;
  d.target = len;
  while (rc == 0 && d.made < len) {
    enum plan p = random_plan(&d);
    if (d.made + 1 + plan_children(p) > len)
      p = PLAN_SETTLED;
    int64_t t = pool->start + pool->span * (base + d.made) / pool->hist +
                (int64_t)rnd(&d, 60000);
    rc = make_payment(&d, p, t, 3, NULL);
  }
  return rc;
}

static void *demo_worker(void *arg) {
  struct demo_pool *pool = arg;
  pthread_mutex_lock(&pool->mu);
  for (;;) {
    while (!pool->failed && pool->next_claim < pool->nchunks &&
           pool->next_claim >= pool->consumed + LOOKAHEAD)
      pthread_cond_wait(&pool->cond, &pool->mu);
    if (pool->failed || pool->next_claim >= pool->nchunks)
      break;
    long k = pool->next_claim++;
    pthread_mutex_unlock(&pool->mu);
    struct demo_rows rows = {NULL, 0, 0};
    int rc = gen_chunk(pool, k, &rows);
    pthread_mutex_lock(&pool->mu);
    pool->chunks[k] = rows;
    pool->ready[k] = true;
    if (rc != 0)
      pool->failed = true;
    pthread_cond_broadcast(&pool->cond);
  }
  pthread_mutex_unlock(&pool->mu);
  return NULL;
}

static void free_rows(struct demo_rows *r) {
  for (int i = 0; i < r->n; i++)
    sandbox_store_row_cleanup(&r->rows[i]);
  free(r->rows);
  r->rows = NULL;
  r->n = r->cap = 0;
}

static int generate_history(struct demo *d, long hist) {
  struct demo_pool pool;
  pthread_t th[4];
  int nth = 0;
  int rc = 0;
  long ncpu = sysconf(_SC_NPROCESSORS_ONLN);
  int want = ncpu > 4 ? 4 : ncpu < 1 ? 1 : (int)ncpu;
  memset(&pool, 0, sizeof(pool));
  pthread_mutex_init(&pool.mu, NULL);
  pthread_cond_init(&pool.cond, NULL);
  pool.tpl = d;
  pool.seed = d->rng;
  pool.hist = hist;
  pool.start = d->now - 180 * DAY_MS;
  pool.span = 178 * DAY_MS;
  pool.nchunks = (hist + CHUNK - 1) / CHUNK;
  pool.chunks = xcalloc((size_t)pool.nchunks + 1, sizeof(*pool.chunks));
  pool.ready = xcalloc((size_t)pool.nchunks + 1, sizeof(*pool.ready));
  for (int i = 0; i < want && i < pool.nchunks; i++)
    if (pthread_create(&th[nth], NULL, demo_worker, &pool) == 0)
      nth++;
  if (nth == 0 && pool.nchunks > 0)
    rc = -1;
  for (long k = 0; rc == 0 && k < pool.nchunks; k++) {
    pthread_mutex_lock(&pool.mu);
    while (!pool.ready[k] && !pool.failed)
      pthread_cond_wait(&pool.cond, &pool.mu);
    bool failed = pool.failed;
    struct demo_rows rows = pool.chunks[k];
    memset(&pool.chunks[k], 0, sizeof(pool.chunks[k]));
    pthread_mutex_unlock(&pool.mu);
    if (failed) {
      rc = -1;
    } else {
      for (int i = 0; rc == 0 && i < rows.n; i++)
        rc = sandbox_store_put_row(d->c, d->tenant, &rows.rows[i]);
    }
    free_rows(&rows);
    pthread_mutex_lock(&pool.mu);
    pool.consumed = k + 1;
    if (rc != 0)
      pool.failed = true;
    pthread_cond_broadcast(&pool.cond);
    pthread_mutex_unlock(&pool.mu);
  }
  pthread_mutex_lock(&pool.mu);
  if (rc != 0)
    pool.failed = true;
  pthread_cond_broadcast(&pool.cond);
  pthread_mutex_unlock(&pool.mu);
  for (int i = 0; i < nth; i++)
    pthread_join(th[i], NULL);
  for (long k = 0; k < pool.nchunks; k++)
    free_rows(&pool.chunks[k]);
  free(pool.chunks);
  free(pool.ready);
  pthread_mutex_destroy(&pool.mu);
  pthread_cond_destroy(&pool.cond);
  return rc;
}

static int generate_tenant(struct demo *d, long n, int ncust) {
  int rc = make_parties(d, ncust);
  if (rc)
    return rc;
  d->target = n;
  d->made = 0;
  d->made_base = 0;
  /* Older history first, in time order; the showcase last (newest). */
  long nshow = n < NSHOW ? n : NSHOW;
  long hist = n - 2 * nshow; /* the showcase's refunds need room */
  if (hist > 0) {
    rc = generate_history(d, hist);
    d->made = hist;
    d->idseq = (uint64_t)hist + 1;
  }
  int64_t recent = d->now - 40 * HOUR_MS;
  for (int k = 0; rc == 0 && d->made < n; k++) {
    enum plan p = k < NSHOW ? showcase[k] : random_plan(d);
    if (d->made + 1 + plan_children(p) > n)
      p = PLAN_SETTLED;
    int64_t t = recent + (int64_t)k * 30 * 60000LL;
    if (p == PLAN_UNASSIGNED_URGENT)
      t = d->now - 45 * HOUR_MS;
    else if (p == PLAN_UNASSIGNED)
      t = d->now - 18 * HOUR_MS;
    else if (p == PLAN_EXPIRED)
      t = d->now - 60 * HOUR_MS;
    if (t > d->now)
      t = d->now;
    rc = make_payment(d, p, t, k,
                      k < NSHOW && p == showcase[k] ? showcase_types[k] : NULL);
  }
  free(d->cust);
  d->cust = NULL;
  return rc;
}

static const char count_sql[] = "SELECT count(*) FROM payments";

int sandbox_demo_generate(struct sandbox *sb, long n, uint64_t seed,
                          char **cause) {
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
  rc = sandbox_db_bulk_begin(d.c) == SQLITE_OK ? 0 : -1;
  if (rc == 0)
    rc = generate_tenant(&d, n, (int)ncust);
  if (rc == 0 && sb->ntenants > 1) {
    d.tenant = 1;
    d.made = 0;
    d.nacct = 0;
    rc = generate_tenant(&d, n < 6 ? n : 6, 6);
  }
  if (rc == 0 && sandbox_db_bulk_end(d.c) != SQLITE_OK)
    rc = -1;
  if (sandbox_db_write_end(sb->db, d.c, rc == 0) != 0 || rc != 0) {
    *cause =
        xasprintf("demo data generation failed: %s", sqlite3_errmsg(d.c->db));
    sandbox_db_bulk_done(sb->db);
    return -1;
  }
  sandbox_db_bulk_done(sb->db);
  sb->checkpoint_pending = true;
  return 0;
}
