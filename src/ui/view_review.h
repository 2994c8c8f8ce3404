/*
 * view_review - pane 2: the review queue. Payments in REQUIRES_REVIEW,
 * oldest first, with age (items older than 24 h marked "!" and in the
 * overdue role), documentationStatus, reviewReason, amount, customer and
 * the customer's operation level, plus a preview of the selected item.
 * After a decision the item leaves the queue and the cursor stays at the
 * same position, i.e. on the next item, whose preview is already there.
 */
#ifndef DESK_UI_VIEW_REVIEW_H
#define DESK_UI_VIEW_REVIEW_H

#include "ui/view.h"

struct view *view_review_new(struct ui_ctx *ctx);

#endif
