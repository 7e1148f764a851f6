#!/usr/bin/env python3
# test-gui-close.py REMORA TRACES_DIR SHARED_TRACES: the window closed while
# it imports, as a user closes it: Ctrl+Q and Ctrl+W pressed on the window
# (keys through the X server's XTEST, xdotool), and SIGTERM, as soon as the
# import has begun writing its store and a little later. Each time the
# process ends by itself with exit 0 and leaves no temporary file beside the
# trace: the import was cancelled and cleaned up before the process ended,
# or it had ended and its store is whole. The committed fixture imports in a
# fraction of a second (its closes may come after the end; under the
# sanitizers they come in the middle); a long trace of ../shared, when
# there, is closed surely in its middle and must leave no store. Prints TAP.
#
# Copyright 2026 The Remora authors
# SPDX-License-Identifier: GPL-2.0-or-later

import glob
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time

from tap import check, report, skip

remora, traces, shared = sys.argv[1], sys.argv[2], sys.argv[3]


def window_of(pid, deadline):
    while time.monotonic() < deadline:
        r = subprocess.run(['xdotool', 'search', '--onlyvisible', '--pid', str(pid)],
                           capture_output=True, text=True)
        if r.stdout.split():
            return r.stdout.split()[0]
        time.sleep(0.01)
    return None


def close_while_importing(work, source, how, delay, must_cancel):
    """Opens a copy of source in the window, waits until its import has
    begun writing, waits @delay more, closes the window @how; returns a
    problem or None."""
    d = tempfile.mkdtemp(dir=work)
    trace = os.path.join(d, 'trace.dat')
    shutil.copy(source, trace)
    home = os.path.join(d, 'home')
    env = dict(os.environ, XDG_DATA_HOME=home, XDG_CONFIG_HOME=home, XDG_CACHE_HOME=home)
    p = subprocess.Popen([remora, trace], env=env, stdout=subprocess.DEVNULL,
                         stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 60
        wid = window_of(p.pid, deadline)
        if wid is None:
            return 'no window appeared'
        while time.monotonic() < deadline and not glob.glob(trace + '.remora.tmp-*') \
                and not os.path.exists(trace + '.remora'):
            time.sleep(0.0002)
        time.sleep(delay)
        if how == 'SIGTERM':
            p.send_signal(signal.SIGTERM)
        else:
            # the pointer on the window gives it the keyboard (no window
            # manager here), as a user's click would
            subprocess.run(['xdotool', 'mousemove', '--window', wid, '300', '300'], check=True)
            subprocess.run(['xdotool', 'key', '--clearmodifiers', how], check=True)
        try:
            _, err = p.communicate(timeout=60)
        except subprocess.TimeoutExpired:
            return 'the process did not end within 60 s'
        left = [f for f in os.listdir(d) if '.tmp-' in f]
        if p.returncode != 0:
            return 'exit %d: %s' % (p.returncode, err.strip()[-300:])
        if left:
            return 'left beside the trace: %s' % ' '.join(left)
        if os.path.exists(trace + '.remora'):
            if must_cancel:
                return 'the import went on to its end after the window closed'
            r = subprocess.run([remora, 'stats', trace + '.remora'], capture_output=True,
                               text=True)
            if r.returncode != 0:
                return 'a store left that does not open: %s' % r.stderr.strip()
        return None
    finally:
        if p.poll() is None:
            p.kill()
            p.wait()


if not os.environ.get('DISPLAY'):
    skip('the window closed while importing', 'no X display')
elif shutil.which('xdotool') is None:
    skip('the window closed while importing', 'xdotool is not installed')
else:
    work = tempfile.mkdtemp(prefix='remora-gui-close-')
    try:
        sources = [(os.path.join(traces, 'sched-block-v6.dat'), False)]
        if os.path.exists(os.path.join(shared, 'medium-mixed.dat')):
            sources.append((os.path.join(shared, 'medium-mixed.dat'), True))
        else:
            skip('the window closed in the middle of a long import', 'no ../shared')
        for source, long_import in sources:
            for how in ('ctrl+q', 'ctrl+w', 'SIGTERM'):
                problems = []
                for delay in (0, 0.02, 0.3 if long_import else 0.05):
                    problem = close_while_importing(work, source, how, delay, long_import)
                    if problem:
                        problems.append('%.2f s into the import: %s' % (delay, problem))
                check('%s: %s while importing: exit 0, no temporary file left, %s (3 moments)' %
                      (os.path.basename(source), how,
                       'the import cancelled' if long_import else 'no store or a whole one'),
                      not problems, '\n'.join(problems))
    finally:
        shutil.rmtree(work, ignore_errors=True)

report()
