#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Runs the core and CLI test suites under valgrind memcheck (the CLI programs
# the CLI tests spawn too), in a build directory of its own. Every invalid
# read or write, use of uninitialised memory or definite leak is an error;
# tests/valgrind.supp lists the third-party ones ignored, each with the reason.
# Every process writes its own log; a log with errors fails the run even when
# its test passed (a spawned planviewer-cli expected to fail).
# Ends with one line "N passed, N failed"; exits non-zero on failure.
#
# usage: run-valgrind.sh [BUILDDIR [TEST...]] (default _build-valgrind, every
# test of the suites); VALGRIND_SUITES: the meson suites (default "core cli").
set -u
cd "$(dirname "$0")/.."
srcdir=$(pwd)
builddir=${1:-_build-valgrind}
[ $# -gt 0 ] && shift
suites=${VALGRIND_SUITES:-core cli}
start=$(date +%s)

command -v valgrind >/dev/null 2>&1 || { echo "valgrind is not installed (make deps)"; exit 1; }
if [ ! -f "$builddir/build.ninja" ]; then
  meson setup "$builddir" -Dgui=false || exit 1
fi
meson compile -C "$builddir" || exit 1

logs="$builddir/valgrind-logs"
rm -rf "$logs"
mkdir -p "$logs"
logs=$(cd "$logs" && pwd)

# Children are traced so that planviewer-cli runs under memcheck too, but not
# the system's programs (sh, gdal tools) the tests may start.
wrapper="valgrind --tool=memcheck --error-exitcode=99 --track-origins=yes"
wrapper="$wrapper --leak-check=full --show-leak-kinds=definite --errors-for-leak-kinds=definite"
wrapper="$wrapper --num-callers=30 --suppressions=$srcdir/tests/valgrind.supp --gen-suppressions=all"
wrapper="$wrapper --trace-children=yes --trace-children-skip=/bin/*,/usr/bin/*,/usr/sbin/*,/sbin/*"
wrapper="$wrapper --log-file=$logs/%p.log"
# GLib 2.74's slice allocator hides leaks and invalid accesses from memcheck.
G_SLICE=always-malloc
# The CLI tests give each planviewer-cli 60 s; under memcheck it runs ~20x slower.
PV_TEST_CLI_TIMEOUT=1200
# test-save-kill's 100 kills (make test runs them) would take ~40 min here;
# a few show that the kill-and-reopen path is clean.
PV_SAVE_KILL_TRIALS=${PV_SAVE_KILL_TRIALS:-3}
export G_SLICE PV_TEST_CLI_TIMEOUT PV_SAVE_KILL_TRIALS

# meson names the log of a run with --wrapper after the wrapper.
log="$builddir/meson-logs/testlog-valgrind.json"
rm -f "$log"
if [ $# -eq 0 ]; then
  for suite in $suites; do
    set -- "$@" --suite "$suite"
  done
fi
meson test -C "$builddir" --no-rebuild --print-errorlogs --timeout-multiplier "${VALGRIND_TIMEOUT_MULTIPLIER:-20}" \
  --num-processes "${VALGRIND_JOBS:-2}" --wrapper "$wrapper" "$@"
status=$?

# Logs with errors: the summary line of memcheck says how many.
count=0
for file in "$logs"/*.log; do
  [ -f "$file" ] || continue
  errors=$(sed -n 's/.*ERROR SUMMARY: \([0-9]*\) errors.*/\1/p' "$file" | tail -n 1)
  if [ -n "$errors" ] && [ "$errors" -gt 0 ]; then
    count=$((count + 1))
    echo "=== valgrind errors: $file"
    cat "$file"
  fi
done

summary=$(python3 build-aux/test-summary.py "$log")
summary_status=$?
echo "$summary" | sed '$d'
echo "processes with valgrind errors: $count"
echo "valgrind run took $(( $(date +%s) - start )) s"
last=$(echo "$summary" | tail -n 1)
passed=${last%% passed*}
failed=${last#*passed, }
failed=${failed%% failed*}
echo "$passed passed, $((failed + count)) failed"
[ "$status" -eq 0 ] && [ "$summary_status" -eq 0 ] && [ "$count" -eq 0 ]
