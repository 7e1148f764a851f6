#!/usr/bin/env python3
# test-cli-docs.py REMORA MAN_PAGE COMPLETION: remora(1) and the bash
# completion say what the command line does: every option of every
# command's --help is in the man page's section of that command and is
# offered by the completion; the page renders with no groff warning. Prints
# TAP.
#
# Copyright 2026 The Remora authors
# SPDX-License-Identifier: GPL-2.0-or-later

import os
import re
import shutil
import subprocess
import sys
import tempfile

from tap import check, report, skip

remora, man_page, completion = sys.argv[1:4]
COMMANDS = ['import', 'stats', 'events', 'export', 'sql']


def long_options(command):
    r = subprocess.run([remora, command, '--help'], capture_output=True, text=True)
    opts = re.findall(r'^\s+(?:-\w, )?(--[\w-]+)', r.stdout, re.M)
    return [o for o in opts if o not in ('--help',)]


page = open(man_page).read()
sections = {}
for m in re.finditer(r'^\.SH ([^\n]*)\n(.*?)(?=^\.SH |\Z)', page, re.M | re.S):
    sections[m.group(1).strip('"')] = m.group(2).replace('\\-', '-')

for command in COMMANDS:
    opts = long_options(command)
    text = sections.get('REMORA ' + command.upper(), '')
    # the options every command shares are in DESCRIPTION
    missing = [o for o in opts if o not in text and o != '--input']
    check('remora(1) has a section for remora %s with its %d options' % (command, len(opts)),
          text and len(opts) > 1 and not missing, missing)
check('remora(1) says that -i TRACE is taken wherever a trace is',
      '-i' in sections.get('DESCRIPTION', ''))

if shutil.which('groff'):
    r = subprocess.run(['groff', '-man', '-ww', '-z', man_page], capture_output=True, text=True)
    check('remora(1) renders with no groff warning', r.returncode == 0 and not r.stderr,
          r.stderr)
else:
    skip('remora(1) renders with no groff warning', 'groff is not installed')

if shutil.which('bash'):
    script = '''
source "$1"
PATH="$2:$PATH"
cd "$3"
complete_line() {
    COMP_WORDS=("$@"); COMP_CWORD=$((${#COMP_WORDS[@]} - 1)); COMPREPLY=(); _remora
    printf '%s\\n' "${COMPREPLY[*]}"
}
complete_line remora ''
for c in import stats events export sql; do complete_line remora "$c" trace.dat --; done
complete_line remora events -i ''
complete_line remora export trace.dat -o ''
complete_line remora export trace.dat --theme ''
'''
    work = tempfile.mkdtemp(prefix='remora-completion-')
    try:
        for name in ('trace.dat', 'old.dat.remora', 'notes.txt', 'view.png'):
            open(os.path.join(work, name), 'w').close()
        r = subprocess.run(['bash', '--norc', '-c', script, 'bash', completion,
                            os.path.dirname(os.path.abspath(remora)), work],
                           capture_output=True, text=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    lines = r.stdout.split('\n')
    if r.returncode != 0 or len(lines) < 9:
        check('the bash completion runs', False, r.stderr)
    else:
        words = lambda i: sorted(lines[i].split())
        check('the bash completion offers the commands and traces first',
              words(0) == sorted(COMMANDS + ['trace.dat', 'old.dat.remora']), lines[0])
        for i, command in enumerate(COMMANDS, 1):
            want = sorted(set(long_options(command)))
            got = [w for w in words(i) if w != '--help']
            check('the bash completion offers every option of remora %s (%d)'
                  % (command, len(want)), got == want, 'got %s, want %s' % (got, want))
        check('the bash completion offers traces and stores after -i',
              words(6) == ['old.dat.remora', 'trace.dat'], lines[6])
        check('the bash completion offers pictures after export -o', words(7) == ['view.png'],
              lines[7])
        check('the bash completion offers the themes after --theme',
              words(8) == ['dark', 'light'], lines[8])
else:
    skip('the bash completion', 'bash is not installed')

report()
