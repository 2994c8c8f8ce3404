#!/usr/bin/env bash
# Reviewer journey: clear three review items from the Review pane. Upload
# a real file (Tab completes its path; size and SHA-256 are shown) and
# approve; reject one with a reason; approve the third (uploading first
# when it still needs a document). The cursor lands on the next item each
# time. The sandbox then shows CAPTURED / FAILED / CAPTURED and serves the
# uploaded bytes with the same SHA-256. Against the published dialect
# (SANDBOX_DIALECT=published) approve and reject are refused instead.
set -u
. "$(dirname "$0")/lib.sh"

tui_setup
tui_start_sandbox 200 --seed 24
tui_config "confirm_over = 1000000000"
tui_api_login

mapfile -t ids < <(tui_api "/payments?status=REQUIRES_REVIEW&sort=createdAt:asc&limit=500" |
  jq -r '.results[].id')
[ "${#ids[@]}" -ge 3 ] || tui_fail "need 3 review items, the demo has ${#ids[@]}"
tui_log "review items: ${ids[*]:0:3}"

proof="$TUI_TMP/proof-of-funds.pdf"
{ printf '%%PDF-1.4\n'; head -c 40000 /dev/urandom; } >"$proof"
sha=$(sha256sum "$proof" | cut -d' ' -f1)
size=$(wc -c <"$proof")

tui_start_desk
tui_wait_for '2 Review [1-9]' 30
tui_keys 2
tui_wait_for 'AGE +ID +DOCS +REASON'

# the item under the cursor (first row of the queue)
first_row() { tui_screen | sed -n 3p; }

expect_first() {
  local short
  short=$(tui_short "$1")
  for _ in $(seq 1 100); do
    first_row | grep -q "$short " && return 0
    sleep 0.1
  done
  tui_fail "the cursor is not on $1"
}

upload() {
  local id=$1
  tui_keys u
  tui_wait_for "Upload payment $id"
  # the type follows the review reason; the focus is in the path field
  tui_type "${proof%-of-funds.pdf}-of"
  tui_keys Tab
  tui_wait_for "file \* +$proof"
  tui_wait_for "$size bytes  application/pdf  sha256 ${sha:0:16}"
  tui_wait_for '"type":"source_of_funds","contentType":"application/pdf"'
  tui_keys Enter
  tui_wait_for 'upload (queued|succeeded)'
  tui_wait_for 'documents UPLOADED' 30
}

approve() {
  local id=$1
  tui_keys a
  tui_wait_for "Approve payment $id"
  tui_wait_for '\{"decision":"APPROVED"\}'
  tui_keys y
  tui_wait_for 'approve (queued|succeeded)'
}

reject() {
  local id=$1
  tui_keys x
  tui_wait_for "Reject payment $id"
  tui_keys Tab
  tui_type 'source of funds not proven'
  tui_wait_flat '"decision":"REJECTED","reason":"source of funds not proven"'
  tui_keys Tab Enter
  tui_wait_for 'reject (queued|succeeded)'
}

gone() {
  local short
  short=$(tui_short "$1")
  for _ in $(seq 1 300); do
    tui_screen | grep -q "$short " || return 0
    sleep 0.1
  done
  tui_fail "$1 is still in the queue"
}

if [ "${SANDBOX_DIALECT:-contract}" = published ]; then
  # The published API has no review resolution (conomy resolves reviews):
  # the upload works, approve and reject are refused with that reason and
  # the items stay in review.
  expect_first "${ids[0]}"
  upload "${ids[0]}"
  # Approve is sent once; the 501 teaches the desk that conomy resolves
  # reviews, and it says so.
  tui_keys a
  tui_wait_for "Approve payment ${ids[0]}"
  tui_keys y
  tui_wait_for 'review is resolved by conomy' 30
  # Reject afterwards is refused, by the desk or by the server.
  tui_keys Escape x
  for _ in $(seq 1 100); do
    screen=$(tui_screen)
    grep -q "Reject payment" <<<"$screen" && break
    grep -q 'review is resolved by conomy' <<<"$screen" && break
    sleep 0.1
  done
  if tui_screen | grep -q "Reject payment"; then
    tui_type 'source of funds not proven'
    tui_keys y
    tui_wait_for 'review is resolved by conomy' 30
  fi
  for i in 0 1; do
    got=$(tui_api "/payments/${ids[$i]}" | jq -r .status)
    [ "$got" = REQUIRES_REVIEW ] || tui_fail "${ids[$i]} is $got"
  done
  tui_keys q y
  status=$(tui_wait_exit 10)
  [ "$status" = 0 ] || tui_fail "exit status $status"
  tui_log ok
  exit 0
fi

expect_first "${ids[0]}"
upload "${ids[0]}"
approve "${ids[0]}"
gone "${ids[0]}"

expect_first "${ids[1]}"
reject "${ids[1]}"
gone "${ids[1]}"

expect_first "${ids[2]}"
if ! first_row | grep -q UPLOADED; then
  upload "${ids[2]}"
fi
approve "${ids[2]}"
gone "${ids[2]}"

# the reviewer's throughput line counts the three decisions
tui_wait_for 'this session: 3 decided'

# the server's view
st() { tui_api "/payments/$1" | jq -r .status; }
for _ in $(seq 1 50); do
  [ "$(st "${ids[0]}")" = CAPTURED ] && [ "$(st "${ids[1]}")" = FAILED ] &&
    [ "$(st "${ids[2]}")" = CAPTURED ] && break
  sleep 0.2
done
[ "$(st "${ids[0]}")" = CAPTURED ] || tui_fail "${ids[0]} is $(st "${ids[0]}")"
[ "$(st "${ids[1]}")" = FAILED ] || tui_fail "${ids[1]} is $(st "${ids[1]}")"
[ "$(st "${ids[2]}")" = CAPTURED ] || tui_fail "${ids[2]} is $(st "${ids[2]}")"
url=$(tui_api "/payments/${ids[0]}" |
  jq -r '[.documents[]? | select(.type == "source_of_funds")] | last | .url')
[ -n "$url" ] && [ "$url" != null ] || tui_fail "no uploaded document on ${ids[0]}"
got=$(curl -sf "$url" -H "Authorization: Bearer $(tui_token)" \
  -H "x-api-key: $(jq -r .apiKey <<<"$SANDBOX_JSON")" -A t | sha256sum | cut -d' ' -f1)
[ "$got" = "$sha" ] || tui_fail "uploaded bytes differ: $got != $sha"
tui_log "uploaded $size bytes, sha256 $sha matches"

tui_keys 6
tui_wait_for 'approve +(succeeded|confirmed)'
tui_wait_for 'reject +(succeeded|confirmed)'
tui_keys q y
status=$(tui_wait_exit 10)
[ "$status" = 0 ] || tui_fail "exit status $status"
tui_log ok
