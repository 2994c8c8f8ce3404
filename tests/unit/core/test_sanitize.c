/*
 * test_sanitize - every class of dangerous byte becomes visible text.
 */
#include <stdlib.h>
#include <string.h>

#include "core/sanitize.h"
#include "core/xalloc.h"
#include "test.h"

struct san_case {
  const char *in;
  const char *out;
};

static const struct san_case cases[] = {
    /* terminal title injection and screen clear */
    {"\x1b]0;pwned\x07", "^[]0;pwned^G"},
    {"Ana\x1b[2J", "Ana^[[2J"},
    {"\x1b[31mred\x1b[0m", "^[[31mred^[[0m"},
    /* other C0 and DEL */
    {"a\tb\nc\rd", "a^Ib^Jc^Md"},
    {"\x01\x1f\x7f", "^A^_^?"},
    {"bell\x07", "bell^G"},
    /* C1 controls as UTF-8: CSI U+009B, NEL U+0085, U+0080, U+009F */
    {"\xc2\x9b" "2J", "<U+009B>2J"},
    {"\xc2\x85", "<U+0085>"},
    {"\xc2\x80\xc2\x9f", "<U+0080><U+009F>"},
    /* bidi controls */
    {"abc\xe2\x80\xae" "fdp.exe", "abc<U+202E>fdp.exe"},
    {"\xe2\x81\xa6x\xe2\x81\xa9", "<U+2066>x<U+2069>"},
    {"\xe2\x80\xaa\xe2\x80\xab\xe2\x80\xac\xe2\x80\xad",
     "<U+202A><U+202B><U+202C><U+202D>"},
    {"\xe2\x81\xa7\xe2\x81\xa8", "<U+2067><U+2068>"},
    {"\xe2\x80\x8e\xe2\x80\x8f", "<U+200E><U+200F>"},
    {"\xd8\x9c", "<U+061C>"},
    /* other format characters (category Cf): invisible, so two names that
     * look the same would differ unseen */
    {"Ana\xe2\x80\x8b Souza", "Ana<U+200B> Souza"},     /* zero-width space */
    {"\xef\xbb\xbf" "Ana", "<U+FEFF>Ana"},                /* BOM */
    {"a\xe2\x80\x8c\xe2\x80\x8d" "b", "a<U+200C><U+200D>b"}, /* ZWNJ, ZWJ */
    {"a\xe2\x81\xa0" "b\xe2\x81\xa4", "a<U+2060>b<U+2064>"}, /* WJ, inv. plus */
    {"so\xc2\xad" "ft", "so<U+00AD>ft"},                  /* soft hyphen */
    {"\xd8\x80" "1", "<U+0600>1"},                      /* arabic number sign */
    {"x\xf3\xa0\x80\x81y", "x<U+E0001>y"},             /* language tag */
    {"\xf3\xa0\x81\x81", "<U+E0041>"},                 /* tag latin A */
    {"\xef\xbf\xb9", "<U+FFF9>"},                       /* annotation anchor */
    /* their neighbours are ordinary text */
    {"\xe2\x80\x90\xef\xbb\xbe", "\xe2\x80\x90\xef\xbb\xbe"},
    /* invalid UTF-8 */
    {"a\x80" "b", "a\\x80b"},                     /* lone continuation */
    {"\xc0\x80", "\\xC0\\x80"},                   /* overlong NUL */
    {"\xc1\xbf", "\\xC1\\xBF"},                   /* overlong */
    {"\xe0\x80\xaf", "\\xE0\\x80\\xAF"},          /* overlong 3-byte */
    {"\xf0\x80\x80\xaf", "\\xF0\\x80\\x80\\xAF"}, /* overlong 4-byte */
    {"\xed\xa0\x80", "\\xED\\xA0\\x80"},          /* surrogate */
    {"\xed\xbf\xbf", "\\xED\\xBF\\xBF"},          /* surrogate */
    {"\xf4\x90\x80\x80", "\\xF4\\x90\\x80\\x80"}, /* > U+10FFFF */
    {"\xf5\x80\x80\x80", "\\xF5\\x80\\x80\\x80"},
    {"\xff\xfe", "\\xFF\\xFE"},
    {"\xe2\x82", "\\xE2\\x82"},                   /* truncated at end */
    {"\xe2\x82x", "\\xE2\\x82x"},                 /* truncated mid */
    {"\xf0\x9f\x98", "\\xF0\\x9F\\x98"},
    {"\xc3", "\\xC3"},
    /* valid text is unchanged */
    {"", ""},
    {"plain ASCII ~!@#$%&*()", "plain ASCII ~!@#$%&*()"},
    {"Jos\xc3\xa9 Mar\xc3\xad" "a Gonz\xc3\xa1" "lez Pe\xc3\xb1" "a",
     "Jos\xc3\xa9 Mar\xc3\xad" "a Gonz\xc3\xa1" "lez Pe\xc3\xb1" "a"},
    {"\xe7\x8e\x8b\xe5\xb0\x8f\xe6\x98\x8e", "\xe7\x8e\x8b\xe5\xb0\x8f\xe6\x98\x8e"},
    {"\xd0\x98\xd0\xb2\xd0\xb0\xd0\xbd", "\xd0\x98\xd0\xb2\xd0\xb0\xd0\xbd"},
    {"\xd9\x85\xd8\xad\xd9\x85\xd8\xaf", "\xd9\x85\xd8\xad\xd9\x85\xd8\xaf"},
    {"\xf0\x9f\x98\x80 ok", "\xf0\x9f\x98\x80 ok"},
    {"\xf4\x8f\xbf\xbf", "\xf4\x8f\xbf\xbf"},      /* U+10FFFF itself */
    {"\xc2\xa0\xc2\xa9", "\xc2\xa0\xc2\xa9"},      /* U+00A0, U+00A9 */
    {"\xed\x9f\xbf\xee\x80\x80", "\xed\x9f\xbf\xee\x80\x80"}, /* D7FF E000 */
    {"\xe2\x80\xa9", "\xe2\x80\xa9"},              /* U+2029: not listed */
};

static void test_cases(void) {
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    char *got = sanitize_text(cases[i].in);
    CHECK_STR(got, cases[i].out);
    CHECK(sanitize_is_clean(cases[i].in) ==
          (strcmp(cases[i].in, cases[i].out) == 0));
    /* Sanitising twice changes nothing more. */
    CHECK(sanitize_is_clean(got));
    free(got);
  }
}

static void test_null_and_bytes(void) {
  char *s = sanitize_text(NULL);
  CHECK_STR(s, "");
  free(s);
  CHECK(sanitize_is_clean(NULL));

  s = sanitize_bytes("a\0b\0", 4);
  CHECK_STR(s, "a^@b^@");
  free(s);
  s = sanitize_bytes("\xe2\x82\xac\0\xe2\x82", 6);
  CHECK_STR(s, "\xe2\x82\xac^@\\xE2\\x82");
  free(s);
  s = sanitize_bytes("abc", 0);
  CHECK_STR(s, "");
  free(s);
  s = sanitize_bytes(NULL, 5);
  CHECK_STR(s, "");
  free(s);
  /* A sequence cut by the length limit is invalid even if bytes follow. */
  s = sanitize_bytes("\xc3\xa9", 1);
  CHECK_STR(s, "\\xC3");
  free(s);
}

static void test_every_c0(void) {
  for (int c = 1; c < 0x20; c++) {
    char in[2] = {(char)c, 0};
    char want[3] = {'^', (char)(c == 0x1b ? '[' : c + 0x40), 0};
    char *got = sanitize_text(in);
    CHECK_STR(got, want);
    CHECK(!sanitize_is_clean(in));
    free(got);
  }
}

static void test_long_input(void) {
  size_t n = 100000;
  char *in = xmalloc(n + 1);
  char *out;
  for (size_t i = 0; i < n; i++)
    in[i] = (char)(i % 2 ? 0x1b : 'x');
  in[n] = '\0';
  out = sanitize_text(in);
  CHECK_INT(strlen(out), n / 2 * 3);
  CHECK(strchr(out, 0x1b) == NULL);
  free(in);
  free(out);
}

/* JSON output: the same characters as \\u escapes, everything else as is. */
static void test_json_text(void) {
  char *j = sanitize_json_text(
      "{\"n\":\"A\xe2\x80\x8b\xc2\x9b\xe2\x80\xae\xf3\xa0\x80\x81 \xc3\xa9\"}");
  CHECK_STR(j, "{\"n\":\"A\\u200B\\u009B\\u202E\\uDB40\\uDC01 \xc3\xa9\"}");
  free(j);
  j = sanitize_json_text(NULL);
  CHECK_STR(j, "");
  free(j);
  CHECK(sanitize_is_hidden(0xFEFF));
  CHECK(sanitize_is_hidden(0x1B));
  CHECK(!sanitize_is_hidden(0xE9));
  CHECK(!sanitize_is_clean("Ana\xe2\x80\x8b"));
}

TEST_LIST = {
    {"cases", test_cases},
    {"json_text", test_json_text},
    {"null_and_bytes", test_null_and_bytes},
    {"every_c0", test_every_c0},
    {"long_input", test_long_input},
    {NULL, NULL},
};
