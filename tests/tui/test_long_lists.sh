#!/usr/bin/env bash
# Long lists: a cache of 21,000 payments (longer than the desk ever held in
# memory before: 20,000 payments, 2,000 review items) is browsed to its very
# end in the Payments and Review panes, a position and a payment id are
# jumped to with :goto, and :export writes the whole filtered list, not the
# rows on screen. The cache is written by bench/cache_gen through the
# cache's own write path; the desk runs offline.
set -u
. "$(dirname "$0")/lib.sh"

tui_setup
N=21000
"$BUILD_DIR/bench/cache_gen" "$TUI_TMP/cache/desk.db" "$N" >/dev/null ||
  tui_fail "cache_gen failed"
SANDBOX_URL=http://127.0.0.1:9/sandbox
SANDBOX_JSON='{}'

tui_start_desk --offline
tui_wait_for "^\[1 Payments $N\]" 60
tui_wait_for ' 2 Review 2100 '
# the oldest payment (generated first) is the last row, newest first
tui_keys G
tui_wait_for '^0{8,10} ' 10
tui_screen | grep -Eq '^0{7,9}1 ' || tui_fail "the row above the last is not the second oldest"
tui_keys g
tui_wait_gone '^0{8,10} '
tui_keys :
tui_type 'goto 50%'
tui_keys Enter
# row 10,501 of 21,000 newest first is payment 10,499 (0x2903)
tui_wait_for '0{4}2903 .*SETTLED|0{4}2903 ' 10
tui_keys :
tui_type 'goto ffffffffffffffffffffffff'
tui_keys Enter
tui_wait_for 'goto: that payment is not in this list|goto: no payment' 10
# every payment, exported from the keyset windows: all N rows
tui_keys :
tui_type "export $TUI_TMP/all.csv"
tui_keys Enter
tui_wait_for "exported $N rows to" 30
[ "$(($(wc -l <"$TUI_TMP/all.csv") - 1))" = "$N" ] || tui_fail "export lines: $(wc -l <"$TUI_TMP/all.csv")"
# a filter: the export holds exactly the rows the header counts
tui_keys /
tui_type 'status:CAPTURED'
tui_keys Enter
tui_wait_for '^2100 payments' 30
tui_keys :
tui_type "export $TUI_TMP/captured.csv"
tui_keys Enter
tui_wait_for 'exported 2100 rows to' 30
[ "$(grep -c '"CAPTURED"' "$TUI_TMP/captured.csv")" = 2100 ] || tui_fail "filtered export"
# the review queue (oldest first) to its end: payment 20,991 (0x51ff)
tui_keys 2
tui_wait_for 'AGE +ID +DOCS'
tui_keys G
tui_wait_for '0{4}51ff ' 10
tui_keys q
tui_wait_for 'Quit'
tui_keys y
tui_wait_exit 10
