/*
 * view_activity - pane 6: the outbox (actions recorded but not yet
 * confirmed: pending, sent, unknown) and the local log of actions taken
 * from this desk with their outcome and traceId. Enter opens the payment.
 */
#ifndef DESK_UI_VIEW_ACTIVITY_H
#define DESK_UI_VIEW_ACTIVITY_H

#include "ui/view.h"

struct view *view_activity_new(struct ui_ctx *ctx);

#endif
