/*
 * app_paging - bounded, self-checking paging. See app_paging.h.
 */
#include "app/app_paging.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"

/* FNV-1a: ids are short and the set lives for one sync. */
static size_t hash(const char *s) {
  uint64_t h = 1469598103934665603ull;
  for (; *s; s++)
    h = (h ^ (unsigned char)*s) * 1099511628211ull;
  return (size_t)h;
}

static size_t find(const struct app_idset *s, const char *id) {
  size_t i = hash(id) & (s->cap - 1);
  while (s->slots[i] && strcmp(s->slots[i], id) != 0)
    i = (i + 1) & (s->cap - 1);
  return i;
}

static void grow(struct app_idset *s) {
  struct app_idset n = {xcalloc(s->cap ? s->cap * 2 : 1024, sizeof(char *)),
                        s->cap ? s->cap * 2 : 1024, s->count};
  for (size_t i = 0; i < s->cap; i++)
    if (s->slots[i])
      n.slots[find(&n, s->slots[i])] = s->slots[i];
  free(s->slots);
  *s = n;
}

bool app_idset_has(const struct app_idset *s, const char *id) {
  return s->cap > 0 && id && s->slots[find(s, id)] != NULL;
}

bool app_idset_add(struct app_idset *s, const char *id) {
  if (id == NULL)
    return false;
  if ((s->count + 1) * 2 > s->cap)
    grow(s);
  size_t i = find(s, id);
  if (s->slots[i])
    return false;
  s->slots[i] = xstrdup(id);
  s->count++;
  return true;
}

void app_idset_cleanup(struct app_idset *s) {
  for (size_t i = 0; i < s->cap; i++)
    free(s->slots[i]);
  free(s->slots);
  memset(s, 0, sizeof(*s));
}

void app_pager_init(struct app_pager *p, int64_t offset) {
  memset(p, 0, sizeof(*p));
  p->offset = p->start = offset;
  p->first_total = -1;
}

void app_pager_cleanup(struct app_pager *p) { app_idset_cleanup(&p->seen); }

static bool stop(struct app_pager *p, const char *why) {
  p->stopped_early = true;
  snprintf(p->why, sizeof p->why, "%s", why);
  return false;
}

bool app_pager_step(struct app_pager *p, const struct api_page *pg,
                    const char *const *ids, size_t nids, size_t anon) {
  char buf[256];
  size_t fresh = anon;
  int64_t asked = p->offset, next;
  p->pages++;
  if (p->pages == 1)
    p->first_total = pg->total;
  if (pg->count <= 0)
    return false;
  for (size_t i = 0; i < nids; i++)
    fresh += app_idset_add(&p->seen, ids[i]);
  p->received += (int64_t)fresh;
  if (fresh == 0) {
    snprintf(buf, sizeof buf,
             "the server sent the same %" PRId64 " items again at offset %"
             PRId64 " (it may ignore `offset`)", pg->count, asked);
    return stop(p, buf);
  }
  if (pg->next_null)
    return false;
  if (pg->next_given) {
    if (pg->next_raw <= asked) {
      snprintf(buf, sizeof buf,
               "the server's `next` (%" PRId64 ") does not move past offset %"
               PRId64, pg->next_raw, asked);
      return stop(p, buf);
    }
    next = pg->next_raw;
  } else if (!pg->has_next) {
    return false;
  } else {
    next = asked + pg->count;
  }
  p->offset = next;
  if (p->first_total >= 0 &&
      next > p->first_total + APP_PAGER_MARGIN(p->first_total)) {
    snprintf(buf, sizeof buf,
             "the server keeps paging past the %" PRId64
             " items it announced (offset %" PRId64 ")", p->first_total, next);
    return stop(p, buf);
  }
  if (p->pages >= APP_PAGER_MAX_PAGES)
    return stop(p, "the server's paging did not end after the most pages "
                   "one sync reads");
  return true;
}

bool app_pager_short(const struct app_pager *p, char *buf, size_t len) {
  int64_t reached = p->start + p->received;
  if (p->first_total < 0 || reached >= p->first_total)
    return false;
  snprintf(buf, len,
           "the server announced %" PRId64 " payments but sent %" PRId64
           " (%" PRId64 " missing)", p->first_total, reached,
           p->first_total - reached);
  return true;
}
