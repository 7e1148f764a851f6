#!/usr/bin/env python3
# make-expected.py TRACE.dat: writes TRACE.expected, the GKeyFile of values
# tests compare a fixture's store with when trace-cmd is not installed. The
# values come from `trace-cmd report -R -t` (one line per record); run it
# again whenever a fixture is re-recorded.
#
# Copyright 2026 The Remora authors
# SPDX-License-Identifier: GPL-2.0-or-later

import sys

sys.path.insert(0, __file__.rsplit('/', 1)[0])
from tracecmd_report import report_counts  # noqa: E402

dat = sys.argv[1]
counts = report_counts(dat)
out = dat[:-len('.dat')] + '.expected'
with open(out, 'w') as f:
    f.write('# Expected values for %s, from trace-cmd report -R -t.\n'
            % dat.rsplit('/', 1)[-1])
    f.write('# Regenerate with tests/make-expected.py when the fixture changes.\n')
    f.write('[trace]\nevents=%d\nfirst_ts=%d\nlast_ts=%d\ncpus=%d\n\n'
            % (counts['total'], counts['first_ts'], counts['last_ts'], counts['cpus']))
    f.write('[events]\n')
    for name in sorted(counts['by_name']):
        f.write('%s=%d\n' % (name, counts['by_name'][name]))
    f.write('\n[buffers]\n')
    for buf in sorted(counts['by_buffer']):
        f.write('%s=%d\n' % (buf or 'top', counts['by_buffer'][buf]))
print('wrote', out)
