/*
 * keymap - keys, commands and the table that binds one to the other.
 *
 * A key is an int: a Unicode code point for printable keys and control
 * characters (Ctrl-d = 4, Enter = '\n', Esc = 27, Tab = '\t'), or one of
 * the KEY_* values below for special keys (term.c translates curses codes
 * into these). A command is what a key means to the desk. The default table
 * is const data; a keymap file can rebind any key:
 *
 *   # a comment (whole lines only)
 *   bind C-n down
 *   unbind x
 *
 * Key names: a single character, C-<letter>, Enter, Esc, Tab, BTab, Space,
 * Up, Down, Left, Right, PgUp, PgDn, Home, End, Backspace, Delete, F1..F12.
 * `?` shows the live table, so the help always matches the bindings.
 */
#ifndef DESK_UI_KEYMAP_H
#define DESK_UI_KEYMAP_H

#include <stdbool.h>
#include <stddef.h>

enum ui_key {
  UI_KEY_ESC = 27,
  UI_KEY_SPECIAL = 0x200000,
  UI_KEY_UP,
  UI_KEY_DOWN,
  UI_KEY_LEFT,
  UI_KEY_RIGHT,
  UI_KEY_PGUP,
  UI_KEY_PGDN,
  UI_KEY_HOME,
  UI_KEY_END,
  UI_KEY_BACKSPACE,
  UI_KEY_DELETE,
  UI_KEY_BTAB,
  UI_KEY_RESIZE,
  UI_KEY_F0, /* F1 = UI_KEY_F0 + 1, ... F12 */
  UI_KEY_LAST_ = UI_KEY_F0 + 13
};

enum keymap_cmd {
  CMD_NONE = 0,
  CMD_UP,
  CMD_DOWN,
  CMD_PAGE_UP,
  CMD_PAGE_DOWN,
  CMD_HALF_UP,
  CMD_HALF_DOWN,
  CMD_TOP,
  CMD_BOTTOM,
  CMD_OPEN,
  CMD_BACK,
  CMD_QUIT,
  CMD_HELP,
  CMD_FILTER,
  CMD_COMMAND,
  CMD_SYNC,
  CMD_COPY_ID,
  CMD_RAW,
  CMD_NEXT_LINK,
  CMD_PREV_LINK,
  CMD_JUMP_PARENT,
  CMD_JUMP_CUSTOMER,
  CMD_PANE_PAYMENTS,
  CMD_PANE_REVIEW,
  CMD_PANE_CUSTOMERS,
  CMD_PANE_REFUNDS,
  CMD_PANE_UNASSIGNED,
  CMD_PANE_ACTIVITY,
  CMD_NEXT_PANE,
  CMD_PREV_PANE,
  CMD_CAPTURE,
  CMD_AUTHORIZE,
  CMD_REFUND,
  CMD_ASSIGN,
  CMD_UPLOAD,
  CMD_APPROVE,
  CMD_REJECT,
  CMD_REPAINT,
  CMD_MESSAGES,
  /* `:` commands that take arguments (not bindable to a key) */
  CMD_SORT,
  CMD_EXPORT,
  CMD_GOTO,
  CMD_PROFILE,
  CMD_DRAFT,
  CMD_COUNT_
};

struct keymap_binding {
  int key;
  enum keymap_cmd cmd;
};

struct keymap {
  struct keymap_binding *items;
  size_t count, cap;
};

/* Fills *km with the default bindings. Free with keymap_cleanup(). */
void keymap_init(struct keymap *km);
void keymap_cleanup(struct keymap *km);
/* The command bound to key, or CMD_NONE. */
enum keymap_cmd keymap_lookup(const struct keymap *km, int key);
/* Binds (replacing any binding of key) or, with CMD_NONE, unbinds. */
void keymap_bind(struct keymap *km, int key, enum keymap_cmd cmd);
/* Applies a keymap file's text. Returns 0 or -1 with "line N: reason". */
int keymap_parse(struct keymap *km, const char *text, char *err, size_t errlen);
/* Loads and applies a file; a missing file is an error. */
int keymap_load(struct keymap *km, const char *path, char *err, size_t errlen);

/* "down", and the one-line description for help, from the command table
 * (ui/cmdtab.h). NULL when unknown. */
const char *keymap_cmd_name(enum keymap_cmd cmd);
const char *keymap_cmd_help(enum keymap_cmd cmd);
enum keymap_cmd keymap_cmd_from_name(const char *name);
/* Key name as in keymap files ("C-d", "PgDn", "q"); buf >= 16 bytes. */
void keymap_key_name(int key, char *buf, size_t len);
/* Parses a key name; returns the key or -1. */
int keymap_key_from_name(const char *name);
/* All keys bound to cmd, as "j Down", in buf; "" when none. */
void keymap_keys_for(const struct keymap *km, enum keymap_cmd cmd, char *buf,
                     size_t len);

#endif
