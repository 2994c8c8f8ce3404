/*
 * draft - see draft.h. Format: "key=value" lines; values are the user's
 * own single-line text (the line editor accepts no control characters).
 */
#include "ui/draft.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/xalloc.h"

static int mkdir_0700(const char *path) {
  if (mkdir(path, 0700) == 0 || errno == EEXIST)
    return 0;
  return -1;
}

char *draft_state_file(const char *file) {
  const char *state = getenv("XDG_STATE_HOME");
  const char *home = getenv("HOME");
  char *base;
  if (state && *state == '/')
    base = xstrdup(state);
  else if (home && *home)
    base = xasprintf("%s/.local/state", home);
  else
    return NULL;
  /* make the path, one level at a time (state may not exist yet) */
  for (char *p = base + 1; *p; p++) {
    if (*p == '/') {
      *p = '\0';
      mkdir_0700(base);
      *p = '/';
    }
  }
  mkdir_0700(base);
  char *dir = xasprintf("%s/conomy-desk", base);
  free(base);
  if (mkdir_0700(dir) != 0) {
    free(dir);
    return NULL;
  }
  char *path = xasprintf("%s/%s", dir, file);
  free(dir);
  return path;
}

char *draft_path(const char *profile) {
  char name[64];
  const char *pr = profile && *profile ? profile : "default";
  size_t i = 0;
  for (; pr[i] && i + 1 < sizeof name; i++) {
    char ch = pr[i];
    bool ok = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
              (ch >= '0' && ch <= '9') || ch == '-' || ch == '_';
    name[i] = ok ? ch : '_';
  }
  name[i] = '\0';
  char *file = xasprintf("draft-%s", name);
  char *path = draft_state_file(file);
  free(file);
  return path;
}

int draft_save(const char *path, const struct dialog *d) {
  if (!d->open || d->p.id == NULL)
    return -1;
  int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
  if (fd < 0)
    return -1;
  FILE *f = fdopen(fd, "w");
  if (f == NULL) {
    close(fd);
    return -1;
  }
  fprintf(f, "action=%d\npayment=%s\nfields=%zu\n", (int)d->action, d->p.id,
          d->nf);
  for (size_t i = 0; i < d->nf; i++) {
    const struct dialog_field *fl = &d->f[i];
    /* a choice is kept by its text: the list may differ next time */
    fprintf(f, "value%zu=%s\n", i,
            fl->kind == DIALOG_CHOICE && fl->nchoices ? fl->choices[fl->choice]
                                                      : fl->value);
  }
  return fclose(f) == 0 ? 0 : -1;
}

static long parse_num(const char *s, long max) {
  char *end;
  errno = 0;
  long v = strtol(s, &end, 10);
  if (errno || end == s || *end != '\0' || v < 0 || v > max)
    return -1;
  return v;
}

int draft_load(const char *path, struct draft *out) {
  FILE *f = fopen(path, "r");
  if (f == NULL)
    return -1;
  memset(out, 0, sizeof *out);
  char line[PROMPT_MAX + 32];
  int have = 0;
  while (fgets(line, sizeof line, f)) {
    line[strcspn(line, "\n")] = '\0';
    char *eq = strchr(line, '=');
    if (eq == NULL)
      continue;
    *eq = '\0';
    const char *k = line, *v = eq + 1;
    long n;
    if (strcmp(k, "action") == 0) {
      if ((n = parse_num(v, APP_ACTION_COUNT_ - 1)) < 0)
        break;
      out->action = (enum app_action_kind)n;
      have |= 1;
    } else if (strcmp(k, "payment") == 0) {
      snprintf(out->payment_id, sizeof out->payment_id, "%s", v);
      have |= 2;
    } else if (strcmp(k, "fields") == 0) {
      if ((n = parse_num(v, DIALOG_MAX_FIELDS)) < 0)
        break;
      out->nf = (size_t)n;
      have |= 4;
    } else if (strncmp(k, "value", 5) == 0 &&
               (n = parse_num(k + 5, DIALOG_MAX_FIELDS - 1)) >= 0) {
      snprintf(out->values[n], sizeof out->values[n], "%s", v);
    }
  }
  fclose(f);
  return have == 7 && out->payment_id[0] ? 0 : -1;
}

void draft_apply(const struct draft *dr, struct dialog *d) {
  if (!d->open || d->action != dr->action || d->nf != dr->nf)
    return;
  for (size_t i = 0; i < d->nf; i++) {
    struct dialog_field *f = &d->f[i];
    if (f->kind == DIALOG_CHOICE) {
      for (size_t c = 0; c < f->nchoices; c++)
        if (strcmp(f->choices[c], dr->values[i]) == 0)
          f->choice = c;
    } else {
      snprintf(f->value, sizeof f->value, "%s", dr->values[i]);
    }
  }
}
