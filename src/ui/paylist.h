/*
 * paylist - the payment table shared by the Payments, Review, Refunds and
 * Unassigned panes: owned rows, a column set, cursor and scrolling, and a
 * width-adaptive layout (one flexible column takes the remaining width;
 * narrow terminals get compact dates and drop the optional columns).
 * Every string drawn from a payment is sanitised.
 */
#ifndef DESK_UI_PAYLIST_H
#define DESK_UI_PAYLIST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/payment.h"
#include "ui/canvas.h"
#include "ui/view.h"

enum paylist_col {
  PCOL_ID = 0,
  PCOL_CREATED,
  PCOL_TYPE,
  PCOL_STATUS,
  PCOL_AMOUNT,
  PCOL_CUSTOMER,
  PCOL_ACCOUNT,
  PCOL_AGE,      /* since created; "!" and ROLE_OVERDUE past 24 h */
  PCOL_DOCS,     /* documentationStatus */
  PCOL_REASON,   /* reviewReason */
  PCOL_LEVEL,    /* paylist.extra (customer operation level) */
  PCOL_PARENT,   /* parentPaymentId */
  PCOL_EXPIRES,  /* time left before expiresAt */
  PCOL_COUNT_
};

struct paylist {
  struct payment_list rows;
  char **extra;                 /* optional, one heap string per row */
  struct view_list nav;
  const enum paylist_col *cols;
  size_t ncols;
  enum paylist_col flex;        /* the column that takes the rest */
  int rows_visible;             /* set by draw, used for paging */
};

void paylist_init(struct paylist *pl, const enum paylist_col *cols,
                  size_t ncols, enum paylist_col flex);
void paylist_cleanup(struct paylist *pl);
/* Replaces the rows (takes ownership of *rows and of extra, which may be
 * NULL, and empties *rows). Keeps the cursor on the same payment id when
 * it is still there, else on the same index (the next item). */
void paylist_set_rows(struct paylist *pl, struct payment_list *rows,
                      char **extra);
/* Draws the header row and the rows into the rectangle. `empty` is shown
 * when there are no rows. now_ms drives ages and time left. */
void paylist_draw(struct paylist *pl, struct canvas *c, int x, int y, int w,
                  int h, int64_t now_ms, const char *empty);
/* Movement commands; true when handled. */
bool paylist_move(struct paylist *pl, enum keymap_cmd cmd);
const struct payment *paylist_selected(const struct paylist *pl);
/* Moves the cursor to the payment with this id; false if absent. */
bool paylist_select_id(struct paylist *pl, const char *id);

#endif
