#!/usr/bin/env bash
# script/demo says what it is doing at every step (tools, build, sandbox)
# instead of staying silent while it builds, and still starts the sandbox
# and the desk (here `conomy-desk --version`, which returns at once).
. "$TESTS_DIR/integration/lib.sh"

set +e
DEMO_BUILD_DIR="$BUILD_DIR" "$SOURCE_DIR/script/demo" 5 --version \
  >"$T/out" 2>"$T/err"
rc=$?
set -e
[ "$rc" = 0 ] || { cat "$T/err" >&2; fail "script/demo exited $rc"; }
grep -q '^demo: checking the build tools' "$T/err" || fail "no tools step: $(cat "$T/err")"
grep -Eq '^demo: (bringing the build up to date|building conomy-desk)' "$T/err" ||
  fail "the build step is silent: $(cat "$T/err")"
grep -q '^demo: built\.' "$T/err" || fail "no end of build: $(cat "$T/err")"
grep -q '^demo: starting conomy-sandbox with 5 demo payments' "$T/err" ||
  fail "no sandbox step: $(cat "$T/err")"
grep -q '^demo: sandbox at http://127.0.0.1:' "$T/err" || fail "no sandbox url"
grep -q '^conomy-desk ' "$T/out" || fail "the desk did not run: $(cat "$T/out")"
# the steps come in order
order=$(grep -o '^demo: [a-z]*' "$T/err" | tr '\n' ' ')
[[ $order == "demo: checking demo: "*"demo: built demo: starting demo: sandbox "* ]] ||
  fail "steps out of order: $order"
echo ok
