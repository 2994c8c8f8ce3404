/*
 * msglog - the desk's messages of this session, whole: every error and
 * warning shown on the bottom line (which cuts them to the terminal's
 * width) and every new error of the worker (sync, network, actions) with
 * its full traceId. The Messages view (`M`, `:messages`) lists them and
 * copies one; the Activity pane shows the errors too.
 */
#ifndef DESK_UI_MSGLOG_H
#define DESK_UI_MSGLOG_H

#include <stddef.h>
#include <stdint.h>

#include "ui/canvas.h"

#define MSGLOG_MAX 200
#define MSGLOG_TEXT 1024

struct msglog_entry {
  int64_t at_ms;
  enum ui_role role;
  char text[MSGLOG_TEXT]; /* sanitised */
};

struct msglog {
  struct msglog_entry e[MSGLOG_MAX];
  size_t next, count; /* ring: next slot to write, entries held */
};

/* Appends text (sanitised here); the oldest entry goes when full. The same
 * text as the newest entry is not repeated. */
void msglog_add(struct msglog *l, int64_t at_ms, enum ui_role role,
                const char *text);
/* Entry i, 0 = newest; NULL past the end. */
const struct msglog_entry *msglog_get(const struct msglog *l, size_t i);

#endif
