/*
 * textdoc - a scrollable document of labelled lines with selectable links,
 * used by the detail, customer, raw JSON and help views.
 *
 * Lines are "label  value" pairs, section titles or plain text. Values
 * added with the *_untrusted functions are sanitised here; labels and
 * trusted text must be our own strings. A line can carry a link to a
 * payment or customer; Tab / Shift-Tab select links and the view opens the
 * selected one on Enter.
 */
#ifndef DESK_UI_TEXTDOC_H
#define DESK_UI_TEXTDOC_H

#include <stdbool.h>
#include <stddef.h>

#include "ui/canvas.h"
#include "ui/keymap.h"

enum textdoc_link_kind {
  TEXTDOC_LINK_NONE = 0,
  TEXTDOC_LINK_PAYMENT,
  TEXTDOC_LINK_CUSTOMER,
  TEXTDOC_LINK_PAYMENTS_FILTER, /* the Payments pane filtered: link_id is
                                   the filter ("customer:ID") */
};

struct textdoc_line {
  char *label; /* NULL for plain text and sections */
  int label_w; /* 0 = the document's label width */
  char *text;
  enum ui_role role;
  bool section;
  enum textdoc_link_kind link;
  char *link_id;
};

struct textdoc {
  struct textdoc_line *lines;
  size_t count, cap;
  size_t top;  /* first visible line */
  long sel;    /* selected line with a link, -1 = none */
  int label_w; /* label column width */
  int rows_visible;
};

void textdoc_init(struct textdoc *d, int label_w);
/* Frees the lines (keeps scroll position for a reload). */
void textdoc_clear(struct textdoc *d);
void textdoc_cleanup(struct textdoc *d);

void textdoc_section(struct textdoc *d, const char *title);
void textdoc_text(struct textdoc *d, const char *trusted, enum ui_role role);
void textdoc_text_untrusted(struct textdoc *d, const char *s,
                            enum ui_role role);
void textdoc_kv(struct textdoc *d, const char *label, const char *untrusted,
                enum ui_role role);
void textdoc_kvf(struct textdoc *d, const char *label, enum ui_role role,
                 const char *fmt, ...) __attribute__((format(printf, 4, 5)));
void textdoc_link(struct textdoc *d, const char *label, const char *untrusted,
                  enum textdoc_link_kind kind, const char *id);

void textdoc_draw(struct textdoc *d, struct canvas *c, int x, int y, int w,
                  int h);
/* Scrolling and link selection; true when handled. */
bool textdoc_key(struct textdoc *d, enum keymap_cmd cmd);
/* The selected link's line, or NULL. */
const struct textdoc_line *textdoc_selected(const struct textdoc *d);
/* Selects the first link of kind (for one-key jumps); false if none. */
bool textdoc_select_kind(struct textdoc *d, enum textdoc_link_kind kind);
/* The whole document as plain text lines (for tests); caller frees. */
char *textdoc_dump(const struct textdoc *d);

#endif
