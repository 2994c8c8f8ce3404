#!/usr/bin/env bash
# At 200x60 the lists use the room: ids (and parent ids) and account
# numbers are shown whole, not cut to the 10 characters of 120 columns.
set -u
. "$(dirname "$0")/lib.sh"

TUI_W=200
TUI_H=60
tui_setup
tui_start_sandbox 100 --seed 9
tui_api_login
acct=$(tui_api "/payments?limit=100" | jq -r '[.results[] | select(.accountNumber != null)][0].accountNumber')
[ -n "$acct" ] && [ "$acct" != null ] || tui_fail "no payment with an account"
tui_start_desk
tui_wait_for 'synced [0-9]+[smh] ago' 30
tui_wait_for '^\[1 Payments [1-9]' 30
tui_wait_for '^ID {20,}CREATED'
tui_wait_for '^[0-9a-f]{24} '
first=$(tui_screen | grep -A1 -E '^ID +CREATED' | tail -1 | awk '{print $1}')
[[ $first =~ ^[0-9a-f]{24}$ ]] || tui_fail "the id is cut at 200 columns: '$first'"
tui_api "/payments/$first" | jq -e .id >/dev/null || tui_fail "$first is not a payment id"
tui_keys /
tui_type "account:$acct"
tui_keys Enter
tui_wait_for "$acct"
tui_keys 4
tui_wait_for 'PARENT'
parent=$(tui_screen | grep -A1 -E '^ID +CREATED' | tail -1 | awk '{print $7}')
[[ $parent =~ ^[0-9a-f]{24}$ ]] || tui_fail "the parent id is cut: '$parent'"
tui_keys q y
tui_wait_exit 10 >/dev/null
tui_log ok
