#!/usr/bin/env bash
# Source rules the compiler cannot check: no unbounded string functions,
# no raw allocation outside core/xalloc.c, no floating point near money,
# and each third-party library used only by the layer allowed to use it.
set -euo pipefail
cd "${SOURCE_DIR:?}"
bad=0
report() { echo "FAIL: $1" >&2; printf '%s\n' "$2" >&2; bad=1; }

hits=$(grep -rnE '\b(strcpy|strcat|sprintf|vsprintf|strtok|atoi|atol|gets)[[:space:]]*\(' src || true)
[ -z "$hits" ] || report "banned string functions" "$hits"

hits=$(grep -rnE '(^|[^x_a-z])(malloc|realloc|calloc|strdup|strndup)[[:space:]]*\(' src |
       grep -v '^src/core/xalloc.c:' || true)
[ -z "$hits" ] || report "raw allocation outside core/xalloc.c" "$hits"

hits=$(grep -rnE '\b(double|float)\b' src/core/money.c src/core/money.h src/core/currency.c \
       src/core/refund.c src/cache src/app src/cli || true)
[ -z "$hits" ] || report "floating point in money, cache, app or cli code" "$hits"

check_include() { # header, allowed folders regex
  local h=$1 allowed=$2
  local hits
  hits=$(grep -rnE "#include <($h)" src | grep -vE "^src/($allowed)/" || true)
  [ -z "$hits" ] || report "<$h> outside $allowed" "$hits"
}
check_include 'curl/' 'api'
check_include 'cjson/' 'api|sandbox'
check_include 'sqlite3.h' 'cache|sandbox'
check_include '((n)?curses|ncursesw/[a-z]+|panel|form|menu)\.h' 'ui'
check_include 'microhttpd.h' 'api|sandbox'
check_include 'openssl/' 'api|sandbox'

# Project headers are reached through the layer's include root (see
# CMakeLists.txt), never by a relative path around it.
hits=$(grep -rnE '#include "\.\.?/' src || true)
[ -z "$hits" ] || report "relative #include (bypasses the layer's include root)" "$hits"

[ "$bad" = 0 ] && echo "-- ok: source rules hold"
exit "$bad"
