/*
 * statusbar - the bottom status line: environment badge (SANDBOX or an
 * unmistakable PRODUCTION), profile, online/offline, sync state ("synced
 * 2m ago", or progress while syncing), outbox count, read-only, and the
 * last error with its traceId. All text, so nothing relies on colour.
 */
#ifndef DESK_UI_STATUSBAR_H
#define DESK_UI_STATUSBAR_H

#include <stdbool.h>
#include <stdint.h>

#include "app/app.h"
#include "ui/canvas.h"

struct statusbar_info {
  const struct app_status *st;
  const char *profile;
  int64_t now_ms;
  bool read_only;
};

void statusbar_draw(struct canvas *c, int y, const struct statusbar_info *in);

#endif
