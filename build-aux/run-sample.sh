#!/usr/bin/env bash
# run-sample.sh: installs what is missing, builds Remora and opens the bundled
# sample trace (tests/traces/sched-block-v6.dat) in its window. Without a
# display it prints the trace's statistics and draws its timeline into
# _build/sample-timeline.png instead.
#
# Copyright 2026 The Remora authors
# SPDX-License-Identifier: GPL-2.0-or-later
set -euo pipefail
cd "$(dirname "$0")/.."
build-aux/setup-debian.sh
# warnings are errors here as in test-all.sh, whoever configured _build first
if [ -f _build/build.ninja ]; then
  meson configure _build -Dwerror=true
else
  meson setup _build --werror
fi
ninja -C _build
if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
  exec _build/app/remora tests/traces/sched-block-v6.dat
fi
echo "run-sample: no display; the trace's figures and timeline instead:"
_build/app/remora stats tests/traces/sched-block-v6.dat
_build/app/remora export tests/traces/sched-block-v6.dat -o _build/sample-timeline.png \
  --width 1600
echo "Timeline of the whole trace: _build/sample-timeline.png"
