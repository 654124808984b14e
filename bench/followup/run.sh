#!/usr/bin/env bash
# Follow-up benchmark (issue 14): the sick-leave duties worklist (DESIGN §10.2) for the whole
# municipality, and what the follow-up cases cost in a full recompute. On a demo municipality of
# EMPLOYEES (default 20 000) and on the national package (NATIONAL, default 460 000 persons) it
# runs `agp followup duties --date D --format csv --stats` RUNS times and reports the median of
# the worklist itself (cases known on D, every duty and status), of building the per-person index,
# and of reading the records from the database, with the peak memory of the whole command
# (/usr/bin/time); then `agp recompute` with this build and, when OLD_AGP names a build from before
# the follow-up cases (e.g. of commit 85a9cf9), with that one on the same data: an older build
# cannot open this build's database (a newer schema), so the demo is written as a package and
# imported with OLD_AGP into a database of its own.
# Writes bench/out/followup/followup.md.
#
# Usage: bench/followup/run.sh
# Environment: EMPLOYEES, NATIONAL (0: skip), DATE (default 2025-06-16), AGP (default build/agp),
# OLD_AGP (optional), RUNS (default 5).
set -euo pipefail
cd "$(dirname "$0")/../.."
EMPLOYEES=${EMPLOYEES:-20000}
NATIONAL=${NATIONAL:-460000}
DATE=${DATE:-2025-06-16}
AGP=${AGP:-build/agp}
OLD_AGP=${OLD_AGP:-}
RUNS=${RUNS:-5}
out=bench/out/followup
mkdir -p "$out"
[[ -x "$AGP" ]] || { echo "no $AGP: run make build" >&2; exit 1; }
[[ -x /usr/bin/time ]] || { echo "/usr/bin/time is missing (apt-get install time)" >&2; exit 1; }
year=${DATE:0:4}

make_db() {  # EMPLOYEES DB
  [[ -f "$2" ]] && return
  echo "making a demo database of $1 employees, 3 years to $year-12-31, in $2"
  "$AGP" --db "$2" demo --employees "$1" --years 3 --last-year "$year" --through none \
    --no-accounts >/dev/null
}

old_db() {  # EMPLOYEES DB: the same data as make_db, imported by OLD_AGP
  [[ -f "$2" ]] && return
  local pkg="$out/package-$1"
  if [[ ! -d "$pkg" ]]; then
    echo "writing the demo of $1 employees as a package in $pkg"
    "$AGP" demo --employees "$1" --years 3 --last-year "$year" --through none \
      --write-package "$pkg" >/dev/null
  fi
  echo "importing it with $OLD_AGP into $2"
  "$OLD_AGP" --db "$2" import "$pkg" >/dev/null
}

# Median of RUNS runs: the three timings of --stats, and the peak RSS in MB.
measure() {  # DB
  local reads=() indexes=() lists=() rss=() line
  for ((i = 0; i < RUNS; i++)); do
    /usr/bin/time -f "rss %M" "$AGP" --db "$1" followup duties --date "$DATE" --format csv --stats \
      >"$out/last.csv" 2>"$out/stats.txt"
    line=$(grep 'agp: read' "$out/stats.txt")
    reads+=("$(sed -n 's/.* in \([0-9.]*\) s, indexed.*/\1/p' <<<"$line")")
    indexes+=("$(sed -n 's/.*indexed in \([0-9.]*\) s.*/\1/p' <<<"$line")")
    lists+=("$(sed -n 's/.*milestones) in \([0-9.]*\) s.*/\1/p' <<<"$line")")
    rss+=("$(sed -n 's/^rss \([0-9]*\)/\1/p' "$out/stats.txt")")
  done
  med() { printf '%s\n' "$@" | sort -n | awk '{a[NR] = $1} END {print a[int((NR + 1) / 2)]}'; }
  echo "$(med "${lists[@]}") $(med "${indexes[@]}") $(med "${reads[@]}") $(( $(med "${rss[@]}") / 1024 )) $(($(wc -l <"$out/last.csv") - 1))"
}

recompute() {  # AGP DB → median seconds of the engine ("beregnet … (X s")
  local times=()
  for ((i = 0; i < RUNS; i++)); do
    times+=("$("$1" --db "$2" recompute 2>&1 | sed -n 's/.*(\([0-9.]*\) s, lagret.*/\1/p')")
  done
  printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR] = $1} END {print a[int((NR + 1) / 2)]}'
}

db="$out/demo-$EMPLOYEES.db"
make_db "$EMPLOYEES" "$db"
read -r list index read rss rows < <(measure "$db")
rows_md="| $EMPLOYEES (demo) | $rows | $list | $index | $read | $rss |"
new=$(recompute "$AGP" "$db")
old=""
if [[ -n $OLD_AGP ]]; then
  old_db "$EMPLOYEES" "$out/old-$EMPLOYEES.db"
  old=$(recompute "$OLD_AGP" "$out/old-$EMPLOYEES.db")
fi
recompute_md="| $EMPLOYEES | $new | $old |"
if [[ $NATIONAL -gt 0 ]]; then
  ndb="$out/national-$NATIONAL.db"
  make_db "$NATIONAL" "$ndb"
  read -r list index read rss rows < <(measure "$ndb")
  rows_md+=$'\n'"| $NATIONAL (national) | $rows | $list | $index | $read | $rss |"
  old=""
  if [[ -n $OLD_AGP ]]; then
    old_db "$NATIONAL" "$out/old-$NATIONAL.db"
    old=$(recompute "$OLD_AGP" "$out/old-$NATIONAL.db")
  fi
  recompute_md+=$'\n'"| $NATIONAL | $(recompute "$AGP" "$ndb") | $old |"
fi

{
  echo "# Follow-up worklist, $DATE ($(date -u +%Y-%m-%d), $AGP, median of $RUNS)"
  echo
  echo "| persons | duties listed | worklist s | index s | read from the database s | peak MB |"
  echo "|---|---|---|---|---|---|"
  echo "$rows_md"
  echo
  echo "| persons | recompute s (this build) | recompute s (OLD_AGP${OLD_AGP:+: $OLD_AGP}) |"
  echo "|---|---|---|"
  echo "$recompute_md"
} | tee "$out/followup.md"
