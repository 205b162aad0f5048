#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Reports icon names that the icon theme of Debian 12 does not have: a
missing icon shows as a broken-image square.

    check-icons.py THEME_DIR RESOURCES_DIR SOURCE_FILE_OR_FOLDER...

Every "…-symbolic" string in the sources (.c and .ui) and every icon-name
property of the .ui files must be an icon of THEME_DIR (Adwaita: any size,
any context) or an icon we ship under RESOURCES_DIR/icons.  Exits 1 and
prints one line per missing name."""

import os
import re
import sys

NAME = re.compile(r'[">]([a-z][a-z0-9.-]*-symbolic)["<]')
PROPERTY = re.compile(r'<property name="icon-name">([^<]+)</property>')


def theme_icons(theme_dir):
    names = set()
    for _root, _dirs, files in os.walk(theme_dir):
        for f in files:
            base, ext = os.path.splitext(f)
            if ext in (".svg", ".png"):
                names.add(base)
    return names



def expand(paths, exts=('.c', '.ui')):
    """Files and the .c/.ui files under folders, sorted."""
    out = []
    for path in paths:
        if os.path.isdir(path):
            for root, _dirs, files in os.walk(path):
                out.extend(os.path.join(root, f) for f in files if f.endswith(exts))
        else:
            out.append(path)
    return sorted(out)

def main(argv):
    if len(argv) < 4:
        print(__doc__, file=sys.stderr)
        return 2
    if not os.path.isdir(argv[1]):
        print("%s: no such icon theme; install adwaita-icon-theme" % argv[1], file=sys.stderr)
        return 2
    known = theme_icons(argv[1]) | theme_icons(os.path.join(argv[2], "icons"))
    missing = []
    for path in expand(argv[3:]):
        with open(path, encoding="utf-8") as f:
            for lineno, line in enumerate(f, 1):
                names = NAME.findall(line) + PROPERTY.findall(line)
                for name in names:
                    if name not in known:
                        missing.append("%s:%d: icon “%s” is not in %s nor in our resources"
                                       % (path, lineno, name, argv[1]))
    for m in missing:
        print(m)
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
