/*
 * dialog - action dialogs. See dialog.h.
 */
#include "ui/dialog.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/app_params.h"
#include "core/action.h"
#include "core/money.h"
#include "core/refund.h"
#include "core/sanitize.h"
#include "core/strbuf.h"
#include "core/xalloc.h"
#include "ui/keymap.h"

static struct dialog_field *add_field(struct dialog *d, const char *label,
                                      enum dialog_field_kind kind,
                                      bool required) {
  struct dialog_field *f = &d->f[d->nf++];
  memset(f, 0, sizeof *f);
  snprintf(f->label, sizeof f->label, "%s", label);
  f->kind = kind;
  f->required = required;
  return f;
}

static int field_index(const struct dialog *d, const char *label) {
  for (size_t i = 0; i < d->nf; i++)
    if (strcmp(d->f[i].label, label) == 0)
      return (int)i;
  return -1;
}

static const char *field_value(const struct dialog *d, const char *label) {
  int i = field_index(d, label);
  if (i < 0)
    return NULL;
  const struct dialog_field *f = &d->f[i];
  if (f->kind == DIALOG_CHOICE)
    return f->nchoices ? f->choices[f->choice] : NULL;
  return f->value;
}

/* Actions that move money; approving a review only lets a payment go on. */
static bool is_money_action(enum app_action_kind k) {
  return k == APP_ACTION_CAPTURE || k == APP_ACTION_AUTHORIZE ||
         k == APP_ACTION_REFUND || k == APP_ACTION_ASSIGN;
}

/* The amount the action moves; false when the typed one does not parse. */
static bool action_money(const struct dialog *d, struct money *m) {
  if (d->action == APP_ACTION_REFUND)
    return money_parse_typed(field_value(d, "amount"), d->p.total.currency,
                             m) == CORE_OK;
  *m = d->p.total;
  return true;
}

/* Whether the amount must be typed again right now. */
static bool needs_typed(const struct dialog *d) {
  struct money m;
  return d->typed >= 0 && d->confirm && action_money(d, &m) &&
         confirm_needed(d->confirm, &m);
}

const char *dialog_doc_type_for(const char *reason) {
  static const struct {
    const char *word, *type;
  } map[] = {{"KYC", "kyc"},
             {"IDENTITY", "kyc"},
             {"INVOICE", "invoice"},
             {"CONTRACT", "contract"},
             {"FUNDS", "source_of_funds"}};
  char up[128];
  size_t n = 0;
  for (const char *r = reason ? reason : ""; *r && n + 1 < sizeof up; r++)
    up[n++] = (char)toupper((unsigned char)*r);
  up[n] = '\0';
  for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
    if (strstr(up, map[i].word))
      return map[i].type;
  return "source_of_funds";
}

/* Upload: type from the review reason, path from the last upload's
 * directory, focus in the path field. */
static void open_upload(struct dialog *d, struct ui_ctx *ctx,
                        const struct payment *p) {
  struct dialog_field *f = add_field(d, "document type", DIALOG_CHOICE, true);
  const char *want = dialog_doc_type_for(p->review_reason);
  const char *const *types = action_doc_types();
  while (types[f->nchoices])
    f->nchoices++;
  f->choices = xcalloc(f->nchoices, sizeof *f->choices);
  for (size_t i = 0; i < f->nchoices; i++) {
    f->choices[i] = xstrdup(types[i]);
    if (strcmp(types[i], want) == 0)
      f->choice = i;
  }
  f = add_field(d, "file", DIALOG_PATH, true);
  if (ctx->upload_dir[0]) {
    snprintf(f->value, sizeof f->value, "%s/", ctx->upload_dir);
    d->path_prefilled = true;
  }
  d->fc = filecheck_new();
  filecheck_request(d->fc, f->value);
}

/* Assign: the cached accounts in the payment's currency, then the
 * optional expected amount. */
static void open_assign(struct dialog *d, struct ui_ctx *ctx,
                        const struct payment *p) {
  struct app_error err = {0};
  struct dialog_field *f = add_field(d, "account", DIALOG_CHOICE, true);
  struct account_list al = {0};
  if (app_accounts_list(ctx->app, &al, &err) == APP_OK && al.count > 0) {
    f->choices = xcalloc(al.count, sizeof *f->choices);
    d->account_numbers = xcalloc(al.count, sizeof *d->account_numbers);
    for (size_t i = 0; i < al.count; i++) {
      const struct account *a = &al.items[i];
      /* a topup is credited in its own currency: no other account */
      if (a->currency == NULL || strcmp(a->currency, p->total.currency) != 0)
        continue;
      char *raw =
          xasprintf("%s  %s  %s", a->account_number ? a->account_number : "?",
                    a->currency ? a->currency : "", a->name ? a->name : "");
      f->choices[f->nchoices] = sanitize_text(raw);
      free(raw);
      d->account_numbers[f->nchoices] =
          xstrdup(a->account_number ? a->account_number : "");
      f->nchoices++;
    }
  }
  account_list_cleanup(&al);
  add_field(d, "expected amount", DIALOG_TEXT, false);
}

void dialog_open(struct dialog *d, struct ui_ctx *ctx, const struct payment *p,
                 enum app_action_kind k, const struct confirm_table *confirm,
                 const char *env_label) {
  dialog_close(d);
  memset(d, 0, sizeof *d);
  d->open = true;
  d->ctx = ctx;
  d->action = k;
  d->typed = -1;
  d->confirm = confirm;
  snprintf(d->env, sizeof d->env, "%s", env_label ? env_label : "");
  payment_copy(&d->p, p);
  char *sid = sanitize_text(p->id);
  const char *name = app_action_name(k);
  snprintf(d->title, sizeof d->title, "%c%s payment %s",
           name && name[0] ? name[0] - 32 : '?', name ? name + 1 : "", sid);
  free(sid);
  struct app_error err = {0};
  switch (k) {
  case APP_ACTION_REFUND: {
    struct refund_summary rs;
    memset(&rs, 0, sizeof rs);
    struct dialog_field *f = add_field(d, "amount", DIALOG_TEXT, true);
    if (app_refund_summary(ctx->app, p->id, &rs, &err) == APP_OK &&
        rs.max_refundable.currency[0]) {
      money_format(&rs.max_refundable, d->max_refundable,
                   sizeof d->max_refundable);
    } else {
      money_format(&p->total, d->max_refundable, sizeof d->max_refundable);
    }
    snprintf(f->value, sizeof f->value, "%s", d->max_refundable);
    add_field(d, "reason", DIALOG_TEXT, false);
    d->typed = (int)d->nf;
    add_field(d, "type amount to confirm", DIALOG_TEXT, false);
    break;
  }
  case APP_ACTION_REJECT:
    add_field(d, "reason", DIALOG_TEXT, true);
    break;
  case APP_ACTION_ASSIGN:
    open_assign(d, ctx, p);
    break;
  case APP_ACTION_UPLOAD:
    open_upload(d, ctx, p);
    break;
  default:
    break;
  }
  if (d->typed < 0 && is_money_action(k) && confirm) {
    if (confirm_needed(confirm, &p->total)) {
      char total[MONEY_FMT_MAX], label[64];
      money_format(&p->total, total, sizeof total);
      snprintf(label, sizeof label, "type %s to confirm", total);
      d->typed = (int)d->nf;
      add_field(d, label, DIALOG_TEXT, true);
    }
  }
  d->focus = (int)d->nf + 1; /* Cancel */
  if (k == APP_ACTION_UPLOAD)
    d->focus = field_index(d, "file"); /* the path is all that is left */
}

void dialog_close(struct dialog *d) {
  if (!d->open)
    return;
  for (size_t i = 0; i < d->nf; i++) {
    for (size_t j = 0; j < d->f[i].nchoices; j++) {
      free(d->f[i].choices[j]);
      if (d->account_numbers && strcmp(d->f[i].label, "account") == 0)
        free(d->account_numbers[j]);
    }
    free(d->f[i].choices);
  }
  free(d->account_numbers);
  filecheck_free(d->fc);
  d->fc = NULL;
  payment_cleanup(&d->p);
  d->open = false;
}

static const char *content_type_of(const char *path) {
  return app_content_type(path);
}

/* Picks up the file check's result for the path in the field (never reads
 * the file itself). */
static void update_file_info(struct dialog *d) {
  const char *path = field_value(d, "file");
  if (path == NULL || d->fc == NULL)
    return;
  d->file_state =
      filecheck_result(d->fc, path, d->file_info, sizeof d->file_info);
}

/* Outcome of an assign with the typed expected amount. */
static void assign_outcome(const struct dialog *d, char *buf, size_t len) {
  const char *e = field_value(d, "expected amount");
  struct money exp;
  int cmp;
  if (e == NULL || *e == '\0') {
    snprintf(buf, len, "outcome: PAID (no expected amount)");
    return;
  }
  char why[160];
  if (money_parse_positive(e, d->p.total.currency, &exp, why, sizeof why) !=
          CORE_OK ||
      money_cmp(&d->p.total, &exp, &cmp) != CORE_OK) {
    snprintf(buf, len, "expected amount %s", why);
    return;
  }
  struct money diff;
  char amt[MONEY_FMT_MAX] = "?";
  if (cmp < 0 && money_sub(&exp, &d->p.total, &diff) == CORE_OK)
    money_format(&diff, amt, sizeof amt);
  else if (cmp > 0 && money_sub(&d->p.total, &exp, &diff) == CORE_OK)
    money_format(&diff, amt, sizeof amt);
  if (cmp == 0)
    snprintf(buf, len, "outcome: PAID (received equals expected)");
  else if (cmp < 0)
    snprintf(buf, len,
             "outcome: UNDERPAID by %s %s; a companion child payment is "
             "created",
             amt, d->p.total.currency);
  else
    snprintf(buf, len,
             "outcome: OVERPAID by %s %s; a companion child payment is "
             "created",
             amt, d->p.total.currency);
}

/* The path and body fields of the request the action sends. The upload
 * sends more than one request: its preview says so in *tail. */
static const char *preview_params(const struct dialog *d, struct app_params *b,
                                  const char **tail) {
  const char *e, *r;
  *tail = "";
  switch (d->action) {
  case APP_ACTION_CAPTURE:
    return "captured";
  case APP_ACTION_AUTHORIZE:
    return "authorized";
  case APP_ACTION_REFUND:
    r = field_value(d, "reason");
    app_params_add(b, "amount", field_value(d, "amount"));
    app_params_add(b, "reason", r && *r ? r : NULL);
    return "refund";
  case APP_ACTION_ASSIGN: {
    int i = field_index(d, "account");
    e = field_value(d, "expected amount");
    app_params_add(b, "accountNumber",
                   i >= 0 && d->account_numbers && d->f[i].nchoices
                       ? d->account_numbers[d->f[i].choice]
                       : "");
    app_params_add(b, "expectedAmount", e && *e ? e : NULL);
    return "assign";
  }
  case APP_ACTION_UPLOAD: {
    const char *f = field_value(d, "file");
    app_params_add(b, "type", field_value(d, "document type"));
    app_params_add(b, "contentType", content_type_of(f ? f : ""));
    *tail = ", then the file bytes, then POST documents with the canonical url";
    return "documents/presign";
  }
  case APP_ACTION_APPROVE:
    app_params_add(b, "decision", "APPROVED");
    return "resolve-review";
  case APP_ACTION_REJECT:
    app_params_add(b, "decision", "REJECTED");
    app_params_add(b, "reason", field_value(d, "reason"));
    return "resolve-review";
  default:
    return "";
  }
}

size_t dialog_preview(const struct dialog *d, char ***lines) {
  char **out = xcalloc(4, sizeof *out);
  size_t n = 0;
  struct app_params params = {0};
  const char *tail;
  const char *path = preview_params(d, &params, &tail);
  char *json = app_params_json(&params);
  struct strbuf body;
  strbuf_init(&body, 0);
  strbuf_printf(&body, "%s%s", json, tail);
  free(json);
  char *raw = xasprintf("POST /payments/%s/%s", d->p.id ? d->p.id : "?", path);
  out[n++] = sanitize_text(raw);
  free(raw);
  out[n++] = sanitize_text(strbuf_str(&body));
  raw = xasprintf("to %s, with a new Idempotency-Key", d->env);
  out[n++] = sanitize_text(raw);
  free(raw);
  strbuf_cleanup(&body);
  *lines = out;
  return n;
}

static bool validate(struct dialog *d) {
  d->error[0] = '\0';
  for (size_t i = 0; i < d->nf; i++) {
    const struct dialog_field *f = &d->f[i];
    if ((int)i == d->typed)
      continue;
    if (f->required &&
        (f->kind == DIALOG_CHOICE ? f->nchoices == 0 : f->value[0] == '\0')) {
      snprintf(d->error, sizeof d->error, "%s is required", f->label);
      d->focus = (int)i;
      return false;
    }
  }
  if (d->action == APP_ACTION_UPLOAD) {
    update_file_info(d);
    if (d->file_state != FILECHECK_OK) {
      snprintf(d->error, sizeof d->error, "file: %s",
               d->file_state == FILECHECK_PENDING ? "still being checked"
               : d->file_info[0]                  ? d->file_info
                                                  : "choose a file");
      d->focus = field_index(d, "file");
      return false;
    }
  }
  /* The app's checks (core/action.c limits, maxRefundable, an open action,
   * an identical refund just sent), without writing anything. */
  struct app_action act;
  struct app_error err = {0};
  dialog_action(d, &act);
  if (app_action_check(d->ctx->app, &act, &err) != APP_OK) {
    struct app_error again_err = {0};
    act.again = true;
    if (!d->again && d->action == APP_ACTION_REFUND &&
        app_action_check(d->ctx->app, &act, &again_err) == APP_OK) {
      /* only an identical refund stands in the way: a second Send is the
       * explicit "again" */
      d->again = true;
      snprintf(d->error, sizeof d->error,
               "%.400s. Send again to refund a second time", err.msg);
      return false;
    }
    snprintf(d->error, sizeof d->error, "%s", err.msg);
    if (d->action == APP_ACTION_REFUND || d->action == APP_ACTION_ASSIGN)
      d->focus = field_index(
          d, d->action == APP_ACTION_REFUND ? "amount" : "expected amount");
    return false;
  }
  struct money want;
  if (needs_typed(d) && action_money(d, &want) &&
      !confirm_matches(d->f[d->typed].value, &want)) {
    char amt[MONEY_FMT_MAX];
    money_format(&want, amt, sizeof amt);
    snprintf(d->error, sizeof d->error,
             "type the amount, %s %s, to confirm it (any exact spelling)", amt,
             want.currency);
    d->focus = d->typed;
    return false;
  }
  return true;
}

/* Enter in the path field: upload when the file checks out. */
static enum dialog_result path_enter(struct dialog *d) {
  update_file_info(d);
  if (d->file_state == FILECHECK_PENDING) {
    d->submit_when_ready = true; /* dialog_poll() goes on */
    return DIALOG_CONTINUE;
  }
  return validate(d) ? DIALOG_SUBMIT : DIALOG_CONTINUE;
}

/* Typing into a text or path field. */
static void edit_field(struct dialog *d, struct dialog_field *f, int key) {
  if (f->kind == DIALOG_PATH && d->path_prefilled && (key == '/' || key == '~'))
    f->value[0] = '\0'; /* an absolute path replaces the directory */
  d->path_prefilled = false;
  if (prompt_edit(f->value, sizeof f->value, key)) {
    d->error[0] = '\0';
    d->again = false; /* a changed refund is checked afresh */
    d->submit_when_ready = false;
    if (f->kind == DIALOG_PATH && d->fc)
      filecheck_request(d->fc, f->value);
  } else if (key >= 0x20 && key != 0x7F && key < UI_KEY_SPECIAL &&
             strlen(f->value) + 4 >= sizeof f->value) {
    snprintf(d->error, sizeof d->error,
             "%s: at most %zu bytes; nothing more was added", f->label,
             sizeof f->value - 1);
  }
}

static enum dialog_result tab_key(struct dialog *d, int key, int nfocus) {
  if (key == '\t' && d->focus < (int)d->nf &&
      d->f[d->focus].kind == DIALOG_PATH && d->f[d->focus].value[0]) {
    struct dialog_field *f = &d->f[d->focus];
    size_t before = strlen(f->value);
    size_t m = prompt_complete_path(f->value, sizeof f->value);
    if (d->fc)
      filecheck_request(d->fc, f->value);
    if (m > 0 && strlen(f->value) != before)
      return DIALOG_CONTINUE; /* completed; Tab again moves on */
  }
  d->focus = (d->focus + 1) % nfocus;
  return DIALOG_CONTINUE;
}

enum dialog_result dialog_key(struct dialog *d, int key) {
  int nfocus = (int)d->nf + 2;
  bool in_text = d->focus < (int)d->nf && d->f[d->focus].kind != DIALOG_CHOICE;
  if (key == UI_KEY_ESC)
    return DIALOG_CANCEL;
  if (key == '\t' || key == UI_KEY_DOWN)
    return tab_key(d, key, nfocus);
  if (key == UI_KEY_BTAB || key == UI_KEY_UP) {
    d->focus = (d->focus + nfocus - 1) % nfocus;
    return DIALOG_CONTINUE;
  }
  if ((key == 'y' || key == 'Y') && !in_text) /* confirms, as in y/N */
    return validate(d) ? DIALOG_SUBMIT : DIALOG_CONTINUE;
  if (d->focus == (int)d->nf + 1) { /* Cancel */
    if (key == '\n' || key == ' ')
      return DIALOG_CANCEL;
    if (key == UI_KEY_LEFT)
      d->focus = (int)d->nf;
    return DIALOG_CONTINUE;
  }
  if (d->focus == (int)d->nf) { /* Send */
    if (key == '\n' || key == ' ')
      return validate(d) ? DIALOG_SUBMIT : DIALOG_CONTINUE;
    if (key == UI_KEY_RIGHT)
      d->focus = (int)d->nf + 1;
    return DIALOG_CONTINUE;
  }
  struct dialog_field *f = &d->f[d->focus];
  if (key == '\n' && f->kind == DIALOG_PATH)
    return path_enter(d);
  if (key == '\n') {
    d->focus = (d->focus + 1) % nfocus;
    return DIALOG_CONTINUE;
  }
  if (f->kind == DIALOG_CHOICE) {
    if (f->nchoices == 0)
      return DIALOG_CONTINUE;
    if (key == UI_KEY_RIGHT || key == ' ' || key == 'l')
      f->choice = (f->choice + 1) % f->nchoices;
    else if (key == UI_KEY_LEFT || key == 'h')
      f->choice = (f->choice + f->nchoices - 1) % f->nchoices;
    return DIALOG_CONTINUE;
  }
  edit_field(d, f, key);
  return DIALOG_CONTINUE;
}

enum dialog_result dialog_poll(struct dialog *d, bool *redraw) {
  *redraw = false;
  if (!d->open || d->fc == NULL)
    return DIALOG_CONTINUE;
  unsigned g = filecheck_generation(d->fc);
  if (g == d->file_gen)
    return DIALOG_CONTINUE;
  d->file_gen = g;
  *redraw = true;
  update_file_info(d);
  if (d->submit_when_ready && d->file_state != FILECHECK_PENDING) {
    d->submit_when_ready = false;
    return validate(d) ? DIALOG_SUBMIT : DIALOG_CONTINUE;
  }
  return DIALOG_CONTINUE;
}

void dialog_action(const struct dialog *d, struct app_action *act) {
  memset(act, 0, sizeof *act);
  act->kind = d->action;
  act->payment_id = d->p.id;
  act->seen_status =
      d->p.status_raw ? d->p.status_raw : payment_status_name(d->p.status);
  act->again = d->again;
  switch (d->action) {
  case APP_ACTION_REFUND: {
    const char *r = field_value(d, "reason");
    act->amount = field_value(d, "amount");
    act->reason = r && *r ? r : NULL;
    break;
  }
  case APP_ACTION_REJECT:
    act->reason = field_value(d, "reason");
    break;
  case APP_ACTION_ASSIGN: {
    int i = field_index(d, "account");
    const char *e = field_value(d, "expected amount");
    if (i >= 0 && d->account_numbers && d->f[i].nchoices)
      act->account_number = d->account_numbers[d->f[i].choice];
    act->expected_amount = e && *e ? e : NULL;
    break;
  }
  case APP_ACTION_UPLOAD:
    act->doc_type = field_value(d, "document type");
    act->file_path = field_value(d, "file");
    break;
  default:
    break;
  }
}

/* Draws a text field's value; while focused, the end of a long value
 * (where the cursor is) stays in view. Returns the columns used. */
static int draw_value(struct canvas *c, int x, int y, int w, const char *v,
                      bool focus, enum ui_role role) {
  char *clean = sanitize_text(v);
  const char *show = clean;
  if (focus) {
    while (*show && canvas_text_width(show, c->ascii) > w - 1) {
      show++;
      while (((unsigned char)*show & 0xC0) == 0x80)
        show++;
    }
  }
  int used = canvas_text(c, x, y, w, show, role);
  free(clean);
  return used;
}

static int draw_fields(struct dialog *d, struct canvas *c, int x, int y, int iw,
                       int *cx, int *cy) {
  int lw = 24;
  for (size_t i = 0; i < d->nf; i++, y++) {
    struct dialog_field *f = &d->f[i];
    bool focus = d->focus == (int)i;
    bool needed = f->required || (int)i == d->typed;
    char label[64];
    snprintf(label, sizeof label, "%s%s", f->label,
             needed && (int)i != d->typed ? " *" : "");
    canvas_text(c, x, y, lw, label, ROLE_LABEL);
    int vx = x + lw + 1, vw = iw - lw - 1;
    enum ui_role role = focus ? ROLE_BUTTON_FOCUS : ROLE_INPUT;
    canvas_fill(c, vx, y, vw, 1, role);
    if (f->kind == DIALOG_CHOICE) {
      char *v = f->nchoices ? xasprintf("< %s >", f->choices[f->choice])
                : d->action == APP_ACTION_ASSIGN
                    ? xasprintf("(no cached account in %s: sync first)",
                                d->p.total.currency)
                    : xstrdup("(none available)");
      canvas_text(c, vx, y, vw, v, role);
      free(v);
    } else {
      int used = draw_value(c, vx, y, vw - 1, f->value, focus, role);
      if (focus) {
        *cx = vx + used;
        *cy = y;
      }
    }
  }
  return y;
}

/* The line under the fields: assign outcome, file check, or why the
 * amount must be typed. */
static int draw_note(struct dialog *d, struct canvas *c, int x, int y, int iw) {
  if (d->action == APP_ACTION_ASSIGN) {
    char out[256];
    assign_outcome(d, out, sizeof out);
    canvas_text(c, x, y++, iw, out, ROLE_WARN);
  } else if (d->action == APP_ACTION_UPLOAD) {
    const char *info =
        d->file_info[0] ? d->file_info
        : d->file_state == FILECHECK_PENDING && field_value(d, "file")[0]
            ? "checking the file..."
            : "Tab completes the path; Enter uploads";
    canvas_text(c, x, y++, iw, info,
                d->file_state == FILECHECK_OK    ? ROLE_OK
                : d->file_state == FILECHECK_BAD ? ROLE_WARN
                                                 : ROLE_DIM);
  } else if (needs_typed(d)) {
    canvas_text(c, x, y++, iw,
                "above the confirmation threshold for this currency: "
                "type the amount again",
                ROLE_WARN);
  } else {
    y++;
  }
  return y;
}

void dialog_draw(struct dialog *d, struct canvas *c, int *cx, int *cy) {
  *cx = *cy = -1;
  if (d->action == APP_ACTION_UPLOAD)
    update_file_info(d);
  int w = c->w - 4 < 90 ? c->w - 4 : 90;
  char **pv = NULL;
  size_t npv = dialog_preview(d, &pv);
  int h = 8 + (int)d->nf + 3 + 4;
  if (h > c->h - 2)
    h = c->h - 2;
  int x0 = (c->w - w) / 2, y0 = (c->h - h) / 2;
  canvas_fill(c, x0, y0, w, h, ROLE_DIALOG);
  canvas_box(c, x0, y0, w, h, ROLE_BORDER);
  char *title = xasprintf(" %s ", d->title);
  canvas_text(c, x0 + 2, y0, w - 4, title, ROLE_TITLE);
  free(title);
  int y = y0 + 1, x = x0 + 2, iw = w - 4;
  char amt[MONEY_FMT_MAX], st[64], cust[200];
  view_amount(&d->p.total, amt, sizeof amt);
  view_status_text(&d->p, st, sizeof st);
  view_customer(&d->p, cust, sizeof cust);
  char *cur = sanitize_text(d->p.total.currency);
  char *line = xasprintf("%s %s  %s  %s", amt, cur, st, cust);
  canvas_text(c, x, y++, iw, line, ROLE_NORMAL);
  free(line);
  free(cur);
  if (d->action == APP_ACTION_REFUND && d->max_refundable[0])
    canvas_printf(c, x, y++, iw, ROLE_DIM, "maxRefundable %s",
                  d->max_refundable);
  else
    y++;
  y = draw_fields(d, c, x, y, iw, cx, cy);
  y = draw_note(d, c, x, y, iw);
  canvas_text(c, x, y++, iw, "will send:", ROLE_LABEL);
  for (size_t i = 0; i < npv; i++) {
    /* wrap: the request is shown whole whenever it fits */
    int room = y0 + h - 3 - y;
    int left = (int)(npv - i) - 1; /* keep a row for each later line */
    if (room - left > 0)
      y += canvas_text_wrap(c, x + 2, y, iw - 2, room - left, pv[i],
                            ROLE_NORMAL);
    free(pv[i]);
  }
  free(pv);
  if (d->error[0])
    canvas_text(c, x, y0 + h - 3, iw, d->error, ROLE_ERROR);
  bool fs = d->focus == (int)d->nf, fc = d->focus == (int)d->nf + 1;
  int by = y0 + h - 2;
  int bx = x0 + w - 24;
  canvas_text(c, bx, by, 10, fs ? ">[ Send ]<" : " [ Send ] ",
              fs ? ROLE_BUTTON_FOCUS : ROLE_BUTTON);
  canvas_text(c, bx + 11, by, 12, fc ? ">[ Cancel ]<" : " [ Cancel ] ",
              fc ? ROLE_BUTTON_FOCUS : ROLE_BUTTON);
  canvas_text(c, x, by, bx - x - 1,
              d->action == APP_ACTION_APPROVE  ? "y sends, Esc cancels"
              : d->action == APP_ACTION_UPLOAD ? "Enter uploads, Esc cancels"
                                               : "Tab moves, Esc cancels",
              ROLE_DIM);
}
