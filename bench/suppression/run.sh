#!/usr/bin/env bash
# Suppression benchmark (issue 13): what small-number suppression costs and withholds. On a demo
# municipality it times `agp indicators --period P --format csv` (every indicator and unit) for the
# year and for its March — once as every viewer of aggregates gets it (minimum group 5: suppressed;
# sick leave and follow-up compliance decided over the whole year) and once with `--min-group 0`
# (nothing withheld) — and counts, per indicator, the yearly figures about someone that are
# withheld. Writes bench/out/suppression/suppression.md.
#
# Usage: bench/suppression/run.sh
# Environment: EMPLOYEES (default 20000), YEAR (default 2025), AGP (default build/agp), RUNS
# (default 5; the median is reported).
set -euo pipefail
cd "$(dirname "$0")/../.."
EMPLOYEES=${EMPLOYEES:-20000}
YEAR=${YEAR:-2025}
AGP=${AGP:-build/agp}
RUNS=${RUNS:-5}
out=bench/out/suppression
mkdir -p "$out"
[[ -x "$AGP" ]] || { echo "no $AGP: run make build" >&2; exit 1; }

db="$out/demo-$EMPLOYEES.db"
if [[ ! -f "$db" ]]; then
  echo "making a demo database of $EMPLOYEES employees, 3 years, in $db"
  "$AGP" --db "$db" demo --employees "$EMPLOYEES" --years 3 --last-year "$YEAR" --no-accounts \
    >/dev/null
fi

# The median wall seconds of RUNS runs of a command (its output to $out/last.csv).
median() {
  local times=()
  for ((i = 0; i < RUNS; i++)); do
    local start end
    start=$(date +%s.%N)
    "$@" >"$out/last.csv"
    end=$(date +%s.%N)
    times+=("$(echo "$end - $start" | bc)")
  done
  printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR] = $1} END {printf "%.3f\n", a[int((NR + 1) / 2)]}'
}

month_suppressed=$(median "$AGP" --db "$db" indicators --period "$YEAR-03" --format csv)
month_open=$(median "$AGP" --db "$db" indicators --period "$YEAR-03" --format csv --min-group 0)
suppressed=$(median "$AGP" --db "$db" indicators --period "$YEAR" --format csv)
cp "$out/last.csv" "$out/suppressed.csv"
open=$(median "$AGP" --db "$db" indicators --period "$YEAR" --format csv --min-group 0)

# Per indicator: figures about someone (population > 0 in the open run) and how many are withheld.
table=$(awk -F, '
  FNR == 1 { next }
  FILENAME == ARGV[1] { key = $1 "," $2 "," $3; if ($7 > 0) about[key] = 1; next }
  { key = $1 "," $2 "," $3; if (!(key in about)) next
    ind = $1; sub(/:.*/, "", ind); all[ind]++; if ($8 == 1) held[ind]++ }
  END { for (i in all) printf "| `%s` | %d | %d | %.1f %% |\n", i, all[i], held[i], 100 * held[i] / all[i] }
' "$out/last.csv" "$out/suppressed.csv" | sort)

{
  echo "# Suppression, $EMPLOYEES employees, $YEAR ($(date -u +%Y-%m-%d), $AGP)"
  echo
  echo "| run | median seconds ($RUNS runs) |"
  echo "|---|---|"
  echo "| \`agp indicators --period $YEAR --format csv\` (suppressed) | $suppressed |"
  echo "| the same with \`--min-group 0\` (nothing withheld) | $open |"
  echo "| \`agp indicators --period $YEAR-03 --format csv\` (suppressed) | $month_suppressed |"
  echo "| the same with \`--min-group 0\` | $month_open |"
  echo
  echo "| indicator | figures about someone | withheld | share |"
  echo "|---|---|---|---|"
  echo "$table"
} | tee "$out/suppression.md"
