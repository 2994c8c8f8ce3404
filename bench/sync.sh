#!/usr/bin/env bash
# Sync benchmark: conomy-desk against conomy-sandbox on loopback.
#
#   - full sync of BENCH_SYNC_PAYMENTS payments (default 100000) into an
#     empty cache: wall time and payments per second;
#   - incremental sync after 1% of the payments changed (captured through
#     the API between runs);
#   - side by side, in the same run, a plain sequential curl download of the
#     same pages (limit=500, one connection, bodies discarded): the floor set
#     by the sandbox and HTTP alone, without parsing or writing a cache.
# Median of BENCH_SYNC_RUNS runs (default 3). Needs a release build in
# $BUILD_DIR (script/bench sets it to build-bench). Not a test: it never
# fails on time, only when a sync fails or the cache is wrong.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
export BUILD_DIR=${BUILD_DIR:-$here/../build-bench}
source "$here/../tests/integration/lib.sh"

N=${BENCH_SYNC_PAYMENTS:-100000}
RUNS=${BENCH_SYNC_RUNS:-3}
CHANGED=$((N / 100))

# sandbox_gone WHAT: fail, saying whether the sandbox is still running.
sandbox_gone() {
  if kill -0 "$SB_PID" 2>/dev/null; then fail "$1"; fi
  wait "$SB_PID" 2>/dev/null && st=0 || st=$?
  tail -n 5 "$T"/sandbox.*.err >&2 2>/dev/null || true
  fail "$1: the sandbox exited (status $st)"
}
now_ms() { echo $(($(date +%s%N) / 1000000)); }
median() { sort -n | awk '{a[NR] = $1} END {print a[int((NR + 1) / 2)]}'; }
secs() { awk -v ms="$1" 'BEGIN {printf "%.2f", ms / 1000}'; }

t0=$(now_ms)
# A long settle delay keeps the data still between runs: only the payments
# this script changes move.
start_sandbox --demo-data "$N" --seed 1 --quiet --settle-delay-ms 86400000
startup_ms=$(($(now_ms) - t0))
total=$(sb_get "/payments?limit=1" | jq .pagination.total)
SB_TOKEN=$(sb_token)

# curl_pages FILE: download every URL of FILE in one sequential curl run
# (one connection), bodies discarded; prints milliseconds.
curl_pages() {
  local cfg="$T/curl.cfg" t
  : >"$cfg"
  while read -r u; do
    printf 'url = "%s"\noutput = "/dev/null"\n' "$u" >>"$cfg"
  done <"$1"
  t=$(now_ms)
  curl -sS --fail -K "$cfg" -H "x-api-key: $SB_KEY" \
    -H "Authorization: Bearer $SB_TOKEN" -H 'User-Agent: bench' \
    -w '%{size_download}\n' >"$T/curl.sizes" || sandbox_gone "curl download failed"
  t=$(($(now_ms) - t))
  # Every page arrived whole (a page of payments is never tiny).
  [ "$(wc -l <"$T/curl.sizes")" = "$(wc -l <"$1")" ] || fail "curl fetched too few pages"
  awk '{s += $1} END {print s}' "$T/curl.sizes" >"$T/last.bytes"
  echo "$t"
}

# The pages a full sync reads: payments oldest first, then the directory
# (customers, accounts, identities), 500 per page.
dir_pages() {
  local what n off
  for what in customers accounts identities; do
    n=$(sb_get "/$what?limit=1" | jq '.pagination.total // 0')
    for ((off = 0; off < n; off += 500)); do
      echo "$SB_URL/$what?limit=500&offset=$off"
    done
  done
}
: >"$T/full.urls"
for ((off = 0; off < total; off += 500)); do
  echo "$SB_URL/payments?sort=createdAt:asc&limit=500&offset=$off" >>"$T/full.urls"
done
dir_pages >"$T/dir.urls"
cat "$T/full.urls" "$T/dir.urls" >"$T/full_all.urls"

# --- full sync ---
: >"$T/full_desk"; : >"$T/full_curl"; : >"$T/full_curl_pay"
for ((r = 1; r <= RUNS; r++)); do
  rm -f "$CONOMY_CACHE" "$CONOMY_CACHE-wal" "$CONOMY_CACHE-shm"
  t=$(now_ms)
  desk sync >/dev/null || sandbox_gone "full sync failed"
  echo $(($(now_ms) - t)) >>"$T/full_desk"
  curl_pages "$T/full_all.urls" >>"$T/full_curl"
  curl_pages "$T/full.urls" >>"$T/full_curl_pay"
done
full_mb=$(awk '{printf "%.1f", $1 / 1048576}' "$T/last.bytes")
n=$(desk --offline payments list --json | jq length)
[ "$n" = "$total" ] || fail "the cache holds $n of $total payments"

# --- incremental sync with 1% changed ---
# Payments that can be captured, a fresh 1% for every run.
cands="$T/cands"
for st in CREATED AUTHORIZED; do
  m=$(sb_get "/payments?status=$st&limit=1" | jq .pagination.total)
  for ((off = 0; off < m; off += 500)); do
    sb_get "/payments?status=$st&limit=500&offset=$off" |
      jq -r '.results[] | select(.type != "TOPUP_ACCOUNT") | .id'
  done
done | shuf --random-source=<(yes 1) >"$cands"
[ "$(wc -l <"$cands")" -ge $((CHANGED * RUNS)) ] ||
  fail "only $(wc -l <"$cands") candidates for $RUNS x $CHANGED captures"

# capture_next N: capture the next N capturable candidates through the API
# (one keep-alive connection; a candidate the sandbox refuses, e.g. one that
# expired, is skipped). Captured ids go to $T/batch; $T/cursor advances.
echo 0 >"$T/cursor"
capture_next() {
  python3 - "$SB_URL" "$SB_KEY" "$SB_TOKEN" "$cands" "$T/cursor" "$1" \
    "$T/batch" <<'PY'
import http.client, sys, urllib.parse
base, key, token, cands, cursor, want, out = sys.argv[1:8]
ids = open(cands).read().split()
pos, want = int(open(cursor).read()), int(want)
u = urllib.parse.urlparse(base)
c = http.client.HTTPConnection(u.hostname, u.port, timeout=30)
done = []
while len(done) < want and pos < len(ids):
    pid = ids[pos]; pos += 1
    c.request("POST", u.path + "/payments/%s/captured" % pid, body="{}",
              headers={"x-api-key": key, "Authorization": "Bearer " + token,
                       "User-Agent": "bench", "Content-Type": "application/json"})
    r = c.getresponse(); r.read()
    if r.status < 300:
        done.append(pid)
open(cursor, "w").write(str(pos))
open(out, "w").write("\n".join(done) + "\n")
sys.exit(0 if len(done) == want else 1)
PY
}

: >"$T/inc_desk"; : >"$T/inc_curl"; : >"$T/inc_curl_pay"; : >"$T/inc_pages"
for ((r = 1; r <= RUNS; r++)); do
  capture_next "$CHANGED" || fail "could not capture $CHANGED payments"
  # The pages an incremental sync reads: payments by updatedAt, newest
  # first, down to the previous sync's newest change minus its 5-minute
  # overlap; then the directory again.
  since=$(desk --offline payments list --sort -updated --limit 1 --json |
    jq -r '.[0].updatedAt')
  : >"$T/inc.urls"
  for ((off = 0; ; off += 500)); do
    url="$SB_URL/payments?sort=updatedAt:desc&limit=500&offset=$off"
    echo "$url" >>"$T/inc.urls"
    sb_get "${url#"$SB_URL"}" | jq -e --arg s "$since" '
      (.results | length) == 500 and
      (.results[-1].updatedAt | sub("\\.[0-9]+Z$"; "Z") | fromdate) >=
      (($s | sub("\\.[0-9]+Z$"; "Z") | fromdate) - 300)' >/dev/null || break
  done
  t=$(now_ms)
  desk sync >/dev/null || sandbox_gone "incremental sync failed"
  echo $(($(now_ms) - t)) >>"$T/inc_desk"
  wc -l <"$T/inc.urls" >>"$T/inc_pages"
  cat "$T/inc.urls" "$T/dir.urls" >"$T/inc_all.urls"
  curl_pages "$T/inc_all.urls" >>"$T/inc_curl"
  curl_pages "$T/inc.urls" >>"$T/inc_curl_pay"
  # Every changed payment shows its new state.
  for id in $(head -n 20 "$T/batch"); do
    [ "$(desk --offline payments show "$id" --json | jq -r .status)" = \
      "$(sb_get "/payments/$id" | jq -r .status)" ] ||
      fail "incremental sync missed the change of $id"
  done
done

fd=$(median <"$T/full_desk"); fc=$(median <"$T/full_curl"); fp=$(median <"$T/full_curl_pay")
id_=$(median <"$T/inc_desk"); ic=$(median <"$T/inc_curl"); ip=$(median <"$T/inc_curl_pay")
pages_full=$(wc -l <"$T/full.urls"); pages_dir=$(wc -l <"$T/dir.urls")
pages_inc=$(median <"$T/inc_pages")
rate() { awk -v n="$total" -v ms="$1" 'BEGIN {printf "%.0f", (ms > 0) ? n * 1000 / ms : 0}'; }

echo "sync benchmark: $total payments, loopback, median of $RUNS runs"
echo "  (sandbox start with demo data: $(secs "$startup_ms") s; pages of 500;"
echo "   all payment pages: $full_mb MiB of JSON)"
printf '%-34s %12s %14s %14s\n' "" "conomy-desk" "curl: same" "curl: payment"
printf '%-34s %12s %14s %14s\n' "" "sync" "pages" "pages only"
printf '%-34s %10s s %12s s %12s s\n' "full sync, wall time" "$(secs "$fd")" "$(secs "$fc")" "$(secs "$fp")"
printf '%-34s %12s %14s %14s\n' "full sync, payments/second" "$(rate "$fd")" "$(rate "$fc")" "$(rate "$fp")"
printf '%-34s %12s %14s %14s\n' "full sync, pages" "" "$((pages_full + pages_dir))" "$pages_full"
printf '%-34s %10s s %12s s %12s s\n' "incremental, $CHANGED changed (1%)" "$(secs "$id_")" "$(secs "$ic")" "$(secs "$ip")"
printf '%-34s %12s %14s %14s\n' "incremental, pages" "" "$((pages_inc + pages_dir))" "$pages_inc"
echo "  runs (ms): full desk [$(paste -sd' ' "$T/full_desk")] curl [$(paste -sd' ' "$T/full_curl")];" \
  "incremental desk [$(paste -sd' ' "$T/inc_desk")] curl [$(paste -sd' ' "$T/inc_curl")]"
