/*
 * The complete client against the real conomy-sandbox: lifecycle actions,
 * idempotent replays, review documents (presign + multipart upload +
 * register, bytes read back), refunds and their summary, a refund whose
 * answer is lost after the sandbox committed it (UNKNOWN_OUTCOME, exactly
 * one refund in the ledger, the same key then replays it), assign with an
 * expected amount, customers, accounts, identities, cross-tenant 404.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "api/api_accounts.h"
#include "api/api_actions.h"
#include "api/api_client.h"
#include "api/api_customers.h"
#include "api/api_documents.h"
#include "api/api_payments.h"
#include "api/api_refunds.h"
#include "sandbox_proc.h"
#include "test.h"

static struct api_client *C;

/* Every payment with `status` (a comma list), newest first. */
static void all_with(const char *status, struct payment_list *l) {
  struct api_payment_query q;
  struct api_page pg;
  struct api_error err;
  memset(&q, 0, sizeof(q));
  q.status = status;
  q.limit = 200;
  for (;;) {
    if (api_payments_list(C, &q, l, &pg, &err) != API_OK) {
      fprintf(stderr, "list %s: %s\n", status, err.detail);
      exit(2);
    }
    if (!pg.has_next)
      break;
    q.offset = pg.next_offset;
  }
}

/* Runs `act` on CREATED payments (not unassigned topups, not `skip`) until
 * one is accepted: a demo customer may be INACTIVE, which the sandbox
 * refuses with 422. Returns the id (caller frees) and *p the answer. */
static char *act_on_created(const char *skip,
                            enum api_err (*act)(const char *id,
                                                struct payment *p,
                                                struct api_error *err),
                            struct payment *p) {
  struct payment_list l = {0};
  struct api_error err;
  char *id = NULL;
  all_with("CREATED", &l);
  for (size_t i = 0; i < l.count && id == NULL; i++) {
    if (l.items[i].account_number == NULL ||
        l.items[i].type == PAYMENT_TYPE_REFUND ||
        (skip && strcmp(skip, l.items[i].id) == 0))
      continue;
    if (act(l.items[i].id, p, &err) == API_OK)
      id = strdup(l.items[i].id);
    else
      payment_cleanup(p);
  }
  payment_list_cleanup(&l);
  if (id == NULL) {
    fprintf(stderr, "no actionable CREATED payment in the demo data\n");
    exit(2);
  }
  return id;
}

static enum api_err do_authorize(const char *id, struct payment *p,
                                 struct api_error *err) {
  return api_payment_authorize(C, id, "auth-a-1", p, err);
}

static enum api_err do_request_review(const char *id, struct payment *p,
                                      struct api_error *err) {
  return api_payment_request_review(C, id, "manual high-value check", NULL, p,
                                    err);
}

static int ledger_count(const char *idem_key) {
  char path[256];
  cJSON *r;
  int n;
  snprintf(path, sizeof(path), "/_admin/ledger?idempotencyKey=%s", idem_key);
  r = sb_admin("GET", path, NULL, NULL);
  n = (int)cJSON_GetNumberValue(cJSON_GetObjectItemCaseSensitive(r, "count"));
  cJSON_Delete(r);
  return n;
}

static void test_lifecycle(void) {
  struct payment p;
  struct api_error err;
  char *a = act_on_created(NULL, do_authorize, &p), *b;

  CHECK_INT(p.status, PAYMENT_STATUS_AUTHORIZED);
  CHECK(p.authorized_at > 0);
  payment_cleanup(&p);
  /* the same key replays the first answer instead of failing */
  CHECK_INT(api_payment_authorize(C, a, "auth-a-1", &p, &err), API_OK);
  CHECK_INT(p.status, PAYMENT_STATUS_AUTHORIZED);
  payment_cleanup(&p);
  CHECK_INT(ledger_count("auth-a-1"), 1);
  /* a new key meets the state machine: someone already acted */
  CHECK_INT(api_payment_authorize(C, a, "auth-a-2", &p, &err),
            API_ERR_REJECTED);
  CHECK_INT(err.http_status, 422);
  CHECK_STR(err.type, "failedPrecondition");
  CHECK(err.trace_id[0] != '\0');

  CHECK_INT(api_payment_capture(C, a, NULL, &p, &err), API_OK);
  CHECK(p.status == PAYMENT_STATUS_CAPTURED ||
        p.status == PAYMENT_STATUS_REQUIRES_REVIEW);
  payment_cleanup(&p);

  b = act_on_created(a, do_request_review, &p);
  CHECK_INT(p.status, PAYMENT_STATUS_REQUIRES_REVIEW);
  CHECK_STR(p.documentation_status, "PENDING_UPLOAD");
  payment_cleanup(&p);
  CHECK_INT(api_payment_resolve_review(C, b, API_REVIEW_PATH_DASH, API_REVIEW_REJECT,
                                       "documents do not match", NULL, &p,
                                       &err),
            API_OK);
  CHECK_INT(p.status, PAYMENT_STATUS_FAILED);
  payment_cleanup(&p);
  CHECK_INT(api_payment_get(C, b, &p, &err), API_OK);
  CHECK_INT(p.status, PAYMENT_STATUS_FAILED);
  payment_cleanup(&p);
  free(a);
  free(b);
}

static void test_review_document_upload(void) {
  struct payment_list l = {0};
  struct api_document_result d;
  struct payment p;
  struct api_error err;
  const char *id = NULL;
  char path[] = "/tmp/desk-sbx-doc-XXXXXX";
  unsigned char data[70000];
  int fd;

  all_with("REQUIRES_REVIEW", &l);
  for (size_t i = 0; i < l.count && id == NULL; i++)
    if (l.items[i].documentation_status &&
        strcmp(l.items[i].documentation_status, "PENDING_UPLOAD") == 0)
      id = l.items[i].id;
  CHECK(id != NULL);
  if (id == NULL) {
    payment_list_cleanup(&l);
    return;
  }
  for (size_t i = 0; i < sizeof(data); i++)
    data[i] = (unsigned char)(i * 31 + 7);
  fd = mkstemp(path);
  CHECK(fd >= 0 && write(fd, data, sizeof(data)) == (ssize_t)sizeof(data));
  close(fd);

  CHECK_INT(api_document_upload_file(C, id, "source_of_funds", path,
                                     "application/pdf", NULL, NULL, "doc-1", &d,
                                     &err),
            API_OK);
  CHECK_STR(d.documentation_status, "UPLOADED");
  CHECK_STR(d.document.status, "UPLOADED");
  CHECK(d.document.url != NULL);
  /* the sandbox kept the bytes: read them back from canonicalUrl */
  if (d.document.url) {
    struct http *h = NULL;
    struct http_request rq;
    struct http_response rs;
    cJSON *tok;
    char body[512], auth[1024], key[256];
    const char *hdrs[4];
    snprintf(body, sizeof(body),
             "{\"clientId\":\"%s\",\"clientSecret\":"
             "\"%s\"}",
             sb_id, sb_secret);
    snprintf(key, sizeof(key), "x-api-key: %s", sb_key);
    snprintf(auth, sizeof(auth), "%s/auth", sb_base);
    hdrs[0] = key;
    hdrs[1] = NULL;
    memset(&rq, 0, sizeof(rq));
    rq.method = HTTP_POST;
    rq.url = auth;
    rq.headers = hdrs;
    rq.body = body;
    rq.body_len = strlen(body);
    http_new(NULL, &h);
    http_response_init(&rs);
    CHECK_INT(http_perform(h, &rq, &rs, &err), API_OK);
    tok = cJSON_ParseWithLength(rs.body.buf, rs.body.len);
    snprintf(auth, sizeof(auth), "Authorization: Bearer %s",
             cJSON_GetStringValue(
                 cJSON_GetObjectItemCaseSensitive(tok, "accessToken")));
    cJSON_Delete(tok);
    hdrs[1] = auth;
    hdrs[2] = "User-Agent: test";
    hdrs[3] = NULL;
    memset(&rq, 0, sizeof(rq));
    rq.url = d.document.url;
    rq.headers = hdrs;
    CHECK_INT(http_perform(h, &rq, &rs, &err), API_OK);
    CHECK_INT(rs.body.len, sizeof(data));
    CHECK(rs.body.len == sizeof(data) &&
          memcmp(rs.body.buf, data, sizeof(data)) == 0);
    http_response_cleanup(&rs);
    http_free(&h);
  }
  api_document_result_cleanup(&d);
  unlink(path);

  CHECK_INT(api_payment_resolve_review(C, id, API_REVIEW_PATH_DASH, API_REVIEW_APPROVE, NULL,
                                       "approve-1", &p, &err),
            API_OK);
  CHECK_INT(p.status, PAYMENT_STATUS_CAPTURED);
  payment_cleanup(&p);
  payment_list_cleanup(&l);
}

/* A SETTLED, non-refund payment whose whole amount is still refundable. */
static char *pick_refundable(struct api_payment_refunds *pr) {
  struct payment_list l = {0};
  struct api_error err;
  char *id = NULL;
  all_with("SETTLED", &l);
  for (size_t i = 0; i < l.count && id == NULL; i++) {
    if (l.items[i].type == PAYMENT_TYPE_REFUND || l.items[i].total.minor < 100)
      continue;
    if (api_payment_refunds_get(C, l.items[i].id, pr, &err) != API_OK)
      continue;
    if (pr->has_summary && pr->refunds.count == 0 &&
        pr->summary.max_refundable.minor == l.items[i].total.minor)
      id = strdup(l.items[i].id);
    else
      api_payment_refunds_cleanup(pr);
  }
  payment_list_cleanup(&l);
  return id;
}

static void test_refunds(void) {
  struct api_payment_refunds pr, after;
  struct api_refund_result r;
  struct api_error err;
  struct money part, over;
  char *id = pick_refundable(&pr);
  char fault[512];
  int64_t max;

  CHECK(id != NULL);
  if (id == NULL)
    return;
  max = pr.summary.max_refundable.minor;
  part = pr.summary.max_refundable;
  part.minor = max / 4;
  CHECK_INT(
      api_refund_create(C, id, &part, "partial, ticket 42", "ref-1", &r, &err),
      API_OK);
  CHECK_STR(r.parent_payment_id, id);
  CHECK_INT(r.amount.minor, part.minor);
  CHECK_STR(r.amount.currency, part.currency);
  CHECK(r.status == PAYMENT_STATUS_RECEIVED ||
        r.status == PAYMENT_STATUS_SETTLED);
  api_refund_result_cleanup(&r);

  CHECK_INT(api_payment_refunds_get(C, id, &after, &err), API_OK);
  CHECK_INT(after.refunds.count, 1);
  CHECK_INT(after.summary.max_refundable.minor, max - part.minor);
  CHECK_INT(after.refunds.items[0].type, PAYMENT_TYPE_REFUND);
  api_payment_refunds_cleanup(&after);

  /* over maxRefundable: refused, nothing created */
  over = pr.summary.max_refundable;
  over.minor = max; /* only max - part is left */
  CHECK_INT(api_refund_create(C, id, &over, NULL, "ref-2", &r, &err),
            API_ERR_REJECTED);
  CHECK_INT(err.http_status, 422);

  /* the sandbox commits, then drops the connection: outcome unknown */
  snprintf(fault, sizeof(fault),
           "{\"once\":[{\"fault\":\"commitThenDrop\",\"method\":\"POST\","
           "\"pathPrefix\":\"/payments/%s/refund\",\"count\":1}]}",
           id);
  CHECK_INT(sb_admin_faults(fault), 200);
  CHECK_INT(api_refund_create(C, id, &part, "second", "ref-3", &r, &err),
            API_ERR_UNKNOWN_OUTCOME);
  CHECK_INT(ledger_count("ref-3"), 1);
  /* reconciling by reading: the refund is there, exactly once */
  CHECK_INT(api_payment_refunds_get(C, id, &after, &err), API_OK);
  CHECK_INT(after.refunds.count, 2);
  api_payment_refunds_cleanup(&after);
  /* resending with the same key replays it instead of refunding again */
  CHECK_INT(api_refund_create(C, id, &part, "second", "ref-3", &r, &err),
            API_OK);
  CHECK_INT(r.amount.minor, part.minor);
  api_refund_result_cleanup(&r);
  CHECK_INT(ledger_count("ref-3"), 1);
  CHECK_INT(api_payment_refunds_get(C, id, &after, &err), API_OK);
  CHECK_INT(after.refunds.count, 2);
  CHECK_INT(after.summary.max_refundable.minor, max - 2 * part.minor);
  api_payment_refunds_cleanup(&after);

  api_payment_refunds_cleanup(&pr);
  free(id);
}

static void test_assign(void) {
  struct payment_list l = {0};
  struct account_list al = {0};
  struct api_account_query aq;
  struct api_unassigned_totals tot;
  struct api_assign_result a;
  struct api_page pg;
  struct api_error err;
  struct payment p;
  struct money expected;
  const char *acct = NULL;

  CHECK_INT(api_payments_unassigned(C, NULL, &l, &pg, &tot, &err), API_OK);
  CHECK(l.count > 0);
  if (l.count == 0)
    return;
  CHECK_INT(tot.total, (int64_t)l.count);
  CHECK_INT(l.items[0].status, PAYMENT_STATUS_CREATED);
  CHECK(l.items[0].expires_at > 0);
  memset(&aq, 0, sizeof(aq));
  aq.currency = l.items[0].total.currency;
  CHECK_INT(api_accounts_list(C, &aq, &al, &pg, &err), API_OK);
  for (size_t i = 0; i < al.count && acct == NULL; i++)
    if (al.items[i].currency &&
        strcmp(al.items[i].currency, l.items[0].total.currency) == 0)
      acct = al.items[i].account_number;
  CHECK(acct != NULL);
  if (acct) {
    expected = l.items[0].total;
    expected.minor += 1; /* received one minor unit less than expected */
    CHECK_INT(api_payment_assign(C, l.items[0].id, acct, &expected, "assign-1",
                                 &a, &err),
              API_OK);
    CHECK_INT(a.status, PAYMENT_STATUS_SETTLED);
    CHECK_STR(a.reconciliation_status, "UNDERPAID");
    CHECK(a.child_payment_id != NULL);
    api_assign_result_cleanup(&a);
    CHECK_INT(api_payment_get(C, l.items[0].id, &p, &err), API_OK);
    CHECK_INT(p.status, PAYMENT_STATUS_SETTLED);
    CHECK_STR(p.account_number, acct);
    payment_cleanup(&p);
    /* assigning again: no longer unassigned */
    CHECK_INT(
        api_payment_assign(C, l.items[0].id, acct, NULL, "assign-2", &a, &err),
        API_ERR_REJECTED);
  }
  account_list_cleanup(&al);
  payment_list_cleanup(&l);
}

static void test_customers_and_directory(void) {
  struct customer_list cl = {0};
  struct api_customer_query q;
  struct customer cu;
  struct api_customer_document_result dr;
  struct identity_list il = {0};
  struct account_list al = {0};
  struct api_unassigned_summary us;
  struct api_page pg;
  struct api_error err;
  const char *undocumented = NULL;

  memset(&q, 0, sizeof(q));
  q.limit = 500;
  CHECK_INT(api_customers_list(C, &q, &cl, &pg, &err), API_OK);
  CHECK(cl.count >= 20);
  CHECK_INT(pg.total, (int64_t)cl.count);
  for (size_t i = 0; i < cl.count && undocumented == NULL; i++)
    if (!cl.items[i].is_documented && cl.items[i].documents_count == 0)
      undocumented = cl.items[i].id;
  CHECK(undocumented != NULL);
  if (undocumented) {
    CHECK_INT(api_customer_get(C, undocumented, &cu, &err), API_OK);
    CHECK_STR(cu.id, undocumented);
    customer_cleanup(&cu);
    CHECK_INT(api_customer_document_add(C, undocumented, "kyc",
                                        "https://documents.example/kyc/1",
                                        "image/jpeg", NULL, &dr, &err),
              API_OK);
    CHECK_STR(dr.document.status, "UPLOADED");
    api_customer_document_result_cleanup(&dr);
    CHECK_INT(
        api_customer_document_approve(C, undocumented, 0, NULL, &cu, &err),
        API_OK);
    customer_cleanup(&cu);
    CHECK_INT(api_customer_get(C, undocumented, &cu, &err), API_OK);
    CHECK(cu.is_documented);
    CHECK_INT(cu.documents_count, 1);
    if (cu.documents_count)
      CHECK_STR(cu.documents[0].status, "APPROVED");
    customer_cleanup(&cu);
    /* no document 5: refused with an API error, not a crash */
    CHECK(api_customer_document_approve(C, undocumented, 5, NULL, &cu, &err) !=
          API_OK);
    CHECK(err.http_status == 404 || err.http_status == 400 ||
          err.http_status == 422);
  }
  customer_list_cleanup(&cl);

  CHECK_INT(api_identities_list(C, NULL, &il, &pg, &err), API_OK);
  CHECK(il.count >= 1);
  if (il.count) {
    struct identity idn;
    CHECK_INT(api_identity_get(C, il.items[0].id, &idn, &err), API_OK);
    CHECK_STR(idn.name, il.items[0].name);
    identity_cleanup(&idn);
  }
  identity_list_cleanup(&il);

  CHECK_INT(api_accounts_list(C, NULL, &al, &pg, &err), API_OK);
  CHECK(al.count >= 1);
  if (al.count) {
    struct account a;
    CHECK_INT(api_account_get(C, al.items[0].id, &a, &err), API_OK);
    CHECK_STR(a.account_number, al.items[0].account_number);
    CHECK_INT(a.balance.minor, al.items[0].balance.minor);
    account_cleanup(&a);
  }
  account_list_cleanup(&al);

  CHECK_INT(api_accounts_unassigned(C, NULL, &us, &err), API_OK);
  CHECK(us.count >= 0);
  api_unassigned_summary_cleanup(&us);
}

static void test_payment_customer_and_tenants(void) {
  struct payment_list l = {0};
  struct api_payment_customer pc;
  struct api_error err;
  struct api_config cfg = sb_config();
  struct api_client *other = NULL;
  struct payment p;
  const char *with = NULL;

  all_with("SETTLED", &l);
  for (size_t i = 0; i < l.count && with == NULL; i++)
    if (l.items[i].customer_id)
      with = l.items[i].id;
  CHECK(with != NULL);
  if (with) {
    CHECK_INT(api_payment_customer_get(C, with, &pc, &err), API_OK);
    CHECK(pc.attached && pc.present);
    api_payment_customer_cleanup(&pc);
  }
  /* a payment without a customer: not attached, whatever snapshot comes
   * beside it (one without an id is no customer) */
  for (size_t i = 0; i < l.count; i++) {
    if (l.items[i].customer_id)
      continue;
    CHECK_INT(api_payment_customer_get(C, l.items[i].id, &pc, &err), API_OK);
    CHECK(!pc.attached);
    api_payment_customer_cleanup(&pc);
    break;
  }
  /* a payment that does not exist is not found, not "not offered" */
  CHECK_INT(api_payment_customer_get(C, "000000000000000000000000", &pc, &err),
            API_ERR_NOT_FOUND);
  /* another tenant's payment is 404, never 403 */
  cfg.api_key = sb_key2;
  cfg.client_id = sb_id2;
  cfg.client_secret = sb_secret2;
  CHECK_INT(api_client_new(&cfg, &other, &err), API_OK);
  CHECK_INT(api_payment_get(other, l.items[0].id, &p, &err), API_ERR_NOT_FOUND);
  CHECK_INT(api_payment_capture(other, l.items[0].id, NULL, &p, &err),
            API_ERR_NOT_FOUND);
  api_client_free(&other);
  payment_list_cleanup(&l);
}

TEST_LIST = {
    {"lifecycle", test_lifecycle},
    {"review_document_upload", test_review_document_upload},
    {"refunds", test_refunds},
    {"assign", test_assign},
    {"customers_and_directory", test_customers_and_directory},
    {"payment_customer_and_tenants", test_payment_customer_and_tenants},
    {NULL, NULL}};

__attribute__((constructor)) static void start(void) {
  static const char *const opts[] = {"--demo-data", "80", "--seed", "11", NULL};
  sandbox_start(opts);
  C = sb_client();
}

__attribute__((destructor)) static void finish(void) {
  api_client_free(&C);
}
