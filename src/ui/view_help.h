/*
 * view_help - `?`: the live keymap (built from the keymap table in use, so
 * remapped keys show as remapped), the panes, the filter syntax and the
 * `:` commands.
 */
#ifndef DESK_UI_VIEW_HELP_H
#define DESK_UI_VIEW_HELP_H

#include "ui/view.h"

struct view *view_help_new(struct ui_ctx *ctx);

#endif
