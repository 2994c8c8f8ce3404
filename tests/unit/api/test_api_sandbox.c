/*
 * The API client against the real conomy-sandbox ($BUILD_DIR/conomy-sandbox,
 * started here on 127.0.0.1:0 with demo data and killed at exit): full
 * paging with the list envelope, filters, get, 404 and auth errors with
 * trace ids, hostile customer names kept as bytes, and the retry paths
 * driven by the sandbox's one-shot faults (503, 429, drop, truncate).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/api_client.h"
#include "api/api_refunds.h"
#include "sandbox_proc.h"
#include "test.h"

static long admin_faults(const char *body) {
  return sb_admin_faults(body);
}

static enum api_err list_all(struct api_client *c, const char *status,
                             int64_t limit, struct payment_list *l,
                             int64_t *total, int *pages,
                             struct api_error *err) {
  struct api_payment_query q;
  struct api_page pg;
  enum api_err rc;
  memset(&q, 0, sizeof(q));
  q.limit = limit;
  q.status = status;
  *pages = 0;
  for (;;) {
    rc = api_payments_list(c, &q, l, &pg, err);
    if (rc != API_OK)
      return rc;
    (*pages)++;
    *total = pg.total;
    if (!pg.has_next || *pages > 1000)
      return API_OK;
    q.offset = pg.next_offset;
  }
}

static int cmp_str(const void *a, const void *b) {
  return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static void test_full_paging(void) {
  struct api_client *c = sb_client();
  struct payment_list l = {0}, big = {0};
  struct api_error err;
  int64_t total = 0, total2 = 0;
  int pages = 0, pages2 = 0, hostile = 0;
  const char **ids;

  CHECK_INT(list_all(c, NULL, 37, &l, &total, &pages, &err), API_OK);
  CHECK_INT(total, 150);
  CHECK_INT(l.count, 150);
  CHECK_INT(pages, 5);
  /* no duplicates across pages */
  ids = calloc(l.count, sizeof(*ids));
  for (size_t i = 0; i < l.count; i++)
    ids[i] = l.items[i].id;
  qsort(ids, l.count, sizeof(*ids), cmp_str);
  for (size_t i = 1; i < l.count; i++)
    CHECK(strcmp(ids[i - 1], ids[i]) != 0);
  /* one big page gives the same set */
  CHECK_INT(list_all(c, NULL, 500, &big, &total2, &pages2, &err), API_OK);
  CHECK_INT(pages2, 1);
  CHECK_INT(big.count, l.count);
  for (size_t i = 0; i < l.count && i < big.count; i++) {
    CHECK_STR(big.items[i].id, l.items[i].id);
    CHECK_INT(big.items[i].total.minor, l.items[i].total.minor);
  }
  for (size_t i = 0; i < l.count; i++) {
    const struct payment *p = &l.items[i];
    CHECK(strlen(p->id) == 24);
    CHECK(p->status != PAYMENT_STATUS_UNKNOWN);
    CHECK(p->type != PAYMENT_TYPE_UNKNOWN);
    CHECK(p->total.currency[0] != '\0');
    CHECK(p->created_at > 0);
    CHECK(p->raw_json != NULL);
    if (p->customer_name && (strchr(p->customer_name, 0x1b) ||
                             strstr(p->customer_name, "\xe2\x80\xae")))
      hostile++;
  }
  /* the demo's hostile names arrive as bytes, for the display to defuse */
  CHECK(hostile >= 2);
  free(ids);
  payment_list_cleanup(&l);
  payment_list_cleanup(&big);
  api_client_free(&c);
}

static void test_filters_and_get(void) {
  struct api_client *c = sb_client();
  struct payment_list l = {0};
  struct payment p;
  struct api_error err;
  int64_t total = 0;
  int pages = 0, reviews = 0;

  CHECK_INT(list_all(c, "SETTLED", 50, &l, &total, &pages, &err), API_OK);
  CHECK(l.count > 0);
  CHECK_INT(l.count, total);
  for (size_t i = 0; i < l.count; i++)
    CHECK_INT(l.items[i].status, PAYMENT_STATUS_SETTLED);
  payment_list_cleanup(&l);

  CHECK_INT(
      list_all(c, "REQUIRES_REVIEW,CREATED", 50, &l, &total, &pages, &err),
      API_OK);
  CHECK(l.count > 0);
  for (size_t i = 0; i < l.count; i++) {
    CHECK(l.items[i].status == PAYMENT_STATUS_REQUIRES_REVIEW ||
          l.items[i].status == PAYMENT_STATUS_CREATED);
    if (l.items[i].status == PAYMENT_STATUS_REQUIRES_REVIEW) {
      reviews++;
      CHECK(l.items[i].documentation_status != NULL);
    }
  }
  CHECK(reviews > 0);

  CHECK_INT(api_payment_get(c, l.items[0].id, &p, &err), API_OK);
  CHECK_STR(p.id, l.items[0].id);
  CHECK_STR(p.status_raw, l.items[0].status_raw);
  CHECK_INT(p.total.minor, l.items[0].total.minor);
  CHECK_STR(p.total.currency, l.items[0].total.currency);
  payment_cleanup(&p);
  payment_list_cleanup(&l);

  CHECK_INT(api_payment_get(c, "ffffffffffffffffffffffff", &p, &err),
            API_ERR_NOT_FOUND);
  CHECK_INT(err.http_status, 404);
  CHECK_STR(err.api_code, "31");
  CHECK(strlen(err.trace_id) >= 16);

  {
    struct api_payment_query q;
    struct api_page pg;
    memset(&q, 0, sizeof(q));
    q.sort = "nonsense:up";
    CHECK_INT(api_payments_list(c, &q, &l, &pg, &err), API_ERR_REJECTED);
    CHECK_INT(err.http_status, 400);
    CHECK_STR(err.type, "invalidParam");
    CHECK_INT(l.count, 0);
  }
  api_client_free(&c);
}

static void test_refunds_list(void) {
  struct api_client *c = sb_client();
  struct payment_list l = {0};
  struct api_page pg;
  struct api_error err;
  CHECK_INT(api_refunds_list(c, NULL, &l, &pg, &err), API_OK);
  CHECK(l.count > 0);
  for (size_t i = 0; i < l.count; i++) {
    CHECK_INT(l.items[i].type, PAYMENT_TYPE_REFUND);
    CHECK(l.items[i].parent_payment_id != NULL);
  }
  payment_list_cleanup(&l);
  api_client_free(&c);
}

static void test_bad_credentials(void) {
  struct api_config cfg = sb_config();
  struct api_client *c = NULL;
  struct payment_list l = {0};
  struct api_page pg;
  struct api_error err;
  char buf[300];
  cfg.client_secret = "not-the-secret";
  CHECK_INT(api_client_new(&cfg, &c, &err), API_OK);
  CHECK_INT(api_payments_list(c, NULL, &l, &pg, &err), API_ERR_AUTH);
  CHECK(err.trace_id[0] != '\0');
  api_error_format(&err, buf, sizeof(buf));
  CHECK(strstr(buf, "not-the-secret") == NULL);
  api_client_free(&c);
}

static void test_faults_are_retried(void) {
  static const char *const kinds[] = {"503", "429", "drop", "truncate", "500"};
  struct api_client *c = sb_client();
  struct api_error err;
  for (size_t k = 0; k < sizeof(kinds) / sizeof(kinds[0]); k++) {
    struct payment_list l = {0};
    struct api_payment_query q;
    struct api_page pg;
    char body[256];
    memset(&q, 0, sizeof(q));
    q.limit = 10;
    snprintf(body, sizeof(body),
             "{\"once\":[{\"fault\":\"%s\",\"method\":\"GET\","
             "\"pathPrefix\":\"/payments\",\"count\":2}]}",
             kinds[k]);
    CHECK_INT(admin_faults(body), 200);
    CHECK_INT(api_payments_list(c, &q, &l, &pg, &err), API_OK);
    if (l.count != 10)
      fprintf(stderr, "fault %s: %zu items\n", kinds[k], l.count);
    CHECK_INT(l.count, 10);
    payment_list_cleanup(&l);
  }
  /* more faults than attempts: the error names the last one */
  {
    struct payment_list l = {0};
    struct api_page pg;
    CHECK_INT(admin_faults("{\"once\":[{\"fault\":\"503\",\"method\":\"GET\","
                           "\"pathPrefix\":\"/payments\",\"count\":9}]}"),
              200);
    CHECK_INT(api_payments_list(c, NULL, &l, &pg, &err), API_ERR_SERVER);
    CHECK_INT(err.http_status, 503);
    CHECK_INT(l.count, 0);
  }
  CHECK_INT(admin_faults("{}"), 200);
  api_client_free(&c);
}

TEST_LIST = {{"full_paging", test_full_paging},
             {"filters_and_get", test_filters_and_get},
             {"refunds_list", test_refunds_list},
             {"bad_credentials", test_bad_credentials},
             {"faults_are_retried", test_faults_are_retried},
             {NULL, NULL}};

__attribute__((constructor)) static void start(void) {
  static const char *const opts[] = {"--demo-data", "150", "--seed", "7", NULL};
  sandbox_start(opts);
}
