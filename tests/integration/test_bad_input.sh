#!/usr/bin/env bash
# Bad input to every piece of the path gets a one-line, precise error, a
# distinct non-zero exit code, and never a crash or a half-written cache.
source "$(dirname "$0")/lib.sh"

one_line() { [ "$(printf '%s' "$ERR" | wc -l)" -le 0 ] || fail "not one line: $ERR"; }

start_fake() {
  local out="$T/fake.$1.out"
  python3 "$(dirname "$0")/fake_api.py" --mode "$1" >"$out" &
  _pids+=("$!")
  FAKE_PID=$!
  for _ in $(seq 1 100); do
    FAKE_PORT=$(head -n 1 "$out" 2>/dev/null || true)
    [ -n "$FAKE_PORT" ] && break
    sleep 0.05
  done
  export CONOMY_BASE_URL="http://127.0.0.1:$FAKE_PORT/sandbox"
  export CONOMY_API_KEY=k CONOMY_CLIENT_ID=c CONOMY_CLIENT_SECRET=s
  export CONOMY_CACHE="$T/cache-$1.db"
}

# Unreachable base URL: network error (3).
export CONOMY_API_KEY=k CONOMY_CLIENT_ID=c CONOMY_CLIENT_SECRET=s
CONOMY_BASE_URL=http://127.0.0.1:1/sandbox expect_exit 3 desk sync
one_line
grep -qi 'connect' <<<"$ERR" || fail "unreachable: $ERR"

# Plain http to a remote host is refused before any I/O: config (8).
CONOMY_BASE_URL=http://api.example.com/sandbox expect_exit 8 desk sync
one_line
grep -q 'https' <<<"$ERR" || fail "http remote: $ERR"

# No base URL at all: config (8).
CONOMY_BASE_URL= expect_exit 8 desk sync
one_line

# A non-JSON answer: data error (6).
start_fake html
expect_exit 6 desk sync
one_line
grep -qi 'json' <<<"$ERR" || fail "html: $ERR"

# A malformed amount string: that record alone is skipped into the
# quarantine (exit 11, said on stderr), the rest of the page is stored.
start_fake bad-amount
expect_exit 11 desk sync
grep -q '1 records could not be read' <<<"$ERR" || fail "bad amount: $ERR"
n=$(desk --offline payments list --json | jq length)
[ "$n" = 2 ] || fail "the good records of the page: $n rows"
desk --offline quarantine list | grep -q 'totalAmount "12.3.4"' ||
  fail "bad amount not in the quarantine"

# An amount sent as a JSON number is quarantined the same way.
start_fake number-amount
expect_exit 11 desk sync
desk --offline --json quarantine list |
  jq -e '.[0].reason | test("totalAmount is a JSON number")' >/dev/null ||
  fail "number amount not in the quarantine"

# An expired token is renewed once, transparently.
start_fake expired-once
desk sync >/dev/null || fail "sync after an expired token failed"
[ "$(desk --offline payments list --json | jq length)" = 3 ] || fail "expired-once rows"
auths=$(curl -fsS "http://127.0.0.1:$FAKE_PORT/_count" | jq '."/sandbox/auth"')
[ "$auths" = 2 ] || fail "expected exactly one re-authentication, saw $auths auths"

# A token the server keeps refusing: authentication error (7).
start_fake always-401
expect_exit 7 desk sync
one_line
grep -q 'trace' <<<"$ERR" || fail "auth error without trace id: $ERR"

# Unknown command and bad filter: usage (2).
expect_exit 2 desk frobnicate
one_line
expect_exit 2 desk --offline payments list status:NOPE
one_line
note "ok"
