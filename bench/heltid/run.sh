#!/usr/bin/env bash
# Heltid rota benchmark (issue 17): a 6-week rota for a nursing-home unit of 30 staff
# (bench/heltid/plan-sykehjem-30.csv: day, evening and night shifts, 12.5 h long shifts on
# weekends) at weekend frequency F = 2, 3 and 4, the staff being the calculator's (as many
# full-time positions as its arithmetic allows). Each rota is judged by `agp heltid check`, the
# independent check of DESIGN §12's rules (not the engine's own bookkeeping). Reports full-time
# positions against the calculator's upper bound, broken rules, uncovered shifts and time.
# Writes a Markdown table to stdout and bench/out/heltid-S.md.
# Usage: bench/heltid/run.sh [SECONDS] [PLAN]   (default: 60 and the 30-staff plan)
# Run it with nothing else on the machine: both cores are used.
set -euo pipefail
cd "$(dirname "$0")/../.."
AGP=${AGP:-build/agp}
secs=${1:-60}
plan=${2:-bench/heltid/plan-sykehjem-30.csv}
out=bench/out
mkdir -p "$out/heltid"
table="$out/heltid-$secs.md"
# Shifts the plan asks for in six weeks (the weekday columns, Monday to Sunday).
demand=$(awk -F, 'NR > 1 { for (i = 5; i <= 11; i++) s += $i } END { print 6 * s }' "$plan")
{
  echo "| F | persons | full-time positions (calculator's upper bound) | full time in the rota | rules broken | uncovered of $demand | seconds |"
  echo "|---|---|---|---|---|---|---|"
} | tee "$table"
for f in 2 3 4; do
  bound=$("$AGP" heltid calc "$plan" --weekend-frequency "$f" --format csv |
    awk -F, '$1 == "plan" { print $5 }')
  rota="$out/heltid/rota-F$f-$secs.csv"
  start=$(date +%s.%N)
  "$AGP" heltid rota "$plan" --weeks 6 --weekend-frequency "$f" --time-limit "$secs" \
    --out "$rota" >/dev/null 2>&1 || true
  end=$(date +%s.%N)
  [[ -s "$rota" ]] || { echo "| $f | – | $bound | no rota | – | – | – |" | tee -a "$table"; continue; }
  # The rota file judged again by the independent check.
  check=$("$AGP" heltid check "$plan" "$rota" --weekend-frequency "$f" 2>&1 || true)
  persons=$(sed -n 's/^\([0-9]*\) personer, \([0-9]*\) i heltid$/\1/p' <<<"$check")
  fulltime=$(sed -n 's/^\([0-9]*\) personer, \([0-9]*\) i heltid$/\2/p' <<<"$check")
  broken=$(grep -c '^brudd: ' <<<"$check" || true)
  uncovered=$(grep -c '^udekket: ' <<<"$check" || true)
  seconds=$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.1f", b - a }')
  echo "| $f | $persons | $bound | $fulltime | $broken | $uncovered | $seconds |" | tee -a "$table"
done
