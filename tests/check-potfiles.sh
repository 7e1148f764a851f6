#!/usr/bin/env bash
# check-potfiles.sh SRCDIR: every source file with translatable strings is in
# po/POTFILES.in, and every file listed there exists; the list is sorted.
set -u
cd "$1"
counter=$(mktemp)
echo 0 > "$counter"
trap 'rm -f "$counter"' EXIT
t() { n=$(($(cat "$counter") + 1)); echo $n > "$counter"; if [ -z "$2" ]; then echo "ok $n - $1"; else echo "not ok $n - $1"; echo "$2" | sed 's/^/#   /'; fi; }
listed=$(grep -v '^#' po/POTFILES.in | sed '/^$/d')
using=$(grep -rlE '(^|[^A-Za-z0-9_])N?_ ?\(|ngettext ?\(|translatable="yes"' app data model render --include='*.c' --include='*.ui' --include='*.in' 2>/dev/null | sort)
out=$( {
  t "files with translatable strings are listed" "$(comm -23 <(echo "$using") <(echo "$listed" | sort))"
  t "listed files exist" "$(for f in $listed; do [ -f "$f" ] || echo "$f"; done)"
  t "POTFILES.in is sorted" "$(diff <(echo "$listed") <(echo "$listed" | LC_ALL=C sort))"
} )
echo "1..$(echo "$out" | grep -cE '^(not )?ok ')"
echo "$out"
