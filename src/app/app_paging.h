/*
 * app_paging - bounded, self-checking walk over a server's offset paging
 * (internal to src/app).
 *
 * The server's word is checked, never trusted: the walk advances from the
 * offset it ASKED for (an echoed offset is ignored) by the server's `next`
 * when that moves forward, else by the items actually received (so a
 * server capping `limit` skips nothing). It stops, and says why, when
 *   - a page brings no id not already seen in this walk (a server that
 *     ignores `offset` or repeats itself),
 *   - `next` does not move past the offset asked for,
 *   - the offset passes the first page's `total` plus a margin, or
 *   - APP_PAGER_MAX_PAGES pages were read (a last resort bound).
 */
#ifndef DESK_APP_APP_PAGING_H
#define DESK_APP_APP_PAGING_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "api/api_client.h"

#define APP_PAGER_MAX_PAGES 100000
/* Slack past the announced total before the walk calls it endless. */
#define APP_PAGER_MARGIN(total) ((total) / 10 + 1000)

struct app_idset {
  char **slots;
  size_t cap, count;
};

struct app_pager {
  int64_t offset;      /* the offset to ask for next */
  int64_t start;       /* where this walk started */
  int64_t first_total; /* `total` of the first page, -1 unknown */
  int64_t pages, received; /* received: distinct items */
  bool stopped_early;  /* done because the server's paging was wrong */
  char why[256];       /* set when stopped_early */
  struct app_idset seen;
};

void app_pager_init(struct app_pager *p, int64_t offset);
void app_pager_cleanup(struct app_pager *p);

/* Adds id to the set; true when it was not there. */
bool app_idset_add(struct app_idset *s, const char *id);
bool app_idset_has(const struct app_idset *s, const char *id);
void app_idset_cleanup(struct app_idset *s);

/* Feeds the page just read at p->offset: ids[0..nids) are the ids of its
 * items (mapped or quarantined), anon the items without one. Returns true
 * when another page should be read (p->offset is where), false when the
 * walk is over (p->stopped_early and p->why tell whether it ended early). */
bool app_pager_step(struct app_pager *p, const struct api_page *pg,
                    const char *const *ids, size_t nids, size_t anon);

/* After the walk: a warning in buf (returns true) when fewer items than
 * the first page's total were reached. */
bool app_pager_short(const struct app_pager *p, char *buf, size_t len);

#endif
