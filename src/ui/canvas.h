/*
 * canvas - an off-screen cell grid that every view draws into.
 *
 * A canvas is w x h cells; each cell holds one UTF-8 grapheme (a base
 * character plus any combining marks), its display width (1 or 2; the cell
 * right of a wide character is a continuation with width 0) and a semantic
 * role that the theme turns into colours. Drawing clips to the grid and
 * never splits a wide character. Text is measured with wcwidth(), so the
 * process must run in a UTF-8 locale for non-ASCII text; in ASCII mode
 * every non-ASCII code point is drawn as '?' and lines/ellipses use ASCII.
 * The canvas never talks to a terminal (term.c blits it), so views are
 * testable by dumping a canvas to text. Callers pass already sanitised
 * text (sanitize_text()); invalid UTF-8 is still drawn as '?', and any
 * control byte as '?', so nothing here can emit an escape sequence.
 */
#ifndef DESK_UI_CANVAS_H
#define DESK_UI_CANVAS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Semantic roles; theme.c maps each to colours and attributes. */
enum ui_role {
  ROLE_NORMAL = 0,
  ROLE_DIM,
  ROLE_TITLE,
  ROLE_HEADER,   /* column headers */
  ROLE_SELECTED, /* the cursor row */
  ROLE_TAB,
  ROLE_TAB_ACTIVE,
  ROLE_STATUSBAR,
  ROLE_ENV_SANDBOX,
  ROLE_ENV_PRODUCTION,
  ROLE_OK,
  ROLE_WARN,
  ROLE_ERROR,
  ROLE_LABEL,
  ROLE_AMOUNT,
  ROLE_AMOUNT_NEGATIVE,
  ROLE_STATUS_DONE,     /* SETTLED */
  ROLE_STATUS_PROGRESS, /* CREATED, AUTHORIZED, CAPTURED, RECEIVED */
  ROLE_STATUS_REVIEW,   /* REQUIRES_REVIEW */
  ROLE_STATUS_FAILED,   /* FAILED, EXPIRED, UNSETTLED, REVERSED */
  ROLE_STATUS_REFUND,   /* REFUNDED, DISPUTED */
  ROLE_STATUS_UNKNOWN,
  ROLE_BORDER,
  ROLE_DIALOG,
  ROLE_BUTTON,
  ROLE_BUTTON_FOCUS,
  ROLE_INPUT,
  ROLE_PROMPT,
  ROLE_OVERDUE,
  ROLE_SPARK,
  ROLE_LINK,
  ROLE_COUNT_
};

#define CANVAS_CELL_BYTES 24

struct canvas_cell {
  char text[CANVAS_CELL_BYTES]; /* UTF-8 grapheme; "" for a continuation */
  uint8_t width;                /* 1, 2, or 0 for a continuation */
  uint8_t role;                 /* enum ui_role */
};

struct canvas {
  int w, h;
  bool ascii;                /* draw ASCII only */
  struct canvas_cell *cells; /* w * h, row-major */
};

/* A new canvas filled with spaces in ROLE_NORMAL. Sizes < 1 become 1.
 * Free with canvas_free(), which accepts NULL and sets *cp = NULL. */
struct canvas *canvas_new(int w, int h);
void canvas_free(struct canvas **cp);
/* Resizes and clears. */
void canvas_resize(struct canvas *c, int w, int h);
void canvas_clear(struct canvas *c, enum ui_role role);
/* Fills the rectangle (clipped) with spaces of `role`. */
void canvas_fill(struct canvas *c, int x, int y, int w, int h,
                 enum ui_role role);
/* Changes the role of w cells of row y from x on, keeping the text. */
void canvas_set_role(struct canvas *c, int x, int y, int w, enum ui_role role);
const struct canvas_cell *canvas_cell_at(const struct canvas *c, int x, int y);

/* Draws s at (x, y) in at most maxw columns (and never past the right
 * edge). Text wider than that is cut and ends with an ellipsis. Newlines
 * and other control bytes are drawn as '?'. Returns the columns used. */
int canvas_text(struct canvas *c, int x, int y, int maxw, const char *s,
                enum ui_role role);
/* Like canvas_text but right-aligned so that the text ends just before
 * column x_end (exclusive). */
int canvas_text_right(struct canvas *c, int x_end, int y, int maxw,
                      const char *s, enum ui_role role);
/* Draws s wrapped over up to h rows of w columns (breaking at spaces when
 * it can); the last row ends with an ellipsis when text is left over.
 * Returns the rows used. */
int canvas_text_wrap(struct canvas *c, int x, int y, int w, int h,
                     const char *s, enum ui_role role);
int canvas_printf(struct canvas *c, int x, int y, int maxw, enum ui_role role,
                  const char *fmt, ...) __attribute__((format(printf, 6, 7)));
/* Horizontal line of w cells, and a box outline (w, h >= 2). */
void canvas_hline(struct canvas *c, int x, int y, int w, enum ui_role role);
void canvas_box(struct canvas *c, int x, int y, int w, int h,
                enum ui_role role);

/* Display columns of s as canvas_text would draw it untruncated, in the
 * current locale (ascii = true counts every code point as one column). */
int canvas_text_width(const char *s, bool ascii);

/* The grid as text: one line per row, continuation cells skipped, trailing
 * spaces removed, each line ending in '\n'. Caller frees. */
char *canvas_dump(const struct canvas *c);
/* The roles as one letter per cell ('a' + role), same layout. Caller
 * frees. For tests that check colouring. */
char *canvas_dump_roles(const struct canvas *c);

#endif
