#!/usr/bin/env bash
# Offline detection from real failures: when the API stops answering, the
# desk says "offline", offers no action and refuses one with the reason,
# retries in the background with backoff, and comes back online by itself
# when the server is back (no F5), after which actions are offered again.
set -u
. "$(dirname "$0")/lib.sh"

tui_setup
tui_start_sandbox 60 --seed 22 --db "$TUI_TMP/sandbox.db"
port=$(sed -E 's#^http://127\.0\.0\.1:([0-9]+)/.*#\1#' <<<"$SANDBOX_URL")
tui_api_login
# (not an unassigned topup: capture is never offered on one)
id=$(tui_api "/payments?status=CREATED&limit=100" |
  jq -r '[.results[] | select(.type != "TOPUP_ACCOUNT" or ((.accountNumber // "") != ""))][0].id')
[ -n "$id" ] && [ "$id" != null ] || tui_fail "no CREATED payment"

tui_start_desk
tui_wait_for 'online \| synced [0-9]+[smh] ago' 30
tui_keys /
tui_type "$id"
tui_keys Enter
tui_wait_for "^${id: -10} "
tui_wait_for '^c capture'

# the server goes away: the next sync finds out
kill "$SANDBOX_PID"
wait "$SANDBOX_PID" 2>/dev/null
SANDBOX_PID=""
tui_keys F5
tui_wait_for '\| offline' 30
tui_screen | tail -1 | grep -q 'c capture' && tui_fail "capture is still offered offline"
tui_keys c
tui_wait_for 'capture not offered: offline: the API has not answered'
tui_screen | grep -q 'will send:' && tui_fail "a dialog opened offline"
tui_wait_for 'offline, retry in [0-9]+s'

# the server comes back on the same port with the same data: no key pressed
"$BUILD_DIR/conomy-sandbox" --listen "127.0.0.1:$port" --seed 22 \
  --db "$TUI_TMP/sandbox.db" --quiet >/dev/null 2>"$TUI_TMP/sandbox2.err" &
SANDBOX_PID=$!
tui_wait_for '\| online \| synced [0-9]s ago' 40
tui_keys k # a key clears the old message, so the hints show
tui_wait_for '^c capture'
tui_keys c
tui_wait_for 'Capture payment'
tui_keys Escape
tui_keys q y
status=$(tui_wait_exit 10)
[ "$status" = 0 ] || tui_fail "exit status $status"
tui_log ok
