#!/usr/bin/env bash
# The network goes away in the middle of a first sync (the server is killed
# outright): the sync fails cleanly with a network error (exit 3), the cache
# is sound and keeps what it had, and once the server is back (same data, a
# new address) the next sync completes with exactly the server's payments.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/engine_lib.sh"

sbdb="$T/sandbox.db"
start_sandbox --db "$sbdb" --demo-data 8000 --seed 13 --quiet \
  --settle-delay-ms 3600000 --latency-ms 40
db=$CONOMY_CACHE

"$DESK" sync >/dev/null 2>"$T/sync.err" &
spid=$!
# (the first page is committed at once, the next ones every 10,000)
some() { [ -f "$db" ] && [ "$(sql "$db" 'SELECT count(*) FROM payments' 2>/dev/null || echo 0)" -ge 500 ]; }
wait_until 60 some || fail "the sync never got going: $(cat "$T/sync.err")"
kill -9 "$SB_PID"
wait "$SB_PID" 2>/dev/null || true
set +e
wait "$spid"
rc=$?
set -e
[ "$rc" = 3 ] || fail "sync with the server gone exited $rc, want 3: $(cat "$T/sync.err")"
[ "$(wc -l <"$T/sync.err")" -le 1 ] || fail "network error not one line: $(cat "$T/sync.err")"
integrity_ok "$db" || fail "cache damaged by the interrupted sync"
had=$(sql "$db" 'SELECT count(*) FROM payments')
note "interrupted with $had payments cached"
[ "$(desk --offline payments list --json | jq length)" = "$had" ] || fail "offline list after the drop"

# The server comes back on the same database, at a new address.
start_sandbox --db "$sbdb" --quiet --settle-delay-ms 3600000
unset SB_TOKEN
integrity_ok "$sbdb" || fail "sandbox database damaged by kill -9"
desk sync >/dev/null || fail "sync after the server came back failed"
sb_all_ids >"$T/want"
[ "$(wc -l <"$T/want")" -ge 8000 ] || fail "the sandbox lost its data"
[ "$had" -lt "$(wc -l <"$T/want")" ] || fail "the first sync was not interrupted; the test proves nothing"
desk --offline payments list --json | jq -r '.[].id' | sort >"$T/got"
cmp -s "$T/want" "$T/got" || fail "ids differ after resuming: $(diff "$T/want" "$T/got" | head -4)"
note "ok: resumed from $had to $(wc -l <"$T/got")"
