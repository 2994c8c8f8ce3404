/*
 * xalloc - allocation that never returns NULL.
 *
 * conomy-desk is an interactive application: on out-of-memory it restores the
 * terminal (through the registered fatal hook) and aborts, as tmux and htop
 * do. Every other failure in the program is propagated as a value. Raw
 * malloc/realloc/strdup are not used outside this module. Memory owned by
 * cJSON, curl or SQLite is freed with their own functions.
 */
#ifndef DESK_CORE_XALLOC_H
#define DESK_CORE_XALLOC_H

#include <stddef.h>

/* Called once before abort() on a fatal error (the UI sets it to endwin). */
void xalloc_set_fatal_hook(void (*hook)(void));

/* Print "conomy-desk: <msg>" to stderr after running the fatal hook, then
 * abort(). For programming errors and out-of-memory only. */
void fatal(const char *fmt, ...) __attribute__((noreturn, format(printf, 1, 2)));

void *xmalloc(size_t size);
void *xcalloc(size_t nmemb, size_t size);
void *xrealloc(void *ptr, size_t size);
void *xreallocarray(void *ptr, size_t nmemb, size_t size);
/* xstrdup(NULL) returns NULL. */
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
/* Caller owns the result; free with free(). */
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
