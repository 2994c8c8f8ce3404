#!/usr/bin/env bash
# The terminal is always restored: SIGTERM, SIGHUP (a dropped SSH session)
# and Ctrl-C, also while an action dialog is open, end the desk with the
# alternate screen off, the cursor visible and nothing sent. The desk also
# draws under TERM=xterm, screen, tmux-256color and vt100, in ASCII when
# the locale is not UTF-8, without colour under NO_COLOR, and `y` copies
# the id with OSC 52.
set -u
. "$(dirname "$0")/lib.sh"

tui_setup
tui_start_sandbox 120 --seed 25
tui_config "confirm_over = 1000000000"
tui_api_login

desk_pid() {
  # the desk is the (only running) child of the pane's shell
  local shell
  shell=$(tmux -L "$TUI_SOCK" display -p -t desk '#{pane_pid}')
  tr ' ' '\n' <"/proc/$shell/task/$shell/children" | grep -m1 .
}

restored() {
  local alt cur
  alt=$(tmux -L "$TUI_SOCK" display -p -t desk '#{alternate_on}')
  cur=$(tmux -L "$TUI_SOCK" display -p -t desk '#{cursor_flag}')
  [ "$alt" = 0 ] || tui_fail "alternate screen still on after $1"
  [ "$cur" = 1 ] || tui_fail "cursor still hidden after $1"
}

refunds_on_server() {
  tui_api "/payments?type=REFUND&limit=500" | jq '.pagination.total // (.results | length)'
}
before=$(refunds_on_server)

for sig in TERM HUP INT; do
  tmux -L "$TUI_SOCK" kill-server 2>/dev/null
  tui_start_desk
  tui_wait_for 'ID +CREATED +TYPE +STATUS' 30
  tui_wait_for 'synced [0-9]+[smh] ago' 30
  # open a refund dialog on a settled purchase and type into it
  tui_keys /
  tui_type 'status:SETTLED type:PURCHASE'
  tui_keys Enter
  tui_wait_for 'filter: status:SETTLED'
  tui_keys r
  tui_wait_for 'Refund payment '
  tui_keys Tab C-u
  tui_type 1
  [ "$(tmux -L "$TUI_SOCK" display -p -t desk '#{alternate_on}')" = 1 ] ||
    tui_fail "the desk does not use the alternate screen"
  if [ "$sig" = INT ]; then
    tui_keys C-c
  else
    kill -s "$sig" "$(desk_pid)"
  fi
  status=$(tui_wait_exit 10)
  case "$sig" in
  TERM) want=143 ;; HUP) want=129 ;; INT) want=130 ;;
  esac
  # the CLI maps ui_run's non-zero return to its own exit code
  [ "$status" != 0 ] || tui_fail "SIG$sig: exit status 0"
  grep -q "stopped by SIG$sig" "$TUI_TMP/desk.err" ||
    tui_fail "SIG$sig: no reason on stderr: $(cat "$TUI_TMP/desk.err")"
  restored "SIG$sig"
  tui_log "SIG$sig: exit $status (ui $want), terminal restored"
done
sleep 1
after=$(refunds_on_server)
[ "$before" = "$after" ] || tui_fail "a refund was sent ($before -> $after)"

# what was typed is kept: the next start offers the dialog again, refilled
draft="$TUI_TMP/state/conomy-desk/draft-default"
[ -f "$draft" ] || tui_fail "no draft kept in $draft"
[ "$(stat -c %a "$draft")" = 600 ] || tui_fail "draft mode $(stat -c %a "$draft")"
tmux -L "$TUI_SOCK" kill-server 2>/dev/null
tui_start_desk
tui_wait_for 'a refund dialog for [0-9a-f]+ was open when the desk stopped'
tui_keys :
tui_type draft
tui_keys Enter
tui_wait_for 'Refund payment '
tui_wait_for 'amount \* +1 '
tui_wait_for '>\[ Cancel \]<' # still Cancel first
[ -f "$draft" ] && tui_fail "the draft was not consumed"
tui_keys Escape
tui_wait_for 'cancelled; nothing was sent'
tui_keys q y
[ "$(tui_wait_exit 10)" = 0 ] || tui_fail "draft run: bad exit"
after=$(refunds_on_server)
[ "$before" = "$after" ] || tui_fail "a refund was sent ($before -> $after)"
tui_log "draft kept and reopened"

# terminal types and locales (offline, from the cache filled above)
for term in xterm screen tmux-256color vt100; do
  tmux -L "$TUI_SOCK" kill-server 2>/dev/null
  TUI_TERM=$term tui_start_desk --offline
  tui_wait_for '^\[1 Payments [1-9]' 15
  tui_wait_for 'OFFLINE MODE'
  tui_keys j j Enter
  tui_wait_for 'Timeline'
  tui_keys q q y
  [ "$(tui_wait_exit 10)" = 0 ] || tui_fail "TERM=$term: bad exit"
  tui_log "TERM=$term ok"
done

# themes: a shipped one by name; an unknown one stops before the screen
tmux -L "$TUI_SOCK" kill-server 2>/dev/null
tui_start_desk --offline --theme high-contrast
tui_wait_for '^\[1 Payments [1-9]' 15
tui_keys q y
[ "$(tui_wait_exit 10)" = 0 ] || tui_fail "--theme high-contrast: bad exit"
tmux -L "$TUI_SOCK" kill-server 2>/dev/null
tui_start_desk --offline --theme no-such-theme
status=$(tui_wait_exit 10)
[ "$status" != 0 ] || tui_fail "an unknown theme was accepted"
grep -q "theme 'no-such-theme' not found" "$TUI_TMP/desk.err" ||
  tui_fail "no reason for the unknown theme: $(cat "$TUI_TMP/desk.err")"
[ "$(tmux -L "$TUI_SOCK" display -p -t desk '#{alternate_on}')" = 0 ] ||
  tui_fail "the screen was taken over for a bad theme"
tui_log "themes ok"

# a non-UTF-8 locale draws ASCII only
tmux -L "$TUI_SOCK" kill-server 2>/dev/null
cmd="$(tui_env | sed 's/LANG=C.UTF-8 LC_ALL=C.UTF-8/LANG=C LC_ALL=C/') $(printf '%q' "$BUILD_DIR/conomy-desk") --offline"
cmd="$cmd 2>$TUI_TMP/desk.err; echo \$? >$TUI_TMP/exit; sleep 600"
rm -f "$TUI_TMP/exit"
tmux -L "$TUI_SOCK" -f /dev/null new-session -d -s desk -x 120 -y 40 "$cmd"
tui_wait_for '^\[1 Payments [1-9]' 15
tui_keys Enter
tui_wait_for 'Timeline'
if tui_screen | LC_ALL=C grep -q '[^ -~]'; then
  tui_screen | LC_ALL=C grep -n '[^ -~]' | head -3 >&2
  tui_fail "non-ASCII output in the C locale"
fi
tui_keys q q y
[ "$(tui_wait_exit 10)" = 0 ] || tui_fail "C locale: bad exit"
tui_log "ASCII fallback ok"

# NO_COLOR: attributes only, no colour escapes; `y` copies with OSC 52
tmux -L "$TUI_SOCK" kill-server 2>/dev/null
cmd="$(tui_env) NO_COLOR=1 $(printf '%q' "$BUILD_DIR/conomy-desk") --offline"
cmd="$cmd 2>$TUI_TMP/desk.err; echo \$? >$TUI_TMP/exit; sleep 600"
rm -f "$TUI_TMP/exit"
tmux -L "$TUI_SOCK" -f /dev/null new-session -d -s desk -x 120 -y 40 "$cmd"
tmux -L "$TUI_SOCK" set-option -g set-clipboard on
tui_wait_for '^\[1 Payments [1-9]' 15
if tmux -L "$TUI_SOCK" capture-pane -p -e -t desk | grep -Eq $'\e\\[[0-9;]*(3[0-7]|4[0-7]|38;|48;)'; then
  tui_fail "colour escapes under NO_COLOR"
fi
tmux -L "$TUI_SOCK" capture-pane -p -e -t desk | grep -q $'\e\\[[0-9;]*7m' ||
  tui_fail "the cursor row is not shown in reverse video without colour"
tui_keys y
tui_wait_for 'copied [0-9a-f]+ to the clipboard'
copied=$(tmux -L "$TUI_SOCK" show-buffer 2>/dev/null || true)
[[ "$copied" =~ ^[0-9a-f]{24}$ ]] || tui_fail "clipboard holds '$copied'"
tui_keys q y
[ "$(tui_wait_exit 10)" = 0 ] || tui_fail "NO_COLOR: bad exit"
tui_log "NO_COLOR and OSC 52 ok ($copied)"
tui_log ok
