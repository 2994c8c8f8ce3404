#!/usr/bin/env bash
# The `/` filter: Enter on a filter that does not parse keeps the prompt
# open with the typed text and the reason, and leaves the filter from
# before `/` in force (never a prefix that happened to parse while
# typing); a new filter starts at its first row, so an action key acts on
# the payment shown first, not on whatever sits at the old cursor row.
set -u
. "$(dirname "$0")/lib.sh"

tui_setup
tui_start_sandbox 200 --seed 23
tui_start_desk
tui_wait_for 'synced [0-9]+[smh] ago' 30
tui_wait_for 'ID +CREATED +TYPE +STATUS'

bottom() { tui_screen | tail -1; }

# 1. a bad filter on Enter
tui_keys /
tui_type 'status:SET'
tui_keys Enter
tui_wait_for 'filter: .*SET'
bottom | grep -q '^/status:SET' || tui_fail "the prompt closed: $(bottom)"
tui_screen | grep -q 'filter: status *$' && tui_fail "a filter nobody typed is in force"
tui_screen | grep -Eq 'filter: status( |$)' && tui_fail "a prefix filter is in force"
tui_keys Escape
tui_wait_for 'Enter open'
tui_keys /
sleep 0.3
[ "$(bottom | sed 's/ *$//')" = "/" ] || tui_fail "/ reopened with '$(bottom)'"
tui_keys Escape
tui_wait_for 'Enter open'

# 2. a new filter starts at its first row (or stays on the selected
# payment when it still matches)
tui_keys g j j j
sleep 0.3
row4=$(tui_screen | grep -A4 -E '^ID +CREATED' | tail -1)
tui_keys /
tui_type 'status:CAPTURED'
tui_keys Enter
tui_wait_for 'filter: status:CAPTURED'
first=$(tui_screen | grep -A1 -E '^ID +CREATED' | tail -1 | awk '{print $1}')
[ -n "$first" ] || tui_fail "no first row"
want=$first
if grep -q ' CAPTURED ' <<<"$row4"; then
  want=$(awk '{print $1}' <<<"$row4")
fi
tui_log "fourth row before: $row4; expecting $want"
tui_keys Enter
tui_wait_for 'Payments > Payment '
tui_screen | grep -q "Payments > Payment [0-9a-f]*$want" ||
  tui_fail "Enter opened another payment than $want"
tui_keys q
tui_wait_gone 'Payments > Payment '
tui_keys q y
status=$(tui_wait_exit 10)
[ "$status" = 0 ] || tui_fail "exit status $status"
tui_log ok
