#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Runs each libFuzzer harness of tests/fuzz for FUZZ_SECONDS (default 60):
#   sh tests/fuzz/run-fuzz.sh BUILDDIR
# BUILDDIR is a clang build with -Dfuzzing=true (`make fuzz` makes it). The
# seeds are tests/fuzz/seeds, the sample data and ../shared/realdata (read
# where they are, layer files packed into the harness's input form in
# BUILDDIR/fuzz/seeds); what the fuzzer learns stays in BUILDDIR/fuzz/corpus.
# A crash, leak, UB report or timeout leaves its input in
# BUILDDIR/fuzz/artifacts/<harness>/: copy it to tests/fuzz/regressions/<harness>/
# once fixed. Prints the executions per harness; fails if any harness failed.

set -u

BUILDDIR=${1:-_build-fuzz}
SECONDS_EACH=${FUZZ_SECONDS:-60}
# FUZZ_SEED: libFuzzer's random seed (unset: a new one each run). With a
# seed the mutations come in the same order on any machine, so a failure
# CI found is found again here by the same command.
SEED_ARG=${FUZZ_SEED:+-seed=$FUZZ_SEED}
SRC=$(cd "$(dirname "$0")/../.." && pwd)
REALDATA=$(cd "$SRC/../shared/realdata" 2>/dev/null && pwd)
OUT="$BUILDDIR/fuzz"
SEP='@@PVFUZZ@@'
# The largest input a harness is given (a larger seed is left out).
MAX_LEN_LAYER=524288
MAX_LEN_TEXT=65536

export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:allocator_may_return_null=1}"
export LSAN_OPTIONS="${LSAN_OPTIONS:-suppressions=$SRC/tests/fuzz/lsan.supp:print_suppressions=0}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1}"
# Tests' environment: criticals (a g_return_if_fail) are crashes here too.
export G_DEBUG=fatal-criticals
export GDAL_PAM_ENABLED=NO
export LC_ALL=C.UTF-8
export GSETTINGS_BACKEND=memory

rm -rf "$OUT/seeds"
mkdir -p "$OUT/seeds" "$OUT/corpus" "$OUT/artifacts"

# Layer inputs: a byte choosing the format (the order of layer_formats in
# pv-fuzz-targets.c), then the main file and its sidecars separated by $SEP.
format_of () {
  case $(printf '%s' "$1" | tr 'A-Z' 'a-z') in
    *.geojson|*.json) echo "0 " ;;
    *.shp) echo "1 shx dbf prj cpg" ;;
    *.gpkg) echo "2 " ;;
    *.tif|*.tiff) echo "3 " ;;
    *.dxf) echo "4 " ;;
    *.mif) echo "5 mid" ;;
    *.kml) echo "6 " ;;
    *.gml) echo "7 " ;;
    *.csv) echo "8 " ;;
    *.tab) echo "9 dat map id" ;;
    *.dgn) echo "10 " ;;
    *.fgb) echo "11 " ;;
    *.gpx) echo "12 " ;;
    *.png) echo "13 " ;;
    *.dbf) echo "14 " ;;
    *.asc) echo "15 " ;;
    *.jp2) echo "16 " ;;
    *) echo "" ;;
  esac
}

# sidecar MAIN EXT: the file next to MAIN with extension EXT (any case).
sidecar () {
  _base=${1%.*}
  for _cand in "$_base.$2" "$_base.$(printf '%s' "$2" | tr 'a-z' 'A-Z')"; do
    [ -f "$_cand" ] && { echo "$_cand"; return; }
  done
}

pack_layer () {
  main=$1
  fmt=$(format_of "$main")
  [ -n "$fmt" ] || return 0
  set -- $fmt
  selector=$1; shift
  total=$(wc -c < "$main")
  for ext in "$@"; do
    s=$(sidecar "$main" "$ext")
    [ -n "$s" ] && total=$((total + $(wc -c < "$s")))
  done
  [ "$total" -le "$MAX_LEN_LAYER" ] || return 0
  name=$main
  # (Without the real data, an empty REALDATA would match every path.)
  [ -n "$REALDATA" ] && name=$(printf '%s' "$name" | sed "s|^$REALDATA/|realdata/|")
  name=$(printf '%s' "$name" | sed "s|^$SRC/||; s|[^A-Za-z0-9._-]|_|g")
  {
    printf "\\$(printf '%03o' "$selector")"
    cat "$main"
    for ext in "$@"; do
      printf '%s' "$SEP"
      s=$(sidecar "$main" "$ext")
      [ -n "$s" ] && cat "$s"
    done
  } > "$OUT/seeds/layer/$name"
}

mkdir -p "$OUT/seeds/layer" "$OUT/seeds/project" "$OUT/seeds/qml"
for f in "$SRC"/data-samples/*.geojson "$SRC"/data-samples/*.shp "$SRC"/data-samples/*.tif; do
  [ -f "$f" ] && pack_layer "$f"
done
if [ -n "$REALDATA" ]; then
  find "$REALDATA/bad" "$REALDATA/vector" "$REALDATA/raster" -type f 2>/dev/null | sort |
  while read -r f; do
    case $(printf '%s' "$f" | tr 'A-Z' 'a-z') in
      *.shx|*.prj|*.cpg|*.mid|*.dat|*.map|*.id) continue ;;
      *.dbf) [ -n "$(sidecar "$f" shp)" ] && continue ;;
    esac
    pack_layer "$f"
  done
else
  echo "run-fuzz: $REALDATA is absent: the layer harness starts from the samples only"
fi
cp "$SRC"/data-samples/*.pvproj "$OUT/seeds/project/" 2>/dev/null
cp "$SRC"/tests/data/qml/*.qml "$OUT/seeds/qml/" 2>/dev/null

failed=""
# FUZZ_HARNESSES: fewer harnesses, e.g. "layer" for a long hunt in one.
for t in ${FUZZ_HARNESSES:-project encoding qml layer}; do
  exe="$BUILDDIR/tests/fuzz/fuzz-$t"
  if [ ! -x "$exe" ]; then
    echo "run-fuzz: $exe is missing (meson setup -Dfuzzing=true with CC=clang)"
    exit 1
  fi
  max_len=$MAX_LEN_TEXT
  [ "$t" = layer ] && max_len=$MAX_LEN_LAYER
  [ "$t" = encoding ] && max_len=4096
  mkdir -p "$OUT/corpus/$t" "$OUT/artifacts/$t" "$OUT/seeds/$t"
  log="$OUT/fuzz-$t.log"
  dirs="$OUT/corpus/$t $OUT/seeds/$t"
  for d in "$SRC/tests/fuzz/seeds/$t" "$SRC/tests/fuzz/regressions/$t"; do
    [ -d "$d" ] && dirs="$dirs $d"
  done
  started=$(date +%s)
  # shellcheck disable=SC2086 # the folders have no spaces (build dir, source dir)
  # shellcheck disable=SC2086 # an empty SEED_ARG is no argument
  "$exe" $SEED_ARG -max_total_time="$SECONDS_EACH" -rss_limit_mb=2048 -timeout=10 -max_len="$max_len" \
    -print_final_stats=1 -artifact_prefix="$OUT/artifacts/$t/" \
    $dirs > "$log" 2>&1
  status=$?
  elapsed=$(( $(date +%s) - started ))
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
  runs=${runs:-0}
  per_min=$(( elapsed > 0 ? runs * 60 / elapsed : runs ))
  if [ $status -eq 0 ]; then
    echo "fuzz-$t: $runs executions in ${elapsed} s ($per_min per minute), no crash"
  else
    echo "fuzz-$t: FAILED after $runs executions in ${elapsed} s; log $log, input in $OUT/artifacts/$t/"
    # The report and its stack (a CI log is all there is of that machine),
    # then the input itself when it is small enough to paste back:
    # base64 -d | gunzip > tests/fuzz/regressions/<harness>/NAME.
    # What the harness or GLib said just before (a failed check, a
    # critical) comes first, the sanitizer's report after.
    at=$(grep -n -m 1 -E '^==[0-9]+==ERROR|runtime error|deadly signal|^[*][*][*]' "$log" | cut -d: -f1)
    [ -n "$at" ] && sed -n "$(( at > 12 ? at - 12 : 1 )),$(( at + 48 ))p" "$log"
    for a in "$OUT/artifacts/$t"/*; do
      [ -f "$a" ] || continue
      echo "input $(basename "$a"): $(wc -c < "$a") bytes"
      packed=$(gzip -9c "$a" | base64 -w 0)
      if [ ${#packed} -le 16384 ]; then
        echo "$packed"
      fi
    done
    failed="$failed $t"
  fi
done

if [ -n "$failed" ]; then
  echo "run-fuzz: failed:$failed"
  exit 1
fi
echo "run-fuzz: every harness ran ${SECONDS_EACH} s without a crash"
