#!/usr/bin/env bash
# One command table: `conomy-desk help --commands` prints it; the man
# page's COMMANDS section documents exactly its CLI commands with their
# options, `--help` shows the same help line for each, and every `:`
# command of the desk is in it too.
. "$TESTS_DIR/integration/lib.sh"

man="$SOURCE_DIR/assets/man/conomy-desk.1"
expect_exit 0 desk help --commands
table=$OUT
[ "$(wc -l <<<"$table")" -ge 40 ] || fail "short table: $table"

# the COMMANDS section, font escapes and quotes removed
section=$(awk '/^\.SH COMMANDS/{on=1; next} /^\.SH /{on=0} on' "$man" |
  sed -e 's/\\f[BIRP]//g' -e 's/\\-/-/g' -e 's/"//g')
expect_exit 0 desk --help
help=$OUT

while IFS=$'\t' read -r name where args text; do
  case $where in *c*) ;; *) continue ;; esac
  grep -qF -- "$name" <<<"$section" || fail "man page COMMANDS lacks '$name'"
  for opt in $(grep -oE -- '--[a-z-]+' <<<"$args"); do
    grep -qF -- "$opt" <<<"$section" || fail "man page lacks $opt of '$name'"
  done
  grep -qF -- "$text" <<<"$help" || fail "--help lacks the help of '$name': $text"
  expect_exit 0 desk $name --help
  grep -qF -- "$text" <<<"$OUT" || fail "'$name --help' says: $OUT"
done <<<"$table"

# and the man page documents no command the table does not have
heads=$(grep -E '^\.(B|BI|BR) ' <<<"$(awk '/^\.SH COMMANDS/{on=1; next} /^\.SH /{on=0} on' "$man")" |
  sed -e 's/\\f[BIRP]//g' -e 's/\\-/-/g' -e 's/"//g' -e 's/^\.[BIR]* //' |
  tr ',' '\n' | sed -E 's/^ +//' | awk '{ if ($2 ~ /^(list|show|cancel|purge)$/) print $1" "$2; else print $1 }')
while read -r h; do
  [ -n "$h" ] || continue
  h=${h%%|*}
  awk -F'\t' -v n="$h" '$1 == n && $2 ~ /c/ {f=1} END {exit !f}' <<<"$table" ||
    fail "the man page documents '$h', which is not in the command table"
done <<<"$heads"

# the desk's : commands are the table's
for c in sync sort export profile draft messages filter help quit payments review capture refund; do
  awk -F'\t' -v n="$c" '($1 == n || $1 == "pane-" n) && $2 ~ /p/ {f=1} END {exit !f}' <<<"$table" ||
    fail ":$c is not in the command table"
done
echo ok
