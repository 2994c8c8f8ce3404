/*
 * view - helpers shared by the views. See view.h.
 */
#include "ui/view.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/currency.h"
#include "core/money.h"
#include "core/sanitize.h"
#include "core/timeutil.h"
#include "core/xalloc.h"

void view_free(struct view **vp) {
  if (vp == NULL || *vp == NULL)
    return;
  (*vp)->ops->free(*vp);
  *vp = NULL;
}

bool view_list_move(struct view_list *l, enum keymap_cmd cmd, int rows) {
  size_t page = rows > 1 ? (size_t)rows - 1 : 1;
  size_t half = rows > 2 ? (size_t)rows / 2 : 1;
  switch (cmd) {
  case CMD_UP:
    if (l->sel > 0)
      l->sel--;
    break;
  case CMD_DOWN:
    if (l->sel + 1 < l->count)
      l->sel++;
    break;
  case CMD_PAGE_UP:
    l->sel = l->sel > page ? l->sel - page : 0;
    l->top = l->top > page ? l->top - page : 0;
    break;
  case CMD_PAGE_DOWN:
    l->sel += page;
    l->top += page;
    break;
  case CMD_HALF_UP:
    l->sel = l->sel > half ? l->sel - half : 0;
    l->top = l->top > half ? l->top - half : 0;
    break;
  case CMD_HALF_DOWN:
    l->sel += half;
    l->top += half;
    break;
  case CMD_TOP:
    l->sel = 0;
    break;
  case CMD_BOTTOM:
    l->sel = l->count ? l->count - 1 : 0;
    break;
  default:
    return false;
  }
  view_list_fit(l, rows);
  return true;
}

void view_list_fit(struct view_list *l, int rows) {
  size_t r = rows > 0 ? (size_t)rows : 1;
  if (l->count == 0) {
    l->sel = l->top = 0;
    return;
  }
  if (l->sel >= l->count)
    l->sel = l->count - 1;
  if (l->top + r > l->count)
    l->top = l->count > r ? l->count - r : 0;
  if (l->sel < l->top)
    l->top = l->sel;
  if (l->sel >= l->top + r)
    l->top = l->sel - r + 1;
}

int view_list_indent(const struct ui_ctx *ctx) {
  return ctx && ctx->arrow_cursor ? VIEW_MARK_W : 0;
}

enum ui_role view_list_row(const struct ui_ctx *ctx, struct canvas *c, int x,
                           int y, int w, bool sel) {
  if (ctx == NULL || !ctx->arrow_cursor) {
    canvas_fill(c, x, y, w, 1, sel ? ROLE_SELECTED : ROLE_NORMAL);
    return sel ? ROLE_SELECTED : ROLE_NORMAL;
  }
  canvas_fill(c, x, y, w, 1, ROLE_NORMAL);
  if (sel)
    canvas_text(c, x, y, VIEW_MARK_W, ctx->ascii ? "> " : "\u25b6 ",
                ROLE_NORMAL);
  return ROLE_NORMAL;
}

enum ui_role view_list_cell(const struct ui_ctx *ctx, bool sel,
                            enum ui_role own) {
  return sel && !(ctx && ctx->arrow_cursor) ? ROLE_SELECTED : own;
}

int view_put(struct canvas *c, int x, int y, int w, const char *untrusted,
             enum ui_role role) {
  char *clean = sanitize_text(untrusted);
  int n = canvas_text(c, x, y, w, clean, role);
  free(clean);
  return n;
}

int view_put_right(struct canvas *c, int x_end, int y, int w,
                   const char *untrusted, enum ui_role role) {
  char *clean = sanitize_text(untrusted);
  int n = canvas_text_right(c, x_end, y, w, clean, role);
  free(clean);
  return n;
}

enum ui_role view_status_role(enum payment_status s) {
  switch (s) {
  case PAYMENT_STATUS_SETTLED:
    return ROLE_STATUS_DONE;
  case PAYMENT_STATUS_ATTEMPT:
  case PAYMENT_STATUS_CREATED:
  case PAYMENT_STATUS_AUTHORIZED:
  case PAYMENT_STATUS_CAPTURED:
  case PAYMENT_STATUS_RECEIVED:
    return ROLE_STATUS_PROGRESS;
  case PAYMENT_STATUS_REQUIRES_REVIEW:
    return ROLE_STATUS_REVIEW;
  case PAYMENT_STATUS_FAILED:
  case PAYMENT_STATUS_EXPIRED:
  case PAYMENT_STATUS_UNSETTLED:
  case PAYMENT_STATUS_REVERSED:
    return ROLE_STATUS_FAILED;
  case PAYMENT_STATUS_REFUNDED:
  case PAYMENT_STATUS_DISPUTED:
    return ROLE_STATUS_REFUND;
  default:
    return ROLE_STATUS_UNKNOWN;
  }
}

static void copy_clean(const char *s, char *buf, size_t len) {
  char *clean = sanitize_text(s);
  snprintf(buf, len, "%s", clean);
  free(clean);
}

void view_status_text(const struct payment *p, char *buf, size_t len) {
  if (p->status != PAYMENT_STATUS_UNKNOWN || p->status_raw == NULL)
    snprintf(buf, len, "%s", payment_status_name(p->status));
  else
    copy_clean(p->status_raw, buf, len);
}

void view_short_id(const char *id, size_t n, char *buf, size_t len) {
  char *clean = sanitize_text(id);
  size_t l = strlen(clean);
  /* ids are ASCII; cut on a byte boundary that is not mid-UTF-8 */
  size_t start = l > n ? l - n : 0;
  while (start > 0 && start < l && (clean[start] & 0xC0) == 0x80)
    start--;
  snprintf(buf, len, "%s", clean + start);
  free(clean);
}

void view_amount(const struct money *m, char *buf, size_t len) {
  if (m->currency[0] == '\0' || !currency_is_known(m->currency) ||
      money_format_grouped(m, buf, len) < 0)
    snprintf(buf, len, "?");
}

void view_time(int64_t ms, char *buf, size_t len) {
  if (ms == 0 || time_format_short(ms, buf, len) < 0)
    snprintf(buf, len, "-");
}

void view_customer(const struct payment *p, char *buf, size_t len) {
  const char *s = p->customer_name;
  if (s == NULL || *s == '\0')
    s = p->customer_email;
  if (s == NULL || *s == '\0')
    s = p->customer_id;
  if (s == NULL || *s == '\0')
    s = "-";
  copy_clean(s, buf, len);
}

int view_set_payment_filter(struct view *v, struct filter *dst,
                            const char *text) {
  struct filter f;
  char why[200];
  if (filter_parse(text, &f, why, sizeof why) != CORE_OK) {
    snprintf(v->ctx->msg, sizeof v->ctx->msg, "filter: %s", why);
    v->ctx->msg_role = ROLE_ERROR;
    return -1;
  }
  filter_cleanup(dst);
  *dst = f;
  if (strcmp(v->filter_text, text ? text : "") != 0)
    v->filter_changed = true;
  snprintf(v->filter_text, sizeof v->filter_text, "%s", text ? text : "");
  return 0;
}

bool view_cmd_action(enum keymap_cmd cmd, enum app_action_kind *out) {
  switch (cmd) {
  case CMD_CAPTURE:
    *out = APP_ACTION_CAPTURE;
    return true;
  case CMD_AUTHORIZE:
    *out = APP_ACTION_AUTHORIZE;
    return true;
  case CMD_REFUND:
    *out = APP_ACTION_REFUND;
    return true;
  case CMD_ASSIGN:
    *out = APP_ACTION_ASSIGN;
    return true;
  case CMD_UPLOAD:
    *out = APP_ACTION_UPLOAD;
    return true;
  case CMD_APPROVE:
    *out = APP_ACTION_APPROVE;
    return true;
  case CMD_REJECT:
    *out = APP_ACTION_REJECT;
    return true;
  default:
    return false;
  }
}

unsigned view_payment_key(struct ui_ctx *ctx, const struct payment *p,
                          enum keymap_cmd cmd) {
  enum app_action_kind kind = APP_ACTION_COUNT_;
  bool action = view_cmd_action(cmd, &kind);
  if (cmd != CMD_OPEN && cmd != CMD_RAW && !action)
    return UI_UNHANDLED;
  if (p == NULL || p->id == NULL) {
    snprintf(ctx->msg, sizeof ctx->msg, "no payment selected");
    ctx->msg_role = ROLE_WARN;
    return UI_REDRAW;
  }
  memset(&ctx->req, 0, sizeof ctx->req);
  snprintf(ctx->req.id, sizeof ctx->req.id, "%s", p->id);
  if (cmd == CMD_OPEN) {
    ctx->req.kind = UI_REQ_OPEN_PAYMENT;
  } else if (cmd == CMD_RAW) {
    ctx->req.kind = UI_REQ_OPEN_RAW;
  } else {
    ctx->req.kind = UI_REQ_ACTION;
    ctx->req.action = kind;
  }
  return UI_REQUEST;
}

int64_t view_goto_position(const char *w, int64_t count, bool *is_pos) {
  char *end = NULL;
  *is_pos = false;
  /* ids are 24 hex digits: up to 12 digits is a row number */
  if (w[0] < '0' || w[0] > '9' || strspn(w, "0123456789") > 12)
    return -1;
  long long n = strtoll(w, &end, 10);
  if (end && *end == '%' && end[1] == '\0') {
    *is_pos = true;
    if (n > 100)
      n = 100;
    int64_t at = count * n / 100;
    return at >= count ? count - 1 : at;
  }
  if (end && *end == '\0' && n >= 1) {
    *is_pos = true;
    return n - 1 < count ? n - 1 : count - 1;
  }
  return -1;
}
