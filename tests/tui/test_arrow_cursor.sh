#!/usr/bin/env bash
# arrow_cursor = true: the selected row is marked by "▶ " in its first two
# cells and drawn like every other row. After one-row moves inside the
# screen, at the bottom edge (the list scrolls), back up and by page,
# tmux must show the list in order with the marker on exactly one line,
# the cursor's, and no other cell in the cursor's colours. Under NO_COLOR
# the selected row is still told apart in both modes: reverse video on
# that row only with the full-row highlight, the marker with the arrow.
# 80x24: the Payments pane shows 18 rows (screen lines 5 to 22), newest
# first; cache_gen's payment n shows as its last 8 hex digits.
set -u
. "$(dirname "$0")/lib.sh"

tui_setup
N=300
"$BUILD_DIR/bench/cache_gen" "$TUI_TMP/cache/desk.db" "$N" >/dev/null ||
  tui_fail "cache_gen failed"
SANDBOX_URL=http://127.0.0.1:9/sandbox
SANDBOX_JSON='{}'
TUI_W=80
TUI_H=24
MARK='▶'

hex8() { printf '%08x' "$1"; }
pane() { tmux -L "$TUI_SOCK" capture-pane -p "$@" -t desk | sed -n '5,22p'; }

# The list lines (5..22) as "line id marked(0/1) coloured-cells(0/1)": the
# id is the first word after the marker's two cells; coloured is 1 when
# the line has the cursor's background (cyan) anywhere.
list_state() {
  paste -d '\t' <(pane) <(pane -e) | awk -F '\t' -v m="$MARK" '
    { text = $1; esc = $2
      marked = substr(text, 1, length(m) + 1) == m " " ? 1 : 0
      n = split(text, w, " ")
      print NR + 4, w[marked + 1], marked, (esc ~ /\033\[[0-9;]*46m/) ? 1 : 0 }'
}

# expect_list TOP_N CURSOR_LINE: lines 5..22 show payments TOP_N, TOP_N-1,
# ... in order, the marker only on CURSOR_LINE, no row in the cursor's
# colours. Polls until it holds.
expect_list() {
  local top=$1 cur=$2 want got i=0
  want=$(for l in $(seq 5 22); do
    printf '%s %s %s 0\n' "$l" "$(hex8 $((top - l + 5)))" "$([ "$l" = "$cur" ] && echo 1 || echo 0)"
  done)
  while [ "$i" -lt 100 ]; do
    got=$(list_state)
    [ "$got" = "$want" ] && return 0
    sleep 0.1
    i=$((i + 1))
  done
  diff <(echo "$want") <(echo "$got") >&2
  tui_fail "list lines: want top $(hex8 "$top") with the marker on line $cur"
}

quit_desk() {
  tui_keys q
  tui_wait_for 'Quit'
  tui_keys y
  [ "$(tui_wait_exit 10)" = 0 ] || tui_fail "bad exit ($1)"
  tmux -L "$TUI_SOCK" kill-server 2>/dev/null
}

# the config key
tui_config "arrow_cursor = true"
tui_start_desk --offline
tui_wait_for "^\[1 Pay[a-z]* $N\]" 30
newest=$((N - 1))
# the header moves right with the rows: two cells before ID
tmux -L "$TUI_SOCK" capture-pane -p -t desk | grep -q '^  ID ' ||
  tui_fail "the header does not leave the marker's two cells"
expect_list "$newest" 5
tui_keys j
expect_list "$newest" 6
# inside the screen, down to the last row
for _ in $(seq 16); do tui_keys j; done
expect_list "$newest" 22
# at the bottom edge: the list scrolls by one row per key
tui_keys j
expect_list $((newest - 1)) 22
tui_keys j j
expect_list $((newest - 3)) 22
# back up inside the screen to the first row, then the list scrolls down
for _ in $(seq 17); do tui_keys k; done
expect_list $((newest - 3)) 5
tui_keys k
expect_list $((newest - 2)) 5
# by page, and back; Ctrl-L repaints the same
tui_keys PageDown
expect_list $((newest - 2 - 17)) 5
tui_keys PageUp
expect_list $((newest - 2)) 5
tui_keys C-l
expect_list $((newest - 2)) 5
quit_desk "config key"
tui_log "arrow cursor by the config key ok"

# the flag, in the C locale: the ASCII marker
rm -f "$TUI_TMP/config/conomy-desk/config"
cmd="$(tui_env | sed 's/C\.UTF-8/C/g') $(printf '%q' "$BUILD_DIR/conomy-desk") --offline --arrow-cursor"
cmd="$cmd 2>$TUI_TMP/desk.err; echo \$? >$TUI_TMP/exit; sleep 600"
rm -f "$TUI_TMP/exit"
tmux -L "$TUI_SOCK" -f /dev/null new-session -d -s desk -x 80 -y 24 "$cmd"
tui_wait_for "^\[1 Pay[a-z]* $N\]" 30
MARK='>'
expect_list "$newest" 5
tui_keys j j
expect_list "$newest" 7
quit_desk "--arrow-cursor"
tui_log "arrow cursor by the flag, ASCII ok"

# NO_COLOR: which row is selected shows in both modes
no_color_desk() {
  cmd="$(tui_env) NO_COLOR=1 $(printf '%q ' "$BUILD_DIR/conomy-desk" --offline "$@")"
  cmd="$cmd 2>$TUI_TMP/desk.err; echo \$? >$TUI_TMP/exit; sleep 600"
  rm -f "$TUI_TMP/exit"
  tmux -L "$TUI_SOCK" -f /dev/null new-session -d -s desk -x 80 -y 24 "$cmd"
  tui_wait_for "^\[1 Pay[a-z]* $N\]" 30
  if tmux -L "$TUI_SOCK" capture-pane -p -e -t desk | grep -Eq $'\e\\[[0-9;]*(3[0-7]|4[0-7]|38;|48;)'; then
    tui_fail "colour escapes under NO_COLOR"
  fi
}
# reverse-video list lines, as "line line ..."
reversed_lines() {
  pane -e | awk '/\033\[[0-9;]*7m/ { printf "%d ", NR + 4 }'
}
expect_reversed() {
  local i=0 got
  while [ "$i" -lt 100 ]; do
    got=$(reversed_lines)
    [ "$got" = "$1" ] && return 0
    sleep 0.1
    i=$((i + 1))
  done
  tui_fail "NO_COLOR: reverse video on lines '$got', want '$1'"
}
no_color_desk
expect_reversed "5 "
tui_keys j j j
expect_reversed "8 "
quit_desk "NO_COLOR, full-row highlight"
no_color_desk --arrow-cursor
MARK='▶'
expect_list "$newest" 5
tui_keys j j j
expect_list "$newest" 8
quit_desk "NO_COLOR, arrow cursor"
tui_log "NO_COLOR in both modes ok"
tui_log ok
