#!/usr/bin/env bash
# Indicator benchmark (issue 3): `agp indicators --fresh` against hand-written SQL in DuckDB and the
# sqlite3 shell on the same package. sick_leave_pct, fulltime_share and turnover for a year and its
# twelve months, every unit (a unit's figure covers its subtree). Checks that the three give the same
# rows (compare.py), then prints wall time and peak RSS of each (GNU time -v); writes the summary to
# bench/out/indicators/indicators.md. Exits 1 when a value differs.
#
# Usage: bench/indicators/run.sh [PACKAGE_DIR]
#   PACKAGE_DIR  a package as `agp demo --write-package` writes it; default
#                bench/out/package-$EMPLOYEES-5, written when missing.
# Environment: EMPLOYEES (default 20000, for the default package), YEAR (default 2024), AGP (default
# build/agp), RUNS (default 3; the median is reported), SQLITE_LIMIT (seconds, default 600: past it
# the sqlite3 run is stopped and rerun on a 2 000-employee package, and the table says so).
# bench/indicators/edge is a hand-made package of the cases the demo data lacks (see its README).
set -euo pipefail
cd "$(dirname "$0")/../.."
EMPLOYEES=${EMPLOYEES:-20000}
YEAR=${YEAR:-2024}
AGP=${AGP:-build/agp}
SQLITE_LIMIT=${SQLITE_LIMIT:-600}
RUNS=${RUNS:-3}
out=bench/out/indicators
mkdir -p "$out"
[[ -x "$AGP" ]] || { echo "no $AGP: run make build" >&2; exit 1; }
[[ -d bench/node_modules/@duckdb ]] || (cd bench && npm ci --no-audit --no-fund --loglevel=error)

write_package() { # DIR EMPLOYEES
  if [[ ! -f "$1/positions.csv" ]]; then
    echo "writing a package of $2 employees, 5 years, to $1"
    rm -rf "$1"
    "$AGP" demo --employees "$2" --years 5 --last-year $((YEAR + 1)) --write-package "$1" >/dev/null
  fi
}
pkg=${1:-bench/out/package-$EMPLOYEES-5}
[[ $# -ge 1 ]] || write_package "$pkg" "$EMPLOYEES"
[[ -f "$pkg/positions.csv" ]] || { echo "$pkg: not a package (no positions.csv)" >&2; exit 1; }
pkg=$(cd "$pkg" && pwd)

# wall seconds and peak RSS (KiB) of a command, from GNU time -v; its stdout goes to $log.out.
measure() {
  local log=$1
  shift
  if ! /usr/bin/time -v -o "$log" "$@" >"$log.out" 2>"$log.err"; then
    cat "$log.err" >&2
    return 1
  fi
  local rss wall
  rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$log")
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$log" |
    awk -F: '{ s = 0; for (i = 1; i <= NF; i++) s = s * 60 + $i; print s }')
  echo "$wall $rss"
}

# Runs a command RUNS times; prints the median wall seconds, the largest peak RSS (KiB) and the
# load/query split ("load_seconds query_seconds", from SPLIT_CMD) of the median run.
# Usage: repeat NAME SPLIT_CMD COMMAND...
repeat() {
  local name=$1 split_cmd=$2
  shift 2
  local i results=()
  for ((i = 1; i <= RUNS; i++)); do
    local r
    r=$(measure "$out/$name.time" "$@") || return 1
    results+=("$r $($split_cmd)")
  done
  printf '%s\n' "${results[@]}" | sort -n -k1,1 | awk -v n="$RUNS" '
    { wall[NR] = $1; if ($2 > rss) rss = $2; split_[NR] = $3 " " $4 }
    END { m = int((n + 1) / 2); print wall[m], rss, split_[m] }'
}
no_split() { echo "- -"; }
duck_split() { node -e 'const d = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")); console.log(d.load_seconds, d.query_seconds)' "$out/duckdb.time.out"; }
sqlite_split() {
  local t0 t1 t2
  read -r t0 <"$out/sqlite.csv.t0"
  read -r t1 <"$out/sqlite.csv.t1"
  read -r t2 <"$out/sqlite.csv.t2"
  awk -v a="$t0" -v b="$t1" -v c="$t2" 'BEGIN { printf "%.3f %.3f\n", b - a, c - b }'
}

periods=(--period "$YEAR")
for m in 01 02 03 04 05 06 07 08 09 10 11 12; do periods+=(--period "$YEAR-$m"); done
indicators=(--indicator sick_leave_pct --indicator fulltime_share --indicator turnover)

# agp: import once (timed for reference; bench/import is the import benchmark), then time the fresh
# computation, which reads the imported database.
echo "agp import $pkg"
rm -f "$out"/agp.db*
r=$(measure "$out/agp-import.time" "$AGP" --db "$out/agp.db" import "$pkg")
read -r imp_secs imp_rss <<<"$r"
cat "$pkg"/*.csv >/dev/null
agp_cmd=("$AGP" --db "$out/agp.db" indicators --fresh --min-group 0 --format csv "${periods[@]}" "${indicators[@]}")
echo "${agp_cmd[*]}   (× $RUNS)"
r=$(repeat agp no_split "${agp_cmd[@]}")
read -r agp_secs agp_rss _ _ <<<"$r"
cp "$out/agp.time.out" "$out/agp.csv"

echo "node bench/indicators/duckdb_run.mjs $pkg $YEAR   (× $RUNS)"
r=$(repeat duckdb duck_split node bench/indicators/duckdb_run.mjs "$pkg" "$YEAR" "$out/duckdb.csv")
read -r duck_secs duck_rss duck_load duck_query <<<"$r"

run_sqlite() { # PACKAGE → "seconds rss load query"
  sed -e "s#{{PKG}}#$1#g; s#{{YEAR}}#$YEAR#g; s#{{OUT}}#$out/sqlite.csv#g" bench/indicators/sqlite.sql >"$out/sqlite.run.sql"
  repeat sqlite sqlite_split timeout "$SQLITE_LIMIT" sqlite3 :memory: ".read $out/sqlite.run.sql"
}
echo "sqlite3 :memory: '.read bench/indicators/sqlite.sql' (placeholders filled in)   (× $RUNS)"
sqlite_note=""
sqlite_label="sqlite3 shell (in memory)"
sqlite_pkg=$pkg
if ! sq=$(run_sqlite "$pkg"); then
  grep -q 'Exit status: 124' "$out/sqlite.time" || exit 1 # 124: stopped by timeout
  sqlite_pkg=$(pwd)/bench/out/package-2000-5
  sqlite_note="sqlite3 passed ${SQLITE_LIMIT} s on this package; its row is for the 2 000-employee package $sqlite_pkg"
  sqlite_label="sqlite3 shell (in memory), **2 000 employees**"
  echo "$sqlite_note"
  write_package "$sqlite_pkg" 2000
  sq=$(run_sqlite "$sqlite_pkg")
fi
read -r sq_secs sq_rss sq_load sq_query <<<"$sq"

echo
set +e
if [[ -z "$sqlite_note" ]]; then
  python3 bench/indicators/compare.py "$out/agp.csv" duckdb="$out/duckdb.csv" sqlite="$out/sqlite.csv" >"$out/compare.txt"
  status=$?
else
  python3 bench/indicators/compare.py "$out/agp.csv" duckdb="$out/duckdb.csv" >"$out/compare.txt"
  status=$?
  # The sqlite3 figures are for the small package: check them against agp on that package.
  rm -f "$out"/agp-small.db*
  "$AGP" --db "$out/agp-small.db" import "$sqlite_pkg" >/dev/null
  "$AGP" --db "$out/agp-small.db" indicators --fresh --min-group 0 --format csv "${periods[@]}" "${indicators[@]}" >"$out/agp-small.csv"
  python3 bench/indicators/compare.py "$out/agp-small.csv" sqlite-2000="$out/sqlite.csv" >>"$out/compare.txt"
  ((status |= $?))
fi
set -e

units=$(($(wc -l <"$pkg/units.csv") - 1))
employees=$(($(wc -l <"$pkg/employees.csv") - 1))
prows=$(($(wc -l <"$pkg/positions.csv") - 1))
arows=$(($(wc -l <"$pkg/absence.csv") - 1))
row() { printf '| %s | %.2f | %d | %s |\n' "$1" "$2" "$(($3 / 1024))" "$4"; }
split() { printf 'load %.2f s, queries %.2f s' "$1" "$2"; }
{
  echo "Package: $pkg ($units units, $employees employees, $prows position rows, $arows absences)."
  echo "Year $YEAR and its 12 months; sick_leave_pct, fulltime_share, turnover; every unit's subtree."
  echo
  echo "| engine | seconds | peak MiB | of which |"
  echo "|---|---|---|---|"
  row "agp indicators --fresh" "$agp_secs" "$agp_rss" "queries only: reads the database \`agp import\` wrote"
  row "DuckDB (node-api, in memory)" "$duck_secs" "$duck_rss" "$(split "$duck_load" "$duck_query")"
  row "$sqlite_label" "$sq_secs" "$sq_rss" "$(split "$sq_load" "$sq_query")"
  echo
  printf 'Median of %d runs; peak = largest of them. For reference, agp import of the package (once): %.2f s, peak %d MiB.\n' \
    "$RUNS" "$imp_secs" "$((imp_rss / 1024))"
  [[ -z "$sqlite_note" ]] || { echo; echo "Note: $sqlite_note."; }
  echo
  cat "$out/compare.txt"
} | tee "$out/indicators.md"
exit "$status"
