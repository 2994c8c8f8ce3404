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
  PCOL_AGE,     /* since created; "!" and ROLE_OVERDUE past 24 h */
  PCOL_DOCS,    /* documentationStatus */
  PCOL_REASON,  /* reviewReason */
  PCOL_LEVEL,   /* paylist.extra (customer operation level) */
  PCOL_PARENT,  /* parentPaymentId */
  PCOL_EXPIRES, /* time left before expiresAt */
  PCOL_COUNT_
};

/*
 * The rows are a window of the list (a few screens around the cursor),
 * never the whole list: moving near an edge of the window reads the next
 * rows by keyset from the row at that edge (and forgets as many at the
 * other edge), G reads the last rows backwards from the end, g the first
 * ones, and a reload re-reads the window around the payment under the
 * cursor, so the cursor keeps its payment (and its place on the screen)
 * when rows arrive above it. Every read is an index range read: a move
 * costs the same at row 10 and at row 1,000,000.
 */
struct paylist {
  struct app_query q;       /* the list; q.filter points into the view */
  struct payment_list rows; /* the window */
  bool at_start, at_end;    /* the window holds the list's first/last row */
  bool restart;             /* the next reload starts at the top */
  char error[512];          /* last read error, "" = none */
  char **(*extra_fn)(struct view *v, const struct payment_list *rows);
  char **extra; /* optional, one heap string per row of the window */
  struct view_list nav;     /* cursor and top row, within the window */
  const enum paylist_col *cols;
  size_t ncols;
  enum paylist_col flex; /* the column that takes the rest */
  int rows_visible;      /* set by draw, used for paging */
};

void paylist_init(struct paylist *pl, const enum paylist_col *cols,
                  size_t ncols, enum paylist_col flex, enum app_list list,
                  const struct filter *filter);
void paylist_cleanup(struct paylist *pl);
/* Re-reads the window around the payment under the cursor (from the top
 * after paylist_restart or when empty). extra_fn, when not NULL, computes
 * the per-row extra strings of each window. */
void paylist_reload(struct paylist *pl, struct view *v,
                    char **(*extra_fn)(struct view *v,
                                       const struct payment_list *rows));
/* The list changed (filter, sort): the next reload starts at the top. */
void paylist_restart(struct paylist *pl);
/* Movement, reading rows as the cursor nears an edge of the window. True
 * when cmd was a movement. */
bool paylist_move_fetch(struct paylist *pl, struct view *v,
                        enum keymap_cmd cmd);
/* Jumps to "50%" (of count rows, the list's length), "1234" (a row
 * number) or a payment id; 0, or -1 with a reason in v->ctx->msg. */
int paylist_goto(struct paylist *pl, struct view *v, const char *where,
                 int64_t count);
/* Asks the app's background reader for the list's figures (filtered by
 * v->filter_text) after a load, then picks up the latest ones
 * (paylist_figures). */
void paylist_ask_figures(struct paylist *pl, struct view *v);
/* Sets v->count from the latest figures (VIEW_COUNTING until they come);
 * out, when not NULL, receives them. */
void paylist_figures(struct paylist *pl, struct view *v,
                     struct app_summary *out);
/* Draws the header row and the rows into the rectangle. `empty` is shown
 * when there are no rows. ctx->now_ms drives ages and time left;
 * ctx->arrow_cursor how the selected row is shown (view_list_row). */
void paylist_draw(struct paylist *pl, struct canvas *c, int x, int y, int w,
                  int h, const struct ui_ctx *ctx, const char *empty);
const struct payment *paylist_selected(const struct paylist *pl);

#endif
