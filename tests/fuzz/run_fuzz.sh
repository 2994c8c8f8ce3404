#!/usr/bin/env bash
# Builds the libFuzzer harnesses with clang (ASan+UBSan) into
# $BUILD_DIR/fuzz and runs each for SECONDS on a copy of its seed corpus
# (tests/fuzz/corpus/<name>/). Any crash, leak or broken invariant fails.
#   run_fuzz.sh SECONDS [NAME...]      (ctest: 3 s each; script/fuzz: longer)
set -euo pipefail
secs=${1:?seconds}; shift
src=$(cd "$(dirname "$0")/../.." && pwd)
out=${BUILD_DIR:-$src/build}/fuzz
mkdir -p "$out/obj"
command -v clang >/dev/null || { echo "clang is missing (script/bootstrap installs it)" >&2; exit 1; }
cflags="-std=c11 -D_XOPEN_SOURCE=700 -D_DEFAULT_SOURCE -DDESK_VERSION=\"fuzz\" -g -O1 -fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=undefined -I$src/src -I/usr/include/cjson"
libs="-lcjson -lcurl -lcrypto -lmicrohttpd -lm -lpthread"

# The libraries under test, compiled once (again when a source is newer).
objs=()
# The newest header of core and api: an object older than it is rebuilt
# too (a changed struct must not meet objects built with the old one).
# Of the cache, only its pure raw-JSON packer (no SQLite) is fuzzed.
newest_h=$(ls -t "$src"/src/core/*.h "$src"/src/api/*.h "$src"/src/cache/cache_rawpack.h | head -1)
for f in "$src"/src/core/*.c "$src"/src/api/*.c "$src"/src/cache/cache_rawpack.c; do
  o="$out/obj/$(basename "$(dirname "$f")")_$(basename "$f" .c).o"
  { [ "$o" -nt "$f" ] && [ "$o" -nt "$newest_h" ]; } || clang $cflags -c "$f" -o "$o"
  objs+=("$o")
done

declare -A api=([payments]=1 [customers]=2 [accounts]=3 [identities]=4
                [lists]=5 [refund]=6 [errors]=7 [webhook]=8)
names=("$@")
[ ${#names[@]} -gt 0 ] || names=(payments customers accounts identities lists refund errors webhook money sanitize filter rawpack)
for n in "${names[@]}"; do
  bin="$out/fuzz_$n"
  if [ -n "${api[$n]:-}" ]; then
    hs="$src/tests/fuzz/fuzz_api.c"; def="-DFUZZ_DECODER=${api[$n]}"
  else
    case $n in money) hs="$src/tests/fuzz/fuzz_money_parse.c" ;;
               *) hs="$src/tests/fuzz/fuzz_$n.c" ;; esac
    def=""
  fi
  if ! [ "$bin" -nt "$hs" ] || [ -n "$(find "$out/obj" -newer "$bin" -name '*.o' | head -1)" ]; then
    clang $cflags -fsanitize=fuzzer $def "$hs" "${objs[@]}" $libs -o "$bin"
  fi
  corpus="$out/corpus/$n"
  rm -rf "$corpus"; mkdir -p "$corpus"
  cp "$src/tests/fuzz/corpus/$n/"* "$corpus/" 2>/dev/null || true
  echo "-- fuzz_$n: $secs s" >&2
  (cd "$out" && ASAN_OPTIONS=detect_leaks=1 "$bin" -max_total_time="$secs" \
     -max_len=65536 -timeout=10 -rss_limit_mb=1024 -print_final_stats=0 \
     "$corpus" 2>"$out/fuzz_$n.log") ||
    { tail -40 "$out/fuzz_$n.log" >&2; echo "FAIL: fuzz_$n" >&2; exit 1; }
done
echo PASS
