#!/usr/bin/env bash
# Unassigned journey: the topup closest to expiry is assigned from the
# Unassigned pane to an account of its currency, with an expected amount
# one unit above what was received; the dialog shows UNDERPAID before
# sending; the sandbox settles it and creates the companion child, which
# then appears in the desk, linked to its parent.
set -u
. "$(dirname "$0")/lib.sh"

tui_setup
tui_start_sandbox 200 --seed 21
tui_config "confirm_over = 1000000000"
tui_api_login

row=$(tui_api "/payments?type=TOPUP_ACCOUNT&status=CREATED&limit=500" | jq -c '
  [.results[] | select((.accountNumber // "") == "" and .expiresAt != null)]
  | sort_by(.expiresAt) | .[0]')
[ -n "$row" ] && [ "$row" != null ] || tui_fail "no unassigned topup in the demo data"
id=$(jq -r .id <<<"$row")
total=$(jq -r .totalAmount <<<"$row")
cur=$(jq -r .currency <<<"$row")
expected=$(python3 -c 'import decimal, sys; print(decimal.Decimal(sys.argv[1]) + 1)' "$total")
tui_api "/accounts?limit=500" | jq -e --arg c "$cur" \
  '[(.results // .pagination.results)[] | select(.currency == $c)] | length > 0' >/dev/null ||
  tui_fail "no $cur account to assign to"
tui_log "assigning $id ($total $cur) expecting $expected"

tui_start_desk
tui_wait_for '5 Unassigned [1-9]' 30
tui_keys 5
tui_wait_for 'LEFT +ID +CREATED +AMOUNT'
short=$(tui_short "$id")
tui_screen | sed -n 3p | grep -q "$short " || tui_fail "first row is not $id"

tui_keys s
tui_wait_for "Assign payment $id"
tui_wait_for "account \* +< [^ ]+  $cur "
tui_keys Tab Tab
tui_type "$expected"
tui_wait_for "outcome: UNDERPAID by 1(\.0+)? $cur"
tui_wait_flat "\"expectedAmount\":\"$expected\""
tui_keys Tab Enter
tui_wait_for 'assign (queued|succeeded)'
tui_wait_gone "$short " 30

for _ in $(seq 1 50); do
  st=$(tui_api "/payments/$id" | jq -r .status)
  [ "$st" = SETTLED ] && break
  sleep 0.2
done
[ "$st" = SETTLED ] || tui_fail "$id is $st after the assign"
child=$(tui_api "/payments/$id" | jq -r .relatedPaymentId)
[ -n "$child" ] && [ "$child" != null ] || tui_fail "no companion child"
camt=$(tui_api "/payments/$child" | jq -r .totalAmount)
python3 -c 'import decimal, sys; sys.exit(decimal.Decimal(sys.argv[1]) != 1)' \
  "$camt" || tui_fail "companion child is $camt, not 1"
tui_log "companion child $child ($camt $cur)"

# the child shows up in the desk, and links back to its parent
tui_keys 1 /
tui_type "$child"
tui_keys Enter
tui_wait_for "(^| )$(tui_short "$child") " 30
tui_keys Enter
tui_wait_for "Payments > Payment $child"
tui_wait_for "(related|parent) +> $id"
tui_keys q q y
status=$(tui_wait_exit 10)
[ "$status" = 0 ] || tui_fail "exit status $status"
tui_log ok
