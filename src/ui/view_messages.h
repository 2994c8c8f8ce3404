/*
 * view_messages - the Messages view (`M`, `:messages`): the session's
 * errors and warnings, newest first, each whole (wrapped, with its full
 * traceId). j/k select one; `y` copies the selected message to the
 * clipboard (OSC 52) and to $XDG_STATE_HOME/conomy-desk/message.txt.
 */
#ifndef DESK_UI_VIEW_MESSAGES_H
#define DESK_UI_VIEW_MESSAGES_H

#include "ui/view.h"

struct view *view_messages_new(struct ui_ctx *ctx);

#endif
