#!/usr/bin/env bash
# Captures the desk's panes from the demo data as plain text, for the
# documentation (docs/TUI.md). Not a test. Usage:
#   BUILD_DIR=build tests/tui/capture_screens.sh OUTDIR [WIDTH HEIGHT]
set -u
. "$(dirname "$0")/lib.sh"
out=${1:?output directory}
TUI_W=${2:-100}
TUI_H=${3:-30}
mkdir -p "$out"
tui_setup
tui_start_sandbox 200 --seed 7
tui_start_desk
tui_wait_for '[0-9]+ payments' 30
tui_wait_for 'synced [0-9]+[smh] ago' 30
sleep 4 # the hidden panes' counts refresh every 3 s
shot() { tui_screen | sed -e 's/[[:space:]]*$//' >"$out/$1.txt"; }
shot payments
tui_keys j j Enter
tui_wait_for 'Timeline'
shot detail
tui_keys v
tui_wait_for 'Raw JSON'
shot raw
tui_keys q q 2
tui_wait_for 'AGE +ID +DOCS'
shot review
# the fast path: u opens the upload with the type and the path field ready
mkdir -p "$TUI_TMP/docs"
printf '%%PDF-1.4 proof of funds\n' >"$TUI_TMP/docs/funds.pdf"
tui_keys u
tui_wait_for 'Upload payment'
tui_type "$TUI_TMP/docs/funds.pdf"
tui_wait_for 'sha256 [0-9a-f]+'
shot dialog_upload
tui_keys Escape
tui_wait_gone 'Upload payment'
tui_keys x
tui_wait_for 'Reject payment'
tui_keys Tab
tui_type 'source of funds not proven'
tui_wait_for '"reason":"source of funds not proven"'
shot dialog_reject
tui_keys Escape 3
tui_wait_for 'NAME / EMAIL'
shot customers
tui_keys 4
tui_wait_for 'PARENT'
shot refunds
tui_keys 5
tui_wait_for 'LEFT +ID'
shot unassigned
tui_keys s
tui_wait_for 'Assign payment'
tui_keys Tab Tab
tui_type 99999
tui_wait_for 'outcome: UNDERPAID'
shot dialog_assign
tui_keys Escape 6
tui_wait_for 'Outbox'
shot activity
tui_keys '?'
tui_wait_for 'Keys \(live keymap'
shot help
tui_keys q q y
tui_wait_exit 10 >/dev/null
