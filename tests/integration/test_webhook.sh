#!/usr/bin/env bash
# `conomy-desk listen` against the sandbox's real webhook deliveries:
#   - a capture made through the API shows in the cache within ~2 s, with
#     no sync;
#   - a delivery with a bad, missing or mismatched signature is 401 and
#     changes nothing in the cache;
#   - the same delivery twice (the sandbox's own, replayed, or one of ours)
#     is applied once.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/engine_lib.sh"

S="whsec-$RANDOM$RANDOM-test"
port=$(free_port)
hook="http://127.0.0.1:$port/hook"
start_sandbox --demo-data 200 --seed 51 --quiet \
  --webhook-url "$hook" --webhook-secret "$S"
desk sync >/dev/null
db=$CONOMY_CACHE

# The secret never comes from a flag, and a missing one is a config error;
# a secret file must be 0600, like the credentials.
expect_exit 8 env -u CONOMY_WEBHOOK_SECRET "$DESK" listen --addr "127.0.0.1:$port"
grep -q CONOMY_WEBHOOK_SECRET <<<"$ERR" || fail "missing secret: $ERR"
printf '%s\n' "$S" >"$T/wh.secret"
chmod 644 "$T/wh.secret"
expect_exit 8 env -u CONOMY_WEBHOOK_SECRET "$DESK" listen --addr "127.0.0.1:$port" --secret-file "$T/wh.secret"
grep -q 'chmod 600' <<<"$ERR" || fail "loose secret file: $ERR"
! grep -q "$S" <<<"$ERR" || fail "the secret was printed"
chmod 600 "$T/wh.secret"
port2=$(free_port)
env -u CONOMY_WEBHOOK_SECRET "$DESK" listen --addr "127.0.0.1:$port2" \
  --secret-file "$T/wh.secret" >"$T/listen2.out" 2>"$T/listen2.err" &
l2=$!
_pids+=("$l2")
wait_until 10 grep -q listening "$T/listen2.out" ||
  fail "listener with a 0600 secret file did not start: $(cat "$T/listen2.err")"
kill "$l2"

CONOMY_WEBHOOK_SECRET=$S "$DESK" listen --addr "127.0.0.1:$port" \
  >"$T/listen.out" 2>"$T/listen.err" &
_pids+=("$!")
wait_until 10 grep -q listening "$T/listen.out" ||
  fail "listener did not start: $(cat "$T/listen.err")"

sign() { python3 -c 'import hmac,hashlib,sys; print(hmac.new(sys.argv[1].encode(), sys.argv[2].encode(), hashlib.sha256).hexdigest())' "$1" "$2"; }
# post BODY SIGNATURE: deliver to the listener, print the HTTP status.
post() {
  curl -sS -o /dev/null -w '%{http_code}' -X POST "$hook" \
    -H 'Content-Type: application/json' ${2:+-H "X-Webhook-Signature: $2"} -d "$1"
}
cached_at() { sql "$db" "SELECT cached_at FROM payments WHERE id = '$1'"; }
row() { sql "$db" "SELECT status, updated_at, cached_at, raw_json FROM payments WHERE id = '$1'" | sha256sum; }
seen() { sql "$db" "SELECT count(*) FROM webhook_seen WHERE key LIKE '%${1:-}%'"; }

# --- a capture through the API reaches the cache by itself ---
# (the first CREATED payment the sandbox agrees to capture: some belong to
# inactive customers and are refused)
id=""
for c in $(desk --offline payments list status:CREATED --json |
           jq -r '.[] | select(.type != "TOPUP_ACCOUNT") | .id'); do
  t0=$(date +%s%N)
  if sb_post "/payments/$c/captured" '{}' | jq -e '.id and (.status | type == "string")' >/dev/null; then
    id=$c; break
  fi
done
[ -n "$id" ] || fail "the sandbox captured no CREATED payment"
status_moved() { [ "$(desk --offline payments show "$id" --json | jq -r .status)" != CREATED ]; }
wait_until 5 status_moved || fail "the capture never reached the cache: $(cat "$T/listen.out")"
ms=$((($(date +%s%N) - t0) / 1000000))
note "capture visible in the cache after $ms ms"
[ "$ms" -le 2500 ] || fail "the capture took $ms ms to reach the cache"
want=$(sb_get "/payments/$id" | jq -r .status)
[ "$(desk --offline payments show "$id" --json | jq -r .status)" = "$want" ] ||
  wait_until 3 test "$(desk --offline payments show "$id" --json | jq -r .status)" = "$want" ||
  fail "cache status differs from the sandbox's $want"

# Let the sandbox finish delivering this payment's events (deliveries made
# before the listener started are still being retried, later).
delivered() {
  admin_get "/_admin/webhooks?state=PENDING" |
    jq -e --arg id "$id" '[.deliveries[] | select(.objectId == $id)] | length == 0'
}
wait_until 10 delivered || fail "deliveries stay PENDING: $(admin_get '/_admin/webhooks?state=PENDING')"
admin_get "/_admin/webhooks?state=DELIVERED" >"$T/delivered.json"
jq -e --arg id "$id" '[.deliveries[] | select(.objectId == $id)] | length >= 1' \
  "$T/delivered.json" >/dev/null || fail "no delivered event for $id"

# --- bad signatures: 401, nothing changes ---
id3=$(first_id '.status == "CREATED" and .type != "TOPUP_ACCOUNT" and .id != "'"$id"'"')
forged=$(jq -nc --arg id "$id3" '{eventType:"transaction.status_changed",
  timestamp:"2026-01-01T00:00:00Z", transaction:{id:$id, status:"SETTLED",
  totalAmount:"1.00", currency:"USD", type:"PAYMENT"}}')
# (other deliveries keep arriving meanwhile: settlement of the capture,
# retries of early events; so the checks are about the forged payment)
before=$(row "$id3")
[ "$(post "$forged" "$(sign wrong-secret "$forged")")" = 401 ] || fail "wrong key not 401"
[ "$(post "$forged" "")" = 401 ] || fail "missing signature not 401"
[ "$(post "$forged" "$(sign "$S" "$forged ")")" = 401 ] || fail "signature of another body not 401"
[ "$(post "$forged" "sha256=$(sign "$S" "x")")" = 401 ] || fail "prefixed bad signature not 401"
[ "$(post "$forged" "zz$(sign "$S" "$forged" | cut -c3-)")" = 401 ] || fail "non-hex signature not 401"
[ "$(row "$id3")" = "$before" ] || fail "a badly signed delivery changed the cache"
[ "$(seen "$id3")" = 0 ] || fail "a badly signed delivery was remembered"
[ "$(desk --offline payments show "$id3" --json | jq -r .status)" = CREATED ] ||
  fail "the forged status reached the cache"
! grep -q "$id3" "$T/listen.out" || fail "the listener acted on a badly signed delivery"

# --- the sandbox's own delivery, replayed: a duplicate, not applied ---
body=$(jq -c --arg id "$id" '[.deliveries[] | select(.objectId == $id)][0].body' "$T/delivered.json")
c0=$(cached_at "$id")
dups() { grep -c "$1: duplicate" "$T/listen.out" || true; }
d0=$(dups "$id")
code=$(post "$body" "$(sign "$S" "$body")")
case "$code" in 2??) ;; *) fail "replayed delivery answered $code" ;; esac
[ "$(cached_at "$id")" = "$c0" ] || fail "a replayed delivery was applied again"
[ "$(dups "$id")" = $((d0 + 1)) ] || fail "replay not reported as duplicate: $(grep "$id" "$T/listen.out")"

# --- a new delivery twice: applied once ---
id4=$(first_id '.status == "AUTHORIZED"')
[ -n "$id4" ] || fail "no AUTHORIZED payment"
st4=$(sb_get "/payments/$id4" | jq -r .status)
fresh=$(jq -nc --arg id "$id4" --arg st "$st4" '{eventType:"transaction.status_changed",
  timestamp:"2026-01-01T00:00:00Z", transaction:{id:$id, status:$st}}')
sig=$(sign "$S" "$fresh")
c1=$(cached_at "$id4"); seen1=$(seen "$id4")
sleep 0.01 # cached_at is in milliseconds
code=$(post "$fresh" "$sig")
case "$code" in 2??) ;; *) fail "fresh delivery answered $code" ;; esac
c2=$(cached_at "$id4")
# (applied: the payment was read again; it is unchanged, so the cache
# writes nothing and cached_at stays)
[ "$(grep -c "$id4: applied" "$T/listen.out")" = 1 ] ||
  fail "a fresh signed delivery was not applied: $(grep "$id4" "$T/listen.out")"
[ "$c2" = "$c1" ] || fail "an unchanged payment was written again"
[ "$(seen "$id4")" = $((seen1 + 1)) ] || fail "the delivery was not remembered once"
sleep 0.01
code=$(post "$fresh" "$sig")
case "$code" in 2??) ;; *) fail "repeated delivery answered $code" ;; esac
[ "$(cached_at "$id4")" = "$c2" ] || fail "the same delivery was applied twice"
[ "$(seen "$id4")" = $((seen1 + 1)) ] || fail "the repeated delivery was remembered twice"
[ "$(grep -c "$id4: applied" "$T/listen.out")" = 1 ] || fail "listener log: $(grep "$id4" "$T/listen.out")"

# --- a payment the cache has never seen arrives by webhook alone ---
# (a refund made through the API creates a new child payment)
rp=""
for c in $(desk --offline payments list status:SETTLED --json |
           jq -r '.[] | select(.type != "REFUND") | .id'); do
  sb_get "/payments/$c/refund" | jq -e '.refunds | length == 0' >/dev/null && { rp=$c; break; }
done
[ -n "$rp" ] || fail "no refundable payment"
child=$(sb_post "/payments/$rp/refund" '{"amount":"1"}' | jq -r '.id // .refund.id // empty')
[ -z "$child" ] && child=$(sb_get "/payments/$rp/refund" | jq -r '.refunds[0].id // empty')
[ -n "$child" ] || fail "the API refund created nothing"
in_cache() { desk --offline payments show "$child" --json | jq -e --arg p "$rp" '.parentPaymentId == $p'; }
wait_until 5 in_cache || fail "the new refund $child never reached the cache: $(grep "$child" "$T/listen.out")"

# --- deliveries while syncs write the same cache ---
# Syncs run back to back on the listener's cache while payments are
# captured through the API; every capture reaches the cache and every
# delivery is answered 2xx the first time (no lock errors, no retries).
( while [ ! -f "$T/stop" ]; do desk sync >/dev/null 2>>"$T/bg_sync.err" || echo fail >>"$T/bg_sync.err"; done ) &
bg=$!
_pids+=("$bg")
caps=()
for c in $(desk --offline payments list status:CREATED,AUTHORIZED --json |
           jq -r '.[] | select(.type != "TOPUP_ACCOUNT") | .id'); do
  sb_post "/payments/$c/captured" '{}' | jq -e '.id' >/dev/null && caps+=("$c")
  [ "${#caps[@]}" -lt 8 ] || break
done
[ "${#caps[@]}" -ge 4 ] || fail "only ${#caps[@]} captures"
all_moved() {
  local c
  for c in "${caps[@]}"; do
    case "$(desk --offline payments show "$c" --json | jq -r .status)" in
      CREATED | AUTHORIZED) return 1 ;;
    esac
  done
}
wait_until 10 all_moved || fail "captures missing from the cache while syncing"
touch "$T/stop"
wait "$bg" 2>/dev/null || true
# (a note, such as the published dialect's change of sync strategy, is no
# failure)
! grep -v 'conomy-desk: note:' "$T/bg_sync.err" | grep -q . ||
  fail "a sync beside the listener failed: $(grep -v 'note:' "$T/bg_sync.err" | head -3)"
for c in "${caps[@]}"; do
  admin_get "/_admin/webhooks" | jq -e --arg id "$c" \
    '[.deliveries[] | select(.objectId == $id and .state != "DELIVERED")] | length == 0' >/dev/null ||
    fail "a delivery for $c was not accepted at once: $(admin_get /_admin/webhooks | jq -c --arg id "$c" '[.deliveries[] | select(.objectId == $id) | {state, attempts, lastHttpStatus}]')"
done
! grep -q 'retry' "$T/listen.out" || fail "the listener asked for retries: $(grep retry "$T/listen.out" | head -3)"
integrity_ok "$db" || fail "cache damaged"
note "ok"
