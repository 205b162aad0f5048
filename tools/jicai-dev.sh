#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The two set-up commands of the README:
#   tools/jicai-dev.sh run    install what is missing, build, start on the demo database
#   tools/jicai-dev.sh test   install what is missing, build, run the whole test suite,
#                             then again built with the sanitizers (JICAI_SKIP_SANITIZED=1 skips that),
#                             then compiles everything with clang-14 (JICAI_SKIP_CLANG=1 skips that)
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
build=${JICAI_BUILD_DIR:-$top/_build}

install_deps () {
  local missing=()
  while read -r pkg; do
    case "$pkg" in ''|'#'*) continue;; esac
    if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed'; then
      missing+=("$pkg")
    fi
  done < "$top/tools/debian-packages.txt"
  if [ ${#missing[@]} -eq 0 ]; then
    return
  fi
  echo "jicai: installing ${missing[*]}" >&2
  local sudo=()
  [ "$(id -u)" -eq 0 ] || sudo=(sudo)
  case " ${missing[*]} " in *" postgresql "*) pg_no_main_cluster ;; esac
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive UCF_FORCE_CONFFOLD=1 \
    apt-get install -y -q --no-install-recommends "${missing[@]}"
}

# ---- PostgreSQL for the tests (issue 14) -------------------------------
# The suites of the office database run against a throw-away cluster on
# loopback that Debian's pg_virtualenv makes, starts and drops (as root
# too); Debian's postgresql package must not make and start a cluster of
# its own ("main") when installed.

# Before postgresql is installed: tell postgresql-common (even before it
# is installed itself) to make no main cluster.  UCF_FORCE_CONFFOLD keeps
# this file when the package installs its own.
pg_no_main_cluster () {
  local conf=/etc/postgresql-common/createcluster.conf
  local sudo=()
  [ "$(id -u)" -eq 0 ] || sudo=(sudo)
  if grep -qsE '^[[:space:]]*create_main_cluster[[:space:]]*=[[:space:]]*(false|off)' "$conf"; then
    return
  fi
  "${sudo[@]}" mkdir -p "$(dirname "$conf")"
  echo 'create_main_cluster = false' | "${sudo[@]}" tee -a "$conf" >/dev/null
}

# Runs "$@" with $JICAI_TEST_PG naming a database of a throw-away cluster
# (pg_virtualenv sets PGHOST/PGPORT/PGUSER/PGPASSWORD).  Without
# pg_virtualenv the command runs alone and the PostgreSQL suites say
# SKIPPED — or fail, when $JICAI_REQUIRE_PG is 1 (.ci/run sets it).
# jicai_test is made as an office database must be (UTF-8, collation C:
# docs/DEPLOYMENT.md), or jicai's checks refuse it.
with_postgresql () {
  if [ -n "${JICAI_TEST_PG:-}" ]; then
    "$@"   # a server of the developer's own
    return
  fi
  if ! command -v pg_virtualenv >/dev/null; then
    echo "jicai: SKIPPED: PostgreSQL: pg_virtualenv not found (apt-get install postgresql);" \
         "the office database suites will not run" >&2
    "$@"
    return
  fi
  pg_virtualenv -t -o 'fsync=off' -o 'synchronous_commit=off' -o 'full_page_writes=off' \
    sh -c 'createdb --template template0 --encoding UTF8 --lc-collate C --lc-ctype C.UTF-8 jicai_test && export JICAI_TEST_PG=postgresql:///jicai_test && exec "$@"' jicai-pg "$@"
}

build () {
  if [ ! -f "$build/build.ninja" ]; then
    meson setup "$build" "$top"
  fi
  ninja -C "$build"
}

run_app () {
  local db=${JICAI_DB:-${XDG_DATA_HOME:-$HOME/.local/share}/jicai/demo.db}
  if [ ! -f "$db" ]; then
    "$build/app/jicai-cli" --db "$db" init --demo
  fi
  export GSETTINGS_SCHEMA_DIR="$build/resources"
  export JICAI_LOCALEDIR="$build/po"
  exec "$build/app/jicai" --db "$db" "$@"
}

# One closing line any CI reads: "LABEL: N passed, N failed", from meson's
# JSON test log LOG.
print_counts () {
  python3 - "$1" "$2" <<'PY' || true
import json, re, sys
# Count cmocka's test cases where a suite printed them, else the suite.
passed = failed = skipped = 0
for line in open(sys.argv[1], encoding="utf-8"):
    t = json.loads(line)
    out = (t.get("stdout") or "") + (t.get("stderr") or "")
    ok = re.findall(r"\[  PASSED  \] (\d+) test", out)
    bad = re.findall(r"\[  FAILED  \] (\d+) test", out)
    if t["result"] == "SKIP":
        skipped += 1
    elif ok or bad:
        passed += sum(map(int, ok))
        failed += sum(map(int, bad))
        if t["result"] not in ("OK", "EXPECTEDFAIL") and not bad:
            failed += 1
    elif t["result"] in ("OK", "EXPECTEDFAIL"):
        passed += 1
    else:
        failed += 1
print(f"{sys.argv[2]}: {passed} passed, {failed} failed" + (f", {skipped} skipped" if skipped else ""))
PY
}

# ---- the store suites on both engines (issue 14 item 2) ---------------------
# Says once which store suites ran on SQLite only: tests/meson.build writes
# the lists (pg_ready_suites is the switch that gives a suite its second run
# on PostgreSQL, NAME-pg).
print_store_engines () {
  if [ -f "$build/tests/store-engines.txt" ]; then
    cat "$build/tests/store-engines.txt" >&2
  fi
}
# ---- end of the store suites on both engines ---------------------------------

run_tests () {
  local rc=0
  with_postgresql xvfb-run -a -s "-screen 0 1600x1000x24" \
    meson test -C "$build" --print-errorlogs --num-processes 2 "$@" || rc=$?
  print_store_engines
  print_counts "$build/meson-logs/testlog.json" tests
  return $rc
}

# ---- the sanitized run (issue 13 item 2; docs/RELIABILITY.md, Sanitizers) ---
# The whole suite again, built with ASan + UBSan in a second build folder
# (JICAI_ASAN_BUILD_DIR, else the build folder's name + "-asan") and run with
# the test setup "sanitized" of tests/meson.build: LeakSanitizer on, with the
# libraries' own leaks suppressed by tools/lsan.supp, UBSan halting, timeouts
# tripled.  -O1 keeps the stacks readable and builds faster than -O2.
# JICAI_SKIP_SANITIZED=1 skips it for a quick local run; CI never sets it.
asan_build=${JICAI_ASAN_BUILD_DIR:-$build-asan}

build_sanitized () {
  if [ ! -f "$asan_build/build.ninja" ]; then
    meson setup "$asan_build" "$top" -Db_sanitize=address,undefined -Db_lundef=false \
      -Doptimization=1 -Dfuzz=false -Dc_args=-fno-sanitize-recover=undefined
  fi
  ninja -C "$asan_build"
}

# The ui suites that run sanitized (docs/RELIABILITY.md, Sanitizers): those
# that never open GTK's file chooser.  GTK 4.8's file chooser leaks its
# cancelled folder loading (GFileInfos of GIO's enumerator thread, the
# cancelled tasks' GErrors, the folder's GFile) through frames that Debian's
# stripped GTK and GIO leave unnamed, so no entry of tools/lsan.supp could
# name the leaking function; and the whole ui suite does not fit the time.
sanitized_ui_tests=(deliveries-page dashboard-page)

run_sanitized_tests () {
  if [ -n "${JICAI_SKIP_SANITIZED:-}" ]; then
    echo "jicai: ******** JICAI_SKIP_SANITIZED is set: the sanitized run (ASan + UBSan +" >&2
    echo "jicai: ******** LeakSanitizer) was SKIPPED; CI runs it, and so should you before pushing" >&2
    echo "sanitized: SKIPPED"
    return 0
  fi
  local rc=0
  local suites=("$@")
  local ui_tests=()
  if [ ${#suites[@]} -eq 0 ]; then
    # the store suites' second run on PostgreSQL (suite store-pg) is left
    # out: the same C code as their SQLite run, and the 30-minute budget
    suites=(--suite core --suite integration --suite cli --suite crash --suite data
            --no-suite store-pg)
    ui_tests=("${sanitized_ui_tests[@]}")
    echo "jicai: ******** the sanitized run leaves out the store suites' second run on PostgreSQL" \
         "(store-pg: the same code as their SQLite run; the driver, schema and roles suites run)" >&2
    echo "jicai: ******** of the ui suite the sanitized run covers only ${ui_tests[*]}" \
         "(the others open GTK's file chooser or take too long; docs/RELIABILITY.md, Sanitizers)" >&2
  fi
  build_sanitized
  with_postgresql xvfb-run -a -s "-screen 0 1600x1000x24" \
    meson test -C "$asan_build" --setup sanitized --print-errorlogs --num-processes 2 \
    "${suites[@]}" || rc=$?
  # a test setup names the log after itself
  local logs=("$asan_build/meson-logs/testlog-sanitized.json")
  if [ ${#ui_tests[@]} -gt 0 ]; then
    # by name, in a run of their own (meson intersects names with --suite),
    # logged as testlog-ui-sanitized.json
    xvfb-run -a -s "-screen 0 1600x1000x24" \
      meson test -C "$asan_build" --setup sanitized --logbase testlog-ui \
      --print-errorlogs "${ui_tests[@]}" || rc=$?
    logs+=("$asan_build/meson-logs/testlog-ui-sanitized.json")
  fi
  cat "${logs[@]}" > "$asan_build/meson-logs/testlog-sanitized-all.json"
  print_counts "$asan_build/meson-logs/testlog-sanitized-all.json" sanitized
  return $rc
}
# ---- end of the sanitized run ----------------------------------------------

# ---- the clang build (issue 13 item 1; docs/RELIABILITY.md, Building with clang)
# CI proves that everything (app, CLI, tests, benchmarks) still compiles
# with clang-14 under the same -Werror flags: a compile-only build in a third
# folder (JICAI_CLANG_BUILD_DIR, else the build folder's name + "-clang"),
# no tests run (the gcc builds run them).  Only for the whole suite (no
# SUITE given); JICAI_SKIP_CLANG=1 skips it.
clang_build=${JICAI_CLANG_BUILD_DIR:-$build-clang}

build_clang () {
  if [ -n "${JICAI_SKIP_CLANG:-}" ]; then
    echo "jicai: ******** JICAI_SKIP_CLANG is set: the clang-14 build was SKIPPED" >&2
    echo "clang: SKIPPED"
    return 0
  fi
  if [ ! -f "$clang_build/build.ninja" ]; then
    CC=clang-14 meson setup "$clang_build" "$top" -Dfuzz=false || { echo "clang: FAILED"; return 1; }
  fi
  if ninja -C "$clang_build"; then
    echo "clang: built"
  else
    echo "clang: FAILED"
    return 1
  fi
}
# ---- end of the clang build --------------------------------------------------

cmd=${1:-}
shift || true
case "$cmd" in
  run)  install_deps; build; run_app "$@" ;;
  test) install_deps; build
        rc=0
        run_tests "$@" || rc=$?
        run_sanitized_tests "$@" || rc=$?
        if [ $# -eq 0 ]; then   # the whole suite, as CI runs it
          build_clang || rc=$?
        fi
        exit $rc ;;
  *)    echo "usage: $0 run|test" >&2; exit 2 ;;
esac
