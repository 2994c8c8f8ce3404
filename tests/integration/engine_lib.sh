# shellcheck shell=bash
# Extra helpers for the engine's end-to-end tests (sourced after lib.sh).
# Functions lib.sh may already provide are only defined when missing.

declare -F sb_admin_base >/dev/null || sb_admin_base() {
  sed 's#/sandbox$##' <<<"$SB_URL"
}
declare -F admin_post >/dev/null || admin_post() {
  curl -fsS -X POST "$(sb_admin_base)$1" -H 'Content-Type: application/json' \
    -d "$2"
}
declare -F admin_get >/dev/null || admin_get() {
  curl -fsS "$(sb_admin_base)$1"
}
declare -F sb_post >/dev/null || sb_post() {
  curl -sS -X POST "$SB_URL$1" -H "x-api-key: $SB_KEY" \
    -H "Authorization: Bearer ${SB_TOKEN:=$(sb_token)}" -H 'User-Agent: it' \
    -H 'Content-Type: application/json' -d "$2"
}
declare -F first_id >/dev/null || first_id() {
  desk --offline payments list --json |
    jq -r "[.[] | select($1)][0].id // empty"
}

# wait_until SECONDS CMD...: poll CMD every 50 ms until it succeeds; fail
# after SECONDS.
wait_until() {
  local limit=$1; shift
  local end=$(($(date +%s%N) + limit * 1000000000))
  until "$@" >/dev/null 2>&1; do
    [ "$(date +%s%N)" -lt "$end" ] || return 1
    sleep 0.05
  done
}

# sql DB QUERY: run one query with python3's sqlite3 module, rows on stdout
# as tab-separated values.
sql() {
  python3 - "$1" "$2" <<'PY'
import sqlite3, sys
con = sqlite3.connect(sys.argv[1], timeout=10)
for row in con.execute(sys.argv[2]):
    print("\t".join("" if v is None else str(v) for v in row))
con.close()
PY
}

# integrity_ok DB: PRAGMA integrity_check says ok (prints it otherwise).
integrity_ok() {
  local r
  r=$(sql "$1" 'PRAGMA integrity_check')
  [ "$r" = ok ] || { echo "integrity_check: $r" >&2; return 1; }
}

# sb_all_ids [QUERY]: every payment id the sandbox holds for the first
# tenant (optionally with extra query parameters), sorted.
sb_all_ids() {
  local extra=${1:-} total off
  total=$(sb_get "/payments?limit=1$extra" | jq .pagination.total)
  for ((off = 0; off < total; off += 500)); do
    sb_get "/payments?limit=500&offset=$off&sort=createdAt:asc$extra" |
      jq -r '.results[].id'
  done | sort
}

# free_port: a TCP port on 127.0.0.1 nobody listens on right now.
free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

# ledger_count ACTION [OBJECT_ID]: executed state changes in the sandbox's
# ledger for that action (and object).
ledger_count() {
  local q="action=$1"
  [ -n "${2:-}" ] && q="$q&objectId=$2"
  admin_get "/_admin/ledger?$q" | jq '.entries | length'
}
