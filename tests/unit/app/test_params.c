/* app_params: outbox bodies round-trip exactly, whatever the text. */
#include <stdlib.h>

#include "app/app_params.h"
#include "test.h"

static void test_roundtrip(void) {
  struct strbuf sb;
  strbuf_init(&sb, 0);
  app_params_begin(&sb);
  app_params_add(&sb, "amount", "150.00");
  app_params_add(&sb, "reason", "say \"hi\" \\ back\n\x1b[2J tab\t & = %");
  app_params_add(&sb, "skipped", NULL);
  app_params_add(&sb, "name", "José 山田");
  app_params_end(&sb);
  CHECK_STR(strbuf_str(&sb),
            "{\"amount\":\"150.00\",\"reason\":\"say \\\"hi\\\" \\\\ back"
            "\\u000a\\u001b[2J tab\\u0009 & = %\",\"name\":\"José 山田\"}");
  char *v = app_params_get(strbuf_str(&sb), "reason");
  CHECK_STR(v, "say \"hi\" \\ back\n\x1b[2J tab\t & = %");
  free(v);
  v = app_params_get(strbuf_str(&sb), "amount");
  CHECK_STR(v, "150.00");
  free(v);
  v = app_params_get(strbuf_str(&sb), "name");
  CHECK_STR(v, "José 山田");
  free(v);
  CHECK(app_params_get(strbuf_str(&sb), "skipped") == NULL);
  CHECK(app_params_get(strbuf_str(&sb), "amoun") == NULL);
  strbuf_cleanup(&sb);
}

static void test_empty_and_bad(void) {
  CHECK(app_params_get("{}", "a") == NULL);
  CHECK(app_params_get(NULL, "a") == NULL);
  CHECK(app_params_get("", "a") == NULL);
  CHECK(app_params_get("{\"a\":\"unterminated", "a") == NULL);
  CHECK(app_params_get("{\"a\":1}", "a") == NULL);
  CHECK(app_params_get("{\"a\":\"\\uZZZZ\"}", "a") == NULL);
}

TEST_LIST = {
    {"roundtrip", test_roundtrip},
    {"empty_and_bad", test_empty_and_bad},
    {NULL, NULL},
};
