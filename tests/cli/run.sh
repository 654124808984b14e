#!/usr/bin/env bash
# Command-line tests: exit statuses (DESIGN §7), messages, and what each command writes.
# Usage: tests/cli/run.sh path/to/agp
set -uo pipefail
AGP=$(realpath "$1")
CASES=$(realpath "$(dirname "$0")/../cases/import")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
export AGP_DB="$work/agp.db"
passed=0 failed=0

# check NAME EXPECTED_STATUS COMMAND… : runs the command, keeps stdout in out, stderr in err.
check() {
  local name=$1 want=$2
  shift 2
  "$@" >out 2>err
  local got=$?
  if [[ $got -eq $want ]]; then
    passed=$((passed + 1))
  else
    failed=$((failed + 1))
    echo "FAIL $name: exit $got, expected $want"
    sed 's/^/  out: /' out | head -20
    sed 's/^/  err: /' err | head -20
  fi
}
# contains NAME FILE TEXT : FILE holds TEXT (fixed string).
contains() {
  if grep -qF -- "$3" "$2"; then
    passed=$((passed + 1))
  else
    failed=$((failed + 1))
    echo "FAIL $1: $2 lacks «$3»"
    sed 's/^/  | /' "$2" | head -20
  fi
}
equals() {
  if [[ "$2" == "$3" ]]; then
    passed=$((passed + 1))
  else
    failed=$((failed + 1))
    echo "FAIL $1: «$2» is not «$3»"
  fi
}
rows() { sqlite3 "$AGP_DB" "SELECT (SELECT count(*) FROM employee) || '/' || (SELECT count(*) FROM absence) || '/' || (SELECT value FROM meta WHERE key = 'data_version')"; }

check "usage error without a command" 1 "$AGP"
check "usage error for an unknown option" 1 "$AGP" import --no-such-option x
check "help" 0 "$AGP" --help
contains "help lists import" out "import"

check "init creates the database" 0 "$AGP" init
contains "init says where" out "agp.db"
equals "init leaves it empty" "$(rows)" "0/0/0"
check "init again is harmless" 0 "$AGP" init

check "dry run of a valid package" 0 "$AGP" import --dry-run "$CASES/valid_utf8_comma/package"
contains "dry run says nothing was written" out "ingenting er skrevet"
equals "dry run wrote nothing" "$(rows)" "0/0/0"

check "import a valid package" 0 "$AGP" import "$CASES/valid_utf8_comma/package"
contains "summary lists rows per file" out "absence.csv"
contains "summary has time and speed" out "MB/s"
equals "import wrote the data" "$(rows)" "5/4/1"

check "the same data in another format is a new import" 0 "$AGP" import "$CASES/valid_zip/package.zip"
equals "same rows, next data version" "$(rows)" "5/4/2"
check "re-import the very same package" 0 "$AGP" import "$CASES/valid_zip/package.zip"
contains "idempotent re-import says unchanged" out "Uendret"
equals "idempotent re-import wrote nothing" "$(rows)" "5/4/2"

check "an invalid package exits with 2" 2 "$AGP" import "$CASES/invalid_unknown_references/package"
contains "errors carry file:line:column" err "positions.csv:3:7: feil: ukjent unit_id «XX»"
contains "it says nothing was written" out "Ingenting er skrevet"
equals "an invalid package writes nothing" "$(rows)" "5/4/2"

check "the problem list has a limit" 2 "$AGP" import --max-problems 2 "$CASES/invalid_types/package"
contains "the rest are counted" err "feil til (de første 2 er vist)"

check "a package that does not exist" 2 "$AGP" import "$work/nowhere"
contains "it says what is missing" err "finner ikke pakken"

check "a file that is not a package" 2 "$AGP" import "$CASES/valid_utf8_comma/package/units.csv"

check "status" 0 "$AGP" status
contains "status shows the data version" out "dataversjon 2"

check "status without a database" 3 "$AGP" --db "$work/missing.db" status
contains "it says how to create one" err "agp init"

check "demo writes a package" 0 "$AGP" demo --employees 60 --years 2 --last-year 2024 --seed 3 --write-package "$work/pakke"
check "the demo package imports" 0 "$AGP" --db "$work/demo.db" import "$work/pakke"
check "demo fills a database" 0 "$AGP" --db "$work/demo2.db" demo --employees 60 --years 2 --last-year 2024 --seed 3
equals "demo is deterministic: the database equals the imported package" \
  "$(sqlite3 "$work/demo.db" 'SELECT count(*), sum(start_date), sum(grade) FROM absence')" \
  "$(sqlite3 "$work/demo2.db" 'SELECT count(*), sum(start_date), sum(grade) FROM absence')"
check "demo refuses nonsense sizes" 1 "$AGP" demo --employees 0

echo "cli: $passed passed, $failed failed"
[[ $failed -eq 0 ]]
