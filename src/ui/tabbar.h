/*
 * tabbar - the top line: the six panes with their number keys and row
 * counts ("1 Payments 200"), the active one highlighted (and bracketed,
 * so it shows without colour), short names when the terminal is narrow.
 */
#ifndef DESK_UI_TABBAR_H
#define DESK_UI_TABBAR_H

#include <stddef.h>
#include <stdint.h>

#include "ui/canvas.h"

struct tabbar_tab {
  const char *name;
  const char *short_name;
  int64_t count; /* -1 = unknown (no figure), TABBAR_COUNTING = "…" */
};
/* A count still being computed in the background: shown as "…". */
#define TABBAR_COUNTING (-2)

void tabbar_draw(struct canvas *c, int y, const struct tabbar_tab *tabs,
                 size_t n, size_t active, const char *right);

#endif
