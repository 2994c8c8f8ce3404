#!/usr/bin/env bash
# The customer link: payments that come without customerId (the published
# dialect, ids ending in 8 or 9) get their customer from
# GET /payments/{id}/customer during sync, newest first, at most
# customer_link_budget lookups per sync, each payment once. Requests are
# counted by the sandbox (GET /_admin/requests). A contract server is
# never asked; a server answering 501 is asked once and never again.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/hostile_lib.sh"

sql() { python3 -c 'import sqlite3,sys
for r in sqlite3.connect(sys.argv[1]).execute(sys.argv[2]): print("|".join("" if v is None else str(v) for v in r))' "$CONOMY_CACHE" "$1"; }
link_requests() {
  admin_get "/_admin/requests?method=GET&route=/payments/:id/customer" | jq .count
}
set_budget() {
  mkdir -p "$XDG_CONFIG_HOME/conomy-desk"
  printf '[default]\ncustomer_link_budget = %s\n' "$1" >"$XDG_CONFIG_HOME/conomy-desk/config"
}

# ---- published dialect: the link, bounded ---------------------------------
SANDBOX_DIALECT=published start_sandbox --demo-data 300 --seed 11 \
  --settle-delay-ms 86400000

# The payments without customerId, and the customer each one is attached
# to, straight from the API, newest first.
: >"$T/api_unlinked"
off=0
while [ "$off" != null ]; do
  page=$(sb_get "/payments?limit=100&offset=$off")
  jq -r '.results[] | select(has("customerId") | not) | .id' <<<"$page" >>"$T/api_unlinked"
  off=$(jq -r '.pagination.next' <<<"$page")
done
k=$(wc -l <"$T/api_unlinked")
[ "$k" -ge 10 ] || fail "only $k payments without customerId in the demo data"
budget=$(((k + 1) / 2))
set_budget "$budget"

expect_exit 0 desk --json sync
[ "$(jq .customerLinks.asked <<<"$OUT")" = "$budget" ] || fail "sync 1: $OUT"
[ "$(jq .customerLinks.pending <<<"$OUT")" = $((k - budget)) ] || fail "sync 1: $OUT"
jq -r .customerLinks.note <<<"$OUT" |
  grep -qx "$((k - budget)) payments still without a customer link; the next sync continues" ||
  fail "sync 1 note: $OUT"
[ "$(link_requests)" = "$budget" ] || fail "sync 1 made $(link_requests) lookups, budget $budget"
# the lookups were the newest payments without customerId
newest=$(sql "SELECT id FROM payments WHERE customer_id_absent = 1 ORDER BY created_at DESC, id DESC LIMIT $budget" | sort)
looked=$(sql "SELECT id FROM payments WHERE customer_link_at > 0" | sort)
[ "$newest" = "$looked" ] || fail "sync 1 did not look up the newest first"
# `payments show` says it: the oldest one is not looked up yet, the newest
# names its customer
oldest=$(tail -n 1 "$T/api_unlinked")
desk --offline payments show "$oldest" | grep -q "customer link *not looked up yet" ||
  fail "show $oldest: $(desk --offline payments show "$oldest")"
first=$(head -n 1 "$T/api_unlinked")
fcid=$(sql "SELECT customer_id FROM payments WHERE id = '$first'")
[ -n "$fcid" ] || fail "the newest payment without customerId was not linked"
desk --offline payments show "$first" | grep -q "customer id *$fcid\$" ||
  fail "show $first: $(desk --offline payments show "$first")"

# The second sync continues where the first stopped; the text form says
# nothing about the budget once it is not spent.
expect_exit 0 desk sync
! grep -q "customer link" <<<"$ERR" || fail "sync 2 said: $ERR"
[ "$(link_requests)" = "$k" ] || fail "after sync 2: $(link_requests) lookups, want $k"
# The third one makes none.
expect_exit 0 desk --json sync
[ "$(jq .customerLinks.asked <<<"$OUT")" = 0 ] || fail "sync 3: $OUT"
[ "$(link_requests)" = "$k" ] || fail "sync 3 looked up again: $(link_requests)"

# Every payment the sandbox attaches has that customer in the cache, with
# the customer itself in the customers table; the others are marked.
while read -r id; do sb_get "/payments/$id/customer" | jq -c .; done \
  <"$T/api_unlinked" >"$T/links.jsonl"
attached=$(python3 - "$CONOMY_CACHE" "$T/links.jsonl" <<'PY'
import json, sqlite3, sys
db = sqlite3.connect(sys.argv[1])
attached = 0
for line in open(sys.argv[2]):
    link = json.loads(line)
    pid = link["paymentId"]
    cid, name, at = db.execute("SELECT customer_id, customer_name,"
                               " customer_link_at FROM payments WHERE id = ?",
                               (pid,)).fetchone()
    assert at > 0, f"payment {pid} was not looked up"
    if not link["attached"]:
        assert cid is None, f"payment {pid} (not attached) has customer {cid}"
        continue
    c = link["customer"]
    assert cid == c["id"], f"payment {pid}: cache {cid}, sandbox {c['id']}"
    want = " ".join(x for x in (c.get("firstName"), c.get("lastName")) if x)
    assert name == want, f"payment {pid}: name {name!r}, customer {want!r}"
    n = db.execute("SELECT count(*) FROM customers WHERE id = ?",
                   (cid,)).fetchone()[0]
    assert n == 1, f"customer {cid} not in the cache"
    attached += 1
print(attached)
PY
) || fail "the cached links differ from the sandbox's"
[ "$attached" -ge 1 ] || fail "no payment of the sandbox was attached"
# the desk's own reading of one of them names the customer
id=$(head -n 1 "$T/api_unlinked")
cid=$(sql "SELECT customer_id FROM payments WHERE id = '$id'")
if [ -n "$cid" ]; then
  desk --offline customers show "$cid" --json | jq -e --arg c "$cid" '.id == $c' >/dev/null ||
    fail "customers show $cid"
fi
cache_ok "$CONOMY_CACHE"
note "published: $k payments without customerId, $attached attached, $budget per sync"
stop_sandbox

# ---- contract dialect: customerId is always sent, nothing is asked --------
export CONOMY_CACHE="$T/contract.db"
set_budget 200
SANDBOX_DIALECT=contract start_sandbox --demo-data 300 --seed 11
expect_exit 0 desk --json sync
[ "$(jq .customerLinks.asked <<<"$OUT")" = 0 ] || fail "contract: $OUT"
[ "$(link_requests)" = 0 ] || fail "contract: $(link_requests) lookups"
expect_exit 0 desk sync
[ "$(link_requests)" = 0 ] || fail "contract, sync 2: $(link_requests) lookups"
stop_sandbox

# ---- a server that does not offer the link (501) ---------------------------
export CONOMY_CACHE="$T/hostile501.db"
start_hostile published-link-501 --count 50
expect_exit 0 desk sync
grep -q "note: the server does not offer customer links" <<<"$ERR" ||
  fail "501: $ERR"
n501() { hs_stats | jq '[.getPaths | to_entries[] | select(.key | endswith("/customer")) | .value] | add // 0'; }
[ "$(n501)" = 1 ] || fail "501: $(n501) lookups, want 1"
expect_exit 0 desk sync
[ "$(n501)" = 1 ] || fail "501, sync 2: $(n501) lookups"
! grep -q "customer link" <<<"$ERR" || fail "501, sync 2 said it again: $ERR"
[ "$(sql "SELECT value FROM meta WHERE key = 'cap.customer_link'")" = none ] ||
  fail "501: not remembered"
[ "$(desk --offline activity --json | jq '[.[] | select(.outcome == "notice" and (.detail | test("does not offer customer links")))] | length')" = 1 ] ||
  fail "501: the notice is not in the Activity log once: $(desk --offline activity --json | jq -c '[.[] | {outcome, detail}]')"
stop_hostile

# ---- the same shapes, offered: every payment gets its customer -------------
export CONOMY_CACHE="$T/hostileok.db"
start_hostile published-shapes --count 50
expect_exit 0 desk sync
[ "$(sql "SELECT count(*) FROM payments WHERE customer_id IS NULL")" = 0 ] ||
  fail "published-shapes: payments without a customer"
stop_hostile

# ---- the link stops at a network failure; the sync does not fail -----------
export CONOMY_CACHE="$T/cut.db"
set_budget 200
SANDBOX_DIALECT=published start_sandbox --demo-data 300 --seed 11 \
  --settle-delay-ms 86400000
third=$(sb_get "/payments?limit=100" | jq -r '[.results[] | select(has("customerId") | not) | .id][2]')
admin_post /_admin/faults '{"once":[{"fault":"drop","method":"GET","pathPrefix":"/payments/'"$third"'/customer","count":10}]}' >/dev/null
expect_exit 0 desk --json sync
grep -q "customer links stopped after" <<<"$OUT" || fail "cut: $OUT"
done_before=$(sql "SELECT count(*) FROM payments WHERE customer_link_at > 0")
[ "$done_before" = 2 ] || fail "cut: $done_before kept, want the 2 before the cut"
admin_post /_admin/faults '{}' >/dev/null
expect_exit 0 desk --json sync
[ "$(jq .customerLinks.pending <<<"$OUT")" = 0 ] || fail "cut, sync 2: $OUT"
note "network cut: $done_before kept, the rest done by the next sync"
echo PASS
