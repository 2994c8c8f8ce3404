/*
 * cache_rawpack - see cache_rawpack.h.
 */
#include "cache/cache_rawpack.h"

#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/strbuf.h"
#include "core/xalloc.h"

#define ESC 0x01
#define MARK 0x02
/* Every code is ASCII, so a packed text stays valid UTF-8 (the column is
 * TEXT and other tools read the file). */
#define KEY0 0x02 /* codes 0x02..0x6a: keys[code - KEY0] */
#define VAL0 0x6b /* codes 0x6b..0x7f: the row's values */

/* The key table: the keys of the payments the API sends, most frequent
 * first (file format: append only, at most 105). */
static const char *const keys[] = {
    "type", "currency", "accountNumber", "identityId", "amount",
    "accountHolder", "identity", "account", "status", "updatedAt",
    "totalAmount", "settledAt", "reviewReason", "relatedPaymentId",
    "refundedAt", "purchaseCurrency", "purchaseAmount", "product",
    "parentPaymentId", "origins", "id", "fees", "externalId", "expiresAt",
    "documentationStatus", "destinations", "description", "customerId",
    "createdAt", "capturedAt", "authorizedAt", "lastName", "firstName",
    "email", "documentType", "documentNumber", "customer", "receivedAt",
    "settlementBatchId", "failureReason", "pix", "data", "wallet", "provider",
    "network", "address", "routingNumber", "spei", "clabe", "swiftCode",
    "ligo", "sepa", "iban", "pct", "cvu", "url", "uploadedAt", "documents",
    "contentType", "bank", "wire", "bankName", "ach", "expiredAt", "swift",
    "name", "fintoc", "nequi", "bancolombia", "bankId", "pse", "webpay",
    "etpay", "unsettledReason", "unsettledAt", "typeAccount", "country",
    "accountHolderDni", "breb", "value", "preTaxAmount", "successUrl",
    "failedUrl", "phoneNumber", "phoneNumberPrefix", "token", "nickname",
    "paymentMethodsAllowed", "owner", "tax", "identityExternalId",
    "checkoutToken", "items", "redirectUrl", "children", "settlement",
    "reference", "paymentLinkId", "metadata", "feeRule", "accountType",
    "category", "fee", "feeType", "referenceId",
};
#define NKEYS (sizeof keys / sizeof keys[0])
_Static_assert(NKEYS <= VAL0 - KEY0, "the key table holds 105 keys");

/* Open addressing over the keys, built once. */
#define SLOTS 512
static int16_t slots[SLOTS];
static pthread_once_t slots_once = PTHREAD_ONCE_INIT;

static uint32_t hash(const char *s, size_t n) {
  uint32_t h = 2166136261u;
  for (size_t i = 0; i < n; i++)
    h = (h ^ (unsigned char)s[i]) * 16777619u;
  return h;
}

static void slots_build(void) {
  for (size_t i = 0; i < SLOTS; i++)
    slots[i] = -1;
  for (size_t k = 0; k < NKEYS; k++) {
    uint32_t i = hash(keys[k], strlen(keys[k])) & (SLOTS - 1);
    while (slots[i] >= 0)
      i = (i + 1) & (SLOTS - 1);
    slots[i] = (int16_t)k;
  }
}

static int key_code(const char *s, size_t n) {
  uint32_t i = hash(s, n) & (SLOTS - 1);
  for (; slots[i] >= 0; i = (i + 1) & (SLOTS - 1)) {
    const char *k = keys[slots[i]];
    if (strncmp(k, s, n) == 0 && k[n] == '\0')
      return slots[i];
  }
  return -1;
}

/* The row's values a packed text may refer to, in code order (file
 * format: append only). Times are printed as the API prints them. */
#define NVALS 21
struct vals {
  const char *s[NVALS];
  size_t len[NVALS];
  char times[7][25];
};

/* ms since the epoch as the API prints it, 2026-06-18T02:16:30.855Z
 * (days to civil date: H. Hinnant's algorithm; no libc, no locale). */
static void put_time(struct vals *v, int i, int t, int64_t ms) {
  if (ms <= 0 || ms >= 253402300800000) /* year 10000 */
    return;
  int64_t days = ms / 86400000, rem = ms % 86400000;
  int64_t z = days + 719468, era = z / 146097, doe = z - era * 146097;
  int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100), mp = (5 * doy + 2) / 153;
  int64_t d = doy - (153 * mp + 2) / 5 + 1, m = mp < 10 ? mp + 3 : mp - 9;
  int64_t y = yoe + era * 400 + (m <= 2);
  int64_t f[7] = {y, m, d, rem / 3600000, rem / 60000 % 60, rem / 1000 % 60,
                  rem % 1000};
  static const int width[7] = {4, 2, 2, 2, 2, 2, 3};
  static const char sep[7] = {'-', '-', 'T', ':', ':', '.', 'Z'};
  char *o = v->times[t];
  for (int k = 0; k < 7; k++) {
    for (int w = width[k] - 1; w >= 0; w--, f[k] /= 10)
      o[w] = (char)('0' + f[k] % 10);
    o += width[k];
    *o++ = sep[k];
  }
  *o = '\0';
  v->s[i] = v->times[t];
}

static void vals_of(const struct payment *p, struct vals *v) {
  memset(v, 0, sizeof *v);
  const char *t[] = {p->id, p->external_id, p->identity_id,
                     p->account_number, p->total.currency,
                     p->purchase.currency, p->product, p->description,
                     p->status_raw, p->type_raw, p->parent_payment_id,
                     p->related_payment_id, p->documentation_status,
                     p->review_reason};
  _Static_assert(sizeof t / sizeof t[0] == NVALS - 7, "value codes");
  _Static_assert(VAL0 + NVALS <= 0x80, "value codes are ASCII");
  for (size_t i = 0; i < sizeof t / sizeof t[0]; i++)
    v->s[i] = t[i];
  const int64_t ms[] = {p->created_at, p->updated_at, p->authorized_at,
                        p->captured_at, p->settled_at, p->refunded_at,
                        p->expires_at};
  for (int i = 0; i < 7; i++)
    put_time(v, NVALS - 7 + i, i, ms[i]);
  for (int i = 0; i < NVALS; i++) {
    v->len[i] = v->s[i] ? strlen(v->s[i]) : 0;
    if (v->len[i] < 2) /* "" or one character: nothing to win */
      v->s[i] = NULL;
  }
}

static int val_code(const struct vals *v, const char *s, size_t n) {
  for (int i = 0; i < NVALS; i++)
    if (v->s[i] && v->len[i] == n && memcmp(v->s[i], s, n) == 0)
      return i;
  return -1;
}

/* Appends text verbatim, a 0x01 byte as 0x01 0x01; returns the end. */
static char *put_verbatim(char *o, const char *s, size_t n) {
  for (size_t i = 0; i < n; i++) {
    *o++ = s[i];
    if ((unsigned char)s[i] == ESC)
      *o++ = ESC;
  }
  return o;
}

/* Where the string literal opening at s[0] ends (its closing quote), or
 * NULL when it is not closed. */
static const char *literal_end(const char *s) {
  for (const char *q = s + 1; *q; q++) {
    if (*q == '\\' && q[1])
      q++;
    else if (*q == '"')
      return q;
  }
  return NULL;
}

char *cache_rawpack_pack(const struct payment *p) {
  if (p->raw_json == NULL)
    return NULL;
  pthread_once(&slots_once, slots_build);
  struct vals v;
  vals_of(p, &v);
  const char *s = p->raw_json;
  size_t len = strlen(s);
  /* worst case: every byte a 0x01, doubled */
  char *out = xmalloc(2 * len + 3), *o = out;
  *o++ = ESC;
  *o++ = MARK;
  while (*s) {
    const char *q = strchr(s, '"');
    const char *end = q ? literal_end(q) : NULL;
    if (end == NULL) {
      o = put_verbatim(o, s, strlen(s));
      break;
    }
    o = put_verbatim(o, s, (size_t)(q - s));
    size_t n = (size_t)(end - q - 1);
    int code = val_code(&v, q + 1, n);
    if (code >= 0)
      code += VAL0;
    else if ((code = key_code(q + 1, n)) >= 0)
      code += KEY0;
    if (code >= 0) {
      *o++ = ESC;
      *o++ = (char)code;
    } else {
      o = put_verbatim(o, q, n + 2);
    }
    s = end + 1;
  }
  *o = '\0';
  return out;
}

char *cache_rawpack_unpack(const char *stored, const struct payment *p) {
  if (stored == NULL)
    return NULL;
  if ((unsigned char)stored[0] != ESC || (unsigned char)stored[1] != MARK)
    return xstrdup(stored);
  struct vals v;
  vals_of(p, &v);
  struct strbuf sb;
  strbuf_init(&sb, 0);
  for (const unsigned char *s = (const unsigned char *)stored + 2; *s; s++) {
    const unsigned char *e = (const unsigned char *)strchr((const char *)s, ESC);
    if (e == NULL) {
      strbuf_puts(&sb, (const char *)s);
      break;
    }
    strbuf_append(&sb, s, (size_t)(e - s));
    s = e + 1;
    if (*s == '\0')
      break;
    const char *word = NULL;
    if (*s == ESC) {
      strbuf_append(&sb, "\x01", 1);
      continue;
    }
    if (*s >= VAL0)
      word = *s - VAL0 < NVALS ? v.s[*s - VAL0] : NULL;
    else if ((size_t)(*s - KEY0) < NKEYS)
      word = keys[*s - KEY0];
    strbuf_puts(&sb, "\"");
    strbuf_puts(&sb, word ? word : "");
    strbuf_puts(&sb, "\"");
  }
  return strbuf_detach(&sb);
}
