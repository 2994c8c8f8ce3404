#!/usr/bin/env bash
# Sync against servers that page wrongly, lie about totals, send records
# the desk cannot read, ignore sorting or cap the page size: every sync ends
# in bounded time with a clear message and exit code (11 records
# quarantined, 12 incomplete), the cache intact and the good records in it.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/hostile_lib.sh"

# sync_mode MODE WANT_EXIT MAX_SECONDS [ARGS...]: a fresh cache, one sync.
sync_mode() {
  local mode=$1 want=$2 max=$3
  shift 3
  export CONOMY_CACHE="$T/$mode.db"
  start_hostile "$mode" "$@"
  local t0=$SECONDS
  expect_exit "$want" timeout 100 "$DESK" sync
  [ $((SECONDS - t0)) -le "$max" ] || fail "$mode: sync took $((SECONDS - t0)) s"
  cache_ok "$CONOMY_CACHE"
  note "$mode: exit $want in $((SECONDS - t0)) s"
}
cached() { desk --offline payments list --json --limit 100000 | jq length; }

sync_mode ok 0 30 --count 1000
[ "$(cached)" = 1000 ] || fail "ok: $(cached) cached"
stop_hostile

sync_mode next-back 12 30
grep -q "does not move past offset 0" <<<"$ERR" || fail "next-back: $ERR"
grep -q "announced 1000 payments but sent 50" <<<"$ERR" || fail "next-back: $ERR"
[ "$(cached)" = 50 ] || fail "next-back: $(cached) cached"
stop_hostile

sync_mode short-total 12 30
grep -q "announced 1000 payments but sent 50 (950 missing)" <<<"$ERR" ||
  fail "short-total: $ERR"
[ "$(cached)" = 50 ] || fail "short-total cached"
stop_hostile

sync_mode offset-echo-zero 12 30
grep -q "same 500 items again at offset 500" <<<"$ERR" || fail "echo: $ERR"
[ "$(cached)" = 500 ] || fail "echo cached"
stop_hostile

sync_mode endless-same 12 30
grep -q "same 50 items again" <<<"$ERR" || fail "endless-same: $ERR"
[ "$(cached)" = 50 ] || fail "endless-same cached"
stop_hostile

sync_mode endless-fresh 12 60
grep -q "keeps paging past the 550 items it announced" <<<"$ERR" ||
  fail "endless-fresh: $ERR"
n=$(cached)
[ "$n" -ge 550 ] && [ "$n" -le 2000 ] || fail "endless-fresh: $n cached"
stop_hostile

note "bad-records: the good ones cached, the bad ones quarantined"
sync_mode bad-records 11 30
stats=$(hs_stats)
nbad=$(jq '.bad|length' <<<"$stats")
grep -q "$nbad records could not be read" <<<"$ERR" || fail "bad-records: $ERR"
grep -q "quarantine list" <<<"$ERR" || fail "no pointer to the quarantine"
grep -qF "$CONOMY_CACHE" <<<"$ERR" || fail "the quarantine's file is not named"
desk --offline payments list --json --limit 1000 >"$T/good.json"
[ "$(jq length "$T/good.json")" = $((40 + $(jq '.odd|length' <<<"$stats"))) ] ||
  fail "bad-records: $(jq length "$T/good.json") cached"
for id in $(jq -r '.odd[].id' <<<"$stats"); do
  jq -e --arg id "$id" 'map(select(.id == $id)) | length == 1' "$T/good.json" \
    >/dev/null || fail "accepted record $id not cached"
done
# Exact amounts with trailing zeros keep their value, never rounded.
jq -e '.[] | select(.id == "6a0000000000000000000385") | .totalAmount == "700000.00"' \
  "$T/good.json" >/dev/null || fail "700000.00 CLP not kept"
desk --offline payments list --limit 1000 >"$T/good.txt"
grep -q "700,000 CLP" "$T/good.txt" || fail "700000.00 CLP shown as $(grep 385 "$T/good.txt")"
grep -q "1,500.5 PKR" "$T/good.txt" || fail "unknown currency not shown as sent"
desk --offline --json quarantine list >"$T/q.json"
[ "$(jq length "$T/q.json")" = "$nbad" ] || fail "quarantine has $(jq length "$T/q.json")"
jq -e 'map(select(.reason | test("1.005")))|length==1' "$T/q.json" >/dev/null ||
  fail "inexact CLP not quarantined"
jq -e "map(select((.raw|objects|.totalAmount) == 12.5))|length==1" "$T/q.json" >/dev/null ||
  fail "raw JSON not kept"
# Ids are shown sanitised: no raw escape reaches the terminal.
desk --offline quarantine list >"$T/q.txt"
! grep -q $'\x1b' "$T/q.txt" || fail "raw ESC in quarantine list"
grep -qF '^[[31mred^G' "$T/q.txt" || fail "control id not shown sanitised"
# A second sync meets the same records: still one row each, exit 11 again.
expect_exit 11 "$DESK" sync
[ "$(desk --offline --json quarantine list | jq length)" = "$nbad" ] ||
  fail "quarantine grew on a second sync"
jq -e 'all(.seen >= 1)' <(desk --offline --json quarantine list) >/dev/null
cache_ok "$CONOMY_CACHE"
stop_hostile

note "limit-cap: a server capping limit at 100 loses nothing"
sync_mode limit-cap 0 30 --count 1000
[ "$(cached)" = 1000 ] || fail "limit-cap: $(cached) cached"
for _ in 1 2 3; do hs_post touch '{"status":"FAILED"}' >/dev/null; done
hs_post add '{"n":150}' >/dev/null
expect_exit 0 "$DESK" sync
[ "$(cached)" = 1150 ] || fail "limit-cap incremental: $(cached) cached"
stop_hostile

note "ignore-sort: status changes of old payments are still seen"
sync_mode ignore-sort 0 30 --count 1000
old=$(hs_post touch '{"status":"FAILED"}' | jq -r .id)
hs_post add '{"n":3}' >/dev/null
expect_exit 0 "$DESK" sync
grep -q "does not sort by updatedAt" <<<"$ERR" || fail "strategy not said: $ERR"
[ "$(desk --offline payments show "$old" --json | jq -r .status)" = FAILED ] ||
  fail "status change of an old payment missed"
[ "$(cached)" = 1003 ] || fail "ignore-sort: $(cached) cached"
old2=$(hs_post touch '{"status":"SETTLED"}' | jq -r .id)
expect_exit 0 "$DESK" sync
! grep -q "does not sort" <<<"$ERR" || fail "strategy said twice"
[ "$(desk --offline payments show "$old2" --json | jq -r .status)" = SETTLED ] ||
  fail "second change missed"
cache_ok "$CONOMY_CACHE"
stop_hostile

note "directory: failures are warnings, published envelopes are read"
sync_mode directory-fail 0 30 --count 50
grep -q "customers skipped" <<<"$ERR" && grep -q "accounts skipped" <<<"$ERR" ||
  fail "directory-fail: $ERR"
desk --offline activity | grep -q "identities skipped" || fail "not in the Activity log"
stop_hostile
sync_mode published-shapes 0 30 --count 50
[ "$(desk --offline customers list --json | jq length)" = 3 ] || fail "customers"
# LOCAL_DEPOSIT without an account is an unassigned deposit (10 of 50).
[ "$(desk --offline unassigned list --json | jq '[.[] | select(.type == "LOCAL_DEPOSIT")] | length')" = 10 ] ||
  fail "LOCAL_DEPOSIT not in the unassigned list"
echo PASS
