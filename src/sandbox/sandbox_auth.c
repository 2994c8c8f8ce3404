/*
 * sandbox_auth - stateless HS256 tokens and header checks; see
 * sandbox_auth.h.
 */
#include "sandbox/sandbox_auth.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/xalloc.h"
#include "sandbox/sandbox.h"

/* base64url('{"alg":"HS256","typ":"JWT"}') */
static const char jwt_header[] = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9";

void sandbox_auth_b64url(const unsigned char *in, size_t n, char *out) {
  static const char tbl[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  size_t o = 0;
  for (size_t i = 0; i < n; i += 3) {
    unsigned v = (unsigned)in[i] << 16;
    if (i + 1 < n)
      v |= (unsigned)in[i + 1] << 8;
    if (i + 2 < n)
      v |= in[i + 2];
    out[o++] = tbl[(v >> 18) & 63];
    out[o++] = tbl[(v >> 12) & 63];
    if (i + 1 < n)
      out[o++] = tbl[(v >> 6) & 63];
    if (i + 2 < n)
      out[o++] = tbl[v & 63];
  }
  out[o] = '\0';
}

static int b64url_val(char c) {
  if (c >= 'A' && c <= 'Z')
    return c - 'A';
  if (c >= 'a' && c <= 'z')
    return c - 'a' + 26;
  if (c >= '0' && c <= '9')
    return c - '0' + 52;
  if (c == '-')
    return 62;
  if (c == '_')
    return 63;
  return -1;
}

/* Decode base64url (no padding) into out (cap bytes). Returns length or
 * -1. */
static int b64url_decode(const char *in, size_t n, unsigned char *out,
                         size_t cap) {
  size_t o = 0;
  unsigned acc = 0;
  int bits = 0;
  for (size_t i = 0; i < n; i++) {
    int v = b64url_val(in[i]);
    if (v < 0)
      return -1;
    acc = (acc << 6) | (unsigned)v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      if (o >= cap)
        return -1;
      out[o++] = (unsigned char)((acc >> bits) & 0xff);
    }
  }
  return (int)o;
}

static void sign(const struct sandbox *sb, const char *msg, size_t len,
                 char *out) {
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int maclen = 0;
  HMAC(EVP_sha256(), sb->token_key, (int)strlen(sb->token_key),
       (const unsigned char *)msg, len, mac, &maclen);
  sandbox_auth_b64url(mac, maclen, out);
}

static char *make_token(const struct sandbox *sb,
                        const struct sandbox_tenant *t, int64_t now_s) {
  char payload[256];
  char p64[400];
  char sig[64];
  int n = snprintf(payload, sizeof(payload),
                   "{\"sub\":\"%s\",\"tid\":%d,\"iat\":%lld,\"exp\":%lld}",
                   t->client_id, t->idx, (long long)now_s,
                   (long long)(now_s + sb->opts.token_ttl_s));
  sandbox_auth_b64url((const unsigned char *)payload, (size_t)n, p64);
  char *hp = xasprintf("%s.%s", jwt_header, p64);
  sign(sb, hp, strlen(hp), sig);
  char *tok = xasprintf("%s.%s", hp, sig);
  free(hp);
  return tok;
}

void sandbox_auth_post(struct sandbox *sb, struct sandbox_req *rq,
                       struct sandbox_resp *rs) {
  const struct sandbox_tenant *t =
      sandbox_tenant_by_key(sb, sandbox_http_header(rq, "x-api-key"));
  cJSON *body = NULL;
  const char *cid = NULL;
  const char *secret = NULL;
  if (t == NULL) {
    sandbox_http_error(rs, rq, SANDBOX_HTTP_UNAUTHORIZED,
                       "missing or unknown x-api-key");
    return;
  }
  body = sandbox_http_body_object(rq, rs, false);
  if (body == NULL)
    return;
  static const char *const allowed[] = {"clientId", "clientSecret", NULL};
  if (!sandbox_http_known_fields(body, allowed, rq, rs) ||
      !sandbox_http_req_string(body, "clientId", &cid, rq, rs) ||
      !sandbox_http_req_string(body, "clientSecret", &secret, rq, rs))
    goto out;
  if (strcmp(cid, t->client_id) != 0 ||
      strlen(secret) != strlen(t->client_secret) ||
      CRYPTO_memcmp(secret, t->client_secret, strlen(secret)) != 0) {
    sandbox_http_error(rs, rq, SANDBOX_HTTP_UNAUTHORIZED,
                       "clientId and clientSecret do not match this API key");
    goto out;
  }
  char *tok = make_token(sb, t, (int64_t)time(NULL));
  cJSON *o = cJSON_CreateObject();
  cJSON_AddStringToObject(o, "accessToken", tok);
  cJSON_AddStringToObject(o, "tokenType", "Bearer");
  cJSON_AddNumberToObject(o, "expiresIn", (double)sb->opts.token_ttl_s);
  sandbox_http_json(rs, 200, o);
  cJSON_Delete(o);
  free(tok);
out:
  cJSON_Delete(body);
}

/* Verify a token; returns the tenant index or -1. */
static int verify_token(const struct sandbox *sb, const char *tok,
                        int64_t now_s) {
  const char *dot1 = strchr(tok, '.');
  const char *dot2 = dot1 ? strchr(dot1 + 1, '.') : NULL;
  char sig[64];
  unsigned char payload[300];
  if (dot2 == NULL || (size_t)(dot1 - tok) != strlen(jwt_header) ||
      strncmp(tok, jwt_header, strlen(jwt_header)) != 0)
    return -1;
  sign(sb, tok, (size_t)(dot2 - tok), sig);
  if (strlen(dot2 + 1) != strlen(sig) ||
      CRYPTO_memcmp(dot2 + 1, sig, strlen(sig)) != 0)
    return -1;
  int n = b64url_decode(dot1 + 1, (size_t)(dot2 - dot1 - 1), payload,
                        sizeof(payload) - 1);
  if (n <= 0)
    return -1;
  payload[n] = '\0';
  cJSON *o = cJSON_Parse((const char *)payload);
  const cJSON *tid = cJSON_GetObjectItemCaseSensitive(o, "tid");
  const cJSON *exp = cJSON_GetObjectItemCaseSensitive(o, "exp");
  int ret = -1;
  if (cJSON_IsNumber(tid) && cJSON_IsNumber(exp) &&
      (int64_t)exp->valuedouble > now_s)
    ret = tid->valueint;
  cJSON_Delete(o);
  return ret;
}

bool sandbox_auth_check(struct sandbox *sb, struct sandbox_req *rq,
                        struct sandbox_resp *rs) {
  const struct sandbox_tenant *t =
      sandbox_tenant_by_key(sb, sandbox_http_header(rq, "x-api-key"));
  const char *auth = sandbox_http_header(rq, "Authorization");
  const char *ua = sandbox_http_header(rq, "User-Agent");
  if (t == NULL) {
    sandbox_http_error(rs, rq, SANDBOX_HTTP_UNAUTHORIZED,
                       "missing or unknown x-api-key");
    return false;
  }
  if (auth == NULL || strncmp(auth, "Bearer ", 7) != 0) {
    sandbox_http_error(rs, rq, SANDBOX_HTTP_UNAUTHORIZED,
                       "missing bearer token (Authorization: Bearer ...)");
    return false;
  }
  int tid = verify_token(sb, auth + 7, (int64_t)time(NULL));
  if (tid < 0) {
    sandbox_http_error(rs, rq, SANDBOX_HTTP_UNAUTHORIZED,
                       "invalid or expired access token");
    return false;
  }
  if (tid != t->idx) {
    sandbox_http_error(rs, rq, SANDBOX_HTTP_UNAUTHORIZED,
                       "access token does not belong to this API key");
    return false;
  }
  if (ua == NULL || ua[0] == '\0') {
    sandbox_http_error(rs, rq, SANDBOX_HTTP_UNAUTHORIZED,
                       "User-Agent header is required");
    return false;
  }
  rq->tenant = t->idx;
  rq->client_id = t->client_id;
  return true;
}
