#!/usr/bin/env bash
# kill -9 of `conomy-desk sync` at seeded random points, first during the
# full sync and then during incremental syncs: after every kill the cache
# passes PRAGMA integrity_check and still answers offline, the number of
# cached payments never goes down, and a later sync completes with exactly
# the sandbox's payments (no duplicate, none missing, same statuses).
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/engine_lib.sh"

SEED=${KILL_SYNC_SEED:-4242}
RANDOM=$SEED
note "seed $SEED"

# (RECEIVED payments settle only when the test moves the sandbox clock)
start_sandbox --demo-data 12000 --seed 5 --latency-ms 30 --quiet \
  --settle-delay-ms 3600000

# statuses: "id status" of every payment of the sandbox, sorted.
statuses() {
  local total off
  total=$(sb_get "/payments?limit=1" | jq .pagination.total)
  for ((off = 0; off < total; off += 500)); do
    sb_get "/payments?limit=500&offset=$off&sort=createdAt:asc" |
      jq -r '.results[] | "\(.id) \(.status)"'
  done | sort
}
desk_statuses() {
  desk --offline payments list --json | jq -r '.[] | "\(.id) \(.status)"' | sort
}

db=$CONOMY_CACHE
# (a kill before the schema was committed leaves a file without tables)
cached() {
  if [ "$(sql "$db" "SELECT count(*) FROM sqlite_master WHERE name = 'payments'")" = 1 ]; then
    sql "$db" 'SELECT count(*) FROM payments'
  else
    echo 0
  fi
}

# kill_once MAX_MS: start a sync, kill -9 it after a random 50..MAX_MS ms,
# check the cache. Sets KILLED=1 when the sync was still running.
KILLED=0
prev=0
kill_once() {
  local ms=$((50 + RANDOM % $1))
  # The binary itself, not the desk() function: kill -9 must hit the
  # process that writes the cache, not a subshell around it.
  "$DESK" sync >/dev/null 2>"$T/sync.err" &
  local pid=$!
  sleep "$(printf '%d.%03d' $((ms / 1000)) $((ms % 1000)))"
  KILLED=0
  if kill -9 "$pid" 2>/dev/null; then KILLED=1; fi
  wait "$pid" 2>/dev/null || true
  [ -f "$db" ] || { [ "$prev" = 0 ] && return 0; fail "cache file gone"; }
  integrity_ok "$db" || fail "integrity_check after a kill at ${ms} ms"
  local n
  n=$(cached)
  [ "$n" -ge "$prev" ] || fail "cached payments went down: $prev -> $n"
  prev=$n
  [ "$n" = 0 ] || [ "$(sql "$db" 'SELECT count(*) - count(DISTINCT id) FROM payments')" = 0 ] ||
    fail "duplicate payment ids in the cache"
  local listed
  listed=$(desk --offline payments list --json | jq length) ||
    fail "offline list failed after a kill at ${ms} ms"
  [ "$listed" = "$n" ] || fail "offline list shows $listed of $n rows"
  note "killed at ${ms} ms (running: $KILLED): $n payments cached"
}

# --- the first (full) sync, killed six times ---
mid=0
for _ in 1 2 3 4 5 6; do
  kill_once 1500
  mid=$((mid + KILLED))
done
[ "$mid" -ge 4 ] || fail "only $mid of 6 kills hit a running sync"

# The completing sync, with a second desk on the same cache meanwhile (one
# user, two sessions): its reads and a refund must not be locked out.
rt=""
for c in $(sql "$db" "SELECT id FROM payments WHERE status = 'SETTLED' AND type <> 'REFUND' LIMIT 20"); do
  sb_get "/payments/$c/refund" | jq -e '.refunds | length == 0' >/dev/null && { rt=$c; break; }
done
[ -n "$rt" ] || fail "no refundable payment among the cached ones"
"$DESK" sync >"$T/sync.out" 2>"$T/sync.err" &
spid=$!
# (once the sync is writing pages, past the open actions it settles first)
grew() { [ "$(cached)" -gt "$prev" ] || ! kill -0 "$spid" 2>/dev/null; }
wait_until 30 grew || fail "the completing sync wrote nothing"
desk refund --amount 1 "$rt" --yes >/dev/null 2>"$T/refund.err" ||
  fail "a refund during the sync failed: $(cat "$T/refund.err")"
reads=0
while kill -0 "$spid" 2>/dev/null; do
  desk --offline payments list --limit 20 --json >/dev/null 2>"$T/read.err" ||
    fail "a read during the sync failed: $(cat "$T/read.err")"
  reads=$((reads + 1))
done
wait "$spid" || fail "sync after the kills failed: $(cat "$T/sync.err")"
note "$reads reads and a refund on the same cache during the sync"
[ "$(sb_get "/payments/$rt/refund" | jq '.refunds | length')" = 1 ] || fail "refund during sync"
integrity_ok "$db" || fail "integrity_check after the completing sync"
statuses >"$T/api_before"
[ "$(wc -l <"$T/api_before")" -ge 12000 ] || fail "sandbox has too few payments"
desk_statuses >"$T/desk_before"
[ -z "$(cut -d' ' -f1 "$T/desk_before" | uniq -d)" ] || fail "duplicate ids listed"
cmp -s "$T/api_before" "$T/desk_before" ||
  fail "cache differs from the sandbox: $(diff "$T/api_before" "$T/desk_before" | head -5)"

# --- incremental syncs, killed while payments change on the sandbox ---
# Each round captures a few CREATED payments through the API and moves the
# sandbox clock a day on (topups expire, RECEIVED payments settle), so
# every incremental sync has changes to payments the cache already holds.
for round in 1 2 3; do
  for id in $(grep ' CREATED$' "$T/api_before" | cut -d' ' -f1 | shuf -n 15 --random-source=<(yes "$SEED$round")); do
    sb_post "/payments/$id/captured" '{}' >/dev/null
  done
  admin_post /_admin/clock '{"advanceMs":86400000}' >/dev/null
  kill_once 400
done
statuses >"$T/api_after"
changed=$(comm -13 "$T/api_before" "$T/api_after" | wc -l)
note "$changed payments changed on the sandbox during the incremental kills"
[ "$changed" -ge 15 ] || fail "only $changed payments changed; the test proves nothing"

desk sync >/dev/null || fail "incremental sync after the kills failed"
integrity_ok "$db" || fail "integrity_check after the incremental sync"
desk_statuses >"$T/desk_after"
cmp -s "$T/api_after" "$T/desk_after" ||
  fail "cache differs from the sandbox after incremental sync: $(diff "$T/api_after" "$T/desk_after" | head -6)"
note "ok: $mid full-sync kills mid-flight, $(wc -l <"$T/desk_after") payments exact"
