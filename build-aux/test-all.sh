#!/usr/bin/env bash
# test-all.sh: installs what is missing, builds Remora with warnings as errors,
# runs every test suite (GUI tests under Xvfb), then the whole suite again
# under AddressSanitizer and UndefinedBehaviorSanitizer. Ends with one line,
# "tests: N passed, N failed", counted from meson's test logs (the skipped
# ones on the line before).
#
# Copyright 2026 The Remora authors
# SPDX-License-Identifier: GPL-2.0-or-later
set -uo pipefail
cd "$(dirname "$0")/.."

if ! build-aux/setup-debian.sh; then
  [ -n "${REMORA_NO_SUMMARY:-}" ] || echo "tests: 0 passed, 1 failed"
  exit 1
fi

jobs=$(nproc)
status=0
rm -f _build/meson-logs/testlog*.json _build-asan/meson-logs/testlog*.json

build() { # dir, extra meson options...
  local dir=$1
  shift
  local log
  log=$(mktemp)
  # the same options whoever configured the folder first (run-sample.sh too)
  if [ -f "$dir/build.ninja" ]; then
    meson configure "$dir" -Dwerror=true "$@" >"$log" 2>&1 || { cat "$log"; rm -f "$log"; return 1; }
  else
    meson setup "$dir" --werror "$@" >"$log" 2>&1 || { cat "$log"; rm -f "$log"; return 1; }
  fi
  rm -f "$log"
  ninja -C "$dir" -j "$jobs" || return 1
}

run_suites() { # dir, meson test options...
  local dir=$1
  shift
  if command -v xvfb-run >/dev/null; then
    # a display for the window's tests, and a session bus of their own
    xvfb-run -a -s "-screen 0 1280x800x24 -noreset" dbus-run-session -- \
      meson test -C "$dir" --print-errorlogs "$@"
  else
    meson test -C "$dir" --print-errorlogs "$@"
  fi
}

if build _build; then
  run_suites _build || status=1
else
  status=1
  echo "test-all: the build failed" >&2
fi

if build _build-asan -Db_sanitize=address,undefined -Dbuildtype=debug; then
  run_suites _build-asan --setup asan || status=1
  # GUI tests run under ASan without leak checks (GTK's own CI does the same)
  # (the list is read whole: grep -q ending the pipe early would fail it)
  if [ -n "$(meson test -C _build-asan --list --suite gui 2>/dev/null)" ]; then
    run_suites _build-asan --setup asangui --suite gui --no-rebuild || status=1
  fi
else
  status=1
  echo "test-all: the sanitizer build failed" >&2
fi

[ -n "${REMORA_NO_SUMMARY:-}" ] && exit "$status" # .ci/run prints it
read -r passed failed skipped < <(build-aux/test-summary.py "$status")
echo "($skipped skipped)"
echo "tests: $passed passed, $failed failed"
[ "$failed" = 0 ]
