#!/usr/bin/env bash
# Rota engine benchmark (issue 16): agp roster solve on the Curtois & Qu instances in
# ../shared/roster/, every roster checked by agp roster check; objective, gap to the best-known
# value (from ../shared/roster/README.md), time to the first feasible and to the final roster.
# With --peer, CBC on the benchmark's compact integer model (agp roster solve --method mip, one
# thread) at the same time limit. Writes a Markdown table to stdout and bench/out/roster-S.md.
# Usage: bench/roster/run.sh [--peer] SECONDS [INSTANCE_NUMBERS...]   (default: 1 … 24)
# Run it with nothing else on the machine: both cores are used.
set -euo pipefail
cd "$(dirname "$0")/../.."
AGP=${AGP:-build/agp}
SHARED=${SHARED:-../shared/roster}
peer=0
if [[ "${1:-}" == "--peer" ]]; then peer=1; shift; fi
secs=${1:?usage: bench/roster/run.sh [--peer] SECONDS [INSTANCES...]}
shift
instances=("$@")
((${#instances[@]})) || instances=($(seq 1 24))
out=bench/out
mkdir -p "$out/rosters"
table="$out/roster-$secs.md"

best_known() { awk -F'|' -v n="Instance$1" '$2 ~ " "n" " {gsub(/ /, "", $6); print $6}' "$SHARED/README.md"; }

{
  echo "| instance | best known | agp | gap | first feasible (s) | final (s) |$( ((peer)) && echo " CBC | CBC gap |")"
  echo "|---|---|---|---|---|---|$( ((peer)) && echo "---|---|")"
} | tee "$table"
for i in "${instances[@]}"; do
  inst="$SHARED/Instance$i.txt"
  bk=$(best_known "$i")
  ros="$out/rosters/Instance$i-$secs.txt"
  log=$("$AGP" roster solve "$inst" --time-limit "$secs" --out "$ros" 2>/dev/null) || log=""
  obj=$(sed -n 's/^objective //p' <<<"$log")
  first=$(sed -n 's/^first feasible \([0-9.]*\) s, final \([0-9.]*\) s.*/\1/p' <<<"$log")
  final=$(sed -n 's/^first feasible \([0-9.]*\) s, final \([0-9.]*\) s.*/\2/p' <<<"$log")
  if [[ -n "$obj" ]]; then
    # The roster file is checked independently of what the solver printed.
    checked=$("$AGP" roster check "$inst" "$ros" | sed -n 's/^objective //p')
    [[ "$checked" == "$obj" ]] || { echo "Instance$i: the checker says $checked, the solver $obj" >&2; exit 1; }
    gap=$(echo "scale=2; 100 * ($obj - $bk) / $bk" | bc)
    row="| $i | $bk | $obj | ${gap} % | $first | $final |"
  else
    row="| $i | $bk | none | – | – | – |"
  fi
  if ((peer)); then
    pros="$out/rosters/Instance$i-$secs-cbc.txt"
    plog=$("$AGP" roster solve "$inst" --method mip --time-limit "$secs" --out "$pros" 2>/dev/null) || plog=""
    pobj=$(sed -n 's/^objective //p' <<<"$plog")
    if [[ -n "$pobj" ]]; then
      row="$row $pobj | $(echo "scale=2; 100 * ($pobj - $bk) / $bk" | bc) % |"
    else
      row="$row none | – |"
    fi
  fi
  echo "$row" | tee -a "$table"
done
