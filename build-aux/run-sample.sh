#!/usr/bin/env bash
# run-sample.sh: installs what is missing, builds Remora and runs it on the
# bundled sample trace (tests/traces/sched-block-v6.dat).
#
# Copyright 2026 The Remora authors
# SPDX-License-Identifier: GPL-2.0-or-later
set -euo pipefail
cd "$(dirname "$0")/.."
build-aux/setup-debian.sh
[ -f _build/build.ninja ] || meson setup _build
ninja -C _build
exec _build/app/remora stats tests/traces/sched-block-v6.dat
