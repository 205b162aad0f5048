#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""SQL only in the store, checked rather than agreed: no object file of the
build outside core/store/ (tests and benchmarks aside, which look into the
database files themselves) may reference a database engine's symbol
(sqlite3_*, or libpq's PQ*: the store links both).

Usage: check-sql-symbols.py BUILD_DIR SOURCE_DIR

The objects are those of the build as it stands (compile_commands.json), so
an object left behind by a moved source file does not count.  It must not
decide anything: it only runs `nm -u` and names what it finds."""

import json
import os
import re
import subprocess
import sys

ENGINE_SYMBOL = re.compile(r'^(sqlite3_\w+|PQ[a-z]\w*)$')
ALLOWED = ('core/store/', 'tests/', 'bench/')


def main():
    if len(sys.argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    build_dir = os.path.abspath(sys.argv[1])
    source_dir = os.path.abspath(sys.argv[2])
    with open(os.path.join(build_dir, 'compile_commands.json'), encoding='utf-8') as f:
        commands = json.load(f)

    objects = {}
    failures = []
    for entry in commands:
        directory = entry.get('directory', build_dir)
        source = os.path.normpath(os.path.join(directory, entry['file']))
        rel = os.path.relpath(source, source_dir)
        if rel.startswith(ALLOWED):
            continue
        obj = os.path.normpath(os.path.join(directory, entry['output']))
        if not os.path.exists(obj):
            failures.append('%s: not built' % entry['output'])
            continue
        objects[obj] = (entry['output'], rel)

    # One nm for all of them (-A: each line starts with "object:").
    out = subprocess.run(['nm', '-u', '-A'] + sorted(objects), check=True,
                         capture_output=True, text=True).stdout if objects else ''
    for line in out.splitlines():
        obj, _, rest = line.partition(': ')
        if not rest:
            obj, _, rest = line.rpartition(':')
        words = rest.split()
        name = words[-1].split('@')[0] if words else ''
        if ENGINE_SYMBOL.match(name):
            output, rel = objects.get(os.path.normpath(obj), (obj, '?'))
            failures.append('%s (%s): %s' % (output, rel, name))
    checked = len(objects)

    if checked == 0:
        print('no object files to check in %s' % build_dir, file=sys.stderr)
        return 1
    for failure in failures:
        print(failure)
    if failures:
        print('%d reference(s) to the database engine outside core/store/'
              % len(failures), file=sys.stderr)
        return 1
    print('%d object files checked: no database engine symbol outside core/store/'
          % checked)
    return 0


if __name__ == '__main__':
    sys.exit(main())
