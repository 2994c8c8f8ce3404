/*
 * msglog - the session's messages. See msglog.h.
 */
#include "ui/msglog.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/sanitize.h"

void msglog_add(struct msglog *l, int64_t at_ms, enum ui_role role,
                const char *text) {
  if (text == NULL || *text == '\0')
    return;
  char *clean = sanitize_text(text);
  const struct msglog_entry *last = msglog_get(l, 0);
  if (last == NULL || strcmp(last->text, clean) != 0) {
    struct msglog_entry *e = &l->e[l->next];
    e->at_ms = at_ms;
    e->role = role;
    snprintf(e->text, sizeof e->text, "%s", clean);
    l->next = (l->next + 1) % MSGLOG_MAX;
    if (l->count < MSGLOG_MAX)
      l->count++;
  }
  free(clean);
}

const struct msglog_entry *msglog_get(const struct msglog *l, size_t i) {
  if (i >= l->count)
    return NULL;
  return &l->e[(l->next + MSGLOG_MAX - 1 - i) % MSGLOG_MAX];
}
