/*
 * sanitize - turn untrusted bytes into harmless, visible UTF-8.
 *
 * A strict UTF-8 decoder (RFC 3629: no overlongs, no surrogates, nothing
 * above U+10FFFF, no truncated sequences) walks the input. A byte that does
 * not start a valid sequence is shown as "\xNN" and decoding resumes at the
 * next byte, so each byte of a broken sequence is shown. Control characters
 * and format characters (category Cf, bidi controls among them) are
 * replaced by the stand-ins listed in sanitize.h;
 * everything else is copied unchanged.
 */
#include "core/sanitize.h"

#include <stdint.h>
#include <stdio.h>
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

/* Unicode general category Cf (format characters: zero-width spaces and
 * joiners, bidi controls, the BOM, invisible operators, tags), Unicode 15.
 * They draw nothing, so two strings that look the same can differ. */
static const struct {
  uint32_t lo, hi;
} format_chars[] = {
    {0x00AD, 0x00AD},   {0x0600, 0x0605},   {0x061C, 0x061C},
    {0x06DD, 0x06DD},   {0x070F, 0x070F},   {0x0890, 0x0891},
    {0x08E2, 0x08E2},   {0x180E, 0x180E},   {0x200B, 0x200F},
    {0x202A, 0x202E},   {0x2060, 0x2064},   {0x2066, 0x206F},
    {0xFEFF, 0xFEFF},   {0xFFF9, 0xFFFB},   {0x110BD, 0x110BD},
    {0x110CD, 0x110CD}, {0x13430, 0x1343F}, {0x1BCA0, 0x1BCA3},
    {0x1D173, 0x1D17A}, {0xE0001, 0xE0001}, {0xE0020, 0xE007F},
};

bool sanitize_is_format_char(uint32_t cp) {
  for (size_t i = 0; i < sizeof format_chars / sizeof format_chars[0]; i++)
    if (cp >= format_chars[i].lo && cp <= format_chars[i].hi)
      return true;
  return false;
}

bool sanitize_is_hidden(uint32_t cp) {
  return cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp <= 0x9F) ||
         sanitize_is_format_char(cp);
}

/* "<U+XXXX>" or "<U+XXXXX>" into rep (>= 10 bytes); returns its length. */
static int code_point_tag(uint32_t cp, char *rep) {
  int digits = cp > 0xFFFF ? (cp > 0xFFFFF ? 6 : 5) : 4;
  memcpy(rep, "<U+", 3);
  for (int k = 0; k < digits; k++)
    rep[3 + k] = hex_digits[(cp >> (4 * (digits - 1 - k))) & 0xFu];
  rep[3 + digits] = '>';
  return 4 + digits;
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
    } else if ((cp >= 0x80 && cp <= 0x9F) || sanitize_is_format_char(cp)) {
      rlen = code_point_tag(cp, rep);
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

char *sanitize_json_text(const char *json) {
  struct strbuf sb;
  strbuf_init(&sb, 0);
  const unsigned char *s = (const unsigned char *)(json ? json : "");
  size_t n = strlen((const char *)s), i = 0, run = 0;
  while (i < n) {
    uint32_t cp = 0;
    size_t len = s[i] < 0x80 ? 1 : utf8_decode(s + i, n - i, &cp);
    if (len == 0) {
      i++; /* invalid bytes are the JSON parser's business; keep them */
      continue;
    }
    if (s[i] >= 0x80 && sanitize_is_hidden(cp)) {
      char esc[16];
      int elen;
      if (cp > 0xFFFF) { /* a UTF-16 surrogate pair, as JSON wants */
        uint32_t v = cp - 0x10000;
        elen = snprintf(esc, sizeof esc, "\\u%04X\\u%04X",
                        (unsigned)(0xD800 + (v >> 10)),
                        (unsigned)(0xDC00 + (v & 0x3FF)));
      } else {
        elen = snprintf(esc, sizeof esc, "\\u%04X", (unsigned)cp);
      }
      strbuf_append(&sb, s + run, i - run);
      strbuf_append(&sb, esc, (size_t)elen);
      run = i + len;
    }
    i += len;
  }
  strbuf_append(&sb, s + run, i - run);
  return strbuf_detach(&sb);
}
