#!/usr/bin/env bash
# Import benchmark (issue 2): agp import with full validation against DuckDB's read_csv and the
# sqlite3 shell's .import, on the same national-scale package. Writes a Markdown table to stdout and
# bench/out/import.md. Usage: bench/import/run.sh [EMPLOYEES] [YEARS]
set -euo pipefail
cd "$(dirname "$0")/../.."
EMPLOYEES=${1:-460000}
YEARS=${2:-5}
AGP=${AGP:-build/agp}
out=bench/out
mkdir -p "$out"
pkg="$out/package-$EMPLOYEES-$YEARS"
[[ -d bench/node_modules/@duckdb ]] || (cd bench && npm ci --no-audit --no-fund --loglevel=error)

# peak RSS (KiB) and wall seconds of a command, from GNU time.
measure() {
  local log=$1
  shift
  /usr/bin/time -f '%M %e' -o "$log" "$@" >"$log.out" 2>&1 || { cat "$log.out"; exit 1; }
  read -r rss secs <"$log"
  echo "$rss $secs"
}

if [[ ! -f "$pkg/absence.csv" ]]; then
  echo "writing the package ($EMPLOYEES employees, $YEARS years) to $pkg"
  rm -rf "$pkg"
  read -r gen_rss gen_secs < <(measure "$out/gen.time" "$AGP" demo --employees "$EMPLOYEES" --years "$YEARS" --last-year 2025 --write-package "$pkg")
  echo "generated in ${gen_secs}s, peak $((gen_rss / 1024)) MiB"
fi
bytes=$(cat "$pkg"/*.csv | wc -c)
mb=$(echo "$bytes / 1000000" | bc -l)
rows=$(cat "$pkg"/*.csv | wc -l)
sync

# Each tool loads into a fresh database file; the page cache holds the CSV files for all three.
cat "$pkg"/*.csv >/dev/null
rm -f "$out"/agp.db*
read -r agp_rss agp_secs < <(measure "$out/agp.time" "$AGP" --db "$out/agp.db" import "$pkg")
rm -f "$out"/duck.db*
read -r duck_rss duck_secs < <(measure "$out/duck.time" node bench/import/duckdb_load.mjs "$out/duck.db" "$pkg")
rm -f "$out"/sqlite.db*
imports=()
for f in "$pkg"/*.csv; do imports+=(-cmd ".import --csv $f $(basename "$f" .csv)"); done
read -r sq_rss sq_secs < <(measure "$out/sqlite.time" sqlite3 "${imports[@]}" "$out/sqlite.db" "SELECT 1")

row() { printf '| %s | %.1f | %.0f | %d |\n' "$1" "$2" "$(echo "$mb / $2" | bc -l)" "$(($3 / 1024))"; }
{
  echo "Package: $EMPLOYEES employees, $YEARS years, $(printf '%.0f' "$mb") MB of CSV in $rows lines ($pkg)."
  echo
  echo "| loader | seconds | MB/s | peak MiB |"
  echo "|---|---|---|---|"
  row "agp import (full validation)" "$agp_secs" "$agp_rss"
  row "DuckDB read_csv (node-api)" "$duck_secs" "$duck_rss"
  row "sqlite3 .import" "$sq_secs" "$sq_rss"
  echo
  printf 'agp / DuckDB = %.2f (target ≤ 2); agp / sqlite3 = %.2f (target < 1); agp peak %d MiB (target < 2048)\n' \
    "$(echo "$agp_secs / $duck_secs" | bc -l)" "$(echo "$agp_secs / $sq_secs" | bc -l)" "$((agp_rss / 1024))"
} | tee "$out/import.md"
