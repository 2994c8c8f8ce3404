#!/usr/bin/env bash
# Messages can be read whole, at 80x24: a sync error (with its traceId) is
# cut on the status bar but `M` (and :messages) shows it whole, `y` copies
# it (OSC 52, and a file), and the Activity pane lists it too. An action's
# outcome says the action, the payment and the result once; the Activity
# pane shows one line per action and its tab counts actions.
set -u
. "$(dirname "$0")/lib.sh"

TUI_W=80
TUI_H=24
tui_setup
tui_start_sandbox 50 --seed 3
tui_api_login
tui_start_desk
tui_wait_for 'synced [0-9]+[smh] ago' 30

# 1. an action's outcome, said once
id=$(tui_api "/payments?status=AUTHORIZED&limit=100" | jq -r '.results[0].id')
[ -n "$id" ] && [ "$id" != null ] || tui_fail "no AUTHORIZED payment"
short=${id: -8}
tui_keys /
tui_type "$id"
tui_keys Enter
tui_wait_for "^$short "
tui_keys c
tui_wait_for 'Capture payment'
tui_keys y
tui_wait_for "capture succeeded \\(payment $short\\): now CAPTURED"
if tui_screen | tail -1 | grep -q "$short.*$short"; then
  tui_fail "the outcome repeats the id: $(tui_screen | tail -1)"
fi
tui_keys Escape
tui_keys 6
tui_wait_for '6 Act 1\]'
n=$(tui_screen | grep -c " capture ") || true
[ "$n" = 1 ] || tui_fail "the capture shows on $n Activity lines"

# 2. a sync error with a traceId, cut on the status bar
admin=$(sed 's#/sandbox$##' <<<"$SANDBOX_URL")
curl -fsS -X POST "$admin/_admin/faults" -H 'Content-Type: application/json' \
  -d '{"once":[{"fault":"500","method":"GET","pathPrefix":"/payments","count":30}]}' >/dev/null
tui_keys F5
tui_wait_for 'error: sync' 30
trace=""
# the whole message, trace id included, in the Messages view
tui_keys M
tui_wait_for 'Payments > Messages|Activity > Messages'
tui_wait_flat 'sync: API server error (500 serverError): injected server error [trace'
flat=$(tui_screen | tr -d '\n' | sed 's/  */ /g')
trace=$(grep -oE '\[trace [0-9a-f-]{36}\]' <<<"$flat" | head -1)
[ -n "$trace" ] || tui_fail "no whole trace id in the Messages view"
tui_log "the message ends with $trace"
# y copies it: the OSC 52 goes to the terminal, the text to a file
tui_keys y
tui_wait_for 'copied the message to the clipboard \(OSC 52\)'
file="$TUI_TMP/state/conomy-desk/message.txt"
grep -qF "sync: API server error (500 serverError): injected server error $trace" "$file" ||
  tui_fail "the copied file holds: $(cat "$file" 2>/dev/null)"
tui_keys q
tui_wait_gone 'Messages'
# :messages opens the same view
tui_keys :
tui_type messages
tui_keys Enter
tui_wait_for '> Messages'
tui_keys q
# the Activity pane lists the sync error too
tui_keys 6
tui_wait_for 'Errors this session'
tui_wait_for 'sync: API server error'
tui_keys q y
status=$(tui_wait_exit 10)
[ "$status" = 0 ] || tui_fail "exit status $status"
tui_log ok
