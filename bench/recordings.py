# recordings.py: the benchmark traces that are recorded on demand with
# ../shared/tools/record-vm-trace, sized by their events, kept in
# bench/cache/ and never committed. Shared by bench/import and bench/ui.
#
# Copyright 2026 The Remora authors
# SPDX-License-Identifier: GPL-2.0-or-later

import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
SHARED = os.path.join(ROOT, '..', 'shared')
CACHE = os.path.join(HERE, 'cache')
BIN = os.path.join(HERE, 'bin')

# events per second of workload under emulation (2 vCPUs), measured: the
# function tracer with sched, block and irq events about 2.1 M/s; the
# scheduler and block events alone about 8.8 k/s, so dense traces come from
# the function tracer
FUNCTION_RATE = 2.1e6


def tool(name, pkgs):
    """Builds ../shared/tools/NAME.c once into bench/bin/; None when absent."""
    src = os.path.join(SHARED, 'tools', name + '.c')
    exe = os.path.join(BIN, name)
    if not os.path.exists(src):
        return None
    if not os.path.exists(exe) or os.path.getmtime(exe) < os.path.getmtime(src):
        os.makedirs(BIN, exist_ok=True)
        r = subprocess.run(['pkg-config', '--cflags', '--libs'] + pkgs,
                           capture_output=True, text=True)
        if r.returncode != 0:
            sys.exit('bench: %s needs %s (Debian: apt install libkshark-dev libjson-c-dev '
                     'libtracecmd-dev): %s' % (name, ' '.join(pkgs), r.stderr.strip()))
        flags = r.stdout.split()
        subprocess.run(['gcc', '-O2', src, '-o', exe] + flags, check=True)
    return exe


def count_events(path):
    """The records of a trace (libtracecmd's walk), kept beside it."""
    side = path + '.events.json'
    if os.path.exists(side) and os.path.getmtime(side) >= os.path.getmtime(path):
        return json.load(open(side))['events']
    walk = tool('tcmd-iterate', ['libtracecmd', 'libtraceevent'])
    out = subprocess.run([walk, path], check=True, capture_output=True, text=True).stdout
    events = int(dict(kv.split('=') for kv in out.split() if '=' in kv)['records'])
    json.dump({'events': events}, open(side, 'w'))
    return events


def function_trace(name, events):
    """A function-tracer trace (with sched, block and irq events, 2 vCPUs,
    the mixed workload) of at least EVENTS records, recorded once."""
    path = os.path.join(CACHE, name)
    if os.path.exists(path) and count_events(path) >= events:
        return path
    os.makedirs(CACHE, exist_ok=True)
    seconds = max(0.2, events / FUNCTION_RATE * 1.15)
    for _ in range(3):
        print('recording %s: %.1f s of workload for %d events (once, then cached)...'
              % (path, seconds, events), file=sys.stderr)
        # the buffer holds the whole recording: no event is lost
        subprocess.run([os.path.join(SHARED, 'tools', 'record-vm-trace'), '-c', '2',
                        '-w', 'mixed', '-d', '%.2f' % seconds,
                        '-m', str(max(2048, int(events / 1e6 * 400) + 2048)),
                        '-b', str(max(20000, int(events / 1e6 * 14000))), '-p', 'function',
                        '-e', 'sched', '-e', 'block', '-e', 'irq', '-f', '-q', path],
                       check=True)
        got = count_events(path)
        if got >= events:
            return path
        seconds *= events / max(got, 1) * 1.1
    sys.exit('bench: could not record %d events into %s' % (events, path))
