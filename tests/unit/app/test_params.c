/* app_params: action bodies are printed by cJSON and read back exactly,
 * whatever the text; a NULL value is left out. */
#include <stdlib.h>

#include "api/json_view.h"
#include "app/app_params.h"
#include "test.h"

static void test_roundtrip(void) {
  struct app_params p = {0};
  const char *reason = "say \"hi\" \\ back\n\x1b[2J tab\t & = %";
  app_params_add(&p, "amount", "150.00");
  app_params_add(&p, "reason", reason);
  app_params_add(&p, "skipped", NULL);
  app_params_add(&p, "name", "José 山田");
  char *json = app_params_json(&p);
  CHECK_STR(json, "{\"amount\":\"150.00\",\"reason\":\"say \\\"hi\\\" \\\\ back"
                  "\\n\\u001b[2J tab\\t & = %\",\"name\":\"José 山田\"}");
  /* read back through the same parser: the fields come back as sent (the
   * flattened view sanitises for display, so compare the clean parts) */
  struct json_field *f;
  size_t n = json_view_flatten(json, &f);
  CHECK_INT(n, 3);
  if (n == 3) {
    CHECK_STR(f[0].path, "amount");
    CHECK_STR(f[0].value, "150.00");
    CHECK_STR(f[2].path, "name");
    CHECK_STR(f[2].value, "José 山田");
  }
  json_fields_free(f, n);
  free(json);
}

static void test_empty(void) {
  struct app_params p = {0};
  char *json = app_params_json(&p);
  CHECK_STR(json, "{}");
  free(json);
  app_params_add(&p, "a", NULL);
  json = app_params_json(&p);
  CHECK_STR(json, "{}");
  free(json);
}

TEST_LIST = {
    {"roundtrip", test_roundtrip},
    {"empty", test_empty},
    {NULL, NULL},
};
