# Shared helpers for the TUI tests: start the real sandbox on a free port,
# run the real desk inside a private tmux server, poll the screen.
#
# Usage (in a test):  . "$TESTS_DIR/tui/lib.sh"; tui_setup; tui_start_sandbox 200
#                     tui_start_desk; tui_wait_for "Payments" ...
# Everything started here is stopped by the EXIT trap.

set -u

BUILD_DIR=${BUILD_DIR:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../../build" && pwd)}
TUI_SOCK="test$$"
TUI_TMP=""
SANDBOX_PID=""
TUI_W=120
TUI_H=40

tui_log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

tui_fail() {
  tui_log "FAIL: $*"
  if tmux -L "$TUI_SOCK" has-session 2>/dev/null; then
    tui_log "screen was:"
    tmux -L "$TUI_SOCK" capture-pane -p -t desk >&2 || true
  fi
  exit 1
}

tui_cleanup() {
  tmux -L "$TUI_SOCK" kill-server 2>/dev/null || true
  if [ -n "$SANDBOX_PID" ]; then
    kill "$SANDBOX_PID" 2>/dev/null || true
    wait "$SANDBOX_PID" 2>/dev/null || true
  fi
  [ -n "$TUI_TMP" ] && rm -rf "$TUI_TMP"
}

tui_setup() {
  command -v tmux >/dev/null || { echo "tmux is required" >&2; exit 1; }
  command -v jq >/dev/null || { echo "jq is required" >&2; exit 1; }
  TUI_TMP=$(mktemp -d "${TMPDIR:-/tmp}/desk-tui.XXXXXX")
  mkdir -p "$TUI_TMP/cache" "$TUI_TMP/config" "$TUI_TMP/state" "$TUI_TMP/data"
  trap tui_cleanup EXIT
}

# tui_start_sandbox N [extra args...]: sets SANDBOX_URL, SANDBOX_JSON.
# The dialect is $SANDBOX_DIALECT (contract unless set).
tui_start_sandbox() {
  local n=$1
  shift
  local fifo="$TUI_TMP/sandbox.out"
  mkfifo "$fifo"
  "$BUILD_DIR/conomy-sandbox" --listen 127.0.0.1:0 --demo-data "$n" \
    --dialect "${SANDBOX_DIALECT:-contract}" --quiet "$@" >"$fifo" \
    2>"$TUI_TMP/sandbox.err" &
  SANDBOX_PID=$!
  # the first line is the startup JSON; keep draining the rest
  exec 9<"$fifo"
  if ! IFS= read -r -t 20 SANDBOX_JSON <&9; then
    cat "$TUI_TMP/sandbox.err" >&2
    tui_fail "sandbox did not print its startup line"
  fi
  cat <&9 >/dev/null &
  SANDBOX_URL=$(jq -r .baseUrl <<<"$SANDBOX_JSON")
  [ -n "$SANDBOX_URL" ] && [ "$SANDBOX_URL" != null ] ||
    tui_fail "no baseUrl in: $SANDBOX_JSON"
  tui_log "sandbox at $SANDBOX_URL (pid $SANDBOX_PID)"
}

# The environment the desk runs with (credentials of the first tenant).
tui_env() {
  printf 'env TERM=%s LANG=C.UTF-8 LC_ALL=C.UTF-8 ' "${TUI_TERM:-xterm-256color}"
  printf 'HOME=%q XDG_CACHE_HOME=%q XDG_CONFIG_HOME=%q ' \
    "$TUI_TMP" "$TUI_TMP/cache" "$TUI_TMP/config"
  printf 'XDG_STATE_HOME=%q XDG_DATA_HOME=%q CONOMY_CACHE=%q ' \
    "$TUI_TMP/state" "$TUI_TMP/data" "$TUI_TMP/cache/desk.db"
  printf 'CONOMY_BASE_URL=%q CONOMY_API_KEY=%q ' \
    "$SANDBOX_URL" "$(jq -r .apiKey <<<"$SANDBOX_JSON")"
  printf 'CONOMY_CLIENT_ID=%q CONOMY_CLIENT_SECRET=%q ' \
    "$(jq -r .clientId <<<"$SANDBOX_JSON")" \
    "$(jq -r .clientSecret <<<"$SANDBOX_JSON")"
}

# tui_start_desk [desk args...]: runs the desk in a tmux session "desk";
# its exit status lands in $TUI_TMP/exit.
tui_start_desk() {
  local cmd
  cmd="$(tui_env) $(printf '%q ' "$BUILD_DIR/conomy-desk" "$@")"
  cmd="$cmd 2>$TUI_TMP/desk.err; echo \$? >$TUI_TMP/exit; sleep 600"
  rm -f "$TUI_TMP/exit"
  tmux -L "$TUI_SOCK" -f /dev/null new-session -d -s desk \
    -x "$TUI_W" -y "$TUI_H" "$cmd"
  tmux -L "$TUI_SOCK" set-option -t desk -g status off >/dev/null
}

tui_screen() { tmux -L "$TUI_SOCK" capture-pane -p -t desk; }

tui_keys() { tmux -L "$TUI_SOCK" send-keys -t desk "$@"; }

# Literal text (no key-name interpretation).
tui_type() { tmux -L "$TUI_SOCK" send-keys -t desk -l -- "$1"; }

# How long a wait for the screen gives up after, unless a call says: only a
# failure ever waits this long, so it is generous for a loaded machine
# running a sanitizer build.
TUI_WAIT_S=${TUI_WAIT_S:-30}

# tui_wait_for REGEX [timeout_s]: polls the screen until it matches.
tui_wait_for() {
  local re=$1 limit=${2:-$TUI_WAIT_S} i=0
  while [ "$i" -lt $((limit * 10)) ]; do
    if tui_screen | grep -Eq -- "$re"; then
      return 0
    fi
    sleep 0.1
    i=$((i + 1))
  done
  tui_fail "timed out waiting for /$re/"
}

# tui_wait_gone REGEX [timeout_s]
tui_wait_gone() {
  local re=$1 limit=${2:-$TUI_WAIT_S} i=0
  while [ "$i" -lt $((limit * 10)) ]; do
    if ! tui_screen | grep -Eq -- "$re"; then
      return 0
    fi
    sleep 0.1
    i=$((i + 1))
  done
  tui_fail "timed out waiting for /$re/ to go away"
}

# tui_wait_exit [timeout_s]: echoes the desk's exit status.
tui_wait_exit() {
  local limit=${1:-10} i=0
  while [ "$i" -lt $((limit * 10)) ]; do
    if [ -s "$TUI_TMP/exit" ]; then
      cat "$TUI_TMP/exit"
      return 0
    fi
    sleep 0.1
    i=$((i + 1))
  done
  tui_fail "the desk did not exit"
}

# Sandbox API helpers (for checking server-side state).
tui_token() {
  curl -sf -X POST "$SANDBOX_URL/auth" -H 'Content-Type: application/json' \
    -H "x-api-key: $(jq -r .apiKey <<<"$SANDBOX_JSON")" \
    -d "$(jq -c '{clientId, clientSecret}' <<<"$SANDBOX_JSON")" |
    jq -r '.accessToken // .token // .access_token'
}

TUI_TOKEN=""
# tui_api PATH: GET from the sandbox. The token is cached only when called
# outside a command substitution; call tui_api_login first to cache it.
tui_api_login() { TUI_TOKEN=$(tui_token); }
tui_api() {
  local path=$1 out
  [ -n "$TUI_TOKEN" ] || TUI_TOKEN=$(tui_token)
  if ! out=$(curl -sf "$SANDBOX_URL$path" -H "Authorization: Bearer $TUI_TOKEN" \
    -H "x-api-key: $(jq -r .apiKey <<<"$SANDBOX_JSON")" -A conomy-desk-tests); then
    TUI_TOKEN=$(tui_token)
    out=$(curl -sf "$SANDBOX_URL$path" -H "Authorization: Bearer $TUI_TOKEN" \
      -H "x-api-key: $(jq -r .apiKey <<<"$SANDBOX_JSON")" -A conomy-desk-tests) ||
      return 1
  fi
  printf '%s\n' "$out"
}

# tui_config LINES...: writes the desk's config file (profile "default").
tui_config() {
  mkdir -p "$TUI_TMP/config/conomy-desk"
  {
    echo "[default]"
    printf '%s\n' "$@"
  } >"$TUI_TMP/config/conomy-desk/config"
}

# The last 10 characters of an id, as the wide list columns show it.
tui_short() { printf '%s' "${1: -10}"; }

# tui_wait_flat TEXT [timeout_s]: waits until TEXT appears in the screen
# with box borders, spaces and line breaks removed (on both sides), so a
# request body wrapped inside a dialog still matches.
tui_wait_flat() {
  local want limit=${2:-$TUI_WAIT_S} i=0
  want=$(printf '%s' "$1" | tr -d ' ')
  while [ "$i" -lt $((limit * 10)) ]; do
    if tui_screen | sed 's/[│|]//g' | tr -d ' \n' | grep -qF -- "$want"; then
      return 0
    fi
    sleep 0.1
    i=$((i + 1))
  done
  tui_fail "timed out waiting for '$1' (flattened)"
}
