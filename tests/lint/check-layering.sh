#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The architecture rules of DESIGN.md, enforced: core knows no GTK, and only
# core talks to GDAL and PROJ.
set -u
root=${1:?source root}
status=0
echo "1..2"

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
exit $status
