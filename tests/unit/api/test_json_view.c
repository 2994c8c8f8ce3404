/*
 * json_view (raw and field renderings through cJSON) and file_digest
 * (SHA-256 through OpenSSL): what the detail view and the upload dialog
 * show, sanitised, with hostile and broken input.
 */
#include <locale.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "api/file_digest.h"
#include "api/json_view.h"
#include "test.h"

static void utf8(void) { setlocale(LC_CTYPE, "C.UTF-8"); }

static void test_flatten(void) {
  utf8();
  const char *j = "{\"a\":1,\"b\":{\"c\":\"x\\u001b]0;pwned\\u0007\"},"
                  "\"d\":[true,null,\"\\u00e9\"],\"e\":{},\"f\":\"12.50\"}";
  struct json_field *f;
  size_t n = json_view_flatten(j, &f);
  CHECK_INT(n, 7);
  if (n == 7) {
    CHECK_STR(f[0].path, "a");
    CHECK_STR(f[0].value, "1");
    CHECK_STR(f[1].path, "b.c");
    CHECK_STR(f[1].value, "x^[]0;pwned^G");
    CHECK_STR(f[2].path, "d[0]");
    CHECK_STR(f[2].value, "true");
    CHECK_STR(f[3].value, "null");
    CHECK_STR(f[4].value, "\xc3\xa9");
    CHECK_STR(f[5].value, "{}");
    CHECK_STR(f[6].value, "12.50"); /* a string amount stays as sent */
  }
  json_fields_free(f, n);
  /* hostile keys are sanitised too */
  n = json_view_flatten("{\"\\u001b[2J\":{\"\\u202e\":1}}", &f);
  CHECK_INT(n, 1);
  if (n == 1)
    CHECK(strchr(f[0].path, 0x1b) == NULL && strstr(f[0].path, "\xe2\x80\xae") == NULL);
  json_fields_free(f, n);
  n = json_view_flatten("not json", &f);
  CHECK_INT(n, 0);
  json_fields_free(f, n);
}

static void test_pretty(void) {
  utf8();
  char **lines;
  size_t n = json_view_pretty("{\"a\":[1,2],\"b\":\"\\u001b[2J\",\"c\":[],"
                              "\"d\":{}}", &lines);
  CHECK_INT(n, 9);
  if (n == 9) {
    CHECK_STR(lines[0], "{");
    CHECK_STR(lines[1], "  \"a\": [");
    CHECK_STR(lines[2], "    1,");
    CHECK_STR(lines[3], "    2");
    CHECK_STR(lines[4], "  ],");
    CHECK_STR(lines[5], "  \"b\": \"\\u001b[2J\",");
    CHECK_STR(lines[6], "  \"c\": [],");
    CHECK_STR(lines[7], "  \"d\": {}");
    CHECK_STR(lines[8], "}");
  }
  for (size_t i = 0; i < n; i++)
    CHECK(strchr(lines[i], 0x1b) == NULL);
  text_lines_free(lines, n);
  /* not JSON: shown as its own sanitised lines */
  n = json_view_pretty("not json \x07\nsecond \x1b[2J", &lines);
  CHECK_INT(n, 2);
  if (n == 2) {
    CHECK_STR(lines[0], "not json ^G");
    CHECK_STR(lines[1], "second ^[[2J");
  }
  text_lines_free(lines, n);
  n = json_view_pretty(NULL, &lines);
  CHECK_INT(n, 1);
  text_lines_free(lines, n);
  /* deep nesting is refused by the parser, not a stack overflow */
  char deep[5000];
  memset(deep, '[', sizeof deep - 1);
  deep[sizeof deep - 1] = '\0';
  struct json_field *f;
  n = json_view_flatten(deep, &f);
  CHECK_INT(n, 0);
  json_fields_free(f, n);
  n = json_view_pretty(deep, &lines);
  CHECK(n == 1);
  text_lines_free(lines, n);
}

static void write_file(const char *path, const char *data, size_t n) {
  FILE *fp = fopen(path, "wb");
  CHECK(fp != NULL);
  if (fp == NULL)
    return;
  CHECK(fwrite(data, 1, n, fp) == n);
  fclose(fp);
}

static void test_digest(void) {
  char path[] = "/tmp/desk-digest.XXXXXX";
  int fd = mkstemp(path);
  CHECK(fd >= 0);
  close(fd);
  char hex[65];
  int64_t size = -1;
  write_file(path, "abc", 3);
  CHECK_INT(file_digest_sha256(path, 1024, hex, &size), 0);
  CHECK_STR(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  CHECK_INT(size, 3);
  write_file(path, "", 0);
  CHECK_INT(file_digest_sha256(path, 1024, hex, &size), 0);
  CHECK_STR(hex, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  CHECK_INT(size, 0);
  /* over the limit: refused without reading the whole file */
  static char big[200000];
  memset(big, 'x', sizeof big);
  write_file(path, big, sizeof big);
  CHECK_INT(file_digest_sha256(path, 100000, hex, &size), -2);
  CHECK(size > 100000 && size <= (int64_t)sizeof big);
  CHECK_INT(file_digest_sha256(path, (int64_t)sizeof big, hex, &size), 0);
  CHECK_INT(size, (int64_t)sizeof big);
  unlink(path);
  CHECK_INT(file_digest_sha256(path, 1024, hex, &size), -1);
}

TEST_LIST = {
    {"flatten", test_flatten},
    {"pretty", test_pretty},
    {"digest", test_digest},
    {NULL, NULL},
};
