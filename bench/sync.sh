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
# Also measured for the desk: the cache file's size per payment, the bytes
# the desk process wrote to disk during the full sync (the kernel's
# write_bytes of the process, as /proc/<pid>/io shows it; /usr/bin/time
# reports it in 512-byte blocks) and its peak RSS. Figures are printed and
# written as JSON to $BENCH_RESULTS (default bench/results-sync.json).
# BENCH_SYNC_BASELINE=/path/to/an/older/conomy-desk runs that desk too, in
# the same rounds against the same server (its own cache file), for a
# before/after side by side.
# Median of BENCH_SYNC_RUNS runs (default 3). Needs a release build in
# $BUILD_DIR (script/bench sets it to build-bench). Not a test: it never
# fails on time, only when a sync fails or the cache is wrong.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
export BUILD_DIR=${BUILD_DIR:-$here/../build-bench}
source "$here/../tests/integration/lib.sh"

N=${BENCH_SYNC_PAYMENTS:-100000}
out=${BENCH_RESULTS:-${SOURCE_DIR:-$here/..}/bench/results-sync.json}
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
# desk_measured PREFIX ARGS...: run the desk under /usr/bin/time; appends
# its wall ms to PREFIX.ms, its peak RSS (KiB) to PREFIX.rss and the bytes
# it wrote to disk to PREFIX.wb.
BASE=${BENCH_SYNC_BASELINE:-}
desk_measured() {
  local p=$1 t bin=$DESK
  shift
  case "$p" in *_base) bin=$BASE ;; esac
  t=$(now_ms)
  /usr/bin/time -f '%M %O' -o "$T/time.out" "$bin" "$@" >/dev/null || return 1
  echo $(($(now_ms) - t)) >>"$p.ms"
  read -r rss blocks <"$T/time.out"
  echo "$rss" >>"$p.rss"
  echo $((blocks * 512)) >>"$p.wb"
}
# base_run PREFIX ARGS...: the same with the baseline desk on its own
# cache, when there is one.
base_run() {
  [ -n "$BASE" ] || return 0
  local p=$1
  shift
  CONOMY_CACHE="$T/base.db" desk_measured "${p}_base" "$@"
}
cache_bytes() {
  local s=0 f
  for f in "${1:-$CONOMY_CACHE}" "${1:-$CONOMY_CACHE}-wal"; do
    [ -f "$f" ] && s=$((s + $(stat -c %s "$f")))
  done
  echo "$s"
}

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
: >"$T/full_desk"; : >"$T/full_curl"; : >"$T/full_curl_pay"; : >"$T/full_size"
load_full=$(cut -d' ' -f1 /proc/loadavg)
for ((r = 1; r <= RUNS; r++)); do
  rm -f "$CONOMY_CACHE" "$CONOMY_CACHE-wal" "$CONOMY_CACHE-shm"
  sync
  desk_measured "$T/full" sync || sandbox_gone "full sync failed"
  cache_bytes >>"$T/full_size"
  if [ -n "$BASE" ]; then
    rm -f "$T/base.db" "$T/base.db-wal" "$T/base.db-shm"
    base_run "$T/full" sync || sandbox_gone "baseline full sync failed"
    cache_bytes "$T/base.db" >>"$T/full_size_base"
  fi
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
load_inc=$(cut -d' ' -f1 /proc/loadavg)
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
  desk_measured "$T/inc" sync || sandbox_gone "incremental sync failed"
  base_run "$T/inc" sync || sandbox_gone "baseline incremental sync failed"
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
# A second incremental sync with nothing changed: what it still writes.
desk_measured "$T/idle" sync || sandbox_gone "idle incremental sync failed"
base_run "$T/idle" sync || sandbox_gone "baseline idle sync failed"

cp "$T/full.ms" "$T/full_desk"; cp "$T/inc.ms" "$T/inc_desk"
fd=$(median <"$T/full_desk"); fc=$(median <"$T/full_curl"); fp=$(median <"$T/full_curl_pay")
id_=$(median <"$T/inc_desk"); ic=$(median <"$T/inc_curl"); ip=$(median <"$T/inc_curl_pay")
pages_full=$(wc -l <"$T/full.urls"); pages_dir=$(wc -l <"$T/dir.urls")
pages_inc=$(median <"$T/inc_pages")
size=$(median <"$T/full_size"); wb=$(median <"$T/full.wb"); rss=$(median <"$T/full.rss")
iwb=$(median <"$T/inc.wb"); irss=$(median <"$T/inc.rss")
idle_ms=$(cat "$T/idle.ms"); idle_wb=$(cat "$T/idle.wb")
per_pay=$(awk -v s="$size" -v n="$total" 'BEGIN {printf "%.0f", s / n}')
wb_ratio=$(awk -v w="$wb" -v s="$size" 'BEGIN {printf "%.2f", w / s}')
mib() { awk -v b="$1" 'BEGIN {printf "%.1f", b / 1048576}'; }
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
echo "  desk, full sync: cache $(mib "$size") MiB ($per_pay bytes per payment);"
echo "    written to disk $(mib "$wb") MiB (${wb_ratio}x the cache); peak RSS $((rss / 1024)) MiB"
echo "  desk, incremental: written $(mib "$iwb") MiB, peak RSS $((irss / 1024)) MiB;" \
  "nothing changed: $(secs "$idle_ms") s, written $(mib "$idle_wb") MiB"
if [ -n "$BASE" ]; then
  bfd=$(median <"$T/full_base.ms"); bsize=$(median <"$T/full_size_base")
  bwb=$(median <"$T/full_base.wb"); brss=$(median <"$T/full_base.rss")
  bid=$(median <"$T/inc_base.ms")
  echo "  baseline desk ($BASE), same rounds: full $(secs "$bfd") s ($(rate "$bfd")/s)," \
    "cache $(awk -v s="$bsize" -v n="$total" 'BEGIN {printf "%.0f", s / n}') bytes per payment," \
    "written $(mib "$bwb") MiB ($(awk -v w="$bwb" -v s="$bsize" 'BEGIN {printf "%.2f", w / s}')x), peak RSS $((brss / 1024)) MiB;" \
    "incremental $(secs "$bid") s; nothing changed $(secs "$(cat "$T/idle_base.ms")") s," \
    "written $(mib "$(cat "$T/idle_base.wb")") MiB"
  echo "  runs (ms): baseline full [$(paste -sd' ' "$T/full_base.ms")] incremental [$(paste -sd' ' "$T/inc_base.ms")]"
fi
echo "  load average (1 min) at the start: full $load_full, incremental $load_inc; $(nproc) cores"
echo "  runs (ms): full desk [$(paste -sd' ' "$T/full_desk")] curl [$(paste -sd' ' "$T/full_curl")];" \
  "incremental desk [$(paste -sd' ' "$T/inc_desk")] curl [$(paste -sd' ' "$T/inc_curl")]"

python3 - "$out" <<PY
import json, sys
def runs(f): return [int(x) for x in open(f).read().split()]
r = {
  "payments": $total, "runs": $RUNS, "changed": $CHANGED, "cores": $(nproc),
  "load_avg_full": $load_full, "load_avg_incremental": $load_inc,
  "full": {"desk_ms": $fd, "curl_same_pages_ms": $fc, "curl_payment_pages_ms": $fp,
           "desk_payments_per_s": $(rate "$fd"), "curl_payments_per_s": $(rate "$fc"),
           "pages": $((pages_full + pages_dir)), "payment_pages": $pages_full,
           "cache_bytes": $size, "cache_bytes_per_payment": $per_pay,
           "written_bytes": $wb, "written_to_cache_ratio": $wb_ratio,
           "peak_rss_kib": $rss,
           "desk_runs_ms": runs("$T/full_desk"), "curl_runs_ms": runs("$T/full_curl")},
  "incremental": {"desk_ms": $id_, "curl_same_pages_ms": $ic, "curl_payment_pages_ms": $ip,
           "pages": $((pages_inc + pages_dir)), "payment_pages": $pages_inc,
           "written_bytes": $iwb, "peak_rss_kib": $irss,
           "desk_runs_ms": runs("$T/inc_desk"), "curl_runs_ms": runs("$T/inc_curl")},
  "incremental_nothing_changed": {"desk_ms": $idle_ms, "written_bytes": $idle_wb},
}
if "$BASE":
  b = lambda f: runs("$T/" + f)
  med = lambda v: sorted(v)[(len(v) - 1) // 2]
  r["baseline"] = {"desk": "$BASE",
    "full_ms": med(b("full_base.ms")), "full_runs_ms": b("full_base.ms"),
    "cache_bytes": med(b("full_size_base")),
    "written_bytes": med(b("full_base.wb")), "peak_rss_kib": med(b("full_base.rss")),
    "incremental_ms": med(b("inc_base.ms")), "incremental_runs_ms": b("inc_base.ms"),
    "nothing_changed_ms": b("idle_base.ms")[0], "nothing_changed_written_bytes": b("idle_base.wb")[0]}
json.dump(r, open(sys.argv[1], "w"), indent=1)
print("  written to " + sys.argv[1])
PY
