#!/usr/bin/env bash
# Load test of conomy-sandbox on loopback with wrk: GET /payments/{id} and a
# list page of 50 (GET /payments?limit=50), printing requests/s and errors.
#   BUILD_DIR=build bench/sandbox_wrk.sh [duration-seconds] [connections]
# Not a test: it prints figures and fails only if it cannot run.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
BUILD_DIR=${BUILD_DIR:-$here/../build}
bin=$BUILD_DIR/conomy-sandbox
dur=${1:-5}
conns=${2:-32}
threads=2
command -v wrk >/dev/null || { echo "wrk is not installed"; exit 1; }
[ -x "$bin" ] || { echo "no $bin (build first)"; exit 1; }

tmp=$(mktemp -d)
pid=
cleanup() {
  if [ -n "$pid" ]; then kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi
  rm -rf "$tmp"
}
trap cleanup EXIT

"$bin" --listen 127.0.0.1:0 --db "$tmp/bench.db" --demo-data 20000 --seed 1 \
  --quiet >"$tmp/out" 2>"$tmp/err" &
pid=$!
for _ in $(seq 1 600); do [ -s "$tmp/out" ] && break; sleep 0.1; done
line=$(head -n 1 "$tmp/out")
[ -n "$line" ] || { echo "sandbox did not start"; cat "$tmp/err"; exit 1; }
base=$(jq -r .baseUrl <<<"$line")
key=$(jq -r .apiKey <<<"$line")
cid=$(jq -r .clientId <<<"$line")
sec=$(jq -r .clientSecret <<<"$line")
tok=$(curl -sf -X POST -H "x-api-key: $key" -H 'Content-Type: application/json' \
  -d "{\"clientId\":\"$cid\",\"clientSecret\":\"$sec\"}" "$base/auth" | jq -r .accessToken)
id=$(curl -sf -H "x-api-key: $key" -H "Authorization: Bearer $tok" \
  -H 'User-Agent: bench' "$base/payments?limit=1&offset=777" | jq -r '.results[0].id')

run() {
  local name=$1 url=$2 out
  out=$(wrk -t"$threads" -c"$conns" -d"${dur}s" --latency \
    -H "x-api-key: $key" -H "Authorization: Bearer $tok" \
    -H "User-Agent: conomy-bench/1.0" "$url")
  local rps errs non2xx p99
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  errs=$(awk '/Socket errors/ {gsub(",", ""); print $4 + $6 + $8 + $10}' <<<"$out")
  non2xx=$(awk '/Non-2xx/ {print $5}' <<<"$out")
  p99=$(awk '$1 == "99%" {print $2}' <<<"$out")
  printf '%-28s %10s req/s   p99 %-8s socket errors %s   non-2xx %s\n' \
    "$name" "$rps" "${p99:-?}" "${errs:-0}" "${non2xx:-0}"
}

echo "conomy-sandbox on loopback: 20000 demo payments, wrk -t$threads -c$conns -d${dur}s"
run "GET /payments/{id}" "$base/payments/$id"
run "GET /payments?limit=50" "$base/payments?limit=50"
