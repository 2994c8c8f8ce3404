/*
 * view_unassigned - pane 5: unassigned topups (TOPUP_ACCOUNT, CREATED, no
 * account) sorted by time left before they expire (48 h after creation);
 * under 6 h left stands out. `s` assigns the selected one.
 */
#ifndef DESK_UI_VIEW_UNASSIGNED_H
#define DESK_UI_VIEW_UNASSIGNED_H

#include "ui/view.h"

struct view *view_unassigned_new(struct ui_ctx *ctx);

#endif
