/*
 * draft - keeps what the user typed in an action dialog when the desk is
 * stopped under it (SIGHUP from a dropped SSH session, SIGTERM, Ctrl-C),
 * so nothing typed is lost: the next start offers to reopen it (`:draft`).
 * A draft is never sent by itself; it only refills a dialog, whose focus
 * starts on Cancel as always. One small file per profile under
 * $XDG_STATE_HOME/conomy-desk/ (mode 0600 in a 0700 directory).
 */
#ifndef DESK_UI_DRAFT_H
#define DESK_UI_DRAFT_H

#include <stddef.h>

#include "app/app.h"
#include "ui/dialog.h"

struct draft {
  enum app_action_kind action;
  char payment_id[64];
  size_t nf;
  char values[DIALOG_MAX_FIELDS][PROMPT_MAX]; /* text, or a choice's text */
};

/* $XDG_STATE_HOME (or ~/.local/state)/conomy-desk/draft-PROFILE; the
 * directories are created 0700. NULL when there is no home. Caller
 * frees. */
char *draft_path(const char *profile);
/* $XDG_STATE_HOME (or ~/.local/state)/conomy-desk/FILE, the directories
 * created 0700; NULL when there is no home. Caller frees. */
char *draft_state_file(const char *file);
/* Writes the open dialog's fields. Returns 0 or -1. */
int draft_save(const char *path, const struct dialog *d);
/* Reads a draft; -1 when there is none or it does not parse. */
int draft_load(const char *path, struct draft *out);
/* Refills an open dialog for the same action and payment from dr. */
void draft_apply(const struct draft *dr, struct dialog *d);

#endif
