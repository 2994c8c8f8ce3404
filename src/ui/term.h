/*
 * term - the only module that talks to curses.
 *
 * term_init() takes over the terminal (ncursesw, cbreak, no echo, keypad,
 * no mouse); term_blit() writes the cells of a canvas that differ from the
 * previous frame and calls the program's single doupdate(), so moving the
 * cursor one row sends a few bytes, not a screen; term_end() restores the
 * terminal and is safe to call twice, after a failed init, and from the
 * xalloc fatal hook. No other file includes <curses.h>.
 */
#ifndef DESK_UI_TERM_H
#define DESK_UI_TERM_H

#include <stdbool.h>
#include <stddef.h>

#include "ui/canvas.h"
#include "ui/theme.h"

/* Starts curses on stdin/stdout. use_color = false draws with attributes
 * only (NO_COLOR); a terminal without colours does the same on its own.
 * Returns 0, or -1 with a reason (e.g. unknown TERM). */
int term_init(const struct theme *theme, bool use_color, char *err,
              size_t errlen);
/* Restores the terminal. Idempotent. */
void term_end(void);
bool term_active(void);
/* True when colours are in use (terminal can and the user did not opt
 * out). */
bool term_colors(void);
/* Current terminal size in cells. */
void term_size(int *w, int *h);
/* Waits up to timeout_ms for a key (see keymap.h for codes); -1 when none
 * arrived (timeout or interrupted by a signal). */
int term_getkey(int timeout_ms);
/* Draws c (only cells changed since the last blit), places the cursor
 * (visible only when show_cursor) and flushes once. */
void term_blit(const struct canvas *c, int cursor_x, int cursor_y,
               bool show_cursor);
/* The next blit repaints every cell (Ctrl-L, after a resize). */
void term_invalidate(void);
/* Cells written by the last blit (for tests and benchmarks). */
size_t term_last_blit_cells(void);
/* Sends text to the system clipboard with OSC 52. Only [A-Za-z0-9_.-]
 * text of at most 128 bytes is sent (ids); returns -1 otherwise. */
int term_osc52(const char *text);
#define TERM_OSC52_MAX 8192
/* Any text (a whole message) to the clipboard with OSC 52, base64 encoded;
 * -1 when empty, longer than TERM_OSC52_MAX or the terminal is not ours.
 * Terminals that do not support OSC 52 ignore it. */
int term_osc52_text(const char *text);

#endif
