/*
 * xalloc - allocation that never returns NULL.
 *
 * The only file that calls malloc/calloc/realloc/strdup directly. Every
 * wrapper aborts through fatal() (which runs the registered hook first, so
 * the terminal is restored) when memory runs out. Zero sizes are rounded up
 * to one byte so that a successful call never returns NULL.
 */
#include "core/xalloc.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void (*fatal_hook)(void);

void xalloc_set_fatal_hook(void (*hook)(void)) { fatal_hook = hook; }

void fatal(const char *fmt, ...) {
  void (*hook)(void) = fatal_hook;
  va_list ap;

  /* Run the hook once, even if it fails and re-enters fatal(). */
  fatal_hook = NULL;
  if (hook != NULL)
    hook();
  fputs("conomy-desk: ", stderr);
  va_start(ap, fmt);
  vfprintf(stderr, fmt, ap);
  va_end(ap);
  fputc('\n', stderr);
  abort();
}

void *xmalloc(size_t size) {
  void *p = malloc(size ? size : 1);
  if (p == NULL)
    fatal("out of memory (malloc %zu bytes)", size);
  return p;
}

void *xcalloc(size_t nmemb, size_t size) {
  void *p;
  if (nmemb == 0 || size == 0) {
    nmemb = 1;
    size = 1;
  }
  p = calloc(nmemb, size);
  if (p == NULL)
    fatal("out of memory (calloc %zu x %zu bytes)", nmemb, size);
  return p;
}

void *xrealloc(void *ptr, size_t size) {
  void *p = realloc(ptr, size ? size : 1);
  if (p == NULL)
    fatal("out of memory (realloc %zu bytes)", size);
  return p;
}

void *xreallocarray(void *ptr, size_t nmemb, size_t size) {
  size_t total;
  if (__builtin_mul_overflow(nmemb, size, &total))
    fatal("allocation size overflow (%zu x %zu)", nmemb, size);
  return xrealloc(ptr, total);
}

char *xstrdup(const char *s) {
  if (s == NULL)
    return NULL;
  return xstrndup(s, strlen(s));
}

char *xstrndup(const char *s, size_t n) {
  char *p;
  size_t len = 0;
  if (s == NULL)
    return NULL;
  while (len < n && s[len] != '\0')
    len++;
  if (len == SIZE_MAX)
    fatal("allocation size overflow (strndup)");
  p = xmalloc(len + 1);
  memcpy(p, s, len);
  p[len] = '\0';
  return p;
}

char *xasprintf(const char *fmt, ...) {
  va_list ap;
  int n;
  char *p;

  va_start(ap, fmt);
  n = vsnprintf(NULL, 0, fmt, ap);
  va_end(ap);
  if (n < 0)
    fatal("xasprintf: bad format \"%s\"", fmt);
  p = xmalloc((size_t)n + 1);
  va_start(ap, fmt);
  n = vsnprintf(p, (size_t)n + 1, fmt, ap);
  va_end(ap);
  if (n < 0)
    fatal("xasprintf: bad format \"%s\"", fmt);
  return p;
}
