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
#include "ui/confirm.h"
#include "ui/filecheck.h"
#include "ui/prompt.h"
#include "ui/view.h"

enum dialog_field_kind {
  DIALOG_TEXT = 0,
  DIALOG_CHOICE,
  DIALOG_PATH,
};

/* A field holds up to DIALOG_VALUE_MAX - 1 bytes; typing past that says
 * so in the dialog instead of dropping characters silently. */
#define DIALOG_VALUE_MAX 1024

struct dialog_field {
  char label[64];
  enum dialog_field_kind kind;
  char value[DIALOG_VALUE_MAX];
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
  const struct confirm_table *confirm; /* borrowed; NULL = never ask */
  struct filecheck *fc;                /* upload: the file check thread */
  char file_info[256];
  enum filecheck_state file_state;
  unsigned file_gen;      /* filecheck generation last seen */
  bool submit_when_ready; /* Enter in the path field while checking */
  bool path_prefilled;    /* the path is still the remembered directory:
                             typing '/' or '~' starts a new path */
  bool again; /* an identical refund was named; Send again sends it */
  char env[128];
};

/* Opens the dialog for action k on p (copied). Money-moving actions
 * (capture, authorize, refund, assign) whose amount confirm_needed() says
 * so need the amount typed again. An upload dialog picks the document type
 * from the review reason and starts in the path field, prefilled with
 * ctx->upload_dir. */
void dialog_open(struct dialog *d, struct ui_ctx *ctx, const struct payment *p,
                 enum app_action_kind k, const struct confirm_table *confirm,
                 const char *env_label);
void dialog_close(struct dialog *d);
/* Keys: Tab / Shift-Tab move, Esc cancels, Enter on Send (or `y` when the
 * focus is not in a text field) validates and submits; Enter in the path
 * field submits once the file checks out. */
enum dialog_result dialog_key(struct dialog *d, int key);
/* Between keys: picks up the file check's result. *redraw is set when
 * something shown changed; DIALOG_SUBMIT when an Enter given while the
 * file was being checked can now go ahead. */
enum dialog_result dialog_poll(struct dialog *d, bool *redraw);
/* The document type an upload for this review reason needs ("kyc",
 * "source_of_funds", "invoice", "contract"; source_of_funds otherwise). */
const char *dialog_doc_type_for(const char *review_reason);
/* Draws the dialog centred; cx and cy get the text cursor (or -1). */
void dialog_draw(struct dialog *d, struct canvas *c, int *cx, int *cy);
/* The action as the user confirmed it; strings point into d. */
void dialog_action(const struct dialog *d, struct app_action *act);
/* The request the action will send, as display lines ("POST /path",
 * "{...}"); caller frees *lines and each line. */
size_t dialog_preview(const struct dialog *d, char ***lines);

#endif
