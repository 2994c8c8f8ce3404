/*
 * fuzz_sanitize - libFuzzer harness for sanitize_bytes / sanitize_text.
 *
 * Invariants: the output is strict UTF-8 with no C0, DEL, C1 or bidi
 * control; it is clean and a fixed point; is_clean agrees with the output.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/sanitize.h"
#include "core/xalloc.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static bool output_is_safe(const unsigned char *s) {
  while (*s) {
    uint32_t cp;
    int extra;
    if (*s < 0x80) {
      if (*s < 0x20 || *s == 0x7f)
        return false;
      s++;
      continue;
    }
    if ((*s & 0xE0) == 0xC0) {
      cp = *s & 0x1Fu;
      extra = 1;
    } else if ((*s & 0xF0) == 0xE0) {
      cp = *s & 0x0Fu;
      extra = 2;
    } else if ((*s & 0xF8) == 0xF0) {
      cp = *s & 0x07u;
      extra = 3;
    } else {
      return false;
    }
    for (int i = 1; i <= extra; i++) {
      if ((s[i] & 0xC0) != 0x80)
        return false;
      cp = (cp << 6) | (s[i] & 0x3Fu);
    }
    if ((extra == 1 && cp < 0x80) || (extra == 2 && cp < 0x800) ||
        (extra == 3 && cp < 0x10000) || cp > 0x10FFFF ||
        (cp >= 0xD800 && cp <= 0xDFFF) || (cp >= 0x80 && cp <= 0x9F) ||
        (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069) ||
        cp == 0x200E || cp == 0x200F || cp == 0x061C)
      return false;
    s += extra + 1;
  }
  return true;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  char *out = sanitize_bytes((const char *)data, size);
  char *again, *nul;

  if (!output_is_safe((const unsigned char *)out) || !sanitize_is_clean(out))
    abort();
  again = sanitize_text(out);
  if (strcmp(again, out) != 0)
    abort();
  free(again);
  free(out);

  /* The NUL-terminated path, up to the first NUL. */
  nul = xmalloc(size + 1);
  memcpy(nul, data, size);
  nul[size] = '\0';
  out = sanitize_text(nul);
  if (!output_is_safe((const unsigned char *)out))
    abort();
  if (sanitize_is_clean(nul) != (strcmp(nul, out) == 0))
    abort();
  free(out);
  free(nul);
  return 0;
}
