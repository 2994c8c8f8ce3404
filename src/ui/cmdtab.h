/*
 * cmdtab - THE table of the desk's commands, shared by the keys (keymap
 * names and help), the `:` prompt and the CLI: one name, one argument
 * synopsis and one help line per command, wherever it is used. `?` and
 * `conomy-desk --help` are generated from it, and a test checks the man
 * page's COMMANDS section against it (`conomy-desk help --commands`
 * prints it). Modelled on tmux's cmd_entry table.
 *
 * A command can be used as a key (bound in the keymap), at the `:` prompt,
 * on the command line, or any mix; each front end maps the entry's name
 * to its own handler, and a test checks that every entry has one.
 */
#ifndef DESK_UI_CMDTAB_H
#define DESK_UI_CMDTAB_H

#include <stdbool.h>
#include <stddef.h>

#include "core/keyset.h"
#include "ui/keymap.h"

enum cmdtab_where {
  CMDTAB_KEY = 1u << 0,    /* bindable to a key */
  CMDTAB_PROMPT = 1u << 1, /* `:name args` in the desk */
  CMDTAB_CLI = 1u << 2,    /* `conomy-desk name args` */
};

struct cmdtab_entry {
  const char *name;    /* "sync", "payments list", "pane-payments" */
  const char *alias;   /* another name for the prompt ("payments"), or NULL */
  enum keymap_cmd cmd; /* the desk's command; CMD_NONE for CLI-only ones */
  unsigned where;      /* enum cmdtab_where bits */
  const char *args;    /* synopsis of the arguments, "" when none */
  const char *help;    /* one line */
  bool local;          /* CLI: reads or changes only the cache */
};

size_t cmdtab_count(void);
const struct cmdtab_entry *cmdtab_at(size_t i);
/* The entry called name (or alias) usable in `where`, or NULL. */
const struct cmdtab_entry *cmdtab_find(const char *name, unsigned where);
/* The entry of a desk command, or NULL. */
const struct cmdtab_entry *cmdtab_for_cmd(enum keymap_cmd cmd);
/* The sort spec of `:sort` and `--sort`: created|amount|updated, then an
 * optional asc|desc (or a leading '-' for desc); created and amount
 * without a direction are ascending, updated is newest first only.
 * Returns 0 or -1. */
int cmdtab_parse_sort(const char *spec, enum keyset_sort *out);

#endif
