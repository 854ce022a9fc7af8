#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# bench-postgis.sh BUILDDIR — the PostGIS half of `make bench` (run by
# run-bench.sh after it generated BUILDDIR/bench-data/parcels_N.shp).
#
# Starts a throw-away PostgreSQL + PostGIS server (tests/pg/pv-pg-server.sh:
# a Unix socket in a temporary folder, never a server the machine has), loads
# the largest parcel set into it with ogr2ogr (timed), then renders the city
# view (1 km × 0.6 km of Thủ Dầu Một) and the full extent at 1920×1080 with
# planviewer-cli from the table and from the shapefile, RUNS times (default
# 5, env BENCH_RUNS), and prints the medians of the load, index (for the
# table: the window's features read from the server, then indexed) and
# render times the CLI prints, the wall time and the peak RSS (KB), and how
# many features the window held. Skipped, saying why, when the server cannot
# start. POSIX sh; needs awk, GNU date and /usr/bin/time.

set -eu

if [ $# -ne 1 ]; then
  echo "usage: $0 BUILDDIR" >&2
  exit 1
fi

BUILDDIR=$(cd "$1" && pwd)
SRCDIR=$(cd "$(dirname "$0")/../.." && pwd)
RUNS=${BENCH_RUNS:-5}
SIZES=${BENCH_SIZES:-"100000 1000000"}
N=$(echo $SIZES | tr ' ' '\n' | sort -n | tail -n 1)
CLI=$BUILDDIR/app/cli/planviewer-cli
FILE=$BUILDDIR/bench-data/parcels_$N.shp
CITY_EXTENT=597871,1214136,598871,1214736
SERVER=$SRCDIR/tests/pg/pv-pg-server.sh

if [ ! -s "$FILE" ]; then
  echo "bench-postgis.sh: $FILE is missing: run run-bench.sh first" >&2
  exit 1
fi

WORK=$(mktemp -d "${TMPDIR:-/tmp}/pv-pgbench.XXXXXX")
PGDIR=$(mktemp -d /tmp/pv-pgb.XXXXXX)
cleanup () {
  sh "$SERVER" stop "$PGDIR" > /dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT INT TERM

echo "PostGIS: $N parcels from PostgreSQL 15 + PostGIS (Unix socket, same machine) against the shapefile"
if ! sh "$SERVER" start "$PGDIR" 2> "$WORK/start.log"; then
  echo "bench-postgis.sh: skipped: the test server could not start: $(tail -n 1 "$WORK/start.log")"
  exit 0
fi

start=$(date +%s%N)
sh "$SERVER" load "$PGDIR" "$FILE" parcels -a_srs EPSG:9210 2> "$WORK/load.log" ||
  { cat "$WORK/load.log" >&2; echo "bench-postgis.sh: ogr2ogr failed" >&2; exit 1; }
end=$(date +%s%N)
SOURCE="PG:host=$PGDIR port=54329 dbname=planviewer user=planviewer"
printf 'ogr2ogr load of %s parcels (COPY, GiST index, ANALYZE): %.1f s\n' "$N" \
  "$(awk -v s="$start" -v e="$end" 'BEGIN { print (e - s) / 1e9 }')"

median () {
  sort -g "$1" | awk '{ v[NR] = $1 } END {
    if (NR == 0) { print "n/a"; exit }
    if (NR % 2) m = v[(NR + 1) / 2]; else m = (v[NR / 2] + v[NR / 2 + 1]) / 2
    printf "%.3f\n", m }'
}

# run_case LABEL INPUT [EXTENT] → one table row.
run_case () {
  label=$1
  input=$2
  extent=${3:-}
  for key in load index render wall rss features; do
    : > "$WORK/$key"
  done
  i=0
  while [ "$i" -lt "$RUNS" ]; do
    i=$((i + 1))
    set -- render --timings --allow-network -o "$WORK/out.png" --size 1920x1080
    if [ -n "$extent" ]; then
      set -- "$@" --extent "$extent"
    fi
    set -- "$@" "$input"
    start=$(date +%s%N)
    status=0
    PGPASSWORD=pv-secret G_MESSAGES_DEBUG=pv-core /usr/bin/time -f %M -o "$WORK/time" "$CLI" "$@" \
      2> "$WORK/stderr" > "$WORK/stdout" || status=$?
    end=$(date +%s%N)
    if [ "$status" -ne 0 ]; then
      echo "bench-postgis.sh: planviewer-cli failed ($status) on $input:" >&2
      grep -v DEBUG "$WORK/stderr" >&2 || true
      printf '%-26s %8s\n' "$label" failed
      return
    fi
    for key in load index render; do
      sed -n "s/^timing: $key \([0-9.eE+-]*\) s\$/\1/p" "$WORK/stderr" >> "$WORK/$key"
    done
    # GLib prints debug messages on stdout.
    cat "$WORK/stdout" "$WORK/stderr" | sed -n 's/.*: window \[.*\]: \([0-9]*\) features.*$/\1/p' | tail -n 1 >> "$WORK/features"
    awk -v s="$start" -v e="$end" 'BEGIN { printf "%.3f\n", (e - s) / 1e9 }' >> "$WORK/wall"
    tail -n 1 "$WORK/time" >> "$WORK/rss"
  done
  features=$(tail -n 1 "$WORK/features")
  printf '%-26s %8s %8s %8s %8s %10s %10s\n' "$label" \
    "$(median "$WORK/load")" "$(median "$WORK/index")" "$(median "$WORK/render")" \
    "$(median "$WORK/wall")" "$(median "$WORK/rss" | cut -d. -f1)" "${features:-all}"
}

echo "1920×1080 PNG, median of $RUNS runs; times in seconds, peak RSS in KB"
printf '%-26s %8s %8s %8s %8s %10s %10s\n' case load index render wall "peak RSS" "in memory"
run_case "shapefile full extent" "$FILE"
run_case "PostGIS full extent" "$SOURCE"
run_case "shapefile city 1 km" "$FILE" "$CITY_EXTENT"
run_case "PostGIS city 1 km" "$SOURCE" "$CITY_EXTENT"
