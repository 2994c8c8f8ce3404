/*
 * sanitize - make untrusted text harmless before it reaches a terminal.
 *
 * Every string that comes from the API (names, descriptions, reasons, ids)
 * passes through sanitize_text() before it is drawn or printed. The result
 * is valid UTF-8 that contains no C0/C1 control characters, no DEL, no escape
 * sequences and no bidirectional overrides/isolates: each such code point is
 * replaced by a visible stand-in, so that nothing is silently hidden:
 *   ESC -> "^[", other C0 -> "^X" (caret notation), DEL -> "^?",
 *   C1 (U+0080..U+009F) -> "<U+009B>", bidi controls (U+202A..U+202E,
 *   U+2066..U+2069, U+200E/U+200F, U+061C) -> "<U+202E>",
 *   an invalid UTF-8 byte -> "\xNN".
 * Printable text, including accented and non-Latin scripts, is unchanged.
 */
#ifndef DESK_CORE_SANITIZE_H
#define DESK_CORE_SANITIZE_H

#include <stdbool.h>
#include <stddef.h>

/* Returns a new NUL-terminated string (caller frees); NULL input -> "". */
char *sanitize_text(const char *s);
/* Same, for a byte range that may contain NUL bytes (shown as "^@"). */
char *sanitize_bytes(const char *s, size_t n);
/* True when sanitize_text(s) would return s unchanged. */
bool sanitize_is_clean(const char *s);

#endif
