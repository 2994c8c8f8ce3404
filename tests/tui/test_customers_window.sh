#!/usr/bin/env bash
# The Customers pane over 6,000 customers (more than the 5,000 it once
# held): its tab counts all of them, G reaches the oldest, :goto seeks a
# position and a customer id (Enter then opens that very customer), a
# free-text filter is applied by the cache (count and last row of the
# matches), :export writes every matching customer, and a customer's
# "all" link lists its payments in the Payments pane. The cache is
# written by bench/cache_gen through the cache's own write path (customer
# N is named "<first> <last>-00000N", customer 1 the oldest); offline.
set -u
. "$(dirname "$0")/lib.sh"

tui_setup
N=6000
"$BUILD_DIR/bench/cache_gen" "$TUI_TMP/cache/desk.db" 100 "$N" >/dev/null ||
  tui_fail "cache_gen failed"
SANDBOX_URL=http://127.0.0.1:9/sandbox
SANDBOX_JSON='{}'
# the CLI streams every customer too, newest first, in windows of 1,000
HOME="$TUI_TMP" XDG_CONFIG_HOME="$TUI_TMP/config" XDG_STATE_HOME="$TUI_TMP/state" \
  CONOMY_CACHE="$TUI_TMP/cache/desk.db" "$BUILD_DIR/conomy-desk" --offline \
  customers list >"$TUI_TMP/cli.txt" || tui_fail "customers list failed"
[ "$(wc -l <"$TUI_TMP/cli.txt")" = $((N + 1)) ] ||
  tui_fail "customers list lines: $(wc -l <"$TUI_TMP/cli.txt")"
head -2 "$TUI_TMP/cli.txt" | grep -q 'Ivanova-006000' || tui_fail "customers list order"
tail -1 "$TUI_TMP/cli.txt" | grep -q 'P.rez-000001' || tui_fail "customers list end"

tui_start_desk --offline
tui_wait_for '^\[1 Payments 100\]' 60
tui_keys 3
tui_wait_for "\[3 Customers $N\]" 30
# newest first: customer 6,000 heads the list
tui_wait_for 'Siobh.n Ivanova-006000 ' 10
tui_keys G
tui_wait_for 'Ana P.rez-000001 ' 10
tui_screen | grep -Eq 'Jos. P.rez-000002 ' || tui_fail "the row above the last is not customer 2"
tui_screen | grep -Eq 'Ivanova-006000 ' && tui_fail "G left the first row on screen"
tui_keys g
tui_wait_for 'Siobh.n Ivanova-006000 ' 10
# row 3,001 of 6,000, newest first, is customer 3,000
tui_keys :
tui_type 'goto 50%'
tui_keys Enter
tui_wait_for 'Siobh.n Smith-003000 ' 10
tui_keys Enter
tui_wait_for 'Customer Siobh.n Smith-003000' 10
tui_keys Escape
tui_wait_for "\[3 Customers $N\]" 10
# a customer id (42 = 0x2a)
tui_keys :
tui_type 'goto 00000000000000000000002a'
tui_keys Enter
tui_wait_for 'Jos. Ivanova-000042 ' 10
tui_keys Enter
tui_wait_for 'Customer Jos. Ivanova-000042' 10
# its first link lists every payment of the customer in the Payments pane
# (customer 42 has one of the 100: payment 41)
tui_keys Tab
tui_keys Enter
tui_wait_for '^1 payments +filter: customer:0{22}2a' 20
tui_keys Escape
tui_wait_for '^100 payments' 20
tui_keys 3
tui_wait_for "\[3 Customers $N\]" 10
tui_keys :
tui_type 'goto ffffffffffffffffffffffff'
tui_keys Enter
tui_wait_for 'goto: no customer' 10
# every customer, exported from keyset windows
tui_keys :
tui_type "export $TUI_TMP/all.csv"
tui_keys Enter
tui_wait_for "exported $N rows to" 30
[ "$(($(wc -l <"$TUI_TMP/all.csv") - 1))" = "$N" ] ||
  tui_fail "export lines: $(wc -l <"$TUI_TMP/all.csv")"
# a filter: 752 customers are named Ivanova; the oldest is customer 41
tui_keys /
tui_type 'Ivanova'
tui_keys Enter
tui_wait_for '\[3 Customers 752\]' 30
tui_keys G
tui_wait_for 'Ana Ivanova-000041 ' 10
tui_screen | grep -Eq 'P.rez' && tui_fail "the filter shows other customers"
tui_keys :
tui_type "export $TUI_TMP/ivanova.csv"
tui_keys Enter
tui_wait_for 'exported 752 rows to' 30
[ "$(grep -c '"Ivanova-' "$TUI_TMP/ivanova.csv")" = 752 ] || tui_fail "filtered export"
tui_keys q
tui_wait_for 'Quit'
tui_keys y
tui_wait_exit 10
