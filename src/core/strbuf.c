/*
 * strbuf - a growable byte buffer with a hard size cap.
 *
 * Invariants: len < cap whenever buf != NULL, buf[len] == '\0', and
 * len <= max when max != 0. A refused append leaves the content unchanged
 * and sets the sticky `toobig` flag.
 */
#include "core/strbuf.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"

void strbuf_init(struct strbuf *sb, size_t max) {
  sb->buf = NULL;
  sb->len = 0;
  sb->cap = 0;
  sb->max = max;
  sb->toobig = false;
}

void strbuf_cleanup(struct strbuf *sb) {
  free(sb->buf);
  sb->buf = NULL;
  sb->len = 0;
  sb->cap = 0;
}

void strbuf_reset(struct strbuf *sb) {
  sb->len = 0;
  if (sb->buf != NULL)
    sb->buf[0] = '\0';
  sb->toobig = false;
}

/* Make room for n more bytes plus the terminator; -1 past the cap. */
static int strbuf_reserve(struct strbuf *sb, size_t n) {
  size_t need, cap;

  if (__builtin_add_overflow(sb->len, n, &need) ||
      (sb->max != 0 && need > sb->max)) {
    sb->toobig = true;
    return -1;
  }
  if (__builtin_add_overflow(need, (size_t)1, &need)) {
    sb->toobig = true;
    return -1;
  }
  if (need <= sb->cap)
    return 0;
  cap = sb->cap ? sb->cap : 64;
  while (cap < need) {
    if (__builtin_mul_overflow(cap, (size_t)2, &cap)) {
      cap = need;
      break;
    }
  }
  /* Never allocate far beyond the cap. */
  if (sb->max != 0 && cap > sb->max + 1)
    cap = sb->max + 1;
  sb->buf = xrealloc(sb->buf, cap);
  sb->cap = cap;
  return 0;
}

int strbuf_append(struct strbuf *sb, const void *data, size_t n) {
  if (strbuf_reserve(sb, n) != 0)
    return -1;
  if (n > 0)
    memcpy(sb->buf + sb->len, data, n);
  sb->len += n;
  sb->buf[sb->len] = '\0';
  return 0;
}

int strbuf_puts(struct strbuf *sb, const char *s) {
  return strbuf_append(sb, s, strlen(s));
}

int strbuf_printf(struct strbuf *sb, const char *fmt, ...) {
  va_list ap;
  int n;

  va_start(ap, fmt);
  n = vsnprintf(NULL, 0, fmt, ap);
  va_end(ap);
  if (n < 0)
    return -1;
  if (strbuf_reserve(sb, (size_t)n) != 0)
    return -1;
  va_start(ap, fmt);
  n = vsnprintf(sb->buf + sb->len, sb->cap - sb->len, fmt, ap);
  va_end(ap);
  if (n < 0) {
    sb->buf[sb->len] = '\0';
    return -1;
  }
  sb->len += (size_t)n;
  return 0;
}

const char *strbuf_str(const struct strbuf *sb) {
  return sb->buf != NULL ? sb->buf : "";
}

char *strbuf_detach(struct strbuf *sb) {
  char *s = sb->buf != NULL ? sb->buf : xstrdup("");
  sb->buf = NULL;
  sb->len = 0;
  sb->cap = 0;
  sb->toobig = false;
  return s;
}
