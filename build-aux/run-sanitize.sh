#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Builds PlanViewer with AddressSanitizer + UndefinedBehaviorSanitizer in a
# build directory of its own and runs the test suites there. Any sanitizer
# report (an invalid access, a leak not caused by a third-party library,
# undefined behaviour) fails the run: the process stops at the first report
# (halt_on_error) and every report is also written to a file, so one from a
# spawned planviewer-cli counts even when its test expected a failing exit
# status. Ends with one line "N passed, N failed"; exits non-zero on failure.
#
# usage: run-sanitize.sh [BUILDDIR [TEST...]] (default _build-sanitize, every
# test of the suites); SANITIZE_SUITES: the meson suites to run (default below).
set -u
cd "$(dirname "$0")/.."
srcdir=$(pwd)
builddir=${1:-_build-sanitize}
[ $# -gt 0 ] && shift
# Every suite by default, the GUI ones under Xvfb like make test;
# SANITIZE_SUITES="core" (say) runs fewer.
suites=${SANITIZE_SUITES:-lint core render cli gui}
start=$(date +%s)
gui=false
for suite in $suites; do
  [ "$suite" = gui ] && gui=true
done
# The GUI suites need an X server: the whole run goes under Xvfb.
if [ "$gui" = true ] && [ -z "${DISPLAY:-}" ] && command -v xvfb-run >/dev/null 2>&1; then
  exec xvfb-run -a -s "-screen 0 1920x1080x24" sh "$srcdir/build-aux/run-sanitize.sh" "$builddir" "$@"
fi

if [ ! -f "$builddir/build.ninja" ]; then
  meson setup "$builddir" -Dgui="$gui" \
    -Db_sanitize=address,undefined -Db_lundef=false \
    -Dc_args=-fno-omit-frame-pointer || exit 1
fi
meson compile -C "$builddir" || exit 1

reports="$builddir/sanitizer-reports"
rm -rf "$reports"
mkdir -p "$reports"
reports=$(cd "$reports" && pwd)

# halt_on_error: the first report ends the process with a failing status.
# log_path: every report also lands in a file, named after the process id.
# detect_leaks: LeakSanitizer at exit; tests/lsan.supp lists the third-party
# leaks it ignores, each with the reason.
# allocator_may_return_null + max_allocation_size_mb: a multi-GB allocation
# fails as it does under the 4 GB address-space limit the CLI tests give the
# CLI (that limit cannot apply under ASan, whose shadow memory is reserved
# up front).
ASAN_OPTIONS="halt_on_error=1:abort_on_error=0:detect_leaks=1:detect_stack_use_after_return=0"
ASAN_OPTIONS="$ASAN_OPTIONS:check_initialization_order=1:strict_init_order=1"
ASAN_OPTIONS="$ASAN_OPTIONS:allocator_may_return_null=1:max_allocation_size_mb=4096"
# Full stacks through libraries built without frame pointers (GLib, GDAL,
# cairo, fontconfig): reports say where our code was, and the suppressions
# (which name library functions) match.
ASAN_OPTIONS="$ASAN_OPTIONS:fast_unwind_on_malloc=0:malloc_context_size=40"
ASAN_OPTIONS="$ASAN_OPTIONS:log_path=$reports/asan:log_exe_name=1"
LSAN_OPTIONS="suppressions=$srcdir/tests/lsan.supp:print_suppressions=0"
UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1:log_path=$reports/ubsan:log_exe_name=1"
# The GUI suites draw with GSK's cairo renderer and no OpenGL: under Xvfb
# GL is Mesa's llvmpipe, whose LLVM JIT registers its unwind tables through
# libgcc while holding the lock ASan's slow unwinder takes on every malloc,
# and the process deadlocks. Our drawing is cairo either way.
GSK_RENDERER=cairo
GDK_DEBUG=gl-disable
export GSK_RENDERER GDK_DEBUG
# GUI tests wait for the window as long as meson waits for them.
PV_TEST_WAIT_MULTIPLIER=4
export PV_TEST_WAIT_MULTIPLIER
# make test runs test-save-kill's 100 kills; under ASan each costs ~10 s.
PV_SAVE_KILL_TRIALS=${PV_SAVE_KILL_TRIALS:-10}
export PV_SAVE_KILL_TRIALS
# GLib 2.74's slice allocator keeps freed blocks for reuse, which hides
# use-after-free and leaks from ASan: plain malloc instead.
G_SLICE=always-malloc
export ASAN_OPTIONS LSAN_OPTIONS UBSAN_OPTIONS G_SLICE

# The GUI suites' leak check also ignores GTK's own leaks
# (tests/lsan-gui.supp): a separate run, so that the core, render and CLI
# suites are checked without those entries.
gui_supp="$(cd "$builddir" && pwd)/lsan-gui.supp"
cat "$srcdir/tests/lsan.supp" "$srcdir/tests/lsan-gui.supp" > "$gui_supp"

logs=
status=0
run_meson_test () {
  name=$1
  shift
  log="$builddir/meson-logs/testlog.json"
  rm -f "$log"
  meson test -C "$builddir" --no-rebuild --print-errorlogs --timeout-multiplier 4 "$@" || status=1
  if [ -f "$log" ]; then
    mv "$log" "$builddir/meson-logs/testlog-sanitize-$name.json"
    logs="$logs $builddir/meson-logs/testlog-sanitize-$name.json"
  fi
}

if [ $# -gt 0 ]; then
  # Named tests: one run, with the GUI's suppressions when the GUI is built.
  [ "$gui" = true ] && LSAN_OPTIONS="suppressions=$gui_supp:print_suppressions=0"
  export LSAN_OPTIONS
  run_meson_test named "$@"
else
  others=
  for suite in $suites; do
    [ "$suite" = gui ] || others="$others --suite $suite"
  done
  # shellcheck disable=SC2086 # "--suite NAME" pairs, no spaces in the names
  [ -n "$others" ] && run_meson_test other $others
  if [ "$gui" = true ]; then
    LSAN_OPTIONS="suppressions=$gui_supp:print_suppressions=0"
    # Invalid accesses and undefined behaviour are checked in the GUI suites
    # as everywhere. Their leak check needs DWARF unwinding at every malloc
    # (GTK, fontconfig and Mesa are built without frame pointers, so only
    # full stacks tell their leaks from ours), which makes these suites ~10 to
    # 40 times slower (test-identify: 6 s with frame-pointer stacks, over 4 min
    # without): SANITIZE_GUI_LEAKS=1 runs that check.
    if [ "${SANITIZE_GUI_LEAKS:-0}" != 1 ]; then
      ASAN_OPTIONS="$ASAN_OPTIONS:detect_leaks=0:fast_unwind_on_malloc=1"
    fi
    export LSAN_OPTIONS ASAN_OPTIONS
    run_meson_test gui --suite gui
  fi
fi

# A report in a file whose test still passed (a spawned CLI expected to fail)
# counts as one more failure.
count=0
for file in "$reports"/*; do
  [ -f "$file" ] || continue
  count=$((count + 1))
  echo "=== sanitizer report: $(basename "$file")"
  cat "$file"
done

# shellcheck disable=SC2086 # build paths without spaces
summary=$(python3 build-aux/test-summary.py $logs)
summary_status=$?
echo "$summary" | sed '$d'
echo "sanitizer reports: $count"
echo "sanitizer run took $(( $(date +%s) - start )) s"
last=$(echo "$summary" | tail -n 1)
passed=${last%% passed*}
failed=${last#*passed, }
failed=${failed%% failed*}
echo "$passed passed, $((failed + count)) failed"
[ "$status" -eq 0 ] && [ "$summary_status" -eq 0 ] && [ "$count" -eq 0 ]
