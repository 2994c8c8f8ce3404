/*
 * view_payments - pane 1: every cached payment, newest first, with a
 * summary header (counts and amounts by status for the current filter, and
 * a sparkline of daily volume over the last 14 days).
 */
#ifndef DESK_UI_VIEW_PAYMENTS_H
#define DESK_UI_VIEW_PAYMENTS_H

#include "ui/view.h"

struct view *view_payments_new(struct ui_ctx *ctx);
/* Changes the sort order (then reload). */
void view_payments_set_sort(struct view *v, enum keyset_sort sort);

#endif
