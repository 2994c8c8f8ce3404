/*
 * Canvas text geometry (wide, combining, truncation, ASCII), keymap and
 * theme files, the JSON display helpers, and the action dialog's safety
 * rules (Cancel by default, typed confirmation, what will be sent).
 */
#include "unit/ui/fake_app.h"
#include "unit/ui/golden.h"

#include <stdint.h>
#include <unistd.h>

#include "ui/canvas.h"
#include "ui/dialog.h"
#include "ui/draft.h"
#include "ui/keymap.h"
#include "ui/prompt.h"
#include "ui/statusbar.h"
#include "ui/tabbar.h"
#include "ui/theme.h"

static void utf8(void) {
  setlocale(LC_ALL, "C.UTF-8");
}

static void test_canvas_wide_and_combining(void) {
  utf8();
  struct canvas *c = canvas_new(12, 3);
  /* three CJK characters are six columns */
  CHECK_INT(canvas_text_width("\xe7\x8e\x8b\xe5\xb0\x8f\xe6\x98\x8e", false),
            6);
  /* e + combining acute is one column */
  CHECK_INT(canvas_text_width("e\xcc\x81", false), 1);
  CHECK_INT(canvas_text(c, 0, 0, 12,
                        "ab\xe7\x8e\x8b"
                        "e\xcc\x81z",
                        ROLE_NORMAL),
            6);
  char *d = canvas_dump(c);
  CHECK_STR(d, "ab\xe7\x8e\x8b"
               "e\xcc\x81z\n\n\n");
  free(d);
  /* truncation never splits a wide char and ends with an ellipsis */
  canvas_clear(c, ROLE_NORMAL);
  CHECK_INT(canvas_text(c, 0, 1, 4, "\xe7\x8e\x8b\xe5\xb0\x8f\xe6\x98\x8e",
                        ROLE_NORMAL),
            3);
  d = canvas_dump(c);
  CHECK_STR(d, "\n\xe7\x8e\x8b\xe2\x80\xa6\n\n");
  free(d);
  /* clipping at the right edge */
  canvas_clear(c, ROLE_NORMAL);
  CHECK_INT(canvas_text(c, 10, 2, 50, "\xe7\x8e\x8bxyz", ROLE_NORMAL), 1);
  CHECK_STR(canvas_cell_at(c, 10, 2)->text, "\xe2\x80\xa6");
  /* control bytes become '?', never reach the grid */
  canvas_clear(c, ROLE_NORMAL);
  canvas_text(c, 0, 0, 12, "a\x1b[2Jb\n", ROLE_NORMAL);
  d = canvas_dump(c);
  CHECK(strchr(d, '\x1b') == NULL);
  CHECK_STR(d, "a?[2Jb?\n\n\n");
  free(d);
  /* overwriting half of a wide char blanks the other half */
  canvas_clear(c, ROLE_NORMAL);
  canvas_text(c, 0, 0, 12, "\xe7\x8e\x8b\xe5\xb0\x8f", ROLE_NORMAL);
  canvas_text(c, 1, 0, 1, "x", ROLE_NORMAL);
  d = canvas_dump(c);
  CHECK_STR(d, " x\xe5\xb0\x8f\n\n\n");
  free(d);
  canvas_free(&c);
}

static void test_canvas_ascii(void) {
  utf8();
  struct canvas *c = canvas_new(10, 3);
  c->ascii = true;
  canvas_text(c, 0, 0, 10, "Jos\xc3\xa9 \xe7\x8e\x8b", ROLE_NORMAL);
  canvas_text(c, 0, 1, 4, "abcdefg", ROLE_NORMAL);
  canvas_hline(c, 0, 2, 3, ROLE_BORDER);
  char *d = canvas_dump(c);
  CHECK_STR(d, "Jos? ?\nabc~\n---\n");
  for (const char *p = d; *p; p++)
    CHECK((unsigned char)*p < 0x80);
  free(d);
  d = canvas_dump_roles(c);
  CHECK(d[0] == 'a' + ROLE_NORMAL);
  free(d);
  canvas_free(&c);
}

/* Random bytes through the canvas and the JSON helpers: no crash (ASan),
 * and nothing that could drive a terminal comes out. */
static void test_random_text(void) {
  utf8();
  unsigned seed = 12345;
  struct canvas *c = canvas_new(40, 4);
  for (int round = 0; round < 3000; round++) {
    char buf[96];
    size_t n = 1 + (size_t)(round % 90);
    for (size_t i = 0; i < n; i++) {
      seed = seed * 1103515245u + 12345u;
      unsigned char b = (unsigned char)(seed >> 16);
      /* bias towards the interesting bytes */
      if (round % 3 == 0 && b % 4 == 0)
        b = 0x1b;
      buf[i] = (char)(b ? b : 'x');
    }
    buf[n] = '\0';
    canvas_clear(c, ROLE_NORMAL);
    c->ascii = round % 5 == 0;
    canvas_text(c, (int)(seed % 7), (int)(seed % 4), 30, buf, ROLE_NORMAL);
    canvas_text_wrap(c, 0, 0, 40, 4, buf, ROLE_NORMAL);
    char *d = canvas_dump(c);
    for (const unsigned char *p = (const unsigned char *)d; *p; p++)
      CHECK(*p >= 0x20 || *p == '\n');
    CHECK(strstr(d, "\xe2\x80\xae") == NULL); /* no U+202E */
    CHECK(strstr(d, "\xc2\x9b") == NULL);     /* no C1 CSI */
    free(d);
  }
  /* a bidi override that skipped sanitising is still not drawn */
  canvas_clear(c, ROLE_NORMAL);
  canvas_text(c, 0, 0, 40,
              "abc\xe2\x80\xae"
              "def\xc2\x9b"
              "2J",
              ROLE_NORMAL);
  char *d = canvas_dump(c);
  CHECK_STR(d, "abc?def?2J\n\n\n\n");
  free(d);
  canvas_free(&c);
}

static void test_status_and_tabs(void) {
  utf8();
  struct canvas *c = canvas_new(160, 2);
  struct app_status st;
  memset(&st, 0, sizeof st);
  st.env_host = "api.conomyhq.com";
  st.production = true;
  st.online = true;
  st.last_sync_ms = FAKE_NOW - 125000;
  st.outbox_pending = 2;
  snprintf(st.last_error, sizeof st.last_error,
           "refund: 422 failedPrecondition [trace t-1]\x1b[2J");
  struct statusbar_info in = {
      .st = &st, .profile = "live", .now_ms = FAKE_NOW, .read_only = true};
  statusbar_draw(c, 0, &in);
  char *d = canvas_dump(c);
  CHECK(strstr(d, "!! PRODUCTION api.conomyhq.com !!") != NULL);
  CHECK(strstr(d, "live | online | synced 2m ago | outbox 2 | READ-ONLY") !=
        NULL);
  CHECK(strstr(d, "error: refund: 422 failedPrecondition [trace t-1]^[[2J") !=
        NULL);
  free(d);
  CHECK_INT(canvas_cell_at(c, 1, 0)->role, ROLE_ENV_PRODUCTION);
  /* sandbox, syncing, offline mode */
  memset(&st, 0, sizeof st);
  st.env_host = "127.0.0.1";
  st.syncing = true;
  st.sync_done = 50;
  st.sync_total = 200;
  in.read_only = false;
  canvas_clear(c, ROLE_NORMAL);
  statusbar_draw(c, 0, &in);
  d = canvas_dump(c);
  CHECK(strstr(d, " SANDBOX 127.0.0.1  live | online | syncing [##........] "
                  "50/200") != NULL);
  free(d);
  st.offline = true;
  st.syncing = false;
  canvas_clear(c, ROLE_NORMAL);
  statusbar_draw(c, 0, &in);
  d = canvas_dump(c);
  CHECK(strstr(d, "OFFLINE MODE | never synced") != NULL);
  free(d);
  /* tabs: long names when they fit, short ones at 80 columns */
  struct tabbar_tab tabs[] = {
      {"Payments", "Pay", 20000},  {"Review", "Rev", 12},
      {"Customers", "Cust", 4000}, {"Refunds", "Ref", 3300},
      {"Unassigned", "Unas", 2},   {"Activity", "Act", 0}};
  canvas_clear(c, ROLE_NORMAL);
  tabbar_draw(c, 1, tabs, 6, 1, "? help");
  d = canvas_dump(c);
  CHECK(strstr(d, " 1 Payments 20000  [2 Review 12]  3 Customers 4000") !=
        NULL);
  free(d);
  canvas_resize(c, 80, 1);
  tabbar_draw(c, 0, tabs, 6, 0, "? help");
  d = canvas_dump(c);
  CHECK(strstr(d, "[1 Pay 20000]  2 Rev 12   3 Cust 4000") != NULL);
  free(d);
  canvas_free(&c);
}

static void test_keymap_file(void) {
  struct keymap km;
  char why[128];
  keymap_init(&km);
  CHECK_INT(keymap_lookup(&km, 'j'), CMD_DOWN);
  CHECK_INT(keymap_lookup(&km, UI_KEY_F0 + 5), CMD_SYNC);
  CHECK_INT(keymap_lookup(&km, 4), CMD_HALF_DOWN);
  CHECK_INT(keymap_parse(&km,
                         "# mine\n\nbind C-n down\nunbind r\nbind R refund\n"
                         "bind # top\n",
                         why, sizeof why),
            0);
  CHECK_INT(keymap_lookup(&km, 14), CMD_DOWN);
  CHECK_INT(keymap_lookup(&km, 'r'), CMD_NONE);
  CHECK_INT(keymap_lookup(&km, 'R'), CMD_REFUND);
  CHECK_INT(keymap_lookup(&km, '#'), CMD_TOP);
  CHECK(keymap_parse(&km, "bind j\n", why, sizeof why) != 0);
  CHECK(strstr(why, "line 1") != NULL);
  CHECK(keymap_parse(&km, "\nbind Nope down\n", why, sizeof why) != 0);
  CHECK(strstr(why, "line 2") != NULL);
  CHECK(keymap_parse(&km, "bind x explode\n", why, sizeof why) != 0);
  CHECK(strstr(why, "explode") != NULL);
  char name[16];
  keymap_key_name(UI_KEY_PGDN, name, sizeof name);
  CHECK_STR(name, "PgDn");
  CHECK_INT(keymap_key_from_name("F12"), UI_KEY_F0 + 12);
  CHECK_INT(keymap_key_from_name("C-d"), 4);
  keymap_cleanup(&km);
}

static void test_theme_files(void) {
  struct theme t;
  char why[256];
  theme_default(&t);
  CHECK(t.roles[ROLE_SELECTED].mono_attrs & THEME_ATTR_REVERSE);
  CHECK_INT(
      theme_parse(&t, "selected = red bright-blue bold\n", why, sizeof why), 0);
  CHECK_INT(t.roles[ROLE_SELECTED].fg, 1);
  CHECK_INT(t.roles[ROLE_SELECTED].bg, 12);
  CHECK(theme_parse(&t, "\nnosuchrole = red blue\n", why, sizeof why) != 0);
  CHECK(strstr(why, "line 2") != NULL);
  CHECK(theme_parse(&t, "selected = purple blue\n", why, sizeof why) != 0);
  /* every shipped theme parses */
  const char *names[] = {"default", "light", "mono", "high-contrast"};
  for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
    char path[256];
    snprintf(path, sizeof path, "%s/themes/%s.theme", DESK_SOURCE_ASSETS_DIR,
             names[i]);
    int rc = theme_load(&t, path, why, sizeof why);
    if (rc != 0)
      fprintf(stderr, "%s: %s\n", path, why);
    CHECK_INT(rc, 0);
  }
  CHECK(theme_load(&t, "no-such-theme", why, sizeof why) != 0);
}

static void test_prompt_edit(void) {
  char buf[16] = "";
  CHECK(prompt_edit(buf, sizeof buf, 'a'));
  CHECK(prompt_edit(buf, sizeof buf, 0xe9)); /* é */
  CHECK_STR(buf, "a\xc3\xa9");
  CHECK(prompt_edit(buf, sizeof buf, UI_KEY_BACKSPACE));
  CHECK_STR(buf, "a");
  CHECK(!prompt_edit(buf, sizeof buf, 27));
  CHECK(!prompt_edit(buf, sizeof buf, 0x9b)); /* C1 CSI */
  CHECK(!prompt_edit(buf, sizeof buf, UI_KEY_UP));
  struct prompt p;
  prompt_init(&p);
  prompt_open(&p, ':', "");
  prompt_key(&p, 's');
  prompt_key(&p, 'y');
  CHECK_INT(prompt_key(&p, '\n'), PROMPT_SUBMIT);
  prompt_open(&p, ':', "");
  CHECK_INT(prompt_key(&p, UI_KEY_UP), PROMPT_CHANGED);
  CHECK_STR(p.buf, "sy");
  prompt_cleanup(&p);
}

static void refund_fixture(struct app *a, struct ui_ctx *ctx) {
  utf8();
  fake_init(a);
  memset(ctx, 0, sizeof *ctx);
  ctx->app = a;
  ctx->now_ms = FAKE_NOW;
  struct payment *p = fake_payment(
      a, "66f0c0ffee00000000000b01", FAKE_NOW, PAYMENT_TYPE_PURCHASE,
      PAYMENT_STATUS_SETTLED, "2500.00", "USD", "Ana");
  (void)p;
  p = fake_payment(a, "66f0c0ffee00000000000b02", FAKE_NOW, PAYMENT_TYPE_REFUND,
                   PAYMENT_STATUS_SETTLED, "500.00", "USD", "Ana");
  p->parent_payment_id = xstrdup("66f0c0ffee00000000000b01");
}

/* A table under which no amount asks for typed confirmation. */
static struct confirm_table never = {.all_set = true,
                                     .all_micro = INT64_MAX};

static void type(struct dialog *d, const char *s) {
  for (; *s; s++)
    dialog_key(d, (unsigned char)*s);
}

static void test_dialog_refund(void) {
  struct app a;
  struct ui_ctx ctx;
  struct dialog d;
  refund_fixture(&a, &ctx);
  memset(&d, 0, sizeof d);
  struct confirm_table conf;
  char why[128];
  CHECK_INT(confirm_parse("USD:1000", &conf, why, sizeof why), 0);
  dialog_open(&d, &ctx, &a.payments.items[0], APP_ACTION_REFUND, &conf,
              "SANDBOX 127.0.0.1");
  /* prefilled with maxRefundable = 2500 - 500 */
  CHECK_STR(d.f[0].value, "2000.00");
  /* Enter right away hits Cancel: nothing is sent */
  CHECK_INT(dialog_key(&d, '\n'), DIALOG_CANCEL);
  /* render: shows what will be sent */
  struct canvas *c = canvas_new(100, 30);
  int cx, cy;
  dialog_draw(&d, c, &cx, &cy);
  char *out = canvas_dump(c);
  CHECK(golden_check("dialog_refund_100x30", out));
  CHECK(strstr(out, "POST /payments/66f0c0ffee00000000000b01/refund") != NULL);
  CHECK(strstr(out, "{\"amount\":\"2000.00\"}") != NULL);
  free(out);
  /* Tab to Send without typing the amount: refused (above threshold) */
  d.focus = (int)d.nf;
  CHECK_INT(dialog_key(&d, '\n'), DIALOG_CONTINUE);
  CHECK(strstr(d.error, "type the amount, 2000.00 USD") != NULL);
  CHECK_INT(d.focus, d.typed);
  type(&d, "200");
  d.focus = (int)d.nf;
  CHECK_INT(dialog_key(&d, '\n'), DIALOG_CONTINUE);
  /* any exact spelling of the amount confirms it */
  dialog_key(&d, 21); /* C-u */
  type(&d, "2,000.0");
  d.focus = (int)d.nf;
  CHECK_INT(dialog_key(&d, '\n'), DIALOG_SUBMIT);
  /* a small amount needs no typed confirmation */
  d.focus = 0;
  dialog_key(&d, 21); /* C-u */
  type(&d, "12.50");
  dialog_key(&d, '\t');
  type(&d, "duplicate charge");
  d.focus = (int)d.nf;
  CHECK_INT(dialog_key(&d, '\n'), DIALOG_SUBMIT);
  struct app_action act;
  dialog_action(&d, &act);
  CHECK_INT(act.kind, APP_ACTION_REFUND);
  CHECK_STR(act.amount, "12.50");
  CHECK_STR(act.reason, "duplicate charge");
  CHECK_STR(act.payment_id, "66f0c0ffee00000000000b01");
  CHECK_STR(act.seen_status, "SETTLED");
  /* above maxRefundable is refused locally */
  d.focus = 0;
  dialog_key(&d, 21);
  type(&d, "2000.01");
  d.focus = (int)d.nf;
  CHECK_INT(dialog_key(&d, '\n'), DIALOG_CONTINUE);
  CHECK(strstr(d.error, "maxRefundable") != NULL);
  /* an identical refund just sent: named, and a second Send sends it */
  a.duplicate_of = "12.50";
  d.focus = 0;
  dialog_key(&d, 21);
  type(&d, "12.50");
  d.focus = (int)d.nf;
  CHECK_INT(dialog_key(&d, '\n'), DIALOG_CONTINUE);
  CHECK(strstr(d.error, "identical refund") != NULL);
  CHECK(strstr(d.error, "Send again") != NULL);
  CHECK_INT(dialog_key(&d, '\n'), DIALOG_SUBMIT);
  dialog_action(&d, &act);
  CHECK(act.again);
  /* editing the amount asks afresh */
  d.focus = 0;
  dialog_key(&d, 21);
  type(&d, "12.50");
  d.focus = (int)d.nf;
  CHECK_INT(dialog_key(&d, '\n'), DIALOG_CONTINUE);
  CHECK(strstr(d.error, "identical refund") != NULL);
  dialog_close(&d);
  canvas_free(&c);
  fake_cleanup(&a);
}

static void test_dialog_reject_and_assign(void) {
  struct app a;
  struct ui_ctx ctx;
  struct dialog d;
  refund_fixture(&a, &ctx);
  memset(&d, 0, sizeof d);
  dialog_open(&d, &ctx, &a.payments.items[0], APP_ACTION_REJECT,
              &never, "SANDBOX x");
  d.focus = (int)d.nf;
  CHECK_INT(dialog_key(&d, '\n'), DIALOG_CONTINUE);
  CHECK(strstr(d.error, "reason is required") != NULL);
  type(&d, "no proof of funds");
  d.focus = (int)d.nf;
  CHECK_INT(dialog_key(&d, '\n'), DIALOG_SUBMIT);
  char **lines;
  size_t n = dialog_preview(&d, &lines);
  CHECK_INT(n, 3);
  CHECK_STR(lines[2], "to SANDBOX x, with a new Idempotency-Key");
  CHECK_STR(lines[1],
            "{\"decision\":\"REJECTED\",\"reason\":\"no proof of funds\"}");
  for (size_t i = 0; i < n; i++)
    free(lines[i]);
  free(lines);
  dialog_close(&d);

  struct account *ac = account_list_push(&a.accounts);
  ac->account_number = xstrdup("ACC-9");
  ac->currency = xstrdup("USD");
  ac->name = xstrdup("Main");
  dialog_open(&d, &ctx, &a.payments.items[0], APP_ACTION_ASSIGN,
              &never, "SANDBOX x");
  d.focus = 1;
  type(&d, "3000.00");
  struct canvas *c = canvas_new(100, 30);
  int cx, cy;
  dialog_draw(&d, c, &cx, &cy);
  char *out = canvas_dump(c);
  CHECK(strstr(out, "UNDERPAID by 500.00 USD") != NULL);
  CHECK(strstr(out, "\"accountNumber\":\"ACC-9\"") != NULL);
  free(out);
  d.focus = (int)d.nf;
  CHECK_INT(dialog_key(&d, '\n'), DIALOG_SUBMIT);
  struct app_action act;
  dialog_action(&d, &act);
  CHECK_STR(act.account_number, "ACC-9");
  CHECK_STR(act.expected_amount, "3000.00");
  dialog_close(&d);
  canvas_free(&c);
  fake_cleanup(&a);
}

static void test_dialog_upload(void) {
  struct app a;
  struct ui_ctx ctx;
  struct dialog d;
  refund_fixture(&a, &ctx);
  char dir[] = "/tmp/desk-ui-upload-XXXXXX";
  CHECK(mkdtemp(dir) != NULL);
  char path[128];
  snprintf(path, sizeof path, "%s/proof-of-funds.pdf", dir);
  FILE *f = fopen(path, "w");
  CHECK(f != NULL);
  if (f) {
    fputs("abc", f);
    fclose(f);
  }
  memset(&d, 0, sizeof d);
  dialog_open(&d, &ctx, &a.payments.items[0], APP_ACTION_UPLOAD,
              &never, "SANDBOX x");
  d.focus = 1;
  char partial[160];
  snprintf(partial, sizeof partial, "%s/proof", dir);
  type(&d, partial);
  dialog_key(&d, '\t'); /* completes the file name */
  CHECK_STR(d.f[1].value, path);
  /* the check runs on its own thread; wait for its result */
  bool redraw = false;
  for (int i = 0; i < 5000 && d.file_state == FILECHECK_PENDING; i++) {
    dialog_poll(&d, &redraw);
    usleep(1000);
  }
  CHECK_INT(d.file_state, FILECHECK_OK);
  struct canvas *c = canvas_new(120, 30);
  int cx, cy;
  dialog_draw(&d, c, &cx, &cy);
  char *out = canvas_dump(c);
  CHECK(strstr(out, "3 bytes  application/pdf  sha256 ba7816bf") != NULL);
  free(out);
  d.focus = (int)d.nf;
  CHECK_INT(dialog_key(&d, '\n'), DIALOG_SUBMIT);
  struct app_action act;
  dialog_action(&d, &act);
  CHECK_STR(act.doc_type, "source_of_funds");
  CHECK_STR(act.file_path, path);
  dialog_close(&d);
  canvas_free(&c);
  remove(path);
  remove(dir);
  fake_cleanup(&a);
}

static void test_draft_roundtrip(void) {
  struct app a;
  struct ui_ctx ctx;
  struct dialog d;
  refund_fixture(&a, &ctx);
  char dir[] = "/tmp/desk-ui-draft-XXXXXX";
  CHECK(mkdtemp(dir) != NULL);
  char state[128];
  snprintf(state, sizeof state, "%s/state", dir);
  setenv("XDG_STATE_HOME", state, 1);
  char *path = draft_path("ops/eu");
  CHECK(path != NULL);
  if (path == NULL)
    return;
  CHECK(strstr(path, "/state/conomy-desk/draft-ops_eu") != NULL);
  memset(&d, 0, sizeof d);
  dialog_open(&d, &ctx, &a.payments.items[0], APP_ACTION_REFUND,
              &never, "SANDBOX x");
  d.focus = 0;
  dialog_key(&d, 21);
  type(&d, "12.34");
  dialog_key(&d, '\t');
  type(&d, "ticket = 42");
  CHECK_INT(draft_save(path, &d), 0);
  dialog_close(&d);
  struct draft dr;
  CHECK_INT(draft_load(path, &dr), 0);
  CHECK_INT(dr.action, APP_ACTION_REFUND);
  CHECK_STR(dr.payment_id, "66f0c0ffee00000000000b01");
  memset(&d, 0, sizeof d);
  dialog_open(&d, &ctx, &a.payments.items[0], APP_ACTION_REFUND,
              &never, "SANDBOX x");
  draft_apply(&dr, &d);
  CHECK_STR(d.f[0].value, "12.34");
  CHECK_STR(d.f[1].value, "ticket = 42");
  CHECK_INT(d.focus, (int)d.nf + 1); /* still on Cancel */
  dialog_close(&d);
  /* a damaged file is no draft */
  FILE *f = fopen(path, "w");
  if (f) {
    fputs("action=99\n", f);
    fclose(f);
  }
  CHECK(draft_load(path, &dr) != 0);
  remove(path);
  char sub[160];
  snprintf(sub, sizeof sub, "%s/conomy-desk", state);
  remove(sub);
  remove(state);
  remove(dir);
  free(path);
  unsetenv("XDG_STATE_HOME");
  fake_cleanup(&a);
}

TEST_LIST = {
    {"canvas_wide_and_combining", test_canvas_wide_and_combining},
    {"canvas_ascii", test_canvas_ascii},
    {"random_text", test_random_text},
    {"status_and_tabs", test_status_and_tabs},
    {"keymap_file", test_keymap_file},
    {"theme_files", test_theme_files},
    {"prompt_edit", test_prompt_edit},
    {"dialog_refund", test_dialog_refund},
    {"dialog_reject_and_assign", test_dialog_reject_and_assign},
    {"dialog_upload", test_dialog_upload},
    {"draft_roundtrip", test_draft_roundtrip},
    {NULL, NULL},
};
