/*
 * view_refunds - pane 4: refund children (type REFUND), newest first, with
 * their parent payment; Enter opens the refund, whose detail shows the
 * parent's summary buckets and maxRefundable; `p` jumps to the parent.
 */
#ifndef DESK_UI_VIEW_REFUNDS_H
#define DESK_UI_VIEW_REFUNDS_H

#include "ui/view.h"

struct view *view_refunds_new(struct ui_ctx *ctx);

#endif
