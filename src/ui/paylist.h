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

/* Reads up to `limit` rows after `after` (NULL = from the start) into out
 * and sets *next (valid = false at the end). */
typedef enum app_err (*paylist_fetch_fn)(struct view *v,
                                         const struct keyset_cursor *after,
                                         size_t limit, struct payment_list *out,
                                         struct keyset_cursor *next,
                                         struct app_error *err);

/* Rows are read a page at a time: a reload reads as many as were loaded
 * before (at least one page), scrolling near the end appends the next
 * page, and G reads to the end. */
#define PAYLIST_PAGE 200
/* Scrolling (and G) stop loading here, to bound memory on huge caches. */
#define PAYLIST_MAX_LOADED 20000

struct paylist {
  struct payment_list rows;
  struct keyset_cursor next; /* where the next page starts */
  bool more;                /* rows after the loaded ones */
  char error[512];          /* last read error, "" = none */
  char **(*extra_fn)(struct view *v, const struct payment_list *rows);
  char **extra; /* optional, one heap string per row */
  struct view_list nav;
  const enum paylist_col *cols;
  size_t ncols;
  enum paylist_col flex; /* the column that takes the rest */
  int rows_visible;      /* set by draw, used for paging */
};

void paylist_init(struct paylist *pl, const enum paylist_col *cols,
                  size_t ncols, enum paylist_col flex);
void paylist_cleanup(struct paylist *pl);
/* Replaces the rows (takes ownership of *rows and of extra, which may be
 * NULL, and empties *rows). Keeps the cursor on the same payment id when
 * it is still there, else on the same index (the next item). */
void paylist_set_rows(struct paylist *pl, struct payment_list *rows,
                      char **extra);
/* Re-reads from the start (as many rows as are loaded, at least a page,
 * at most max_rows); keeps the cursor as paylist_set_rows does. extra_fn,
 * when not NULL, computes the per-row extra strings. */
void paylist_reload(struct paylist *pl, struct view *v, paylist_fetch_fn fetch,
                    size_t max_rows,
                    char **(*extra_fn)(struct view *v,
                                       const struct payment_list *rows));
/* Movement plus paging: appends pages when the cursor nears the end (all
 * of them for CMD_BOTTOM). True when handled. */
bool paylist_move_fetch(struct paylist *pl, struct view *v,
                        paylist_fetch_fn fetch, enum keymap_cmd cmd);
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
