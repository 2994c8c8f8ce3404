/*
 * sanitize - turn untrusted bytes into harmless, visible UTF-8.
 *
 * A strict UTF-8 decoder (RFC 3629: no overlongs, no surrogates, nothing
 * above U+10FFFF, no truncated sequences) walks the input. A byte that does
 * not start a valid sequence is shown as "\xNN" and decoding resumes at the
 * next byte, so each byte of a broken sequence is shown. Control characters
 * and bidi controls are replaced by the stand-ins listed in sanitize.h;
 * everything else is copied unchanged.
 */
#include "core/sanitize.h"

#include <stdint.h>
#include <string.h>

#include "core/strbuf.h"

/*
 * Length of the valid UTF-8 sequence at s[0..n), and its code point in
 * *cp; 0 when s[0] does not start a valid sequence.
 */
static size_t utf8_decode(const unsigned char *s, size_t n, uint32_t *cp) {
  unsigned char b = s[0];
  unsigned char lo = 0x80, hi = 0xBF;
  size_t len;
  uint32_t c;

  if (b < 0x80) {
    *cp = b;
    return 1;
  }
  if (b >= 0xC2 && b <= 0xDF) {
    len = 2;
    c = b & 0x1Fu;
  } else if (b >= 0xE0 && b <= 0xEF) {
    len = 3;
    c = b & 0x0Fu;
    if (b == 0xE0)
      lo = 0xA0; /* overlong */
    else if (b == 0xED)
      hi = 0x9F; /* surrogates */
  } else if (b >= 0xF0 && b <= 0xF4) {
    len = 4;
    c = b & 0x07u;
    if (b == 0xF0)
      lo = 0x90; /* overlong */
    else if (b == 0xF4)
      hi = 0x8F; /* > U+10FFFF */
  } else {
    return 0; /* continuation byte, C0/C1 overlong lead, F5..FF */
  }
  if (n < len)
    return 0;
  if (s[1] < lo || s[1] > hi)
    return 0;
  c = (c << 6) | (s[1] & 0x3Fu);
  for (size_t i = 2; i < len; i++) {
    if ((s[i] & 0xC0u) != 0x80u)
      return 0;
    c = (c << 6) | (s[i] & 0x3Fu);
  }
  *cp = c;
  return len;
}

static const char hex_digits[] = "0123456789ABCDEF";

static bool is_bidi_control(uint32_t cp) {
  return (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069) ||
         cp == 0x200E || cp == 0x200F || cp == 0x061C;
}

/*
 * Walk s[0..n). With out == NULL, stop at the first byte that would be
 * replaced and return false; otherwise append the sanitised text to out and
 * return whether nothing was replaced.
 */
static bool sanitize_run(const unsigned char *s, size_t n,
                         struct strbuf *out) {
  bool clean = true;
  size_t i = 0, run = 0; /* s[run..i) is clean text not yet appended */

  while (i < n) {
    uint32_t cp = 0;
    size_t len;
    char rep[16];
    int rlen = 0;

    /* Fast path: printable ASCII is the common case. */
    if (s[i] >= 0x20 && s[i] < 0x7F) {
      i++;
      continue;
    }
    len = utf8_decode(s + i, n - i, &cp);
    if (len == 0) {
      /* "\xNN" */
      rep[0] = '\\';
      rep[1] = 'x';
      rep[2] = hex_digits[s[i] >> 4];
      rep[3] = hex_digits[s[i] & 0xF];
      rlen = 4;
      len = 1;
    } else if (cp < 0x20 || cp == 0x7F) {
      /* Caret notation: ESC is "^[", DEL "^?", NUL "^@". */
      rep[0] = '^';
      rep[1] = (char)(cp == 0x7F ? '?' : cp + 0x40);
      rlen = 2;
    } else if ((cp >= 0x80 && cp <= 0x9F) || is_bidi_control(cp)) {
      /* "<U+XXXX>": every such code point is below U+10000. */
      memcpy(rep, "<U+", 3);
      for (int k = 0; k < 4; k++)
        rep[3 + k] = hex_digits[(cp >> (12 - 4 * k)) & 0xFu];
      rep[7] = '>';
      rlen = 8;
    }
    if (rlen > 0) {
      clean = false;
      if (out == NULL)
        return false;
      strbuf_append(out, s + run, i - run);
      strbuf_append(out, rep, (size_t)rlen);
      run = i + len;
    }
    i += len;
  }
  if (out != NULL)
    strbuf_append(out, s + run, i - run);
  return clean;
}

char *sanitize_bytes(const char *s, size_t n) {
  struct strbuf sb;

  strbuf_init(&sb, 0);
  if (s != NULL)
    sanitize_run((const unsigned char *)s, n, &sb);
  return strbuf_detach(&sb);
}

char *sanitize_text(const char *s) {
  return sanitize_bytes(s, s != NULL ? strlen(s) : 0);
}

bool sanitize_is_clean(const char *s) {
  if (s == NULL)
    return true;
  return sanitize_run((const unsigned char *)s, strlen(s), NULL);
}
