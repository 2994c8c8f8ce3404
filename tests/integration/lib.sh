# Shared helpers for the integration tests (sourced, not run).
# Provides: a private temp dir ($T), start_sandbox ARGS..., desk ARGS...,
# fail MSG, and cleanup of every process on exit.
set -euo pipefail

BUILD_DIR=${BUILD_DIR:?BUILD_DIR must be set (ctest sets it)}
SANDBOX="$BUILD_DIR/conomy-sandbox"
DESK="$BUILD_DIR/conomy-desk"
T=$(mktemp -d "${TMPDIR:-/tmp}/desk-it.XXXXXX")
_pids=()

cleanup() {
  for p in "${_pids[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${_pids[@]}"; do wait "$p" 2>/dev/null || true; done
  rm -rf "$T"
}
trap cleanup EXIT

fail() { echo "FAIL: $*" >&2; exit 1; }
note() { echo "-- $*" >&2; }

# start_sandbox [ARGS...]: starts conomy-sandbox on a free port and sets
# SB_LINE (its startup JSON), SB_URL, SB_KEY, SB_ID, SB_SECRET, SB_PID.
# The dialect is $SANDBOX_DIALECT (contract unless set).
start_sandbox() {
  local out="$T/sandbox.$RANDOM.out"
  "$SANDBOX" --listen 127.0.0.1:0 --dialect "${SANDBOX_DIALECT:-contract}" \
    "$@" >"$out" 2>"$out.err" &
  SB_PID=$!
  _pids+=("$SB_PID")
  for _ in $(seq 1 600); do
    SB_LINE=$(head -n 1 "$out" 2>/dev/null || true)
    [ -n "$SB_LINE" ] && break
    kill -0 "$SB_PID" 2>/dev/null || { cat "$out.err" >&2; fail "sandbox died"; }
    sleep 0.05
  done
  [ -n "$SB_LINE" ] || fail "sandbox did not print its startup line"
  SB_URL=$(jq -r .baseUrl <<<"$SB_LINE")
  SB_KEY=$(jq -r .apiKey <<<"$SB_LINE")
  SB_ID=$(jq -r .clientId <<<"$SB_LINE")
  SB_SECRET=$(jq -r .clientSecret <<<"$SB_LINE")
  export CONOMY_BASE_URL="$SB_URL" CONOMY_API_KEY="$SB_KEY"
  export CONOMY_CLIENT_ID="$SB_ID" CONOMY_CLIENT_SECRET="$SB_SECRET"
}

stop_sandbox() {
  kill "$SB_PID" 2>/dev/null || true
  wait "$SB_PID" 2>/dev/null || true
}

# sb_token: a bearer token for direct API checks with curl.
sb_token() {
  curl -fsS -X POST "$SB_URL/auth" -H "x-api-key: $SB_KEY" \
    -H 'Content-Type: application/json' \
    -d "{\"clientId\":\"$SB_ID\",\"clientSecret\":\"$SB_SECRET\"}" |
    jq -r .accessToken
}

# sb_get PATH: GET from the sandbox as the first tenant, JSON on stdout.
# A token that expired meanwhile (tests with short token lifetimes, a slow
# machine) is renewed once; GETs are safe to repeat.
sb_get() {
  local out
  if out=$(curl -fsS "$SB_URL$1" -H "x-api-key: $SB_KEY" \
    -H "Authorization: Bearer ${SB_TOKEN:=$(sb_token)}" -H 'User-Agent: it' 2>/dev/null); then
    printf '%s\n' "$out"
    return 0
  fi
  SB_TOKEN=$(sb_token)
  curl -fsS "$SB_URL$1" -H "x-api-key: $SB_KEY" \
    -H "Authorization: Bearer $SB_TOKEN" -H 'User-Agent: it'
}

export XDG_CONFIG_HOME="$T/config" XDG_CACHE_HOME="$T/cache"
export CONOMY_CACHE="$T/desk.db"
desk() { "$DESK" "$@"; }

# expect_exit CODE CMD...: run CMD, check its exit code, keep its stderr
# in $ERR (and stdout in $OUT).
expect_exit() {
  local want=$1; shift
  set +e
  OUT=$("$@" 2>"$T/err")
  local got=$?
  set -e
  ERR=$(cat "$T/err")
  [ "$got" = "$want" ] || fail "$* exited $got, want $want; stderr: $ERR"
}

# admin_post PATH JSON / admin_get PATH: the sandbox's loopback admin API.
sb_admin_base() { sed 's#/sandbox$##' <<<"$SB_URL"; }
admin_post() {
  curl -fsS -X POST "$(sb_admin_base)$1" -H 'Content-Type: application/json' -d "$2"
}
admin_get() { curl -fsS "$(sb_admin_base)$1"; }

# sb_post PATH JSON: POST to the API as the first tenant.
sb_post() {
  curl -sS -X POST "$SB_URL$1" -H "x-api-key: $SB_KEY" \
    -H "Authorization: Bearer ${SB_TOKEN:=$(sb_token)}" -H 'User-Agent: it' \
    -H 'Content-Type: application/json' -d "$2"
}

# first_id JQ-SELECT: the first cached payment id matching a jq condition.
first_id() {
  desk --offline payments list --json | jq -r "[.[] | select($1)][0].id // empty"
}
