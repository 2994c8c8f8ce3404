#!/usr/bin/env bash
# A cache file that cannot be used:
#   - without open actions, it is moved aside (its bytes kept, never
#     deleted, and the user told where) and rebuilt; a sync fills it again;
#   - with an open (unsent or unknown) action, it is left exactly as it is,
#     every command refuses with a clear reason (exit 6), and nothing is
#     sent.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/engine_lib.sh"

start_sandbox --demo-data 2000 --seed 81 --quiet --settle-delay-ms 3600000
db=$CONOMY_CACHE
desk sync >/dev/null
total=$(desk --offline payments list --json | jq length)

# smash FILE OFFSET BYTES: overwrite BYTES bytes at OFFSET with garbage.
smash() {
  python3 - "$@" <<'PY'
import os, sys
path, off, n = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
with open(path, "r+b") as f:
    f.seek(off)
    f.write(os.urandom(n))
PY
}
checkpoint() { sql "$db" 'PRAGMA wal_checkpoint(TRUNCATE)' >/dev/null; }

# --- no open actions: moved aside and rebuilt ---
checkpoint
smash "$db" 0 4096
rm -f "$db-wal" "$db-shm"
want=$(sha256sum <"$db")
expect_exit 0 desk --offline payments list --json
[ "$(jq length <<<"$OUT")" = 0 ] || fail "a damaged cache still listed payments"
aside=""
for f in "$db".*; do
  case "$f" in *-wal | *-shm) ;; *) [ -e "$f" ] && { aside=$f; break; } ;; esac
done
[ -n "$aside" ] || fail "the damaged cache was not kept: $(ls "$T")"
[ "$(sha256sum <"$aside")" = "$want" ] || fail "the kept copy differs from the damaged file"
grep -qF "$aside" <<<"$ERR" || fail "the user was not told where the damaged cache went: $ERR"
integrity_ok "$db" || fail "the rebuilt cache is not sound"
desk sync >/dev/null || fail "sync into the rebuilt cache failed"
[ "$(desk --offline payments list --json | jq length)" = "$total" ] || fail "rebuilt cache incomplete"
rm -f "$aside"

# --- an open action in a damaged cache: left alone, nothing sent ---
p=$(first_id '.status == "SETTLED" and .type != "REFUND"')
[ "$(sb_get "/payments/$p/refund" | jq '.refunds | length')" = 0 ] ||
  p=$(desk --offline payments list status:SETTLED --json |
      jq -r '[.[] | select(.type != "REFUND")][1].id')
before=$(sb_get "/payments/$p/refund" | jq '.refunds | length')
admin_post /_admin/faults "{\"once\":[{\"fault\":\"drop\",\"method\":\"POST\",\"pathPrefix\":\"/payments/$p/refund\",\"count\":1},{\"fault\":\"drop\",\"method\":\"GET\",\"pathPrefix\":\"/payments/$p\",\"count\":200}]}" >/dev/null
expect_exit 3 desk refund --amount 1 "$p" --yes
admin_post /_admin/faults '{}' >/dev/null
[ "$(desk --offline outbox list --json | jq length)" = 1 ] || fail "no open action to protect"
checkpoint
size=$(stat -c %s "$db")
smash "$db" $((size / 2)) 32768
want=$(sha256sum <"$db")
for cmd in "--offline outbox list" "--offline payments list" "sync"; do
  # shellcheck disable=SC2086
  expect_exit 6 desk $cmd
  grep -qi 'damaged' <<<"$ERR" && grep -qi 'action' <<<"$ERR" ||
    fail "desk $cmd on a damaged cache with an open action: $ERR"
  [ "$(printf '%s' "$ERR" | wc -l)" = 0 ] || fail "not one line: $ERR"
done
[ "$(sha256sum <"$db")" = "$want" ] || fail "the damaged cache was modified"
[ -z "$(ls "$db".corrupt* 2>/dev/null)" ] || fail "the cache with an open action was moved"
[ "$(sb_get "/payments/$p/refund" | jq '.refunds | length')" = "$before" ] ||
  fail "the open refund was sent from a damaged cache"
note "ok"
