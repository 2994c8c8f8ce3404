#!/usr/bin/env bash
# Every money or review action whose answer is lost after the server
# executed it (commitThenDrop) is reconciled, reported as done, executed
# exactly once, and shown in the cache: capture, authorize, approve, reject,
# assign. A document upload whose first request is answered 500 (not
# executed) is resent at once, and the desk then lets the review be approved
# without a sync.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/engine_lib.sh"

start_sandbox --demo-data 400 --seed 11 --quiet --settle-delay-ms 600000
desk sync >/dev/null

# lost ID PATH-SUFFIX ACTION ARGS...: run ACTION on ID with its first POST
# to /payments/ID/PATH-SUFFIX... meeting $FAULT (default commitThenDrop:
# executed, then the connection dropped); the desk must exit 0
# the ledger must hold exactly one execution on that path, and the cache
# must show the server's new state.
lost() {
  local id=$1 suffix=$2 n
  shift 2
  admin_post /_admin/faults "{\"once\":[{\"fault\":\"${FAULT:-commitThenDrop}\",\"method\":\"POST\",\"pathPrefix\":\"/payments/$id/$suffix\",\"count\":1}]}" >/dev/null
  expect_exit 0 desk "$@" --yes
  [ "$(admin_get /_admin/faults | jq '.once | length')" = 0 ] ||
    fail "$1: the fault was never hit"
  admin_post /_admin/faults '{}' >/dev/null
  n=$(admin_get "/_admin/ledger?objectId=$id" |
    jq --arg p "/payments/$id/$suffix" '[.entries[] | select(.path != null and (.path | startswith($p)))] | length')
  [ "$n" = 1 ] || fail "$1 $id: executed $n times: $(admin_get "/_admin/ledger?objectId=$id" | jq -c '.entries')"
  [ "$(desk --offline outbox list --json | jq length)" = 0 ] || fail "$1 $id left an open action"
  # The desk shows what it just did.
  local want got
  want=$(sb_get "/payments/$id" | jq -c '{status, documentationStatus, accountNumber}')
  got=$(desk --offline payments show "$id" --json | jq -c '{status, documentationStatus, accountNumber}')
  [ "$got" = "$want" ] || fail "$1 $id: the cache shows $got, the server $want"
}
capturable() { # CREATED/AUTHORIZED payments the sandbox can move
  desk --offline payments list --json |
    jq -r --arg s "$1" '.[] | select(.status == $s and .type != "TOPUP_ACCOUNT") | .id'
}

# capture and authorize: the first payments the sandbox accepts (some
# customers are inactive; the desk reports those as rejected, 4).
done_capture="" done_auth=""
for id in $(capturable CREATED); do
  [ -z "$done_auth" ] && st=authorize || st=capture
  [ -n "$done_auth" ] && [ -n "$done_capture" ] && break
  suffix=$([ "$st" = authorize ] && echo authorized || echo captured)
  admin_post /_admin/faults "{\"once\":[{\"fault\":\"commitThenDrop\",\"method\":\"POST\",\"pathPrefix\":\"/payments/$id/$suffix\",\"count\":1}]}" >/dev/null
  set +e; desk "$st" "$id" --yes >/dev/null 2>"$T/err"; rc=$?; set -e
  admin_post /_admin/faults '{}' >/dev/null
  case "$rc" in
    0) n=$(admin_get "/_admin/ledger?objectId=$id" |
         jq --arg p "/payments/$id/$suffix" '[.entries[] | select(.path == $p)] | length')
       [ "$n" = 1 ] || fail "$st $id executed $n times"
       want=$(sb_get "/payments/$id" | jq -r .status)
       [ "$(desk --offline payments show "$id" --json | jq -r .status)" = "$want" ] ||
         fail "$st $id: the cache does not show $want"
       if [ "$st" = authorize ]; then done_auth=$id; else done_capture=$id; fi ;;
    4) grep -qi 'inactive\|rejected\|failedPrecondition' "$T/err" || fail "$st $id: $(cat "$T/err")" ;;
    *) fail "$st $id exited $rc: $(cat "$T/err")" ;;
  esac
done
[ -n "$done_auth" ] && [ -n "$done_capture" ] || fail "nothing the sandbox would capture/authorize"

# upload, then approve; reject another review item.
rv=$(first_id '.status == "REQUIRES_REVIEW" and .documentationStatus == "PENDING_UPLOAD"')
[ -n "$rv" ] || fail "no review item waiting for a document"
head -c 30000 /dev/urandom >"$T/doc.pdf"
FAULT=500 lost "$rv" documents upload "$rv" --type invoice "$T/doc.pdf"
[ "$(sb_get "/payments/$rv" | jq -r .documentationStatus)" = UPLOADED ] || fail "not UPLOADED"
lost "$rv" resolve approve "$rv"
[ "$(sb_get "/payments/$rv" | jq -r .status)" = CAPTURED ] || fail "approved payment not CAPTURED"
rj=$(first_id '.status == "REQUIRES_REVIEW" and .id != "'"$rv"'"')
[ -n "$rj" ] || fail "no second review item"
lost "$rj" resolve reject "$rj" --reason "documents do not match"
[ "$(sb_get "/payments/$rj" | jq -r .status)" = FAILED ] || fail "rejected payment not FAILED"

# assign an unassigned topup.
ua=$(desk --offline unassigned list --json | jq -r '.[0].id // empty')
[ -n "$ua" ] || fail "no unassigned topup"
ucur=$(sb_get "/payments/$ua" | jq -r .currency)
acct=$(sb_get "/accounts?limit=500" | jq -r --arg c "$ucur" '[.results[] | select(.currency == $c)][0].accountNumber // empty')
[ -n "$acct" ] || fail "no $ucur account"
lost "$ua" assign assign "$ua" --account "$acct"
[ "$(sb_get "/payments/$ua" | jq -r '.accountNumber // empty')" = "$acct" ] || fail "topup not assigned"
note "ok"
