#!/usr/bin/env bash
# run-sample.sh: installs what is missing, builds Remora and runs it on the
# bundled sample trace (tests/traces/sched-block-v6.dat): its statistics,
# and its timeline drawn into _build/sample-timeline.png.
#
# Copyright 2026 The Remora authors
# SPDX-License-Identifier: GPL-2.0-or-later
set -euo pipefail
cd "$(dirname "$0")/.."
build-aux/setup-debian.sh
[ -f _build/build.ninja ] || meson setup _build
ninja -C _build
_build/app/remora stats tests/traces/sched-block-v6.dat
# the timeline the window will show, drawn without a display
_build/app/remora export tests/traces/sched-block-v6.dat -o _build/sample-timeline.png \
  --width 1600
echo "Timeline of the whole trace: _build/sample-timeline.png"
