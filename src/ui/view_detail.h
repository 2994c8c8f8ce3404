/*
 * view_detail - one payment in full (every field, origins/destinations and
 * fees from the raw object, the status timeline, review state, refunds with
 * their summary, related and child payments, the customer), with links to
 * jump to related records; and the raw JSON view of a cached object.
 */
#ifndef DESK_UI_VIEW_DETAIL_H
#define DESK_UI_VIEW_DETAIL_H

#include "ui/view.h"

struct view *view_detail_new(struct ui_ctx *ctx, const char *payment_id);
/* Raw JSON of the cached payment `id`, or of `json` when id is NULL
 * (the text is copied). */
struct view *view_raw_new(struct ui_ctx *ctx, const char *id, const char *json);

#endif
