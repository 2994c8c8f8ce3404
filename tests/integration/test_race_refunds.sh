#!/usr/bin/env bash
# Two desks refund the same payment at the same moment, for amounts that
# together exceed it. Whatever the interleaving, the sandbox never holds
# more (non-failed) refunds than the parent, exactly one desk wins, and the
# loser exits non-zero with a message that names maxRefundable or the
# conflict.
#   - two users: two separate cache files;
#   - one user in two SSH sessions: two processes on ONE cache file (the
#     loser may be refused locally, because an open refund exists, or
#     because the winner's identical refund is already in the outbox).
# Refund POSTs get 300 ms of latency so both requests are in flight at once.
#   - one user: a refund while another session syncs the same cache: the
#     sync never makes the refund command fail for a refund being made.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/engine_lib.sh"

start_sandbox --demo-data 300 --seed 41 --quiet \
  --faults '{"latencyMs":300,"match":{"method":"POST","pathPrefix":"/payments"}}'

# Refundable parents: SETTLED, not refunds, no refund yet.
: >"$T/parents"
for p in $(sb_get "/payments?status=SETTLED&limit=200" |
           jq -r '.results[] | select(.type != "REFUND") | .id'); do
  sb_get "/payments/$p/refund" | jq -e '.refunds | length == 0' >/dev/null &&
    echo "$p" >>"$T/parents"
  [ "$(wc -l <"$T/parents")" -lt 6 ] || break
done
[ "$(wc -l <"$T/parents")" -ge 6 ] || fail "too few refundable payments"

# share AMOUNT PERCENT: PERCENT of a decimal amount, same decimals, rounded up.
share() {
  python3 - "$1" "$2" <<'PY'
import decimal, sys
a = decimal.Decimal(sys.argv[1])
q = decimal.Decimal(1).scaleb(a.as_tuple().exponent)
print((a * int(sys.argv[2]) / 100).quantize(q, rounding=decimal.ROUND_UP))
PY
}

# sum of the non-failed refunds of P never exceeds P's amount.
check_parent() {
  local p=$1 total
  total=$(sb_get "/payments/$p" | jq -r .totalAmount)
  sb_get "/payments/$p/refund" >"$T/refunds.json"
  python3 - "$total" "$T/refunds.json" <<'PY' || fail "refunds of $1 exceed it: $(cat "$T/refunds.json")"
import decimal, json, sys
total = decimal.Decimal(sys.argv[1])
doc = json.load(open(sys.argv[2]))
live = [decimal.Decimal(r["totalAmount"]) for r in doc["refunds"]
        if r["status"] != "FAILED"]
if sum(live) > total:
    sys.exit(1)
if len(live) != 1:
    print("expected exactly one refund, got %d" % len(live), file=sys.stderr)
    sys.exit(1)
PY
}

# race P CACHE_A CACHE_B: both desks refund 60% of P at once.
race() {
  local p=$1 ca=$2 cb=$3 total amt
  total=$(sb_get "/payments/$p" | jq -r .totalAmount)
  amt=$(share "$total" 60)
  CONOMY_CACHE=$ca "$DESK" refund --amount "$amt" "$p" --yes >"$T/a.out" 2>"$T/a.err" &
  local pa=$!
  CONOMY_CACHE=$cb "$DESK" refund --amount "$amt" "$p" --yes >"$T/b.out" 2>"$T/b.err" &
  local pb=$!
  set +e
  wait "$pa"; local ra=$?
  wait "$pb"; local rb=$?
  set -e
  note "race on $p ($total, 2 x $amt): exits $ra and $rb"
  check_parent "$p"
  local loser_err
  if [ "$ra" = 0 ] && [ "$rb" != 0 ]; then
    loser_err=$(cat "$T/b.err"); LOSER_RC=$rb
  elif [ "$rb" = 0 ] && [ "$ra" != 0 ]; then
    loser_err=$(cat "$T/a.err"); LOSER_RC=$ra
  else
    fail "want exactly one winner, exits $ra/$rb: $(cat "$T/a.err" "$T/b.err")"
  fi
  # The error is one line (the preview of what would be sent comes first).
  loser_err=$(grep '^conomy-desk:' <<<"$loser_err" || true)
  [ "$(wc -l <<<"$loser_err")" = 1 ] || fail "want one error line: $loser_err"
  grep -Eqi 'maxRefundable|conflict|someone else|another refund|open refund|already|identical refund' <<<"$loser_err" ||
    fail "the loser's message names neither maxRefundable nor the conflict: $loser_err"
  LOSER_ERR=$loser_err
  note "  loser: $loser_err"
}

# --- two users, two caches ---
CONOMY_CACHE="$T/user1.db" desk sync >/dev/null
CONOMY_CACHE="$T/user2.db" desk sync >/dev/null
for p in $(sed -n 1,3p "$T/parents"); do
  race "$p" "$T/user1.db" "$T/user2.db"
  case "$LOSER_RC" in 4|5) ;; *) fail "two caches: loser exit $LOSER_RC, want 4 or 5: $LOSER_ERR" ;; esac
done
# Each desk's cache shows the winner's refund after its own refresh, and the
# loser left no open action behind.
for db in "$T/user1.db" "$T/user2.db"; do
  [ "$(CONOMY_CACHE=$db desk --offline outbox list --json | jq length)" = 0 ] ||
    fail "an open action was left in $db"
done

# --- one user, two sessions, one cache ---
for p in $(sed -n 4,6p "$T/parents"); do
  race "$p" "$T/user1.db" "$T/user1.db"
  case "$LOSER_RC" in 2|4|5) ;; *) fail "one cache: loser exit $LOSER_RC: $LOSER_ERR" ;; esac
done
# --- one user: a refund while another session syncs the same cache ---
# The sync settles open actions first; it must never make the refund
# command report a failure for a refund that is being made. (Logging in
# takes 300 ms here, as on a real network: the refund records its intent
# before it has a token, the sync looks at open actions once it has one.)
admin_post /_admin/faults '{"latencyMs":300,"match":{"method":"POST","pathPrefix":"/auth"}}' >/dev/null
n=0
for p in $(sb_get "/payments?status=SETTLED&limit=200" |
           jq -r '.results[] | select(.type != "REFUND") | .id'); do
  sb_get "/payments/$p/refund" | jq -e '.refunds | length == 0' >/dev/null || continue
  grep -qx "$p" "$T/parents" && continue
  n=$((n + 1))
  [ "$n" -le 6 ] || break
  CONOMY_CACHE="$T/user1.db" "$DESK" sync >/dev/null 2>&1 &
  spid=$!
  set +e
  CONOMY_CACHE="$T/user1.db" "$DESK" refund --amount 1 "$p" --yes >/dev/null 2>"$T/r.err"
  rc=$?
  set -e
  wait "$spid" || true
  made=$(sb_get "/payments/$p/refund" | jq '.refunds | length')
  [ "$made" -le 1 ] || fail "two refunds of $p"
  if [ "$made" = 1 ] && [ "$rc" != 0 ]; then
    fail "refund $p was made but the command exited $rc: $(tail -n 1 "$T/r.err")"
  fi
  [ "$rc" != 0 ] || [ "$made" = 1 ] || fail "refund $p exited 0 but nothing was made"
done
[ "$n" -ge 4 ] || fail "too few refundable payments for the sync race"
integrity_ok "$T/user1.db" || fail "shared cache damaged"
[ "$(CONOMY_CACHE="$T/user1.db" desk --offline outbox list --json | jq length)" = 0 ] ||
  fail "an open action was left in the shared cache"
note "ok"
