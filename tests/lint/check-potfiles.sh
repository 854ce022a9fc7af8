#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Every source file with translatable strings is in po/POTFILES.in, which
# stays sorted (libadwaita's check, in shell).
set -u
root=${1:?source root}
cd "$root" || exit 1
echo "1..2"
listed=$(grep -v '^#' po/POTFILES.in | grep -v '^$')
if [ "$listed" = "$(printf '%s\n' "$listed" | LC_ALL=C sort)" ]; then
  echo "ok 1 - POTFILES.in is sorted"
else
  echo "not ok 1 - POTFILES.in is not sorted"
  status=1
fi
missing=""
for f in $(grep -rlE '(^|[^A-Za-z0-9_])(_|N_|C_|NC_|ngettext)\s*\(\s*"' app --include='*.c'; \
           grep -rl 'translatable="yes"' ui resources 2>/dev/null); do
  printf '%s\n' "$listed" | grep -qx "$f" || missing="$missing $f"
done
if [ -z "$missing" ]; then
  echo "ok 2 - every file with translatable strings is listed"
else
  echo "not ok 2 - missing from po/POTFILES.in:$missing"
  status=1
fi
exit ${status:-0}
