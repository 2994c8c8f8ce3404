# Helpers for tests against hostile_server.py (sourced after lib.sh).
HS="$(dirname "${BASH_SOURCE[0]}")/hostile_server.py"

# start_hostile MODE [ARGS...]: starts the double, sets HS_URL, HS_ROOT,
# HS_PID and the CONOMY_* variables (like start_sandbox).
start_hostile() {
  local out="$T/hostile.$RANDOM.out" line=""
  python3 "$HS" --mode "$@" >"$out" 2>"$out.err" &
  HS_PID=$!
  _pids+=("$HS_PID")
  for _ in $(seq 1 200); do
    line=$(head -n 1 "$out" 2>/dev/null || true)
    [ -n "$line" ] && break
    kill -0 "$HS_PID" 2>/dev/null || { cat "$out.err" >&2; fail "hostile died"; }
    sleep 0.05
  done
  [ -n "$line" ] || fail "no startup line"
  HS_URL=$(jq -r .baseUrl <<<"$line")
  HS_ROOT=${HS_URL%/sandbox}
  export CONOMY_BASE_URL="$HS_URL" CONOMY_API_KEY=$(jq -r .apiKey <<<"$line")
  export CONOMY_CLIENT_ID=$(jq -r .clientId <<<"$line")
  export CONOMY_CLIENT_SECRET=$(jq -r .clientSecret <<<"$line")
}
stop_hostile() { kill "$HS_PID" 2>/dev/null || true; wait "$HS_PID" 2>/dev/null || true; }
hs_stats() { curl -fsS "$HS_ROOT/__hostile/stats"; }
hs_post() { curl -fsS -X POST "$HS_ROOT/__hostile/$1" -d "${2:-{\}}"; }

# cache_ok DB: PRAGMA integrity_check says ok.
cache_ok() {
  local r
  r=$(python3 -c 'import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute("PRAGMA integrity_check").fetchone()[0])' "$1")
  [ "$r" = ok ] || fail "integrity_check of $1: $r"
}
