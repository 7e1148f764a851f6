#!/usr/bin/env bash
# check-layering.sh SRCDIR: dependencies flow app -> render -> model -> data.
# No GTK or GDK header below app/, nothing of a higher layer in a lower one,
# no -private.h header outside its own folder (tests excepted), SQL only in
# data/ (no sqlite3 identifier in model/ render/ app/, and no public data
# header that includes sqlite3.h), and render's public API takes no store.
set -u
cd "$1"
counter=$(mktemp)
echo 0 > "$counter"
trap 'rm -f "$counter"' EXIT
t() { n=$(($(cat "$counter") + 1)); echo $n > "$counter"; if [ -z "$2" ]; then echo "ok $n - $1"; else echo "not ok $n - $1"; echo "$2" | sed 's/^/#   /'; fi; }
out=$( {
  t "no GTK or GDK header in data/ model/ render/" "$(grep -rnE '#include <(gtk|gdk)/' data model render 2>/dev/null)"
  t "data/ includes nothing from model/ render/ app/" "$(grep -rnE '#include \"remora-(model|render|window|cli|timeline-view|app)' data 2>/dev/null)"
  t "model/ includes nothing from render/ app/" "$(grep -rnE '#include \"remora-(render|window|cli|timeline-view|app)' model 2>/dev/null)"
  t "private headers stay in their folder" "$(for d in data model render app; do grep -rn -- '-private.h"' --include='*.[ch]' ./app ./data ./model ./render ./tests 2>/dev/null | grep -v "^./$d/" | grep -v '^./tests/' | while IFS=: read -r file line text; do h=$(echo "$text" | sed -E 's/.*"(.*-private.h)".*/\1/'); [ -f "$d/$h" ] && echo "$file:$line: $h"; done; done | sort -u)"
  t "no sqlite3 identifier outside data/" "$(grep -rniE 'sqlite3?_|<sqlite3\.h>|SQLITE_' model render app --include='*.[ch]' 2>/dev/null)"
  t "no public data header includes sqlite3.h" "$(grep -lE '#include <sqlite3\.h>' data/*.h 2>/dev/null | grep -v -- '-private\.h$')"
  t "render's public headers take no store" "$(grep -nE 'RemoraStore|RemoraSession' $(ls render/*.h | grep -v -- '-private\.h$') 2>/dev/null)"
} )
echo "1..$(echo "$out" | grep -cE '^(not )?ok ')"
echo "$out"
