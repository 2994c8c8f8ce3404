#!/usr/bin/env bash
# Offline: after a sync, the desk opens from the cache with the sandbox
# gone, browses panes and details, and refuses actions and sync with a
# clear reason. Read-only: no action is offered even when online.
set -u
. "$(dirname "$0")/lib.sh"

tui_setup
tui_start_sandbox 120 --seed 22

# fill the cache with the headless sync, then stop the server
eval "$(tui_env | sed 's/^env //') $(printf '%q' "$BUILD_DIR/conomy-desk") sync" \
  >/dev/null 2>"$TUI_TMP/sync.err" || { cat "$TUI_TMP/sync.err" >&2; tui_fail "sync failed"; }
kill "$SANDBOX_PID"
wait "$SANDBOX_PID" 2>/dev/null
SANDBOX_PID=""

tui_start_desk --offline
tui_wait_for 'OFFLINE MODE'
tui_wait_for '^\[1 Payments 1[0-9][0-9]\]'
tui_wait_for 'ID +CREATED +TYPE +STATUS'
tui_keys Enter
tui_wait_for 'Payments > Payment '
tui_wait_for 'Timeline'
tui_keys c
tui_wait_for 'capture not offered: offline'
tui_keys q
tui_wait_gone 'Payments > Payment '
tui_keys 2
tui_wait_for 'AGE +ID +DOCS'
tui_keys a
tui_wait_for 'approve not offered: offline'
tui_keys F5
tui_wait_for 'offline mode: sync is disabled'
tui_keys 4
tui_wait_for 'ID +CREATED +STATUS +AMOUNT +PARENT'
tui_keys r
tui_wait_for 'refund not offered: offline'
# no dialog ever opened
tui_screen | grep -q 'will send:' && tui_fail "a dialog opened offline"
tui_keys q y
status=$(tui_wait_exit 10)
[ "$status" = 0 ] || tui_fail "offline desk exited with $status"

# read-only, against the cache again (still offline: nothing to change)
tmux -L "$TUI_SOCK" kill-server
tui_start_desk --offline --read-only
tui_wait_for 'READ-ONLY'
tui_wait_for 'ID +CREATED +TYPE +STATUS'
tui_keys r
tui_wait_for 'refund: read-only mode, no action is offered'
tui_keys 2 x
tui_wait_for 'reject: read-only mode'
tui_keys q y
status=$(tui_wait_exit 10)
[ "$status" = 0 ] || tui_fail "read-only desk exited with $status"

# a keymap file from the config: the help shows the live bindings
printf 'bind n down\nunbind j\nbind Q quit\n' >"$TUI_TMP/keys"
tui_config "keymap = $TUI_TMP/keys"
tmux -L "$TUI_SOCK" kill-server
tui_start_desk --offline
tui_wait_for 'ID +CREATED +TYPE +STATUS'
tui_keys '?'
tui_wait_for 'Down n +down'
tui_screen | grep -Eq '^ *j Down +down' && tui_fail "j is still bound"
tui_wait_for 'q Q +quit'
tui_keys Q Q y
status=$(tui_wait_exit 10)
[ "$status" = 0 ] || tui_fail "remapped desk exited with $status"
# a broken keymap stops the desk with the line, before the screen
printf 'bind j\n' >"$TUI_TMP/keys"
tmux -L "$TUI_SOCK" kill-server
tui_start_desk --offline
status=$(tui_wait_exit 10)
[ "$status" != 0 ] || tui_fail "a broken keymap was accepted"
grep -q 'keys: line 1' "$TUI_TMP/desk.err" ||
  tui_fail "no line number: $(cat "$TUI_TMP/desk.err")"
tui_log ok
