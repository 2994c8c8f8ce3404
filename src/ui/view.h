/*
 * view - the view vtable, the context views share, and drawing helpers.
 *
 * Every screen (pane, detail, raw JSON, help) is a struct view whose ops
 * table is a const designated initializer in its own view_*.c. load()
 * re-reads the view's data from the app (cache reads only, never the
 * network); draw() only reads the view's own fields and writes a canvas
 * rectangle; key() never draws: it returns a reaction bitmask and, for
 * anything outside the view (open a record, start an action), fills
 * ctx->req and returns UI_REQUEST. Only ui.c flushes to the terminal.
 */
#ifndef DESK_UI_VIEW_H
#define DESK_UI_VIEW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "app/app.h"
#include "core/payment.h"
#include "ui/canvas.h"
#include "ui/keymap.h"

enum ui_reaction {
  UI_NONE = 0,
  UI_REDRAW = 1u << 0,
  UI_RELOAD = 1u << 1, /* re-read this view's data, then redraw */
  UI_QUIT = 1u << 2,
  UI_REQUEST = 1u << 3, /* ctx->req holds a request for the main loop */
  UI_UNHANDLED = 1u << 4,
};

enum ui_request_kind {
  UI_REQ_NONE = 0,
  UI_REQ_OPEN_PAYMENT,  /* id */
  UI_REQ_OPEN_CUSTOMER, /* id */
  UI_REQ_OPEN_RAW,      /* id = payment id, or text = raw JSON */
  UI_REQ_ACTION,        /* action on id */
  UI_REQ_BACK,
  UI_REQ_PAYMENTS_FILTER, /* the Payments pane, filtered by id (a filter
                             text: "customer:ID", "parent:ID") */
};

struct ui_request {
  enum ui_request_kind kind;
  char id[PAYMENT_ID_MAX + 32]; /* an id, or a filter naming one */
  enum app_action_kind action;
  const char *raw_json; /* UI_REQ_OPEN_RAW without an id; borrowed */
};

/* Shared by all views of one ui_run(). */
struct ui_ctx {
  struct app *app;
  const struct keymap *keymap;
  int64_t now_ms;
  bool read_only;
  bool offline;
  bool ascii;
  bool arrow_cursor; /* lists: a marker, not a highlighted row */
  const struct app_status *status; /* latest app status, or NULL */
  int64_t session_start_ms;        /* for the reviewers' throughput line */
  int decisions;                   /* approve/reject sent in this session */
  bool prompt_active;              /* the user is typing in the prompt */
  char upload_dir[512];            /* directory of the last upload */
  struct msglog *log;              /* the session's messages, whole */
  struct ui_request req;
  char msg[256]; /* one-line message for the bottom line */
  enum ui_role msg_role;
};

struct view;
struct msglog;

/* view.count while the background reader counts (the tab bar's "…"). */
#define VIEW_COUNTING (-2)

struct view_ops {
  const char *name;
  void (*load)(struct view *v);
  void (*draw)(struct view *v, struct canvas *c, int x, int y, int w, int h);
  unsigned (*key)(struct view *v, enum keymap_cmd cmd, int key);
  /* The payment under the cursor, or NULL (for actions). */
  const struct payment *(*selected)(struct view *v);
  /* The id under the cursor (payment or customer), or NULL (for `y`). */
  const char *(*selected_id)(struct view *v);
  /* Text `y` copies whole (a message), or NULL: then `y` copies the id. */
  const char *(*selected_text)(struct view *v);
  /* Applies a filter text (NULL/"" clears); returns 0, or -1 with a
   * reason in ctx->msg. NULL when the view cannot filter. */
  int (*set_filter)(struct view *v, const char *text);
  /* The list shown, for :export (false when not a payment list). */
  bool (*query)(struct view *v, struct app_query *out);
  /* The customers shown (their free text, NULL = all), for :export
   * (false, or NULL op, when not the customers list). */
  bool (*customers)(struct view *v, const char **text);
  /* Picks up figures computed in the background (counts, totals); NULL
   * when the view has none. */
  void (*figures)(struct view *v);
  /* Moves the cursor to a row number, a percentage or a payment (or
   * customer) id
   * (:goto); 0, or -1 with a reason in ctx->msg. NULL when not a list. */
  int (*go_to)(struct view *v, const char *where);
  void (*free)(struct view *v);
};

struct view {
  const struct view_ops *ops;
  struct ui_ctx *ctx;
  char title[64];
  int64_t count; /* rows, for the tab bar; VIEW_COUNTING while computed */
  char filter_text[256];
  bool stale;          /* data changed since the last load */
  bool filter_changed; /* a new filter: the next load starts at the top
                          unless the selected record still matches */
};

/* Frees v through its ops and sets *vp = NULL. NULL is fine. */
void view_free(struct view **vp);

/* Cursor/scroll state of a list. */
struct view_list {
  size_t sel, top, count;
};
/* Applies a movement command for a list showing `rows` rows. Returns true
 * when the command was a movement (handled). */
bool view_list_move(struct view_list *l, enum keymap_cmd cmd, int rows);
/* Clamps sel and scrolls so that sel is visible in `rows` rows. */
void view_list_fit(struct view_list *l, int rows);

/* The selected row of a list. By default the whole row is highlighted
 * (ROLE_SELECTED). With ctx->arrow_cursor the list gives up its first
 * VIEW_MARK_W columns to a marker ("▶ ", "> " in ASCII, in the normal
 * colours: a colour would cost its escapes at every move) in front of the
 * selected row and draws that row like any other, so a move changes only
 * the marker's cells: a few bytes on a slow link instead of two rows. */
#define VIEW_MARK_W 2
/* Columns a list leaves free at its left for the marker: 0 or VIEW_MARK_W. */
int view_list_indent(const struct ui_ctx *ctx);
/* Paints the background of list row y (x..x+w, the marker's columns
 * included) and, in arrow mode, the marker of the selected row. Returns
 * the role the row's text takes when it has none of its own: ROLE_SELECTED
 * for the highlighted row, else ROLE_NORMAL. */
enum ui_role view_list_row(const struct ui_ctx *ctx, struct canvas *c, int x,
                           int y, int w, bool sel);
/* The role of a cell with its own role (a status, an amount) in a row:
 * ROLE_SELECTED on the highlighted row, else the cell's role. */
enum ui_role view_list_cell(const struct ui_ctx *ctx, bool sel,
                            enum ui_role own);

/* A :goto position: "N%" of count rows or a row number "N" (up to 12
 * digits; longer is an id). The 0-based row (-1 when count < 1) with
 * *is_pos true, or -1 with *is_pos false when w is not a position. */
int64_t view_goto_position(const char *w, int64_t count, bool *is_pos);
/* Sanitises untrusted text (sanitize_text) and draws it. */
int view_put(struct canvas *c, int x, int y, int w, const char *untrusted,
             enum ui_role role);
int view_put_right(struct canvas *c, int x_end, int y, int w,
                   const char *untrusted, enum ui_role role);

enum ui_role view_status_role(enum payment_status s);
/* The status name as the API sent it (sanitised) into buf. */
void view_status_text(const struct payment *p, char *buf, size_t len);
/* The last `n` characters of an id (sanitised), for narrow columns. */
void view_short_id(const char *id, size_t n, char *buf, size_t len);
/* "1,234.56" (grouped) or "?" when the currency is unknown. */
void view_amount(const struct money *m, char *buf, size_t len);
/* "2025-04-01 12:30", or "-" for 0. */
void view_time(int64_t ms, char *buf, size_t len);
/* Customer display: snapshot name, else email, else id; sanitised. */
void view_customer(const struct payment *p, char *buf, size_t len);

/* Parse `text` with the shared filter syntax into *dst (replacing it) and
 * remember the text as the view's filter. On a syntax error *dst is
 * untouched, the reason goes to the message line, and -1 is returned. */
int view_set_payment_filter(struct view *v, struct filter *dst,
                            const char *text);

/* Maps an action command (CMD_CAPTURE...) to its app action. */
bool view_cmd_action(enum keymap_cmd cmd, enum app_action_kind *out);
/* Common keys of a view whose cursor is on payment p (may be NULL):
 * Enter opens it, `v` opens its raw JSON, action keys request the action.
 * Returns the reaction, or UI_UNHANDLED. */
unsigned view_payment_key(struct ui_ctx *ctx, const struct payment *p,
                          enum keymap_cmd cmd);

#endif
