#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The architecture rules of DESIGN.md, enforced: core knows no GTK, only
# core talks to GDAL and PROJ, and every worker is counted (pv-task.h) so that
# the process can wait for it at exit.
set -u
root=${1:?source root}
status=0
echo "1..3"

hits=$(grep -rlE '#include *<(gtk|gdk|adwaita|adw)[/.]' "$root/app/core" 2>/dev/null)
if [ -n "$hits" ]; then
  echo "not ok 1 - app/core includes GTK: $hits"
  status=1
else
  echo "ok 1 - app/core is free of GTK"
fi

hits=$(grep -rlE '#include *<(gdal|ogr_|cpl_|proj|gdal_|ogr)[a-z_]*\.h>' "$root/app/gui" "$root/app/cli" 2>/dev/null)
if [ -n "$hits" ]; then
  echo "not ok 2 - GDAL/PROJ headers outside app/core: $hits"
  status=1
else
  echo "ok 2 - only app/core includes GDAL/PROJ"
fi

hits=$(grep -rlE 'g_task_run_in_thread *\( *[a-zA-Z]' "$root/app" 2>/dev/null | grep -v '/pv-task\.c$')
if [ -n "$hits" ]; then
  echo "not ok 3 - g_task_run_in_thread() instead of pv_task_run_in_thread(): $hits"
  status=1
else
  echo "ok 3 - every worker runs through pv_task_run_in_thread()"
fi
exit $status
