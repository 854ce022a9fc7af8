#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# tests/lsan-gui.supp names library functions whose leaks inside GTK the GUI
# sanitizer run ignores. Such an entry would also hide our own leak of what
# that function returns, so the GUI code must never call one of them.
set -u
root=${1:?source root}
supp="$root/tests/lsan-gui.supp"
names=$(sed -n 's/^leak:\([A-Za-z_][A-Za-z0-9_]*\)$/\1/p' "$supp")
n=$(printf '%s\n' "$names" | grep -c .)
echo "1..$((n > 0 ? n : 1))"
[ "$n" -gt 0 ] || { echo "ok 1 - no function suppressions # SKIP none listed"; exit 0; }
status=0
i=0
for name in $names; do
  i=$((i + 1))
  hits=$(grep -rlE "\\b$name *\\(" "$root/app/gui" 2>/dev/null)
  if [ -n "$hits" ]; then
    echo "not ok $i - $name is suppressed for GTK's sake but called by: $hits"
    status=1
  else
    echo "ok $i - app/gui never calls $name"
  fi
done
exit $status
