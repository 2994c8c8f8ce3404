#!/usr/bin/env bash
# Access tokens that expire every 2 seconds, and a sync that takes several
# times that long (every answer delayed): the desk renews its token as it
# goes and the sync completes with exactly the sandbox's payments.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/engine_lib.sh"

start_sandbox --demo-data 2500 --seed 91 --quiet --token-ttl 2 \
  --settle-delay-ms 3600000 --faults '{"latencyMs":500,"match":{"method":"GET","pathPrefix":""}}'
t0=$(date +%s%N)
desk sync >/dev/null 2>"$T/err" || fail "sync with short-lived tokens failed: $(cat "$T/err")"
took=$((($(date +%s%N) - t0) / 1000000))
[ "$took" -ge 4500 ] || fail "the sync took ${took} ms, not long enough to outlive two tokens"
admin_post /_admin/faults '{}' >/dev/null
SB_TOKEN=$(sb_token) # a fresh one for sb_get (lib.sh)
export SB_TOKEN
sb_all_ids >"$T/want"
desk --offline payments list --json | jq -r '.[].id' | sort >"$T/got"
cmp -s "$T/want" "$T/got" || fail "ids differ after a sync across token expiries"
note "ok: sync of ${took} ms with 2-second tokens"
