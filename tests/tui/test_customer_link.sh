#!/usr/bin/env bash
# The customer link in the desk (published dialect: payments whose id ends
# in 8 or 9 come without customerId): a payment not looked up yet says so
# in its detail, one the link filled shows its customer and C opens it.
# The budget is 3 lookups per sync, so the oldest one is still waiting
# after the CLI's sync and the desk's own.
set -u
. "$(dirname "$0")/lib.sh"

tui_setup
SANDBOX_DIALECT=published tui_start_sandbox 300 --seed 11 --settle-delay-ms 86400000
mkdir -p "$TUI_TMP/config/conomy-desk"
printf '[default]\ncustomer_link_budget = 3\n' >"$TUI_TMP/config/conomy-desk/config"
eval "$(tui_env) $(printf '%q' "$BUILD_DIR/conomy-desk") sync" >/dev/null 2>"$TUI_TMP/sync.err" ||
  tui_fail "sync: $(cat "$TUI_TMP/sync.err")"
sql() { python3 -c 'import sqlite3,sys
for r in sqlite3.connect(sys.argv[1]).execute(sys.argv[2]): print(*r)' "$TUI_TMP/cache/desk.db" "$1"; }
newest=$(sql "SELECT id FROM payments WHERE customer_id_absent = 1 ORDER BY created_at DESC, id DESC LIMIT 1")
oldest=$(sql "SELECT id FROM payments WHERE customer_id_absent = 1 ORDER BY created_at, id LIMIT 1")
cid=$(sql "SELECT customer_id FROM payments WHERE id = '$newest'")
[ -n "$newest" ] && [ -n "$oldest" ] && [ -n "$cid" ] ||
  tui_fail "no linked and unlinked payments: '$newest' '$oldest' '$cid'"

tui_start_desk
tui_wait_for 'synced [0-9]+[smh] ago' 30
tui_keys :
tui_type "goto $oldest"
tui_keys Enter Enter
tui_wait_for "Payment $oldest"
tui_wait_for 'customer +not looked up yet'
tui_keys q
tui_wait_gone "Payment $oldest"
tui_keys :
tui_type "goto $newest"
tui_keys Enter Enter
tui_wait_for "Payment $newest"
tui_screen | grep -q 'not linked\|not looked up' && tui_fail "the linked payment says it is not"
tui_keys C
tui_wait_for "> Customer "
tui_wait_for "id +$cid"
tui_log "ok"
