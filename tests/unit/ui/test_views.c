/*
 * Views rendered into fixed-size canvases from hand-built payments (no
 * cache, no network, no terminal) and compared with golden text; plus the
 * hostile-text guarantees.
 */
#include "unit/ui/fake_app.h"
#include "unit/ui/golden.h"

#include "core/sanitize.h"
#include "ui/canvas.h"
#include "ui/paylist.h"
#include "ui/view.h"
#include "ui/view_activity.h"
#include "ui/view_customers.h"
#include "ui/view_detail.h"
#include "ui/view_help.h"
#include "ui/view_payments.h"
#include "ui/view_refunds.h"
#include "ui/view_review.h"
#include "ui/view_unassigned.h"

#define HOSTILE "Evil\x1b]0;pwned\x07\x1b[2J Corp"

static struct app A;
static struct keymap KM;
static struct ui_ctx CTX;

static void setup(void) {
  setlocale(LC_ALL, "C.UTF-8");
  fake_init(&A);
  keymap_init(&KM);
  memset(&CTX, 0, sizeof CTX);
  CTX.app = &A;
  CTX.keymap = &KM;
  CTX.now_ms = FAKE_NOW;
  struct payment *p;
  p = fake_payment(&A, "66f0c0ffee00000000000a01", FAKE_NOW - FAKE_HOUR,
                   PAYMENT_TYPE_PURCHASE, PAYMENT_STATUS_SETTLED, "1234.56",
                   "USD",
                   "Ana Mar\xc3\xad"
                   "a N\xc3\xba\xc3\xb1"
                   "ez");
  p->account_number = xstrdup("ACC-1001");
  p->customer_id = xstrdup("cus_1");
  p->customer_email = xstrdup("ana@example.com");
  p->settled_at = FAKE_NOW - FAKE_HOUR + 60000;
  p->captured_at = FAKE_NOW - FAKE_HOUR + 30000;
  p = fake_payment(&A, "66f0c0ffee00000000000a02", FAKE_NOW - 43 * FAKE_HOUR,
                   PAYMENT_TYPE_TOPUP_ACCOUNT, PAYMENT_STATUS_CREATED, "500.00",
                   "USD", "Bj\xc3\xb6rk Gu\xc3\xb0mundsd\xc3\xb3ttir");
  p->expires_at = FAKE_NOW + 5 * FAKE_HOUR;
  p = fake_payment(&A, "66f0c0ffee00000000000a03", FAKE_NOW - 30 * FAKE_HOUR,
                   PAYMENT_TYPE_PURCHASE, PAYMENT_STATUS_REQUIRES_REVIEW,
                   "25000.00", "USD",
                   "\xe7\x8e\x8b\xe5\xb0\x8f\xe6\x98\x8e"); /* wide */
  p->documentation_status = xstrdup("PENDING_UPLOAD");
  p->review_reason = xstrdup("SOURCE_OF_FUNDS_REQUIRED");
  p->customer_id = xstrdup("cus_2");
  free(p->raw_json);
  p->raw_json =
      xstrdup("{\"id\":\"66f0c0ffee00000000000a03\",\"documents\":[{\"type\":"
              "\"kyc\",\"status\":\"REJECTED\"},{\"type\":\"source_of_funds\","
              "\"url\":\"http://x/y\",\"contentType\":\"application/pdf\","
              "\"uploadedAt\":\"2025-04-10T10:00:00.000Z\",\"status\":"
              "\"UPLOADED\"}]}");
  p = fake_payment(&A, "66f0c0ffee00000000000a04", FAKE_NOW - 2 * FAKE_HOUR,
                   PAYMENT_TYPE_PURCHASE, PAYMENT_STATUS_REQUIRES_REVIEW,
                   "3000.00", "EUR",
                   "Zo\xc3\xab Salda\xc3\xb1"
                   "a");
  p->documentation_status = xstrdup("UPLOADED");
  p->review_reason = xstrdup("AMOUNT_ABOVE_THRESHOLD");
  p->customer_id = xstrdup("cus_1");
  p = fake_payment(&A, "66f0c0ffee00000000000a05", FAKE_NOW - 30 * 60000,
                   PAYMENT_TYPE_REFUND, PAYMENT_STATUS_RECEIVED, "100.00",
                   "USD",
                   "Ana Mar\xc3\xad"
                   "a N\xc3\xba\xc3\xb1"
                   "ez");
  p->parent_payment_id = xstrdup("66f0c0ffee00000000000a01");
  p->description = xstrdup("customer request");
  p = fake_payment(&A, "66f0c0ffee00000000000a06", FAKE_NOW - 3 * FAKE_DAY,
                   PAYMENT_TYPE_PURCHASE, PAYMENT_STATUS_FAILED, "10.00", "USD",
                   HOSTILE);
  free(p->raw_json);
  p->raw_json = xstrdup("{\"id\":\"66f0c0ffee00000000000a06\",\"customer\":"
                        "{\"name\":\"Evil\\u001b]0;pwned\\u0007\\u001b[2J "
                        "Corp\"},\"fees\":[{\"amount\":\"0.30\"}],"
                        "\"origins\":[{\"type\":\"PIX\",\"amount\":\"10.00\","
                        "\"currency\":\"USD\",\"pix\":{\"customer\":{"
                        "\"firstName\":\"Evil\\u001b]0;pwned\\u0007\","
                        "\"lastName\":\"Corp\"}}}],\"destinations\":[{"
                        "\"type\":\"ACCOUNT\",\"amount\":\"10.00\","
                        "\"currency\":\"USD\",\"account\":{"
                        "\"accountNumber\":\"ACC-1001\",\"accountHolder\":"
                        "\"Andes Market\"}}]}");
  p = fake_payment(&A, "66f0c0ffee00000000000a07", FAKE_NOW - 5 * FAKE_DAY,
                   PAYMENT_TYPE_WITHDRAWAL_ACCOUNT, PAYMENT_STATUS_CAPTURED,
                   "700000", "CLP",
                   "Jos\xc3\xa9 \xc3\x91"
                   "and\xc3\xba");
  p = fake_payment(&A, "66f0c0ffee00000000000a08", FAKE_NOW - 6 * FAKE_DAY,
                   PAYMENT_TYPE_P2P, PAYMENT_STATUS_UNKNOWN, "0.123456", "USDC",
                   NULL);
  free(p->status_raw);
  p->status_raw = xstrdup("WEIRD_NEW");
  p->customer_email = xstrdup("nobody@example.com");

  struct customer *c = customer_list_push(&A.customers);
  c->id = xstrdup("cus_1");
  c->first_name = xstrdup("Ana Mar\xc3\xad"
                          "a");
  c->last_name = xstrdup("N\xc3\xba\xc3\xb1"
                         "ez");
  c->email = xstrdup("ana@example.com");
  c->document_type = xstrdup("DNI");
  c->document_number = xstrdup("12345678");
  c->operation_level = xstrdup("FULL");
  c->is_documented = true;
  c = customer_list_push(&A.customers);
  c->id = xstrdup("cus_2");
  c->first_name = xstrdup("\xe7\x8e\x8b");
  c->last_name = xstrdup("\xe5\xb0\x8f\xe6\x98\x8e");
  c->document_type = xstrdup("PASSPORT");
  c->document_number = xstrdup("X1234567");
  c->operation_level = xstrdup("BASIC");
  c->documents = xcalloc(1, sizeof *c->documents);
  c->documents_count = 1;
  c->documents[0].type = xstrdup("source_of_funds");
  c->documents[0].status = xstrdup("PENDING_UPLOAD");
  c = customer_list_push(&A.customers);
  c->id = xstrdup("cus_3");
  c->first_name = xstrdup(HOSTILE);
  c->operation_level = xstrdup("INACTIVE");

  struct account *ac = account_list_push(&A.accounts);
  ac->account_number = xstrdup("ACC-1001");
  ac->currency = xstrdup("USD");
  ac->name = xstrdup("Main USD");

  A.nactivity = 1;
  A.activity[0].at_ms = FAKE_NOW - 10 * 60000;
  snprintf(A.activity[0].action, sizeof A.activity[0].action, "refund");
  snprintf(A.activity[0].payment_id, sizeof A.activity[0].payment_id,
           "66f0c0ffee00000000000a01");
  snprintf(A.activity[0].outcome, sizeof A.activity[0].outcome, "succeeded");
  snprintf(A.activity[0].trace_id, sizeof A.activity[0].trace_id,
           "trace-abc123");
  snprintf(A.activity[0].detail, sizeof A.activity[0].detail,
           "refund 100.00 USD");
}

static void teardown(void) {
  fake_cleanup(&A);
  keymap_cleanup(&KM);
}

/* Loads and draws v at w x h (as the main loop would, below a tab bar). */
static char *render(struct view *v, int w, int h) {
  struct canvas *c = canvas_new(w, h);
  v->ops->load(v);
  v->ops->draw(v, c, 0, 0, w, h);
  char *out = canvas_dump(c);
  canvas_free(&c);
  return out;
}

static void golden_view(struct view *v, const char *name, int w, int h) {
  char *out = render(v, w, h);
  CHECK(golden_check(name, out));
  CHECK(strchr(out, '\x1b') == NULL);
  free(out);
}

static void test_payments_golden(void) {
  setup();
  struct view *v = view_payments_new(&CTX);
  golden_view(v, "payments_120x30", 120, 30);
  golden_view(v, "payments_80x21", 80, 21);
  CHECK_INT(v->count, 8);
  view_free(&v);
  teardown();
}

static void test_payments_navigation(void) {
  setup();
  struct view *v = view_payments_new(&CTX);
  char *out = render(v, 120, 30);
  free(out);
  /* newest first: a05 (30 min) then a01 (1 h) */
  CHECK_STR(v->ops->selected_id(v), "66f0c0ffee00000000000a05");
  CHECK(v->ops->key(v, CMD_DOWN, 'j') & UI_REDRAW);
  CHECK_STR(v->ops->selected_id(v), "66f0c0ffee00000000000a01");
  v->ops->key(v, CMD_BOTTOM, 'G');
  CHECK_STR(v->ops->selected_id(v), "66f0c0ffee00000000000a08");
  v->ops->key(v, CMD_TOP, 'g');
  CHECK_STR(v->ops->selected_id(v), "66f0c0ffee00000000000a05");
  unsigned r = v->ops->key(v, CMD_OPEN, '\n');
  CHECK(r & UI_REQUEST);
  CHECK_INT(CTX.req.kind, UI_REQ_OPEN_PAYMENT);
  CHECK_STR(CTX.req.id, "66f0c0ffee00000000000a05");
  r = v->ops->key(v, CMD_REFUND, 'r');
  CHECK(r & UI_REQUEST);
  CHECK_INT(CTX.req.kind, UI_REQ_ACTION);
  CHECK_INT(CTX.req.action, APP_ACTION_REFUND);
  /* live filter narrows the rows and the count */
  CHECK_INT(v->ops->set_filter(v, "status:REQUIRES_REVIEW"), 0);
  out = render(v, 120, 30);
  CHECK_INT(v->count, 2);
  CHECK(strstr(out, "2 payments") != NULL);
  free(out);
  CHECK(v->ops->set_filter(v, "amount>>") != 0);
  CHECK(strstr(CTX.msg, "filter") != NULL);
  view_free(&v);
  teardown();
}

/* Lists are keyset windows around the cursor: moving reads the next rows,
 * G jumps to the end and g back, :goto seeks a position or a payment, and
 * a reload after rows arrived above keeps the cursor on its payment. */
static void test_payments_paging(void) {
  setup();
  for (int i = 0; i < 450; i++) {
    char id[32];
    snprintf(id, sizeof id, "66f0c0ffee0000000000%04d", i);
    fake_payment(&A, id, FAKE_NOW - 10 * FAKE_DAY - i * 60000LL,
                 PAYMENT_TYPE_PURCHASE, PAYMENT_STATUS_SETTLED, "1.00", "USD",
                 "Paging Customer");
  }
  struct view *v = view_payments_new(&CTX);
  char *out = render(v, 120, 30);
  free(out);
  CHECK_INT(v->count, 458);
  /* the 8 fixtures are newer than the 450: row 181 is paging payment 172 */
  for (int i = 0; i < 180; i++)
    v->ops->key(v, CMD_DOWN, 'j');
  CHECK_STR(v->ops->selected_id(v), "66f0c0ffee00000000000172");
  for (int i = 0; i < 100; i++)
    v->ops->key(v, CMD_UP, 'k');
  CHECK_STR(v->ops->selected_id(v), "66f0c0ffee00000000000072");
  v->ops->key(v, CMD_BOTTOM, 'G');
  CHECK_STR(v->ops->selected_id(v), "66f0c0ffee00000000000449");
  v->ops->key(v, CMD_PAGE_UP, 0);
  v->ops->key(v, CMD_PAGE_DOWN, 0);
  CHECK_STR(v->ops->selected_id(v), "66f0c0ffee00000000000449");
  /* new payments above the cursor: it keeps its payment */
  v->ops->key(v, CMD_TOP, 'g');
  for (int i = 0; i < 30; i++)
    v->ops->key(v, CMD_DOWN, 'j');
  CHECK_STR(v->ops->selected_id(v), "66f0c0ffee00000000000022");
  for (int i = 0; i < 3; i++) {
    char id[32];
    snprintf(id, sizeof id, "66f0c0ffee000000000new%02d", i);
    fake_payment(&A, id, FAKE_NOW - i * 1000LL, PAYMENT_TYPE_PURCHASE,
                 PAYMENT_STATUS_CREATED, "2.00", "USD", "New Customer");
  }
  v->ops->load(v);
  CHECK_STR(v->ops->selected_id(v), "66f0c0ffee00000000000022");
  /* :goto a position and a payment */
  CHECK_INT(v->ops->go_to(v, "50%"), 0);
  CHECK_STR(v->ops->selected_id(v), "66f0c0ffee00000000000219");
  CHECK_INT(v->ops->go_to(v, "66f0c0ffee00000000000300"), 0);
  CHECK_STR(v->ops->selected_id(v), "66f0c0ffee00000000000300");
  v->ops->key(v, CMD_DOWN, 'j');
  CHECK_STR(v->ops->selected_id(v), "66f0c0ffee00000000000301");
  CHECK_INT(v->ops->go_to(v, "nosuchpayment"), -1);
  CHECK_STR(v->ops->selected_id(v), "66f0c0ffee00000000000301");
  view_free(&v);
  teardown();
}

static void test_review_golden(void) {
  setup();
  struct view *v = view_review_new(&CTX);
  golden_view(v, "review_100x21", 100, 21);
  /* oldest first: a03 (30 h, overdue) before a04 */
  CHECK_STR(v->ops->selected_id(v), "66f0c0ffee00000000000a03");
  /* a decision removes the item: the cursor lands on the next one */
  for (size_t i = 0; i < A.payments.count; i++)
    if (strcmp(A.payments.items[i].id, "66f0c0ffee00000000000a03") == 0)
      A.payments.items[i].status = PAYMENT_STATUS_CAPTURED;
  char *out = render(v, 100, 21);
  CHECK_STR(v->ops->selected_id(v), "66f0c0ffee00000000000a04");
  CHECK(strstr(out, "next: a approve") != NULL);
  free(out);
  view_free(&v);
  teardown();
}

static void test_detail_golden(void) {
  setup();
  struct view *v = view_detail_new(&CTX, "66f0c0ffee00000000000a01");
  golden_view(v, "detail_a01_100x60", 100, 60);
  /* Tab selects the first link; Enter follows it */
  v->ops->key(v, CMD_NEXT_LINK, '\t');
  unsigned r = v->ops->key(v, CMD_OPEN, '\n');
  CHECK(r & UI_REQUEST);
  CHECK_INT(CTX.req.kind, UI_REQ_OPEN_PAYMENT);
  CHECK_STR(CTX.req.id, "66f0c0ffee00000000000a05");
  v->ops->key(v, CMD_NEXT_LINK, '\t');
  r = v->ops->key(v, CMD_OPEN, '\n');
  CHECK_INT(CTX.req.kind, UI_REQ_OPEN_CUSTOMER);
  CHECK_STR(CTX.req.id, "cus_1");
  view_free(&v);
  /* a refund child: parent summary with maxRefundable, `p` jumps up */
  v = view_detail_new(&CTX, "66f0c0ffee00000000000a05");
  char *out = render(v, 100, 60);
  CHECK(strstr(out, "maxRefundable") != NULL);
  CHECK(strstr(out, "1,134.56 USD") != NULL);
  free(out);
  r = v->ops->key(v, CMD_JUMP_PARENT, 'p');
  CHECK_STR(CTX.req.id, "66f0c0ffee00000000000a01");
  view_free(&v);
  teardown();
}

static void test_detail_review_documents(void) {
  setup();
  struct view *v = view_detail_new(&CTX, "66f0c0ffee00000000000a03");
  golden_view(v, "detail_a03_100x40", 100, 40);
  char *out = render(v, 100, 40);
  CHECK(strstr(out, "kyc                  REJECTED  -  -") != NULL);
  CHECK(strstr(out, "source_of_funds      UPLOADED  application/pdf  "
                    "2025-04-10T10:00:00.000Z") != NULL);
  free(out);
  view_free(&v);
  teardown();
}

static void test_detail_flows(void) {
  setup();
  struct view *v = view_detail_new(&CTX, "66f0c0ffee00000000000a06");
  char *out = render(v, 120, 60);
  CHECK(strstr(out, "origin 1             PIX  10.00 USD  "
                    "Evil^[]0;pwned^G Corp") != NULL);
  CHECK(strstr(out, "destination 1        ACCOUNT  10.00 USD  account "
                    "ACC-1001 Andes Market") != NULL);
  CHECK(strstr(out, "fee 1                -  0.30") != NULL);
  CHECK(strchr(out, '\x1b') == NULL);
  free(out);
  view_free(&v);
  teardown();
}

static struct payment *payment_by_id(const char *id) {
  for (size_t i = 0; i < A.payments.count; i++)
    if (strcmp(A.payments.items[i].id, id) == 0)
      return &A.payments.items[i];
  return NULL;
}

/* A payment without a customerId: the customer row says what its link
 * found; once the link filled the customer, the row opens it. */
static void test_detail_customer_link(void) {
  setup();
  const char *id = "66f0c0ffee00000000000a07";
  struct payment *p = payment_by_id(id);
  CHECK(p != NULL && p->customer_id == NULL);
  p->customer_id_absent = true;
  struct view *v = view_detail_new(&CTX, id);
  char *out = render(v, 100, 60);
  CHECK(strstr(out, "not looked up yet") != NULL);
  CHECK(strstr(out, "Jos\xc3\xa9 \xc3\x91"
                    "and\xc3\xba") != NULL); /* the snapshot's name */
  free(out);
  view_free(&v);
  A.no_customer_link = true;
  v = view_detail_new(&CTX, id);
  out = render(v, 100, 60);
  CHECK(strstr(out, "not linked (the server offers no customer link)") != NULL);
  free(out);
  view_free(&v);
  p->customer_link_at = FAKE_NOW - FAKE_HOUR;
  v = view_detail_new(&CTX, id);
  out = render(v, 100, 60);
  CHECK(strstr(out, "not linked (looked up ") != NULL);
  CHECK(strstr(out, "not looked up yet") == NULL);
  free(out);
  view_free(&v);
  /* the link named cus_1 */
  p->customer_id = xstrdup("cus_1");
  v = view_detail_new(&CTX, id);
  out = render(v, 100, 60);
  CHECK(strstr(out, "not linked") == NULL);
  CHECK(strstr(out, "FULL") != NULL); /* the cached customer's level */
  free(out);
  unsigned r = v->ops->key(v, CMD_NEXT_LINK, '\t');
  r = v->ops->key(v, CMD_OPEN, '\n');
  CHECK(r & UI_REQUEST);
  CHECK_INT(CTX.req.kind, UI_REQ_OPEN_CUSTOMER);
  CHECK_STR(CTX.req.id, "cus_1");
  view_free(&v);
  teardown();
}

static void test_other_panes_golden(void) {
  setup();
  struct view *v = view_refunds_new(&CTX);
  golden_view(v, "refunds_100x12", 100, 12);
  view_free(&v);
  v = view_unassigned_new(&CTX);
  golden_view(v, "unassigned_100x8", 100, 8);
  view_free(&v);
  v = view_customers_new(&CTX);
  golden_view(v, "customers_100x8", 100, 8);
  view_free(&v);
  v = view_customer_new(&CTX, "cus_2");
  golden_view(v, "customer_cus2_100x30", 100, 30);
  view_free(&v);
  v = view_activity_new(&CTX);
  golden_view(v, "activity_120x10", 120, 10);
  view_free(&v);
  teardown();
}

static void test_help_is_live_keymap(void) {
  setup();
  char why[128];
  CHECK_INT(keymap_parse(&KM, "bind n down\nunbind j\n", why, sizeof why), 0);
  struct view *v = view_help_new(&CTX);
  char *out = render(v, 100, 60);
  CHECK(strstr(out, "Down n") != NULL);
  CHECK(strstr(out, "j Down") == NULL);
  CHECK(strstr(out, "F5") != NULL);
  free(out);
  view_free(&v);
  teardown();
}

static void test_hostile_text(void) {
  setup();
  struct view *views[] = {view_payments_new(&CTX),
                          view_detail_new(&CTX, "66f0c0ffee00000000000a06"),
                          view_raw_new(&CTX, "66f0c0ffee00000000000a06", NULL),
                          view_customers_new(&CTX)};
  for (size_t i = 0; i < sizeof views / sizeof views[0]; i++) {
    char *out = render(views[i], 120, 40);
    CHECK(strchr(out, '\x1b') == NULL);
    CHECK(strchr(out, '\x07') == NULL);
    CHECK(strstr(out, "^[]0;pwned^G") != NULL ||
          strstr(out, "\\u001b]0;pwned") != NULL);
    free(out);
    view_free(&views[i]);
  }
  teardown();
}

/* Raw JSON at 40 columns: a long value wraps at spaces, indented under the
 * value; no key is split and nothing is cut. */
static void test_raw_wraps_values(void) {
  setup();
  const char *json = "{\"id\":\"66f0c0ffee00000000000a06\",\"description\":"
                     "\"one two three four five six seven eight nine ten "
                     "eleven twelve\",\"externalIdentifierOfTheOrder\":"
                     "\"abc\"}";
  struct view *v = view_raw_new(&CTX, NULL, json);
  char *out = render(v, 40, 20);
  CHECK(strstr(out, "\"description\": \"one two") != NULL);
  CHECK(strstr(out, "twelve\"") != NULL);           /* the end is there */
  CHECK(strstr(out, "\xe2\x80\xa6") == NULL);        /* no ellipsis cut */
  CHECK(strstr(out, "\"externalIdentifierOfTheOrder\"") != NULL);
  /* continuation rows start under the value */
  CHECK(strstr(out, "\n                  ") != NULL);
  free(out);
  view_free(&v);
  teardown();
}

/* The Customers pane is a keyset window like the payment lists: G reaches
 * the last of 500 customers (more than a window holds), :goto seeks a
 * position and an id, and a reload after customers arrived above keeps the
 * cursor on its customer. */
static void add_customers(int from, int n) {
  /* the fake lists customers in stored order: prepend to put them above */
  struct customer_list l = {0};
  for (int i = from; i < from + n; i++) {
    struct customer *c = customer_list_push(&l);
    char id[32];
    snprintf(id, sizeof id, "cus_page_%04d", i);
    c->id = xstrdup(id);
    c->first_name = xstrdup("Page");
    c->last_name = xstrdup(id);
  }
  for (size_t i = 0; i < A.customers.count; i++)
    *customer_list_push(&l) = A.customers.items[i];
  free(A.customers.items);
  A.customers = l;
}

static void test_customers_paging(void) {
  setup();
  add_customers(0, 497); /* with the 3 fixtures: 500 */
  struct view *v = view_customers_new(&CTX);
  char *out = render(v, 100, 20);
  free(out);
  CHECK_INT(v->count, 500);
  CHECK_STR(v->ops->selected_id(v), "cus_page_0000");
  v->ops->key(v, CMD_BOTTOM, 'G');
  CHECK_STR(v->ops->selected_id(v), "cus_3");
  v->ops->key(v, CMD_UP, 'k');
  CHECK_STR(v->ops->selected_id(v), "cus_2");
  for (int i = 0; i < 300; i++)
    v->ops->key(v, CMD_UP, 'k');
  CHECK_STR(v->ops->selected_id(v), "cus_page_0198");
  v->ops->key(v, CMD_TOP, 'g');
  for (int i = 0; i < 250; i++)
    v->ops->key(v, CMD_DOWN, 'j');
  CHECK_STR(v->ops->selected_id(v), "cus_page_0250");
  /* customers arrive above: the cursor keeps its customer */
  add_customers(9000, 5);
  v->ops->load(v);
  CHECK_STR(v->ops->selected_id(v), "cus_page_0250");
  CHECK_INT(v->count, 505);
  CHECK_INT(v->ops->go_to(v, "50%"), 0);
  CHECK_STR(v->ops->selected_id(v), "cus_page_0247"); /* row 253 of 505 */
  CHECK_INT(v->ops->go_to(v, "cus_page_0400"), 0);
  CHECK_STR(v->ops->selected_id(v), "cus_page_0400");
  CHECK_INT(v->ops->go_to(v, "cus_nobody"), -1);
  CHECK_STR(v->ops->selected_id(v), "cus_page_0400");
  /* a filter: the window and the count are the matching customers */
  CHECK_INT(v->ops->set_filter(v, "cus_page_03"), 0);
  out = render(v, 100, 20);
  free(out);
  CHECK_INT(v->count, 100);
  CHECK_STR(v->ops->selected_id(v), "cus_page_0300");
  v->ops->key(v, CMD_BOTTOM, 'G');
  CHECK_STR(v->ops->selected_id(v), "cus_page_0399");
  view_free(&v);
  teardown();
}

/* A payment with more refunds than the detail lists links to all of them
 * in the Payments pane (filtered by parent and type), and so does a
 * customer to every payment of theirs. */
static void test_all_links(void) {
  setup();
  const char *parent = "66f0c0ffee00000000000a01";
  for (int i = 0; i < 60; i++) {
    char id[32];
    snprintf(id, sizeof id, "66f0c0ffee0000000000r%03d", i);
    struct payment *k =
        fake_payment(&A, id, FAKE_NOW - 60000LL * (i + 1), PAYMENT_TYPE_REFUND,
                     PAYMENT_STATUS_SETTLED, "1.00", "USD", NULL);
    k->parent_payment_id = xstrdup(parent);
  }
  struct view *v = view_detail_new(&CTX, parent);
  char *out = render(v, 120, 200);
  CHECK(strstr(out, "the first 50 here; all its refunds in the Payments "
                    "pane") != NULL);
  CHECK(strstr(out, "the first 50 here; all its children") != NULL);
  free(out);
  bool found = false;
  for (int i = 0; i < 200 && !found; i++) {
    v->ops->key(v, CMD_NEXT_LINK, '\t');
    unsigned r = v->ops->key(v, CMD_OPEN, '\n');
    found = (r & UI_REQUEST) && CTX.req.kind == UI_REQ_PAYMENTS_FILTER;
  }
  CHECK(found);
  CHECK_STR(CTX.req.id, "type:REFUND parent:66f0c0ffee00000000000a01");
  view_free(&v);
  v = view_customer_new(&CTX, "cus_2");
  out = render(v, 100, 30);
  free(out);
  v->ops->key(v, CMD_NEXT_LINK, '\t');
  CHECK(v->ops->key(v, CMD_OPEN, '\n') & UI_REQUEST);
  CHECK_INT(CTX.req.kind, UI_REQ_PAYMENTS_FILTER);
  CHECK_STR(CTX.req.id, "customer:cus_2");
  view_free(&v);
  teardown();
}

/* The Activity pane reads the log as far as it is looked at: 500 rows,
 * the next 500 when j passes the last one, all of them with G. */
static void test_activity_reads_on(void) {
  setup();
  for (size_t i = 0; i < 1200; i++) {
    struct app_activity *r = &A.activity[i];
    memset(r, 0, sizeof *r);
    r->id = (int64_t)(1200 - i);
    r->outbox_id = (int64_t)(1200 - i);
    r->at_ms = FAKE_NOW - (int64_t)i * 60000;
    snprintf(r->action, sizeof r->action, "capture");
    snprintf(r->outcome, sizeof r->outcome, "succeeded");
    snprintf(r->payment_id, sizeof r->payment_id, "66f0c0ffee0000000000%04zu",
             i);
  }
  A.nactivity = 1200;
  struct view *v = view_activity_new(&CTX);
  char *out = render(v, 120, 40);
  CHECK(strstr(out, "older actions follow") == NULL); /* below the screen */
  free(out);
  int64_t first = v->count;
  for (int i = 0; i < 520; i++)
    v->ops->key(v, CMD_DOWN, 'j');
  CHECK_INT(v->count, first + 500);
  v->ops->key(v, CMD_BOTTOM, 'G');
  CHECK_INT(v->count, first + 700);
  out = render(v, 120, 40);
  CHECK(strstr(out, "66f0c0ffee00000000001199") != NULL); /* the oldest */
  free(out);
  view_free(&v);
  teardown();
}

/* The first cell of each line of c below line `header` as "line:text"
 * for the lines whose first cell is not a space (the marked ones), and
 * the number of ROLE_SELECTED cells there. */
static int marked_lines(const struct canvas *c, int header, char *out,
                        size_t len, int *selected) {
  size_t n = 0;
  int marked = 0;
  *selected = 0;
  out[0] = '\0';
  for (int y = header + 1; y < c->h; y++) {
    const struct canvas_cell *k = canvas_cell_at(c, 0, y);
    if (strcmp(k->text, " ") != 0) {
      n += (size_t)snprintf(out + n, len - n, "%d:%s ", y, k->text);
      marked++;
    }
    for (int x = 0; x < c->w; x++)
      if (canvas_cell_at(c, x, y)->role == ROLE_SELECTED)
        (*selected)++;
  }
  return marked;
}

/* Arrow cursor: the selected row differs from the others only by the
 * marker in its first two cells (a glyph and a space, in the normal
 * colours), so a one-row move changes two cells: the glyph leaves one row
 * and appears on the next (the terminal is sent only the cells that
 * changed). */
static void arrow_check(struct view *v, int header, const char *mark) {
  int w = 120, h = 30, right = -1;
  struct canvas *a = canvas_new(w, h), *b = canvas_new(w, h);
  char lines[256], want[64];
  v->ops->load(v);
  v->ops->draw(v, a, 0, 0, w, h);
  CHECK_INT(marked_lines(a, header, lines, sizeof lines, &right), 1);
  snprintf(want, sizeof want, "%d:%s ", header + 1, mark);
  CHECK_STR(lines, want);
  CHECK_INT(right, 0);
  CHECK(v->ops->key(v, CMD_DOWN, 'j') & UI_REDRAW);
  v->ops->draw(v, b, 0, 0, w, h);
  CHECK_INT(marked_lines(b, header, lines, sizeof lines, &right), 1);
  snprintf(want, sizeof want, "%d:%s ", header + 2, mark);
  CHECK_STR(lines, want);
  CHECK_INT(right, 0);
  int changed = 0;
  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++) {
      const struct canvas_cell *p = canvas_cell_at(a, x, y),
                               *q = canvas_cell_at(b, x, y);
      if (p->role != q->role || strcmp(p->text, q->text) != 0) {
        changed++;
        CHECK(x == 0 && (y == header + 1 || y == header + 2));
      }
    }
  CHECK_INT(changed, 2);
  canvas_free(&a);
  canvas_free(&b);
}

static void test_arrow_cursor(void) {
  setup();
  CTX.arrow_cursor = true;
  struct view *v = view_payments_new(&CTX);
  char *out = render(v, 120, 30);
  /* the columns move right by the marker's two cells, header included */
  CHECK(strstr(out, "\n  ID         CREATED ") != NULL);
  CHECK(strstr(out, "\n\xe2\x96\xb6 0000000a05 ") != NULL); /* U+25B6 */
  CHECK(strstr(out, "\n  0000000a01 ") != NULL);
  free(out);
  view_free(&v);
  v = view_payments_new(&CTX);
  arrow_check(v, 2, "\xe2\x96\xb6"); /* the list's header is line 2 */
  view_free(&v);
  CTX.ascii = true;
  v = view_customers_new(&CTX);
  arrow_check(v, 0, ">");
  view_free(&v);
  teardown();
}

TEST_LIST = {
    {"arrow_cursor", test_arrow_cursor},
    {"raw_wraps_values", test_raw_wraps_values},
    {"payments_golden", test_payments_golden},
    {"payments_navigation", test_payments_navigation},
    {"payments_paging", test_payments_paging},
    {"customers_paging", test_customers_paging},
    {"review_golden", test_review_golden},
    {"detail_golden", test_detail_golden},
    {"detail_review_documents", test_detail_review_documents},
    {"detail_flows", test_detail_flows},
    {"all_links", test_all_links},
    {"activity_reads_on", test_activity_reads_on},
    {"detail_customer_link", test_detail_customer_link},
    {"other_panes_golden", test_other_panes_golden},
    {"help_is_live_keymap", test_help_is_live_keymap},
    {"hostile_text", test_hostile_text},
    {NULL, NULL},
};
