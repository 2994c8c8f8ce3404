#!/usr/bin/env bash
# A full disk under a real first sync: the cache may grow by only a few
# hundred pages (CONOMY_TEST_CACHE_GROW_PAGES, a test hook read by the
# cache layer: PRAGMA max_page_count, so SQLite fails the write with
# SQLITE_FULL as on a full file system). The sync says "disk full: <cache
# file>", exits 6 (data), and the cache passes integrity_check and keeps
# the pages committed before, with the resume offset that matches them; a
# sync with room then resumes and completes.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/hostile_lib.sh"

start_sandbox --demo-data 3000 --seed 5 --settle-delay-ms 86400000
total=$(sb_get "/payments?limit=1" | jq .pagination.total)

# 600 pages (2.4 MB) hold the first page of 500 payments, committed at
# once, but not the next batch of 2,500.
CONOMY_TEST_CACHE_GROW_PAGES=600 expect_exit 6 desk sync
grep -qF "disk full: $CONOMY_CACHE" <<<"$ERR" || fail "stderr: $ERR"
[ "$(wc -l <<<"$ERR")" = 1 ] || fail "more than one line: $ERR"
cache_ok "$CONOMY_CACHE"

sql() { python3 -c 'import sqlite3,sys
for r in sqlite3.connect(sys.argv[1]).execute(sys.argv[2]): print(*r)' "$CONOMY_CACHE" "$1"; }
kept=$(sql "SELECT count(*) FROM payments")
offset=$(sql "SELECT value FROM meta WHERE key = 'sync.full_offset'")
[ "$kept" = 500 ] || fail "kept $kept payments, want the first page of 500"
[ "$offset" = "$kept" ] || fail "resume offset $offset for $kept payments"
# the ones kept are exactly the oldest 500 of the server
sb_get "/payments?limit=500&sort=createdAt:asc" | jq -r '.results[].id' | sort >"$T/want"
sql "SELECT id FROM payments" | sort >"$T/got"
cmp -s "$T/want" "$T/got" || fail "the kept payments are not the first page"

# Room again: the next sync resumes from the offset and completes.
expect_exit 0 desk sync
[ "$(sql "SELECT count(*) FROM payments")" = "$total" ] || fail "after resuming: not $total"
cache_ok "$CONOMY_CACHE"
note "disk full after $kept of $total payments; resumed to $total"
echo PASS
