#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Counts the results of meson test runs (testlog.json files): every TAP subtest
counts, and a test program that failed without a failing subtest (a crash,
a timeout) counts as one failure. Prints "N passed, N failed" last."""
import json
import re
import sys

passed = failed = skipped = 0
failures = []
entries = []
for path in sys.argv[1:]:
    try:
        with open(path, encoding="utf-8") as log:
            entries += [json.loads(line) for line in log if line.strip()]
    except OSError:
        pass

for entry in entries:
    ok_lines = not_ok = skip_lines = 0
    for line in (entry.get("stdout") or "").splitlines():
        if re.match(r"^not ok\b", line):
            not_ok += 1
        elif re.match(r"^ok\b", line):
            if re.search(r"#\s*SKIP", line, re.IGNORECASE):
                skip_lines += 1
            else:
                ok_lines += 1
    result = entry.get("result")
    passed += ok_lines
    skipped += skip_lines
    failed += not_ok
    if result not in ("OK", "SKIP", "EXPECTEDFAIL") and not_ok == 0:
        failed += 1
    if result not in ("OK", "SKIP", "EXPECTEDFAIL"):
        failures.append(entry.get("name", "?"))
    if result == "SKIP" and ok_lines + skip_lines + not_ok == 0:
        skipped += 1

if not entries:
    failed += 1
    failures.append("no test log")
for name in failures:
    print("FAILED: " + name)
if skipped:
    print("%d skipped" % skipped)
print("%d passed, %d failed" % (passed, failed))
sys.exit(1 if failed else 0)
