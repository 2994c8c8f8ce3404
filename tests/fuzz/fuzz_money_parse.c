/*
 * fuzz_money_parse - libFuzzer harness for money_parse / money_format.
 *
 * The first byte picks the currency, the rest is the amount string.
 * Invariants: an accepted string uses only the grammar's characters, and
 * format -> parse gives the same amount back; micro parsing never crashes.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/money.h"
#include "core/xalloc.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  static const char *const curs[] = {"USD", "CLP", "USDC", "KWD", "XXX"};
  const char *cur;
  char *s;
  struct money m, back;
  char buf[MONEY_FMT_MAX];
  int64_t micro;

  if (size == 0)
    return 0;
  cur = curs[data[0] % 5];
  s = xmalloc(size);
  memcpy(s, data + 1, size - 1);
  s[size - 1] = '\0';
  if (money_parse(s, cur, &m) == CORE_OK) {
    if (strspn(s, "-0123456789.") != strlen(s))
      abort();
    if (money_format(&m, buf, sizeof buf) < 1)
      abort();
    if (money_parse(buf, cur, &back) != CORE_OK || back.minor != m.minor)
      abort();
    if (money_format_grouped(&m, buf, sizeof buf) < 1)
      abort();
  }
  (void)money_parse_micro(s, &micro);
  free(s);
  return 0;
}
