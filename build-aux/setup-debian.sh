#!/usr/bin/env bash
# setup-debian.sh: installs what building, running and testing Remora needs on
# Debian 12, when it is missing. Run as root (or with sudo).
#
# Copyright 2026 The Remora authors
# SPDX-License-Identifier: GPL-2.0-or-later
set -euo pipefail

packages=(
  # build
  build-essential meson ninja-build pkg-config gettext
  # libraries
  libglib2.0-dev libgtk-4-dev libadwaita-1-dev libcairo2-dev libpango1.0-dev
  libtracecmd-dev libtraceevent-dev libtracefs-dev libsqlite3-dev libzstd-dev
  libjson-glib-dev
  # the GUI tests' pointer and keys (XTEST)
  libxtst-dev
  # tests: the reference reader, a display for GUI tests, fonts for images,
  # the formatter CI checks against, validators and tools the tests call
  trace-cmd xvfb xauth xdotool dbus-daemon fonts-dejavu-core clang-format-14 clang-format
  desktop-file-utils appstream python3 sqlite3 util-linux groff-base
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if [ ${#missing[@]} -gt 0 ]; then
  echo "setup-debian: installing ${missing[*]}"
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
