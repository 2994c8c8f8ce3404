/*
 * golden.h - compare rendered text with tests/fixtures/ui/<name>.txt.
 * UPDATE_GOLDEN=1 in the environment rewrites the files instead.
 */
#ifndef DESK_TEST_GOLDEN_H
#define DESK_TEST_GOLDEN_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test.h"

static inline char *golden_read(const char *path) {
  FILE *f = fopen(path, "rb");
  if (f == NULL)
    return NULL;
  size_t cap = 1 << 16, len = 0, n;
  char *buf = malloc(cap);
  while (buf && (n = fread(buf + len, 1, cap - len - 1, f)) > 0) {
    len += n;
    if (len + 1 >= cap) {
      cap *= 2;
      buf = realloc(buf, cap);
    }
  }
  fclose(f);
  if (buf)
    buf[len] = '\0';
  return buf;
}

/* Returns 1 when text equals the golden file (or it was updated). */
static inline int golden_check(const char *name, const char *text) {
  char path[256];
  snprintf(path, sizeof path, "fixtures/ui/%s.txt", name);
  const char *upd = getenv("UPDATE_GOLDEN");
  if (upd && strcmp(upd, "1") == 0) {
    FILE *f = fopen(path, "wb");
    if (f == NULL) {
      fprintf(stderr, "cannot write %s\n", path);
      return 0;
    }
    fputs(text, f);
    fclose(f);
    return 1;
  }
  char *want = golden_read(path);
  if (want == NULL) {
    fprintf(stderr, "missing golden %s (run with UPDATE_GOLDEN=1)\n", path);
    return 0;
  }
  int ok = strcmp(want, text) == 0;
  if (!ok) {
    /* show the first differing line */
    const char *a = want, *b = text;
    int line = 1;
    while (*a && *a == *b) {
      if (*a == '\n')
        line++;
      a++;
      b++;
    }
    fprintf(stderr, "golden %s differs at line %d\n--- got:\n%s\n", path, line,
            text);
  }
  free(want);
  return ok;
}

#endif
