/*
 * webhook - HMAC verification (OpenSSL, CRYPTO_memcmp) and event parsing.
 * See webhook.h.
 */
#include "api/webhook.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <cjson/cJSON.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include "api/json_customer.h"
#include "api/json_payment.h"
#include "api/json_util.h"
#include "core/xalloc.h"

static bool hmac_sha256(const char *secret, const void *body, size_t len,
                        unsigned char mac[32]) {
  unsigned int maclen = 0;
  size_t klen = strlen(secret);
  if (klen > 0x7fffffff)
    return false;
  if (HMAC(EVP_sha256(), secret, (int)klen, body, len, mac, &maclen) == NULL ||
      maclen != 32)
    return false;
  return true;
}

static int hexval(char ch) {
  if (ch >= '0' && ch <= '9')
    return ch - '0';
  if (ch >= 'a' && ch <= 'f')
    return ch - 'a' + 10;
  if (ch >= 'A' && ch <= 'F')
    return ch - 'A' + 10;
  return -1;
}

bool webhook_verify(const char *secret, const void *body, size_t len,
                    const char *hex_signature) {
  unsigned char want[32], got[32];
  int bad = 0;

  if (secret == NULL || secret[0] == '\0' || hex_signature == NULL ||
      (body == NULL && len > 0))
    return false;
  if (strncasecmp(hex_signature, "sha256=", 7) == 0)
    hex_signature += 7;
  if (strlen(hex_signature) != 64)
    return false;
  for (size_t i = 0; i < 32; i++) {
    int hi = hexval(hex_signature[2 * i]);
    int lo = hexval(hex_signature[2 * i + 1]);
    bad |= (hi < 0) | (lo < 0);
    got[i] = (unsigned char)(((hi & 15) << 4) | (lo & 15));
  }
  if (!hmac_sha256(secret, body ? body : "", len, want))
    return false;
  /* compare even when the hex was bad, so timing says nothing */
  return (CRYPTO_memcmp(want, got, sizeof(want)) == 0) & !bad;
}

/* Model A: the signature member is the body's last, as the sender writes
 * it: signed = body[0..cut) + "}" where body[cut..] is
 * ,"signature":"<64 hex>"} (whitespace allowed before the final brace). */
static bool model_a_raw(const char *secret, const char *body, size_t len) {
  static const char tag[] = ",\"signature\":\"";
  size_t end = len;
  while (end > 0 && (body[end - 1] == ' ' || body[end - 1] == '\n' ||
                     body[end - 1] == '\r' || body[end - 1] == '\t'))
    end--;
  size_t taglen = sizeof tag - 1, need = taglen + 64 + 2; /* "} */
  if (end < need + 1 || body[end - 1] != '}' || body[end - 2] != '"')
    return false;
  size_t cut = end - need;
  if (memcmp(body + cut, tag, taglen) != 0)
    return false;
  char sig[65], *signed_text = xmalloc(cut + 2);
  memcpy(sig, body + cut + taglen, 64);
  sig[64] = '\0';
  memcpy(signed_text, body, cut);
  signed_text[cut] = '}';
  signed_text[cut + 1] = '\0';
  bool ok = webhook_verify(secret, signed_text, cut + 1, sig);
  free(signed_text);
  return ok;
}

/* Model A, any layout: {event, data} re-serialised compactly in that
 * order (JSON.stringify({event, data})). */
static bool model_a_json(const char *secret, const char *body, size_t len) {
  cJSON *root = cJSON_ParseWithLength(body, len);
  const cJSON *sig = cJSON_GetObjectItemCaseSensitive(root, "signature");
  cJSON *ev = cJSON_GetObjectItemCaseSensitive(root, "event");
  cJSON *data = cJSON_GetObjectItemCaseSensitive(root, "data");
  bool ok = false;
  if (cJSON_IsString(sig) && cJSON_IsString(ev) && cJSON_IsObject(data)) {
    cJSON *o = cJSON_CreateObject();
    if (o == NULL)
      fatal("out of memory");
    cJSON_AddItemReferenceToObject(o, "event", ev);
    cJSON_AddItemReferenceToObject(o, "data", data);
    char *text = cJSON_PrintUnformatted(o);
    if (text == NULL)
      fatal("out of memory");
    ok = webhook_verify(secret, text, strlen(text), sig->valuestring);
    cJSON_free(text);
    cJSON_Delete(o);
  }
  cJSON_Delete(root);
  return ok;
}

bool webhook_verify_delivery(const char *secret, const void *body, size_t len,
                             const char *header_signature) {
  if (header_signature && header_signature[0])
    return webhook_verify(secret, body, len, header_signature);
  if (secret == NULL || secret[0] == '\0' || body == NULL)
    return false;
  if (model_a_raw(secret, body, len))
    return true;
  return model_a_json(secret, body, len);
}

void webhook_sign(const char *secret, const void *body, size_t len,
                  char out[65]) {
  static const char hex[] = "0123456789abcdef";
  unsigned char mac[32];
  out[0] = '\0';
  if (secret == NULL || !hmac_sha256(secret, body ? body : "", len, mac))
    return;
  for (size_t i = 0; i < 32; i++) {
    out[2 * i] = hex[mac[i] >> 4];
    out[2 * i + 1] = hex[mac[i] & 15];
  }
  out[64] = '\0';
}

void webhook_event_cleanup(struct webhook_event *e) {
  if (e == NULL)
    return;
  free(e->event_type);
  payment_cleanup(&e->payment);
  customer_cleanup(&e->customer);
  free(e->dedup_key);
  free(e->raw_json);
  memset(e, 0, sizeof(*e));
}

enum api_err webhook_event_parse(const char *body, size_t len,
                                 struct webhook_event *out,
                                 struct api_error *err) {
  cJSON *root = NULL;
  const cJSON *tx, *cust, *data;
  const char *id = "", *status = "";
  enum api_err rc = API_OK;

  memset(out, 0, sizeof(*out));
  if (err)
    api_error_clear(err);
  if (body)
    root = cJSON_ParseWithLength(body, len);
  if (!cJSON_IsObject(root)) {
    rc = API_ERR_PARSE;
    api_error_set(err, rc, "webhook body is not a JSON object");
    goto out;
  }
  out->event_type = json_util_strdup(root, "eventType");
  if (out->event_type == NULL)
    out->event_type = json_util_strdup(root, "event");
  if (out->event_type == NULL || out->event_type[0] == '\0') {
    rc = API_ERR_PARSE;
    api_error_set(err, rc, "webhook without an eventType");
    goto out;
  }
  out->timestamp = json_util_time(root, "timestamp");
  tx = cJSON_GetObjectItemCaseSensitive(root, "transaction");
  cust = cJSON_GetObjectItemCaseSensitive(root, "customer");
  data = cJSON_GetObjectItemCaseSensitive(root, "data");
  if (!cJSON_IsObject(tx) && cJSON_IsObject(data))
    tx = cJSON_GetObjectItemCaseSensitive(data, "transaction");
  if (cJSON_IsObject(tx)) {
    rc = json_payment_from_object(tx, &out->payment, err);
    if (rc != API_OK)
      goto out;
    out->subject = WEBHOOK_SUBJECT_PAYMENT;
    id = out->payment.id;
    status = out->payment.status_raw ? out->payment.status_raw : "";
  } else if (cJSON_IsObject(cust)) {
    rc = json_customer_from_object(cust, &out->customer, err);
    if (rc != API_OK)
      goto out;
    out->subject = WEBHOOK_SUBJECT_CUSTOMER;
    id = out->customer.id;
    status = out->customer.operation_level ? out->customer.operation_level : "";
  }
  out->dedup_key = xasprintf("%s|%s|%s", out->event_type, id, status);
  out->raw_json = json_util_print(root);
out:
  if (rc != API_OK) {
    webhook_event_cleanup(out);
    if (err)
      err->code = rc;
  }
  cJSON_Delete(root);
  return rc;
}
