#!/usr/bin/env bash
# bench/ui.sh - the desk on large caches, each figure with its peer from the
# same run: first paint against sqlite3 printing the same first page, key to
# frame (one row, a page, the end, a detail, a filter, a full-text search)
# and the bytes a move sends against less, peak RSS. Caches of 10k, 100k and
# 1M payments are written by cache_gen (through the cache's write path) into
# $BENCH_CACHE_DIR (default /tmp/conomy-bench) and kept for the next run.
# Figures are printed and written as JSON to $BENCH_RESULTS (default
# bench/results-ui.json). BENCH_UI_SIZES="10000 100000" runs fewer sizes.
set -euo pipefail
: "${BUILD_DIR:?run through script/bench}" "${SOURCE_DIR:?}"
dir=${BENCH_CACHE_DIR:-/tmp/conomy-bench}
out=${BENCH_RESULTS:-$SOURCE_DIR/bench/results-ui.json}
sizes=${BENCH_UI_SIZES:-"10000 100000 1000000"}
pty="python3 $SOURCE_DIR/bench/ui_pty.py"
mkdir -p "$dir"
export LANG=C.UTF-8 LC_ALL=C.UTF-8
ROW_RE='[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2} '  # a row's date (80 columns)
WIDE_RE='20[0-9]{2}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2} '
page_sql="SELECT substr(id,-8), strftime('%m-%d %H:%M', created_at/1000, 'unixepoch'),
  type, status, amount_minor, currency, customer_name FROM payments
  ORDER BY created_at DESC, id DESC LIMIT"

# median ms of 5 runs of the sqlite3 CLI printing the first page
sqlite_ms() {
  python3 - "$1" "$2" "$page_sql" <<'EOF'
import subprocess, sys, time
db, n, sql = sys.argv[1], sys.argv[2], sys.argv[3]
t = []
for _ in range(5):
    t0 = time.monotonic()
    subprocess.run(["sqlite3", db, sql + " " + n], stdout=subprocess.DEVNULL, check=True)
    t.append((time.monotonic() - t0) * 1000)
print("%.1f" % sorted(t)[2])
EOF
}

desk() { CONOMY_CACHE="$1" timeout 300 $pty "${@:2}" -- "$BUILD_DIR/conomy-desk" --offline; }

results="{"
sep=""
for n in $sizes; do
  db="$dir/pay-$n.db"
  "$BUILD_DIR/bench/cache_gen" "$db" "$n" >&2
  bytes=$(stat -c %s "$db")
  # first paint: median of 3 at 80x24 and at 200x60
  fp80=$(for _ in 1 2 3; do desk "$db" --cols 80 --rows 24 --wait "$ROW_RE"; done |
    python3 -c 'import json,sys; v=sorted(json.loads(l)["first_ms"] for l in sys.stdin); print("%.1f" % v[1])')
  fp200=$(for _ in 1 2 3; do desk "$db" --cols 200 --rows 60 --wait "$WIDE_RE"; done |
    python3 -c 'import json,sys; v=sorted(json.loads(l)["first_ms"] for l in sys.stdin); print("%.1f" % v[1])')
  sq80=$(sqlite_ms "$db" 21)
  sq200=$(sqlite_ms "$db" 57)
  printf '%8s payments  first paint 80x24 %7s ms (sqlite3 %s ms)  200x60 %7s ms (sqlite3 %s ms)  cache %.0f B/payment\n' \
    "$n" "$fp80" "$sq80" "$fp200" "$sq200" "$((bytes / n))"
  results+="$sep\"$n\":{\"first_paint_80x24_ms\":$fp80,\"sqlite3_80x24_ms\":$sq80,"
  results+="\"first_paint_200x60_ms\":$fp200,\"sqlite3_200x60_ms\":$sq200,\"cache_bytes_per_payment\":$((bytes / n))"
  if [ "$n" = "$(echo $sizes | tr ' ' '\n' | tail -1)" ]; then
    keys=$(desk "$db" --cols 80 --rows 24 --wait "$ROW_RE" \
      --keys "row:j:40" --keys "page:pgdn:20" --keys "end:G:1" --keys "top:g:1" \
      --keys "detail:enter:1" --keys "back:q:1" \
      --keys 'filter10:/status:CAPTURED\r:1' --keys 'clear:esc:1' \
      --keys 'search:/Invoice 4242\r:1')
    results+=",\"keys\":$keys"
    echo "  key to frame at $n (p50 / p99 ms, bytes): $keys"
  fi
  results+="}"
  sep=","
done

# the peer for bytes per move: less on the same rows at 80x24
db="$dir/pay-$(echo $sizes | tr ' ' '\n' | head -1).db"
sqlite3 "$db" "$page_sql 2000" >"$dir/page.txt"
less_keys=$(LESS= timeout 60 $pty --cols 80 --rows 24 --wait 'SETTLED' \
  --keys "row:j:40" --keys "page:pgdn:20" -- less -S "$dir/page.txt")
echo "  less on the same rows: $less_keys"
results+=",\"less\":$less_keys}"
python3 -c 'import json,sys; json.dump(json.loads(sys.argv[1]), open(sys.argv[2], "w"), indent=1)' \
  "$results" "$out"
echo "  written to $out"
