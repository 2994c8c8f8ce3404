#!/usr/bin/env bash
# Money actions against a hostile API (hostile_server.py): whatever it
# answers, each action is sent at most once, the message says what
# happened, and the exit code matches.
#   ok-2xx-junk  actions are applied but answered with junk 2xx bodies:
#                unknown outcome, reconciled from the server, succeeded;
#                never failed, never sent twice; an identical refund right
#                after is refused until --again.
#   ok-501       every action 501: "this server does not offer ...", exit 4,
#                nothing left open; review resolution tried in both
#                documented spellings once, then refused without a request;
#                an upload without presign is refused, nothing registered.
#   ok           the server's maxRefundable is used, a difference shown.
#   token-crlf   an access token with CR/LF never reaches a header.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/engine_lib.sh"
source "$(dirname "$0")/hostile_lib.sh"
stats() { hs_stats; }
posts() { stats | jq -r --arg p "$1" '.posts[$p] // 0'; }
state_of() { # outbox state of the newest entry for a payment
  sql "$CONOMY_CACHE" "SELECT state FROM outbox WHERE payment_id = '$1' ORDER BY id DESC LIMIT 1"
}
pick() { first_id "$1"; }

# --- ok-2xx-junk --------------------------------------------------------
export CONOMY_CACHE="$T/junk.db"
start_hostile ok-2xx-junk --count 200
desk sync >/dev/null || fail "junk: sync"
settled=$(pick '.status == "SETTLED" and .type != "REFUND" and .currency == "USD"')
expect_exit 0 desk refund "$settled" --amount 1 --yes
grep -q 'refund .* exists' <<<"$OUT" || fail "junk refund: $OUT"
[ "$(posts "/payments/$settled/refund")" = 1 ] || fail "junk refund sent $(posts "/payments/$settled/refund") times"
[ "$(state_of "$settled")" = succeeded ] || fail "junk refund is $(state_of "$settled")"
[ "$(sql "$CONOMY_CACHE" "SELECT had_2xx FROM outbox WHERE payment_id = '$settled'")" = 1 ] ||
  fail "junk refund: the 2xx is not remembered"
# The same refund again within 10 minutes: refused, naming the first.
expect_exit 5 desk refund "$settled" --amount 1 --yes
grep -q 'identical refund of 1.00 USD.*outbox #[0-9]*, succeeded.*--again' <<<"$ERR" ||
  fail "duplicate: $ERR"
[ "$(posts "/payments/$settled/refund")" = 1 ] || fail "the duplicate was sent"
expect_exit 0 desk refund "$settled" --amount 1 --yes --again
[ "$(posts "/payments/$settled/refund")" = 2 ] || fail "--again did not send"

for act in capture authorize; do
  id=$(pick '.status == "CREATED" and .type != "TOPUP_ACCOUNT"')
  [ -n "$id" ] || fail "no CREATED payment for $act"
  expect_exit 0 desk "$act" "$id" --yes
  path=/payments/$id/$( [ "$act" = capture ] && echo captured || echo authorized )
  [ "$(posts "$path")" = 1 ] || fail "junk $act sent $(posts "$path") times"
  [ "$(state_of "$id")" = succeeded ] || fail "junk $act is $(state_of "$id")"
done
rv=$(pick '.status == "REQUIRES_REVIEW"')
expect_exit 0 desk reject "$rv" --reason "no source of funds" --yes
[ "$(posts "/payments/$rv/resolve-review")" = 1 ] || fail "junk reject sent twice"
[ "$(state_of "$rv")" = succeeded ] || fail "junk reject is $(state_of "$rv")"
ua=$(pick '.type == "TOPUP_ACCOUNT" and .status == "CREATED" and (.accountNumber // "") == ""')
acct=900000 # the double's first account
expect_exit 0 desk assign "$ua" --account "$acct" --yes
[ "$(posts "/payments/$ua/assign")" = 1 ] || fail "junk assign sent twice"
[ "$(desk --offline outbox list --json | jq length)" = 0 ] || fail "junk: an action was left open"
note "ok: 2xx junk bodies are reconciled, never failed, never resent"
kill "$HS_PID"

# --- ok-501 ---------------------------------------------------------------
export CONOMY_CACHE="$T/501.db"
start_hostile ok-501 --count 200
desk sync >/dev/null || fail "501: sync"
settled=$(pick '.status == "SETTLED" and .type != "REFUND"')
expect_exit 4 desk refund "$settled" --amount 1 --yes
grep -q 'this server does not offer refunds' <<<"$ERR" || fail "501 refund: $ERR"
[ "$(posts "/payments/$settled/refund")" = 1 ] || fail "501 refund sent twice"
[ "$(state_of "$settled")" = failed ] || fail "501 refund is $(state_of "$settled")"
id=$(pick '.status == "CREATED" and .type != "TOPUP_ACCOUNT"')
expect_exit 4 desk capture "$id" --yes
grep -q 'this server does not offer capture' <<<"$ERR" || fail "501 capture: $ERR"
rv=$(pick '.status == "REQUIRES_REVIEW"')
expect_exit 4 desk reject "$rv" --reason "no proof" --yes
grep -q 'review is resolved by conomy; upload the documents and wait for the webhook' <<<"$ERR" ||
  fail "501 reject: $ERR"
[ "$(posts "/payments/$rv/resolve-review")" = 1 ] && [ "$(posts "/payments/$rv/resolveReview")" = 1 ] ||
  fail "review resolution not tried once in each spelling: $(stats | jq -c .posts)"
# Remembered: the next one is refused before any request.
rv2=$(pick ".status == \"REQUIRES_REVIEW\" and .id != \"$rv\"")
expect_exit 4 desk reject "$rv2" --reason "no proof" --yes
grep -q 'review is resolved by conomy' <<<"$ERR" || fail "remembered: $ERR"
[ "$(posts "/payments/$rv2/resolve-review")" = 0 ] || fail "refused review was sent"
# No presigned uploads: refused clearly, nothing registered in its place.
printf 'proof of funds\n' >"$T/proof.pdf"
expect_exit 4 desk upload "$rv2" --type source_of_funds "$T/proof.pdf" --yes
grep -q 'this server does not offer presigned document uploads' <<<"$ERR" ||
  fail "501 upload: $ERR"
[ "$(posts "/payments/$rv2/documents/presign")" = 1 ] || fail "presign not tried once"
[ "$(posts "/payments/$rv2/documents")" = 0 ] || fail "a document was registered without its bytes"
[ "$(desk --offline outbox list --json | jq length)" = 0 ] || fail "501: an action was left open"
# A sync sends nothing again.
before=$(stats | jq '[.posts[]] | add')
desk sync >/dev/null || fail "501: second sync"
[ "$(stats | jq '[.posts[]] | add')" = "$((before + 1))" ] || fail "a sync resent an action"
note "ok: 501 is a definite 'not offered', review resolution a remembered capability"
kill "$HS_PID"

# --- token-crlf -------------------------------------------------------------
export CONOMY_CACHE="$T/crlf.db"
start_hostile token-crlf --count 50
expect_exit 7 desk sync
grep -q 'control characters' <<<"$ERR" || fail "crlf token: $ERR"
[ "$(stats | jq .injected)" = 0 ] || fail "a header was injected"
note "ok: a token with CR/LF is refused"

# --- the server's maxRefundable ----------------------------------------
# The lower of the server's summary.maxRefundable and the cached refunds'
# figure is used, and a difference is shown.
export CONOMY_CACHE="$T/max.db"
start_hostile ok --count 100
desk sync >/dev/null || fail "max: sync"
id=$(pick '.status == "SETTLED" and .type != "REFUND" and .currency == "USD"')
total=$(desk --offline payments show "$id" --json | jq -r .totalAmount)
# As if the server had said 5.00 less (a refund the cache has not seen).
python3 - "$CONOMY_CACHE" "$id" "$total" <<'PY'
import sqlite3, sys
from decimal import Decimal
db, pid, total = sys.argv[1:]
minor = int(Decimal(total) * 100) - 500
con = sqlite3.connect(db, timeout=10)
con.execute("INSERT OR REPLACE INTO meta(key, value, updated_at) VALUES(?, ?, 0)",
            ("refund.server_max." + pid, "%d USD" % minor))
con.commit()
PY
want=$(python3 -c "from decimal import Decimal; print(Decimal('$total') - 5)")
real_url=$CONOMY_BASE_URL
CONOMY_BASE_URL=http://127.0.0.1:1/sandbox expect_exit 2 desk refund "$id" --amount "$total" --yes
grep -q "exceeds maxRefundable $want USD" <<<"$ERR" || fail "server max not used: $ERR"
grep -q "the server says maxRefundable $want USD; the cached refunds leave $total USD" <<<"$ERR" ||
  fail "no mismatch note: $ERR"
[ "$(posts "/payments/$id/refund")" = 0 ] || fail "an over-refund was sent"
# Online, the desk reads the server's summary first: it agrees again.
CONOMY_BASE_URL=$real_url expect_exit 0 desk refund "$id" --amount "$total" --yes
! grep -q "the server says" <<<"$ERR" || fail "stale note: $ERR"
[ "$(posts "/payments/$id/refund")" = 1 ] || fail "refund not sent once"
note "ok: the server's maxRefundable is used and a difference shown"
