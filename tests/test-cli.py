#!/usr/bin/env python3
# test-cli.py REMORA TRACES_DIR SHARED_TRACES: the command line as users meet
# it: exit codes, one-line errors that name the file, store reuse and
# re-import, the cache fallback, a full disk, and imports killed half way.
# Prints TAP.
#
# Copyright 2026 The Remora authors
# SPDX-License-Identifier: GPL-2.0-or-later

import csv
import glob
import json
import os
import resource
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time

from tap import check, report, skip

remora, traces, shared = sys.argv[1], sys.argv[2], sys.argv[3]
FIXTURE = os.path.join(traces, 'sched-block-v6.dat')
is_root = os.geteuid() == 0


def run(*args, env=None, preexec=None, user=None):
    cmd = [remora] + list(args)
    if user is not None:
        # another user may not reach the build tree: run a copy kept in the
        # test's own directory
        cmd = ['setpriv', '--reuid=%d' % user, '--regid=%d' % user, '--clear-groups',
               remora_copy] + list(args)
    return subprocess.run(cmd, capture_output=True, text=True, env=env, preexec_fn=preexec)


def one_line_error(r, *words):
    lines = r.stderr.strip().splitlines()
    return (r.returncode != 0 and len(lines) == 1 and lines[0].startswith('remora: ')
            and all(w in lines[0] for w in words))


def jload(r):
    try:
        return json.loads(r.stdout) if r.returncode == 0 else {}
    except ValueError:
        return {}


def temporaries(d):
    return [f for f in os.listdir(d) if '.tmp-' in f or f.startswith('.remora-')]


work = tempfile.mkdtemp(prefix='remora-cli-')
os.chmod(work, 0o755)
remora_copy = os.path.join(work, 'remora')
shutil.copy(remora, remora_copy)
os.chmod(remora_copy, 0o755)
try:
    env = dict(os.environ, XDG_CACHE_HOME=os.path.join(work, 'cache'))

    r = run('--version')
    check('--version', r.returncode == 0 and r.stdout.startswith('remora '), r.stderr)
    r = run('--help')
    check('--help', r.returncode == 0 and 'import' in r.stdout and 'stats' in r.stdout)
    # the window's command lines: without a display they say so and end
    headless = {k: v for k, v in env.items() if k not in ('DISPLAY', 'WAYLAND_DISPLAY')}
    r = run(env=headless)
    check('no arguments and no display: the window cannot open, and says why',
          one_line_error(r, 'display'), r.stderr)
    r = run('nosuchword', env=env)
    check('a word that is neither a file nor a command: one line, exit 2',
          r.returncode == 2 and one_line_error(r, 'nosuchword', 'neither'), r.stderr)
    r = run('-i', env=env)
    check('-i without a file: exit 2', r.returncode == 2 and one_line_error(r, '-i'), r.stderr)
    r = run('--frobnicate')
    check('unknown option: exit 2', r.returncode == 2 and '--frobnicate' in r.stderr)
    r = run('import')
    check('import without a file: exit 2', r.returncode == 2)

    missing = os.path.join(work, 'missing.dat')
    r = run('import', missing)
    check('missing file: one line naming it', one_line_error(r, missing, 'No such file'),
          r.stderr)
    empty = os.path.join(work, 'empty.dat')
    open(empty, 'w').close()
    r = run('import', empty)
    check('empty file: one line naming it', one_line_error(r, empty, 'empty'), r.stderr)
    notes = os.path.join(work, 'notes.dat')
    open(notes, 'w').write('not a trace at all\n' * 100)
    r = run('stats', notes)
    check('not a trace: one line naming it', one_line_error(r, notes, 'not a trace-cmd'),
          r.stderr)
    check('no store left for bad input',
          not glob.glob(os.path.join(work, '*.remora')) and not temporaries(work))

    # import, reuse, force
    d = os.path.join(work, 'a')
    os.mkdir(d)
    trace = os.path.join(d, 'trace.dat')
    shutil.copy(FIXTURE, trace)
    store = trace + '.remora'
    r = run('import', trace, env=env)
    check('import: exit 0, store beside the trace',
          r.returncode == 0 and os.path.exists(store) and 'Imported' in r.stdout, r.stderr)
    r = run('import', trace, env=env)
    check('second import reuses the store', r.returncode == 0 and 'up to date' in r.stdout,
          r.stdout + r.stderr)
    before = os.stat(store).st_mtime_ns
    r = run('import', '--force', '--quiet', trace, env=env)
    check('--force imports again, --quiet prints nothing',
          r.returncode == 0 and os.stat(store).st_mtime_ns != before and r.stdout == '',
          r.stdout + r.stderr)
    r = run('stats', '--json', trace, env=env)
    stats = jload(r)
    check('stats TRACE uses the store beside it',
          stats.get('store') == store and stats.get('events_total', 0) > 0, r.stderr)
    r2 = run('stats', '--json', store, env=env)
    check('stats STORE gives the same answer',
          r2.returncode == 0 and jload(r2).get('events_by_name') == stats.get('events_by_name'))
    r = run('stats', trace, env=env)
    check('stats text names the latency percentiles',
          r.returncode == 0 and 'p99' in r.stdout and 'wakeup' in r.stdout, r.stderr)
    r = run('import', store, env=env)
    check('importing a store is refused', one_line_error(r, store, 'store'), r.stderr)

    # the store stands alone
    moved = os.path.join(work, 'moved.remora')
    shutil.copy(store, moved)
    os.rename(trace, trace + '.away')
    r = run('stats', '--json', moved, env=env)
    check('stats works from the store when the trace is gone',
          r.returncode == 0 and jload(r).get('events_total') == stats.get('events_total'),
          r.stderr)
    os.rename(trace + '.away', trace)

    # outdated, corrupt, changed
    db = sqlite3.connect(store)
    db.execute('PRAGMA user_version = 0')
    db.commit()
    db.close()
    r = run('import', trace, env=env)
    check('store of another version: re-imported, and said so',
          r.returncode == 0 and 'another version' in r.stderr and 'Imported' in r.stdout,
          r.stderr)
    open(store, 'wb').write(b'SQLite format 3\0' + b'\xff' * 5000)
    r = run('stats', '--json', trace, env=env)
    check('corrupt store: re-imported, and said so',
          r.returncode == 0 and 'cannot be used' in r.stderr and
          jload(r).get('events_total') == stats.get('events_total'), r.stderr)
    os.utime(trace, (1000000000, 1000000000))
    r = run('import', trace, env=env)
    check('changed trace: re-imported, and said so',
          r.returncode == 0 and 'out of date' in r.stderr and 'Imported' in r.stdout, r.stderr)

    # export: the three formats, headless
    for name, magic in (('view.png', b'\x89PNG'), ('view.svg', b'<?xml'), ('view.pdf', b'%PDF')):
        out = os.path.join(d, name)
        r = run('export', trace, '-o', out, '--from', '10ms', '--to', '60ms', '--cpus', '0-3',
                '--width', '800', env=env)
        ok = r.returncode == 0 and os.path.exists(out) and open(out, 'rb').read(len(magic)) == magic
        check('export %s: written, right format' % name, ok, r.stderr)
    r = run('export', trace, '-o', os.path.join(d, 'marked.svg'), '--marker', 'A@10ms',
            '--marker', 'B@@5.6', '--no-links', env=env)
    check('export: markers and --no-links', r.returncode == 0, r.stderr)
    # each kind of link left out on its own: a millisecond with wakeups and a
    # block request's issue, drawn four ways
    pictures = {}
    for opts in ((), ('--no-wakeup-links',), ('--no-block-links',),
                 ('--no-wakeup-links', '--no-block-links'), ('--no-links',)):
        out = os.path.join(d, 'links%s.png' % ''.join(opts))
        r = run('export', trace, '-o', out, '--from', '@5.8884', '--to', '@5.8894', '--cpus',
                '0-3', '--rows', 'cpus', '--width', '1400', *opts, env=env)
        pictures[opts] = open(out, 'rb').read() if r.returncode == 0 else None
    kinds = [pictures[o] for o in ((), ('--no-wakeup-links',), ('--no-block-links',),
                                   ('--no-links',))]
    check('export: --no-wakeup-links and --no-block-links each leave out their kind',
          None not in kinds and len(set(kinds)) == 4 and
          pictures[('--no-wakeup-links', '--no-block-links')] == pictures[('--no-links',)])
    # latency plots: each kind and plot written in its format, the filters
    # said in the subtitle change the picture, bad values refused
    plots = {}
    for kind, plot, ext in (('block', None, 'png'), ('block', 'scatter', 'png'),
                            ('sched', 'histogram', 'svg'), ('sched', 'scatter', 'pdf')):
        out = os.path.join(d, 'lat-%s-%s.%s' % (kind, plot, ext))
        args = ['export', trace, '-o', out, '--latency', kind] + (['--plot', plot] if plot else [])
        r = run(*args, env=env)
        magic = {'png': b'\x89PNG', 'svg': b'<?xml', 'pdf': b'%PDF'}[ext]
        ok = r.returncode == 0 and open(out, 'rb').read(len(magic)) == magic
        check('export --latency %s --plot %s: written as .%s' % (kind, plot, ext), ok, r.stderr)
        if ext == 'png':
            plots[(kind, plot)] = open(out, 'rb').read() if ok else None
    # the tables as CSV, the longest first: their latencies remora stats'
    st = jload(run('stats', '--json', trace, env=env))
    for kind, key in (('block', lambda j: j['block_requests']['latency']),
                      ('sched', lambda j: j['wakeup_latency']['latency'])):
        out = os.path.join(d, 'lat-%s.csv' % kind)
        r = run('export', trace, '-o', out, '--latency', kind, env=env)
        rows = list(csv.reader(open(out))) if r.returncode == 0 else [[]]
        lat = [int(row[0]) for row in rows[1:]]
        want = key(st) if st else {}
        check('export --latency %s -o .csv: every pair, the longest first, as remora stats' % kind,
              r.returncode == 0 and rows[0][0] == 'latency_ns' and len(lat) == want.get('count')
              and lat == sorted(lat, reverse=True) and lat[0] == want.get('max_ns')
              and lat[-1] == want.get('min_ns'), r.stderr)
    out = os.path.join(d, 'lat-dev.png')
    r = run('export', trace, '-o', out, '--latency', 'block', '--devices', '254,0', '--from',
            '100ms', '--to', '400ms', env=env)
    check('export --latency with --devices and a range: written and another picture',
          r.returncode == 0 and open(out, 'rb').read() not in plots.values(), r.stderr)
    for args, words in ((('--latency', 'disk'), '--latency takes block or sched'),
                        (('--latency', 'block', '--plot', 'pie'), '--plot takes histogram or scatter'),
                        (('--plot', 'scatter'), '--plot needs --latency'),
                        (('--latency', 'block', '--devices', 'sda'), '“sda” is not a device')):
        r = run('export', trace, '-o', os.path.join(d, 'bad.png'), *args, env=env)
        check('export %s: refused, saying so' % ' '.join(args),
              r.returncode == 2 and words in r.stderr, r.stderr)
    # idle CPUs while I/O is in flight: tinted unless --no-idle-io (CPU 0
    # sat idle with a request in flight from 584.3 to 596.9 ms)
    tints = []
    for opts in ((), ('--no-idle-io',)):
        out = os.path.join(d, 'idle%s.png' % ''.join(opts))
        r = run('export', trace, '-o', out, '--from', '580ms', '--to', '600ms', '--cpus', '0',
                '--rows', 'cpus', '--no-links', *opts, env=env)
        tints.append(open(out, 'rb').read() if r.returncode == 0 else None)
    check('export: --no-idle-io leaves out the tint', None not in tints and tints[0] != tints[1])
    r = run('export', trace, '-o', os.path.join(d, 'dark.png'), '--theme', 'dark', '--rows',
            'tasks', '--tasks', 'sh', '--absolute', '--title', 'incident 42', env=env)
    check('export: task rows by name, dark theme', r.returncode == 0, r.stderr)
    for args, words, name in (
            (['--cpus', '9'], ['--cpus', 'CPU 9', '0 to 3'], 'an unknown CPU'),
            (['--cpus', 'zero'], ['--cpus', 'zero'], 'a CPU list that is not one'),
            (['--tasks', 'nosuchtask'], ['--tasks', 'nosuchtask'], 'a task that never ran'),
            (['--tasks', '99999'], ['--tasks', '99999'], 'a pid that never ran'),
            (['--marker', 'A@900s'], ['--marker', '900s', 'lasts'], 'a marker after the trace'),
            (['--buffer', 'nosuch'], ['--buffer', 'nosuch', 'only the top-level'],
             'a buffer the trace does not have'),
            (['--from', '100s', '--to', '101s'], ['outside'], 'a range outside the trace'),
            (['--from', '50ms', '--to', '10ms'], ['end after'], 'a range that ends first'),
            (['--from', 'soon'], ['soon'], 'a time that is not one'),
            (['--rows', 'all'], ['all'], 'bad --rows'),
            (['--theme', 'blue'], ['blue'], 'bad --theme'),
            (['--marker', 'nowhen'], ['nowhen'], 'a marker without a time'),
            (['--from', '-5s'], ['--from', '-5s', 'lasts'], 'a time before the trace'),
            (['--from', '10s'], ['--from', '10s', 'lasts'], 'a start after the trace\'s end'),
            (['--width', '20000'], ['--width', '10000'], 'a width past the limit'),
            (['--width', '10000', '--height', '10000'], ['million pixels'],
             'a picture past the pixel limit'),
            (['--scale', '0'], ['--scale'], 'a scale of 0'),
            (['--scale', '-1'], ['--scale'], 'a negative scale'),
            (['--scale', 'inf'], ['--scale'], 'an infinite scale'),
            (['--tasks', b'\xff\xfesh'.decode('utf-8', 'surrogateescape')], ['--tasks', 'UTF-8'],
             'a --tasks value that is not UTF-8')):
        r = run('export', trace, '-o', os.path.join(d, 'bad.png'), *args, env=env)
        check('export rejects %s: one line, exit 2' % name,
              one_line_error(r, *words) and r.returncode == 2
              and not os.path.exists(os.path.join(d, 'bad.png')), r.stderr)
    for args, words in ((['--limit', '-5'], ['--limit']), (['--first', '-1'], ['--first']),
                        (['--first', '999999'], ['--first 999999', '0 to']),
                        (['--name', 'nosuch'], ['--name nosuch']),
                        (['--cpu', '9'], ['--cpu', 'CPU 9', '0 to 3']),
                        (['--cpu', '1-x'], ['--cpu', '1-x']),
                        (['--from', '10s'], ['--from 10s', 'lasts']),
                        (['--from', '0.3s', '--to', '0.2s'], ['--to 0.2s', '--from 0.3s']),
                        (['--comm', 'nosuch'], ['nosuch']),
                        (['--pid', '99999'], ['--pid', '99999']),
                        (['--pid', '99999', '--count'], ['--pid', '99999']),
                        (['-F', 'nosuchevent'], ['nosuchevent'])):
        r = run('events', trace, *args, env=env)
        check('events rejects %s: one line naming the option, exit 2' % ' '.join(args),
              one_line_error(r, *words) and r.returncode == 2 and r.stdout == '', r.stderr)
    # a field no event has: accepted as trace-cmd accepts it (no event), and named
    r = run('events', trace, '-F', 'block_rq_complete: nr_sectorz > 64', '--count', env=env)
    check('events -F with a field no event has: 0 events, a warning naming the field',
          r.returncode == 0 and r.stdout.strip() == '0'
          and r.stderr.startswith('remora: warning: ') and '“nr_sectorz”' in r.stderr
          and len(r.stderr.splitlines()) == 1, r.stderr)
    r = run('events', trace, '-F', 'block_rq_complete: nr_sector > 64', '--count', env=env)
    check('events -F with known fields: no warning',
          r.returncode == 0 and int(r.stdout) > 0 and r.stderr == '', r.stderr)
    # trace-cmd's -i, and the subcommand's usage
    r = run('events', '-n', '3', '-i', trace, env=env)
    check('events -i TRACE: the same as TRACE alone',
          r.returncode == 0 and r.stdout == run('events', trace, '-n', '3', env=env).stdout
          and r.stdout.startswith('cpus=4\n') and len(r.stdout.splitlines()) == 4, r.stderr)
    r = run('stats', '-i', trace, trace, env=env)
    check('stats -i TRACE TRACE: one line, a usage error',
          one_line_error(r, 'one trace or store') and r.returncode == 2, r.stderr)
    for command in ('import', 'stats', 'events', 'export', 'sql'):
        r = run(command, '--help', env=env)
        check('%s --help: "Usage: remora %s"' % (command, command),
              r.returncode == 0 and ('Usage:\n  remora %s [OPTION' % command) in r.stdout
              and '-i, --input=FILE' in r.stdout, r.stdout[:200])
    for args in (['--limit', '5'], ['--first', '3'], ['--raw']):
        out = os.path.join(d, 'bad.csv')
        r = run('events', trace, '--csv', out, *args, env=env)
        check('events --csv rejects %s: one line naming it, no file' % ' '.join(args),
              one_line_error(r, args[0]) and not os.path.exists(out), r.stderr)
    r = run('export', trace, '-o', os.path.join(d, 'nowhere', 'x.png'), env=env)
    check('export into a missing folder: one line', one_line_error(r, 'nowhere'), r.stderr)
    r = run('export', trace, '-o', os.path.join(d, 'x.gif'), env=env)
    check('export to an unknown format: one line', one_line_error(r, '.gif'), r.stderr)
    # an instance buffer's rows
    multi = os.path.join(d, 'multi.dat')
    shutil.copy(os.path.join(traces, 'multi-buffer-v7.dat'), multi)
    pictures = []
    for buffer in ('', 'extra'):
        out = os.path.join(d, 'buffer-%s.png' % (buffer or 'top'))
        r = run('export', multi, '-o', out, '--rows', 'cpus', '--width', '600',
                *(['--buffer', buffer] if buffer else []), env=env)
        pictures.append(open(out, 'rb').read() if r.returncode == 0 and os.path.exists(out)
                        else b'')
    # the top level has sched slices, the instance buffer only irq and syscall events
    check('export --buffer: draws the instance buffer\'s rows, not the top level\'s',
          all(p.startswith(b'\x89PNG') for p in pictures) and pictures[0] != pictures[1],
          r.stderr)
    r = run('export', multi, '-o', os.path.join(d, 'bad.png'), '--buffer', 'nosuch', env=env)
    check('export rejects an unknown buffer: one line naming those there, exit 2',
          one_line_error(r, '--buffer', 'nosuch', '“extra”') and r.returncode == 2
          and not os.path.exists(os.path.join(d, 'bad.png')), r.stderr)

    # a truncated version 6 file: partial import with a warning
    cut = os.path.join(d, 'cut.dat')
    data = open(FIXTURE, 'rb').read()
    open(cut, 'wb').write(data[:len(data) * 95 // 100])
    r = run('import', cut, env=env)
    check('truncated CPU data: imported with a warning naming the file',
          r.returncode == 0 and 'warning' in r.stderr and cut in r.stderr, r.stderr)
    r = run('stats', '--json', cut, env=env)
    check('truncated CPU data: the store says partial',
          r.returncode == 0 and jload(r).get('partial') is True, r.stderr)

    # damaged records (a byte of the CPU data table changed, found by the
    # fuzzer): listed in their place as damaged, with and without filters
    bent = os.path.join(d, 'bent.dat')
    data = bytearray(open(FIXTURE, 'rb').read())
    data[102] = 0x80
    open(bent, 'wb').write(bytes(data))
    r = run('stats', '--json', bent, env=env)
    # (those out of time order or span are decoded: their fields are whole)
    damaged = sum(jload(r).get('damaged_records', {}).get(k, 0) for k in ('unknown_id', 'payload'))
    for args in ([], ['-R', '-t'], ['--cpu', '1'], ['-F', 'sched_switch'], ['-I']):
        r = run('events', bent, *args, env=env)
        lines = r.stdout.splitlines()
        hurt = sum(1 for line in lines if '[damaged record: ' in line)
        check('events %s on a trace with %d damaged records: listed, %s'
              % (' '.join(args), damaged,
                 'each in its place' if not args else 'those the options can keep'),
              r.returncode == 0 and damaged > 0 and len(lines) > 1
              and (hurt == damaged if not args or args[0] == '-R' else
                   0 < hurt < damaged if args[0] == '--cpu' else hurt == 0),
              r.stderr[-300:])

    # an output directory that does not exist
    r = run('import', '-o', os.path.join(work, 'nope', 'x.remora'), trace, env=env)
    check('output directory missing: one line', one_line_error(r, 'nope'), r.stderr)

    # permissions: as root, run these as nobody so the kernel really refuses
    user = 65534 if is_root else None
    if is_root and shutil.which('setpriv') is None:
        skip('read-only directory', 'running as root without setpriv')
        skip('unreadable trace', 'running as root without setpriv')
    else:
        ro = os.path.join(work, 'ro')
        os.mkdir(ro)
        shutil.copy(FIXTURE, os.path.join(ro, 'trace.dat'))
        os.chmod(os.path.join(ro, 'trace.dat'), 0o644)
        os.chmod(ro, 0o555)
        cache = os.path.join(work, 'nobody-cache')
        os.mkdir(cache)
        os.chmod(cache, 0o777)
        env_ro = dict(env, XDG_CACHE_HOME=cache)
        r = run('import', os.path.join(ro, 'trace.dat'), env=env_ro, user=user)
        in_cache = glob.glob(os.path.join(cache, 'remora', '*.remora'))
        check('read-only directory: the store goes to the cache, and it says where',
              r.returncode == 0 and len(in_cache) == 1 and in_cache[0] in r.stderr,
              r.stdout + r.stderr)
        r = run('stats', '--json', os.path.join(ro, 'trace.dat'), env=env_ro, user=user)
        check('read-only directory: stats finds the store in the cache',
              r.returncode == 0 and jload(r).get('store') == (in_cache or [''])[0],
              r.stderr)
        secret = os.path.join(work, 'secret.dat')
        shutil.copy(FIXTURE, secret)
        os.chmod(secret, 0)
        r = run('import', '-o', os.path.join(cache, 's.remora'), secret, env=env_ro, user=user)
        check('unreadable trace: one line naming it',
              one_line_error(r, secret, 'Permission denied'), r.stderr)

    # a full disk: a file size limit makes writes fail as they would on a full disk
    full = os.path.join(work, 'full')
    os.mkdir(full)
    shutil.copy(FIXTURE, os.path.join(full, 'trace.dat'))

    def limit():
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (1 << 20, 1 << 20))

    r = run('import', os.path.join(full, 'trace.dat'), env=env, preexec=limit)
    check('full disk: one line, non-zero exit', one_line_error(r, 'trace.dat'), r.stderr)
    check('full disk: no store and no temporaries left',
          os.listdir(full) == ['trace.dat'], str(os.listdir(full)))

    # an export onto a full disk: one line naming the file, and no file at all
    shutil.copy(trace + '.remora', os.path.join(full, 'trace.dat.remora'))

    def small_limit():
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (20000, 20000))

    for ext in ('png', 'svg', 'pdf'):
        out = os.path.join(full, 'view.' + ext)
        r = run('export', os.path.join(full, 'trace.dat.remora'), '-o', out, '--width', '3000',
                env=env, preexec=small_limit)
        check('export onto a full disk (%s): one line naming the file, no file left' % ext,
              one_line_error(r, out) and sorted(os.listdir(full)) == ['trace.dat',
                                                                      'trace.dat.remora'],
              r.stderr + str(os.listdir(full)))

    # the disk fills while the last part of a file is written (cairo's PDF
    # surface once let that pass: exit 0 and a cut PDF): each limit either
    # fails with one line and no file, or writes the whole picture
    view = ['export', os.path.join(full, 'trace.dat.remora'), '--rows', 'tasks', '--width', '600']
    whole = os.path.join(work, 'whole.pdf')
    r = run(*view, '-o', whole, env=env)
    whole_size = os.path.getsize(whole) if r.returncode == 0 else -1
    sweep = []
    for kib in range(4, whole_size // 1024 + 8, 4):
        def cap(kib=kib):
            signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
            resource.setrlimit(resource.RLIMIT_FSIZE, (kib * 1024, kib * 1024))
        out = os.path.join(full, 'cut.pdf')
        r = run(*view, '-o', out, env=env, preexec=cap)
        left = sorted(os.listdir(full))
        if r.returncode == 0:
            good = os.path.getsize(out) == whole_size
            os.unlink(out)
        else:
            good = one_line_error(r, out) and left == ['trace.dat', 'trace.dat.remora']
        if not good:
            sweep.append('%d KiB: rc=%d %s %s' % (kib, r.returncode, r.stderr.strip(), left))
    check('a PDF cut by a full disk at any point: an error naming it and no file, never a '
          'success (%d limits up to %d bytes)' % (whole_size // 4096 + 2, whole_size),
          whole_size > 0 and not sweep, '\n'.join(sweep))

    # Ctrl+C and SIGTERM: cancelled, nothing left
    big = os.path.join(shared, 'medium-mixed.dat')
    source = big if os.path.exists(big) else FIXTURE
    k = os.path.join(work, 'kill')
    os.mkdir(k)
    ktrace = os.path.join(k, 'trace.dat')
    os.symlink(source, ktrace) if source == big else shutil.copy(source, ktrace)
    for signame, sig in (('Ctrl+C', signal.SIGINT), ('SIGTERM', signal.SIGTERM)):
        p = subprocess.Popen([remora, 'import', ktrace], stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True, env=env)
        deadline = time.time() + 30
        while time.time() < deadline and not temporaries(k) and p.poll() is None:
            time.sleep(0.001)
        if p.poll() is None:
            p.send_signal(sig)
            out, err = p.communicate()
            check('%s cancels: non-zero exit, no store, no temporaries' % signame,
                  p.returncode != 0 and not os.path.exists(ktrace + '.remora')
                  and not temporaries(k), err)
        else:
            p.communicate()
            skip('%s cancels' % signame, 'the import finished before it could be interrupted')
        for f in glob.glob(os.path.join(k, 'trace.dat.*')):
            os.unlink(f)

    # Ctrl+C at any moment of an import, its very end included (GTask once
    # answered "cancelled" for a store already complete and kept): either
    # cancelled, said of the trace, with nothing left, or imported and said
    # so; never both
    sdir = os.path.join(work, 'sigint')
    os.mkdir(sdir)
    strace = os.path.join(sdir, 'trace.dat')
    shutil.copy(FIXTURE, strace)
    t0 = time.monotonic()
    r = run('import', strace, '--quiet', env=env)
    whole = time.monotonic() - t0
    os.unlink(strace + '.remora')
    seen, wrong = {'cancelled': 0, 'complete': 0, 'late': 0, 'killed after': 0}, []
    for step in range(30):
        p = subprocess.Popen([remora, 'import', strace], stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True, env=env)
        time.sleep(whole * (0.6 + 0.02 * step))
        p.send_signal(signal.SIGINT)
        out, err = p.communicate()
        stored = os.path.exists(strace + '.remora')
        lines = err.strip().splitlines()
        if p.returncode == -signal.SIGINT:
            # the signal came once the import had answered, and ended the
            # process as it would any other: the store is whole, nothing said
            ok = (stored and not err.strip() and not temporaries(sdir) and
                  run('stats', strace + '.remora').returncode == 0)
            seen['killed after'] += 1
        elif p.returncode != 0:
            ok = (not stored and not temporaries(sdir) and len(lines) == 1 and strace in lines[0]
                  and 'nothing was written' in lines[0])
            seen['cancelled'] += 1
        else:
            ok = stored and 'Imported' in out and run('stats', strace + '.remora').returncode == 0
            late = any('interrupted' in line and strace in line for line in lines)
            seen['late' if late else 'complete'] += 1
        if not ok:
            wrong.append('after %.3f s: rc=%d store=%s %s' % (whole * (0.6 + 0.02 * step),
                                                            p.returncode, stored, err.strip()))
        for f in glob.glob(os.path.join(sdir, 'trace.dat.*')):
            os.unlink(f)
    check('Ctrl+C at any moment of an import: cancelled with nothing left, or complete and said '
          'so, never both (%s)' % ', '.join('%s %d' % kv for kv in seen.items()),
          r.returncode == 0 and not wrong, '\n'.join(wrong[:5]))

    # the reading process dies with the importer
    p = subprocess.Popen([remora, 'import', ktrace], stdout=subprocess.DEVNULL,
                         stderr=subprocess.DEVNULL, env=env)
    children = []
    deadline = time.time() + 30
    while time.time() < deadline and not children and p.poll() is None:
        for task in glob.glob('/proc/%d/task/*/children' % p.pid):
            try:
                children += [int(c) for c in open(task).read().split()]
            except OSError:
                pass
        time.sleep(0.001)
    if children and p.poll() is None:
        p.kill()
        p.wait()
        deadline = time.time() + 10
        while time.time() < deadline and any(os.path.exists('/proc/%d' % c) for c in children):
            time.sleep(0.01)
        alive = [c for c in children if os.path.exists('/proc/%d/status' % c) and
                 'zombie' not in open('/proc/%d/status' % c).read()]
        check('a killed import takes its reading process with it', not alive, str(alive))
    else:
        p.wait()
        skip('a killed import takes its reading process with it',
             'the import finished before its reader could be seen')
    for f in glob.glob(os.path.join(k, 'trace.dat.*')):
        os.unlink(f)

    # killed with SIGKILL half way: no store is taken for complete; a re-import cleans up
    killed = False
    for attempt in range(20):
        p = subprocess.Popen([remora, 'import', '-q', ktrace], stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL, env=env)
        deadline = time.time() + 30
        while time.time() < deadline and not temporaries(k) and p.poll() is None:
            time.sleep(0.0005)
        if p.poll() is None:
            time.sleep(0.002 * attempt)
        if p.poll() is None:
            p.kill()
            p.wait()
            killed = True
            break
        p.wait()
        for f in glob.glob(os.path.join(k, 'trace.dat.*')):
            os.unlink(f)
    if killed:
        left = temporaries(k)
        check('SIGKILL half way: no store, a temporary left behind',
              not os.path.exists(ktrace + '.remora') and len(left) >= 1, str(os.listdir(k)))
        r = run('stats', '--json', ktrace, env=env)
        check('after SIGKILL: stats imports afresh and the result is whole',
              r.returncode == 0 and jload(r).get('events_total', 0) > 0, r.stderr)
        check('after SIGKILL: the stale temporary is gone', not temporaries(k),
              str(os.listdir(k)))
        if source == FIXTURE:
            check('after SIGKILL: same counts as a clean import',
                  jload(r).get('events_by_name') == stats.get('events_by_name'))
    else:
        skip('SIGKILL half way', 'every import finished before it could be killed')
finally:
    subprocess.run(['chmod', '-R', 'u+rwx', work])
    shutil.rmtree(work, ignore_errors=True)

report()
