/*
 * sanitize - make untrusted text harmless before it reaches a terminal.
 *
 * Every string that comes from the API (names, descriptions, reasons, ids)
 * passes through sanitize_text() before it is drawn or printed. The result
 * is valid UTF-8 that contains no C0/C1 control characters, no DEL, no escape
 * sequences and no bidirectional overrides/isolates: each such code point is
 * replaced by a visible stand-in, so that nothing is silently hidden:
 *   ESC -> "^[", other C0 -> "^X" (caret notation), DEL -> "^?",
 *   C1 (U+0080..U+009F) -> "<U+009B>", format characters (Unicode
 *   category Cf: bidi controls such as U+202E, zero-width space U+200B,
 *   joiners, the BOM U+FEFF, invisible operators, tags) -> "<U+200B>",
 *   "<U+E0041>", an invalid UTF-8 byte -> "\xNN".
 * This is THE list of characters the desk will not pass to a terminal;
 * the CLI's JSON output escapes the same ones (sanitize_json_text).
 * Printable text, including accented and non-Latin scripts, is unchanged.
 */
#ifndef DESK_CORE_SANITIZE_H
#define DESK_CORE_SANITIZE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Returns a new NUL-terminated string (caller frees); NULL input -> "". */
char *sanitize_text(const char *s);
/* Same, for a byte range that may contain NUL bytes (shown as "^@"). */
char *sanitize_bytes(const char *s, size_t n);
/* True when sanitize_text(s) would return s unchanged. */
bool sanitize_is_clean(const char *s);
/* True for a format character (category Cf). */
bool sanitize_is_format_char(uint32_t cp);
/* True for every code point sanitize_text replaces (C0, DEL, C1, Cf). */
bool sanitize_is_hidden(uint32_t cp);
/* JSON text (an API object) with every hidden non-ASCII code point (C1,
 * Cf) written as a \uXXXX escape (a surrogate pair above U+FFFF): the same
 * data for a JSON reader, nothing invisible for a terminal. ASCII and
 * invalid bytes are copied as they are. Caller frees; NULL -> "". */
char *sanitize_json_text(const char *json);

#endif
