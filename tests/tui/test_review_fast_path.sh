#!/usr/bin/env bash
# The reviewer's fast path at 80x24, with the default per-currency
# confirmation thresholds: three review items are cleared with exactly
# `u <path> Enter a y` each. The upload dialog picks source_of_funds from
# the review reason and starts in the path field; after the first upload
# it starts in the same directory, so the path is just the file name. The
# cursor moves to the next item by itself. The sandbox then shows the
# three payments CAPTURED with the uploaded bytes.
set -u
. "$(dirname "$0")/lib.sh"

TUI_W=80
TUI_H=24
tui_setup
tui_start_sandbox 200 --seed 24
tui_api_login

mapfile -t ids < <(tui_api "/payments?status=REQUIRES_REVIEW&sort=createdAt:asc&limit=500" |
  jq -r '.results[].id')
[ "${#ids[@]}" -ge 3 ] || tui_fail "need 3 review items, the demo has ${#ids[@]}"

mkdir -p "$TUI_TMP/docs"
proof="$TUI_TMP/docs/funds.pdf"
{ printf '%%PDF-1.4\n'; head -c 30000 /dev/urandom; } >"$proof"
sha=$(sha256sum "$proof" | cut -d' ' -f1)

tui_start_desk
tui_wait_for '2 Rev [1-9]' 30
tui_keys 2
tui_wait_for 'AGE +ID +DOCS'

# the selected item is the first row (the preview names it too)
on_first() {
  local short
  short=$(tui_short "$1")
  short=${short: -8}
  for _ in $(seq 1 100); do
    tui_screen | sed -n 3p | grep -q "$short " && return 0
    sleep 0.1
  done
  tui_fail "the cursor is not on $1"
}

clear_item() {
  local id=$1 path=$2
  on_first "$id"
  tui_keys u
  tui_wait_for "Upload payment"
  tui_wait_for '< source_of_funds >'
  tui_type "$path"
  tui_keys Enter
  tui_wait_for 'upload (queued|succeeded)'
  tui_wait_for 'documents UPLOADED' 30
  tui_keys a
  tui_wait_for 'Approve payment'
  tui_keys y
  tui_wait_for 'approve (queued|succeeded)'
}

clear_item "${ids[0]}" "$proof"
# the dialog now starts in the directory of the last upload
clear_item "${ids[1]}" "funds.pdf"
clear_item "${ids[2]}" "funds.pdf"
tui_wait_for 'this session: 3 decided'

st() { tui_api "/payments/$1" | jq -r .status; }
for id in "${ids[@]:0:3}"; do
  for _ in $(seq 1 50); do
    [ "$(st "$id")" = CAPTURED ] && break
    sleep 0.2
  done
  [ "$(st "$id")" = CAPTURED ] || tui_fail "$id is $(st "$id")"
  url=$(tui_api "/payments/$id" |
    jq -r '[.documents[]? | select(.type == "source_of_funds")] | last | .url')
  got=$(curl -sf "$url" -H "Authorization: Bearer $(tui_token)" \
    -H "x-api-key: $(jq -r .apiKey <<<"$SANDBOX_JSON")" -A t | sha256sum | cut -d' ' -f1)
  [ "$got" = "$sha" ] || tui_fail "$id: uploaded bytes differ"
done
tui_keys q y
status=$(tui_wait_exit 10)
[ "$status" = 0 ] || tui_fail "exit status $status"
tui_log ok
