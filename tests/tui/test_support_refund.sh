#!/usr/bin/env bash
# Support journey: find a payment by customer name with the live `/`
# filter, refund part of it through the dialog (Cancel is the default
# button; the request is shown before sending), see the refund in the
# Refunds pane, and the new maxRefundable in the payment's detail; the
# sandbox holds exactly that refund.
set -u
. "$(dirname "$0")/lib.sh"

tui_setup
tui_start_sandbox 300 --seed 5 --settle-delay-ms 86400000
tui_config "confirm_over = 1000000000"
tui_api_login

# pick a settled purchase with a plain customer name and no refund yet
# (the customer name is the rail's customer snapshot: "First Last")
parents=$(tui_api "/payments?type=REFUND&limit=500" |
  jq -c '[.results[].parentPaymentId]') || tui_fail "cannot list refunds"
# per customer, newest first (the desk's order); take the customer whose
# first refund-free payment is nearest the top, and remember how far down
row=$(tui_api "/payments?status=SETTLED&type=PURCHASE&limit=500" |
  jq -c --argjson parents "$parents" '
  [.results[]
   | .name = ([.origins[]? | .[]? | objects | .customer? | objects
               | "\(.firstName) \(.lastName)"][0] // "")
   | select(.name | test("^[A-Za-z]+ [A-Za-z]+$"))]
  | group_by(.name)
  | map(sort_by(.createdAt) | reverse | to_entries
        | map(select(.value.id as $i | $parents | index($i) | not))
        | .[0] | select(. != null) | .value + {down: .key})
  | sort_by(.down) | .[0]') ||
  tui_fail "cannot list payments"
id=$(jq -r '.id // empty' <<<"$row")
down=$(jq -r '.down // 0' <<<"$row")
name=$(jq -r .name <<<"$row")
total=$(jq -r .totalAmount <<<"$row")
cur=$(jq -r .currency <<<"$row")
[ -n "$id" ] || tui_fail "no settled purchase without refunds in the demo data"
tui_log "refunding 1 of $total $cur on $id ($name)"

tui_start_desk
tui_wait_for '[0-9]+ payments' 30
tui_wait_for 'synced [0-9]+[smh] ago' 30

# the name, narrowed to settled purchases: the newest one is ours
tui_keys /
tui_type "status:SETTLED type:PURCHASE $name"
tui_keys Enter
tui_wait_for "filter: status:SETTLED type:PURCHASE $name"
short=$(tui_short "$id")
tui_screen | sed -n "$((5 + down))p" | grep -q "^$short" ||
  tui_fail "row $((down + 1)) is not $short"
for _ in $(seq 1 "$down"); do tui_keys j; done

# the dialog: Enter alone would cancel; fill amount and reason, then Send
tui_keys r
tui_wait_for "Refund payment $id"
tui_wait_for 'maxRefundable'
tui_wait_for "POST /payments/$id/refund"
tui_keys Tab C-u
tui_type 1
tui_keys Tab
tui_type 'ticket 4711'
tui_wait_flat '{"amount":"1","reason":"ticket 4711"}'
tui_keys Tab Tab Enter
tui_wait_for 'refund (queued|succeeded)'
# the outcome is announced on the bottom line when the worker is done
tui_wait_for "refund succeeded \\(payment ${id: -8}\\)" 30

# the sandbox has the refund; the Refunds pane shows it under its parent
for _ in $(seq 1 100); do
  n=$(tui_api "/payments?parentPaymentId=$id&type=REFUND" | jq '.results | length')
  [ "$n" = 1 ] && break
  sleep 0.2
done
[ "$n" = 1 ] || tui_fail "the sandbox has $n refunds of $id"
amt=$(tui_api "/payments?parentPaymentId=$id&type=REFUND" |
  jq -r '.results[0].totalAmount')
python3 -c 'import decimal, sys; sys.exit(decimal.Decimal(sys.argv[1]) != 1)' \
  "$amt" || tui_fail "the refund is $amt, not 1"
max=$(python3 -c 'import decimal, sys; print(decimal.Decimal(sys.argv[1]) - 1)' \
  "$total")
tui_keys 4
tui_wait_for "REFUND|ID +CREATED +STATUS"
tui_wait_for "$short " 30

# the parent's detail shows the new maxRefundable (grouped, as displayed)
shown=$(python3 -c 'import sys
i, _, f = sys.argv[1].partition(".")
print(f"{int(i):,}" + ("." + f if f else ""))' "$max")
tui_keys 1 Enter
tui_wait_for "Payments > Payment $id"
tui_wait_for "maxRefundable +$shown $cur" 30
tui_log "maxRefundable is now $shown $cur"

# the Activity pane has the outcome
tui_keys 6
tui_wait_for "refund +(succeeded|confirmed|sent)"
tui_keys q y
status=$(tui_wait_exit 10)
[ "$status" = 0 ] || tui_fail "exit status $status"
tui_log ok
