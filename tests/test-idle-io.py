#!/usr/bin/env python3
# test-idle-io.py REMORA TRACES_DIR SHARED_TRACES: `remora stats --json`'s
# idle time per CPU and idle time with block I/O in flight equal a brute-force
# sweep over the raw events, on every committed fixture and on every trace of
# ../shared/traces that is there. The sweep reads the sched_switch events as
# `remora events -R -t` lists them (decoded from the payloads, as trace-cmd
# report prints them), the gaps of lost events and the requests' pairing from
# the store's tables (SCHEMA.md: a request is in flight from its issue to
# the completion paired with it), and walks time once, counting requests in
# flight and each CPU's state: none of it is the code under test, which
# reads the scheduler slices and merges the requests' spans. Prints TAP.
#
# Copyright 2026 The Remora authors
# SPDX-License-Identifier: GPL-2.0-or-later

import glob
import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile

from tap import check, report, skip

remora, traces, shared = sys.argv[1:4]

SWITCH = re.compile(r'^\s*(.*)-(-?\d+)\s+\[(\d+)\]\s+(\d+)\.(\d{9}): sched_switch:\s.*\bnext_pid=(-?\d+)')


def remora_run(*args):
    return subprocess.run([remora] + list(args), capture_output=True, text=True)


def brute_force(trace, store):
    db = sqlite3.connect('file:%s?mode=ro' % store, uri=True)
    buffers = dict(db.execute('SELECT name, id FROM buffers'))
    cpus = [tuple(r) for r in db.execute('SELECT buffer_id, cpu FROM cpus')]
    trace_end = db.execute('SELECT max(ts) FROM event_rows').fetchone()[0]
    points = []  # (ts, kind, buffer_id, cpu or None, value)
    for b, cpu, ts in db.execute('SELECT buffer_id, cpu, ts FROM lost_events'):
        points.append((ts, 'lost', b, cpu, None))
    for b, issue, complete in db.execute(
            'SELECT buffer_id, issue_ts, complete_ts FROM block_requests '
            'WHERE latency_ns IS NOT NULL AND complete_ts IS NOT NULL'):
        points.append((issue, 'issue', b, None, 1))
        points.append((complete, 'complete', b, None, -1))
    db.close()

    listing = remora_run('events', '-R', '-t', '--name', 'sched_switch', trace)
    if listing.returncode != 0:
        raise RuntimeError(listing.stderr)
    prefixes = sorted(((name + ': ', bid) for name, bid in buffers.items() if name),
                      key=lambda p: -len(p[0]))
    for line in listing.stdout.splitlines():
        b = buffers.get('', 0)
        for prefix, bid in prefixes:
            if line.startswith(prefix):
                b, line = bid, line[len(prefix):]
                break
        m = SWITCH.match(line)
        if not m:
            continue
        ts = int(m.group(4)) * 1000000000 + int(m.group(5))
        points.append((ts, 'switch', b, int(m.group(3)), int(m.group(6))))

    # at one time: completions, then issues, then what happens on the CPUs
    # (the order changes no measure: it only sets the state after the time)
    order = {'complete': 0, 'issue': 1, 'lost': 2, 'switch': 3}
    points.sort(key=lambda p: (p[0], order[p[1]]))
    state = {}  # (buffer, cpu) -> 'idle' | 'busy' (known only after a switch)
    depth = {}
    sums = {c: [0, 0, 0] for c in cpus}  # known, idle, idle with I/O
    last = None

    def advance(t):
        if last is None or t <= last:
            return
        dt = t - last
        for c, s in state.items():
            acc = sums.setdefault(c, [0, 0, 0])
            acc[0] += dt
            if s == 'idle':
                acc[1] += dt
                if depth.get(c[0], 0) > 0:
                    acc[2] += dt

    for ts, kind, b, cpu, value in points:
        advance(ts)
        last = ts if last is None else max(last, ts)
        if kind in ('issue', 'complete'):
            depth[b] = depth.get(b, 0) + value
        elif kind == 'lost':
            state.pop((b, cpu), None)
        else:
            state[(b, cpu)] = 'idle' if value == 0 else 'busy'
    advance(trace_end)
    names = {bid: name for name, bid in buffers.items()}
    return {(names[b], cpu): tuple(v) for (b, cpu), v in sums.items()}


work = tempfile.mkdtemp(prefix='remora-idle-io-')
try:
    candidates = sorted(glob.glob(os.path.join(traces, '*.dat')))
    shared_ones = sorted(glob.glob(os.path.join(shared, '*.dat'))) if os.path.isdir(shared) else []
    if not shared_ones:
        skip('../shared/traces', 'not there: the committed fixtures only')
    any_io = False
    for src in candidates + shared_ones:
        name = os.path.basename(src)
        trace = os.path.join(work, name)
        shutil.copy(src, trace)
        r = remora_run('stats', '--json', trace)
        check('%s: remora stats --json works' % name, r.returncode == 0, r.stderr[-300:])
        if r.returncode != 0:
            continue
        got = json.loads(r.stdout).get('idle_during_io', {}).get('by_cpu', [])
        store = trace + '.remora'
        db = sqlite3.connect('file:%s?mode=ro' % store, uri=True)
        n_cpus = db.execute('SELECT count(*) FROM cpus').fetchone()[0]
        db.close()
        check('%s: one entry per CPU of every buffer (%d of %d)' % (name, len(got), n_cpus),
              len(got) == n_cpus)
        want = brute_force(trace, store)
        wrong = []
        for e in got:
            key = (e['buffer'], e['cpu'])
            w = want.get(key, (0, 0, 0))
            if (e['known_ns'], e['idle_ns'], e['idle_io_ns']) != w:
                wrong.append('%s: stats %d/%d/%d, sweep %d/%d/%d' % (
                    key, e['known_ns'], e['idle_ns'], e['idle_io_ns'], *w))
            if e['idle_io_ns'] > 0:
                any_io = True
            if not 0 <= e['idle_io_ns'] <= e['idle_ns'] <= e['known_ns']:
                wrong.append('%s: not 0 <= idle with I/O <= idle <= known' % (key,))
        check('%s: known, idle and idle-with-I/O time of every CPU equal the sweep' % name,
              not wrong, '; '.join(wrong[:4]))
        os.unlink(trace)
        os.unlink(store)
    check('a fixture has CPUs idle while block requests were in flight', any_io)
finally:
    shutil.rmtree(work, ignore_errors=True)
report()
