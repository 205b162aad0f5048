#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Reports translatable messages that put a count before a plural English
noun without a plural form: _("%u lines") says "1 lines" for one line.

    check-plurals.py SOURCE_ROOT POTFILES.in

Extracts the messages with xgettext (the keywords of meson's glib preset)
and looks, in every msgid that has no msgid_plural, for an integer
conversion (%d, %u, %lld, %zu, %'u …) followed by a word ending in "s"
that is not a verb or a word that only looks plural ("1 is", "2 has",
"status").  Such a message must use ngettext with a whole-sentence msgid.
Exits 1 and prints one line per message found."""

import os
import re
import subprocess
import sys
import tempfile

KEYWORDS = ["_", "N_", "C_:1c,2", "NC_:1c,2", "g_dngettext:2,3", "ngettext:1,2",
            "g_dpgettext2:2c,3"]
INT_CONVERSION = r"%(?:\d+\$)?[-'0 #+]*\d*(?:hh|h|ll|l|z|j|t)?[diu]"
# a count, blanks, then a word that ends in "s"
PATTERN = re.compile(INT_CONVERSION + r"\s+([A-Za-z][A-Za-z-]*s)\b")
# words after a count that end in "s" but are not plural nouns
NOT_PLURAL = {"is", "was", "has", "does", "needs", "exceeds", "announces", "its", "this",
              "as", "plus", "always", "perhaps", "whereas", "yes", "thus"}
# Known and not yet converted (none now).  A message listed here that no
# longer exists is reported too, so the list only shrinks.
PENDING = set()


def messages(pot):
    """(msgid, has_plural, references) of each entry of the .pot file."""
    entry = {"refs": []}
    key = None
    with open(pot, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line:
                if "msgid" in entry:
                    yield entry["msgid"], "msgid_plural" in entry, entry["refs"]
                entry = {"refs": []}
                key = None
            elif line.startswith("#:"):
                entry["refs"].extend(line[2:].split())
            elif line.startswith("#"):
                continue
            else:
                m = re.match(r'(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?) "(.*)"$', line)
                if m:
                    key = m.group(1)
                    entry[key] = m.group(2)
                elif key is not None and line.startswith('"'):
                    entry[key] += line[1:-1]
    if "msgid" in entry:
        yield entry["msgid"], "msgid_plural" in entry, entry["refs"]


def main():
    root, potfiles = sys.argv[1], sys.argv[2]
    with tempfile.TemporaryDirectory() as tmp:
        pot = os.path.join(tmp, "messages.pot")
        cmd = ["xgettext", "--from-code=UTF-8", "-f", potfiles, "-D", root, "-o", pot,
               "--force-po"]
        cmd += ["--keyword=" + k for k in KEYWORDS]
        subprocess.run(cmd, check=True)
        found = 0
        seen = set()
        for msgid, has_plural, refs in messages(pot):
            seen.add(msgid)
            if not msgid or has_plural or msgid in PENDING:
                continue
            for m in PATTERN.finditer(msgid):
                word = m.group(1)
                if word.lower() in NOT_PLURAL or word.endswith(("ss", "us", "is")):
                    continue
                print(f"{refs[0] if refs else '?'}: “{m.group(0)}” in \"{msgid}\": "
                      "use ngettext with a whole sentence for each form")
                found += 1
                break
        for msgid in sorted(PENDING - seen):
            print(f"check-plurals.py: “{msgid}” is gone; remove it from PENDING")
            found += 1
    if found:
        print(f"{found} message(s) put a count before a plural noun without ngettext")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
