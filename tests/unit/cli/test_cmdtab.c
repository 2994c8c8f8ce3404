/*
 * The command table is the one source of names, arguments and help: every
 * desk command (keymap enum) has its entry, every CLI handler its entry
 * and every CLI entry its handler, names are unique where they are used,
 * and :sort and --sort share one parser.
 */
#include <string.h>

#include "cli/cli.h"
#include "test.h"
#include "ui/cmdtab.h"
#include "ui/keymap.h"

static void test_cli_handlers(void) {
  char err[128] = "";
  CHECK_INT(cli_check_table(err, sizeof err), 0);
  CHECK_STR(err, "");
}

static void test_every_desk_command(void) {
  for (int c = 1; c < CMD_COUNT_; c++) {
    const struct cmdtab_entry *e = cmdtab_for_cmd((enum keymap_cmd)c);
    CHECK(e != NULL);
    if (e == NULL)
      continue;
    CHECK(e->help[0] != '\0');
    CHECK_STR(keymap_cmd_name((enum keymap_cmd)c), e->name);
    CHECK_STR(keymap_cmd_help((enum keymap_cmd)c), e->help);
    if (e->where & CMDTAB_KEY)
      CHECK_INT(keymap_cmd_from_name(e->name), c);
  }
  /* a command with arguments cannot be bound to a key */
  CHECK_INT(keymap_cmd_from_name("sort"), CMD_NONE);
  CHECK(cmdtab_find("sort", CMDTAB_PROMPT) != NULL);
}

static void test_unique_names(void) {
  static const unsigned wheres[] = {CMDTAB_KEY, CMDTAB_PROMPT, CMDTAB_CLI};
  for (size_t w = 0; w < 3; w++)
    for (size_t i = 0; i < cmdtab_count(); i++) {
      const struct cmdtab_entry *e = cmdtab_at(i);
      if (!(e->where & wheres[w]))
        continue;
      CHECK(cmdtab_find(e->name, wheres[w]) == e);
    }
  /* the same action has the same name, arguments and help everywhere */
  const struct cmdtab_entry *k = cmdtab_find("refund", CMDTAB_KEY);
  CHECK(k != NULL && k == cmdtab_find("refund", CMDTAB_CLI));
  CHECK(k != NULL && k == cmdtab_find("refund", CMDTAB_PROMPT));
  CHECK(cmdtab_find("payments", CMDTAB_PROMPT) ==
        cmdtab_for_cmd(CMD_PANE_PAYMENTS));
}

static void test_sort_spec(void) {
  enum keyset_sort s;
  CHECK_INT(cmdtab_parse_sort("amount", &s), 0);
  CHECK_INT(s, KEYSET_AMOUNT_ASC);
  CHECK_INT(cmdtab_parse_sort("amount desc", &s), 0);
  CHECK_INT(s, KEYSET_AMOUNT_DESC);
  CHECK_INT(cmdtab_parse_sort("-amount", &s), 0);
  CHECK_INT(s, KEYSET_AMOUNT_DESC);
  CHECK_INT(cmdtab_parse_sort("created asc", &s), 0);
  CHECK_INT(s, KEYSET_CREATED_ASC);
  CHECK_INT(cmdtab_parse_sort("-created", &s), 0);
  CHECK_INT(s, KEYSET_CREATED_DESC);
  CHECK_INT(cmdtab_parse_sort("updated", &s), 0);
  CHECK_INT(s, KEYSET_UPDATED_DESC);
  CHECK(cmdtab_parse_sort("updated asc", &s) != 0);
  CHECK(cmdtab_parse_sort("amount sideways", &s) != 0);
  CHECK(cmdtab_parse_sort("-amount desc", &s) != 0);
  CHECK(cmdtab_parse_sort("", &s) != 0);
  CHECK(cmdtab_parse_sort("colour", &s) != 0);
}

TEST_LIST = {
    {"cli_handlers", test_cli_handlers},
    {"every_desk_command", test_every_desk_command},
    {"unique_names", test_unique_names},
    {"sort_spec", test_sort_spec},
    {NULL, NULL},
};
