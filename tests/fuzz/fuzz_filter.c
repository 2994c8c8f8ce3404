/*
 * fuzz_filter - libFuzzer harness for filter_parse / filter_match.
 *
 * Invariants: parse either succeeds or fails with CORE_ERR_INVALID, a
 * non-empty one-line message and an empty filter; match never crashes.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/filter.h"
#include "core/xalloc.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  static char id[] = "65f1a2b3c4d5e6f7a8b9c0d1";
  static char name[] = "Mar\xc3\xad" "a Gonz\xc3\xa1" "lez";
  struct payment p;
  struct filter f;
  char err[256];
  char *s = xmalloc(size + 1);
  enum core_err rc;
  memcpy(s, data, size);
  s[size] = '\0';
  memset(&p, 0, sizeof p);
  p.id = id;
  p.customer_name = name;
  p.status = PAYMENT_STATUS_SETTLED;
  p.total.minor = 200050;
  memcpy(p.total.currency, "USD", 4);
  p.created_at = INT64_C(1735732800000);

  rc = filter_parse(s, &f, err, sizeof err);
  if (rc == CORE_OK) {
    (void)filter_match(&f, &p);
  } else if (rc != CORE_ERR_INVALID || err[0] == '\0' ||
             !filter_is_empty(&f)) {
    abort();
  }
  filter_cleanup(&f);
  free(s);
  return 0;
}
