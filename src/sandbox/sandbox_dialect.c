/*
 * sandbox_dialect - the published dialect's variations; see
 * sandbox_dialect.h.
 */
#include "sandbox/sandbox_dialect.h"

#include <cjson/cJSON.h>
#include <stdio.h>
#include <string.h>

#include "core/currency.h"
#include "sandbox/sandbox.h"

#define PUBLISHED_MAX_LIMIT 100
/* Last hex digits of the ids whose amounts are padded / whose customerId
 * is left out. */
#define PAD_DIGITS "0123"
#define NO_CUSTOMER "89"

int sandbox_dialect_parse(const char *name, enum sandbox_dialect *out) {
  if (strcmp(name, "contract") == 0)
    *out = SANDBOX_DIALECT_CONTRACT;
  else if (strcmp(name, "published") == 0)
    *out = SANDBOX_DIALECT_PUBLISHED;
  else
    return -1;
  return 0;
}

const char *sandbox_dialect_name(enum sandbox_dialect d) {
  return d == SANDBOX_DIALECT_PUBLISHED ? "published" : "contract";
}

bool sandbox_dialect_published(const struct sandbox *sb) {
  return sb->opts.dialect == SANDBOX_DIALECT_PUBLISHED;
}

bool sandbox_dialect_limit(const struct sandbox *sb,
                           const struct sandbox_req *rq,
                           struct sandbox_resp *rs, const char *key,
                           long long *out) {
  if (!sandbox_dialect_published(sb))
    return sandbox_http_query_int(rq, rs, key, 50, 1, 500, out);
  if (!sandbox_http_query_int(rq, rs, key, 50, 1, 1LL << 40, out))
    return false;
  if (*out > PUBLISHED_MAX_LIMIT)
    *out = PUBLISHED_MAX_LIMIT;
  return true;
}

bool sandbox_dialect_offset(const struct sandbox *sb,
                            const struct sandbox_req *rq,
                            struct sandbox_resp *rs, long long *out) {
  const char *key = "offset";
  if (sandbox_dialect_published(sb) &&
      sandbox_http_query(rq, "offset") == NULL &&
      sandbox_http_query(rq, "next") != NULL)
    key = "next";
  return sandbox_http_query_int(rq, rs, key, 0, 0, 1LL << 40, out);
}

/* Records are picked by the last hex digit of their id (random tail). */
static bool picked(const char *id, const char *digits) {
  size_t n = id ? strlen(id) : 0;
  return n > 0 && strchr(digits, id[n - 1]) != NULL;
}

/* "700000" -> "700000.00", "12.50" -> "12.500": same value, more digits
 * than the currency's exponent. */
static void pad_amount(cJSON *obj, const char *key, const char *currency) {
  cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
  char buf[80];
  if (!cJSON_IsString(v) || currency_exponent(currency) < 0 ||
      strlen(v->valuestring) > 60)
    return;
  snprintf(buf, sizeof(buf), "%s%s", v->valuestring,
           strchr(v->valuestring, '.') ? "0" : ".00");
  cJSON_SetValuestring(v, buf);
}

static void pad_array(cJSON *doc, const char *key) {
  cJSON *arr = cJSON_GetObjectItemCaseSensitive(doc, key);
  cJSON *it;
  cJSON_ArrayForEach(it, arr) {
    const cJSON *cur = cJSON_GetObjectItemCaseSensitive(it, "currency");
    if (cJSON_IsString(cur))
      pad_amount(it, "amount", cur->valuestring);
  }
}

static void pad_payment(cJSON *doc) {
  const cJSON *cur = cJSON_GetObjectItemCaseSensitive(doc, "currency");
  const cJSON *pcur = cJSON_GetObjectItemCaseSensitive(doc, "purchaseCurrency");
  if (cJSON_IsString(cur))
    pad_amount(doc, "totalAmount", cur->valuestring);
  if (cJSON_IsString(pcur))
    pad_amount(doc, "purchaseAmount", pcur->valuestring);
  pad_array(doc, "origins");
  pad_array(doc, "destinations");
  pad_array(doc, "fees");
}

void sandbox_dialect_put_payment(const struct sandbox *sb, struct strbuf *out,
                                 const char *doc, size_t len) {
  cJSON *o = NULL;
  char *text = NULL;
  /* Stored payments start with their id: most are served as stored
   * without being parsed. */
  static const char head[] = "{\"id\":\"";
  char last[2] = {0, 0};
  if (len > sizeof(head) + 24 && memcmp(doc, head, sizeof(head) - 1) == 0)
    last[0] = doc[sizeof(head) - 1 + 23];
  if (!sandbox_dialect_published(sb) ||
      (last[0] && !picked(last, PAD_DIGITS) && !picked(last, NO_CUSTOMER)) ||
      (o = cJSON_ParseWithLength(doc, len)) == NULL) {
    strbuf_append(out, doc, len);
    return;
  }
  const cJSON *id = cJSON_GetObjectItemCaseSensitive(o, "id");
  const char *ids = cJSON_IsString(id) ? id->valuestring : NULL;
  bool changed = false;
  if (picked(ids, PAD_DIGITS)) {
    pad_payment(o);
    changed = true;
  }
  if (picked(ids, NO_CUSTOMER) &&
      cJSON_IsString(cJSON_GetObjectItemCaseSensitive(o, "customerId"))) {
    cJSON_DeleteItemFromObjectCaseSensitive(o, "customerId");
    changed = true;
  }
  if (changed && (text = cJSON_PrintUnformatted(o)) != NULL) {
    strbuf_puts(out, text);
    cJSON_free(text);
  } else {
    strbuf_append(out, doc, len);
  }
  cJSON_Delete(o);
}
