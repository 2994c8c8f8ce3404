/*
 * Record-level tolerance of the decoders: exact padded amounts and free
 * currency codes are read; an item that cannot be mapped is skipped into
 * the rejects with its reason and raw JSON, the rest of the page kept;
 * the published envelopes (nested accounts, identities by cursor) and the
 * server's raw `next` reach the caller.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "api/api_reject.h"
#include "api/json_account.h"
#include "api/json_payment.h"
#include "core/money.h"
#include "test.h"

static void test_lenient_amounts(void) {
  struct money m;
  char buf[MONEY_FMT_MAX];
  CHECK_INT(money_parse_lenient("700000.00", "CLP", &m), CORE_OK);
  CHECK_INT(m.minor, 700000);
  CHECK_INT(money_parse_lenient("5000.00", "COP", &m), CORE_OK);
  CHECK_INT(m.minor, 5000);
  CHECK_INT(money_parse_lenient("12.500", "USD", &m), CORE_OK);
  CHECK_INT(m.minor, 1250);
  CHECK_INT(money_parse_lenient("1.005", "CLP", &m), CORE_ERR_PRECISION);
  CHECK_INT(money_parse_lenient("12.3.4", "USD", &m), CORE_ERR_INVALID);
  /* The strict reading (what people type, what the sandbox accepts). */
  CHECK_INT(money_parse("700000.00", "CLP", &m), CORE_ERR_PRECISION);
  CHECK_INT(money_parse("1500.5", "PKR", &m), CORE_ERR_CURRENCY);
  /* A free currency code: millionths, shown with the decimals needed. */
  CHECK_INT(money_parse_lenient("1500.5", "PKR", &m), CORE_OK);
  CHECK_INT(m.minor, 1500500000);
  CHECK(money_format_grouped(&m, buf, sizeof buf) > 0);
  CHECK_STR(buf, "1,500.5");
  CHECK_INT(money_parse_lenient("7", "PKR", &m), CORE_OK);
  CHECK(money_format(&m, buf, sizeof buf) > 0);
  CHECK_STR(buf, "7");
  CHECK_INT(money_parse_lenient("1.0000001", "PKR", &m), CORE_ERR_PRECISION);
  CHECK_INT(money_parse_lenient("1", "TOO LONG", &m), CORE_ERR_CURRENCY);
  CHECK_INT(money_parse_lenient("1", "A\x1b", &m), CORE_ERR_CURRENCY);
}

static void test_page_keeps_good_items(void) {
  char id128[129], id129[130];
  memset(id128, 'b', 128);
  id128[128] = '\0';
  memset(id129, 'c', 129);
  id129[129] = '\0';
  char *text = malloc(4096);
  int n = snprintf(
      text, 4096,
      "{\"results\":["
      "{\"id\":\"a1\",\"totalAmount\":\"700000.00\",\"currency\":\"CLP\"},"
      "{\"id\":\"a2\",\"totalAmount\":12.5,\"currency\":\"USD\"},"
      "{\"id\":\"%s\",\"totalAmount\":\"1.00\",\"currency\":\"USD\"},"
      "{\"id\":\"%s\",\"totalAmount\":\"1.00\",\"currency\":\"USD\"},"
      "\"junk\",null,"
      "{\"id\":\"a3\\u001b[2J\",\"totalAmount\":\"1.00\",\"currency\":\"USD\"},"
      "{\"id\":\"a4\",\"totalAmount\":\"1.005\",\"currency\":\"CLP\"},"
      "{\"id\":\"a5\",\"totalAmount\":\"3\",\"currency\":\"PKR\"}],"
      "\"pagination\":{\"total\":9,\"count\":9,\"next\":null}}",
      id128, id129);
  CHECK(n > 0 && n < 4096);
  cJSON *root = cJSON_Parse(text);
  free(text);
  struct payment_list l = {0};
  struct api_page pg;
  struct api_rejects rej = {0};
  struct api_error err;
  api_error_clear(&err);
  CHECK_INT(json_payment_list(root, 50, 0, &l, &pg, &rej, &err), API_OK);
  CHECK_INT(l.count, 3);
  CHECK_STR(l.items[0].id, "a1");
  CHECK_INT(l.items[0].total.minor, 700000);
  CHECK_STR(l.items[1].id, id128);
  CHECK_STR(l.items[2].id, "a5");
  CHECK_INT(pg.count, 9); /* every item on the page, read or not */
  CHECK(pg.next_null);
  CHECK_INT(rej.count, 6);
  CHECK_STR(rej.items[0].id, "a2");
  CHECK(strstr(rej.items[0].reason, "JSON number") != NULL);
  CHECK(strstr(rej.items[0].raw, "12.5") != NULL);
  CHECK_STR(rej.items[1].id, id129);
  CHECK(strstr(rej.items[1].reason, "longer than 128") != NULL);
  CHECK(rej.items[2].id == NULL);
  CHECK_STR(rej.items[2].raw, "\"junk\"");
  CHECK_STR(rej.items[3].raw, "null");
  CHECK(strstr(rej.items[4].reason, "control characters") != NULL);
  CHECK(strchr(rej.items[4].reason, '\x1b') == NULL); /* sanitised */
  CHECK(strstr(rej.items[5].reason, "not exact") != NULL);
  for (size_t i = 0; i < rej.count; i++)
    CHECK_STR(rej.items[i].kind, "payment");
  payment_list_cleanup(&l);
  /* Without a rejects sink one bad item still fails the page. */
  CHECK_INT(json_payment_list(root, 50, 0, &l, &pg, NULL, &err),
            API_ERR_PARSE);
  CHECK_INT(l.count, 0);
  api_rejects_cleanup(&rej);
  cJSON_Delete(root);
}

static void test_id_problems(void) {
  CHECK(api_reject_id_problem("69e0df45b604159c5b8ba5a9") == NULL);
  CHECK(api_reject_id_problem("pay_ñandú-1") == NULL);
  CHECK(api_reject_id_problem("") != NULL);
  CHECK(api_reject_id_problem(NULL) != NULL);
  CHECK(api_reject_id_problem("a\x7f") != NULL);
  CHECK(api_reject_id_problem("a\xc2\x9b" "b") != NULL); /* C1 CSI */
}

static void test_published_envelopes(void) {
  cJSON *root = cJSON_Parse(
      "{\"pagination\":{\"pagination\":{\"count\":2,\"next\":null,"
      "\"previous\":null,\"total\":2},\"results\":["
      "{\"id\":\"x1\",\"accountNumber\":\"1\",\"currency\":\"USD\","
      "\"balance\":\"1.00\"},{\"id\":\"x2\",\"accountNumber\":\"2\"}]}}");
  struct account_list al = {0};
  struct api_page pg;
  struct api_rejects rej = {0};
  struct api_error err;
  CHECK_INT(json_account_list(root, 50, 0, &al, &pg, &rej, &err), API_OK);
  CHECK_INT(al.count, 2);
  CHECK_INT(pg.total, 2);
  CHECK(!pg.has_next);
  account_list_cleanup(&al);
  cJSON_Delete(root);

  root = cJSON_Parse("{\"data\":[{\"id\":\"i1\"},{\"id\":\"i2\"}],"
                     "\"pagination\":{\"count\":2,\"total\":5,"
                     "\"next\":\"c2\"}}");
  struct identity_list il = {0};
  CHECK_INT(json_identity_list(root, 2, 0, &il, &pg, &rej, &err), API_OK);
  CHECK_INT(il.count, 2);
  CHECK_STR(pg.next_cursor, "c2");
  CHECK(!pg.next_given && !pg.next_null);
  identity_list_cleanup(&il);
  cJSON_Delete(root);

  /* A `next` pointing back is reported as the server said it. */
  root = cJSON_Parse("{\"results\":[{\"id\":\"p\"}],\"pagination\":"
                     "{\"offset\":0,\"total\":1000,\"next\":0}}");
  struct payment_list pl = {0};
  CHECK_INT(json_payment_list(root, 50, 0, &pl, &pg, &rej, &err), API_OK);
  CHECK(pg.next_given);
  CHECK_INT(pg.next_raw, 0);
  payment_list_cleanup(&pl);
  cJSON_Delete(root);
  CHECK_INT(rej.count, 0);
  api_rejects_cleanup(&rej);
}

TEST_LIST = {{"lenient_amounts", test_lenient_amounts},
             {"page_keeps_good_items", test_page_keeps_good_items},
             {"id_problems", test_id_problems},
             {"published_envelopes", test_published_envelopes},
             {NULL, NULL}};
