#!/usr/bin/env bash
# The desk against the real sandbox in tmux: opens from the cache and syncs
# in the background, lists payments, navigates, opens a detail and the
# help, shows hostile customer names as visible text without touching the
# terminal title, survives a resize to 60x20 and back, sends only a few
# bytes when the cursor moves one row, and quits with q (exit status 0).
set -u
. "$(dirname "$0")/lib.sh"

tui_setup
tui_start_sandbox 200 --seed 23
tui_start_desk

# first paint, then the background sync fills the list
tui_wait_for 'SANDBOX 127\.0\.0\.1'
tui_wait_for '^\[1 Payments [1-9][0-9]*\]' 30
tui_wait_for '[0-9]+ payments' 30
tui_wait_for 'synced [0-9]+[smh] ago' 30
tui_screen | grep -Eq 'ID +CREATED +TYPE +STATUS +AMOUNT CUSTOMER' ||
  tui_fail "column headers missing"

# hostile names are drawn as visible text; find one with the live filter
tui_keys /
tui_type 'Mallory'
tui_wait_for 'filter: Mallory'
tui_wait_for 'Mallory\^\[\]0;pwned\^G' 10
tui_keys Enter
title=$(tmux -L "$TUI_SOCK" display -p -t desk '#{pane_title}')
case "$title" in
*pwned*) tui_fail "the pane title was changed to '$title'" ;;
esac
tui_keys Escape
tui_wait_gone 'filter: Mallory'

# navigation: j/k, PgDn/PgUp, G/g and Enter on the selected payment
tui_keys j j k PgDn PgUp G g
tui_keys Enter
tui_wait_for 'Payments > Payment '
tui_wait_for 'Timeline'
tui_keys v
tui_wait_for 'Raw JSON'
tui_wait_for '"id": "'
tui_keys q
tui_wait_gone 'Raw JSON'
tui_keys q
tui_wait_gone 'Payments > Payment '

# help lists the live keymap
tui_keys '?'
tui_wait_for 'Keys \(live keymap'
tui_wait_for 'PgDn +page-down'
tui_keys q
tui_wait_gone 'Keys \(live keymap'

# moving the cursor one row sends a few bytes, not a screen
tmux -L "$TUI_SOCK" pipe-pane -o -t desk "cat >>$TUI_TMP/bytes"
sleep 1.2 # let the once-a-second status tick pass through the pipe
: >"$TUI_TMP/bytes"
tui_keys j
sleep 0.5
bytes=$(wc -c <"$TUI_TMP/bytes")
tmux -L "$TUI_SOCK" pipe-pane -t desk
tui_log "one-row move wrote $bytes bytes to the terminal"
[ "$bytes" -gt 0 ] || tui_fail "the move did not reach the terminal"
[ "$bytes" -lt 1500 ] || tui_fail "one-row move wrote $bytes bytes"

# resize below the minimum and back
tmux -L "$TUI_SOCK" resize-window -t desk -x 60 -y 20
tui_wait_for 'Terminal too small: 60x20'
tmux -L "$TUI_SOCK" resize-window -t desk -x 120 -y 40
tui_wait_for '^\[1 Payments [0-9]+\]'
tui_wait_for 'ID +CREATED +TYPE +STATUS'
tui_wait_gone 'Terminal too small'
lines=$(tui_screen | wc -l)
[ "$lines" -eq 40 ] || tui_fail "screen has $lines lines after the resize"
tui_screen | tail -2 | grep -q 'SANDBOX 127.0.0.1' ||
  tui_fail "status bar not on the second-to-last line after the resize"

# :sort and :export (with the command history)
tui_keys :
tui_type 'sort amount desc'
tui_keys Enter
tui_wait_for 'payments sorted by amount desc'
tui_keys :
tui_type "export $TUI_TMP/rows.csv"
tui_keys Enter
tui_wait_for "exported [0-9]+ rows to $TUI_TMP/rows.csv"
rows=$(($(wc -l <"$TUI_TMP/rows.csv") - 1))
[ "$rows" -ge 20 ] || tui_fail "export wrote $rows rows"
head -1 "$TUI_TMP/rows.csv" | grep -q '^id,created_at,type,status,amount,currency' ||
  tui_fail "export header: $(head -1 "$TUI_TMP/rows.csv")"
LC_ALL=C grep -q $'\e' "$TUI_TMP/rows.csv" && tui_fail "escape byte in the export"
tui_keys : Up
tui_wait_for ":export $TUI_TMP/rows.csv"
tui_keys Enter
tui_wait_for 'export: cannot create .* \(exists or not writable\)'
tui_keys :
tui_type 'nosuch'
tui_keys Enter
tui_wait_for "unknown command 'nosuch'"

# q asks, y quits, exit status 0
tui_keys q
tui_wait_for 'Quit conomy-desk\? \(y/N\)'
tui_keys y
status=$(tui_wait_exit 10)
[ "$status" = 0 ] || { cat "$TUI_TMP/desk.err" >&2; tui_fail "exit status $status"; }
tui_log "ok"
