#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Runs every meson test suite, the GUI ones in a real X server (Xvfb), and ends
# with one line "N passed, N failed" (TAP subtests); exits non-zero on failure.
set -u
builddir=${1:-_build}
log="$builddir/meson-logs/testlog.json"

rm -f "$log"
if [ -z "${DISPLAY:-}" ] && command -v xvfb-run >/dev/null 2>&1; then
  xvfb-run -a -s "-screen 0 1920x1080x24" meson test -C "$builddir" --print-errorlogs
else
  meson test -C "$builddir" --print-errorlogs
fi
status=$?

python3 "$(dirname "$0")/test-summary.py" "$log"
summary=$?
[ "$status" -eq 0 ] && [ "$summary" -eq 0 ]
