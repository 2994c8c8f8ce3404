/*
 * dialog - the confirmation dialog of every action (capture, authorize,
 * refund, assign, upload, approve, reject).
 *
 * The dialog shows the payment, the fields the action needs (refund amount
 * prefilled with maxRefundable, reason; account picker and expected amount
 * with the PAID / UNDERPAID / OVERPAID outcome; document type picker and a
 * file path with Tab completion, its size, content type and SHA-256), and
 * exactly what will be sent (method, path, body, environment). Focus starts
 * on Cancel, so Enter alone never sends. At or above the confirmation
 * threshold a money action also needs the amount typed again. The dialog
 * owns copies of everything it shows, so the list behind it may reload.
 */
#ifndef DESK_UI_DIALOG_H
#define DESK_UI_DIALOG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "app/app.h"
#include "core/account.h"
#include "core/payment.h"
#include "ui/canvas.h"
#include "ui/prompt.h"
#include "ui/view.h"

enum dialog_field_kind {
  DIALOG_TEXT = 0,
  DIALOG_CHOICE,
  DIALOG_PATH,
};

struct dialog_field {
  char label[64];
  enum dialog_field_kind kind;
  char value[PROMPT_MAX];
  char **choices; /* owned; DIALOG_CHOICE */
  size_t nchoices, choice;
  bool required;
};

#define DIALOG_MAX_FIELDS 5

enum dialog_result {
  DIALOG_CONTINUE = 0,
  DIALOG_CANCEL,
  DIALOG_SUBMIT, /* validated: call dialog_action() and submit */
};

struct dialog {
  bool open;
  enum app_action_kind action;
  struct ui_ctx *ctx;
  struct payment p;
  char title[96];
  struct dialog_field f[DIALOG_MAX_FIELDS];
  size_t nf;
  int typed; /* index of the typed-confirmation field or -1 */
  int focus; /* field index, nf = Send, nf + 1 = Cancel */
  char error[512];
  char max_refundable[MONEY_FMT_MAX];
  char **account_numbers; /* owned, parallel to the account choices */
  int64_t threshold_micro;
  char file_seen[PROMPT_MAX];
  char file_info[256];
  bool file_ok;
  char env[128];
};

/* Opens the dialog for action k on p (copied). threshold_micro: amounts at
 * or above it (major units * 1e6) need typed confirmation. */
void dialog_open(struct dialog *d, struct ui_ctx *ctx, const struct payment *p,
                 enum app_action_kind k, int64_t threshold_micro,
                 const char *env_label);
void dialog_close(struct dialog *d);
enum dialog_result dialog_key(struct dialog *d, int key);
/* Draws the dialog centred; cx and cy get the text cursor (or -1). */
void dialog_draw(struct dialog *d, struct canvas *c, int *cx, int *cy);
/* The action as the user confirmed it; strings point into d. */
void dialog_action(const struct dialog *d, struct app_action *act);
/* The request the action will send, as display lines ("POST /path",
 * "{...}"); caller frees *lines and each line. */
size_t dialog_preview(const struct dialog *d, char ***lines);

#endif
