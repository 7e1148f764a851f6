# storefile.py: where a store's b-trees lie in its file, for the Python tests
# that damage stores page by page (test-stores.py, test-sql.py).
#
# Copyright 2026 The Remora authors
# SPDX-License-Identifier: GPL-2.0-or-later

import sqlite3


def first_child(store, table):
    """(page, page size): the first child page of @table's root, an interior
    page of a table b-tree (a 4-byte child number starts each cell)."""
    db = sqlite3.connect(store)
    root = db.execute("SELECT rootpage FROM sqlite_schema WHERE name = ?", (table,)).fetchone()[0]
    page_size = db.execute('PRAGMA page_size').fetchone()[0]
    db.close()
    with open(store, 'rb') as f:
        f.seek((root - 1) * page_size)
        page = f.read(page_size)
    assert page[0] == 0x05, 'the root of %s is not an interior page' % table
    cell = int.from_bytes(page[12:14], 'big')
    return int.from_bytes(page[cell:cell + 4], 'big'), page_size
