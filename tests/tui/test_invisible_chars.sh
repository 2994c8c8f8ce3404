#!/usr/bin/env bash
# Invisible characters (Unicode category Cf: a zero-width space, the BOM)
# in a customer's name are shown as visible tags in the desk and never
# reach the terminal raw, so two names that look the same can be told
# apart; the CLI's --json output escapes them (\u200B), the same list.
set -u
. "$(dirname "$0")/lib.sh"

tui_setup
tui_start_sandbox 20 --seed 5
tui_api_login
post_customer() {
  curl -sf -X POST "$SANDBOX_URL/customers?clientId=$(jq -r .clientId <<<"$SANDBOX_JSON")" \
    -H "Authorization: Bearer $TUI_TOKEN" \
    -H "x-api-key: $(jq -r .apiKey <<<"$SANDBOX_JSON")" \
    -H "Idempotency-Key: inv-$1" -H 'Content-Type: application/json' \
    -d "$2" >/dev/null || tui_fail "could not create customer $1"
}
post_customer 1 '{"firstName":"Zed","lastName":"Twin","email":"zed1@example.com"}'
post_customer 2 '{"firstName":"Zed\u200b","lastName":"Twin","email":"zed2@example.com"}'
post_customer 3 '{"firstName":"\ufeffZed","lastName":"Twin","email":"zed3@example.com"}'

tui_start_desk
tui_wait_for 'synced [0-9]+[smh] ago' 30
tui_keys 3
tui_wait_for 'NAME / EMAIL'
tui_keys /
tui_type 'Twin'
tui_keys Enter
tui_wait_for 'Zed<U\+200B> Twin'
tui_wait_for '<U\+FEFF>Zed Twin'
tui_screen | grep -Eq '(^| )Zed Twin' || tui_fail "the plain name is missing"
# nothing invisible reached the screen
if tui_screen | grep -q $'\u200b\|\ufeff'; then
  tui_fail "a raw zero-width character reached the terminal"
fi
tui_keys q y
tui_wait_exit 10 >/dev/null

# the CLI: the table shows the tags, --json escapes the characters
out=$(eval "$(tui_env) $(printf '%q ' "$BUILD_DIR/conomy-desk") customers list Twin")
grep -q 'Zed<U+200B> Twin' <<<"$out" || tui_fail "CLI table: $out"
json=$(eval "$(tui_env) $(printf '%q ' "$BUILD_DIR/conomy-desk") --json customers list Twin")
grep -q 'Zed\\u200B' <<<"$json" || tui_fail "CLI --json does not escape U+200B"
grep -q '\\uFEFFZed' <<<"$json" || tui_fail "CLI --json does not escape U+FEFF"
if grep -q $'\u200b\|\ufeff' <<<"$json"; then
  tui_fail "CLI --json wrote a raw zero-width character"
fi
jq -e '[.[] | select(.firstName == "Zed\u200b")] | length == 1' <<<"$json" >/dev/null ||
  tui_fail "the escaped JSON does not decode to the same name"
tui_log ok
