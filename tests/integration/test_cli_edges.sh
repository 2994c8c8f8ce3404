#!/usr/bin/env bash
# The CLI's rough edges: errors under --json are JSON; `COMMAND --help`
# prints the command's usage; empty lists say so; commands that only read
# the cache need no base URL; a missing API key is reported once.
. "$TESTS_DIR/integration/lib.sh"

unset CONOMY_BASE_URL CONOMY_API_KEY CONOMY_CLIENT_ID CONOMY_CLIENT_SECRET

# the cache-only commands work without any API configuration
expect_exit 0 desk payments list
[ "$OUT" = "no payments match" ] || fail "empty payments list printed: '$OUT'"
expect_exit 0 desk review list
[ "$OUT" = "no payments in review match" ] || fail "review list: '$OUT'"
expect_exit 0 desk unassigned list
[ "$OUT" = "no unassigned topups" ] || fail "unassigned list: '$OUT'"
expect_exit 0 desk customers list
[ "$OUT" = "no customers match" ] || fail "customers list: '$OUT'"
expect_exit 0 desk activity
[ "$OUT" = "no actions taken from this desk yet" ] || fail "activity: '$OUT'"
expect_exit 0 desk outbox list
[ "$OUT" = "no open actions" ] || fail "outbox list: '$OUT'"
expect_exit 0 desk --json payments list
[ "$OUT" = "[]" ] || fail "--json empty list: '$OUT'"
[ -z "$ERR" ] || fail "stderr on an empty list: $ERR"

# errors under --json are one JSON object on stderr
expect_exit 9 desk --json payments show 000000000000000000000000
jq -e '.error.code == 9 and (.error.message | test("no payment"))' <<<"$ERR" >/dev/null ||
  fail "error under --json is not JSON: $ERR"
expect_exit 8 desk sync --json
jq -e '.error.code == 8 and (.error.message | test("base URL"))' <<<"$ERR" >/dev/null ||
  fail "config error under --json is not JSON: $ERR"
[ -z "$OUT" ] || fail "stdout on an error: $OUT"
# without --json the same error is one line of text
expect_exit 9 desk payments show 000000000000000000000000
[[ $ERR == "conomy-desk: "* ]] || fail "plain error: $ERR"

# --help after a command is its usage, exit 0
expect_exit 0 desk capture --help
grep -q '^usage: conomy-desk \[OPTIONS\] capture ID$' <<<"$OUT" ||
  fail "capture --help: $OUT"
grep -q 'capture a CREATED or AUTHORIZED payment' <<<"$OUT" || fail "capture help text: $OUT"
expect_exit 0 desk refund -h
grep -q 'refund ID \[--amount A\] \[--reason R\]' <<<"$OUT" || fail "refund -h: $OUT"
expect_exit 0 desk payments list --help
grep -q 'payments list' <<<"$OUT" || fail "payments list --help: $OUT"
expect_exit 0 desk payments --help
grep -q 'payments show ID' <<<"$OUT" || fail "payments --help: $OUT"
expect_exit 2 desk payments
grep -q 'payments list' <<<"$ERR" || fail "bare group: $ERR"

# a missing API key is reported once
export CONOMY_BASE_URL=http://127.0.0.1:9/sandbox CONOMY_CLIENT_ID=x
expect_exit 8 desk sync
n=$(grep -c 'no API key' <<<"$ERR" || true)
[ "$n" = 1 ] || fail "missing API key reported $n times: $ERR"
echo ok
