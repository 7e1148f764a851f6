#!/usr/bin/env python3
# test-stores.py REMORA TRACES_DIR: damaged and hostile stores. Each is
# refused with one line that names the store and says what is wrong (never a
# crash or a hang), and a trace whose store beside it is damaged is imported
# again. Prints TAP.
#
# Copyright 2026 The Remora authors
# SPDX-License-Identifier: GPL-2.0-or-later

import os
import random
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile

from storefile import first_child

remora, traces = sys.argv[1], sys.argv[2]
FIXTURE = os.path.join(traces, 'sched-block-v6.dat')
# a guard against hangs, not a timing goal: every case answers in well under it
GUARD = 60
results = []


def check(name, ok, detail=''):
    results.append((name, bool(ok), detail))


# commands whose messages were not UTF-8 (SQLite quotes a damaged store's
# bytes)
not_utf8 = []


def run(*args):
    try:
        r = subprocess.run([remora] + list(args), capture_output=True, timeout=GUARD)
    except subprocess.TimeoutExpired:
        return None, '', 'hung'
    try:
        err = r.stderr.decode('utf-8')
    except UnicodeDecodeError:
        err = r.stderr.decode('utf-8', 'replace')
        not_utf8.append('%s: %s' % (' '.join(args[:1]), err.strip()[:200]))
    return r.returncode, r.stdout.decode('utf-8', 'replace'), err


def refused(rc, err, path, *words):
    lines = err.strip().splitlines()
    return (rc is not None and rc > 0 and len(lines) == 1 and lines[0].startswith('remora: ')
            and path in lines[0] and all(w in lines[0] for w in words))


def alter(store, sql):
    db = sqlite3.connect(store)
    db.executescript(sql)
    db.commit()
    db.close()


def roots(store):
    db = sqlite3.connect(store)
    r = dict(db.execute('SELECT name, rootpage FROM sqlite_schema'))
    db.close()
    return r


def root_sql(changes):
    """SQL that points tables or indexes at other b-trees ({name: its new
    rootpage}), as a hostile hand or a damaged sqlite_schema would."""
    return ('PRAGMA writable_schema = ON; ' +
            ' '.join("UPDATE sqlite_schema SET rootpage = %d WHERE name = '%s';" % (page, name)
                     for name, page in changes.items()) + ' PRAGMA writable_schema = OFF;')


# bytes a terminal takes as commands: C0 controls but tab and newline, DEL,
# and C1 (U+0080-U+009F)
CONTROLS = re.compile('[\x00-\x08\x0b-\x1f\x7f\x80-\x9f]')


tmp = tempfile.mkdtemp(prefix='remora-stores-')
try:
    trace = os.path.join(tmp, 'trace.dat')
    shutil.copy(FIXTURE, trace)
    good = os.path.join(tmp, 'good.remora')
    rc, _, err = run('import', trace, '-o', good, '--quiet')
    check('the fixture imports', rc == 0, err)

    root = roots(good)
    hostile = {
        'meta is a view with an endless recursive query':
            "DROP TABLE meta; CREATE VIEW meta AS WITH RECURSIVE r(key, value) AS "
            "(SELECT 'complete', 1 UNION ALL SELECT key, value + 1 FROM r) SELECT * FROM r;",
        'meta.cpus is 2147483647': "UPDATE meta SET value = 2147483647 WHERE key = 'cpus';",
        'meta.lod_levels is a million': "UPDATE meta SET value = 1000000 WHERE key = 'lod_levels';",
        'meta.first_ts is the int64 limit':
            "UPDATE meta SET value = 9223372036854775807 WHERE key = 'first_ts';",
        'meta.last_ts is the int64 limit':
            "UPDATE meta SET value = 9223372036854775807 WHERE key = 'last_ts';",
        'meta.first_ts is negative':
            "UPDATE meta SET value = -9223372036854775808 WHERE key = 'first_ts';",
        "meta.complete is '1abc'": "UPDATE meta SET value = '1abc' WHERE key = 'complete';",
        'meta.events is missing': "DELETE FROM meta WHERE key = 'events';",
        'event_rows is missing': "DROP VIEW events; DROP TABLE event_rows;",
        'sched_slices is missing': "DROP TABLE sched_slices;",
        'an index is missing': "DROP INDEX wakeups_latency;",
        'a trigger was added':
            "CREATE TRIGGER t AFTER INSERT ON meta BEGIN SELECT 1; END;",
        'a table was added': "CREATE TABLE extra (x);",
        'the events view was redefined':
            "DROP VIEW events; CREATE VIEW events AS WITH RECURSIVE r(id) AS "
            "(SELECT 1 UNION ALL SELECT id + 1 FROM r) SELECT id, 0 AS ts, 0 AS cpu, 0 AS pid, "
            "0 AS type FROM r;",
        'the trace headers are junk': "UPDATE trace_headers SET data = randomblob(5000);",
        # SQLite checks each b-tree; only Remora can know whose rows are where
        'event_rows points at the next b-tree (event_payloads)':
            root_sql({'event_rows': root['event_rows'] + 1}),
        'event_rows and event_payloads swapped':
            root_sql({'event_rows': root['event_payloads'],
                      'event_payloads': root['event_rows']}),
        'event_rows points at a part of itself (its first child page)':
            root_sql({'event_rows': first_child(good, 'event_rows')[0]}),
        'two indexes of wakeups swapped':
            root_sql({'wakeups_ts': root['wakeups_latency'],
                      'wakeups_latency': root['wakeups_ts']}),
        'an index points at a table': root_sql({'wakeups_ts': root['event_rows']}),
    }

    for name, sql in hostile.items():
        store = os.path.join(tmp, 'hostile.remora')
        shutil.copy(good, store)
        alter(store, sql)
        for cmd in (['stats', store], ['events', store, '--limit', '5'],
                    ['export', store, '-o', os.path.join(tmp, 'x.png')]):
            rc, out, err = run(*cmd)
            if name == 'the trace headers are junk' and cmd[0] != 'events':
                # the headers are read only to decode payloads
                check('%s: %s works without them' % (name, cmd[0]), rc == 0, err)
                continue
            check('%s: %s refuses it with one line naming the store' % (name, cmd[0]),
                  refused(rc, err, store), 'rc=%s %s' % (rc, err.strip()[:300]))

        # beside its trace, such a store is imported again
        beside = trace + '.remora'
        shutil.copy(good, beside)
        alter(beside, sql)
        if name == 'the trace headers are junk':
            # read when an event is decoded, not when the store opens
            rc, out, err = run('events', trace, '--limit', '5')
            check('%s: beside its trace, events says the store is damaged' % name,
                  refused(rc, err, beside, 'damaged'), 'rc=%s %s' % (rc, err.strip()[:300]))
            os.unlink(beside)
            continue
        rc, out, err = run('stats', trace)
        again = rc == 0 and 'importing again' in err
        rc2, _, err2 = run('stats', beside)
        check('%s: beside its trace it is imported again' % name,
              again and rc2 == 0, 'rc=%s %s / %s' % (rc, err.strip()[:200], err2.strip()[:200]))
        os.unlink(beside)

    # numbers out of their range: refused as damaged where they are read,
    # never arithmetic on them (UBSan: "left shift of negative value")
    numbers = {
        'lod_task blocks are negative': 'UPDATE lod_task SET block = -block - 1;',
        'lod_cpu blocks are negative': 'UPDATE lod_cpu SET block = -block - 1;',
        'lod_task blocks are near the int64 limit':
            'UPDATE lod_task SET block = block + 9223372036854000000;',
        'lod_cpu blocks are near the int64 limit':
            'UPDATE lod_cpu SET block = block + 9223372036854000000;',
    }
    for name, sql in numbers.items():
        store = os.path.join(tmp, 'numbers.remora')
        shutil.copy(good, store)
        alter(store, sql)
        for cmd in (['stats', store], ['events', store, '--limit', '5']):
            rc, out, err = run(*cmd)
            check('%s: %s works' % (name, cmd[0]), rc == 0, 'rc=%s %s' % (rc, err.strip()[:300]))
        for rows in ('cpus', 'tasks'):
            # blocks out of the range asked for are not read: a blank row;
            # those read are refused (remora_store_read_task_state_before
            # reads the last block before a range)
            rc, out, err = run('export', store, '-o', os.path.join(tmp, 'x.png'), '--rows', rows)
            check('%s: export of %s rows works or says a summary block is damaged' % (name, rows),
                  rc == 0 or refused(rc, err, store, 'damaged'),
                  'rc=%s %s' % (rc, err.strip()[:300]))
        if name == 'lod_task blocks are negative':
            check('%s: export of tasks rows says a summary block is damaged' % name,
                  refused(rc, err, store, 'damaged'), 'rc=%s %s' % (rc, err.strip()[:300]))

    # text that a terminal would take as commands: printed escaped, by every
    # command that prints a store's text
    store = os.path.join(tmp, 'escapes.remora')
    shutil.copy(good, store)
    esc = "char(27) || ']0;owned' || char(7)"
    alter(store, "UPDATE event_types SET name = %s || name || char(27) || '[5m';"
                 "UPDATE meta SET value = %s || value || char(13) || char(194, 155) "
                 "WHERE key IN ('kernel', 'uname', 'clock', 'trace_cmd_version', "
                 "'source_path', 'compression');"
                 "UPDATE tasks SET comm = char(27) || '[31m' || comm;"
                 "UPDATE task_names SET comm = char(27) || '[31m' || comm;" % (esc, esc))
    for cmd in (['stats', store], ['stats', store, '--json'], ['events', store, '--limit', '50'],
                ['events', store, '-t', '--limit', '50', '--pid', '1'],
                ['events', store, '--count', '--name', 'nope'],
                ['export', store, '-o', os.path.join(tmp, 'x.png'), '--tasks', 'nope']):
        rc, out, err = run(*cmd)
        bad = CONTROLS.findall(out + err)
        check('escape sequences in a store: %s prints them escaped (%s)' %
              (' '.join(cmd[:1] + cmd[2:]), 'exit %s' % rc),
              rc is not None and not bad and (cmd[0] != 'stats' or '\\x1b' in out or
                                              '\\u001b' in out),
              'rc=%s controls=%r %s' % (rc, bad[:5], (out + err)[:300]))

    # cut short, by one byte and by a page
    size = os.path.getsize(good)
    for cut in (1, 16384, size // 2):
        store = os.path.join(tmp, 'cut.remora')
        shutil.copy(good, store)
        with open(store, 'r+b') as f:
            f.truncate(size - cut)
        rc, _, err = run('stats', store)
        check('a store cut by %d bytes is refused as damaged' % cut,
              refused(rc, err, store, 'damaged'), 'rc=%s %s' % (rc, err.strip()[:300]))

    # bytes changed anywhere: it works or it says what is wrong, never worse
    rng = random.Random(7)
    for i in range(15):
        store = os.path.join(tmp, 'flip-%d.remora' % i)
        shutil.copy(good, store)
        with open(store, 'r+b') as f:
            for _ in range(8):
                f.seek(rng.randrange(size))
                f.write(bytes([rng.randrange(256)]))
        for cmd in (['stats', store], ['events', store, '--limit', '2000'],
                    ['export', store, '-o', os.path.join(tmp, 'x.png')]):
            rc, out, err = run(*cmd)
            check('flipped bytes %d: %s works or says the store is damaged' % (i, cmd[0]),
                  rc == 0 or refused(rc, err, store), 'rc=%s %s' % (rc, err.strip()[:300]))
    check('every message is UTF-8, damaged bytes of the store replaced',
          not not_utf8, '\n'.join(not_utf8[:6]))
finally:
    shutil.rmtree(tmp, ignore_errors=True)

print('TAP version 13')
print('1..%d' % len(results))
for i, (name, ok, detail) in enumerate(results, 1):
    print('%s %d - %s' % ('ok' if ok else 'not ok', i, name))
    if not ok and detail:
        for line in str(detail).splitlines()[:6]:
            print('# ' + line)
sys.exit(0)
