/*
 * test_xalloc - fatal() runs the hook once, prints the message and aborts;
 * the x* wrappers never return NULL. The fatal paths run in a child.
 */
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "core/xalloc.h"
#include "test.h"

static int hook_fd = -1;

static void hook(void) {
  if (write(hook_fd, "H", 1) != 1)
    _exit(3);
}

/* Read fd to EOF into buf (NUL-terminated, truncated to len - 1). */
static void read_all(int fd, char *buf, size_t len) {
  size_t got = 0;
  for (;;) {
    ssize_t n = read(fd, buf + got, len - 1 - got);
    if (n <= 0)
      break;
    got += (size_t)n;
    if (got == len - 1)
      break;
  }
  buf[got] = '\0';
}

/* Run fn in a child with stderr captured; returns the wait status. */
static int run_child(void (*fn)(void), char *err, size_t errlen,
                     char *hooked, size_t hooklen) {
  int errp[2], hookp[2], status = 0;
  pid_t pid;

  if (pipe(errp) != 0 || pipe(hookp) != 0)
    return -1;
  pid = fork();
  if (pid == 0) {
    dup2(errp[1], 2);
    close(errp[0]);
    close(hookp[0]);
    hook_fd = hookp[1];
    xalloc_set_fatal_hook(hook);
    fn();
    _exit(0);
  }
  close(errp[1]);
  close(hookp[1]);
  read_all(errp[0], err, errlen);
  read_all(hookp[0], hooked, hooklen);
  close(errp[0]);
  close(hookp[0]);
  waitpid(pid, &status, 0);
  return status;
}

static void call_fatal(void) { fatal("boom %d", 42); }

static void call_overflow(void) {
  void *p = xreallocarray(NULL, SIZE_MAX / 2, 4);
  free(p);
}

static void test_fatal(void) {
  char err[512], hooked[8];
  int status = run_child(call_fatal, err, sizeof err, hooked, sizeof hooked);
  if (!WIFSIGNALED(status))
    fprintf(stderr, "  status %#x, stderr: %s\n", status, err);
  CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGABRT);
  CHECK(strstr(err, "conomy-desk: boom 42\n") != NULL);
  CHECK_STR(hooked, "H"); /* exactly once */
}

static void test_size_overflow_is_fatal(void) {
  char err[512], hooked[8];
  int status =
      run_child(call_overflow, err, sizeof err, hooked, sizeof hooked);
  CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGABRT);
  CHECK(strstr(err, "overflow") != NULL);
  CHECK_STR(hooked, "H");
}

TEST_LIST = {
    {"fatal", test_fatal},
    {"size_overflow_is_fatal", test_size_overflow_is_fatal},
    {NULL, NULL},
};
