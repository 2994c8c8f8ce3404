/*
 * prompt - the bottom-line prompt for `/` (filter, applied live as the text
 * changes) and `:` (command line with history), plus the small line
 * editor and the file path completion the dialogs reuse.
 */
#ifndef DESK_UI_PROMPT_H
#define DESK_UI_PROMPT_H

#include <stdbool.h>
#include <stddef.h>

#include "ui/canvas.h"

#define PROMPT_MAX 256
#define PROMPT_HISTORY 50

enum prompt_result {
  PROMPT_CONTINUE = 0, /* key consumed, text unchanged */
  PROMPT_CHANGED,      /* text changed (apply a live filter) */
  PROMPT_SUBMIT,       /* Enter */
  PROMPT_CANCEL,       /* Esc */
};

struct prompt {
  bool active;
  char kind; /* '/' or ':' */
  char buf[PROMPT_MAX];
  char saved[PROMPT_MAX]; /* text before opening (restored on Esc) */
  char *history[PROMPT_HISTORY];
  size_t nhistory;
  size_t hist_pos; /* == nhistory: editing a new line */
};

void prompt_init(struct prompt *p);
void prompt_cleanup(struct prompt *p);
void prompt_open(struct prompt *p, char kind, const char *initial);
enum prompt_result prompt_key(struct prompt *p, int key);
/* Draws the prompt on row y; *cursor_x gets the cursor column. */
void prompt_draw(const struct prompt *p, struct canvas *c, int y,
                 int *cursor_x);
/* Appends to the command history (skips blanks and repeats). */
void prompt_history_add(struct prompt *p, const char *line);

/* Line editing on a NUL-terminated UTF-8 buffer: printable keys append,
 * Backspace deletes the last character, C-u clears, C-w deletes a word.
 * Returns true when the text changed. */
bool prompt_edit(char *buf, size_t cap, int key);
/* Completes a file path in place to the longest unambiguous prefix (a
 * directory gets a trailing '/'). Returns the number of matches. */
size_t prompt_complete_path(char *buf, size_t cap);

#endif
