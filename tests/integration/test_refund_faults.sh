#!/usr/bin/env bash
# Refunds whose answer is lost never become two refunds. Against a sandbox
# that honours Idempotency-Key and against one that ignores it (like the
# real conomy_hq API):
#   - commitThenDrop on the refund POST: the server committed it, the desk
#     sees a dropped connection, reconciles and reports success; exactly one
#     refund in the ledger;
#   - the same, with the reconciling reads dropped too: the action stays
#     `unknown` (exit 3, listed by `outbox list`), and a later `sync`
#     reconciles it to succeeded, still exactly one refund;
#   - a plain drop (closed before any state change): the desk finds no
#     refund and resends once with the same idempotency key; exactly one;
#   - the desk killed (-9) while its refund is in flight: the entry stays
#     open and the next sync settles it; exactly one;
#   - 500/503 (not executed) and a truncated answer (executed): exactly one;
#     429: nothing executed, nothing left open, a later attempt makes one.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/engine_lib.sh"

# parents N: N SETTLED non-refund payments without any refund yet.
parents() {
  local want=$1 n=0 p
  for p in $(sb_get "/payments?status=SETTLED&limit=200" |
             jq -r '.results[] | select(.type != "REFUND") | .id'); do
    if sb_get "/payments/$p/refund" | jq -e '.refunds | length == 0' >/dev/null; then
      echo "$p"
      n=$((n + 1))
      [ "$n" -lt "$want" ] || return 0
    fi
  done
  fail "fewer than $want refundable payments"
}

# refunds_of P: refund children the sandbox holds for P, and refund.create
# entries its ledger executed for P; both must be 1.
exactly_one_refund() {
  local p=$1 what=$2 children executed
  children=$(sb_get "/payments/$p/refund" | jq '.refunds | length')
  executed=$(admin_get "/_admin/ledger?action=refund.create" |
    jq --arg p "$p" '[.entries[] | select(.detail == $p or .path == "/payments/\($p)/refund")] | length')
  [ "$children" = 1 ] || fail "$what: $children refunds of $p in the sandbox"
  [ "$executed" = 1 ] || fail "$what: $executed refund.create entries for $p in the ledger"
}

outbox_state() {
  sql "$CONOMY_CACHE" "SELECT state FROM outbox WHERE payment_id = '$1' ORDER BY id DESC LIMIT 1"
}

once() { # once FAULT METHOD PATH COUNT -> one rule as JSON
  printf '{"fault":"%s","method":"%s","pathPrefix":"%s","count":%d}' "$@"
}

scenarios() {
  local mode=$1 p1 p2 p3
  desk sync >/dev/null
  read -r p1 p2 p3 p4 p5 p6 p7 p8 <<<"$(parents 8 | tr '\n' ' ')"

  # 1. committed, then the connection dropped.
  admin_post /_admin/faults "{\"once\":[$(once commitThenDrop POST "/payments/$p1/refund" 1)]}" >/dev/null
  expect_exit 0 desk refund --amount 1 "$p1" --yes
  exactly_one_refund "$p1" "$mode commitThenDrop"
  [ "$(outbox_state "$p1")" = succeeded ] || fail "$mode: outbox is $(outbox_state "$p1")"
  [ "$(desk --offline outbox list --json | jq length)" = 0 ] || fail "$mode: outbox not empty"
  desk --offline activity --json |
    jq -e --arg p "$p1" '[.[] | select(.paymentId == $p and .action == "refund")] | (map(.outcome) | index("unknown")) != null and .[0].outcome == "succeeded"' >/dev/null ||
    fail "$mode: activity does not show unknown then succeeded for $p1"

  # 2. committed, dropped, and the reconciling reads fail as well.
  admin_post /_admin/faults "{\"once\":[$(once commitThenDrop POST "/payments/$p2/refund" 1),$(once drop GET "/payments/$p2" 200)]}" >/dev/null
  expect_exit 3 desk refund --amount 1 "$p2" --yes
  grep -qi unknown <<<"$ERR" || fail "$mode: unknown outcome not reported: $ERR"
  [ "$(desk --offline outbox list --json | jq -r --arg p "$p2" '[.[] | select(.paymentId == $p or .payment_id == $p)] | length')" = 1 ] ||
    fail "$mode: outbox list does not show the open refund: $(desk --offline outbox list --json)"
  [ "$(outbox_state "$p2")" = unknown ] || fail "$mode: outbox is $(outbox_state "$p2"), want unknown"
  desk --offline outbox list >"$T/outbox.txt"
  grep -q unknown "$T/outbox.txt" || fail "$mode: outbox list: $(cat "$T/outbox.txt")"
  admin_post /_admin/faults '{}' >/dev/null
  exactly_one_refund "$p2" "$mode before reconciling"
  desk sync >/dev/null || fail "$mode: sync after the unknown refund failed"
  [ "$(outbox_state "$p2")" = succeeded ] || fail "$mode: after sync the outbox is $(outbox_state "$p2")"
  [ "$(desk --offline outbox list --json | jq length)" = 0 ] || fail "$mode: outbox not empty after sync"
  exactly_one_refund "$p2" "$mode after sync"
  desk --offline refunds list --parent "$p2" --json | jq -e 'length == 1' >/dev/null ||
    fail "$mode: the cache does not hold the one refund of $p2"

  # 3. dropped before any state change, with no answer at all: the request
  # may still be running on the server, so the desk does not resend it at
  # once (exit 3, unknown). Once the grace period after the send has passed
  # (1.5 x request_timeout, 1 s here), the next sync finds no refund on the
  # server and resends it once, with the same key.
  admin_post /_admin/faults "{\"once\":[$(once drop POST "/payments/$p3/refund" 1)]}" >/dev/null
  expect_exit 3 desk refund --amount 1 "$p3" --yes
  grep -q "resent only if it did not happen" <<<"$ERR" || fail "$mode drop: $ERR"
  [ "$(outbox_state "$p3")" = unknown ] || fail "$mode drop: entry is $(outbox_state "$p3")"
  [ "$(sb_get "/payments/$p3/refund" | jq '.refunds | length')" = 0 ] ||
    fail "$mode drop: a refund exists although the request was dropped"
  # A sync right away leaves it alone (still within the grace period).
  desk sync >/dev/null 2>&1 || true
  [ "$(outbox_state "$p3")" = unknown ] || fail "$mode drop: resent within the grace period"
  # After the grace period: the outbox's clock moved ahead (a test hook).
  CONOMY_TEST_CLOCK_SKEW_MS=46000 desk sync >/dev/null ||
    fail "$mode drop: the sync after the grace period failed"
  [ "$(outbox_state "$p3")" = succeeded ] || fail "$mode drop: after the grace period it is $(outbox_state "$p3")"
  exactly_one_refund "$p3" "$mode drop"
  key=$(sql "$CONOMY_CACHE" "SELECT idempotency_key FROM outbox WHERE payment_id = '$p3'")
  lkey=$(admin_get "/_admin/ledger?action=refund.create" |
    jq -r --arg p "$p3" '[.entries[] | select(.detail == $p or .path == "/payments/\($p)/refund")][0].idempotencyKey')
  # (a sandbox that ignores keys records none)
  if [ "$mode" = idempotent ]; then
    [ -n "$key" ] && [ "$key" = "$lkey" ] ||
      fail "$mode: the resend did not carry the outbox's key ($key vs $lkey)"
  fi
  [ "$(admin_get /_admin/faults | jq '.once | length')" = 0 ] ||
    fail "$mode: the drop rule was not consumed (no first attempt?)"

  # 4. the desk itself dies (kill -9) while the refund is in flight: the
  # entry stays open, and the next sync settles it without a second refund.
  admin_post /_admin/faults "{\"latencyMs\":3000,\"match\":{\"method\":\"POST\",\"pathPrefix\":\"/payments/$p4/refund\"}}" >/dev/null
  "$DESK" refund --amount 1 "$p4" --yes >/dev/null 2>&1 &
  local pid=$!
  sent() { [ "$(outbox_state "$p4")" = sent ]; }
  wait_until 20 sent || fail "$mode: the refund was never sent ($(outbox_state "$p4"))"
  sleep 0.3
  kill -9 "$pid" 2>/dev/null || fail "$mode: the refund finished before the kill"
  wait "$pid" 2>/dev/null || true
  [ "$(desk --offline outbox list --json | jq length)" = 1 ] ||
    fail "$mode: the interrupted refund is not open in the outbox"
  integrity_ok "$CONOMY_CACHE" || fail "$mode: cache damaged by the kill"
  # Let the sandbox finish the request the desk abandoned (it executes it
  # after the latency, answering nobody), so the sync reconciles, not races.
  executed() { [ "$(sb_get "/payments/$p4/refund" | jq '.refunds | length')" = 1 ]; }
  wait_until 10 executed || true
  admin_post /_admin/faults '{}' >/dev/null
  note "$mode: $(sb_get "/payments/$p4/refund" | jq '.refunds | length') refund(s) on the server after the kill"
  desk sync >/dev/null || fail "$mode: sync after the killed refund failed"
  [ "$(outbox_state "$p4")" = succeeded ] || fail "$mode: after sync the killed refund is $(outbox_state "$p4")"
  exactly_one_refund "$p4" "$mode killed desk"

  # 5. a 500 or 503 instead of an answer (not executed), or an answer cut in
  # half (executed): never blindly resent, exactly one refund either way.
  local f pp
  for f in 500:$p5 503:$p6 truncate:$p7; do
    pp=${f#*:}
    admin_post /_admin/faults "{\"once\":[$(once "${f%%:*}" POST "/payments/$pp/refund" 1)]}" >/dev/null
    expect_exit 0 desk refund --amount 1 "$pp" --yes
    exactly_one_refund "$pp" "$mode ${f%%:*}"
    # The desk shows the refund it made, without a sync.
    desk --offline refunds list --parent "$pp" --json | jq -e 'length == 1' >/dev/null ||
      fail "$mode ${f%%:*}: the refund of $pp is not in the cache"
  done
  # 6. 429 on the refund: not executed; the desk reports it and keeps
  # nothing open, and a later attempt goes through once.
  admin_post /_admin/faults "{\"retryAfterSeconds\":1,\"once\":[$(once 429 POST "/payments/$p8/refund" 1)]}" >/dev/null
  set +e; desk refund --amount 1 "$p8" --yes >/dev/null 2>"$T/429.err"; rc=$?; set -e
  [ "$rc" != 0 ] || [ "$(sb_get "/payments/$p8/refund" | jq '.refunds | length')" = 1 ] ||
    fail "$mode: 429 reported success without a refund"
  if [ "$rc" != 0 ]; then
    grep -qi 'rate\|429' "$T/429.err" || fail "$mode: 429 message: $(cat "$T/429.err")"
    [ "$(sb_get "/payments/$p8/refund" | jq '.refunds | length')" = 0 ] || fail "$mode: 429 yet refunded"
    [ "$(desk --offline outbox list --json | jq length)" = 0 ] || fail "$mode: 429 left an open action"
    # The same refund again within 10 minutes is refused, naming the
    # earlier one, until it is asked for explicitly.
    set +e; desk refund --amount 1 "$p8" --yes >/dev/null 2>"$T/dup.err"; rc=$?; set -e
    [ "$rc" = 5 ] || fail "$mode: an identical refund right after exited $rc, want 5"
    grep -q 'identical refund of 1[.0]* [A-Z]* .*outbox #[0-9]*, failed.*--again' "$T/dup.err" ||
      fail "$mode: duplicate message: $(cat "$T/dup.err")"
    [ "$(sb_get "/payments/$p8/refund" | jq '.refunds | length')" = 0 ] || fail "$mode: duplicate refused yet refunded"
    expect_exit 0 desk refund --amount 1 "$p8" --yes --again
  fi
  exactly_one_refund "$p8" "$mode 429"
  note "ok: $mode"
}

start_sandbox --demo-data 300 --seed 31 --quiet --settle-delay-ms 600000
scenarios idempotent
stop_sandbox

export CONOMY_CACHE="$T/desk2.db"
start_sandbox --demo-data 300 --seed 32 --quiet --no-idempotency --settle-delay-ms 600000
scenarios no-idempotency
