/*
 * custlist - the Customers pane's rows: a keyset window of the customers
 * matching the pane's text (newest first), never the whole list, kept as
 * paylist keeps the payment panes' (see paylist.h): moving near an edge of
 * the window reads the next rows from the row at that edge and forgets as
 * many at the other edge, G reads the last rows backwards from the end, g
 * the first ones, :goto seeks a position or a customer id, and a reload
 * re-reads the window around the customer under the cursor, so the cursor
 * keeps its customer (and its place on the screen) when rows arrive above
 * it. Every read is an index range read, the same cost at any depth.
 */
#ifndef DESK_UI_CUSTLIST_H
#define DESK_UI_CUSTLIST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/customer.h"
#include "ui/view.h"

struct custlist {
  const char *text;          /* the pane's free text (NULL/"" = all) */
  struct customer_list rows; /* the window */
  bool at_start, at_end;     /* the window holds the list's first/last row */
  bool restart;              /* the next reload starts at the top */
  char error[512];           /* last read error, "" = none */
  struct view_list nav;      /* cursor and top row, within the window */
  int rows_visible;          /* set by the pane's draw, used for paging */
};

void custlist_init(struct custlist *cl, const char *text);
void custlist_cleanup(struct custlist *cl);
/* Re-reads the window around the customer under the cursor (from the top
 * after custlist_restart or when empty). */
void custlist_reload(struct custlist *cl, struct view *v);
/* The text changed: the next reload starts at the top. */
void custlist_restart(struct custlist *cl);
/* Movement, reading rows as the cursor nears an edge of the window. True
 * when cmd was a movement. */
bool custlist_move_fetch(struct custlist *cl, struct view *v,
                         enum keymap_cmd cmd);
/* Jumps to "50%" (of count rows), "1234" (a row number) or a customer
 * id; 0, or -1 with a reason in v->ctx->msg. */
int custlist_goto(struct custlist *cl, struct view *v, const char *where,
                  int64_t count);
const struct customer *custlist_selected(const struct custlist *cl);

#endif
