#!/usr/bin/env python3
# check-truth.py: compares `remora stats --json` with the ground truth that
# ../shared/traces/NAME.truth.json holds (computed from `trace-cmd report`).
# Prints TAP. Skips (exit 77 under meson) when ../shared is absent.
#
# Copyright 2026 The Remora authors
# SPDX-License-Identifier: GPL-2.0-or-later

import json
import os
import shutil
import subprocess
import sys
import tempfile

remora = sys.argv[1]
traces_dir = sys.argv[2]

names = sorted(f[:-len('.truth.json')] for f in os.listdir(traces_dir)
               if f.endswith('.truth.json')) if os.path.isdir(traces_dir) else []
if not names:
    print('1..0 # SKIP no ground-truth traces in %s' % traces_dir)
    sys.exit(0)

tests = []


def check(name, ok, detail=''):
    tests.append((name, ok, detail))


def us(x):
    return round(float(x), 3)


def compare_latency(prefix, mine, truth):
    check(prefix + ' count', mine.get('count', 0) == truth['count'],
          '%s != %s' % (mine.get('count'), truth['count']))
    if truth['count'] == 0:
        return
    # remora's whole nanoseconds, the truth's microseconds with 3 decimals
    for key, tkey in (('min_ns', 'min_us'), ('p50_ns', 'median_us'),
                      ('p99_ns', 'p99_us'), ('max_ns', 'max_us')):
        check('%s %s' % (prefix, key), us(mine[key] / 1000) == us(truth[tkey]),
              '%s != %s' % (mine[key], truth[tkey]))


work = tempfile.mkdtemp(prefix='remora-truth-')
try:
    for name in names:
        truth = json.load(open(os.path.join(traces_dir, name + '.truth.json')))
        store = os.path.join(work, name + '.remora')
        src = os.path.join(traces_dir, name + '.dat')
        r = subprocess.run([remora, 'import', '--quiet', '-o', store, src],
                           capture_output=True, text=True)
        check('%s: import exits 0' % name, r.returncode == 0, r.stderr.strip())
        if r.returncode != 0:
            continue
        r = subprocess.run([remora, 'stats', '--json', store], capture_output=True, text=True)
        check('%s: stats exits 0' % name, r.returncode == 0, r.stderr.strip())
        if r.returncode != 0:
            continue
        mine = json.loads(r.stdout)
        check('%s: events_total' % name, mine['events_total'] == truth['events_total'],
              '%s != %s' % (mine['events_total'], truth['events_total']))
        check('%s: events_by_name' % name, mine['events_by_name'] == truth['events_by_name'],
              str(set(mine['events_by_name'].items()) ^ set(truth['events_by_name'].items())))
        cpus = {}
        for c in mine['events_by_cpu']:
            cpus[str(c['cpu'])] = cpus.get(str(c['cpu']), 0) + c['events']
        check('%s: events_by_cpu' % name, cpus == truth['events_by_cpu'],
              '%s != %s' % (cpus, truth['events_by_cpu']))
        if 'events_by_buffer' in truth:
            eb = {b: sum(v.values()) for b, v in mine['events_by_buffer'].items()}
            tb = truth['events_by_buffer']
            tb = {b: (v['total'] if isinstance(v, dict) else v) for b, v in tb.items()}
            check('%s: events_by_buffer' % name, eb == tb, '%s != %s' % (eb, tb))
        check('%s: first_ts' % name, mine['first_ts_ns'] == truth['first_ts_ns'])
        check('%s: last_ts' % name, mine['last_ts_ns'] == truth['last_ts_ns'])
        check('%s: cpus' % name, mine['cpus'] == truth['cpus'])
        check('%s: file_version' % name, mine['file_version'] == truth['file_version'])
        check('%s: kernel' % name, mine['kernel_release'] == truth['kernel_release'])
        check('%s: clock' % name, mine['clock'] == truth['clock'])
        check('%s: tasks that emitted events' % name,
              mine['tasks']['emitted_events'] == truth['tasks']['distinct_pids'],
              '%s != %s' % (mine['tasks'], truth['tasks']))
        check('%s: tasks named anywhere' % name,
              mine['tasks']['named'] == truth['tasks']['distinct_pids_any'],
              '%s != %s' % (mine['tasks'], truth['tasks']))
        check('%s: lost events' % name,
              mine['lost_event_marks'] == truth['lost_events']['markers'])

        strict = truth.get('wakeup_latency_strict')
        strict = strict if isinstance(strict, dict) and 'latency' in strict else None
        if isinstance(strict, list):
            strict = strict[0] if strict else None
        if strict is not None:
            w = mine['wakeup_latency']
            compare_latency('%s: wakeup latency' % name, w['latency'], strict['latency'])
            for k in ('wakeup_while_running', 'duplicate_wakeups', 'stale_dropped'):
                check('%s: wakeups %s' % (name, k), w[k] == strict[k],
                      '%s != %s' % (w[k], strict[k]))
            check('%s: wakeups unmatched at end' % name,
                  w['wakeups_unmatched_at_end'] == strict['unmatched_at_end'])

        blocks = truth.get('block_requests')
        if isinstance(blocks, list):
            blocks = blocks[0] if blocks else None
        if blocks is not None:
            b = mine['block_requests']
            compare_latency('%s: block latency' % name, b['latency'], blocks['latency'])
            check('%s: block complete without issue' % name,
                  b['block_complete_without_issue'] == blocks['complete_without_issue'])
            check('%s: block issued' % name, b['block_issued'] == blocks['issued'])
            check('%s: block issued not completed' % name,
                  b['block_issued_not_completed'] == blocks['issued_not_completed'])
finally:
    shutil.rmtree(work, ignore_errors=True)

print('1..%d' % len(tests))
for i, (name, ok, detail) in enumerate(tests, 1):
    print('%s %d - %s' % ('ok' if ok else 'not ok', i, name))
    if not ok and detail:
        print('#   ' + detail.replace('\n', '\n#   '))
sys.exit(0)
