/*
 * tabbar - see tabbar.h.
 */
#include "ui/tabbar.h"

#include <stdbool.h>
#include <stdio.h>

static int render(struct canvas *c, int y, const struct tabbar_tab *tabs,
                  size_t n, size_t active, bool shortn, bool draw) {
  int x = 0;
  for (size_t i = 0; i < n; i++) {
    char buf[64];
    const char *name = shortn ? tabs[i].short_name : tabs[i].name;
    bool on = i == active;
    if (tabs[i].count >= 0)
      snprintf(buf, sizeof buf, "%c%zu %s %lld%c", on ? '[' : ' ', i + 1, name,
               (long long)tabs[i].count, on ? ']' : ' ');
    else if (tabs[i].count == TABBAR_COUNTING)
      snprintf(buf, sizeof buf, "%c%zu %s %s%c", on ? '[' : ' ', i + 1, name,
               c->ascii ? "..." : "\xe2\x80\xa6", on ? ']' : ' ');
    else
      snprintf(buf, sizeof buf, "%c%zu %s%c", on ? '[' : ' ', i + 1, name,
               on ? ']' : ' ');
    if (draw)
      x += canvas_text(c, x, y, c->w - x, buf, on ? ROLE_TAB_ACTIVE : ROLE_TAB);
    else
      x += canvas_text_width(buf, c->ascii);
    x += 1;
  }
  return x;
}

void tabbar_draw(struct canvas *c, int y, const struct tabbar_tab *tabs,
                 size_t n, size_t active, const char *right) {
  canvas_fill(c, 0, y, c->w, 1, ROLE_TAB);
  int rw = right ? canvas_text_width(right, c->ascii) : 0;
  bool shortn = render(c, y, tabs, n, active, false, false) + rw > c->w;
  int used = render(c, y, tabs, n, active, shortn, true);
  if (right && used + rw <= c->w)
    canvas_text_right(c, c->w, y, rw, right, ROLE_DIM);
}
