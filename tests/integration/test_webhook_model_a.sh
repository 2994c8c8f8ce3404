#!/usr/bin/env bash
# Model A webhooks end to end: the sandbox in the published dialect signs
# {"event":"Transaction.Captured","data":{"transaction":{...}},"signature"}
# with the signature in the body (docs/SANDBOX.md, "Model A webhooks");
# `conomy-desk listen` verifies and applies it, and refuses a tampered one
# with 401, changing nothing.
#   1. A capture made while the listener runs: the sandbox's own Model A
#      delivery is accepted (DELIVERED, 2xx) and the cache follows.
#   2. A delivery the sandbox signed while nobody listened, replayed on its
#      own (its Model B twin is not retried yet: sandbox time runs 100 times
#      slower than real time here), moves the payment in the cache; the same
#      body tampered (status, or another payment's id) is 401 and changes
#      nothing.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/engine_lib.sh"

S="whsec-$RANDOM$RANDOM-model-a"
port=$(free_port)
hook="http://127.0.0.1:$port/hook"
SANDBOX_DIALECT=published start_sandbox --demo-data 200 --seed 52 --quiet \
  --webhook-url "$hook" --webhook-secret "$S" --time-scale 0.01
expect_exit 0 desk sync
db=$CONOMY_CACHE

# capture_one [EXCEPT]: capture the first CREATED payment the sandbox
# agrees to capture (some belong to inactive customers); prints its id.
capture_one() {
  local c
  for c in $(desk --offline payments list status:CREATED --json |
             jq -r '.[] | select(.type != "TOPUP_ACCOUNT" and .type != "LOCAL_DEPOSIT") | .id'); do
    [ "$c" != "${1:-}" ] || continue
    if sb_post "/payments/$c/captured" '{}' | jq -e '.status == "CAPTURED"' >/dev/null; then
      echo "$c"
      return 0
    fi
  done
  return 1
}
# model_a ID [STATE]: the sandbox's Model A delivery for ID (its JSON body).
model_a() {
  admin_get "/_admin/webhooks?eventType=Transaction.Captured${2:+&state=$2}" |
    jq -c --arg id "$1" '[.deliveries[] | select(.objectId == $id)][0] // empty'
}
post() {
  curl -sS -o /dev/null -w '%{http_code}' -X POST "$hook" \
    -H 'Content-Type: application/json' -d "$1"
}
status_of() { sql "$db" "SELECT status FROM payments WHERE id = '$1'"; }
row() { sql "$db" "SELECT status, updated_at, cached_at, raw_json FROM payments WHERE id = '$1'" | sha256sum; }
seen() { sql "$db" "SELECT count(*) FROM webhook_seen WHERE key LIKE '%$1%'"; }

# --- 2 (first half): a capture while nobody listens ---
id=$(capture_one) || fail "the sandbox captured no CREATED payment"
has_a() { [ -n "$(model_a "$id")" ]; }
wait_until 10 has_a || fail "no Model A delivery for $id: $(admin_get /_admin/webhooks | jq -c '[.deliveries[].eventType] | unique')"
body=$(model_a "$id" | jq -c .body)
jq -e '.event == "Transaction.Captured" and (.signature | test("^[0-9a-f]{64}$"))
       and .data.transaction.status == "CAPTURED"' <<<"$body" >/dev/null ||
  fail "not a Model A body: $body"
[ "$(status_of "$id")" = CREATED ] || fail "$id moved before any delivery"

CONOMY_WEBHOOK_SECRET=$S "$DESK" listen --addr "127.0.0.1:$port" \
  >"$T/listen.out" 2>"$T/listen.err" &
_pids+=("$!")
wait_until 10 grep -q listening "$T/listen.out" ||
  fail "listener did not start: $(cat "$T/listen.err")"

# --- 1: the sandbox delivers to the running listener ---
id2=$(capture_one "$id") || fail "no second capture"
delivered() { [ -n "$(model_a "$id2" DELIVERED)" ]; }
wait_until 10 delivered ||
  fail "the Model A delivery for $id2 was not accepted: $(model_a "$id2" | jq -c '{state, attempts, lastHttpStatus}')"
moved2() { [ "$(status_of "$id2")" = CAPTURED ]; }
wait_until 5 moved2 || fail "$id2 is $(status_of "$id2") in the cache"
note "the sandbox's Model A delivery for $id2 was accepted and applied"

# --- 2: tampered copies of the undelivered one: 401, nothing changes ---
[ "$(status_of "$id")" = CREATED ] || fail "$id moved before its delivery (Model B retried?)"
before=$(row "$id")
failed=$(jq -c '.event = "Transaction.Failed" | .data.transaction.status = "FAILED"' <<<"$body")
[ "$(post "$failed")" = 401 ] || fail "a tampered status was not 401"
other=$(first_id '.status == "CREATED" and .id != "'"$id"'" and .id != "'"$id2"'"')
[ -n "$other" ] || fail "no other CREATED payment"
before_other=$(row "$other")
moved=$(jq -c --arg o "$other" '.data.transaction.id = $o' <<<"$body")
[ "$(post "$moved")" = 401 ] || fail "a delivery moved to another payment was not 401"
unsigned=$(jq -c 'del(.signature)' <<<"$body")
[ "$(post "$unsigned")" = 401 ] || fail "a Model A body without its signature was not 401"
spaced=$(jq '.' <<<"$body") # same members, other bytes: what is signed is the compact form
[ "$(row "$id")" = "$before" ] || fail "a tampered delivery changed $id"
[ "$(row "$other")" = "$before_other" ] || fail "a tampered delivery changed $other"
[ "$(seen "$id")" = 0 ] && [ "$(seen "$other")" = 0 ] ||
  fail "a tampered delivery was remembered"

# --- 2: the genuine one, on its own, moves the payment ---
code=$(post "$body")
case "$code" in 2??) ;; *) fail "the sandbox's own Model A body answered $code" ;; esac
moved1() { [ "$(status_of "$id")" = CAPTURED ]; }
wait_until 5 moved1 || fail "$id is $(status_of "$id") after its Model A delivery"
[ "$(sql "$db" "SELECT count(*) FROM webhook_seen WHERE key = 'Transaction.Captured|$id|CAPTURED'")" = 1 ] ||
  fail "the Model A delivery was not remembered under its key: $(sql "$db" "SELECT key FROM webhook_seen WHERE key LIKE '%$id%'")"
[ -z "$(model_a "$id" DELIVERED)" ] || fail "the sandbox delivered $id itself: the test proved nothing"
# and its pretty-printed twin is the same event: verified, a duplicate
code=$(post "$spaced")
case "$code" in 2??) ;; *) fail "the same Model A event, pretty-printed, answered $code" ;; esac
integrity_ok "$db" || fail "cache damaged"
note "ok"
