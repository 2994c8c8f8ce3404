/*
 * strbuf - a growable byte buffer with a hard size cap.
 *
 * Network input goes into a strbuf whose `max` is set at init; an append that
 * would exceed it fails (and sets `toobig`) instead of growing, so a hostile
 * or broken server can never make us allocate without bound. The content is
 * always NUL-terminated (the terminator is not counted in `len`).
 */
#ifndef DESK_CORE_STRBUF_H
#define DESK_CORE_STRBUF_H

#include <stdbool.h>
#include <stddef.h>

struct strbuf {
  char *buf;    /* NUL-terminated; NULL until the first append */
  size_t len;   /* bytes used, excluding the terminator */
  size_t cap;   /* bytes allocated */
  size_t max;   /* hard cap on len; 0 means no cap */
  bool toobig;  /* sticky: an append was refused because of max */
};

void strbuf_init(struct strbuf *sb, size_t max);
/* Frees the content, not the struct. Safe on an initialised empty buffer. */
void strbuf_cleanup(struct strbuf *sb);
void strbuf_reset(struct strbuf *sb);
/* Return 0, or -1 when the cap would be exceeded (nothing is appended). */
int strbuf_append(struct strbuf *sb, const void *data, size_t n);
int strbuf_puts(struct strbuf *sb, const char *s);
int strbuf_printf(struct strbuf *sb, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* Returns the content ("" when empty); valid until the next change. */
const char *strbuf_str(const struct strbuf *sb);
/* Hands the heap string to the caller (never NULL) and resets the buffer. */
char *strbuf_detach(struct strbuf *sb);

#endif
