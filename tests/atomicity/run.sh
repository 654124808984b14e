#!/usr/bin/env bash
# Atomicity of `agp import` (DESIGN §3): killed with SIGKILL in the middle of a large import, the
# database is exactly as before; a reader during an import sees the old data or the new, never a
# mix. Usage: tests/atomicity/run.sh path/to/agp [employees]
set -uo pipefail
AGP=$(realpath "$1")
EMPLOYEES=${2:-25000}
work=$(mktemp -d)
trap 'kill -9 $(jobs -p) 2>/dev/null; rm -rf "$work"' EXIT
cd "$work"
passed=0 failed=0
ok() { passed=$((passed + 1)); }
fail() { failed=$((failed + 1)); echo "FAIL $*"; }

# Everything a reader could see, in one statement (so one read transaction).
fingerprint() {
  sqlite3 "$1" "SELECT (SELECT value FROM meta WHERE key = 'data_version') || '|' ||
    (SELECT count(*) FROM unit) || '|' || (SELECT count(*) FROM employee) || '|' ||
    (SELECT count(*) FROM position_period) || '|' || (SELECT count(*) || ':' || total(grade) FROM absence) || '|' ||
    (SELECT count(*) FROM pay) || '|' || (SELECT count(*) FROM import_log)"
}
now() { date +%s.%N; }

"$AGP" demo --employees "$EMPLOYEES" --years 3 --last-year 2024 --seed 1 --write-package old >/dev/null || exit 3
"$AGP" demo --employees $((EMPLOYEES * 5 / 4)) --years 3 --last-year 2024 --seed 2 --write-package new >/dev/null || exit 3
"$AGP" --db base.db import old >/dev/null || { echo "baseline import failed"; exit 3; }
sqlite3 base.db "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null
old=$(fingerprint base.db)

# How long reading and checking take, and how long the whole import takes.
t0=$(now); "$AGP" --db base.db import --dry-run new >/dev/null; t1=$(now)
cp base.db timing.db
"$AGP" --db timing.db import new >/dev/null; t2=$(now)
new=$(fingerprint timing.db)
read_s=$(echo "$t1 - $t0" | bc -l)
full_s=$(echo "$t2 - $t1" | bc -l)
echo "atomicity: read+check ${read_s}s, full import ${full_s}s; old $old; new $new"
[[ "$old" != "$new" ]] && ok || fail "the two packages must differ"

# 1. SIGKILL at points spread over the import. A kill before the commit must leave the old data;
#    one that lands after it (while the process exits) the new; never anything else.
killed_before=0
for f in 0.5 0.8 1.02 1.25 1.5 1.75 1.9; do
  cp base.db victim.db
  delay=$(echo "$read_s * ($f < 1) * $f + ($f >= 1) * ($read_s + ($full_s - $read_s) * ($f - 1))" | bc -l)
  "$AGP" --db victim.db import new >/dev/null 2>&1 &
  pid=$!
  sleep "$delay"
  if kill -9 "$pid" 2>/dev/null; then
    wait "$pid" 2>/dev/null
    after=$(fingerprint victim.db)
    integrity=$(sqlite3 victim.db "PRAGMA integrity_check")
    if [[ "$after" == "$old" ]]; then
      killed_before=$((killed_before + 1)); ok
    elif [[ "$after" == "$new" ]]; then
      ok
    else
      fail "killed at ${delay}s: database is $after, neither old ($old) nor new ($new)"
    fi
    [[ "$integrity" == "ok" ]] && ok || fail "killed at ${delay}s: integrity_check says $integrity"
  else
    wait "$pid"
    echo "atomicity: the import finished before the kill at ${delay}s (not counted)"
  fi
done

[[ $killed_before -ge 3 ]] && ok || fail "only $killed_before kills landed before the commit"
echo "atomicity: $killed_before kills landed mid-import and left the old data"

# 2. A reader during an import sees the old data or the new, never a mix.
cp base.db shared.db
"$AGP" --db shared.db import new >/dev/null 2>&1 &
pid=$!
seen_old=0 seen_new=0 mixed=0 samples=0
while kill -0 "$pid" 2>/dev/null; do
  fp=$(fingerprint shared.db 2>/dev/null) || continue
  samples=$((samples + 1))
  if [[ "$fp" == "$old" ]]; then seen_old=$((seen_old + 1))
  elif [[ "$fp" == "$new" ]]; then seen_new=$((seen_new + 1))
  else mixed=$((mixed + 1)); echo "mixed state seen: $fp"; fi
done
wait "$pid" && ok || fail "the observed import failed"
[[ $(fingerprint shared.db) == "$new" ]] && ok || fail "after the import the data is not the new package"
[[ $mixed -eq 0 ]] && ok || fail "a reader saw $mixed mixed states"
[[ $seen_old -ge 3 ]] && ok || fail "too few reads during the import ($seen_old) to show anything"
echo "atomicity: $samples reads during the import: $seen_old old, $seen_new new, $mixed mixed"

echo "atomicity: $passed passed, $failed failed"
[[ $failed -eq 0 ]]
