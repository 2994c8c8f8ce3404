#!/usr/bin/env bash
# Sync over a network that misbehaves: every GET may be answered 500 or
# 503, dropped, or cut half way (seeded rates), and each kind of fault,
# 429 with Retry-After included, is forced at least once on the endpoints a
# sync reads. The desk retries what is safe to retry and ends with exactly
# the sandbox's payments and statuses, on the first sync and on an
# incremental one.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/engine_lib.sh"

start_sandbox --demo-data 4000 --seed 71 --quiet --settle-delay-ms 3600000
faults='"error500Rate":0.02,"error503Rate":0.02,"dropRate":0.02,"truncateRate":0.02,
  "retryAfterSeconds":1,"match":{"method":"GET","pathPrefix":""}'
forced() { # one of each fault on the pages a sync reads, in this order
  printf '"once":[%s,%s,%s,%s,%s]' \
    '{"fault":"500","method":"GET","pathPrefix":"/payments","count":1}' \
    '{"fault":"truncate","method":"GET","pathPrefix":"/payments","count":1}' \
    '{"fault":"503","method":"GET","pathPrefix":"/customers","count":1}' \
    '{"fault":"429","method":"GET","pathPrefix":"/accounts","count":1}' \
    '{"fault":"drop","method":"GET","pathPrefix":"/identities","count":1}'
}

truth() { # "id status" of every payment, read with the faults off
  local total off
  total=$(sb_get "/payments?limit=1" | jq .pagination.total)
  for ((off = 0; off < total; off += 500)); do
    sb_get "/payments?limit=500&offset=$off&sort=createdAt:asc" |
      jq -r '.results[] | "\(.id) \(.status)"'
  done | sort
}
mine() {
  desk --offline payments list --json | jq -r '.[] | "\(.id) \(.status)"' | sort
}

# --- first sync ---
admin_post /_admin/faults "{$faults,$(forced)}" >/dev/null
desk sync >/dev/null 2>"$T/sync.err" || fail "sync under faults failed: $(cat "$T/sync.err")"
left=$(admin_get /_admin/faults | jq '.once | length')
admin_post /_admin/faults '{}' >/dev/null
[ "$left" = 0 ] || fail "$left forced faults were never hit; the sync read less than it should"
truth >"$T/want"
mine >"$T/got"
cmp -s "$T/want" "$T/got" || fail "after a faulty first sync: $(diff "$T/want" "$T/got" | head -5)"
[ "$(desk --offline customers list --json | jq length)" = "$(sb_get '/customers?limit=1' | jq .pagination.total)" ] ||
  fail "customers incomplete after a faulty sync"
integrity_ok "$CONOMY_CACHE" || fail "cache damaged"

# --- incremental sync, after changes, under the same faults ---
n=0
for id in $(grep ' CREATED$' "$T/want" | cut -d' ' -f1); do
  sb_post "/payments/$id/captured" '{}' | jq -e '.id' >/dev/null && n=$((n + 1))
  [ "$n" -lt 10 ] || break
done
[ "$n" -ge 5 ] || fail "only $n captures"
admin_post /_admin/faults "{$faults,$(forced)}" >/dev/null
desk sync >/dev/null 2>"$T/sync.err" || fail "incremental sync under faults failed: $(cat "$T/sync.err")"
left=$(admin_get /_admin/faults | jq '.once | length')
admin_post /_admin/faults '{}' >/dev/null
[ "$left" = 0 ] || fail "$left forced faults were never hit in the incremental sync"
truth >"$T/want2"
mine >"$T/got2"
[ "$(comm -13 "$T/want" "$T/want2" | wc -l)" -ge 5 ] || fail "the captures changed nothing"
cmp -s "$T/want2" "$T/got2" || fail "after a faulty incremental sync: $(diff "$T/want2" "$T/got2" | head -5)"

# --- 429 with Retry-After: the desk waits at least that long, then succeeds ---
admin_post /_admin/faults '{"retryAfterSeconds":2,"once":[{"fault":"429","method":"GET","pathPrefix":"/payments","count":1}]}' >/dev/null
t0=$(date +%s%N)
desk sync >/dev/null 2>"$T/sync.err" || fail "sync after a 429 failed: $(cat "$T/sync.err")"
ms=$((($(date +%s%N) - t0) / 1000000))
[ "$(admin_get /_admin/faults | jq '.once | length')" = 0 ] || fail "the 429 was never served"
admin_post /_admin/faults '{}' >/dev/null
[ "$ms" -ge 2000 ] || fail "the desk retried after $ms ms, before Retry-After (2 s)"
note "ok: $(wc -l <"$T/got2") payments exact after two syncs under faults; 429 honoured ($ms ms)"
