#!/usr/bin/env bash
# check-format.sh SRCDIR: every C file is formatted as clang-format 14 formats
# it with the project's .clang-format. One clang-format run over every file
# (a run per file took over 30 s on a busy machine), each file one TAP line.
set -u
cd "$1"
cf=$(command -v clang-format-14 || command -v clang-format) || { echo "1..0 # SKIP no clang-format"; exit 0; }
mapfile -t files < <(git ls-files '*.c' '*.h' 2>/dev/null || find . -name '*.[ch]' -not -path './_build*')
# "FILE:LINE:COL: error: code should be clang-formatted": the files to fix
report=$("$cf" --dry-run --Werror "${files[@]}" 2>&1 >/dev/null)
status=$?
declare -A bad=()
while IFS= read -r line; do
  case "$line" in
    *": error: code should be clang-formatted"*) bad["${line%%:*}"]=1 ;;
  esac
done <<<"$report"
failed=0
# clang-format failing for another reason (a file it cannot read) fails too
[ "$status" -ne 0 ] && [ "${#bad[@]}" -eq 0 ] && failed=1
echo "1..$((${#files[@]} + failed))"
n=0
for f in "${files[@]}"; do
  n=$((n + 1))
  if [ -n "${bad[$f]:-}" ]; then
    echo "not ok $n - $f is not formatted (run: $cf -i $f)"
  else
    echo "ok $n - $f"
  fi
done
[ "$failed" = 1 ] && echo "not ok $((n + 1)) - clang-format failed: ${report%%$'\n'*}"
exit 0
