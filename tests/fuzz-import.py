#!/usr/bin/env python3
# fuzz-import.py: a mutation fuzzer for Remora's importer and store readers.
#
#   fuzz-import.py REMORA [options] TRACE|FOLDER...
#
# A trace case takes one of the TRACEs, applies one to four mutations (bit
# and byte flips, interesting 32- and 64-bit values, cuts, removed, repeated
# and inserted ranges), biased toward the headers, and runs `remora import`
# on it; when a store comes out, also `remora stats`, `events` and `export`.
# A store case (--stores, the share of them) takes the store of one of the
# TRACEs and damages it as a disk, a bug or a hostile hand could: values
# (interesting numbers, text and blobs where numbers belong, negated and
# shifted keys), bytes of blobs (summaries, payloads, headers), rows
# deleted, sqlite_schema entries (a b-tree's root moved or swapped) and raw
# pages; then `stats`, `events`, `export` and a CSV must read it or refuse it
# with one line naming it.
# Every case is its seed: `--replay SEED` runs one again, and the mutations
# of a failing case are written to --out as a JSON recipe (see
# tests/fuzz/regressions/) with the input itself.
#
# Outcomes: clean-error (non-zero exit, one line naming the file),
# complete, partial (imported with a warning), contained (a helper process
# crashed inside libtracecmd/libtraceevent and the error or warning says so),
# and the failures: crash (the main process died of a signal), sanitizer (a
# sanitizer report in Remora's code, in any process), hang (past --timeout),
# unclear (an error that does not name the file, or more than one line),
# leftover (a temporary file left behind), reader (stats/events/export of the
# imported store crashed or printed no clear error), unexpected (a recipe's
# case ended otherwise than its "expect" says). A store case is complete
# when every reader read it, clean-error when one refused it clearly.
#
# --tap prints TAP (one test per outcome class, so meson counts it); the
# exit status is 1 when any case failed.
#
# Copyright 2026 The Remora authors
# SPDX-License-Identifier: GPL-2.0-or-later

import argparse
import collections
import concurrent.futures
import json
import os
import random
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time

INTERESTING32 = [0, 1, 0x7f, 0x80, 0xff, 0x100, 0xfff, 0x1000, 0x1001, 0x7fff, 0x8000, 0xffff,
                 0x10000, 0x7fffffff, 0x80000000, 0xfffffffe, 0xffffffff]
INTERESTING64 = [0, 1, 0x7fffffffffffffff, 0x8000000000000000, 0xffffffffffffffff,
                 0xffffffff, 0x100000000]
FAILURES = ('crash', 'sanitizer', 'hang', 'unclear', 'leftover', 'reader', 'unexpected')
OUTCOMES = ('clean-error', 'complete', 'partial', 'contained') + FAILURES
# a sanitizer frame in one of these is the library's, not Remora's
LIBRARY_FRAME = re.compile(r'libtracecmd|libtraceevent|libzstd|libc\.so|libglib|sanitizer_common|'
                           r'asan_|ubsan|libgcc|ld-linux')
REMORA_FRAME = re.compile(r'(data|model|render|app)/remora-|app/main\.c')


def pick_offset(rng, size):
    """Mostly the headers (the first 64 KiB: formats, tables), else anywhere."""
    if rng.random() < 0.6:
        return rng.randrange(min(size, 65536))
    return rng.randrange(size)


def make_mutations(rng, size):
    muts = []
    for _ in range(rng.choice((1, 1, 1, 2, 2, 3, 4))):
        kind = rng.choice(('bit', 'byte', 'byte', 'int32', 'int32', 'int64', 'cut', 'remove',
                           'repeat', 'insert', 'random-run'))
        off = pick_offset(rng, max(1, size))
        if kind == 'bit':
            muts.append({'op': 'xor', 'at': off, 'bytes': '%02x' % (1 << rng.randrange(8))})
        elif kind == 'byte':
            muts.append({'op': 'set', 'at': off, 'bytes': '%02x' % rng.randrange(256)})
        elif kind == 'int32':
            v = rng.choice(INTERESTING32)
            muts.append({'op': 'set', 'at': off,
                         'bytes': v.to_bytes(4, rng.choice(('little', 'big'))).hex()})
        elif kind == 'int64':
            v = rng.choice(INTERESTING64)
            muts.append({'op': 'set', 'at': off, 'bytes': v.to_bytes(8, 'little').hex()})
        elif kind == 'cut':
            muts.append({'op': 'cut', 'at': rng.randrange(max(1, size))})
        elif kind == 'remove':
            muts.append({'op': 'remove', 'at': off, 'len': rng.choice((1, 4, 8, 16, 100, 4096))})
        elif kind == 'repeat':
            muts.append({'op': 'repeat', 'at': off, 'len': rng.choice((4, 16, 4096))})
        elif kind == 'insert':
            muts.append({'op': 'insert', 'at': off,
                         'bytes': bytes(rng.randrange(256)
                                        for _ in range(rng.choice((1, 4, 16)))).hex()})
        else:
            n = rng.choice((8, 64, 512))
            muts.append({'op': 'set', 'at': off,
                         'bytes': bytes(rng.randrange(256) for _ in range(n)).hex()})
    return muts


def apply_mutations(data, muts):
    d = bytearray(data)
    for m in muts:
        at = min(m['at'], len(d))
        if m['op'] in ('set', 'xor'):
            b = bytes.fromhex(m['bytes'])[:max(0, len(d) - at)]
            if m['op'] == 'set':
                d[at:at + len(b)] = b
            else:
                for i, x in enumerate(b):
                    d[at + i] ^= x
        elif m['op'] == 'cut':
            del d[at:]
        elif m['op'] == 'remove':
            del d[at:at + m['len']]
        elif m['op'] == 'repeat':
            d[at:at] = d[at:at + m['len']]
        elif m['op'] == 'insert':
            d[at:at] = bytes.fromhex(m['bytes'])
    return bytes(d)


def sanitizer_reports(text):
    """(in Remora's code?, first line) for each sanitizer report in text: a report
    is Remora's when the first frame that is not the sanitizer's own is."""
    out = []
    lines = text.splitlines()
    i = 0
    while i < len(lines):
        line = lines[i]
        if 'runtime error:' in line:
            out.append((bool(REMORA_FRAME.search(line.split('runtime error:')[0])), line))
            i += 1
            continue
        if re.match(r'==\d+==ERROR: ', line):
            ours = None
            j = i + 1
            while j < len(lines) and not lines[j].startswith('SUMMARY:'):
                m = re.match(r'\s+#\d+ 0x[0-9a-f]+ (?:in (\S+) )?(.*)', lines[j])
                if m and ours is None:
                    where = ' '.join(x for x in m.groups() if x)
                    if re.search(r'interceptor|sanitizer_common|asan_|ubsan_|lsan_', where):
                        pass
                    elif REMORA_FRAME.search(where):
                        ours = True
                    elif LIBRARY_FRAME.search(where):
                        ours = False
                j += 1
            out.append((ours is not False, line))
            i = j
            continue
        i += 1
    return out


def run(cmd, timeout, env):
    p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env,
                         start_new_session=True)
    try:
        out, err = p.communicate(timeout=timeout)
        return p.returncode, out.decode(errors='replace'), err.decode(errors='replace'), False
    except subprocess.TimeoutExpired:
        os.killpg(p.pid, signal.SIGKILL)
        out, err = p.communicate()
        return None, out.decode(errors='replace'), err.decode(errors='replace'), True


def clear_error(rc, err, path):
    lines = [l for l in err.strip().splitlines() if l.startswith('remora: ')]
    return rc not in (0, None) and rc > 0 and len(lines) >= 1 and path in lines[-1]


def classify_reader(remora, store, work, timeout, env):
    """Reads an imported store back; returns a failure reason or None."""
    for args in (['stats', store], ['events', store, '--limit', '200'],
                 ['events', store, '--raw', '--limit', '50'],
                 ['export', store, '-o', os.path.join(work, 'view.png'), '--width', '400',
                  '--height', '300']):
        rc, out, err, hung = run([remora] + args, timeout, env)
        if hung:
            return 'hang', args[0]
        for ours, first in sanitizer_reports(err):
            if ours:
                return 'sanitizer', args[0] + ': ' + first
        if rc is None or rc < 0:
            return 'reader', '%s: signal %d' % (args[0], -rc)
        if rc != 0 and not clear_error(rc, err, store):
            return 'reader', '%s: unclear error: %s' % (args[0], err.strip()[:200])
    return None, None


# Store cases ----------------------------------------------------------------

STORE_OPS = ('value', 'blob', 'delete', 'root', 'schema', 'page')
STORE_VALUES = ['0', '-1', '1', '255', '65536', '2147483647', '-2147483648', '4294967296',
                '4611686018427387904', '9223372036854775807', '-9223372036854775808', 'NULL',
                "'x'", "''", "x'00ff'", '1.5', '-1e300', '-{c} - 1', '{c} + 1', '{c} - 1',
                '{c} * 65536', '-{c}', '{c} + 9223372036854000000', 'CAST({c} AS TEXT)',
                'randomblob(16)', 'zeroblob(0)']


def store_info(store):
    """What store mutations are drawn from: each table's stored columns, key
    and rows, the schema's objects, the page size and count."""
    db = sqlite3.connect('file:%s?mode=ro' % store, uri=True)
    info = {'tables': {}, 'objects': [], 'page_size': db.execute('PRAGMA page_size').fetchone()[0],
            'pages': db.execute('PRAGMA page_count').fetchone()[0]}
    for name, kind, sql in db.execute(
            "SELECT name, type, sql FROM sqlite_schema WHERE type IN ('table', 'index')"):
        info['objects'].append(name)
        if kind != 'table':
            continue
        cols, key = [], []
        for cid, col, ctype, notnull, dflt, pk, hidden in db.execute(
                'PRAGMA table_xinfo("%s")' % name):
            if hidden == 0:
                cols.append((col, ctype.upper()))
            if pk:
                key.append((pk, col))
        rowid = 'WITHOUT ROWID' not in (sql or '')
        info['tables'][name] = {
            'columns': cols, 'key': ['rowid'] if rowid else [c for _, c in sorted(key)],
            'rows': db.execute('SELECT count(*) FROM "%s"' % name).fetchone()[0]}
    db.close()
    return info


def make_store_mutations(rng, info):
    muts = []
    tables = sorted(t for t, v in info['tables'].items() if v['rows'] > 0)
    blobs = [(t, c) for t in tables for c, ty in info['tables'][t]['columns'] if ty == 'BLOB']
    for _ in range(rng.choice((1, 1, 1, 2, 2, 3))):
        kind = rng.choice(('value', 'value', 'value', 'value', 'blob', 'blob', 'delete', 'root',
                           'schema', 'page'))
        if kind == 'blob' and blobs:
            table, col = rng.choice(blobs)
            muts.append({'op': 'blob', 'table': table, 'column': col,
                         'row': rng.randrange(1 << 30),
                         'mutations': make_mutations(rng, 1 << 12)})
        elif kind == 'delete':
            muts.append({'op': 'delete', 'table': rng.choice(tables),
                         'row': rng.randrange(1 << 30)})
        elif kind == 'root':
            a = rng.choice(info['objects'])
            if rng.random() < 0.5:
                muts.append({'op': 'root', 'name': a, 'to': rng.choice(info['objects'])})
            else:
                muts.append({'op': 'root', 'name': a, 'delta': rng.choice((-1, 1, 2, 1000))})
        elif kind == 'schema':
            muts.append({'op': 'schema', 'name': rng.choice(info['objects']),
                         'column': rng.choice(('type', 'name', 'tbl_name', 'rootpage')),
                         'value': rng.choice(STORE_VALUES[:14])})
        elif kind == 'page':
            page = rng.randrange(1, info['pages'] + 1)
            at = (page - 1) * info['page_size'] + (100 if page == 1 else 0) + \
                rng.choice((0, 0, 1, 3, 5, 8, 12, rng.randrange(info['page_size'] - 100)))
            n = rng.choice((1, 2, 4, 8, 64))
            muts.append({'op': 'page', 'at': at,
                         'bytes': bytes(rng.randrange(256) for _ in range(n)).hex()})
        else:
            table = rng.choice(tables)
            col = rng.choice(info['tables'][table]['columns'])[0]
            muts.append({'op': 'value', 'table': table, 'column': col,
                         'row': -1 if rng.random() < 0.2 else rng.randrange(1 << 30),
                         'value': rng.choice(STORE_VALUES)})
    return muts


def row_where(db, table, row):
    """A WHERE clause for the row'th row of table (modulo its rows; all of
    them for -1), by its key."""
    if row < 0:
        return '1'
    cols = [c[1] for c in db.execute('PRAGMA table_info("%s")' % table) if c[5]]
    rowid = db.execute("SELECT sql NOT LIKE '%%WITHOUT ROWID%%' FROM sqlite_schema "
                       "WHERE name = ?", (table,)).fetchone()[0]
    key = 'rowid' if rowid else ', '.join('"%s"' % c for c in cols)
    n = db.execute('SELECT count(*) FROM "%s"' % table).fetchone()[0]
    return '(%s) = (SELECT %s FROM "%s" LIMIT 1 OFFSET %d)' % (key, key, table, row % max(1, n))


def apply_store_mutations(base, dest, muts):
    """Copies base to dest with muts applied; a mutation SQLite refuses (a
    key made a duplicate) is left out."""
    shutil.copy(base, dest)
    db = sqlite3.connect(dest, isolation_level=None)
    db.execute('PRAGMA writable_schema = ON')
    for m in muts:
        try:
            if m['op'] == 'value':
                value = m['value'].replace('{c}', '"%s"' % m['column'])
                db.execute('UPDATE OR IGNORE "%s" SET "%s" = %s WHERE %s' % (
                    m['table'], m['column'], value, row_where(db, m['table'], m['row'])))
            elif m['op'] == 'blob':
                where = row_where(db, m['table'], m['row'])
                row = db.execute('SELECT "%s" FROM "%s" WHERE %s' % (m['column'], m['table'],
                                                                      where)).fetchone()
                if row and isinstance(row[0], bytes) and row[0]:
                    blob = row[0]
                    muts2 = [dict(x, at=x['at'] % len(blob)) for x in m['mutations']]
                    db.execute('UPDATE "%s" SET "%s" = ? WHERE %s' % (m['table'], m['column'],
                                                                      where),
                               (apply_mutations(blob, muts2),))
            elif m['op'] == 'delete':
                db.execute('DELETE FROM "%s" WHERE %s' % (m['table'],
                                                         row_where(db, m['table'], m['row'])))
            elif m['op'] == 'root':
                if 'to' in m:
                    a, b = [db.execute('SELECT rootpage FROM sqlite_schema WHERE name = ?',
                                       (x,)).fetchone() for x in (m['name'], m['to'])]
                    if a and b:
                        db.execute('UPDATE sqlite_schema SET rootpage = ? WHERE name = ?',
                                   (b[0], m['name']))
                        db.execute('UPDATE sqlite_schema SET rootpage = ? WHERE name = ?',
                                   (a[0], m['to']))
                else:
                    db.execute('UPDATE sqlite_schema SET rootpage = rootpage + ? WHERE name = ?',
                               (m['delta'], m['name']))
            elif m['op'] == 'schema':
                db.execute('UPDATE sqlite_schema SET "%s" = %s WHERE name = ?' % (
                    m['column'], m['value'].replace('{c}', m['column'])), (m['name'],))
        except sqlite3.Error:
            pass
    db.close()
    pages = [m for m in muts if m['op'] == 'page']
    if pages:
        with open(dest, 'rb') as f:
            data = f.read()
        with open(dest, 'wb') as f:
            f.write(apply_mutations(data, [dict(m, op='set') for m in pages]))


def read_store(remora, store, work, timeout, env):
    """Every reader on a damaged store: (outcome, detail)."""
    refused = False
    for args in (['stats', store], ['stats', store, '--json'],
                 ['events', store, '--limit', '300'], ['events', store, '--raw', '--limit', '50'],
                 ['events', store, '--cpu', '1', '--from', '0.2', '--limit', '100'],
                 ['events', store, '--count', '-F', '.*: common_pid > 1'],
                 ['events', store, '--csv', os.path.join(work, 'rows.csv')],
                 ['export', store, '-o', os.path.join(work, 'view.png'), '--width', '500',
                  '--height', '400', '--rows', 'both'],
                 ['export', store, '-o', os.path.join(work, 'view.svg'), '--from', '0.1',
                  '--to', '0.1005', '--width', '500', '--height', '400']):
        rc, out, err, hung = run([remora] + args, timeout, env)
        if hung:
            return 'hang', ' '.join(args[:1] + args[2:])
        for ours, first in sanitizer_reports(err):
            if ours:
                return 'sanitizer', args[0] + ': ' + first
        if rc is None or rc < 0:
            return 'crash', '%s: signal %d' % (args[0], -rc)
        if rc != 0:
            if not clear_error(rc, err, store):
                return 'unclear', '%s: %s' % (args[0], err.strip()[:300])
            refused = True
    return ('clean-error' if refused else 'complete'), ''


def run_store_case(remora, base, muts, timeout, env):
    work = tempfile.mkdtemp(prefix='remora-fuzz-store-')
    try:
        store = os.path.join(work, 'case.remora')
        apply_store_mutations(base, store, muts)
        outcome, detail = read_store(remora, store, work, timeout, env)
        return outcome, detail, ''
    finally:
        shutil.rmtree(work, ignore_errors=True)


def base_stores(remora, traces, env, timeout):
    """Each trace's store, imported once: {trace: (store, info)}."""
    work = tempfile.mkdtemp(prefix='remora-fuzz-bases-')
    out = {}
    for t in traces:
        store = os.path.join(work, os.path.basename(t) + '.remora')
        rc, _, err, _ = run([remora, 'import', t, '-o', store, '--quiet'], timeout * 5, env)
        if rc == 0:
            out[t] = (store, store_info(store))
    return work, out


def run_case(remora, source, data, muts, timeout, env, keep_dir):
    work = tempfile.mkdtemp(prefix='remora-fuzz-')
    try:
        path = os.path.join(work, 'case.dat')
        with open(path, 'wb') as f:
            f.write(apply_mutations(data, muts))
        store = path + '.remora'
        rc, out, err, hung = run([remora, 'import', path, '--quiet'], timeout, env)
        outcome, detail = None, ''
        reports = sanitizer_reports(err)
        if hung:
            outcome, detail = 'hang', 'import ran past %d s' % timeout
        elif any(ours for ours, _ in reports):
            outcome, detail = 'sanitizer', next(f for ours, f in reports if ours)
        elif rc is not None and rc < 0:
            outcome, detail = 'crash', 'import: signal %d' % -rc
        elif rc == 0:
            partial = 0
            try:
                with sqlite3.connect('file:%s?mode=ro' % store, uri=True) as db:
                    row = db.execute("SELECT value FROM meta WHERE key = 'partial'").fetchone()
                    partial = int(row[0]) if row else 0
                    reason = db.execute(
                        "SELECT value FROM meta WHERE key = 'partial_reason'").fetchone()
            except sqlite3.Error as e:
                outcome, detail = 'reader', 'store unreadable after a successful import: %s' % e
            if outcome is None:
                if partial:
                    outcome = 'contained' if reason and 'crashed' in (reason[0] or '') \
                        else 'partial'
                else:
                    outcome = 'complete'
                bad, why = classify_reader(remora, store, work, timeout, env)
                if bad:
                    outcome, detail = bad, why
        elif clear_error(rc, err, path):
            outcome = 'contained' if 'crashed' in err or reports else 'clean-error'
        else:
            outcome, detail = 'unclear', err.strip()[:300]
        if outcome not in FAILURES:
            left = [f for f in os.listdir(work) if '.tmp-' in f]
            if left:
                outcome, detail = 'leftover', ' '.join(left)
        if keep_dir:
            os.makedirs(keep_dir, exist_ok=True)
        return outcome, detail, err
    finally:
        shutil.rmtree(work, ignore_errors=True)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('remora')
    ap.add_argument('traces', nargs='*')
    ap.add_argument('--seconds', type=float, default=60)
    ap.add_argument('--runs', type=int, default=0, help='stop after this many cases')
    ap.add_argument('--seed', type=int, default=1)
    ap.add_argument('--jobs', type=int, default=os.cpu_count() or 1)
    ap.add_argument('--timeout', type=int, default=60)
    ap.add_argument('--out', default=None, help='where failing cases go')
    ap.add_argument('--save', default='',
                    help='outcomes to write to --out besides the failures, comma-separated '
                    '(contained: to find regression recipes of library crashes)')
    ap.add_argument('--replay', type=int, default=None, help='run one case by its number')
    ap.add_argument('--recipes', nargs='*', default=[],
                    help='regression recipes (JSON files or a folder of them) to run instead '
                    'of random cases')
    ap.add_argument('--stores', type=float, default=0.5,
                    help='the share of cases that damage a store rather than a trace')
    ap.add_argument('--tap', action='store_true')
    args = ap.parse_args()

    env = dict(os.environ)
    env.setdefault('ASAN_OPTIONS', '')
    env['ASAN_OPTIONS'] += ':abort_on_error=1:allocator_may_return_null=1:detect_leaks=1'
    env.setdefault('UBSAN_OPTIONS', 'halt_on_error=1:print_stacktrace=1')
    env.setdefault('LSAN_OPTIONS', 'print_suppressions=0:suppressions=' +
                   os.path.join(os.path.dirname(os.path.abspath(__file__)), 'lsan.supp'))
    env['XDG_CACHE_HOME'] = tempfile.mkdtemp(prefix='remora-fuzz-cache-')

    recipes = []
    for r in args.recipes:  # files, or a folder of them
        if os.path.isdir(r):
            recipes += sorted(os.path.join(r, f) for f in os.listdir(r) if f.endswith('.json'))
        else:
            recipes.append(r)
    args.recipes = recipes
    traces = []
    for t in args.traces:  # files, or folders of .dat files (a missing one is skipped)
        if os.path.isdir(t):
            traces += sorted(os.path.join(t, f) for f in os.listdir(t) if f.endswith('.dat'))
        elif os.path.exists(t):
            traces.append(t)
    datas = {t: open(t, 'rb').read() for t in traces}
    # stores of the traces small enough to copy for every case
    bases_dir, bases = None, {}
    small = [t for t in traces if os.path.getsize(t) < 8 << 20]
    if args.recipes or args.stores > 0:
        if args.recipes:
            small = [t for t in small if any(
                json.load(open(r)).get('store') and os.path.basename(t) ==
                json.load(open(r))['trace'] for r in args.recipes)]
        bases_dir, bases = base_stores(args.remora, small, env, args.timeout)
    counts = collections.Counter()
    store_cases = 0
    failures = []
    start = time.monotonic()

    def case(i):
        if args.recipes:
            with open(args.recipes[i]) as f:
                recipe = json.load(f)
            src = next((t for t in traces if os.path.basename(t) == recipe['trace']), None)
            if src is None:
                return i, None, 'skipped', 'no %s here' % recipe['trace'], ''
            muts = recipe['mutations']
            is_store = bool(recipe.get('store'))
            if is_store and src not in bases:
                return i, src, 'skipped', 'no store of %s' % recipe['trace'], ''
        else:
            rng = random.Random(args.seed * 1000003 + i)
            is_store = bool(bases) and rng.random() < args.stores
            if is_store:
                src = sorted(bases)[rng.randrange(len(bases))]
                muts = make_store_mutations(rng, bases[src][1])
            else:
                src = traces[rng.randrange(len(traces))]
                muts = make_mutations(rng, len(datas[src]))
        if is_store:
            outcome, detail, err = run_store_case(args.remora, bases[src][0], muts, args.timeout,
                                                  env)
        else:
            outcome, detail, err = run_case(args.remora, src, datas[src], muts, args.timeout, env,
                                            args.out)
        if args.recipes and recipe.get('expect') and outcome not in FAILURES and \
                outcome != recipe['expect']:
            outcome, detail = 'unexpected', '%s: %s, not %s' % (
                os.path.basename(args.recipes[i]), outcome, recipe['expect'])
        # a library crash the recipe keeps caught: where it crashes, when a
        # sanitizer says (the same crash, not another one)
        if args.recipes and recipe.get('frame') and outcome not in FAILURES and \
                'ERROR: AddressSanitizer' in err and ' in %s ' % recipe['frame'] not in err:
            outcome, detail = 'unexpected', '%s: no crash in %s' % (
                os.path.basename(args.recipes[i]), recipe['frame'])
        if (outcome in FAILURES or outcome in args.save.split(',')) and args.out:
            name = 'case-%d-%d' % (args.seed, i)
            with open(os.path.join(args.out, name + '.json'), 'w') as f:
                json.dump(dict({'trace': os.path.basename(src), 'seed': args.seed, 'case': i,
                                'outcome': outcome, 'detail': detail, 'mutations': muts},
                               **({'store': True} if is_store else {})), f, indent=1)
            with open(os.path.join(args.out, name + '.stderr'), 'w') as f:
                f.write(err)
        return i, src, outcome, detail, muts

    if args.replay is not None:
        indices = iter([args.replay])
    elif args.recipes:
        indices = iter(range(len(args.recipes)))
    else:
        indices = iter(range(10 ** 9))
    n = 0
    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
        pending = set()
        while True:
            while len(pending) < args.jobs:
                if (not args.recipes and args.replay is None and
                        (time.monotonic() - start > args.seconds or
                         (args.runs and n >= args.runs))):
                    break
                i = next(indices, None)
                if i is None:
                    break
                pending.add(pool.submit(case, i))
                n += 1
            if not pending:
                break
            done, pending = concurrent.futures.wait(
                pending, return_when=concurrent.futures.FIRST_COMPLETED)
            for fut in done:
                i, src, outcome, detail, muts = fut.result()
                counts[outcome] += 1
                store_cases += isinstance(muts, list) and any(
                    m.get('op') in STORE_OPS for m in muts)
                if outcome in FAILURES:
                    failures.append((i, src, outcome, detail, muts))
                    if not args.tap:
                        print('FAIL case %d (%s): %s: %s' % (i, os.path.basename(src), outcome,
                                                           detail), flush=True)

    elapsed = time.monotonic() - start
    shutil.rmtree(env['XDG_CACHE_HOME'], ignore_errors=True)
    if bases_dir:
        shutil.rmtree(bases_dir, ignore_errors=True)
    summary = ', '.join('%s %d' % (o, counts[o]) for o in OUTCOMES + ('skipped',) if counts[o])
    if args.tap:
        print('TAP version 13')
        print('1..%d' % (len(FAILURES) + 1))
        print('ok 1 - %d cases (%d of stores) in %.0f s (seed %d): %s' % (
            sum(counts.values()), store_cases, elapsed, args.seed, summary))
        for k, f in enumerate(FAILURES, 2):
            mine = [x for x in failures if x[2] == f]
            if mine:
                print('not ok %d - no %s outcome: %d cases, e.g. case %d (%s): %s' %
                      (k, f, len(mine), mine[0][0], os.path.basename(mine[0][1]), mine[0][3]))
                for x in mine[:5]:
                    print('# case %d %s: %s' % (x[0], json.dumps(x[4])[:400], x[3]))
            else:
                print('ok %d - no %s outcome' % (k, f))
    else:
        print('%d cases (%d of stores) in %.0f s (seed %d, %d jobs): %s' % (
            sum(counts.values()), store_cases, elapsed, args.seed, args.jobs, summary))
    return 1 if failures else 0


if __name__ == '__main__':
    sys.exit(main())
