/*
 * The reviewer's fast path and the dialogs' amount rules: the upload type
 * follows the review reason and Enter in the path field uploads once the
 * file checks out (off the UI thread); `y` sends an approval and Enter on
 * Cancel still cancels; per-currency confirmation thresholds; a typed
 * amount confirms in any exact spelling; amount messages say what is
 * wrong; long field values stay visible and are never cut silently.
 */
#include "test.h"
#include "unit/ui/fake_app.h"

#include <stdint.h>
#include <unistd.h>

#include "ui/confirm.h"
#include "ui/dialog.h"

static void fixture(struct app *a, struct ui_ctx *ctx, const char *amount,
                    const char *currency, enum payment_status st) {
  fake_init(a);
  memset(ctx, 0, sizeof *ctx);
  ctx->app = a;
  ctx->now_ms = FAKE_NOW;
  struct payment *p =
      fake_payment(a, "66f0c0ffee00000000000c01", FAKE_NOW,
                   PAYMENT_TYPE_TOPUP_ACCOUNT, st, amount, currency, "Ana");
  p->review_reason = xstrdup("SOURCE_OF_FUNDS_REQUIRED");
  p->documentation_status = xstrdup("UPLOADED");
}

static void type(struct dialog *d, const char *s) {
  for (; *s; s++)
    dialog_key(d, (unsigned char)*s);
}

/* Polls the dialog until the file check has answered (or 5 s). */
static enum dialog_result settle(struct dialog *d) {
  bool redraw;
  enum dialog_result r = DIALOG_CONTINUE;
  for (int i = 0; i < 5000; i++) {
    r = dialog_poll(d, &redraw);
    if (r != DIALOG_CONTINUE || d->file_state != FILECHECK_PENDING)
      return r;
    usleep(1000);
  }
  return r;
}

static void test_confirm_table(void) {
  struct confirm_table t;
  char err[128];
  struct money m;
  CHECK_INT(confirm_parse(NULL, &t, err, sizeof err), 0);
  /* 1,000 COP (about 0.25 USD) does not ask; 4,000,000 COP does */
  CHECK_INT(money_parse("1000", "COP", &m), CORE_OK);
  CHECK(!confirm_needed(&t, &m));
  CHECK_INT(money_parse("4000000", "COP", &m), CORE_OK);
  CHECK(confirm_needed(&t, &m));
  CHECK_INT(money_parse("999.99", "USD", &m), CORE_OK);
  CHECK(!confirm_needed(&t, &m));
  CHECK_INT(money_parse("5000", "CLP", &m), CORE_OK);
  CHECK(!confirm_needed(&t, &m));
  /* one currency overridden, the others keep their defaults */
  CHECK_INT(confirm_parse("USD:500, COP:10", &t, err, sizeof err), 0);
  CHECK_INT(money_parse("600", "USD", &m), CORE_OK);
  CHECK(confirm_needed(&t, &m));
  CHECK_INT(money_parse("10", "COP", &m), CORE_OK);
  CHECK(confirm_needed(&t, &m));
  CHECK_INT(money_parse("19999.99", "MXN", &m), CORE_OK);
  CHECK(!confirm_needed(&t, &m));
  /* a bare amount: every currency's major units */
  CHECK_INT(confirm_parse("1000", &t, err, sizeof err), 0);
  CHECK_INT(money_parse("1000", "COP", &m), CORE_OK);
  CHECK(confirm_needed(&t, &m));
  CHECK(confirm_parse("COP:1.5", &t, err, sizeof err) != 0);
  CHECK(strstr(err, "COP:1.5") != NULL);
  CHECK(confirm_parse("lots", &t, err, sizeof err) != 0);
  /* any exact spelling confirms */
  CHECK_INT(money_parse("5800.20", "USD", &m), CORE_OK);
  CHECK(confirm_matches("5800.2", &m));
  CHECK(confirm_matches("5,800.20", &m));
  CHECK(confirm_matches("5800.200", &m));
  CHECK(!confirm_matches("5800.21", &m));
  CHECK(!confirm_matches("5800.201", &m));
  CHECK(!confirm_matches("", &m));
}

static void test_amount_messages(void) {
  struct money m;
  char why[160];
  CHECK(money_parse_positive("1.00", "COP", &m, why, sizeof why) != CORE_OK);
  CHECK_STR(why, "COP amounts have no decimals: 1.00");
  CHECK(money_parse_positive("10.123", "MXN", &m, why, sizeof why) != CORE_OK);
  CHECK_STR(why, "MXN amounts have at most 2 decimals: 10.123");
  CHECK(money_parse_positive("-5", "MXN", &m, why, sizeof why) != CORE_OK);
  CHECK_STR(why, "must be above zero (got -5)");
  CHECK(money_parse_positive("abc", "MXN", &m, why, sizeof why) != CORE_OK);
  CHECK(strstr(why, "not an amount: abc") != NULL);
  CHECK(money_parse_positive("1,000.5", "MXN", &m, why, sizeof why) !=
        CORE_OK);
  CHECK(strstr(why, "no separators") != NULL);
  CHECK_INT(money_parse_positive("1000.5", "MXN", &m, why, sizeof why),
            CORE_OK);
  CHECK_INT(m.minor, 100050);
}

static void test_approve_with_y(void) {
  struct app a;
  struct ui_ctx ctx;
  struct dialog d;
  struct confirm_table t;
  char err[64];
  fixture(&a, &ctx, "5800.20", "USD", PAYMENT_STATUS_REQUIRES_REVIEW);
  confirm_parse(NULL, &t, err, sizeof err);
  memset(&d, 0, sizeof d);
  /* approving moves no money: no typed amount even above the threshold */
  dialog_open(&d, &ctx, &a.payments.items[0], APP_ACTION_APPROVE, &t, "S");
  CHECK_INT(d.typed, -1);
  CHECK_INT(dialog_key(&d, '\n'), DIALOG_CANCEL); /* Enter on Cancel */
  CHECK_INT(dialog_key(&d, 'y'), DIALOG_SUBMIT);
  dialog_close(&d);
  /* a capture above its currency's threshold asks for the amount, and
   * `y` alone does not send it */
  dialog_open(&d, &ctx, &a.payments.items[0], APP_ACTION_CAPTURE, &t, "S");
  CHECK(d.typed >= 0);
  CHECK_INT(dialog_key(&d, 'y'), DIALOG_CONTINUE);
  CHECK_INT(d.focus, d.typed);
  type(&d, "5,800.2");
  d.focus = (int)d.nf;
  CHECK_INT(dialog_key(&d, '\n'), DIALOG_SUBMIT);
  dialog_close(&d);
  fake_cleanup(&a);
  /* 1,000 COP is far below COP's threshold: nothing to type */
  fixture(&a, &ctx, "1000", "COP", PAYMENT_STATUS_CREATED);
  dialog_open(&d, &ctx, &a.payments.items[0], APP_ACTION_CAPTURE, &t, "S");
  CHECK_INT(d.typed, -1);
  dialog_close(&d);
  fake_cleanup(&a);
}

static void test_upload_fast_path(void) {
  struct app a;
  struct ui_ctx ctx;
  struct dialog d;
  fixture(&a, &ctx, "10.00", "USD", PAYMENT_STATUS_REQUIRES_REVIEW);
  char dir[] = "/tmp/desk-ui-fast-XXXXXX";
  CHECK(mkdtemp(dir) != NULL);
  char path[128];
  snprintf(path, sizeof path, "%s/funds.pdf", dir);
  FILE *f = fopen(path, "w");
  if (f) {
    fputs("abc", f);
    fclose(f);
  }
  snprintf(ctx.upload_dir, sizeof ctx.upload_dir, "%s", dir);
  memset(&d, 0, sizeof d);
  dialog_open(&d, &ctx, &a.payments.items[0], APP_ACTION_UPLOAD, NULL, "S");
  /* type from the review reason, focus in the path, last directory in it */
  CHECK_STR(d.f[0].choices[d.f[0].choice], "source_of_funds");
  CHECK_INT(d.focus, 1);
  char want[160];
  snprintf(want, sizeof want, "%s/", dir);
  CHECK_STR(d.f[1].value, want);
  /* a directory is not a file: Enter says why and sends nothing */
  CHECK_INT(dialog_key(&d, '\n'), DIALOG_CONTINUE);
  CHECK_INT(settle(&d), DIALOG_CONTINUE);
  CHECK(strstr(d.error, "a directory") != NULL);
  /* an absolute path replaces the remembered directory */
  type(&d, "/no/such.pdf");
  CHECK_STR(d.f[1].value, "/no/such.pdf");
  dialog_key(&d, 21); /* C-u */
  type(&d, want);
  /* Enter right after typing: sent once the check answers */
  type(&d, "funds.pdf");
  CHECK_INT(dialog_key(&d, '\n'), DIALOG_CONTINUE);
  CHECK(d.submit_when_ready);
  CHECK_INT(settle(&d), DIALOG_SUBMIT);
  CHECK(strstr(d.file_info, "3 bytes  application/pdf  sha256 ba7816bf") !=
        NULL);
  struct app_action act;
  dialog_action(&d, &act);
  CHECK_STR(act.doc_type, "source_of_funds");
  CHECK_STR(act.file_path, path);
  dialog_close(&d);
  remove(path);
  remove(dir);
  CHECK_STR(dialog_doc_type_for("KYC_REQUIRED"), "kyc");
  CHECK_STR(dialog_doc_type_for("invoice missing"), "invoice");
  CHECK_STR(dialog_doc_type_for(NULL), "source_of_funds");
  fake_cleanup(&a);
}

static void test_assign_negative_and_long_reason(void) {
  struct app a;
  struct ui_ctx ctx;
  struct dialog d;
  fixture(&a, &ctx, "100.00", "MXN", PAYMENT_STATUS_CREATED);
  const char *const accts[][2] = {{"ACC-USD", "USD"}, {"ACC-MXN", "MXN"},
                                  {"ACC-MX2", "MXN"}};
  for (size_t i = 0; i < 3; i++) {
    struct account *ac = account_list_push(&a.accounts);
    ac->account_number = xstrdup(accts[i][0]);
    ac->currency = xstrdup(accts[i][1]);
    ac->name = xstrdup("ops");
  }
  memset(&d, 0, sizeof d);
  dialog_open(&d, &ctx, &a.payments.items[0], APP_ACTION_ASSIGN, NULL, "S");
  /* the picker offers only accounts in the payment's currency */
  CHECK_INT(d.f[0].nchoices, 2);
  CHECK(strstr(d.f[0].choices[0], "ACC-MXN") != NULL);
  CHECK(strstr(d.f[0].choices[1], "ACC-MX2") != NULL);
  d.focus = 1;
  type(&d, "-5");
  struct canvas *c = canvas_new(100, 30);
  int cx, cy;
  dialog_draw(&d, c, &cx, &cy);
  char *out = canvas_dump(c);
  CHECK(strstr(out, "OVERPAID") == NULL);
  CHECK(strstr(out, "expected amount must be above zero (got -5)") != NULL);
  free(out);
  dialog_close(&d);
  /* a long reason: its end is what shows while typing, and typing past
   * the limit says so */
  dialog_open(&d, &ctx, &a.payments.items[0], APP_ACTION_REJECT, NULL, "S");
  d.focus = 0;
  for (int i = 0; i < 1100; i++)
    dialog_key(&d, i < 1090 ? 'a' + i % 26 : 'Z');
  CHECK_INT(strlen(d.f[0].value), DIALOG_VALUE_MAX - 1);
  CHECK(strstr(d.error, "reason: at most 1023 bytes") != NULL);
  d.error[0] = '\0';
  canvas_clear(c, ROLE_NORMAL);
  dialog_draw(&d, c, &cx, &cy);
  out = canvas_dump(c);
  /* the last characters typed (...1022 % 26 ...) are on screen */
  char tail[8];
  for (int i = 0; i < 6; i++)
    tail[i] = (char)('a' + (1017 + i) % 26);
  tail[6] = '\0';
  CHECK(strstr(out, tail) != NULL);
  free(out);
  dialog_close(&d);
  canvas_free(&c);
  fake_cleanup(&a);
}

TEST_LIST = {
    {"confirm_table", test_confirm_table},
    {"amount_messages", test_amount_messages},
    {"approve_with_y", test_approve_with_y},
    {"upload_fast_path", test_upload_fast_path},
    {"assign_negative_and_long_reason", test_assign_negative_and_long_reason},
    {NULL, NULL},
};
