/*
 * keymap - default bindings, lookup and keymap files.
 */
#include "ui/keymap.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/xalloc.h"
#include "ui/cmdtab.h"

static const struct keymap_binding defaults[] = {
    {'k', CMD_UP},
    {UI_KEY_UP, CMD_UP},
    {'j', CMD_DOWN},
    {UI_KEY_DOWN, CMD_DOWN},
    {UI_KEY_PGUP, CMD_PAGE_UP},
    {UI_KEY_PGDN, CMD_PAGE_DOWN},
    {21, CMD_HALF_UP},  /* C-u */
    {4, CMD_HALF_DOWN}, /* C-d */
    {'g', CMD_TOP},
    {UI_KEY_HOME, CMD_TOP},
    {'G', CMD_BOTTOM},
    {UI_KEY_END, CMD_BOTTOM},
    {'\n', CMD_OPEN},
    {UI_KEY_ESC, CMD_BACK},
    {'q', CMD_QUIT},
    {'?', CMD_HELP},
    {UI_KEY_F0 + 1, CMD_HELP},
    {'/', CMD_FILTER},
    {':', CMD_COMMAND},
    {UI_KEY_F0 + 5, CMD_SYNC},
    {'y', CMD_COPY_ID},
    {'v', CMD_RAW},
    {'\t', CMD_NEXT_LINK},
    {UI_KEY_BTAB, CMD_PREV_LINK},
    {'p', CMD_JUMP_PARENT},
    {'C', CMD_JUMP_CUSTOMER},
    {'1', CMD_PANE_PAYMENTS},
    {'2', CMD_PANE_REVIEW},
    {'3', CMD_PANE_CUSTOMERS},
    {'4', CMD_PANE_REFUNDS},
    {'5', CMD_PANE_UNASSIGNED},
    {'6', CMD_PANE_ACTIVITY},
    {UI_KEY_RIGHT, CMD_NEXT_PANE},
    {UI_KEY_LEFT, CMD_PREV_PANE},
    {'c', CMD_CAPTURE},
    {'z', CMD_AUTHORIZE},
    {'r', CMD_REFUND},
    {'s', CMD_ASSIGN},
    {'u', CMD_UPLOAD},
    {'a', CMD_APPROVE},
    {'x', CMD_REJECT},
    {12, CMD_REPAINT}, /* C-l */
    {'M', CMD_MESSAGES},
};

void keymap_init(struct keymap *km) {
  memset(km, 0, sizeof *km);
  for (size_t i = 0; i < sizeof defaults / sizeof defaults[0]; i++)
    keymap_bind(km, defaults[i].key, defaults[i].cmd);
}

void keymap_cleanup(struct keymap *km) {
  free(km->items);
  memset(km, 0, sizeof *km);
}

enum keymap_cmd keymap_lookup(const struct keymap *km, int key) {
  for (size_t i = 0; i < km->count; i++)
    if (km->items[i].key == key)
      return km->items[i].cmd;
  return CMD_NONE;
}

void keymap_bind(struct keymap *km, int key, enum keymap_cmd cmd) {
  for (size_t i = 0; i < km->count; i++) {
    if (km->items[i].key != key)
      continue;
    if (cmd == CMD_NONE) {
      memmove(&km->items[i], &km->items[i + 1],
              (km->count - i - 1) * sizeof km->items[0]);
      km->count--;
    } else {
      km->items[i].cmd = cmd;
    }
    return;
  }
  if (cmd == CMD_NONE)
    return;
  if (km->count == km->cap) {
    km->cap = km->cap ? km->cap * 2 : 64;
    km->items = xreallocarray(km->items, km->cap, sizeof km->items[0]);
  }
  km->items[km->count].key = key;
  km->items[km->count].cmd = cmd;
  km->count++;
}

const char *keymap_cmd_name(enum keymap_cmd cmd) {
  const struct cmdtab_entry *e = cmdtab_for_cmd(cmd);
  return e ? e->name : NULL;
}

const char *keymap_cmd_help(enum keymap_cmd cmd) {
  const struct cmdtab_entry *e = cmdtab_for_cmd(cmd);
  return e ? e->help : NULL;
}

enum keymap_cmd keymap_cmd_from_name(const char *name) {
  /* only what a key can do: `:sort` and the like take arguments */
  const struct cmdtab_entry *e = cmdtab_find(name, CMDTAB_KEY);
  return e ? e->cmd : CMD_NONE;
}

struct key_name {
  int key;
  const char *name;
};

static const struct key_name key_names[] = {
    {'\n', "Enter"},
    {UI_KEY_ESC, "Esc"},
    {'\t', "Tab"},
    {UI_KEY_BTAB, "BTab"},
    {' ', "Space"},
    {UI_KEY_UP, "Up"},
    {UI_KEY_DOWN, "Down"},
    {UI_KEY_LEFT, "Left"},
    {UI_KEY_RIGHT, "Right"},
    {UI_KEY_PGUP, "PgUp"},
    {UI_KEY_PGDN, "PgDn"},
    {UI_KEY_HOME, "Home"},
    {UI_KEY_END, "End"},
    {UI_KEY_BACKSPACE, "Backspace"},
    {UI_KEY_DELETE, "Delete"},
};

void keymap_key_name(int key, char *buf, size_t len) {
  for (size_t i = 0; i < sizeof key_names / sizeof key_names[0]; i++) {
    if (key_names[i].key == key) {
      snprintf(buf, len, "%s", key_names[i].name);
      return;
    }
  }
  if (key > UI_KEY_F0 && key < UI_KEY_LAST_) {
    snprintf(buf, len, "F%d", key - UI_KEY_F0);
  } else if (key >= 1 && key <= 26) {
    snprintf(buf, len, "C-%c", 'a' + key - 1);
  } else if (key > 32 && key < 127) {
    snprintf(buf, len, "%c", key);
  } else {
    snprintf(buf, len, "<%d>", key);
  }
}

int keymap_key_from_name(const char *name) {
  size_t n = strlen(name);
  if (n == 1 && (unsigned char)name[0] > 32 && (unsigned char)name[0] < 127)
    return (unsigned char)name[0];
  for (size_t i = 0; i < sizeof key_names / sizeof key_names[0]; i++)
    if (strcasecmp(key_names[i].name, name) == 0)
      return key_names[i].key;
  if (n == 3 && (name[0] == 'C' || name[0] == 'c') && name[1] == '-') {
    char ch = name[2];
    if (ch >= 'A' && ch <= 'Z')
      ch = (char)(ch - 'A' + 'a');
    if (ch >= 'a' && ch <= 'z')
      return ch - 'a' + 1;
  }
  if ((name[0] == 'F' || name[0] == 'f') && n >= 2 && n <= 3) {
    char *end;
    errno = 0;
    long v = strtol(name + 1, &end, 10);
    if (errno == 0 && *end == '\0' && v >= 1 && v <= 12)
      return UI_KEY_F0 + (int)v;
  }
  return -1;
}

void keymap_keys_for(const struct keymap *km, enum keymap_cmd cmd, char *buf,
                     size_t len) {
  size_t used = 0;
  buf[0] = '\0';
  for (size_t i = 0; i < km->count; i++) {
    if (km->items[i].cmd != cmd)
      continue;
    char name[16];
    keymap_key_name(km->items[i].key, name, sizeof name);
    int n = snprintf(buf + used, len - used, "%s%s", used ? " " : "", name);
    if (n < 0 || (size_t)n >= len - used)
      break;
    used += (size_t)n;
  }
}

/* Splits up to 3 whitespace-separated words of line in place. */
static int split_words(char *line, char **w, int max) {
  int n = 0;
  char *p = line;
  while (*p && n < max) {
    while (*p == ' ' || *p == '\t' || *p == '\r')
      *p++ = '\0';
    if (*p == '\0')
      break;
    w[n++] = p;
    while (*p && *p != ' ' && *p != '\t' && *p != '\r')
      p++;
  }
  while (*p == ' ' || *p == '\t' || *p == '\r')
    p++;
  return *p ? -1 : n; /* -1: too many words */
}

int keymap_parse(struct keymap *km, const char *text, char *err,
                 size_t errlen) {
  char *copy = xstrdup(text);
  int rc = 0, lineno = 0;
  char *p = copy;
  while (p && *p) {
    char *nl = strchr(p, '\n');
    if (nl)
      *nl = '\0';
    lineno++;
    /* Whole-line comments only, so '#' can itself be bound. */
    const char *t = p;
    while (*t == ' ' || *t == '\t')
      t++;
    if (*t == '#')
      goto next;
    char *w[3];
    int n = split_words(p, w, 3);
    if (n == 0)
      goto next;
    if (n < 0 || (strcmp(w[0], "bind") == 0 && n != 3) ||
        (strcmp(w[0], "unbind") == 0 && n != 2) ||
        (strcmp(w[0], "bind") != 0 && strcmp(w[0], "unbind") != 0)) {
      snprintf(err, errlen,
               "line %d: expected 'bind KEY COMMAND' or "
               "'unbind KEY'",
               lineno);
      rc = -1;
      goto out;
    }
    int key = keymap_key_from_name(w[1]);
    if (key < 0) {
      snprintf(err, errlen, "line %d: unknown key '%s'", lineno, w[1]);
      rc = -1;
      goto out;
    }
    if (n == 2) {
      keymap_bind(km, key, CMD_NONE);
    } else {
      enum keymap_cmd cmd = keymap_cmd_from_name(w[2]);
      if (cmd == CMD_NONE) {
        snprintf(err, errlen, "line %d: unknown command '%s'", lineno, w[2]);
        rc = -1;
        goto out;
      }
      keymap_bind(km, key, cmd);
    }
  next:
    p = nl ? nl + 1 : NULL;
  }
out:
  free(copy);
  return rc;
}

int keymap_load(struct keymap *km, const char *path, char *err, size_t errlen) {
  FILE *f = fopen(path, "r");
  if (f == NULL) {
    snprintf(err, errlen, "%s: %s", path, strerror(errno));
    return -1;
  }
  char buf[16384];
  size_t n = fread(buf, 1, sizeof buf - 1, f);
  fclose(f);
  buf[n] = '\0';
  char why[160];
  if (keymap_parse(km, buf, why, sizeof why) != 0) {
    snprintf(err, errlen, "%s: %s", path, why);
    return -1;
  }
  return 0;
}
