#!/usr/bin/env bash
# One user, two sessions, one cache, and a server that is slow and has no
# idempotency keys, like the real API (slow_refund_api.py: a refund is
# created 3 s after its request arrives). While session A's refund is still
# being processed by the server:
#   1. session B runs `sync`: it does not take A's action for abandoned and
#      send it again; exactly one refund, and A reports it;
#   2. session B runs `outbox cancel`: refused, the refund may be running;
#   3. session A dies (kill -9) and B syncs at once: still no resend while
#      the request may be running; after the grace period (1.5 x
#      request_timeout) the next sync finds the refund and settles it.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/engine_lib.sh"

python3 "$(dirname "$0")/slow_refund_api.py" --delay 3 >"$T/fake.out" &
_pids+=("$!")
wait_until 10 test -s "$T/fake.out" || fail "slow API did not start"
port=$(head -n 1 "$T/fake.out")
export CONOMY_BASE_URL="http://127.0.0.1:$port/sandbox"
export CONOMY_API_KEY=k CONOMY_CLIENT_ID=c CONOMY_CLIENT_SECRET=s
refunds() { curl -fsS "http://127.0.0.1:$port/_refunds"; }
made_for() { desk --offline refunds list --parent "$1" --json | jq length; }
outbox_state() {
  sql "$CONOMY_CACHE" "SELECT state FROM outbox WHERE payment_id = '$1' ORDER BY id DESC LIMIT 1"
}
in_flight() { refunds | jq -e '.inFlight == 1'; }
settled() { refunds | jq -e '.inFlight == 0'; }

desk sync >/dev/null
mapfile -t ids < <(desk --offline payments list --json | jq -r '.[].id')
[ "${#ids[@]}" -ge 3 ] || fail "the slow API served too few payments"

# start_refund P: session A refunds 1 of P; returns once the request is on
# the server (not yet executed). Sets APID.
start_refund() {
  "$DESK" refund --amount 1 "$1" --yes >"$T/a.out" 2>"$T/a.err" &
  APID=$!
  wait_until 10 in_flight || fail "the refund of $1 never reached the server: $(cat "$T/a.err")"
}

# --- 1. a sync in session B while A's refund is in flight ---
p=${ids[0]}
before=$(refunds | jq .created)
start_refund "$p"
desk sync >/dev/null 2>"$T/b.err" || true
set +e; wait "$APID"; arc=$?; set -e
wait_until 15 settled || fail "requests still in flight"
made=$(($(refunds | jq .created) - before))
[ "$made" = 1 ] || fail "$made refunds for one request: session B resent A's in-flight refund"
[ "$arc" = 0 ] || fail "session A's refund exited $arc: $(tail -n 1 "$T/a.err")"
[ "$(outbox_state "$p")" = succeeded ] || fail "1: the entry is $(outbox_state "$p")"

# --- 2. cancelling it from session B while it is in flight ---
p=${ids[1]}
before=$(refunds | jq .created)
start_refund "$p"
oid=$(sql "$CONOMY_CACHE" "SELECT id FROM outbox WHERE payment_id = '$p'")
expect_exit 5 desk outbox cancel "$oid"
grep -qi 'running' <<<"$ERR" || fail "cancel of an in-flight refund: $ERR"
set +e; wait "$APID"; arc=$?; set -e
wait_until 15 settled || fail "requests still in flight"
[ "$arc" = 0 ] || fail "session A's refund exited $arc after B's cancel"
[ $(($(refunds | jq .created) - before)) = 1 ] || fail "2: not exactly one refund"
[ "$(outbox_state "$p")" = succeeded ] ||
  fail "2: the entry says $(outbox_state "$p") for a refund that was made"

# --- 3. session A dies; B syncs at once, then after the grace period ---
p=${ids[2]}
before=$(refunds | jq .created)
start_refund "$p"
kill -9 "$APID"
wait "$APID" 2>/dev/null || true
desk sync >/dev/null 2>"$T/b.err" || true
wait_until 15 settled || fail "requests still in flight"
made=$(($(refunds | jq .created) - before))
[ "$made" = 1 ] || fail "3: $made refunds after A died with its request in flight"
# After the grace period (45 s by default): the outbox's clock is moved
# ahead instead of waiting (CONOMY_TEST_CLOCK_SKEW_MS, a test hook).
CONOMY_TEST_CLOCK_SKEW_MS=46000 desk sync >/dev/null ||
  fail "3: sync after the grace period failed"
[ "$(outbox_state "$p")" = succeeded ] || fail "3: after the grace period the entry is $(outbox_state "$p")"
[ $(($(refunds | jq .created) - before)) = 1 ] || fail "3: a second refund after the grace period"
[ "$(made_for "$p")" = 1 ] || fail "3: the cache does not show the one refund"
[ "$(desk --offline outbox list --json | jq length)" = 0 ] || fail "an action was left open"
note "ok"
