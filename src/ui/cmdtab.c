/*
 * cmdtab - the command table. See cmdtab.h.
 */
#include "ui/cmdtab.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

#define K CMDTAB_KEY
#define P CMDTAB_PROMPT
#define C CMDTAB_CLI

/* One flat table (a data table, longer than 80 lines by nature). */
static const struct cmdtab_entry table[] = {
    {"up", NULL, CMD_UP, K, "", "move up", false},
    {"down", NULL, CMD_DOWN, K, "", "move down", false},
    {"page-up", NULL, CMD_PAGE_UP, K, "", "page up", false},
    {"page-down", NULL, CMD_PAGE_DOWN, K, "", "page down", false},
    {"half-up", NULL, CMD_HALF_UP, K, "", "half a page up", false},
    {"half-down", NULL, CMD_HALF_DOWN, K, "", "half a page down", false},
    {"top", NULL, CMD_TOP, K, "", "first row", false},
    {"bottom", NULL, CMD_BOTTOM, K, "", "last row", false},
    {"open", NULL, CMD_OPEN, K, "", "open the selected record / follow link",
     false},
    {"back", NULL, CMD_BACK, K, "", "go back (close view or dialog)", false},
    {"quit", "q", CMD_QUIT, K | P, "", "back; on a top pane, quit (asks)",
     false},
    {"help", NULL, CMD_HELP, K | P, "", "this help: keys and commands",
     false},
    {"filter", NULL, CMD_FILTER, K | P, "[TEXT]",
     "filter the pane (live as you type)", false},
    {"command", NULL, CMD_COMMAND, K, "", "the : command line", false},
    {"sync", NULL, CMD_SYNC, K | P | C, "",
     "fetch payments, customers and accounts into the cache", false},
    {"copy-id", NULL, CMD_COPY_ID, K, "",
     "copy the id (OSC 52); in Messages, the whole message", false},
    {"raw", NULL, CMD_RAW, K, "", "raw JSON of the record", false},
    {"next-link", NULL, CMD_NEXT_LINK, K, "",
     "detail: select the next related record", false},
    {"prev-link", NULL, CMD_PREV_LINK, K, "",
     "detail: select the previous link", false},
    {"jump-parent", NULL, CMD_JUMP_PARENT, K, "",
     "jump to the parent/related payment", false},
    {"jump-customer", NULL, CMD_JUMP_CUSTOMER, K, "", "jump to the customer",
     false},
    {"pane-payments", "payments", CMD_PANE_PAYMENTS, K | P, "",
     "Payments pane", false},
    {"pane-review", "review", CMD_PANE_REVIEW, K | P, "", "Review queue pane",
     false},
    {"pane-customers", "customers", CMD_PANE_CUSTOMERS, K | P, "",
     "Customers pane", false},
    {"pane-refunds", "refunds", CMD_PANE_REFUNDS, K | P, "", "Refunds pane",
     false},
    {"pane-unassigned", "unassigned", CMD_PANE_UNASSIGNED, K | P, "",
     "Unassigned topups pane", false},
    {"pane-activity", "activity", CMD_PANE_ACTIVITY, K | P, "",
     "Activity pane", false},
    {"next-pane", NULL, CMD_NEXT_PANE, K, "", "next pane", false},
    {"prev-pane", NULL, CMD_PREV_PANE, K, "", "previous pane", false},
    {"capture", NULL, CMD_CAPTURE, K | P | C, "ID",
     "capture a CREATED or AUTHORIZED payment", false},
    {"authorize", NULL, CMD_AUTHORIZE, K | P | C, "ID",
     "authorize a CREATED payment", false},
    {"refund", NULL, CMD_REFUND, K | P | C,
     "ID [--amount A] [--reason R] [--again]",
     "refund a SETTLED payment (default: maxRefundable)", false},
    {"assign", NULL, CMD_ASSIGN, K | P | C, "ID --account N [--expected A]",
     "assign an unassigned topup to an account", false},
    {"upload", NULL, CMD_UPLOAD, K | P | C, "ID --type T FILE",
     "upload a review document for a payment", false},
    {"approve", NULL, CMD_APPROVE, K | P | C, "ID",
     "approve a payment in review", false},
    {"reject", NULL, CMD_REJECT, K | P | C, "ID --reason R",
     "reject a payment in review (reason required)", false},
    {"repaint", NULL, CMD_REPAINT, K, "", "repaint the whole screen", false},
    {"messages", NULL, CMD_MESSAGES, K | P, "",
     "the session's errors, warnings and outcomes, whole (y copies one)",
     false},
    {"sort", NULL, CMD_SORT, P, "created|amount|updated [asc|desc]",
     "order of the Payments pane (CLI: payments list --sort)", false},
    {"export", NULL, CMD_EXPORT, P, "FILE",
     "write every row of the pane's list (its filter, not just the screen)"
     " as CSV, or JSON for a .json FILE (refuses to overwrite)", false},
    {"goto", NULL, CMD_GOTO, P, "ROW|N%|ID",
     "move the cursor to a row number, a share of the list or a payment",
     false},
    {"profile", NULL, CMD_PROFILE, P, "", "show the profile in use", false},
    {"draft", NULL, CMD_DRAFT, P, "[drop]",
     "reopen (or discard) the dialog the desk was stopped under", false},
    {"payments list", NULL, CMD_NONE, C,
     "[FILTER...] [--status S] [--type T] [--limit N] [--sort SORT]",
     "list cached payments, newest first (SORT as for :sort)", true},
    {"payments show", NULL, CMD_NONE, C, "ID",
     "show one cached payment (--json: the API object)", true},
    {"review list", NULL, CMD_NONE, C, "[FILTER...]",
     "payments in REQUIRES_REVIEW, oldest first", true},
    {"refunds list", NULL, CMD_NONE, C, "[--parent ID]",
     "refund payments, newest first", true},
    {"unassigned list", NULL, CMD_NONE, C, "", "unassigned topups by time left",
     true},
    {"customers list", NULL, CMD_NONE, C, "[TEXT]", "cached customers", true},
    {"customers show", NULL, CMD_NONE, C, "ID", "one customer with documents",
     true},
    {"activity", NULL, CMD_NONE, C, "[--limit N]",
     "the local log of actions taken from this desk", true},
    {"quarantine list", NULL, CMD_NONE, C, "[--limit N]",
     "records a sync could not read (--json: with their raw JSON)", true},
    {"outbox list", NULL, CMD_NONE, C, "",
     "open (pending or unknown) actions", true},
    {"outbox cancel", NULL, CMD_NONE, C, "ID",
     "cancel a pending or unknown action", true},
    {"export", NULL, CMD_NONE, C,
     "payments|review|refunds [FILTER...] [--format csv|json]",
     "export a list", true},
    {"cache purge", NULL, CMD_NONE, C, "",
     "empty the cache (open actions are kept)", true},
    {"listen", NULL, CMD_NONE, C, "[--addr A:P] [--secret-file F]",
     "receive webhooks and apply them to the cache", false},
};

size_t cmdtab_count(void) {
  return sizeof table / sizeof table[0];
}

const struct cmdtab_entry *cmdtab_at(size_t i) {
  return i < cmdtab_count() ? &table[i] : NULL;
}

const struct cmdtab_entry *cmdtab_find(const char *name, unsigned where) {
  for (size_t i = 0; name && i < cmdtab_count(); i++) {
    const struct cmdtab_entry *e = &table[i];
    if ((e->where & where) == 0)
      continue;
    if (strcasecmp(e->name, name) == 0 ||
        (e->alias && strcasecmp(e->alias, name) == 0))
      return e;
  }
  return NULL;
}

const struct cmdtab_entry *cmdtab_for_cmd(enum keymap_cmd cmd) {
  for (size_t i = 0; cmd != CMD_NONE && i < cmdtab_count(); i++)
    if (table[i].cmd == cmd)
      return &table[i];
  return NULL;
}

int cmdtab_parse_sort(const char *spec, enum keyset_sort *out) {
  char key[16] = "", dir[8] = "";
  if (spec == NULL)
    return -1;
  while (*spec == ' ')
    spec++;
  bool minus = *spec == '-';
  if (minus)
    spec++;
  if (sscanf(spec, "%15s %7s", key, dir) < 1)
    return -1;
  bool desc = minus || strcasecmp(dir, "desc") == 0;
  if (dir[0] && strcasecmp(dir, "desc") != 0 && strcasecmp(dir, "asc") != 0)
    return -1;
  if (minus && dir[0])
    return -1;
  if (strcasecmp(key, "created") == 0)
    *out = desc ? KEYSET_CREATED_DESC : KEYSET_CREATED_ASC;
  else if (strcasecmp(key, "amount") == 0)
    *out = desc ? KEYSET_AMOUNT_DESC : KEYSET_AMOUNT_ASC;
  else if (strcasecmp(key, "updated") == 0 && strcasecmp(dir, "asc") != 0)
    *out = KEYSET_UPDATED_DESC;
  else
    return -1;
  return 0;
}
