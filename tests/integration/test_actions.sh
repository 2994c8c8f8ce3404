#!/usr/bin/env bash
# Every headless action against the real sandbox: what the user asked for
# happens once, the cache shows the result, the activity log records it,
# and refusals are precise.
source "$(dirname "$0")/lib.sh"

start_sandbox --demo-data 400 --seed 11 --settle-delay-ms 200
desk sync >/dev/null

# --- capture a CREATED payment (not an unassigned topup) ---
id=$(first_id '.status == "CREATED" and .type != "TOPUP_ACCOUNT" and .type != "LOCAL_DEPOSIT"')
[ -n "$id" ] || fail "no CREATED payment in the demo data"
desk capture "$id" --yes >"$T/out" || fail "capture failed: $(cat "$T/out")"
st=$(sb_get "/payments/$id" | jq -r .status)
case "$st" in CAPTURED|REQUIRES_REVIEW|RECEIVED|SETTLED) ;; *) fail "captured payment is $st";; esac
[ "$(desk --offline payments show "$id" --json | jq -r .status)" = "$st" ] ||
  fail "the cache does not show the captured state"

# --- capture again: the cache knows it is no longer CREATED ---
expect_exit 5 desk capture "$id" --yes
grep -q "can be captured" <<<"$ERR" || fail "second capture: $ERR"

# --- someone else acted: captured behind the desk's back ---
id2=$(first_id '.status == "CREATED" and .type != "TOPUP_ACCOUNT" and .type != "LOCAL_DEPOSIT" and .id != "'"$id"'"')
sb_post "/payments/$id2/captured" '{}' >/dev/null
expect_exit 5 desk capture "$id2" --yes
grep -qi "someone else" <<<"$ERR" || fail "stale capture: $ERR"
[ "$(desk --offline payments show "$id2" --json | jq -r .status)" != CREATED ] ||
  fail "the stale record was not refreshed"

# --- authorize ---
id3=$(first_id '.status == "CREATED" and .type != "TOPUP_ACCOUNT" and .type != "LOCAL_DEPOSIT" and .id != "'"$id"'" and .id != "'"$id2"'"')
desk authorize "$id3" --yes >/dev/null || fail "authorize"
[ "$(sb_get "/payments/$id3" | jq -r .status)" = AUTHORIZED ] || fail "not AUTHORIZED"

# --- refund: partial, then over the rest, then without confirmation ---
parent=""
for p in $(desk --offline payments list status:SETTLED --json |
           jq -r '.[] | select(.type != "REFUND") | .id'); do
  if [ "$(sb_get "/payments/$p/refund" | jq -r '.summary.completedCount + .summary.inProgressCount + .summary.failedCount')" = 0 ]; then
    parent=$p; break
  fi
done
[ -n "$parent" ] || fail "no refundable payment"
total=$(sb_get "/payments/$parent" | jq -r .totalAmount)
cur=$(sb_get "/payments/$parent" | jq -r .currency)
desk refund "$parent" --amount 1 --reason "partial, ticket 42" --yes >"$T/out" ||
  fail "refund failed"
grep -q "refund" "$T/out" || fail "refund output: $(cat "$T/out")"
n=$(sb_get "/payments/$parent/refund" | jq '.refunds | length')
[ "$n" = 1 ] || fail "expected one refund, sandbox has $n"
# The reason is the refund child's description.
child=$(sb_get "/payments/$parent/refund" | jq -r '.refunds[0].id')
[ "$(sb_get "/payments/$child" | jq -r '.description // empty')" = "partial, ticket 42" ] ||
  fail "the refund's reason did not reach the sandbox"
desk --offline refunds list --parent "$parent" --json | jq -e 'length == 1' >/dev/null ||
  fail "the refund is not in the cache"

# Over maxRefundable: refused locally, nothing sent.
expect_exit 2 desk refund "$parent" --amount "$total" --yes
grep -q "exceeds maxRefundable" <<<"$ERR" || fail "over-refund: $ERR"
[ "$(sb_get "/payments/$parent/refund" | jq '.refunds | length')" = 1 ] ||
  fail "an over-refund reached the sandbox"

# Too many decimals for the currency: refused with the reason.
expect_exit 2 desk refund "$parent" --amount 0.001 --yes
grep -q "not a valid $cur amount" <<<"$ERR" || fail "precision: $ERR"

# No terminal and no --yes: refused.
expect_exit 2 desk refund "$parent" --amount 1 </dev/null
grep -q -- "--yes" <<<"$ERR" || fail "unconfirmed: $ERR"

# --- review: approve needs a document; upload a real file; reject ---
rv=$(first_id '.status == "REQUIRES_REVIEW" and .documentationStatus == "PENDING_UPLOAD"')
[ -n "$rv" ] || fail "no review item waiting for a document"
expect_exit 5 desk approve "$rv" --yes
grep -q "uploaded document" <<<"$ERR" || fail "approve without document: $ERR"
head -c 50000 /dev/urandom >"$T/evidence.pdf"
want_sum=$(sha256sum "$T/evidence.pdf" | cut -d' ' -f1)
desk upload "$rv" --type source_of_funds "$T/evidence.pdf" --yes >/dev/null ||
  fail "upload failed"
[ "$(sb_get "/payments/$rv" | jq -r .documentationStatus)" = UPLOADED ] ||
  fail "documentation not UPLOADED"
url=$(sb_get "/payments/$rv" | jq -r '[.. | objects | select(has("url")) | .url][-1] // empty')
[ -n "$url" ] || fail "the payment shows no document URL after the upload"
got_sum=$(curl -fsS "$url" -H "x-api-key: $SB_KEY" -H "Authorization: Bearer $SB_TOKEN" \
  -H 'User-Agent: it' | sha256sum | cut -d' ' -f1)
[ "$got_sum" = "$want_sum" ] || fail "uploaded bytes differ"
rj=$(first_id '.status == "REQUIRES_REVIEW" and .id != "'"$rv"'"')
[ -n "$rj" ] || fail "no second review item"
expect_exit 2 desk reject "$rj" --yes
grep -q "reason" <<<"$ERR" || fail "reject without reason: $ERR"
if [ "${SANDBOX_DIALECT:-contract}" = published ]; then
  # The published API has no review resolution: conomy resolves reviews.
  # The desk refuses both decisions and the payments stay in review.
  for args in "approve $rv" "reject $rj --reason documents-do-not-match"; do
    set +e
    desk $args --yes >/dev/null 2>"$T/err"
    got=$?
    set -e
    [ "$got" != 0 ] || fail "desk $args succeeded against the published API"
    grep -q "review is resolved by conomy" "$T/err" ||
      fail "desk $args: $(cat "$T/err")"
  done
  [ "$(sb_get "/payments/$rv" | jq -r .status)" = REQUIRES_REVIEW ] ||
    fail "$rv left review"
  [ "$(sb_get "/payments/$rj" | jq -r .status)" = REQUIRES_REVIEW ] ||
    fail "$rj left review"
else
  desk approve "$rv" --yes >/dev/null || fail "approve failed"
  [ "$(sb_get "/payments/$rv" | jq -r .status)" = CAPTURED ] ||
    fail "approved payment not CAPTURED"
  desk reject "$rj" --reason "documents do not match" --yes >/dev/null ||
    fail "reject"
  [ "$(sb_get "/payments/$rj" | jq -r .status)" = FAILED ] ||
    fail "rejected payment not FAILED"
fi

# --- assign an unassigned topup, UNDERPAID ---
ua=$(desk --offline unassigned list --json | jq -r '.[0].id // empty')
[ -n "$ua" ] || fail "no unassigned topup"
ucur=$(sb_get "/payments/$ua" | jq -r .currency)
uamt=$(sb_get "/payments/$ua" | jq -r .totalAmount)
acct=$(sb_get "/accounts?limit=500" | jq -r --arg c "$ucur" '[(.results // .pagination.results)[] | select(.currency == $c)][0].accountNumber // empty')
[ -n "$acct" ] || fail "no $ucur account to assign to"
expected=$(python3 -c "import decimal,sys; print(decimal.Decimal(sys.argv[1]) * 2)" "$uamt")
desk assign "$ua" --account "$acct" --expected "$expected" --yes >"$T/out" || fail "assign"
grep -q UNDERPAID "$T/out" || fail "assign output: $(cat "$T/out")"
child=$(sb_get "/payments/$ua" | jq -r '.relatedPaymentId // empty')
[ -n "$child" ] || fail "no companion child"
[ "$(sb_get "/payments/$ua" | jq -r .status)" = SETTLED ] || fail "assigned topup not SETTLED"

# --- the activity log has every outcome, the outbox is empty ---
desk --offline activity --json >"$T/act.json"
done_actions="capture authorize refund upload approve reject assign"
[ "${SANDBOX_DIALECT:-contract}" = published ] &&
  done_actions="capture authorize refund upload assign"
for a in $done_actions; do
  jq -e --arg a "$a" '[.[] | select(.action == $a and .outcome == "succeeded")] | length >= 1' \
    "$T/act.json" >/dev/null || fail "activity has no succeeded $a"
done
[ "$(desk --offline outbox list --json | jq length)" = 0 ] || fail "outbox not empty"

# --- offline and read-only refuse with a reason ---
expect_exit 2 desk --offline capture "$id3" --yes
grep -q offline <<<"$ERR" || fail "offline: $ERR"
expect_exit 2 desk --read-only capture "$id3" --yes
grep -q read-only <<<"$ERR" || fail "read-only: $ERR"
note "ok"
