#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# run-bench.sh BUILDDIR — the rendering benchmark behind `make bench`.
#
# Generates 100 000 and 1 000 000 synthetic parcels (once, into
# BUILDDIR/bench-data), then renders each at 1920×1080 with planviewer-cli,
# for the full extent and for a 1 km × 0.6 km view of central Thủ Dầu Một,
# plain and categorized with ma_sdd labels (the render time includes them),
# RUNS times (default 5, env BENCH_RUNS), and reports the medians of the
# load, index and render times the CLI prints (`timing: load 1.234 s`), the
# wall time of the whole process and its peak RSS (/usr/bin/time %M, KB).
# Then PDF exports: an A3 of the largest set and an A0 of the sample project
# (wall time, file size, peak RSS). The tables go to stdout and to
# BUILDDIR/bench-results.txt. Then, when the
# GUI is built, tests/bench/bench-map-view measures the map view on the
# largest set in a real window (under xvfb-run when there is no display).
# POSIX sh (make runs it with `sh`); needs awk and GNU date/time.

set -eu

if [ $# -ne 1 ]; then
  echo "usage: $0 BUILDDIR" >&2
  exit 1
fi

BUILDDIR=$1
SRCDIR=$(cd "$(dirname "$0")/../.." && pwd)
RUNS=${BENCH_RUNS:-5}
SIZES=${BENCH_SIZES:-"100000 1000000"}
GENERATOR=$BUILDDIR/data-samples/pv-generate-samples
CLI=$BUILDDIR/app/cli/planviewer-cli
DATA=$BUILDDIR/bench-data
RESULTS=$BUILDDIR/bench-results.txt
WORK=$(mktemp -d "${TMPDIR:-/tmp}/pv-bench.XXXXXX")
trap 'rm -rf "$WORK"' EXIT INT TERM

# The city view: 1 km × 0.6 km (EPSG:9210 metres) around the old centre of
# Thủ Dầu Một (10.9804 N, 106.6519 E = 598371.18, 1214436.35, vietnam.md §1.4).
CITY_EXTENT=597871,1214136,598871,1214736

for tool in "$GENERATOR" "$CLI"; do
  if [ ! -x "$tool" ]; then
    echo "run-bench.sh: $tool is missing: build first (make build BUILDDIR=$BUILDDIR)" >&2
    exit 1
  fi
done
if [ -x /usr/bin/time ]; then
  HAVE_TIME=1
else
  HAVE_TIME=0
  echo "run-bench.sh: /usr/bin/time not found: peak RSS will not be measured" >&2
fi

mkdir -p "$DATA"
for n in $SIZES; do
  base=$DATA/parcels_$n
  if [ -s "$base.shp" ] && [ -s "$base.shx" ] && [ -s "$base.dbf" ]; then
    continue
  fi
  echo "Generating $n parcels…"
  "$GENERATOR" --parcels "$n" --output "$DATA" >/dev/null
done

# median FILE → the median of the numbers in FILE (one a line), or "n/a".
median () {
  sort -g "$1" | awk '{ v[NR] = $1 } END {
    if (NR == 0) { print "n/a"; exit }
    if (NR % 2) m = v[(NR + 1) / 2]; else m = (v[NR / 2] + v[NR / 2 + 1]) / 2
    printf "%.3f\n", m }'
}

now_ns () {
  date +%s%N
}

# run_case LABEL FILE [EXTENT] → one table row.
run_case () {
  label=$1
  file=$2
  extent=${3:-}
  for key in load index render wall rss; do
    : > "$WORK/$key"
  done
  failed=0
  i=0
  while [ "$i" -lt "$RUNS" ]; do
    i=$((i + 1))
    set -- render --timings -o "$WORK/out.png" --size 1920x1080
    if [ -n "$extent" ]; then
      set -- "$@" --extent "$extent"
    fi
    set -- "$@" "$file"
    start=$(now_ns)
    if [ "$HAVE_TIME" = 1 ]; then
      status=0
      /usr/bin/time -f %M -o "$WORK/time" "$CLI" "$@" 2> "$WORK/stderr" > /dev/null || status=$?
    else
      status=0
      "$CLI" "$@" 2> "$WORK/stderr" > /dev/null || status=$?
    fi
    end=$(now_ns)
    if [ "$status" -ne 0 ]; then
      echo "run-bench.sh: planviewer-cli failed ($status) on $file:" >&2
      cat "$WORK/stderr" >&2
      failed=1
      break
    fi
    for key in load index render; do
      sed -n "s/^timing: $key \([0-9.eE+-]*\) s\$/\1/p" "$WORK/stderr" >> "$WORK/$key"
    done
    awk -v s="$start" -v e="$end" 'BEGIN { printf "%.3f\n", (e - s) / 1e9 }' >> "$WORK/wall"
    if [ "$HAVE_TIME" = 1 ]; then
      tail -n 1 "$WORK/time" >> "$WORK/rss"
    fi
  done
  if [ "$failed" = 1 ]; then
    printf '%-22s %8s %8s %8s %8s %10s\n' "$label" failed failed failed failed failed
    return
  fi
  rss=$(sort -n "$WORK/rss" | awk '{ v[NR] = $1 } END {
    if (NR == 0) { print "n/a"; exit }
    if (NR % 2) print v[(NR + 1) / 2]; else printf "%d\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }')
  printf '%-22s %8s %8s %8s %8s %10s\n' "$label" \
    "$(median "$WORK/load")" "$(median "$WORK/index")" "$(median "$WORK/render")" \
    "$(median "$WORK/wall")" "$rss"
}

{
  echo "PlanViewer benchmark — $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo "$(uname -srm), $(nproc) CPU(s): $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo 2>/dev/null | head -n 1)"
  echo "$("$CLI" --version 2>/dev/null | tr '\n' ' ')"
  echo "1920×1080 PNG, median of $RUNS runs; times in seconds, peak RSS in KB"
  echo "city view: --extent $CITY_EXTENT (1 km × 0.6 km, Thủ Dầu Một)"
  echo
  printf '%-22s %8s %8s %8s %8s %10s\n' case load index render wall "peak RSS"
  for n in $SIZES; do
    file=$DATA/parcels_$n.shp
    run_case "$n full extent" "$file"
    run_case "$n city 1 km" "$file" "$CITY_EXTENT"
    # The same with the land-use codes as labels (categorized both times: the
    # palette style applies itself), in a project, as the CLI takes labels.
    project=$WORK/labels_$n.pvproj
    printf '{"planviewer_project": 1, "layers": [{"source": "%s", "labels": {"text": "ma_sdd"}}]}\n' \
      "$(cd "$DATA" && pwd)/parcels_$n.shp" > "$project"
    run_case "$n full + labels" "$project"
    run_case "$n city + labels" "$project" "$CITY_EXTENT"
  done
} | tee "$RESULTS"

# PDF export (issue 7): an A3 landscape of the largest parcel set, full
# extent, categorized (the palette style applies itself), and an A0 of the
# sample project; the wall time of the whole process (reading included), the
# file size and the peak RSS, medians of RUNS.
SAMPLE_PROJECT=$SRCDIR/data-samples/binh-duong.pvproj

# run_export LABEL ARGS… → one table row (planviewer-cli export ARGS -o OUT.pdf).
run_export () {
  label=$1
  shift
  for key in wall rss size; do
    : > "$WORK/$key"
  done
  i=0
  while [ "$i" -lt "$RUNS" ]; do
    i=$((i + 1))
    rm -f "$WORK/out.pdf"
    start=$(now_ns)
    status=0
    if [ "$HAVE_TIME" = 1 ]; then
      /usr/bin/time -f %M -o "$WORK/time" "$CLI" export "$@" -o "$WORK/out.pdf" 2> "$WORK/stderr" > /dev/null || status=$?
    else
      "$CLI" export "$@" -o "$WORK/out.pdf" 2> "$WORK/stderr" > /dev/null || status=$?
    fi
    end=$(now_ns)
    if [ "$status" -ne 0 ]; then
      echo "run-bench.sh: planviewer-cli export failed ($status):" >&2
      cat "$WORK/stderr" >&2
      printf '%-22s %8s %10s %10s\n' "$label" failed failed failed
      return
    fi
    awk -v s="$start" -v e="$end" 'BEGIN { printf "%.3f\n", (e - s) / 1e9 }' >> "$WORK/wall"
    wc -c < "$WORK/out.pdf" | awk '{ printf "%.2f\n", $1 / 1e6 }' >> "$WORK/size"
    if [ "$HAVE_TIME" = 1 ]; then
      tail -n 1 "$WORK/time" >> "$WORK/rss"
    fi
  done
  printf '%-22s %8s %10s %10s\n' "$label" "$(median "$WORK/wall")" "$(median "$WORK/size")" \
    "$(median "$WORK/rss" | awk '{ if ($1 == "n/a") print $1; else printf "%d\n", $1 }')"
}

LARGEST=$(echo $SIZES | tr ' ' '\n' | sort -n | tail -n 1)
{
  echo
  echo "PDF export (planviewer-cli export, 300 dpi), median of $RUNS runs"
  printf '%-22s %8s %10s %10s\n' case wall "size MB" "peak RSS"
  run_export "A3 $LARGEST parcels" "$DATA/parcels_$LARGEST.shp" --page A3 --landscape
  if [ -f "$SAMPLE_PROJECT" ]; then
    run_export "A0 sample project" "$SAMPLE_PROJECT" --page A0
  else
    echo "run-bench.sh: $SAMPLE_PROJECT is missing: no A0 case" >&2
  fi
} | tee -a "$RESULTS"

# The map view in a real window (bench-map-view.c: frame times on the frame
# clock, main-loop stalls, zoom end to sharp frame), on the largest set.
GUI_BENCH=$BUILDDIR/tests/bench/bench-map-view
GUI_FILE=$DATA/parcels_$(echo $SIZES | tr ' ' '\n' | sort -n | tail -n 1).shp
if [ -x "$GUI_BENCH" ]; then
  echo
  if [ -z "${DISPLAY:-}" ] && command -v xvfb-run >/dev/null 2>&1; then
    set -- xvfb-run -a -s "-screen 0 1920x1080x24"
  else
    set --
  fi
  GSETTINGS_BACKEND=memory "$@" "$GUI_BENCH" "$GUI_FILE" | tee -a "$RESULTS" \
    || echo "run-bench.sh: bench-map-view failed" >&2
fi

# Compare (bench-compare.c): the swipe divider dragged across the view, the
# spyglass and the magnifier following the pointer, two groups of the largest
# set, frame times on the frame clock.
COMPARE_BENCH=$BUILDDIR/tests/bench/bench-compare
if [ -x "$COMPARE_BENCH" ]; then
  echo
  if [ -z "${DISPLAY:-}" ] && command -v xvfb-run >/dev/null 2>&1; then
    set -- xvfb-run -a -s "-screen 0 1920x1080x24"
  else
    set --
  fi
  GSETTINGS_BACKEND=memory "$@" "$COMPARE_BENCH" "$GUI_FILE" | tee -a "$RESULTS" \
    || echo "run-bench.sh: bench-compare failed" >&2
fi

# Presentation (bench-presentation.c): flights between a 1 km city view and
# the full extent of the largest set, frame times on the frame clock.
PRESENT_BENCH=$BUILDDIR/tests/bench/bench-presentation
if [ -x "$PRESENT_BENCH" ]; then
  echo
  if [ -z "${DISPLAY:-}" ] && command -v xvfb-run >/dev/null 2>&1; then
    set -- xvfb-run -a -s "-screen 0 1920x1080x24"
  else
    set --
  fi
  GSETTINGS_BACKEND=memory "$@" "$PRESENT_BENCH" "$GUI_FILE" | tee -a "$RESULTS" \
    || echo "run-bench.sh: bench-presentation failed" >&2
fi

# PostGIS (bench-postgis.sh): the largest set from a throw-away PostgreSQL +
# PostGIS server against the shapefile; skipped when the server cannot start.
echo
sh "$SRCDIR/tests/bench/bench-postgis.sh" "$BUILDDIR" | tee -a "$RESULTS" ||
  echo "run-bench.sh: bench-postgis.sh failed" >&2

echo
echo "Written to $RESULTS"
