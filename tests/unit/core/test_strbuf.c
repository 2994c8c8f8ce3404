/*
 * test_strbuf - growth, the hard cap and ownership hand-off.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/strbuf.h"
#include "core/xalloc.h"
#include "test.h"

static void test_basic(void) {
  struct strbuf sb;
  strbuf_init(&sb, 0);
  CHECK_STR(strbuf_str(&sb), "");
  CHECK(sb.buf == NULL);
  CHECK_INT(strbuf_puts(&sb, "hello"), 0);
  CHECK_INT(strbuf_append(&sb, ", ", 2), 0);
  CHECK_INT(strbuf_printf(&sb, "%s %d", "world", 42), 0);
  CHECK_STR(strbuf_str(&sb), "hello, world 42");
  CHECK_INT(sb.len, 15);
  CHECK_INT(strbuf_append(&sb, "", 0), 0);
  CHECK_INT(sb.len, 15);
  strbuf_reset(&sb);
  CHECK_STR(strbuf_str(&sb), "");
  CHECK_INT(sb.len, 0);
  strbuf_cleanup(&sb);
  strbuf_cleanup(&sb); /* twice is fine */
}

static void test_growth(void) {
  struct strbuf sb;
  strbuf_init(&sb, 0);
  for (int i = 0; i < 10000; i++)
    CHECK_INT(strbuf_append(&sb, "0123456789", 10), 0);
  CHECK_INT(sb.len, 100000);
  CHECK(sb.cap > sb.len);
  CHECK_INT(strlen(strbuf_str(&sb)), 100000);
  CHECK(memcmp(sb.buf + 99990, "0123456789", 10) == 0);
  strbuf_cleanup(&sb);
}

static void test_binary(void) {
  struct strbuf sb;
  strbuf_init(&sb, 0);
  CHECK_INT(strbuf_append(&sb, "a\0b", 3), 0);
  CHECK_INT(sb.len, 3);
  CHECK(memcmp(sb.buf, "a\0b\0", 4) == 0);
  strbuf_cleanup(&sb);
}

static void test_cap(void) {
  struct strbuf sb;
  strbuf_init(&sb, 10);
  CHECK_INT(strbuf_append(&sb, "12345", 5), 0);
  CHECK_INT(strbuf_append(&sb, "67890", 5), 0); /* exactly max */
  CHECK(!sb.toobig);
  CHECK_INT(strbuf_append(&sb, "x", 1), -1);
  CHECK(sb.toobig);
  CHECK_STR(strbuf_str(&sb), "1234567890"); /* unchanged */
  CHECK(sb.cap <= 11);                      /* never allocates past max */
  CHECK_INT(strbuf_printf(&sb, "%d", 1), -1);
  CHECK_INT(strbuf_puts(&sb, "y"), -1);
  CHECK_INT(sb.len, 10);
  CHECK(sb.toobig); /* sticky */
  strbuf_reset(&sb);
  CHECK(!sb.toobig);
  CHECK_INT(strbuf_printf(&sb, "%s", "0123456789abc"), -1);
  CHECK_STR(strbuf_str(&sb), "");
  CHECK(sb.toobig);
  strbuf_cleanup(&sb);

  /* A huge length cannot wrap the size arithmetic. */
  strbuf_init(&sb, 0);
  CHECK_INT(strbuf_append(&sb, "ab", 2), 0);
  CHECK_INT(strbuf_append(&sb, "x", SIZE_MAX - 1), -1);
  CHECK(sb.toobig);
  CHECK_STR(strbuf_str(&sb), "ab");
  strbuf_cleanup(&sb);
}

static void test_detach(void) {
  struct strbuf sb;
  char *s;
  strbuf_init(&sb, 100);
  s = strbuf_detach(&sb);
  CHECK_STR(s, "");
  free(s);
  strbuf_puts(&sb, "owned");
  s = strbuf_detach(&sb);
  CHECK_STR(s, "owned");
  CHECK(sb.buf == NULL);
  CHECK_INT(sb.len, 0);
  CHECK_INT(sb.max, 100);
  CHECK_STR(strbuf_str(&sb), "");
  free(s);
  strbuf_cleanup(&sb);
}

static void test_xalloc(void) {
  char *s = xasprintf("%s-%d-%05.1f", "x", 7, 2.5);
  char *d;
  CHECK_STR(s, "x-7-002.5");
  free(s);
  s = xasprintf("%s", "");
  CHECK_STR(s, "");
  free(s);
  CHECK(xstrdup(NULL) == NULL);
  d = xstrndup("abcdef", 3);
  CHECK_STR(d, "abc");
  free(d);
  d = xstrndup("ab", 10);
  CHECK_STR(d, "ab");
  free(d);
  d = xmalloc(0);
  CHECK(d != NULL);
  free(d);
  d = xcalloc(0, 5);
  CHECK(d != NULL);
  free(d);
  {
    int *v = xreallocarray(NULL, 4, sizeof *v);
    v[3] = 9;
    v = xreallocarray(v, 1000, sizeof *v);
    CHECK_INT(v[3], 9);
    free(v);
  }
}

TEST_LIST = {
    {"basic", test_basic},   {"growth", test_growth},
    {"binary", test_binary}, {"cap", test_cap},
    {"detach", test_detach}, {"xalloc", test_xalloc},
    {NULL, NULL},
};
