/*
 * view_payments - pane 1: every cached payment, newest first, with a
 * summary header (counts and amounts by status for the current filter, and
 * a sparkline of daily volume over the last 14 days).
 */
#ifndef DESK_UI_VIEW_PAYMENTS_H
#define DESK_UI_VIEW_PAYMENTS_H

#include "core/keyset.h"
#include "ui/view.h"

/* Most rows a reload re-reads (G and scrolling may load more). */
#define VIEW_PAYMENTS_MAX_ROWS 20000

struct view *view_payments_new(struct ui_ctx *ctx);
/* Changes the sort order (then reload). */
void view_payments_set_sort(struct view *v, enum keyset_sort sort);

#endif
