#!/usr/bin/env bash
# One-row moves at the edges of the screen, as tmux shows them: the desk
# lets the terminal scroll the list (a scroll region) and rewrites only the
# rows whose highlight changed, so what tmux shows after those bytes must
# still be the list in order with exactly one highlighted row, the cursor's.
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

hex8() { printf '%08x' "$1"; }

# The list lines (5..22) as "line id highlighted(0/1)".
list_state() {
  paste -d ' ' \
    <(tmux -L "$TUI_SOCK" capture-pane -p -t desk | sed -n '5,22p') \
    <(tmux -L "$TUI_SOCK" capture-pane -p -e -t desk | sed -n '5,22p' |
      awk '{ print (index($0, "\033[") && $0 ~ /\033\[[0-9;]*46m/) ? 1 : 0 }') |
    awk '{ print NR + 4, $1, $NF }'
}

# expect_list TOP_N CURSOR_LINE: lines 5..22 show payments TOP_N, TOP_N-1,
# ... in order, and only CURSOR_LINE is highlighted. Polls until it holds.
expect_list() {
  local top=$1 cur=$2 want got i=0
  want=$(for l in $(seq 5 22); do
    printf '%s %s %s\n' "$l" "$(hex8 $((top - l + 5)))" "$([ "$l" = "$cur" ] && echo 1 || echo 0)"
  done)
  while [ "$i" -lt 100 ]; do
    got=$(list_state)
    [ "$got" = "$want" ] && return 0
    sleep 0.1
    i=$((i + 1))
  done
  diff <(echo "$want") <(echo "$got") >&2
  tui_fail "list lines: want top $(hex8 "$top") with the cursor on line $cur"
}

tui_start_desk --offline
tui_wait_for "^\[1 Pay[a-z]* $N\]" 30
newest=$((N - 1))
expect_list "$newest" 5
# inside the screen, down to the last row
for _ in $(seq 17); do tui_keys j; done
expect_list "$newest" 22
# at the bottom edge: the list scrolls by one row per key, three times
tui_keys j
expect_list $((newest - 1)) 22
tui_keys j j
expect_list $((newest - 3)) 22
# back up inside the screen to the first row, then the list scrolls down
for _ in $(seq 17); do tui_keys k; done
expect_list $((newest - 3)) 5
tui_keys k
expect_list $((newest - 2)) 5
tui_keys k k
expect_list "$newest" 5
# a page down (a screen less one row) and back, then Ctrl-L: the same
# rows after a full repaint
tui_keys PageDown
expect_list $((newest - 17)) 5
tui_keys PageUp
expect_list "$newest" 5
tui_keys C-l
expect_list "$newest" 5
tui_keys q
tui_wait_for 'Quit'
tui_keys y
[ "$(tui_wait_exit 10)" = 0 ] || tui_fail "bad exit"
tui_log ok
