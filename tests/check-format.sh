#!/usr/bin/env bash
# check-format.sh SRCDIR: every C file is formatted as clang-format 14 formats
# it with the project's .clang-format.
set -u
cd "$1"
cf=$(command -v clang-format-14 || command -v clang-format) || { echo "1..0 # SKIP no clang-format"; exit 0; }
files=$(git ls-files '*.c' '*.h' 2>/dev/null || find . -name '*.[ch]' -not -path './_build*')
n=0; bad=0; out=""
for f in $files; do
  n=$((n + 1))
  if "$cf" --dry-run --Werror "$f" >/dev/null 2>&1; then
    out+="ok $n - $f"$'\n'
  else
    bad=$((bad + 1))
    out+="not ok $n - $f is not formatted (run: $cf -i $f)"$'\n'
  fi
done
echo "1..$n"
printf '%s' "$out"
