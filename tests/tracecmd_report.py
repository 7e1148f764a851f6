# tracecmd_report.py: counts the records of a trace.dat from the text of
# `trace-cmd report -R -t`, independently of Remora.
#
# Copyright 2026 The Remora authors
# SPDX-License-Identifier: GPL-2.0-or-later

import re
import subprocess

# "<comm>-<pid> [CPU] <sec>.<nsec>: <event>: ..." with an optional
# "<buffer>: " prefix for instance buffers and "CPU:N [..EVENTS DROPPED]" lines.
LINE = re.compile(r'^(?:(?P<buf>[^\s:]+): )?\s*.*?\[(?P<cpu>\d+)\]\s+(?:\S+\s+)?'
                  r'(?P<sec>\d+)\.(?P<nsec>\d{9}):\s+(?P<name>[\w]+):')


def report_counts(dat):
    r = subprocess.run(['trace-cmd', 'report', '-R', '-t', '-i', dat],
                       capture_output=True, text=True, errors='replace')
    if r.returncode != 0:
        raise RuntimeError('trace-cmd report failed: ' + r.stderr)
    by_name, by_buffer, cpus = {}, {}, set()
    total, first, last = 0, None, None
    for line in r.stdout.splitlines():
        m = LINE.match(line)
        if not m:
            continue
        name = m.group('name')
        buf = m.group('buf') or ''
        ts = int(m.group('sec')) * 1000000000 + int(m.group('nsec'))
        total += 1
        by_name[name] = by_name.get(name, 0) + 1
        by_buffer[buf] = by_buffer.get(buf, 0) + 1
        if buf == '':
            cpus.add(int(m.group('cpu')))
        first = ts if first is None else min(first, ts)
        last = ts if last is None else max(last, ts)
    return {'total': total, 'by_name': by_name, 'by_buffer': by_buffer,
            'first_ts': first or 0, 'last_ts': last or 0, 'cpus': len(cpus)}
