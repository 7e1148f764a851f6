# tap.py: the results of a Python test and their TAP, shared by the tests
# written in Python (test-cli.py, test-listing.py, test-sql.py, …).
#
# Copyright 2026 The Remora authors
# SPDX-License-Identifier: GPL-2.0-or-later

results = []


def check(name, ok, detail=''):
    """A result: ok is true when the behaviour holds; detail says why not."""
    results.append((name, bool(ok), detail))


def skip(name, why):
    results.append((name, None, why))


def report():
    """Prints the TAP of every result, each failure's detail as comments."""
    print('1..%d' % len(results))
    for i, (name, ok, detail) in enumerate(results, 1):
        if ok is None:
            print('ok %d - %s # SKIP %s' % (i, name, detail))
            continue
        print('%s %d - %s' % ('ok' if ok else 'not ok', i, name))
        if not ok and detail:
            print('#   ' + str(detail).strip().replace('\n', '\n#   '))
