#!/usr/bin/env python3
# check-fixtures.py REMORA TRACES_DIR: every committed fixture, imported with
# `remora import`, has the event counts that `trace-cmd report` prints for it:
# computed now when trace-cmd is installed, else read from NAME.expected.
# (test-listing.py compares the text of every event with trace-cmd report's.)
# Prints TAP.
#
# Copyright 2026 The Remora authors
# SPDX-License-Identifier: GPL-2.0-or-later

import configparser
import json
import os
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from tracecmd_report import report_counts  # noqa: E402

remora, traces = sys.argv[1], sys.argv[2]
have_trace_cmd = shutil.which('trace-cmd') is not None
results = []


def check(name, ok, detail=''):
    results.append((name, ok, detail))


def expected_from_file(path):
    kf = configparser.ConfigParser(delimiters=('=',), comment_prefixes=('#',))
    kf.optionxform = str
    kf.read(path)
    return {'total': int(kf['trace']['events']), 'first_ts': int(kf['trace']['first_ts']),
            'last_ts': int(kf['trace']['last_ts']),
            'by_name': {k: int(v) for k, v in kf['events'].items()},
            'by_buffer': {('' if k == 'top' else k): int(v) for k, v in kf['buffers'].items()}}


work = tempfile.mkdtemp(prefix='remora-fixtures-')
try:
    for dat in sorted(f for f in os.listdir(traces) if f.endswith('.dat')):
        name = dat[:-4]
        path = os.path.join(traces, dat)
        if have_trace_cmd:
            want = report_counts(path)
            source = 'trace-cmd report'
            # the committed values must agree with trace-cmd too
            committed = expected_from_file(os.path.join(traces, name + '.expected'))
            check('%s: %s.expected agrees with trace-cmd report' % (name, name),
                  committed['by_name'] == want['by_name'] and committed['total'] == want['total'])
        else:
            want = expected_from_file(os.path.join(traces, name + '.expected'))
            source = name + '.expected'
        store = os.path.join(work, name + '.remora')
        r = subprocess.run([remora, 'import', '-q', '-o', store, path], capture_output=True,
                           text=True)
        check('%s: import' % name, r.returncode == 0, r.stderr)
        r = subprocess.run([remora, 'stats', '--json', store], capture_output=True, text=True)
        check('%s: stats' % name, r.returncode == 0, r.stderr)
        if r.returncode:
            continue
        got = json.loads(r.stdout)
        check('%s: events total = %s' % (name, source), got['events_total'] == want['total'],
              '%s != %s' % (got['events_total'], want['total']))
        check('%s: events by name = %s' % (name, source), got['events_by_name'] == want['by_name'],
              str(set(got['events_by_name'].items()) ^ set(want['by_name'].items())))
        check('%s: first and last timestamps = %s' % (name, source),
              (got['first_ts_ns'], got['last_ts_ns']) == (want['first_ts'], want['last_ts']))
        by_buffer = {b: sum(v.values()) for b, v in got['events_by_buffer'].items()}
        check('%s: events by buffer = %s' % (name, source), by_buffer == want['by_buffer'],
              '%s != %s' % (by_buffer, want['by_buffer']))
finally:
    shutil.rmtree(work, ignore_errors=True)

print('1..%d' % len(results))
for i, (name, ok, detail) in enumerate(results, 1):
    print('%s %d - %s' % ('ok' if ok else 'not ok', i, name))
    if not ok and detail:
        print('#   ' + str(detail).replace('\n', '\n#   '))
