#!/usr/bin/env python3
# test-sql.py REMORA TRACES_DIR SHARED_TRACES SCHEMA_MD: Remora's SQLite
# extension in the stock sqlite3 shell, and `remora sql`. On every committed
# fixture and every trace of ../shared/traces that is there:
# remora_field() gives the `runtime` of every sched_stat_runtime and the
# `nr_sector` (and `sector`) of every block_rq_issue that `trace-cmd report
# -R` prints; remora_text(id, 1) is the text of `trace-cmd report -R`;
# remora_rel_ns() counts from the trace's start; the `events` view's `comm`
# is the name the task had (prev_comm at its switches); `block_requests.kind`
# follows rwbs. Every ```sql example of SCHEMA.md runs on every fixture. A
# damaged store and a trace that is not one give errors that name them.
# $REMORA_SQLITE_EXTENSION is the built extension. Prints TAP.
#
# Copyright 2026 The Remora authors
# SPDX-License-Identifier: GPL-2.0-or-later

import json
import os
import pty
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile

from storefile import first_child
from tap import check, report, skip

remora, traces, shared, schema_md = sys.argv[1:5]
extension = os.environ['REMORA_SQLITE_EXTENSION']

# a record's line of trace-cmd report -R: "[buffer: ]comm-pid [cpu] time: name: fields"
RECORD = re.compile(r'^(?:\S+: )?\s*.*?-\d+\s+\[\d+\]\s+(?:\S+\s+)?\d+\.\d+: (\w+):\s*(.*)$')

env = dict(os.environ)
if os.environ.get('REMORA_SANITIZE', 'none') != 'none':
    # the extension is built with the sanitizers; the stock sqlite3 is not:
    # their runtimes must come first
    libs = []
    for lib in ('libasan.so', 'libubsan.so'):
        path = subprocess.run(['cc', '-print-file-name=' + lib], capture_output=True,
                              text=True).stdout.strip()
        if os.path.isabs(path):
            libs.append(path)
    env['LD_PRELOAD'] = ' '.join(libs)
    # sqlite3's own allocations at exit are not Remora's
    env['ASAN_OPTIONS'] = env.get('ASAN_OPTIONS', '') + ':detect_leaks=0'


def run(cmd, **kw):
    return subprocess.run(cmd, capture_output=True, text=True, errors='surrogateescape',
                          env=env, **kw)


def sqlite(store, *statements, mode='-json'):
    # .load takes the file without its suffix
    return run(['sqlite3', '-readonly', mode, '-cmd', '.load %s' % extension[:-3], store]
               + list(statements))


def rows(store, query):
    r = sqlite(store, query)
    if r.returncode != 0 or r.stderr:
        raise RuntimeError('%s: %s' % (query, r.stderr.strip()))
    return json.loads(r.stdout) if r.stdout.strip() else []


def first_difference(a, b):
    for i, (x, y) in enumerate(zip(a, b)):
        if x != y:
            return 'item %d: %r against %r' % (i, x, y)
    return '%d items against %d' % (len(a), len(b))


def raw_report(dat):
    r = run(['trace-cmd', 'report', '-R', '-i', dat])
    if r.returncode != 0:
        raise RuntimeError('trace-cmd report -R: ' + r.stderr)
    return [(m.group(1), m.group(2).strip())
            for m in map(RECORD.match, r.stdout.splitlines()) if m]


def field_of(text, name):
    m = re.search(r'(?:^| )%s=(\S*)' % name, text)
    return m.group(1) if m else None


def compare_field(label, store, report, event, field):
    want = [int(field_of(text, field)) for name, text in report if name == event]
    got = [r['v'] for r in rows(store, "SELECT remora_field(id, '%s') AS v FROM events "
                                       "WHERE name = '%s' ORDER BY id" % (field, event))]
    if not want and not got:
        return
    check('%s: remora_field(id, \'%s\') of every %s is trace-cmd report -R\'s (%d events)'
          % (label, field, event, len(want)), want == got, first_difference(got, want))


def test_store(label, dat, store, full):
    report = raw_report(dat)
    compare_field(label, store, report, 'sched_stat_runtime', 'runtime')
    compare_field(label, store, report, 'block_rq_issue', 'nr_sector')
    compare_field(label, store, report, 'block_rq_issue', 'sector')
    compare_field(label, store, report, 'sched_switch', 'next_pid')

    # a string field and a common field
    got = rows(store, "SELECT remora_field(id, 'prev_comm') AS a, remora_field(id, "
                      "'common_pid') AS b, pid FROM events WHERE name = 'sched_switch' "
                      "ORDER BY id LIMIT 500")
    want = [field_of(text, 'prev_comm') for name, text in report if name == 'sched_switch'][:500]
    if want:
        check('%s: remora_field() gives strings and common fields (prev_comm, common_pid)'
              % label, [r['a'] for r in got] == want and all(r['b'] == r['pid'] for r in got),
              first_difference([r['a'] for r in got], want))

    # the report text, whole, for the first events (every event of small traces)
    n = len(report) if full else 3000
    got = [r['t'] for r in rows(store, 'SELECT remora_text(id, 1) AS t FROM events '
                                       'ORDER BY id LIMIT %d' % n)]
    want = [text for _, text in report[:n]]
    check('%s: remora_text(id, 1) is the text of trace-cmd report -R (%d events)'
          % (label, len(want)), got == want, first_difference(got, want))

    # the text of the listing (the state of a sched_switch in the kernel's
    # letters): remora events, the event list and remora_text() say it alike;
    # but for the function graph, whose listing makes one line of a leaf's
    # entry and exit (an event alone has no next one to look at)
    graph = ('funcgraph_entry', 'funcgraph_exit')
    listing = run([remora, 'events', dat])
    want = [m.group(2).strip() for m in map(RECORD.match, listing.stdout.splitlines()[1:])
            if m and m.group(1) not in graph]
    got = [r['t'].strip() for r in rows(store, "SELECT remora_text(id) AS t FROM events "
                                               "WHERE name NOT IN %r ORDER BY id LIMIT %d"
                                        % (graph, n))]
    check('%s: remora_text(id) is the text of remora events (%d events)' % (label, len(got)),
          listing.returncode == 0 and got == want[:n], first_difference(got, want[:n]))

    r = rows(store, "SELECT remora_rel_ns(min(ts)) AS a, remora_rel_ns(max(ts)) AS b, "
                    "max(ts) - min(ts) AS span, remora_rel_s(max(ts)) AS s, "
                    "(SELECT value FROM meta WHERE key = 'first_ts') AS first, "
                    "min(ts) AS lo FROM events")[0]
    check('%s: remora_rel_ns() and remora_rel_s() count from the trace\'s first event' % label,
          r['a'] == 0 and r['b'] == r['span'] and abs(r['s'] - r['span'] / 1e9) < 1e-9
          and int(r['first']) == r['lo'], r)

    r = rows(store, "SELECT count(*) AS n, sum(pid != 0 AND comm IS NOT "
                    "remora_field(id, 'prev_comm')) AS bad, sum(pid = 0 AND comm != '<idle>') "
                    "AS idle FROM events WHERE name = 'sched_switch'")[0]
    if r['n']:
        check('%s: the events view\'s comm is the task\'s name of the moment (prev_comm of '
              'its %d switches; <idle> for pid 0)' % (label, r['n']),
              r['bad'] == 0 and r['idle'] == 0, r)

    got = rows(store, 'SELECT rwbs, kind FROM block_requests')
    def kind(rwbs):
        rest = rwbs.lstrip('F')
        for letter, k in (('R', 'read'), ('W', 'write'), ('D', 'discard')):
            if rest.startswith(letter):
                return k
        return 'flush' if rwbs.startswith('F') else 'other'
    if got:
        check('%s: block_requests.kind is read, write, discard or flush as rwbs says '
              '(%d requests)' % (label, len(got)),
              all(r['kind'] == kind(r['rwbs']) for r in got) and
              {'read', 'write'} & {r['kind'] for r in got},
              [r for r in got if r['kind'] != kind(r['rwbs'])][:3])

    # the function counts the importer keeps in symbols are those of the
    # func_calls view, which reads each event's payload
    r = rows(store, 'SELECT (SELECT count(*) FROM func_calls) AS n, (SELECT count(*) FROM ('
                    'SELECT s.id, s.calls, s.returns, s.total_ns, s.max_ns FROM symbols s '
                    'WHERE s.calls > 0 OR s.returns > 0 EXCEPT '
                    'SELECT func, sum(kind < 2), sum(kind = 2 AND duration_ns IS NOT NULL), '
                    'coalesce(sum(duration_ns), 0), max(duration_ns) FROM func_calls '
                    'GROUP BY func)) AS bad, (SELECT count(*) FROM func_calls WHERE func IS NULL) '
                    'AS unnamed, (SELECT sum(calls) FROM symbols) AS calls, '
                    "(SELECT count(*) FROM events WHERE name IN ('function', 'funcgraph_entry')) "
                    'AS entries')[0]
    if r['n']:
        check('%s: symbols.calls, returns, total_ns and max_ns are the func_calls view\'s '
              '(%d function events)' % (label, r['n']),
              r['bad'] == 0 and r['unnamed'] == 0 and r['calls'] == r['entries'], r)

    # the chunk tables hold, for every chunk of 1024 ids, exactly the events
    # of each type, task and CPU that event_rows has there
    for table, key, source in (
            ('chunk_types', 'type', 'event_rows e'),
            ('chunk_pids', 'pid', 'event_rows e'),
            ('chunk_cpus', 'buffer_id, cpu',
             'event_rows e JOIN event_types t ON t.id = e.type')):
        counted = ('SELECT %s, e.id >> 10 AS chunk, count(*) AS events FROM %s '
                   'GROUP BY %s, e.id >> 10'
                   % (key, source, key))
        stored = 'SELECT %s, chunk, events FROM %s' % (key, table)
        r = rows(store, 'SELECT (SELECT count(*) FROM (%s EXCEPT %s)) AS missing, '
                        '(SELECT count(*) FROM (%s EXCEPT %s)) AS extra, '
                        '(SELECT count(*) FROM %s) AS n, (SELECT sum(events) FROM %s) AS events, '
                        '(SELECT count(*) FROM event_rows) AS all_events'
                 % (counted, stored, stored, counted, table, table))[0]
        check('%s: %s holds the events of each %s in each chunk (%d rows)'
              % (label, table, key, r['n']),
              r['missing'] == 0 and r['extra'] == 0 and r['n'] > 0
              and r['events'] == r['all_events'], r)


def schema_examples():
    text = open(schema_md).read()
    out = []
    for block in re.findall(r'^```sql\n(.*?)^```', text, re.S | re.M):
        statement = []
        for line in block.splitlines():
            if not statement and (line.startswith('--') or not line.strip()):
                continue
            statement.append(line)
            if line.rstrip().endswith(';'):
                out.append('\n'.join(statement))
                statement = []
    return out


def test_examples(label, store, examples):
    meta = {r['key']: r['value'] for r in rows(store, 'SELECT key, value FROM meta')}
    first, last = int(meta['first_ts']), int(meta['last_ts'])
    params = ['.parameter set :begin %d' % (first + (last - first) // 3),
              '.parameter set :end %d' % (first + 2 * (last - first) // 3),
              '.parameter set :T %d' % ((first + last) // 2)]
    failed = []
    for sql in examples:
        r = run(['sqlite3', '-readonly', '-cmd', '.load %s' % extension[:-3], store]
                + params + [sql])
        if r.returncode != 0 or r.stderr:
            failed.append((sql.splitlines()[0], r.stderr.strip()))
    check('%s: the %d SQL examples of SCHEMA.md run' % (label, len(examples)),
          examples and not failed, failed[:3])


def test_errors(work, store):
    # a payload chunk made unreadable: remora_field and remora_text say so
    damaged = os.path.join(work, 'damaged.remora')
    shutil.copy(store, damaged)
    r = run(['sqlite3', damaged, "UPDATE event_payloads SET data = x'28b52ffd00' "
                                 "WHERE chunk = 0"])
    assert r.returncode == 0, r.stderr
    for func in ("remora_field(0, 'common_pid')", 'remora_text(0)'):
        r = sqlite(damaged, 'SELECT %s' % func, mode='-list')
        check('a damaged payload: SELECT %s fails with a message naming the store' % func,
              r.returncode != 0 and 'damaged.remora' in r.stderr, r.stderr or r.stdout)
    r = run(['sqlite3', '-cmd', '.load %s' % extension[:-3], ':memory:',
             "SELECT remora_field(0, 'pid')"])
    check('remora_field() on a database that is not a store fails with a message',
          r.returncode != 0 and 'store' in r.stderr, r.stderr)
    r = sqlite(store, "SELECT remora_field(99999999, 'pid') IS NULL, "
                      "remora_field(0, 'no_such_field') IS NULL", mode='-list')
    check('remora_field() of an id or a field the store does not have is NULL',
          r.returncode == 0 and r.stdout.strip() == '1|1', r.stderr or r.stdout)


def test_sql_errors(work, store):
    # a damaged page inside event_rows: Remora's checks read the ends of each
    # table, sqlite3 meets it in a query, and the message names the store
    damaged = os.path.join(work, 'damaged-page.remora')
    shutil.copy(store, damaged)
    page, page_size = first_child(damaged, 'event_rows')
    with open(damaged, 'r+b') as f:
        f.seek((page - 1) * page_size)
        f.write(b'\0' * 12)
    r = run([remora, 'sql', damaged, 'SELECT count(*), sum(ts) FROM event_rows'])
    lines = r.stderr.strip().splitlines()
    check('remora sql on a store with a damaged page: one line that names the store and says '
          'it is damaged', r.returncode != 0 and len(lines) == 1 and
          lines[0].startswith('remora: ') and damaged in lines[0] and 'damaged' in lines[0],
          r.stderr)
    r = run([remora, 'sql', store, 'SELEC 1'])
    lines = r.stderr.strip().splitlines()
    check('remora sql: an error of the query names the store, its caret lines kept',
          r.returncode != 0 and lines and lines[0].startswith('remora: ') and store in lines[0]
          and 'syntax error' in lines[0] and any('^' in line for line in lines[1:]), r.stderr)

    # escape sequences in the store's text: escaped on a terminal
    hostile = os.path.join(work, 'escapes.remora')
    shutil.copy(store, hostile)
    db = sqlite3.connect(hostile)
    db.execute("UPDATE tasks SET comm = char(27) || ']0;owned' || char(7) || comm")
    db.commit()
    db.close()
    controller, terminal = pty.openpty()
    p = subprocess.Popen([remora, 'sql', hostile, 'SELECT comm FROM tasks LIMIT 3'],
                         stdout=terminal, stderr=subprocess.PIPE, env=env)
    os.close(terminal)
    out = b''
    while True:
        try:
            chunk = os.read(controller, 4096)
        except OSError:
            break
        if not chunk:
            break
        out += chunk
    p.wait()
    os.close(controller)
    check('remora sql on a terminal: the escape sequences of the store are printed escaped',
          p.returncode == 0 and b'\x1b' not in out and b'\x07' not in out and
          b'\\x1b]0;owned' in out, repr(out[:300]))
    r = run([remora, 'sql', hostile, 'SELECT comm FROM tasks LIMIT 3'])
    check('remora sql into a pipe: the text as the store holds it',
          r.returncode == 0 and '\x1b]0;owned\x07' in r.stdout, repr(r.stdout[:300]))


def test_remora_sql(work, dat):
    r = run([remora, 'sql', dat, 'SELECT count(*) FROM events',
             "SELECT remora_field(id, 'common_pid') = pid FROM events WHERE id = 5"])
    n = rows(run_store_path(dat), 'SELECT count(*) AS n FROM event_rows')[0]['n']
    check('remora sql TRACE QUERY… runs the queries with the extension loaded',
          r.returncode == 0 and r.stdout.split() == [str(n), '1'], r.stderr + r.stdout)
    r = run([remora, 'sql', '-i', dat, '-O', '-header', 'SELECT 1 AS one'])
    check('remora sql -i TRACE -O -header gives the shell its options',
          r.returncode == 0 and r.stdout.split() == ['one', '1'], r.stderr + r.stdout)
    r = run([remora, 'sql', dat, 'CREATE TABLE mine (a)'])
    check('remora sql opens the store read-only unless --write',
          r.returncode != 0 and 'readonly' in r.stderr, r.stderr)
    junk = os.path.join(work, 'junk.dat')
    with open(junk, 'wb') as f:
        f.write(b'not a trace at all\n' * 100)
    r = run([remora, 'sql', junk, 'SELECT 1'])
    check('remora sql on a file that is not a trace fails naming it',
          r.returncode != 0 and 'junk.dat' in r.stderr and not r.stdout, r.stderr)
    test_sql_errors(work, run_store_path(dat))
    broken = dict(env, REMORA_SQLITE_EXTENSION=os.path.join(work, 'none.so'))
    r = subprocess.run([remora, 'sql', dat, 'SELECT 1'], capture_output=True, text=True,
                       env=broken)
    check('remora sql without its extension fails naming it',
          r.returncode == 1 and 'none.so' in r.stderr, r.stderr)


def run_store_path(dat):
    r = run([remora, 'sql', dat, 'PRAGMA database_list'])
    for line in r.stdout.splitlines():
        seq, name, path = line.split('|', 2)
        if name == 'main':
            return path
    raise RuntimeError('remora sql %s: no store (%s)' % (dat, r.stderr))


if shutil.which('sqlite3') is None:
    skip('Remora\'s SQLite extension in sqlite3', 'the sqlite3 shell is not installed')
elif shutil.which('trace-cmd') is None:
    skip('Remora\'s SQLite extension against trace-cmd report', 'trace-cmd is not installed')
else:
    work = tempfile.mkdtemp(prefix='remora-sql-')
    try:
        examples = schema_examples()
        fixtures = sorted(f for f in os.listdir(traces) if f.endswith('.dat'))
        for dat in fixtures:
            path = os.path.join(work, dat)
            shutil.copy(os.path.join(traces, dat), path)
            store = run_store_path(path)
            test_store(dat[:-4], path, store, True)
            test_examples(dat[:-4], store, examples)
        test_errors(work, run_store_path(os.path.join(work, fixtures[0])))
        test_remora_sql(work, os.path.join(work, fixtures[0]))
        if os.path.isdir(shared):
            for dat in sorted(f for f in os.listdir(shared) if f.endswith('.dat')):
                path = os.path.join(shared, dat)
                test_store('shared/' + dat[:-4], path, run_store_path(path),
                           os.path.getsize(path) < 10 << 20)
        else:
            skip('the traces of ../shared', 'not there')
    finally:
        shutil.rmtree(work, ignore_errors=True)

report()
