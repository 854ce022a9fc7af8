#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Runs every meson test suite under Xvfb and prints one summary line
# "N passed, N failed"; the exit status is non-zero when anything failed.
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

if [ -f "$log" ]; then
  passed=$(grep -c '"result": "OK"' "$log")
  skipped=$(grep -c '"result": "SKIP"' "$log")
  total=$(grep -c '"result":' "$log")
  failed=$((total - passed - skipped))
else
  passed=0
  failed=1
fi
[ "$status" -ne 0 ] && [ "$failed" -eq 0 ] && failed=1
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
