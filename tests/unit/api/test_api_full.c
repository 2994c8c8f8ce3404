/*
 * The complete client against tests/fixtures/api/fake_server.py: lifecycle
 * actions, refunds, assign, documents (presign + multipart upload +
 * register), customers, accounts, identities, unassigned balances; POSTs
 * that are never retried and whose lost answers are UNKNOWN_OUTCOME.
 */
#include <string.h>
#include <unistd.h>

#include "api/api_accounts.h"
#include "api/api_actions.h"
#include "api/api_client.h"
#include "api/api_customers.h"
#include "api/api_documents.h"
#include "api/api_payments.h"
#include "api/api_refunds.h"
#include "fake_server.h"
#include "test.h"

#define PID "69e0df45b604159c5b8ba5a9"

static struct api_client *client_for(const char *scenario) {
  struct api_config cfg = fake_config(scenario);
  struct api_client *c = NULL;
  struct api_error err;
  if (api_client_new(&cfg, &c, &err) != API_OK)
    exit(2);
  return c;
}

static const char *last_header(const char *scenario, const char *name,
                               char *buf, size_t len) {
  cJSON *last = fake_get(scenario, "_last");
  const cJSON *h = cJSON_GetObjectItemCaseSensitive(last, "headers");
  const char *v =
      cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(h, name));
  snprintf(buf, len, "%s", v ? v : "(none)");
  cJSON_Delete(last);
  return buf;
}

static const char *last_body(const char *scenario, char *buf, size_t len) {
  cJSON *last = fake_get(scenario, "_last");
  const char *v =
      cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(last, "body"));
  snprintf(buf, len, "%s", v ? v : "(none)");
  cJSON_Delete(last);
  return buf;
}

static void test_lifecycle_actions(void) {
  struct api_client *c = client_for("full");
  struct payment p;
  struct api_error err;
  char buf[256];

  CHECK_INT(api_payment_authorize(c, PID, "key-auth-1", &p, &err), API_OK);
  CHECK_STR(p.id, PID);
  CHECK_INT(p.status, PAYMENT_STATUS_AUTHORIZED);
  CHECK_STR(last_header("full", "idempotency-key", buf, sizeof(buf)),
            "key-auth-1");
  payment_cleanup(&p);

  /* the recipe's partial answer {"id","status","capturedAt"} */
  CHECK_INT(api_payment_capture(c, PID, NULL, &p, &err), API_OK);
  CHECK_INT(p.status, PAYMENT_STATUS_CAPTURED);
  CHECK(p.captured_at > 0);
  CHECK_STR(last_header("full", "idempotency-key", buf, sizeof(buf)), "(none)");
  payment_cleanup(&p);

  CHECK_INT(api_payment_resolve_review(c, PID, API_REVIEW_PATH_DASH, API_REVIEW_APPROVE, NULL, "k2",
                                       &p, &err),
            API_OK);
  CHECK_INT(p.status, PAYMENT_STATUS_CAPTURED);
  CHECK_STR(last_body("full", buf, sizeof(buf)), "{\"decision\":\"APPROVED\"}");
  payment_cleanup(&p);

  CHECK_INT(api_payment_resolve_review(c, PID, API_REVIEW_PATH_DASH, API_REVIEW_REJECT,
                                       "blurry \"scan\"", "k3", &p, &err),
            API_OK);
  CHECK_INT(p.status, PAYMENT_STATUS_FAILED);
  CHECK_STR(last_body("full", buf, sizeof(buf)),
            "{\"decision\":\"REJECTED\",\"reason\":\"blurry \\\"scan\\\"\"}");
  CHECK_STR(p.review_reason, "blurry \"scan\"");
  payment_cleanup(&p);

  CHECK_INT(api_payment_resolve_review(c, PID, API_REVIEW_PATH_DASH, API_REVIEW_REJECT, NULL, NULL,
                                       &p, &err),
            API_ERR_CONFIG);

  CHECK_INT(api_payment_request_review(c, PID, "manual check", NULL, &p, &err),
            API_OK);
  CHECK_INT(p.status, PAYMENT_STATUS_REQUIRES_REVIEW);
  CHECK_STR(p.documentation_status, "PENDING_UPLOAD");
  payment_cleanup(&p);
  /* out may be NULL */
  CHECK_INT(api_payment_capture(c, PID, NULL, NULL, &err), API_OK);
  /* header injection through the key is refused before sending */
  CHECK_INT(api_payment_capture(c, PID, "a\r\nX-Evil: 1", NULL, &err),
            API_ERR_CONFIG);
  api_client_free(&c);
}

static void test_refunds(void) {
  struct api_client *c = client_for("full");
  struct api_refund_result r;
  struct api_payment_refunds pr;
  struct payment_list l = {0};
  struct api_page pg;
  struct api_error err;
  struct money amt;
  char buf[256];
  int before;

  CHECK_INT(money_parse("150.00", "ARS", &amt), CORE_OK);
  before = fake_count("full", "POST /payments/" PID "/refund");
  CHECK_INT(api_refund_create(c, PID, &amt, "partial", "rk-1", &r, &err),
            API_OK);
  CHECK_STR(r.refund_id, "69e25383b604159c5b8ba5bb");
  CHECK_STR(r.parent_payment_id, PID);
  CHECK_INT(r.status, PAYMENT_STATUS_RECEIVED);
  CHECK_INT(r.amount.minor, 15000);
  CHECK_STR(r.amount.currency, "ARS");
  CHECK(r.created_at > 0);
  CHECK_STR(last_body("full", buf, sizeof(buf)),
            "{\"amount\":\"150.00\",\"reason\":\"partial\"}");
  CHECK_STR(last_header("full", "idempotency-key", buf, sizeof(buf)), "rk-1");
  api_refund_result_cleanup(&r);
  /* no amount: the whole refundable balance */
  CHECK_INT(api_refund_create(c, PID, NULL, NULL, NULL, &r, &err), API_OK);
  CHECK_INT(r.amount.minor, 185000);
  CHECK_STR(last_body("full", buf, sizeof(buf)), "{}");
  api_refund_result_cleanup(&r);
  CHECK_INT(fake_count("full", "POST /payments/" PID "/refund"), before + 2);
  amt.minor = 0;
  CHECK_INT(api_refund_create(c, PID, &amt, NULL, NULL, &r, &err),
            API_ERR_CONFIG);

  CHECK_INT(api_payment_refunds_get(c, PID, &pr, &err), API_OK);
  CHECK_STR(pr.parent_id, PID);
  CHECK_INT(pr.refunds.count, 1);
  CHECK_INT(pr.refunds.items[0].type, PAYMENT_TYPE_REFUND);
  CHECK_STR(pr.refunds.items[0].parent_payment_id, PID);
  CHECK(pr.has_summary);
  CHECK_STR(pr.summary.parent_id, PID);
  CHECK_INT(pr.summary.parent_amount.minor, 200000);
  CHECK_INT(pr.summary.total_in_progress.minor, 15000);
  CHECK_INT(pr.summary.max_refundable.minor, 185000);
  CHECK_STR(pr.summary.max_refundable.currency, "ARS");
  CHECK_INT(pr.summary.total_refunded.minor, 0);
  CHECK_INT(pr.summary.in_progress_count, 1);
  api_payment_refunds_cleanup(&pr);

  /* /refunds 404 without an API body -> the older /refund alias */
  CHECK_INT(api_refunds_list(c, NULL, &l, &pg, &err), API_OK);
  CHECK_INT(l.count, 2);
  CHECK_INT(l.items[0].type, PAYMENT_TYPE_REFUND);
  CHECK_INT(l.items[1].total.minor, 5);
  CHECK_STR(l.items[1].total.currency, "CLP");
  CHECK_INT(pg.total, 2);
  CHECK(!pg.has_next);
  payment_list_cleanup(&l);
  api_client_free(&c);
}

static void test_refund_rejected_422(void) {
  struct api_client *c = client_for("ok");
  struct api_refund_result r;
  struct api_error err;
  char buf[300];
  CHECK_INT(api_refund_create(c, PID, NULL, NULL, "k", &r, &err),
            API_ERR_REJECTED);
  CHECK_INT(err.http_status, 422);
  CHECK_STR(err.api_code, "21");
  CHECK_STR(err.type, "failedPrecondition");
  api_error_format(&err, buf, sizeof(buf));
  CHECK_STR(buf, "rejected by API (422 failedPrecondition): amount exceeds "
                 "maxRefundable [trace 0f0f0f0f-1111-2222-3333-444444444444]");
  CHECK_INT(fake_count("ok", "POST /payments/" PID "/refund"), 1);
  api_client_free(&c);
}

static void test_post_timeout_is_unknown_outcome(void) {
  struct api_config cfg = fake_config("posttimeout");
  struct api_client *c = NULL;
  struct api_refund_result r;
  struct api_error err;
  cfg.total_timeout_ms = 400;
  cfg.max_retries = 5;
  CHECK_INT(api_client_new(&cfg, &c, &err), API_OK);
  CHECK_INT(api_refund_create(c, PID, NULL, NULL, "same-key", &r, &err),
            API_ERR_UNKNOWN_OUTCOME);
  CHECK_INT(err.code, API_ERR_UNKNOWN_OUTCOME);
  usleep(1300 * 1000); /* let the server finish its slow answer */
  CHECK_INT(fake_count("posttimeout", "POST /payments/" PID "/refund"), 1);
  api_client_free(&c);
}

static void test_post_dropped_is_unknown_outcome(void) {
  struct api_client *c = client_for("postdrop");
  struct payment p;
  struct api_error err;
  CHECK_INT(api_payment_capture(c, PID, "k", &p, &err),
            API_ERR_UNKNOWN_OUTCOME);
  CHECK_INT(fake_count("postdrop", "POST /payments/" PID "/captured"), 1);
  api_client_free(&c);
}

static void test_post_connection_refused_is_network(void) {
  struct api_config cfg = fake_config("ok");
  struct api_client *c = NULL;
  struct payment p;
  struct api_error err;
  cfg.base_url = "http://127.0.0.1:1/x";
  CHECK_INT(api_client_new(&cfg, &c, &err), API_OK);
  /* the auth fails first: nothing was sent, so the outcome is known */
  CHECK_INT(api_payment_capture(c, PID, "k", &p, &err), API_ERR_NETWORK);
  api_client_free(&c);
}

static void test_assign(void) {
  struct api_client *c = client_for("full");
  struct api_assign_result a;
  struct api_error err;
  struct money exp;
  char buf[256];
  CHECK_INT(money_parse("10000.00", "ARS", &exp), CORE_OK);
  CHECK_INT(api_payment_assign(c, "69e25246baa9fd9b463d6baf",
                               "173854531105176050117", &exp, "ak", &a, &err),
            API_OK);
  CHECK_STR(a.payment_id, "69e25246baa9fd9b463d6baf");
  CHECK_STR(a.account_number, "173854531105176050117");
  CHECK_INT(a.status, PAYMENT_STATUS_SETTLED);
  CHECK_STR(a.reconciliation_status, "UNDERPAID");
  CHECK_STR(a.child_payment_id, "69e25247baa9fd9b463d6bb0");
  CHECK(a.settled_at > 0);
  CHECK_STR(last_body("full", buf, sizeof(buf)),
            "{\"accountNumber\":\"173854531105176050117\","
            "\"expectedAmount\":\"10000.00\"}");
  api_assign_result_cleanup(&a);
  CHECK_INT(api_payment_assign(c, "x", NULL, NULL, NULL, &a, &err),
            API_ERR_CONFIG);
  api_client_free(&c);
}

struct progress_seen {
  int calls;
  int64_t last_sent, total;
};

static int on_progress(void *ud, int64_t sent, int64_t total) {
  struct progress_seen *s = ud;
  s->calls++;
  s->last_sent = sent;
  if (total > 0)
    s->total = total;
  return 0;
}

static void test_document_upload(void) {
  struct api_client *c = client_for("full");
  struct api_document_result d;
  struct api_error err;
  struct progress_seen seen = {0};
  char path[] = "/tmp/desk-api-doc-XXXXXX";
  char url[256];
  FILE *f;
  int fd;
  size_t n = 300 * 1024;
  unsigned char *data = malloc(n);
  cJSON *up;
  const cJSON *h;

  for (size_t i = 0; i < n; i++)
    data[i] = (unsigned char)(i * 7 + (i >> 8));
  fd = mkstemp(path);
  CHECK(fd >= 0);
  f = fdopen(fd, "wb");
  CHECK(fwrite(data, 1, n, f) == n);
  fclose(f);

  CHECK_INT(api_document_upload_file(c, PID, "source_of_funds", path,
                                     "application/pdf", on_progress, &seen,
                                     "dk", &d, &err),
            API_OK);
  CHECK_STR(d.payment_id, PID);
  CHECK_STR(d.documentation_status, "UPLOADED");
  CHECK_STR(d.document.status, "UPLOADED");
  CHECK_STR(d.document.type, "source_of_funds");
  CHECK(seen.calls > 0);
  CHECK(seen.total >= (int64_t)n);
  CHECK_INT(seen.last_sent, seen.total);

  /* the presigned URL got the fields and the file, and no API headers */
  up = fake_get("full", "_lastupload");
  h = cJSON_GetObjectItemCaseSensitive(up, "headers");
  CHECK(cJSON_GetObjectItemCaseSensitive(h, "x-api-key") == NULL);
  CHECK(cJSON_GetObjectItemCaseSensitive(h, "authorization") == NULL);
  CHECK_INT(cJSON_GetNumberValue(cJSON_GetObjectItemCaseSensitive(up, "size")),
            (double)n);
  CHECK_STR(
      cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(up, "filename")),
      strrchr(path, '/') + 1);
  cJSON_Delete(up);

  /* the bytes at canonicalUrl are the file's bytes */
  snprintf(url, sizeof(url),
           "_files/payments/%s/source_of_funds/"
           "20260417T150000Z",
           PID);
  {
    struct http *hh = NULL;
    struct http_response rs;
    struct http_request rq;
    char full[300];
    snprintf(full, sizeof(full), "%s/%s", fake_url("full"), url);
    memset(&rq, 0, sizeof(rq));
    rq.url = full;
    http_response_init(&rs);
    CHECK_INT(http_new(NULL, &hh), API_OK);
    CHECK_INT(http_perform(hh, &rq, &rs, &err), API_OK);
    CHECK_INT(rs.body.len, n);
    CHECK(rs.body.len == n && memcmp(rs.body.buf, data, n) == 0);
    http_response_cleanup(&rs);
    http_free(&hh);
  }
  {
    char body[512], want[512];
    snprintf(want, sizeof(want),
             "{\"type\":\"source_of_funds\",\"url\":\"%s/%s\","
             "\"contentType\":\"application/pdf\"}",
             fake_url("full"), url);
    CHECK_STR(last_body("full", body, sizeof(body)), want);
  }
  api_document_result_cleanup(&d);
  unlink(path);
  free(data);

  /* a missing file fails before anything is sent */
  {
    int presigns =
        fake_count("full", "POST /payments/" PID "/documents/presign");
    CHECK_INT(api_document_upload_file(c, PID, "kyc", "/nonexistent/x.pdf",
                                       NULL, NULL, NULL, NULL, &d, &err),
              API_ERR_IO);
    CHECK(strstr(err.detail, "/nonexistent/x.pdf") != NULL);
    CHECK_INT(fake_count("full", "POST /payments/" PID "/documents/presign"),
              presigns);
  }
  /* a presigned URL in plain http off loopback is refused */
  {
    struct api_presign ps;
    char *names[1] = {NULL}, *values[1] = {NULL};
    memset(&ps, 0, sizeof(ps));
    ps.url = (char *)(uintptr_t) "http://uploads.example.com/";
    ps.field_names = names;
    ps.field_values = values;
    CHECK_INT(
        api_document_upload(c, &ps, "/etc/hostname", NULL, NULL, NULL, &err),
        API_ERR_CONFIG);
  }
  api_client_free(&c);
}

static void test_customers(void) {
  struct api_client *c = client_for("full");
  struct customer_list l = {0};
  struct customer cu;
  struct api_payment_customer pc;
  struct api_customer_document_result dr;
  struct api_page pg;
  struct api_error err;

  CHECK_INT(api_customers_list(c, NULL, &l, &pg, &err), API_OK);
  CHECK_INT(l.count, 2);
  CHECK_STR(l.items[1].first_name, "Zoë");
  CHECK_INT(l.items[0].documents_count, 1);
  CHECK_STR(l.items[0].documents[0].status, "UPLOADED");
  CHECK(l.items[0].auto_created);
  customer_list_cleanup(&l);

  CHECK_INT(api_customer_get(c, "69e25243baa9fd9b463d6bac", &cu, &err), API_OK);
  CHECK_STR(cu.operation_level, "BASIC");
  CHECK_STR(cu.document_number, "23111222331");
  CHECK(!cu.is_documented);
  customer_cleanup(&cu);
  CHECK_INT(api_customer_get(c, "000000000000000000000000", &cu, &err),
            API_ERR_NOT_FOUND);

  CHECK_INT(api_payment_customer_get(c, PID, &pc, &err), API_OK);
  CHECK(pc.attached && pc.present);
  CHECK_STR(pc.customer.last_name, "Nuevo");
  api_payment_customer_cleanup(&pc);

  CHECK_INT(api_customer_document_add(c, "69e25243baa9fd9b463d6bac", "kyc",
                                      "https://d.example/k", "image/png", NULL,
                                      &dr, &err),
            API_OK);
  CHECK_STR(dr.customer_id, "69e25243baa9fd9b463d6bac");
  CHECK_STR(dr.document.status, "UPLOADED");
  api_customer_document_result_cleanup(&dr);

  CHECK_INT(api_customer_document_approve(c, "69e25243baa9fd9b463d6bac", 0,
                                          NULL, &cu, &err),
            API_OK);
  CHECK(cu.is_documented);
  customer_cleanup(&cu);
  CHECK_INT(fake_count("full", "POST /customers/69e25243baa9fd9b463d6bac/"
                               "documents/0/approve"),
            1);
  CHECK_INT(api_customer_document_reject(c, "69e25243baa9fd9b463d6bac", 0,
                                         "expired id", NULL, &cu, &err),
            API_OK);
  CHECK_STR(cu.id, "69e25243baa9fd9b463d6bac");
  customer_cleanup(&cu);
  CHECK_INT(api_customer_document_reject(c, "69e25243baa9fd9b463d6bac", 0, "",
                                         NULL, &cu, &err),
            API_ERR_CONFIG);
  api_client_free(&c);
}

static void test_accounts_identities_unassigned(void) {
  struct api_client *c = client_for("full");
  struct account_list al = {0};
  struct account a;
  struct identity_list il = {0};
  struct identity idn;
  struct payment_list pl = {0};
  struct api_unassigned_totals tot;
  struct api_unassigned_summary us;
  struct api_page pg;
  struct api_error err;

  CHECK_INT(api_accounts_list(c, NULL, &al, &pg, &err), API_OK);
  CHECK_INT(al.count, 2);
  CHECK_INT(al.items[0].balance.minor, 150025);
  CHECK_STR(al.items[0].balance.currency, "ARS");
  CHECK_STR(al.items[0].name, "Operaciones");
  CHECK_INT(al.items[1].balance.minor, 10);
  CHECK_INT(pg.total, 2);
  CHECK(!pg.has_next);
  account_list_cleanup(&al);
  CHECK_INT(api_account_get(c, "69b30d599e252a224cfe6bd7", &a, &err), API_OK);
  CHECK_STR(a.account_number, "173854531105176050117");
  account_cleanup(&a);

  CHECK_INT(api_identities_list(c, NULL, &il, &pg, &err), API_OK);
  CHECK_INT(il.count, 1);
  CHECK_STR(il.items[0].name, "Operator Uno");
  identity_list_cleanup(&il);
  CHECK_INT(api_identity_get(c, "679d26c44a21df7584b38e11", &idn, &err),
            API_OK);
  CHECK_STR(idn.type, "ORGANIZATION");
  identity_cleanup(&idn);

  CHECK_INT(api_payments_unassigned(c, NULL, &pl, &pg, &tot, &err), API_OK);
  CHECK_INT(pl.count, 1);
  CHECK_STR(pl.items[0].id, "69e25246baa9fd9b463d6baf");
  CHECK_INT(pl.items[0].total.minor, 750000);
  CHECK_INT(pl.items[0].status, PAYMENT_STATUS_CREATED);
  CHECK_INT(pl.items[0].type, PAYMENT_TYPE_TOPUP_ACCOUNT);
  CHECK_STR(pl.items[0].customer_name, "Carlos Nuevo");
  CHECK(pl.items[0].expires_at > 0 && pl.items[0].created_at > 0);
  CHECK_INT(tot.total, 12);
  CHECK(tot.has_amount);
  CHECK_INT(tot.amount.minor, 5230050);
  CHECK_INT(pg.total, 12);
  CHECK(pg.has_next);
  payment_list_cleanup(&pl);

  CHECK_INT(api_accounts_unassigned(c, "cid", &us, &err), API_OK);
  CHECK_INT(us.count, 3);
  CHECK_INT(us.total_amount.minor, 1500000);
  CHECK_INT(us.urgent_count, 1);
  CHECK_STR(us.urgent[0].originante_name, "Juan Perez");
  CHECK_INT(us.urgent[0].amount.minor, 750000);
  api_unassigned_summary_cleanup(&us);
  api_client_free(&c);
}

TEST_LIST = {
    {"lifecycle_actions", test_lifecycle_actions},
    {"refunds", test_refunds},
    {"refund_rejected_422", test_refund_rejected_422},
    {"post_timeout_is_unknown_outcome", test_post_timeout_is_unknown_outcome},
    {"post_dropped_is_unknown_outcome", test_post_dropped_is_unknown_outcome},
    {"post_connection_refused_is_network",
     test_post_connection_refused_is_network},
    {"assign", test_assign},
    {"document_upload", test_document_upload},
    {"customers", test_customers},
    {"accounts_identities_unassigned", test_accounts_identities_unassigned},
    {NULL, NULL}};

__attribute__((constructor)) static void start(void) {
  fake_server_start();
}
