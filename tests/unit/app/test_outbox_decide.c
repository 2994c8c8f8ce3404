/*
 * outbox_decide: the decision table, checked over EVERY combination of its
 * inputs (4 states x mine x past grace x had 2xx x resent x 7 send results
 * x 4 reconcile results = 1792), against a rule table written the way
 * docs/ARCHITECTURE.md shows it (first matching row wins), plus safety
 * properties that must hold whatever the table says.
 */
#include "app/outbox_decide.h"
#include "test.h"

#define ANY (-1)

struct rule {
  int state, mine, grace, had2xx, resent, send, recon;
  enum ob_decision want;
};

/* The table of docs/ARCHITECTURE.md, top to bottom. */
static const struct rule rules[] = {
    {OB_CLOSED, ANY, ANY, ANY, ANY, ANY, ANY, OB_REPORT_CLOSED},
    /* nothing sent in this pass */
    {OB_PENDING, 0, 0, ANY, ANY, OB_SEND_NONE, ANY, OB_SKIP},
    {OB_PENDING, ANY, ANY, ANY, ANY, OB_SEND_NONE, ANY, OB_SEND},
    {ANY, ANY, ANY, ANY, ANY, OB_SEND_NONE, OB_RECON_NONE, OB_RECONCILE},
    {ANY, ANY, ANY, ANY, ANY, OB_SEND_NONE, OB_RECON_HAPPENED, OB_SUCCEED},
    {ANY, ANY, 1, 0, ANY, OB_SEND_NONE, OB_RECON_NOT_HAPPENED, OB_RESEND},
    {ANY, ANY, ANY, ANY, ANY, OB_SEND_NONE, ANY, OB_WAIT},
    /* a send result on an entry still pending cannot be: touch nothing */
    {OB_PENDING, ANY, ANY, ANY, ANY, ANY, ANY, OB_WAIT},
    /* definite answers */
    {ANY, ANY, ANY, ANY, ANY, OB_SEND_OK, ANY, OB_SUCCEED},
    {ANY, ANY, ANY, ANY, ANY, OB_SEND_REFUSED, ANY, OB_FAIL},
    {ANY, ANY, ANY, ANY, ANY, OB_SEND_UNSUPPORTED, ANY, OB_UNSUPPORTED},
    /* anything else: outcome unknown; record it, then ask the server */
    {OB_SENT, ANY, ANY, ANY, ANY, ANY, ANY, OB_KEEP_UNKNOWN},
    {ANY, ANY, ANY, ANY, ANY, ANY, OB_RECON_NONE, OB_RECONCILE},
    {ANY, ANY, ANY, ANY, ANY, ANY, OB_RECON_HAPPENED, OB_SUCCEED},
    {ANY, ANY, ANY, 0, 0, OB_SEND_ERROR_ANSWER, OB_RECON_NOT_HAPPENED,
     OB_RESEND},
    {ANY, ANY, ANY, ANY, ANY, ANY, ANY, OB_WAIT},
};

static int field_ok(int rule, int v) {
  return rule == ANY || rule == v;
}

static enum ob_decision by_rules(const struct ob_facts *f, size_t *row) {
  for (size_t i = 0; i < sizeof rules / sizeof rules[0]; i++) {
    const struct rule *r = &rules[i];
    if (field_ok(r->state, (int)f->state) && field_ok(r->mine, f->mine) &&
        field_ok(r->grace, f->past_grace) && field_ok(r->had2xx, f->had_2xx) &&
        field_ok(r->resent, f->resent) && field_ok(r->send, (int)f->send) &&
        field_ok(r->recon, (int)f->recon)) {
      *row = i;
      return r->want;
    }
  }
  *row = (size_t)-1;
  return OB_DECISION_COUNT_;
}

/* Calls fn for every combination of the inputs. */
static void each_combination(void (*fn)(const struct ob_facts *f)) {
  for (int st = 0; st < OB_STATE_COUNT_; st++)
    for (int bits = 0; bits < 16; bits++)
      for (int send = 0; send < OB_SEND_COUNT_; send++)
        for (int recon = 0; recon < OB_RECON_COUNT_; recon++) {
          struct ob_facts f = {
              .state = (enum ob_state)st,
              .mine = bits & 1,
              .past_grace = (bits >> 1) & 1,
              .had_2xx = (bits >> 2) & 1,
              .resent = (bits >> 3) & 1,
              .send = (enum ob_send)send,
              .recon = (enum ob_recon)recon,
          };
          fn(&f);
        }
}

static int combos, rows_used[32];

static void against_rules(const struct ob_facts *f) {
  size_t row;
  enum ob_decision want = by_rules(f, &row);
  enum ob_decision got = outbox_decide(f);
  combos++;
  if (row < 32)
    rows_used[row]++;
  if (got != want) {
    fprintf(stderr,
            "state %d mine %d grace %d 2xx %d resent %d send %d recon %d: "
            "got %s, want %s (row %zu)\n",
            f->state, f->mine, f->past_grace, f->had_2xx, f->resent, f->send,
            f->recon, outbox_decision_name(got), outbox_decision_name(want),
            row);
  }
  CHECK(got == want);
}

static void test_every_combination(void) {
  combos = 0;
  memset(rows_used, 0, sizeof rows_used);
  each_combination(against_rules);
  CHECK_INT(combos, 4 * 16 * 7 * 4);
  /* every row of the table decides at least one combination */
  for (size_t i = 0; i < sizeof rules / sizeof rules[0]; i++)
    if (rows_used[i] == 0) {
      fprintf(stderr, "rule row %zu never used\n", i);
      CHECK(rows_used[i] > 0);
    }
}

/* Safety, whatever the table says. */
static void properties(const struct ob_facts *f) {
  enum ob_decision d = outbox_decide(f);
  /* never send twice in one pass, never resend after a 2xx */
  if (d == OB_SEND || d == OB_RESEND) {
    CHECK(!f->resent || f->send == OB_SEND_NONE);
    CHECK(!(f->had_2xx && f->state != OB_PENDING));
  }
  /* a fresh send only for an entry never sent */
  if (d == OB_SEND)
    CHECK(f->state == OB_PENDING && f->send == OB_SEND_NONE);
  /* never resend what the server showed, or what was answered 2xx now */
  if (d == OB_RESEND) {
    CHECK(f->recon == OB_RECON_NOT_HAPPENED);
    CHECK(f->send != OB_SEND_2XX_UNREAD && f->send != OB_SEND_NO_ANSWER);
  }
  /* success needs a readable 2xx or the server showing it */
  if (d == OB_SUCCEED)
    CHECK(f->send == OB_SEND_OK || f->recon == OB_RECON_HAPPENED);
  /* failure needs a definite refusal: an unknown outcome never fails */
  if (d == OB_FAIL)
    CHECK(f->send == OB_SEND_REFUSED);
  if (d == OB_UNSUPPORTED)
    CHECK(f->send == OB_SEND_UNSUPPORTED);
  /* another session's fresh pending entry is left alone */
  if (f->state == OB_PENDING && !f->mine && !f->past_grace &&
      f->send == OB_SEND_NONE)
    CHECK(d == OB_SKIP);
  CHECK((unsigned)d < OB_DECISION_COUNT_);
}

static void test_properties(void) {
  each_combination(properties);
}

/* A few journeys through the loop, step by step. */
static void test_journeys(void) {
  /* 200 {"ok":true} to a refund: unknown, reconciled, never resent */
  struct ob_facts f = {.state = OB_PENDING, .mine = true};
  CHECK_INT(outbox_decide(&f), OB_SEND);
  f.state = OB_SENT;
  f.send = OB_SEND_2XX_UNREAD;
  f.had_2xx = true;
  CHECK_INT(outbox_decide(&f), OB_KEEP_UNKNOWN);
  f.state = OB_UNKNOWN;
  CHECK_INT(outbox_decide(&f), OB_RECONCILE);
  f.recon = OB_RECON_NOT_HAPPENED;
  CHECK_INT(outbox_decide(&f), OB_WAIT);
  /* a later pass, long after: still not resent */
  struct ob_facts later = {.state = OB_UNKNOWN,
                           .past_grace = true,
                           .had_2xx = true,
                           .recon = OB_RECON_NOT_HAPPENED};
  CHECK_INT(outbox_decide(&later), OB_WAIT);
  later.recon = OB_RECON_HAPPENED;
  CHECK_INT(outbox_decide(&later), OB_SUCCEED);
  /* a 503: the server finished with it undone, resent once at once */
  struct ob_facts g = {.state = OB_UNKNOWN,
                       .send = OB_SEND_ERROR_ANSWER,
                       .recon = OB_RECON_NOT_HAPPENED};
  CHECK_INT(outbox_decide(&g), OB_RESEND);
  g.resent = true;
  CHECK_INT(outbox_decide(&g), OB_WAIT);
  /* a timeout: it may still be running; resent only after the grace */
  struct ob_facts h = {.state = OB_UNKNOWN,
                       .send = OB_SEND_NO_ANSWER,
                       .recon = OB_RECON_NOT_HAPPENED};
  CHECK_INT(outbox_decide(&h), OB_WAIT);
  struct ob_facts h2 = {
      .state = OB_UNKNOWN, .past_grace = false, .recon = OB_RECON_NOT_HAPPENED};
  CHECK_INT(outbox_decide(&h2), OB_WAIT);
  h2.past_grace = true;
  CHECK_INT(outbox_decide(&h2), OB_RESEND);
  /* 501 on approve: a definite "not offered" */
  struct ob_facts u = {.state = OB_SENT, .send = OB_SEND_UNSUPPORTED};
  CHECK_INT(outbox_decide(&u), OB_UNSUPPORTED);
}

static void test_names(void) {
  CHECK_STR(outbox_decision_name(OB_KEEP_UNKNOWN), "keep-unknown");
  CHECK_STR(outbox_decision_name(OB_DECISION_COUNT_), "?");
  for (int d = 0; d < OB_DECISION_COUNT_; d++)
    CHECK(strcmp(outbox_decision_name((enum ob_decision)d), "?") != 0);
}

TEST_LIST = {{"every_combination", test_every_combination},
             {"properties", test_properties},
             {"journeys", test_journeys},
             {"names", test_names},
             {NULL, NULL}};
