#!/usr/bin/env bash
# bench/ui.sh - the desk on large caches, each figure with its peer from the
# same run: first paint against sqlite3 printing the same first page; key to
# frame and the bytes of the frame for a one-row move inside the screen, a
# one-row move at the bottom edge (the list scrolls), a page, the end, a
# detail, a filter matching 10%, a full-text search, the Customers pane and
# its end, against less -S scrolling the same rows; the same moves with
# --arrow-cursor (the cursor a marker, not a highlighted row: bin "arrow");
# peak RSS (VmHWM) after browsing, against less's.
#
# Caches of 10k, 100k and 1M payments (and a twentieth as many customers)
# are written by cache_gen (through the cache's write path) into
# $BENCH_CACHE_DIR (default /tmp/conomy-bench) and kept for the next run. BENCH_UI_SIZES="10000 100000" runs fewer sizes.
# BENCH_UI_BASELINE=/path/to/an/older/conomy-desk measures that binary too,
# interleaved with this one on the same caches, and prints it beside.
# Figures are printed (bench/ui_report.py) and written as JSON to
# $BENCH_RESULTS (default bench/results-ui.json).
set -euo pipefail
: "${BUILD_DIR:?run through script/bench}" "${SOURCE_DIR:?}"
dir=${BENCH_CACHE_DIR:-/tmp/conomy-bench}
out=${BENCH_RESULTS:-$SOURCE_DIR/bench/results-ui.json}
sizes=${BENCH_UI_SIZES:-"10000 100000 1000000"}
pty="python3 $SOURCE_DIR/bench/ui_pty.py"
mkdir -p "$dir"
raw=$(mktemp)
trap 'rm -f "$raw"' EXIT
export LANG=C.UTF-8 LC_ALL=C.UTF-8
ROW_RE='[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2} '  # a row's date (80 columns)
WIDE_RE='20[0-9]{2}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2} '
page_sql="SELECT substr(id,-8), strftime('%m-%d %H:%M', created_at/1000, 'unixepoch'),
  type, status, amount_minor, currency, customer_name FROM payments
  ORDER BY created_at DESC, id DESC LIMIT"
largest=$(echo $sizes | tr ' ' '\n' | tail -1)
bins="desk=$BUILD_DIR/conomy-desk"
[ -n "${BENCH_UI_BASELINE:-}" ] && bins="$bins before=$BENCH_UI_BASELINE"

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

# desk <binary> <cache> <ui_pty args...>: one JSON line
# (DESK_ARGS: more options for the desk)
desk() { CONOMY_CACHE="$2" timeout 300 $pty "${@:3}" -- "$1" --offline ${DESK_ARGS:-}; }

# At 80x24 the Payments pane shows 18 rows and the cursor starts on the
# first: 17 presses of j stay inside the screen (one row loses the
# highlight, the next gets it), and every j after that is on the last row,
# so the list scrolls by one. less has no cursor: its j always scrolls.
moves=(--keys "row_in:j:17" --keys "row_scroll:j:60" --keys "page:pgdn:20"
  --keys "end:G:1" --keys "top:g:1")
# The slower keys are each timed to the frame that answers them (--until),
# ten times, the pane put back between presses (--reset); the Customers
# pane's rows were read at start-up, so its first paint is the key 3, and
# its end is G to customer 1 (cache_gen's oldest).
slow=(--keys "detail:enter:10" --until 'total amount' --reset q
  --keys 'filter10:/status:CAPTURED\r:10' --until 'filter: status:CAPTURED' --reset esc
  --keys 'search:/Invoice 4242\r:10' --until 'filter: Invoice 4242' --reset esc
  --keys 'customers:3:1' --until 'NAME / EMAIL'
  --keys 'customers_end:G:1' --until 'rez-000001')

for n in $sizes; do
  db="$dir/pay-$n.db"
  "$BUILD_DIR/bench/cache_gen" "$db" "$n" "$((n / 20))" >&2  # and n/20 customers
  echo "{\"kind\":\"cache\",\"size\":$n,\"bytes\":$(stat -c %s "$db")}" >>"$raw"
  for run in 1 2 3; do # first paint: each binary in turn, 3 times
    for b in $bins; do
      desk "${b#*=}" "$db" --tag kind=first80 --tag size="$n" --tag bin="${b%%=*}" \
        --cols 80 --rows 24 --wait "$ROW_RE" >>"$raw"
      desk "${b#*=}" "$db" --tag kind=first200 --tag size="$n" --tag bin="${b%%=*}" \
        --cols 200 --rows 60 --wait "$WIDE_RE" >>"$raw"
    done
  done
  # keys once the header's figures are in (the background reader's scan
  # of every row has ended), so no frame of a key carries them
  for b in $bins; do
    extra=()
    [ "$n" = "$largest" ] && extra=("${slow[@]}")
    desk "${b#*=}" "$db" --tag kind=keys --tag size="$n" --tag bin="${b%%=*}" \
      --cols 80 --rows 24 --wait "(^|[^0-9])$n payments" "${moves[@]}" "${extra[@]}" >>"$raw"
  done
  # the same moves with the arrow cursor: a move rewrites the marker only
  DESK_ARGS=--arrow-cursor desk "$BUILD_DIR/conomy-desk" "$db" --tag kind=keys \
    --tag size="$n" --tag bin=arrow --cols 80 --rows 24 \
    --wait "(^|[^0-9])$n payments" "${moves[@]}" >>"$raw"
  echo "{\"kind\":\"sqlite3\",\"size\":$n,\"first80\":$(sqlite_ms "$db" 21),\"first200\":$(sqlite_ms "$db" 57)}" >>"$raw"
done

# the peer for bytes per move: less on the same rows at 80x24
db="$dir/pay-$(echo $sizes | tr ' ' '\n' | head -1).db"
sqlite3 "$db" "$page_sql 2000" >"$dir/page.txt"
LESS= timeout 60 $pty --tag kind=less --cols 80 --rows 24 --wait 'SETTLED' \
  --keys "row_scroll:j:60" --keys "page:pgdn:20" -- less -S "$dir/page.txt" >>"$raw"
python3 "$SOURCE_DIR/bench/ui_report.py" "$raw" "$out"
