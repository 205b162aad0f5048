#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Reports mnemonic clashes: two labels of one window or one menu whose
underlined letters are the same, so that Alt+letter reaches only one of them.

    check-mnemonics.py PO_FILE UI_FILE_OR_FOLDER...

Scopes: each <menu> (its sections together; a submenu is its own menu), each
popover and each window inside a .ui file, and the rest of the file (the
template: a page or a dialog).  Pages of one GtkStack/AdwViewStack are never
shown together, so each stack page is a scope of its own as well.  Checked in
English (the msgids) and in the language of PO_FILE (whose translations carry
their own "(_X)" accelerators).  Exits 1 and prints one line per clash."""

import gettext
import os
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

SCOPE_CLASSES = {"GtkPopover", "GtkPopoverMenu", "GtkWindow", "AdwWindow",
                 "GtkDialog", "AdwMessageDialog", "AdwPreferencesWindow"}
STACK_PAGE_CLASSES = {"GtkStackPage", "AdwViewStackPage"}
# properties whose text is shown with an underline when use-underline is set
TEXT_PROPERTIES = ("label", "title")


def read_po(path):
    """The translations of `path`, compiled by msgfmt (fuzzy entries left out)."""
    with tempfile.TemporaryDirectory() as tmp:
        mo = os.path.join(tmp, "messages.mo")
        subprocess.run(["msgfmt", "-o", mo, path], check=True)
        with open(mo, "rb") as f:
            return gettext.GNUTranslations(f)


def translate(po, context, text):
    return po.pgettext(context, text) if context else po.gettext(text)


def mnemonic(text):
    """The underlined character of `text`, lower case, or None."""
    i = 0
    while i < len(text) - 1:
        if text[i] == "_":
            if text[i + 1] == "_":
                i += 2
                continue
            return text[i + 1].lower()
        i += 1
    return None


class Label:
    def __init__(self, text, context, where):
        self.text = text
        self.context = context
        self.where = where


def is_true(value):
    return (value or "").strip().lower() in ("true", "yes", "1")


def object_labels(obj):
    """The mnemonic labels an <object> itself shows."""
    props = {}
    for p in obj.findall("property"):
        props[p.get("name")] = p
    if obj.get("class") == "GtkLabel" and "use-underline" not in props:
        return []
    if not is_true(props["use-underline"].text if "use-underline" in props else None):
        return []
    out = []
    for name in TEXT_PROPERTIES:
        p = props.get(name)
        if p is not None and p.text and p.get("translatable") == "yes":
            out.append(Label(p.text, p.get("context"), obj.get("id") or obj.get("class")))
    return out


def collect(node, scope, scopes):
    """Walks the widget tree, opening a new scope for popovers, windows and
    stack pages."""
    for child in node:
        if child.tag == "menu":
            continue
        if child.tag in ("object", "template"):
            cls = child.get("class") or child.get("parent") or ""
            if cls in SCOPE_CLASSES or cls in STACK_PAGE_CLASSES:
                # a stack page shows together with what is around the stack
                inner = list(scope) if cls in STACK_PAGE_CLASSES else []
                scopes.append((child.get("id") or cls, inner))
                inner.extend(object_labels(child))
                collect(child, inner, scopes)
                continue
            scope.extend(object_labels(child))
        collect(child, scope, scopes)


def menu_scopes(menu, name, scopes):
    labels = []
    scopes.append((name, labels))

    def walk(node):
        for child in node:
            if child.tag == "submenu":
                menu_scopes(child, "%s/%s" % (name, child.get("id") or "submenu"), scopes)
                continue
            if child.tag == "item":
                for a in child.findall("attribute"):
                    if a.get("name") == "label" and a.text:
                        labels.append(Label(a.text, a.get("context"),
                                            "menu %s" % name))
                continue
            walk(child)

    walk(menu)


def scopes_of(path):
    tree = ET.parse(path)
    root = tree.getroot()
    scopes = []
    for menu in root.iter("menu"):
        menu_scopes(menu, "menu " + (menu.get("id") or "?"), scopes)
    main = []
    scopes.append(("the window", main))
    collect(root, main, scopes)
    return scopes



def expand(paths, exts=('.ui',)):
    """Files and the .ui files under folders, sorted."""
    out = []
    for path in paths:
        if os.path.isdir(path):
            for root, _dirs, files in os.walk(path):
                out.extend(os.path.join(root, f) for f in files if f.endswith(exts))
        else:
            out.append(path)
    return sorted(out)

def main(argv):
    po = read_po(argv[1])
    problems = []
    for path in expand(argv[2:]):
        for name, labels in scopes_of(path):
            for lang in ("en", "zh_CN"):
                seen = {}
                for label in labels:
                    text = label.text
                    if lang != "en":
                        text = translate(po, label.context, label.text)
                    key = mnemonic(text)
                    if key is None:
                        continue
                    if key in seen:
                        problems.append("%s: %s (%s): “%s” and “%s” both use Alt+%s"
                                        % (path, name, lang, seen[key], text, key.upper()))
                    else:
                        seen[key] = text
    for p in problems:
        print(p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
