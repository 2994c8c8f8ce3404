/*
 * fuzz_rawpack - libFuzzer harness for the cache's packed raw JSON.
 *
 * The input is split at NUL bytes: the first part is the raw text, the
 * following parts are the row's column values (id, externalId, ...), and
 * the last eight bytes, when present, seed the times. Invariants: packing
 * then unpacking against the same row gives the raw text back byte for
 * byte; unpacking any stored text (the input itself) never crashes.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cache/cache_rawpack.h"
#include "core/xalloc.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define NPARTS 15

static void fill_times(struct payment *p, const uint8_t *data, size_t size) {
  int64_t *t[] = {&p->created_at,  &p->updated_at, &p->authorized_at,
                  &p->captured_at, &p->settled_at, &p->refunded_at,
                  &p->expires_at};
  uint64_t seed = 0;
  if (size >= 8)
    memcpy(&seed, data + size - 8, 8);
  for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
    /* Mostly plausible epoch milliseconds, sometimes 0 or extreme. */
    uint64_t v = seed >> (i * 3);
    *t[i] = (i % 3 == 0) ? (int64_t)(v % UINT64_C(4102444800000)) : (int64_t)v;
  }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  char *text = xmalloc(size + 1);
  char *parts[NPARTS] = {0};
  struct payment p;
  size_t n = 0;
  memcpy(text, data, size);
  text[size] = '\0';
  for (char *s = text; n < NPARTS && s <= text + size; n++) {
    parts[n] = s;
    s += strlen(s) + 1;
  }
  memset(&p, 0, sizeof p);
  p.raw_json = parts[0];
  p.id = parts[1];
  p.external_id = parts[2];
  p.identity_id = parts[3];
  p.account_number = parts[4];
  p.product = parts[5];
  p.description = parts[6];
  p.status_raw = parts[7];
  p.type_raw = parts[8];
  p.parent_payment_id = parts[9];
  p.related_payment_id = parts[10];
  p.documentation_status = parts[11];
  p.review_reason = parts[12];
  if (parts[13] != NULL) {
    strncpy(p.total.currency, parts[13], sizeof p.total.currency - 1);
    p.total.currency[sizeof p.total.currency - 1] = '\0';
  }
  if (parts[14] != NULL) {
    strncpy(p.purchase.currency, parts[14], sizeof p.purchase.currency - 1);
    p.purchase.currency[sizeof p.purchase.currency - 1] = '\0';
  }
  fill_times(&p, data, size);

  char *packed = cache_rawpack_pack(&p);
  if (packed == NULL)
    abort();
  char *back = cache_rawpack_unpack(packed, &p);
  if (back == NULL || strcmp(back, p.raw_json) != 0)
    abort();
  free(back);
  free(packed);

  /* Any stored text, packed or not, unpacks without harm. */
  free(cache_rawpack_unpack(text, &p));
  free(text);
  return 0;
}
