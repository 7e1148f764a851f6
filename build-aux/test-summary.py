#!/usr/bin/env python3
# test-summary.py STATUS: counts the results in meson's test logs of _build and
# _build-asan and prints "PASSED FAILED SKIPPED". STATUS is the runner's own
# status so far: a build that failed, or a suite that could not run, counts as
# one failed test when no test result says so.
#
# Copyright 2026 The Remora authors
# SPDX-License-Identifier: GPL-2.0-or-later
import glob
import json
import sys

passed = failed = skipped = 0
for log in sorted(glob.glob('_build/meson-logs/testlog*.json') +
                  glob.glob('_build-asan/meson-logs/testlog*.json')):
    for line in open(log):
        line = line.strip()
        if not line:
            continue
        r = json.loads(line)
        if r.get('result') in ('OK', 'EXPECTEDFAIL'):
            passed += 1
        elif r.get('result') == 'SKIP':
            skipped += 1
        else:
            failed += 1
if failed == 0 and (passed == 0 or sys.argv[1:] != ['0']):
    failed = 1
print(passed, failed, skipped)
