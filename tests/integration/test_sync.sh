#!/usr/bin/env bash
# The walking skeleton end to end: a real sandbox with demo data, a real
# sync over HTTP into a temporary cache, and the cache listing exactly the
# payments the sandbox holds. Then incremental sync and offline reads.
source "$(dirname "$0")/lib.sh"

# A settle delay of a day: nothing moves on its own while the test compares.
start_sandbox --demo-data 1200 --seed 7 --settle-delay-ms 86400000

desk sync >"$T/sync.out"
grep -q 'synced:' "$T/sync.out" || fail "sync printed: $(cat "$T/sync.out")"

# Every payment of the sandbox, by id, straight from the API.
total=$(sb_get "/payments?limit=1" | jq .pagination.total)
[ "$total" -ge 1200 ] || fail "sandbox total $total"
: >"$T/api_ids"
# (pages follow pagination.next: the published dialect caps a page at 100)
off=0
while [ "$off" != null ]; do
  page=$(sb_get "/payments?limit=500&offset=$off")
  jq -r '.results[].id' <<<"$page" >>"$T/api_ids"
  off=$(jq -r '.pagination.next' <<<"$page")
done
sort -o "$T/api_ids" "$T/api_ids"

desk payments list --json >"$T/list.json"
jq -r '.[].id' "$T/list.json" | sort >"$T/desk_ids"
cmp -s "$T/api_ids" "$T/desk_ids" ||
  fail "cache ids differ from sandbox ids: $(diff "$T/api_ids" "$T/desk_ids" | head)"
[ "$(wc -l <"$T/desk_ids")" = "$total" ] || fail "count mismatch"

# The hostile demo names: the data keeps the bidi override (jq decodes
# it), but the bytes written to stdout never carry it raw.
bidi=$(jq -r '.. | strings' "$T/list.json" | grep -c $'\xe2\x80\xae' || true)
[ "$bidi" -gt 0 ] || fail "the demo data has no bidi override to check"
! grep -q $'\xe2\x80\xae' "$T/list.json" ||
  fail "--json wrote a raw U+202E to the terminal"

# Amounts and statuses agree, object by object, for a sample.
for id in $(head -n 20 "$T/api_ids"); do
  want=$(sb_get "/payments/$id" | jq -c '{totalAmount,currency,status}')
  got=$(desk payments show "$id" --json 2>/dev/null || desk --json payments show "$id")
  got=$(jq -c '{totalAmount,currency,status}' <<<"$got")
  [ "$want" = "$got" ] || fail "payment $id: sandbox $want, desk $got"
done

# Status filter reads the cache only and matches the API's count.
n_api=$(sb_get "/payments?status=SETTLED&limit=1" | jq .pagination.total)
n_desk=$(desk payments list --status SETTLED --json | jq length)
[ "$n_api" = "$n_desk" ] || fail "SETTLED: api $n_api desk $n_desk"

# The search finds a payment of the last page (the full-text index is
# filled after the payment pages).
newest=$(sb_get "/payments?sort=createdAt:desc&limit=1" | jq -r '.results[0].id')
found=$(desk payments list "$newest" --json | jq -r '.[].id')
[ "$found" = "$newest" ] || fail "search for the newest payment found: $found"

# A second sync is incremental and changes nothing: it writes (almost)
# nothing either, the directory included.
w=$(desk --json sync | jq .rowsWritten)
[ "$w" -lt 20 ] || fail "an incremental sync with nothing changed wrote $w rows"
n2=$(desk payments list --json | jq length)
[ "$n2" = "$total" ] || fail "after incremental sync: $n2 != $total"

# Offline: the sandbox is gone, the cache still answers; sync fails cleanly.
stop_sandbox
n3=$(desk --offline payments list --json | jq length)
[ "$n3" = "$total" ] || fail "offline list: $n3"
expect_exit 3 desk sync
[ "$(wc -l <<<"$ERR")" = 1 ] || fail "network error not one line: $ERR"
note "ok: $total payments synced and listed"
