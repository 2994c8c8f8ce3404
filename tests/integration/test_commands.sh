#!/usr/bin/env bash
# Every headless command and option not covered by the other tests, checked
# against the sandbox or against jq/python over the desk's own full JSON
# list: customers, review, unassigned, refunds, export (CSV and JSON),
# --json objects equal to the API's, hostile text neutralised, upload
# limits, outbox list|cancel, cache purge, confirmation on a terminal,
# --offline opening no connection, tenant isolation, --help/--version,
# configuration (profiles, credentials file mode, no secret in the config
# file or the cache), filters, and the exit codes the man page documents.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/engine_lib.sh"

MAN="${SOURCE_DIR:-$(dirname "$0")/../..}/assets/man/conomy-desk.1"
[ -f "$MAN" ] || MAN="$(dirname "$0")/../../assets/man/conomy-desk.1"

# --- --help, --version, and the exit codes of the man page ---
expect_exit 0 desk --help
help=$OUT
for c in sync 'payments list' 'payments show' 'review list' 'refunds list' \
         'unassigned list' 'customers list' 'customers show' capture authorize \
         refund assign upload approve reject activity 'outbox list' \
         'outbox cancel' export 'cache purge' listen; do
  grep -q "^  $c " <<<"$help" || fail "--help does not list \"$c\""
done
expect_exit 0 desk --version
grep -Eq '^conomy-desk [0-9]+\.[0-9]+\.[0-9]+' <<<"$OUT" || fail "--version: $OUT"
version=$(awk '{print $2}' <<<"$OUT")
grep -q "^\.TH .*conomy-desk $version" "$MAN" || fail "man page is not for version $version"
# The exit codes: the same numbers and meanings in --help and the man page.
codes_help=$(sed -n '/^Exit codes:/,/^$/p' <<<"$help" | tr '\n' ' ' |
  grep -oE '[1-9] [a-z]+' | sort)
codes_man=$(sed -n '/^\.SH "\?EXIT STATUS/,/^\.SH/p' "$MAN" | tr '\n' ' ' |
  sed 's/\\f[BIR]//g' | grep -oE '[1-9] [a-z]+' | sort)
[ -n "$codes_help" ] && [ "$codes_help" = "$codes_man" ] ||
  fail "exit codes differ: help [$codes_help] man [$codes_man]"
for want in "2 usage" "3 network" "4 rejected" "5 conflict" "6 data" \
            "7 authentication" "8 configuration" "9 not"; do
  grep -qx "$want" <<<"$codes_help" || fail "exit code \"$want\" not documented"
done

start_sandbox --demo-data 400 --seed 61 --quiet --settle-delay-ms 3600000
desk sync >/dev/null
desk --offline payments list --json >"$T/all.json"
total=$(jq length "$T/all.json")
[ "$total" = "$(sb_get '/payments?limit=1' | jq .pagination.total)" ] || fail "sync incomplete"

# --- --json lists are the API's objects, field for field ---
same_objects() { # same_objects DESK.json API.json WHAT
  python3 - "$1" "$2" <<'PY' || fail "$3: the desk's JSON differs from the API's objects"
import json, sys
d = {p["id"]: p for p in json.load(open(sys.argv[1]))}
a = {p["id"]: p for p in json.load(open(sys.argv[2]))["results"]}
bad = [(i, k) for i, ap in a.items() for k in set(ap) | set(d.get(i, {}))
       if d.get(i, {}).get(k) != ap.get(k)]
if set(d) != set(a) or bad:
    print("ids: %d vs %d; first differences: %s" % (len(d), len(a), bad[:3]), file=sys.stderr)
    sys.exit(1)
PY
}
[ "$total" -le 500 ] || fail "the object comparison reads one page of 500"
sb_get "/payments?limit=500" >"$T/api_payments.json"
same_objects "$T/all.json" "$T/api_payments.json" payments
desk --offline customers list --json >"$T/cust_all.json"
sb_get "/customers?limit=500" >"$T/api_customers.json"
same_objects "$T/cust_all.json" "$T/api_customers.json" customers

# --- exit codes, each provoked ---
expect_exit 2 desk frobnicate
expect_exit 2 desk --offline payments list --limit nope
expect_exit 3 env CONOMY_BASE_URL=http://127.0.0.1:1/sandbox "$DESK" sync
grep -qi connect <<<"$ERR" || fail "network: $ERR"
expect_exit 7 env CONOMY_CLIENT_SECRET=wrong "$DESK" sync
grep -q trace <<<"$ERR" || fail "auth error without trace: $ERR"
expect_exit 9 desk --offline payments show 0000000000000000deadbeef
expect_exit 9 desk --offline customers show 0000000000000000deadbeef
expect_exit 9 desk --offline outbox cancel 424242
settled=$(jq -r '[.[] | select(.status == "SETTLED" and .type != "REFUND")][0].id' "$T/all.json")
expect_exit 5 desk capture "$settled" --yes
ua=$(desk --offline unassigned list --json | jq -r '.[0].id')
expect_exit 4 desk assign --account 999999999 "$ua" --yes
grep -q 'not found' <<<"$ERR" || fail "rejected assign: $ERR"
# 6: a cache written by a newer desk is refused with a reason, untouched.
cp "$CONOMY_CACHE" "$T/newer.db"
sql "$T/newer.db" 'PRAGMA user_version = 9999' >/dev/null
sum=$(sha256sum <"$T/newer.db")
expect_exit 6 desk --offline --cache "$T/newer.db" payments list
grep -Eqi 'newer|version' <<<"$ERR" || fail "newer cache: $ERR"
[ "$(sha256sum <"$T/newer.db")" = "$sum" ] || fail "the newer cache was modified"

# --- hostile text from the server never reaches the terminal raw ---
# The demo data holds customer names with an OSC title sequence, a clear
# screen and a bidi override; no text output may carry ESC, BEL, C1 or
# U+202E, in any command.
hostile=$(jq -r '[.[] | select(tostring | test("\u001b|\u202e"))][0].id // empty' "$T/all.json")
[ -n "$hostile" ] || fail "no hostile customer name in the demo data"
hcust=$(jq -r --arg id "$hostile" '.[] | select(.id == $id) | .customerId // empty' "$T/all.json")
raw_free() { # raw_free FILE WHAT
  python3 - "$1" <<'PY' || fail "$2 wrote raw control or bidi characters"
import re, sys
b = open(sys.argv[1], "rb").read().decode("utf-8", "replace")
sys.exit(1 if re.search("[\x00-\x08\x0b-\x1f\x7f\x80-\x9f\u202a-\u202e\u2066-\u2069]", b) else 0)
PY
}
for cmd in "payments list" "payments show $hostile" "review list" "refunds list" \
           "unassigned list" "customers list" "export payments --format csv" \
           "export payments --format json" "payments list --json"; do
  # shellcheck disable=SC2086
  desk --offline $cmd >"$T/screen.out" 2>&1 || fail "desk $cmd failed"
  raw_free "$T/screen.out" "desk $cmd"
done
if [ -n "$hcust" ]; then
  desk --offline customers show "$hcust" >"$T/screen.out" 2>&1 || true
  raw_free "$T/screen.out" "customers show"
fi

# --- payments show (a payment in a final state: nothing moves it) ---
id=$(jq -r '[.[] | select(.status == "FAILED")][0].id' "$T/all.json")
desk --offline payments show "$id" >"$T/show.txt"
grep -q "$id" "$T/show.txt" || fail "payments show: $(head -3 "$T/show.txt")"
[ "$(desk --offline payments show "$id" --json | jq -c '{id,totalAmount,currency,status}')" = \
  "$(sb_get "/payments/$id" | jq -c '{id,totalAmount,currency,status}')" ] ||
  fail "payments show --json differs from the API object"

# --- filters agree with python over the full JSON list ---
filter_check() { # filter_check PYTHON-PREDICATE FILTER...
  local pred=$1; shift
  desk --offline payments list "$@" --json | jq -r '.[].id' | sort >"$T/got"
  python3 - "$T/all.json" "$pred" <<'PY' | sort >"$T/want"
import decimal, json, sys
D = decimal.Decimal
for p in json.load(open(sys.argv[1])):
    if eval(sys.argv[2], {"D": D, "p": p}):
        print(p["id"])
PY
  [ -s "$T/want" ] || fail "filter $* matches nothing; the check proves nothing"
  cmp -s "$T/got" "$T/want" ||
    fail "filter $*: desk $(wc -l <"$T/got") rows, expected $(wc -l <"$T/want"): $(diff "$T/got" "$T/want" | head -4)"
}
filter_check 'D(p["totalAmount"]) > 100' 'amount>100'
filter_check 'D(p["totalAmount"]) <= 5000' 'amount<=5000'
filter_check 'p["currency"] == "USD"' currency:USD
filter_check 'p["currency"] == "USD" and D(p["totalAmount"]) > 100' currency:USD 'amount>100'
filter_check 'p["createdAt"] < "2026-10-01"' 'created<2026-10-01'
# (dates are UTC days: created>D means after the whole day D)
filter_check 'p["createdAt"] >= "2026-10-02"' 'created>2026-10-01'
filter_check 'p["createdAt"] >= "2026-10-01"' 'created>=2026-10-01'
filter_check '"2026-09-01" <= p["createdAt"] < "2026-10-01"' 'created>=2026-09-01' 'created<2026-10-01'
filter_check 'p["status"] in ("SETTLED", "FAILED")' status:SETTLED,FAILED
filter_check 'p["type"] == "REFUND"' type:REFUND
filter_check 'p["status"] == "SETTLED"' --status SETTLED
# Free text by customer name: every payment whose snapshot names the
# customer is found, and nothing that does not mention the text at all.
name=$(jq -r '[.[] | .. | objects | select(has("firstName")) | .firstName |
  select(test("^[A-Za-z]{4,}$"))] | group_by(.) | map(select(length >= 2)) | .[0][0]' "$T/all.json")
[ -n "$name" ] && [ "$name" != null ] || fail "no customer name to search for"
desk --offline payments list "$name" --json | jq -r '.[].id' | sort >"$T/got"
jq -r --arg n "$name" '.[] | select([.. | objects | select(has("firstName")) |
  .firstName] | index($n) != null) | .id' "$T/all.json" | sort >"$T/want"
[ -s "$T/want" ] || fail "no payment names $name"
[ -z "$(comm -13 "$T/got" "$T/want")" ] ||
  fail "free text \"$name\" misses $(comm -13 "$T/got" "$T/want" | head -3)"
for p in $(cat "$T/got"); do
  jq -e --arg id "$p" --arg n "$name" '.[] | select(.id == $id) | tostring |
    ascii_downcase | contains($n | ascii_downcase)' "$T/all.json" >/dev/null ||
    fail "free text \"$name\" found $p, which does not mention it"
done
# Options after the filter words, in the order --help shows them.
n_settled=$(jq '[.[] | select(.status == "SETTLED")] | length' "$T/all.json")
[ "$(desk --offline payments list status:SETTLED --limit 3 --json | jq length)" = 3 ] ||
  fail "payments list FILTER --limit N ignores the limit"
[ "$(desk --offline export payments status:SETTLED --format json | jq length)" = "$n_settled" ] ||
  fail "export payments FILTER --format json"
# Limit and sort.
[ "$(desk --offline payments list --limit 7 --json | jq length)" = 7 ] || fail "--limit"
desk --offline payments list --sort -amount --json |
  jq -e 'map(.totalAmount | tonumber) as $a | $a == ($a | sort | reverse)' >/dev/null ||
  fail "--sort -amount is not descending"

# --- review, unassigned, refunds lists agree with the full list ---
want=$(jq -c '[.[] | select(.status == "REQUIRES_REVIEW")] | sort_by(.createdAt, .id) | map(.id)' "$T/all.json")
got=$(desk --offline review list --json | jq -c 'map(.id)')
[ "$want" != "[]" ] && [ "$got" = "$want" ] || fail "review list $got, want $want (oldest first)"
want=$(jq -c '[.[] | select(.type == "TOPUP_ACCOUNT" and .status == "CREATED" and
  ((.accountNumber // "") == ""))] | sort_by(.expiresAt) | map(.id)' "$T/all.json")
got=$(desk --offline unassigned list --json | jq -c 'map(.id)')
[ "$want" != "[]" ] && [ "$got" = "$want" ] || fail "unassigned list $got, want $want"
want=$(jq -c '[.[] | select(.type == "REFUND")] | map(.id) | sort' "$T/all.json")
got=$(desk --offline refunds list --json | jq -c 'map(.id) | sort')
[ "$want" != "[]" ] && [ "$got" = "$want" ] || fail "refunds list differs from type:REFUND"
desk --offline refunds list --json | jq -e 'map(.createdAt) as $c | $c == ($c | sort | reverse)' >/dev/null ||
  fail "refunds list is not newest first"
parent=$(jq -r '[.[] | select(.type == "REFUND")][0].parentPaymentId' "$T/all.json")
want=$(jq -c --arg p "$parent" '[.[] | select(.parentPaymentId == $p)] | map(.id) | sort' "$T/all.json")
got=$(desk --offline refunds list --parent "$parent" --json | jq -c 'map(.id) | sort')
[ "$got" = "$want" ] || fail "refunds list --parent: $got, want $want"
[ "$(sb_get "/payments/$parent/refund" | jq -c '.refunds | map(.id) | sort')" = "$want" ] ||
  fail "the cache's refunds of $parent differ from the sandbox's"
desk --offline review list >"$T/review.txt"
[ "$(wc -l <"$T/review.txt")" -gt 1 ] || fail "review list (text) is empty"

# --- customers ---
desk --offline customers list --json >"$T/customers.json"
nc=$(jq length "$T/customers.json")
[ "$nc" = "$(sb_get '/customers?limit=1' | jq .pagination.total)" ] ||
  fail "customers: cache $nc vs sandbox $(sb_get '/customers?limit=1' | jq .pagination.total)"
cid=$(jq -r '[.[] | select((.documents | length) > 0)][0].id' "$T/customers.json")
[ "$(desk --offline customers show "$cid" --json | jq -c '{id,firstName,lastName,documents: (.documents | length)}')" = \
  "$(sb_get "/customers/$cid" | jq -c '{id,firstName,lastName,documents: (.documents | length)}')" ] ||
  fail "customers show $cid differs from the sandbox"
desk --offline customers show "$cid" >"$T/cust.txt"
grep -q "$(jq -r --arg c "$cid" '.[] | select(.id == $c) | .lastName' "$T/customers.json")" "$T/cust.txt" ||
  fail "customers show (text) lacks the name"
last=$(jq -r --arg c "$cid" '.[] | select(.id == $c) | .lastName' "$T/customers.json")
desk --offline customers list "$last" --json | jq -e --arg c "$cid" 'map(.id) | index($c) != null' >/dev/null ||
  fail "customers list \"$last\" does not find $cid"

# --- export: CSV and JSON of the same list ---
for what in payments review refunds; do
  desk --offline export "$what" --format json >"$T/exp.json"
  desk --offline export "$what" --format csv >"$T/exp.csv"
  n_json=$(jq length "$T/exp.json")
  n_csv=$(python3 -c 'import csv,sys; r=list(csv.reader(open(sys.argv[1], newline=""))); print(len(r)-1)' "$T/exp.csv")
  [ "$n_json" -ge 1 ] && [ "$n_json" = "$n_csv" ] || fail "export $what: json $n_json rows, csv $n_csv"
  head -n 1 "$T/exp.csv" | grep -q '^id,created_at,type,status,amount,currency' ||
    fail "export $what csv header: $(head -n 1 "$T/exp.csv")"
  # Same ids in the same order.
  cmp -s <(jq -r '.[].id' "$T/exp.json") \
         <(python3 -c 'import csv,sys; [print(r[0]) for r in list(csv.reader(open(sys.argv[1], newline="")))[1:]]' "$T/exp.csv") ||
    fail "export $what: csv and json rows differ"
done
[ "$(desk --offline export payments --format json | jq length)" = "$total" ] || fail "export payments count"
desk --offline export payments >"$T/default.csv"
cmp -s "$T/default.csv" <(desk --offline export payments --format csv) || fail "export's default is not CSV"
expect_exit 2 desk --offline export customers --format csv
expect_exit 2 desk --offline export payments --format xml
expect_exit 2 desk --offline export

! grep -q $'\x1b' "$T/exp.csv" || fail "export wrote a raw escape sequence"
n=$(desk --offline export payments --format json currency:USD | jq length)
[ "$n" = "$(jq '[.[] | select(.currency == "USD")] | length' "$T/all.json")" ] || fail "export with a filter: $n"

# --- upload: checked locally before anything is sent; 20 MiB is the limit ---
rv=$(jq -r '[.[] | select(.status == "REQUIRES_REVIEW" and .documentationStatus == "PENDING_UPLOAD")][0].id // empty' "$T/all.json")
[ -n "$rv" ] || fail "no payment waiting for a document"
uploads() { admin_get "/_admin/ledger?objectId=$rv" | jq '[.entries[] | select(.action | test("upload|document"))] | length'; }
truncate -s $((20 * 1024 * 1024 + 1)) "$T/big.pdf"
expect_exit 2 desk upload "$rv" --type kyc "$T/big.pdf" --yes
grep -q '20 MiB' <<<"$ERR" || fail "oversized upload: $ERR"
expect_exit 2 desk upload "$rv" --type bogus "$T/big.pdf" --yes
grep -q 'kyc' <<<"$ERR" || fail "bad document type: $ERR"
expect_exit 2 desk upload "$rv" --type kyc "$T/missing.pdf" --yes
[ "$(uploads)" = 0 ] || fail "a refused upload reached the sandbox"
truncate -s $((20 * 1024 * 1024)) "$T/limit.pdf"
expect_exit 0 desk upload "$rv" --type kyc "$T/limit.pdf" --yes
[ "$(uploads)" -ge 1 ] || fail "a 20 MiB upload did not reach the sandbox"
[ "$(sb_get "/payments/$rv" | jq -r .documentationStatus)" = UPLOADED ] || fail "documentation not UPLOADED"

# --- outbox list|cancel: actions whose outcome is unknown ---
# refundable N: N SETTLED payments without any refund.
refundable() {
  local n=0 p
  for p in $(jq -r '.[] | select(.status == "SETTLED" and .type != "REFUND") | .id' "$T/all.json"); do
    if sb_get "/payments/$p/refund" | jq -e '.refunds | length == 0' >/dev/null; then
      echo "$p"; n=$((n + 1)); [ "$n" -lt "$1" ] || return 0
    fi
  done
  fail "fewer than $1 refundable payments"
}
read -r rp rq ry <<<"$(refundable 3 | tr '\n' ' ')"
refunds_on_server() { sb_get "/payments/$1/refund" | jq '.refunds | length'; }
# unknown_refund P FAULT: a refund of 1 whose POST meets FAULT (drop:
# nothing happened; commitThenDrop: it happened) and whose reconciling
# reads are all dropped, so it stays open as `unknown` (exit 3).
unknown_refund() {
  admin_post /_admin/faults "{\"once\":[{\"fault\":\"$2\",\"method\":\"POST\",\"pathPrefix\":\"/payments/$1/refund\",\"count\":1},{\"fault\":\"drop\",\"method\":\"GET\",\"pathPrefix\":\"/payments/$1\",\"count\":200}]}" >/dev/null
  expect_exit 3 desk refund --amount 1 "$1" --yes
  admin_post /_admin/faults '{}' >/dev/null
}
outbox_id_of() {
  desk --offline outbox list --json |
    jq -r --arg p "$1" '[.[] | select(tostring | contains($p))][0].id // empty'
}

# Committed on the server, answer lost: open and `unknown` in the outbox.
unknown_refund "$rp" commitThenDrop
desk --offline outbox list --json >"$T/outbox.json"
[ "$(jq length "$T/outbox.json")" = 1 ] || fail "outbox list: $(cat "$T/outbox.json")"
oid=$(outbox_id_of "$rp")
[ -n "$oid" ] || fail "outbox list does not name $rp: $(cat "$T/outbox.json")"
jq -e '.[0] | tostring | test("unknown")' "$T/outbox.json" >/dev/null ||
  fail "outbox entry not unknown: $(cat "$T/outbox.json")"
desk --offline outbox list | grep -q unknown || fail "outbox list (text) lacks the entry"
# A second money action on the same payment is refused while it is open.
expect_exit 5 desk refund --amount 1 "$rp" --yes
grep -q "outbox cancel $oid" <<<"$ERR" || fail "open refund: $ERR"
# Offline, an unknown entry cannot be cancelled: it may have happened.
expect_exit 5 desk --offline outbox cancel "$oid"

# --- cache purge keeps open actions and the activity log ---
acts=$(desk --offline activity --json | jq length)
[ "$acts" -ge 2 ] || fail "activity log has $acts entries"
expect_exit 0 desk cache purge
[ "$(desk --offline payments list --json | jq length)" = 0 ] || fail "payments survive a purge"
[ "$(desk --offline customers list --json | jq length)" = 0 ] || fail "customers survive a purge"
[ "$(desk --offline activity --json | jq length)" -ge "$acts" ] || fail "purge lost the activity log"
[ "$(desk --offline outbox list --json | jq length)" = 1 ] || fail "purge lost the open action"
[ "$(desk --offline activity --limit 1 --json | jq length)" = 1 ] || fail "activity --limit"

# Cancel reconciles first: the refund happened, so it is not cancelled,
# and nothing more is sent.
expect_exit 5 desk outbox cancel "$oid"
grep -q succeeded <<<"$ERR" || fail "cancel of a refund that happened: $ERR"
[ "$(refunds_on_server "$rp")" = 1 ] || fail "$(refunds_on_server "$rp") refunds of $rp"
[ "$(desk --offline outbox list --json | jq length)" = 0 ] || fail "entry still open"
desk sync >/dev/null
[ "$(desk --offline payments list --json | jq length)" -ge "$total" ] || fail "sync after purge"

# Never reached the server: cancel finds nothing there, cancels, and the
# refund is never sent.
unknown_refund "$rq" drop
oid=$(outbox_id_of "$rq")
[ -n "$oid" ] || fail "no open entry for $rq"
# Within the grace period after the send the request may still be running
# on the server, so it cannot be cancelled yet.
expect_exit 5 desk outbox cancel "$oid"
grep -q "may still be running" <<<"$ERR" || fail "early cancel: $ERR"
# After the grace period: the outbox's clock moved ahead (a test hook).
CONOMY_TEST_CLOCK_SKEW_MS=46000 expect_exit 0 desk outbox cancel "$oid"
[ "$(sql "$CONOMY_CACHE" "SELECT state FROM outbox WHERE id = $oid")" = cancelled ] ||
  fail "outbox entry is $(sql "$CONOMY_CACHE" "SELECT state FROM outbox WHERE id = $oid")"
desk sync >/dev/null
[ "$(refunds_on_server "$rq")" = 0 ] || fail "a cancelled refund was sent"

# --- confirmation on a terminal: "n" sends nothing, "y" sends ---
# on_tty ANSWER ARGS...: run the desk on a pseudo-terminal, answer its
# [y/N] question; its screen output in $T/tty.out, its exit code returned.
on_tty() {
  python3 - "$DESK" "$@" >"$T/tty.out" <<'PY'
import os, pty, select, sys
desk, answer, args = sys.argv[1], sys.argv[2], sys.argv[3:]
pid, fd = pty.fork()
if pid == 0:
    os.execv(desk, [desk] + args)
out, asked = b"", False
while True:
    r, _, _ = select.select([fd], [], [], 30)
    if not r:
        break
    try:
        data = os.read(fd, 4096)
    except OSError:
        break
    if not data:
        break
    out += data
    if not asked and b"[y/N]" in out:
        os.write(fd, answer.encode() + b"\n")
        asked = True
_, st = os.waitpid(pid, 0)
sys.stdout.write(out.decode("utf-8", "replace"))
sys.exit(os.waitstatus_to_exitcode(st) if asked else 99)
PY
}
set +e; on_tty n refund --amount 1 "$ry"; rc=$?; set -e
[ "$rc" != 99 ] || fail "no confirmation asked on a terminal: $(cat "$T/tty.out")"
[ "$rc" != 0 ] || fail "a refused confirmation exited 0"
grep -q "$ry" "$T/tty.out" && grep -q 'amount' "$T/tty.out" ||
  fail "the question does not show what would be sent: $(cat "$T/tty.out")"
[ "$(refunds_on_server "$ry")" = 0 ] || fail "answering n still refunded"
[ "$(desk --offline outbox list --json | jq length)" = 0 ] || fail "answering n left an open action"
set +e; on_tty y refund --amount 1 "$ry"; rc=$?; set -e
[ "$rc" = 0 ] || fail "answering y: exit $rc: $(cat "$T/tty.out")"
[ "$(refunds_on_server "$ry")" = 1 ] || fail "answering y did not refund"
# Without --amount the question shows the exact amount that would be sent:
# what is left to refund after the refund above.
set +e; on_tty n refund "$ry"; rc=$?; set -e
[ "$rc" != 99 ] && [ "$rc" != 0 ] || fail "refund without --amount on a terminal: exit $rc"
left=$(sb_get "/payments/$ry/refund" | jq -r '.summary.maxRefundable + " " + .summary.currency')
python3 - "$T/tty.out" "$left" <<'PY' || fail "the question does not show $left: $(cat "$T/tty.out")"
import decimal, re, sys
text = open(sys.argv[1], encoding="utf-8", errors="replace").read()
want_amount, want_cur = sys.argv[2].split()
m = re.search(r"amount:\s+([0-9][0-9.,]*)\s+([A-Z]{3,4})", text)
ok = m and m.group(2) == want_cur and \
    decimal.Decimal(m.group(1).replace(",", "")) == decimal.Decimal(want_amount)
sys.exit(0 if ok else 1)
PY
[ "$(refunds_on_server "$ry")" = 1 ] || fail "answering n sent a second refund"

# --- --offline never touches the network ---
# A listener that records every connection and closes it at once.
trap_port=$(free_port)
python3 - "$trap_port" "$T/conns" <<'PY' &
import socket, sys
s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(("127.0.0.1", int(sys.argv[1]))); s.listen(16)
while True:
    c, _ = s.accept()
    open(sys.argv[2], "a").write("connection\n")
    c.close()
PY
_pids+=("$!")
: >"$T/conns"
wait_until 5 python3 -c 'import socket,sys; socket.create_connection(("127.0.0.1", int(sys.argv[1])), 1)' "$trap_port" ||
  fail "connection recorder did not start"
: >"$T/conns"
for cmd in "payments list" "payments show $id" "review list" "refunds list" \
           "unassigned list" "customers list" "activity" "outbox list" \
           "export payments --format csv"; do
  # shellcheck disable=SC2086
  CONOMY_BASE_URL="http://127.0.0.1:$trap_port/sandbox" expect_exit 0 desk --offline $cmd
done
CONOMY_BASE_URL="http://127.0.0.1:$trap_port/sandbox" expect_exit 2 desk --offline capture "$id" --yes
[ ! -s "$T/conns" ] || fail "--offline opened $(wc -l <"$T/conns") connection(s)"
# The recorder does see a desk that is online.
CONOMY_BASE_URL="http://127.0.0.1:$trap_port/sandbox" expect_exit 3 desk sync
[ -s "$T/conns" ] || fail "the connection recorder saw nothing; the check above proves nothing"

# --- another tenant's desk sees only its own payments ---
t2=$(jq -c '.tenants[1]' <<<"$SB_LINE")
CONOMY_API_KEY=$(jq -r .apiKey <<<"$t2") CONOMY_CLIENT_ID=$(jq -r .clientId <<<"$t2") \
  CONOMY_CLIENT_SECRET=$(jq -r .clientSecret <<<"$t2") \
  expect_exit 0 desk --cache "$T/tenant2.db" sync
desk --offline --cache "$T/tenant2.db" payments list --json | jq -r '.[].id' | sort >"$T/t2_ids"
[ -s "$T/t2_ids" ] || fail "the second tenant synced nothing"
[ -z "$(comm -12 "$T/t2_ids" <(jq -r '.[].id' "$T/all.json" | sort))" ] ||
  fail "the second tenant's cache holds the first tenant's payments"

# --- configuration: credentials file, profiles, secrets ---
cfg="$XDG_CONFIG_HOME/conomy-desk"
mkdir -p "$cfg"
unset CONOMY_CLIENT_SECRET
printf 'client_secret = %s\n' "$SB_SECRET" >"$cfg/credentials"
chmod 644 "$cfg/credentials"
expect_exit 8 desk sync
grep -q 'chmod 600' <<<"$ERR" || fail "loose credentials: $ERR"
expect_exit 8 desk --offline payments list
chmod 600 "$cfg/credentials"
expect_exit 0 desk sync
! grep -rq "$SB_SECRET" "$CONOMY_CACHE" "$T"/*.json 2>/dev/null || fail "the secret leaked into the cache or output"
# Nor the bearer token (the sandbox's are JWTs: base64 of '{"alg"...').
! grep -q 'eyJhbGci' "$CONOMY_CACHE" 2>/dev/null || fail "an access token was written to the cache"

# Profiles: [default] and a named one with its own secret file.
unset CONOMY_BASE_URL CONOMY_API_KEY CONOMY_CLIENT_ID
printf 'client_secret = %s\n' "$SB_SECRET" >"$T/other.secret"
chmod 600 "$T/other.secret"
cat >"$cfg/config" <<EOF
[default]
base_url = http://127.0.0.1:1/sandbox
api_key = $SB_KEY
client_id = $SB_ID

[other]
base_url = $SB_URL
api_key = $SB_KEY
client_id = $SB_ID
secret_file = $T/other.secret
EOF
# A config file that holds an api_key must be private, like the credentials.
chmod 644 "$cfg/config"
expect_exit 8 desk --cache "$T/p0.db" -p other sync
grep -q 'api_key.*chmod 600' <<<"$ERR" || fail "readable config with api_key: $ERR"
chmod 600 "$cfg/config"
expect_exit 3 desk --cache "$T/p1.db" sync
expect_exit 0 desk --cache "$T/p2.db" -p other sync
CONOMY_PROFILE=other expect_exit 0 desk --cache "$T/p3.db" sync
[ "$(desk --offline --cache "$T/p2.db" payments list --json | jq length)" -ge "$total" ] ||
  fail "profile other synced too little"
# The environment wins over the profile.
CONOMY_BASE_URL="$SB_URL" expect_exit 0 desk --cache "$T/p4.db" sync
CONOMY_BASE_URL=http://127.0.0.1:1/sandbox expect_exit 3 desk --cache "$T/p5.db" -p other sync
expect_exit 8 desk -p nope --offline payments list
grep -q nope <<<"$ERR" || fail "unknown profile: $ERR"
# A secret in the config file is refused, with the reason.
printf 'client_secret = %s\n' "$SB_SECRET" >>"$cfg/config"
expect_exit 8 desk -p other --cache "$T/p6.db" sync
grep -q client_secret <<<"$ERR" || fail "client_secret in config: $ERR"
! grep -q "$SB_SECRET" <<<"$ERR" || fail "the secret was printed"
# A remote plain-http profile is refused before any I/O.
cat >"$cfg/config" <<EOF
[prod]
base_url = http://api.example.com/v1
api_key = k
client_id = c
EOF
chmod 600 "$cfg/config"
expect_exit 8 desk -p prod --cache "$T/p7.db" sync
grep -q https <<<"$ERR" || fail "http production profile: $ERR"
note "ok: $total payments"
