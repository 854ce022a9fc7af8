#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Starts the real planviewer binary on the sample project in the current X
# display (make test provides Xvfb), takes screenshots until the window shows
# a drawn map, and fails on a blank or empty screen. TAP output.
set -u
planviewer=${1:?path to planviewer}
project=${2:?path to the sample project}
shot=$(mktemp -d)/screen.png
echo "1..2"

if [ -z "${DISPLAY:-}" ]; then
  echo "ok 1 # SKIP no display"
  echo "ok 2 # SKIP no display"
  exit 0
fi

"$planviewer" "$project" >/dev/null 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null; rm -rf "$(dirname "$shot")"' EXIT

# A drawn map has thousands of colours (fills, antialiased outlines, the
# orthophoto); an empty window with its text and icons has under a thousand.

colours=0
tries=0
while [ "$tries" -lt 60 ]; do
  sleep 0.5
  tries=$((tries + 1))
  if ! kill -0 "$pid" 2>/dev/null; then
    echo "not ok 1 - planviewer exited early"
    echo "not ok 2 - no window to look at"
    exit 1
  fi
  import -window root "$shot" 2>/dev/null || continue
  colours=$(convert "$shot" -format '%k' info: 2>/dev/null || echo 0)
  [ "$colours" -ge 3000 ] && break
done
echo "ok 1 - planviewer is running"

if [ "$colours" -ge 3000 ]; then
  echo "ok 2 - the screen shows a drawn window ($colours colours)"
else
  echo "not ok 2 - blank or empty screen after 30 s ($colours colours)"
  exit 1
fi
