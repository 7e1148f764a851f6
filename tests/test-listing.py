#!/usr/bin/env python3
# test-listing.py REMORA TRACES_DIR SHARED_TRACES: `remora events` prints what
# `trace-cmd report` prints, byte for byte, for every committed fixture and
# every trace of ../shared/traces that is there, with the same options (-t,
# -R, --cpu, -F, -v, -I, -S, --pid, --comm), header and lines of lost events
# included. The one documented difference: the state of sched_switch is the
# kernel's own (what `trace-cmd report -N` prints as prev_state), not the
# letters of trace-cmd's sched_switch plugin. --from/--to, Remora's own, print
# the lines of trace-cmd report whose times lie in the range. Prints TAP.
#
# Copyright 2026 The Remora authors
# SPDX-License-Identifier: GPL-2.0-or-later

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

from tap import check, report, skip

remora, traces, shared = sys.argv[1], sys.argv[2], sys.argv[3]

# "prev:pid [prio] STATE ==> next:pid [prio]" of trace-cmd's sched_switch
# plugin; -R prints "prev_state=..." instead, the same in both
SWITCH = re.compile(r'(sched_switch: +.*\[-?\d+\]) (\S+)( ==> )')
# the prev_state of `trace-cmd report -N` (the kernel's format)
KERNEL_STATE = re.compile(r'sched_switch: +prev_comm=.* prev_state=(\S+) ==> ')
# a record's first line: its time (any precision) after the CPU
TIME = re.compile(r'\[\d+\]\s+(?:\S+\s+)?(\d+)\.(\d+):')
DROPPED = re.compile(r'^(?:\S+: )?CPU:\d+ \[(?:\d+ )?EVENTS DROPPED\]$')


def run(cmd):
    return subprocess.run(cmd, capture_output=True, text=True, errors='surrogateescape')


def first_difference(a, b):
    for i, (x, y) in enumerate(zip(a, b)):
        if x != y:
            return 'line %d:\n  remora:    %r\n  trace-cmd: %r' % (i + 1, x, y)
    return '%d lines against %d' % (len(a), len(b))


def without_state(lines):
    return [SWITCH.sub(r'\1 S\3', line) for line in lines]


def states(lines):
    return [m.group(2) for m in map(SWITCH.search, lines) if m]


def compare(label, dat, options):
    mine = run([remora, 'events', dat] + options)
    # trace-cmd reads -F given before -i, not after it
    ref = run(['trace-cmd', 'report'] + options + ['-i', dat])
    if ref.returncode != 0:
        check('%s: trace-cmd report %s' % (label, ' '.join(options)), False, ref.stderr)
        return None
    a, b = mine.stdout.splitlines(), ref.stdout.splitlines()
    check('%s: remora events %s equals trace-cmd report (%d lines)'
          % (label, ' '.join(options) or 'with no option', len(b)),
          mine.returncode == 0 and without_state(a) == without_state(b),
          mine.stderr if mine.returncode else first_difference(without_state(a),
                                                               without_state(b)))
    return a


def compare_states(label, dat, listed):
    kernel = run(['trace-cmd', 'report', '-N', '-i', dat])
    want = [m.group(1) for m in map(KERNEL_STATE.search, kernel.stdout.splitlines()) if m]
    got = states(listed)
    bad = [(i, g, w) for i, (g, w) in enumerate(zip(got, want)) if g != w]
    check('%s: every sched_switch state is the kernel\'s, as trace-cmd report -N prints it '
          '(%d switches)' % (label, len(want)),
          len(got) == len(want) and not bad, '%d against %d; first: %s'
          % (len(got), len(want), bad[:3]))


def records(lines):
    # a record is its first line, the lines of its lost events before it and
    # those that continue it (stack traces); the header apart
    out, pending = [], []
    for line in lines[1:]:
        if DROPPED.match(line):
            pending.append(line)
        elif TIME.search(line) or not out:
            out.append((TIME.search(line), pending + [line]))
            pending = []
        else:
            out[-1][1].append(line)
    return out


def compare_range(label, dat, listed, first_ns, last_ns):
    # the middle third of the trace, as absolute times
    span = last_ns - first_ns
    lo, hi = first_ns + span // 3, first_ns + 2 * span // 3
    at = lambda ns: '@%d.%09d' % (ns // 10 ** 9, ns % 10 ** 9)
    mine = run([remora, 'events', dat, '-t', '--from', at(lo), '--to', at(hi)])
    want = [listed[0]]
    for m, lines in records(listed):
        ts = int(m.group(1)) * 10 ** 9 + int(m.group(2)) if m else None
        if ts is not None and lo <= ts < hi:
            want += lines
    # lost events before the first record in the range are said before it
    # when their gap lies in the range: the test keeps them with their record
    a = mine.stdout.splitlines()
    check('%s: --from/--to print the lines of trace-cmd report -t in that range (%d lines)'
          % (label, len(want)),
          mine.returncode == 0 and len(want) > 1 and
          without_state([x for x in a if not DROPPED.match(x)]) ==
          without_state([x for x in want if not DROPPED.match(x)]),
          mine.stderr if mine.returncode else first_difference(a, want))


def most_common(counter, exclude=()):
    return [k for k, _ in sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))
            if k not in exclude]


def test_trace(label, dat, full=True):
    r = run([remora, 'stats', '--json', dat])
    if r.returncode != 0:
        check('%s: remora stats' % label, False, r.stderr)
        return
    stats = json.loads(r.stdout)
    names = stats['events_by_name']
    single = len(stats['events_by_buffer']) == 1

    listed = compare(label, dat, [])
    if listed is None:
        return
    nsec = compare(label, dat, ['-t'])
    drops = sum(1 for line in listed if DROPPED.match(line))
    if drops or stats['lost_event_marks']:
        check('%s: a line of lost events for each of the store\'s %d gaps'
              % (label, stats['lost_event_marks']), drops == stats['lost_event_marks'],
              '%d lines' % drops)
    if 'sched_switch' in names:
        compare_states(label, dat, listed)
    if not full:
        return
    compare(label, dat, ['-R'])
    compare(label, dat, ['-I', '-S'])
    compare(label, dat, ['-t', '-R', '-I'])
    if nsec:
        compare_range(label, dat, nsec, stats['first_ts_ns'], stats['last_ts_ns'])
    if not single:
        # trace-cmd 3.1 prints no event of an instance with --cpu, and
        # crashes on -F, --pid and --comm with instances: nothing to compare
        return
    compare(label, dat, ['--cpu', '1' if stats['cpus'] > 1 else '0'])
    if stats['cpus'] > 2:
        compare(label, dat, ['--cpu', '0,2-%d' % (stats['cpus'] - 1)])
    top = most_common(names)
    compare(label, dat, ['-F', top[0]])
    compare(label, dat, ['-v', '-F', top[0]])
    if 'sched_switch' in names:
        compare(label, dat, ['-F', 'sched_switch: prev_state == 2 || next_pid == 0',
                             '-F', 'sched_wakeup'])
        compare(label, dat, ['-v', '-F', 'sched_switch: prev_prio < 120'])
    # the busiest task other than idle, by pid and by name
    pids, comms = {}, {}
    for line in listed[1:]:
        m = re.match(r'^\s*(.*)-(\d+)\s+\[\d+\]', line)
        if m and m.group(2) != '0':
            pids[m.group(2)] = pids.get(m.group(2), 0) + 1
            comms[m.group(1)] = comms.get(m.group(1), 0) + 1
    if pids:
        compare(label, dat, ['--pid', most_common(pids)[0]])
    for comm in most_common(comms, exclude=('<...>',))[:1]:
        compare(label, dat, ['--comm', comm, '-t'])


if shutil.which('trace-cmd') is None:
    skip('remora events against trace-cmd report', 'trace-cmd is not installed')
else:
    work = tempfile.mkdtemp(prefix='remora-listing-')
    try:
        for dat in sorted(f for f in os.listdir(traces) if f.endswith('.dat')):
            # a copy: the stores are this test's own
            path = os.path.join(work, dat)
            shutil.copy(os.path.join(traces, dat), path)
            test_trace(dat[:-4], path)
        if os.path.isdir(shared):
            for dat in sorted(f for f in os.listdir(shared) if f.endswith('.dat')):
                path = os.path.join(shared, dat)
                # the largest (1.3 M lines) only as it is and with -t
                test_trace('shared/' + dat[:-4], path, os.path.getsize(path) < 10 << 20)
        else:
            skip('the traces of ../shared', 'not there')
    finally:
        shutil.rmtree(work, ignore_errors=True)

report()
