#!/usr/bin/env bash
# The annual report's cost (issue 6): time and peak memory of `agp report` as HTML, XLSX and PDF
# for every policy template, on a demo municipality of EMPLOYEES staff over YEARS years.
# Usage: make build && bench/report/run.sh   (AGP=path/to/agp EMPLOYEES=5000 YEARS=9 RUNS=3)
set -euo pipefail
cd "$(dirname "$0")/../.."
AGP=${AGP:-build/agp}
EMPLOYEES=${EMPLOYEES:-5000}
YEARS=${YEARS:-9}
RUNS=${RUNS:-3}
OUT=bench/out/report
mkdir -p "$OUT"
db="$OUT/demo-$EMPLOYEES.db"
if [[ ! -f $db ]]; then
  "$AGP" --db "$db" demo --employees "$EMPLOYEES" --years "$YEARS" --no-accounts >/dev/null
fi
# The demo's last full year.
period=${PERIOD:-$(($(date +%Y) - 1))}

table="$OUT/report.md"
{
  echo "| policy | format | pages | bytes | median s | peak RSS MiB |"
  echo "|---|---|---|---|---|---|"
} >"$table"
for policy in $("$AGP" --db "$db" policy show | awk '{print $1}'); do
  for ext in html xlsx pdf; do
    file="$OUT/$policy.$ext"
    times=()
    rss=0
    for ((i = 0; i < RUNS; i++)); do
      /usr/bin/time -f '%e %M' -o "$OUT/time.txt" \
        "$AGP" --db "$db" report --period "$period" --policy "$policy" --out "$file" >/dev/null
      read -r secs kib <"$OUT/time.txt"
      times+=("$secs")
      ((kib > rss)) && rss=$kib
    done
    median=$(printf '%s\n' "${times[@]}" | sort -n | sed -n "$(((RUNS + 1) / 2))p")
    pages=-
    [[ $ext == pdf ]] && pages=$(pdfinfo "$file" | awk '/^Pages:/ {print $2}')
    printf '| %s | %s | %s | %s | %s | %d |\n' "$policy" "$ext" "$pages" \
      "$(stat -c %s "$file")" "$median" $((rss / 1024)) >>"$table"
  done
done
echo "period $period, $EMPLOYEES employees, $YEARS years, median of $RUNS runs"
cat "$table"
