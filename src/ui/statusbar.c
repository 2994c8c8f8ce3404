/*
 * statusbar - see statusbar.h.
 */
#include "ui/statusbar.h"

#include <stdio.h>
#include <stdlib.h>

#include "core/sanitize.h"
#include "core/timeutil.h"

/* " | syncing [###.......] 12/40", " | synced 2m ago" or " | never synced". */
static void sync_text(const struct app_status *st, int64_t now_ms, char *buf,
                      size_t len) {
  if (st->syncing) {
    if (st->sync_total > 0) {
      int pct = (int)(st->sync_done * 100 / st->sync_total);
      if (pct > 100)
        pct = 100;
      char bar[11];
      int fill = pct / 10;
      for (int i = 0; i < 10; i++)
        bar[i] = i < fill ? '#' : '.';
      bar[10] = '\0';
      snprintf(buf, len, " | syncing [%s] %lld/%lld", bar,
               (long long)st->sync_done, (long long)st->sync_total);
    } else {
      snprintf(buf, len, " | syncing...");
    }
  } else if (st->last_sync_ms > 0) {
    char age[16];
    if (time_format_age(st->last_sync_ms, now_ms, age, sizeof age) < 0)
      snprintf(age, sizeof age, "?");
    snprintf(buf, len, " | synced %s ago", age);
  } else {
    snprintf(buf, len, " | never synced");
  }
}

void statusbar_draw(struct canvas *c, int y, const struct statusbar_info *in) {
  const struct app_status *st = in->st;
  int w = c->w;
  int x = 0;
  char buf[320];
  canvas_fill(c, 0, y, w, 1, ROLE_STATUSBAR);
  char *host = sanitize_text(st->env_host ? st->env_host : "?");
  if (st->production)
    snprintf(buf, sizeof buf, " !! PRODUCTION %s !! ", host);
  else
    snprintf(buf, sizeof buf, " SANDBOX %s ", host);
  free(host);
  x += canvas_text(c, x, y, w - x, buf,
                   st->production ? ROLE_ENV_PRODUCTION : ROLE_ENV_SANDBOX);
  char *prof = sanitize_text(in->profile ? in->profile : "default");
  snprintf(buf, sizeof buf, " %s", prof);
  free(prof);
  x += canvas_text(c, x, y, w - x, buf, ROLE_STATUSBAR);
  const char *net = st->offline ? "OFFLINE MODE"
                    : st->unreachable_since_ms ? "offline"
                    : st->online || (st->syncing && st->sync_done > 0)
                        ? "online"
                    : st->last_sync_ms || st->last_error[0] ? "offline"
                                                            : "connecting";
  snprintf(buf, sizeof buf, " | %s", net);
  if (!st->offline && st->unreachable_since_ms && !st->syncing &&
      st->retry_at_ms > in->now_ms)
    snprintf(buf, sizeof buf, " | offline, retry in %llds",
             (long long)((st->retry_at_ms - in->now_ms + 999) / 1000));
  else if (!st->offline && st->unreachable_since_ms)
    snprintf(buf, sizeof buf, " | offline, retrying");
  x += canvas_text(c, x, y, w - x, buf, ROLE_STATUSBAR);
  sync_text(st, in->now_ms, buf, sizeof buf);
  x += canvas_text(c, x, y, w - x, buf, ROLE_STATUSBAR);
  if (st->uploading && st->upload_total > 0) {
    int pct = (int)(st->upload_sent * 100 / st->upload_total);
    if (pct > 100)
      pct = 100;
    char bar[11];
    for (int i = 0; i < 10; i++)
      bar[i] = i < pct / 10 ? '#' : '.';
    bar[10] = '\0';
    snprintf(buf, sizeof buf, " | uploading [%s] %d%%", bar, pct);
    x += canvas_text(c, x, y, w - x, buf, ROLE_STATUSBAR);
  }
  if (st->outbox_pending > 0) {
    snprintf(buf, sizeof buf, " | outbox %lld", (long long)st->outbox_pending);
    x += canvas_text(c, x, y, w - x, buf, ROLE_WARN);
  }
  if (st->quarantined > 0) { /* records a sync could not read */
    snprintf(buf, sizeof buf, " | quarantined %lld",
             (long long)st->quarantined);
    x += canvas_text(c, x, y, w - x, buf, ROLE_WARN);
  }
  if (in->read_only)
    x += canvas_text(c, x, y, w - x, " | READ-ONLY", ROLE_STATUSBAR);
  if (st->last_error[0] && x + 4 < w) {
    x += canvas_text(c, x, y, w - x, " | ", ROLE_STATUSBAR);
    char *e = sanitize_text(st->last_error);
    snprintf(buf, sizeof buf, "error: %s", e);
    free(e);
    canvas_text(c, x, y, w - x, buf, ROLE_ERROR);
  }
}
