#!/usr/bin/env bash
# Command-line tests: exit statuses (DESIGN §7), messages, and what each command writes.
# Usage: tests/cli/run.sh path/to/agp
set -uo pipefail
AGP=$(realpath "$1")
CASES=$(realpath "$(dirname "$0")/../cases/import")
FOLLOWUP=$(realpath "$(dirname "$0")/../cases/followup/worklist_every_status")
ROSTER=$(realpath "$(dirname "$0")/../cases/roster/tiny")
HELTID=$(realpath "$(dirname "$0")/../cases/heltid")
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

# Indicators (issue 3): read from the stored results, written by every import and demo.
check "import computes the indicators" 0 "$AGP" --db "$work/ind.db" import "$work/pakke"
contains "it says so" out "Indikatorene er beregnet"
check "indicators as CSV" 0 "$AGP" --db "$work/ind.db" indicators --period 2024 --period 2024-Q1 --format csv --min-group 0
equals "the CSV header is the public contract" "$(head -1 out)" \
  "indicator,unit_id,period,value,numerator,denominator,population,suppressed"
units=$(sqlite3 "$work/ind.db" 'SELECT count(*) FROM unit')
# 22 indicators for the year, 20 for the quarter (no turnover or retirement age), every unit.
equals "one row per indicator, unit and period" "$(($(wc -l <out) - 1))" "$((units * 42))"
equals "the demo and its package give the same figures" \
  "$("$AGP" --db "$work/ind.db" indicators --period 2024 --format csv | md5sum)" \
  "$("$AGP" --db "$work/demo2.db" indicators --period 2024 --format csv | md5sum)"
check "fresh computation equals the stored results" 0 "$AGP" --db "$work/ind.db" indicators --period 2024-03 --period 2024 --format csv --fresh
cp out fresh.csv
"$AGP" --db "$work/ind.db" indicators --period 2024-03 --period 2024 --format csv >stored.csv
equals "fresh and stored agree" "$(md5sum <fresh.csv)" "$(md5sum <stored.csv)"
check "suppression is on by default" 0 "$AGP" --db "$work/ind.db" indicators --period 2024 --indicator sick_leave_pct --format csv
contains "small units are withheld" out ",,,,,1"
check "no suppressed row shows a number" 0 awk -F, 'NR > 1 && $8 == 1 && ($4 != "" || $5 != "" || $6 != "" || $7 != "") { exit 1 }' out
check "JSON" 0 "$AGP" --db "$work/ind.db" indicators --period 2024 --indicator headcount --format json
contains "JSON has the fields" out '"suppressed": false'
check "table" 0 "$AGP" --db "$work/ind.db" indicators --period 2024 --indicator fulltime_share --unit 1000
contains "the table speaks Norwegian" out "Heltidsandel"
check "explain" 0 "$AGP" indicators --explain sick_leave_pct
contains "explain names the source" out "SSB"
contains "explain says sick leave is suppressed a year at a time" out "a year at a"
check "explain follow-up compliance" 0 "$AGP" indicators --explain followup_plan_compliance
contains "follow-up compliance reaches viewers of aggregates for years only" out "whole years only"
check "explain an unknown key" 1 "$AGP" indicators --explain no_such_key
check "a period that is no period" 1 "$AGP" --db "$work/ind.db" indicators --period 2024-13
contains "it shows the forms" err "2024-Q1"
check "a period outside the data" 3 "$AGP" --db "$work/ind.db" indicators --period 1999
contains "it says which years there are" err "2023–2024"
check "an unknown indicator" 1 "$AGP" --db "$work/ind.db" indicators --period 2024 --indicator nope
check "an unknown unit" 1 "$AGP" --db "$work/ind.db" indicators --period 2024 --unit nope
check "pay per job code" 0 "$AGP" --db "$work/ind.db" indicators --period 2024 --indicator 'pay_ratio_women_men:*' --format csv --min-group 0
contains "job code rows" out "pay_ratio_women_men:"
check "reference figures" 0 "$AGP" --db "$work/ind.db" indicators --period 2023 --indicator sick_leave_medical_pct --unit 1000 --reference --format csv
contains "the national figure stands beside ours" out "7.7"
sqlite3 "$work/ind.db" "UPDATE meta SET value = value + 1 WHERE key = 'data_version'"
check "stale results are refused" 3 "$AGP" --db "$work/ind.db" indicators --period 2024
contains "it says what to do" err "agp recompute"
check "status with stale results" 0 "$AGP" --db "$work/ind.db" status
contains "status says they are stale and what recomputes them" out "Utdatert: dataene er på versjon"
check "importing the same package again finishes an interrupted recompute" 0 "$AGP" --db "$work/ind.db" import "$work/pakke"
contains "it recomputes" out "Indikatorene er beregnet"
sqlite3 "$work/ind.db" "UPDATE meta SET value = value + 1 WHERE key = 'data_version'"
check "recompute" 0 "$AGP" --db "$work/ind.db" recompute
check "then they are read again" 0 "$AGP" --db "$work/ind.db" indicators --period 2024

# CSV for spreadsheets (issue 13): a unit key that a spreadsheet would run as a formula (from a
# database written before keys were checked) is written as text; negative numbers stay numbers.
cp "$work/ind.db" "$work/formula.db"
sqlite3 "$work/formula.db" "UPDATE unit SET key = '=1+2' WHERE key = (SELECT key FROM unit WHERE parent_id IS NOT NULL ORDER BY id LIMIT 1); UPDATE meta SET value = value + 1 WHERE key = 'data_version'"
check "recompute after the key changed" 0 "$AGP" --db "$work/formula.db" recompute
check "indicators as CSV with a formula-like key" 0 "$AGP" --db "$work/formula.db" indicators --period 2024 --indicator headcount --format csv --min-group 0
contains "the key is text" out "headcount,'=1+2,2024,"
check "no cell starts a formula" 0 awk -F, 'NR > 1 && $2 ~ /^[=+@-]/ { exit 1 }' out

# A hand-worked case (tests/cases/indicators) through the store: its absence file has no rows.
TURNOVER="$(dirname "$CASES")/indicators/turnover_and_retirement_age/package"
check "a package without absences imports" 0 "$AGP" --db "$work/case.db" import "$TURNOVER"
check "stored turnover" 0 "$AGP" --db "$work/case.db" indicators --period 2024 --indicator turnover --min-group 0 --format csv
contains "as worked out by hand" out "turnover,R,2024,57.142857,4,7,7,0"
check "fresh turnover for one year" 0 "$AGP" --db "$work/case.db" indicators --period 2024 --indicator turnover --min-group 0 --format csv --fresh
contains "needs the previous year's count date" out "turnover,R,2024,57.142857,4,7,7,0"

# agp policy check (DESIGN §7): 0 with warnings, 2 with errors, each as file:line:column.
POLICY_CASES="$(dirname "$CASES")/policy"
check "a policy with warnings only" 0 "$AGP" policy check "$POLICY_CASES/warnings_only_unmeasurable_goals/policy.yaml"
contains "it says what to add" out "legg til «indicators»"
check "a policy with errors" 2 "$AGP" policy check "$POLICY_CASES/invalid_targets/policy.yaml"
contains "with line and column" out "invalid_targets/policy.yaml:12:17: feil:"
check "a policy file that is not there" 3 "$AGP" policy check "$work/nothing.yaml"
check "load a policy" 0 "$AGP" --db "$work/ind.db" policy load "$POLICY_CASES/warnings_only_unmeasurable_goals/policy.yaml"
contains "as version 1" out "som versjon 1"
check "load it again" 0 "$AGP" --db "$work/ind.db" policy load "$POLICY_CASES/warnings_only_unmeasurable_goals/policy.yaml"
contains "nothing new" out "ingenting nytt"
sed 's/Heltid er hovedregelen/Heltid er hovedregelen for alle/' "$POLICY_CASES/warnings_only_unmeasurable_goals/policy.yaml" >"$work/v2.yaml"
check "a changed policy is a new version" 0 "$AGP" --db "$work/ind.db" policy load "$work/v2.yaml"
contains "as version 2" out "som versjon 2"
check "a policy with errors is not loaded" 2 "$AGP" --db "$work/ind.db" policy load "$POLICY_CASES/invalid_targets/policy.yaml"
check "list the policies" 0 "$AGP" --db "$work/ind.db" policy show
contains "both versions are kept" out "fjellvik-2025                v2"
check "the earlier version is still readable" 0 "$AGP" --db "$work/ind.db" policy show fjellvik-2025 --version 1
contains "with its own wording" out "[hovedmål] Heltid er hovedregelen"
check "evaluate" 0 "$AGP" --db "$work/ind.db" evaluate --period 2024 --format csv
contains "the CSV header" out "policy,version,node_id,title,period,status,indicator"
contains "a goal without indicator has no target" out "fjellvik-2025,2,heltid,Heltid er hovedregelen for alle,2024,no_target"
check "evaluate an earlier version" 0 "$AGP" --db "$work/ind.db" evaluate --period 2024 --policy fjellvik-2025 --version 1 --format csv
contains "with its own wording" out "fjellvik-2025,1,heltid,Heltid er hovedregelen,2024,no_target"
check "a version that is not there" 1 "$AGP" --db "$work/ind.db" evaluate --period 2024 --policy fjellvik-2025 --version 7
check "assess a goal" 0 "$AGP" --db "$work/ind.db" policy assess fjellvik-2025 heltid --period 2024 --verdict delvis --narrative "Halvveis." --by HR
check "assess it again" 0 "$AGP" --db "$work/ind.db" policy assess fjellvik-2025 heltid --period 2024 --verdict lykkes --by HR
contains "the earlier one stays in the history" out "erstatter «delvis»"
check "the latest assessment stands beside the goal" 0 "$AGP" --db "$work/ind.db" evaluate --period 2024 --policy fjellvik-2025 --format csv
contains "lykkes" out "fjellvik-2025,2,heltid,Heltid er hovedregelen for alle,2024,no_target,,,,,,,,,,,lykkes,HR,"
check "assess a goal that is not there" 1 "$AGP" --db "$work/ind.db" policy assess fjellvik-2025 nope --period 2024 --verdict ikke
check "assess with an unknown verdict" 1 "$AGP" --db "$work/ind.db" policy assess fjellvik-2025 heltid --period 2024 --verdict bra
check "evaluate as JSON" 0 "$AGP" --db "$work/ind.db" evaluate --period 2024 --format json
check "evaluate an unknown policy" 1 "$AGP" --db "$work/ind.db" evaluate --period 2024 --policy nope
check "evaluate a period that is no period" 1 "$AGP" --db "$work/ind.db" evaluate --period 2024-13
for template in "$(dirname "$CASES")/../../data/policies/"*.yaml; do
  check "template $(basename "$template") has no errors" 0 "$AGP" policy check "$template"
done

# Accounts (DESIGN §6) and the audit log.
check "add an admin" 0 "$AGP" --db "$work/ind.db" user add hr --role admin
contains "a password is printed once" out "Passord: "
check "add a leader" 0 "$AGP" --db "$work/ind.db" user add leder1 --role leader --unit 1100
check "a leader needs a unit" 1 "$AGP" --db "$work/ind.db" user add leder2 --role leader
check "a unit that is not there" 1 "$AGP" --db "$work/ind.db" user add leder3 --role leader --unit 999999
check "a role that is not there" 1 "$AGP" --db "$work/ind.db" user add sjef --role boss
check "a name that is taken" 1 "$AGP" --db "$work/ind.db" user add hr --role viewer
echo "et langt nok passord" | check "a password from stdin" 0 "$AGP" --db "$work/ind.db" user add tv --role union --password-stdin
contains "no password is printed then" out "er opprettet"
if grep -q "Passord:" out; then failed=$((failed + 1)); echo "FAIL a given password is not printed"; else passed=$((passed + 1)); fi
[[ "$(sqlite3 "$work/ind.db" "SELECT password_hash FROM app_user WHERE name = 'tv'")" == '$argon2id$'* ]] &&
  passed=$((passed + 1)) || { failed=$((failed + 1)); echo "FAIL passwords are stored as Argon2id"; }
actions=$(sqlite3 "$work/ind.db" "SELECT group_concat(action, ' ') FROM (SELECT action FROM audit_log ORDER BY id)")
[[ "$actions" == *"import"*"policy.load"*"assessment.add"*"user.add user.add user.add" ]] &&
  passed=$((passed + 1)) || { failed=$((failed + 1)); echo "FAIL the audit log has every change: $actions"; }
sqlite3 "$work/ind.db" "DELETE FROM audit_log" 2>/dev/null &&
  { failed=$((failed + 1)); echo "FAIL the audit log could be emptied"; } || passed=$((passed + 1))

# Revoking access (issue 13 item 9): every change moves the account's session epoch, which a
# running `agp serve` checks at every request; each is audited, refused ones are not.
account() { sqlite3 "$work/ind.db" "SELECT role || '/' || disabled || '/' || session_epoch || '/' || (SELECT count(*) FROM app_user_unit u WHERE u.user_id = app_user.id) FROM app_user WHERE name = '$1'"; }
check "list the users" 0 "$AGP" --db "$work/ind.db" user list
contains "with their roles" out "leder1"
contains "and their status" out "aktiv"
check "list the users as CSV" 0 "$AGP" --db "$work/ind.db" user list --format csv
equals "the CSV header" "$(head -1 out)" "name,role,units,disabled,created_at"
contains "a leader with a unit" out "leder1,leader,1100,0,"
check "disable a user" 0 "$AGP" --db "$work/ind.db" user disable leder1
contains "it says the sessions end" out "er deaktivert og logget ut"
equals "disabled, epoch moved" "$(account leder1)" "leader/1/1/1"
check "the list shows it" 0 "$AGP" --db "$work/ind.db" user list
contains "as deaktivert" out "deaktivert"
check "enable the user" 0 "$AGP" --db "$work/ind.db" user enable leder1
equals "enabled" "$(account leder1)" "leader/0/2/1"
check "give a new role" 0 "$AGP" --db "$work/ind.db" user role leder1 --role viewer
contains "it names the role" out "har nå rollen leser"
equals "a viewer has no units" "$(account leder1)" "viewer/0/3/0"
check "a leader needs a unit here too" 1 "$AGP" --db "$work/ind.db" user role leder1 --role leader
check "a new role with a unit that is not there" 1 "$AGP" --db "$work/ind.db" user role leder1 --role leader --unit 999999
check "a new role that is not there" 1 "$AGP" --db "$work/ind.db" user role leder1 --role boss
check "back to leader" 0 "$AGP" --db "$work/ind.db" user role leder1 --role leader --unit 1100
check "log out everywhere" 0 "$AGP" --db "$work/ind.db" user logout leder1
contains "it says so" out "logget ut av nettappen overalt"
equals "only the epoch moved" "$(account leder1)" "leader/0/5/1"
check "an unknown user" 1 "$AGP" --db "$work/ind.db" user disable ingen
contains "it names the user" err "brukeren «ingen» finnes ikke"
check "log out an unknown user" 1 "$AGP" --db "$work/ind.db" user logout ingen
check "the last admin cannot be disabled" 1 "$AGP" --db "$work/ind.db" user disable hr
contains "it says why" err "siste aktive administratoren"
check "nor be demoted" 1 "$AGP" --db "$work/ind.db" user role hr --role viewer
equals "the admin is as before" "$(account hr)" "admin/0/0/0"
changes=$(sqlite3 "$work/ind.db" "SELECT group_concat(action || ':' || object || ':' || substr(actor, 1, 4), ' ') FROM (SELECT * FROM audit_log WHERE action LIKE 'user.%' AND action <> 'user.add' ORDER BY id)")
equals "every change is audited, from the command line" "$changes" \
  "user.disable:leder1:cli: user.enable:leder1:cli: user.role:leder1:cli: user.role:leder1:cli: user.logout:leder1:cli:"

# agp report (issue 6): every figure the report prints is the one `agp indicators` prints.
TRONDHEIM="$(dirname "$CASES")/../../data/policies/000_trondheim_2021_2024.yaml"
check "load a template with indicators" 0 "$AGP" --db "$work/ind.db" policy load "$TRONDHEIM"
check "report as HTML" 0 "$AGP" --db "$work/ind.db" report --period 2024 --policy trondheim-2021 --out "$work/r.html"
contains "it says what it wrote" out "r.html: trondheim-2021 2024"
contains "a self-contained document" "$work/r.html" "<style>"
grep -o '<data [^>]*>' "$work/r.html" |
  sed -E 's/.*value="([^"]*)" data-indicator="([^"]*)" data-unit="([^"]*)" data-period="([^"]*)".*/\2,\3,\4,\1/' \
    >"$work/report-figures.csv"
: >"$work/cli-figures.csv"
for p in $(cut -d, -f3 "$work/report-figures.csv" | sort -u); do
  "$AGP" --db "$work/ind.db" indicators --period "$p" --format csv | tail -n +2 >>"$work/cli-figures.csv"
done
check "the report's figures are the indicators' figures" 0 awk -F, '
  NR == FNR { cli[$1 "," $2 "," $3] = $4; next }
  ($1 "," $2 "," $3) in cli {
    want = cli[$1 "," $2 "," $3]; n++
    if (want == "" && $4 != "") bad++
    else if (want != "" && ($4 == "" || ($4 - want) ^ 2 > 1e-10 * (1 + want ^ 2))) bad++
  }
  END { print n " compared, " bad + 0 " differ"; exit !(n > 20 && bad == 0) }' \
  "$work/cli-figures.csv" "$work/report-figures.csv"
check "public: a withheld figure has no value" 0 awk -F, '$4 != "" && /suppressed/ { exit 1 }' "$work/report-figures.csv"
contains "some figures are withheld from the public" "$work/r.html" 'data-suppressed="1"'
check "report for HR" 0 "$AGP" --db "$work/ind.db" report --period 2024 --policy trondheim-2021 --audience admin --out "$work/hr.html"
contains "marked as not for distribution" "$work/hr.html" "Ikke for offentliggjøring"
check "report as XLSX" 0 "$AGP" --db "$work/ind.db" report --period 2024 --policy trondheim-2021 --out "$work/r.xlsx"
equals "an XLSX is a zip" "$(head -c 2 "$work/r.xlsx")" "PK"
check "report as PDF" 0 "$AGP" --db "$work/ind.db" report --period 2024 --policy trondheim-2021 --out "$work/r.pdf"
equals "a PDF" "$(head -c 4 "$work/r.pdf")" "%PDF"
check "report on one unit" 0 "$AGP" --db "$work/ind.db" report --period 2024 --unit 1100 --out "$work/unit.html"
check "without a browser, PDF names the package" 3 "$AGP" --db "$work/ind.db" report --period 2024 --out "$work/no.pdf" --chromium "$work/no-such-browser"
contains "the package" err "«chromium»"
[[ ! -e "$work/no.pdf" ]] && passed=$((passed + 1)) || { failed=$((failed + 1)); echo "FAIL a failed PDF leaves a file"; }
check "another format is a usage error" 1 "$AGP" --db "$work/ind.db" report --period 2024 --out "$work/r.docx"
check "an unknown unit is a usage error" 1 "$AGP" --db "$work/ind.db" report --period 2024 --unit 999999 --out "$work/x.html"
check "a period without results" 3 "$AGP" --db "$work/ind.db" report --period 2019 --out "$work/x.html"
contains "it names the years there are" err "2024"
check "an unknown audience" 1 "$AGP" --db "$work/ind.db" report --period 2024 --audience alle --out "$work/x.html"
[[ "$(sqlite3 "$work/ind.db" "SELECT count(*) FROM audit_log WHERE action = 'report'")" -ge 4 ]] &&
  passed=$((passed + 1)) || { failed=$((failed + 1)); echo "FAIL reports are in the audit log"; }

# agp followup (DESIGN §10.2): the worklist contract, events recorded from the command line, a
# re-import that keeps them, and the audit entries.
check "import the worklist case" 0 "$AGP" --db "$work/fu.db" import "$FOLLOWUP/package"
check "record a plan made" 0 "$AGP" --db "$work/fu.db" followup record P3 --event oppfolgingsplan --date 2024-05-10
check "record a duty judged unnecessary" 0 "$AGP" --db "$work/fu.db" followup record P4 --event oppfolgingsplan --date 2024-05-30 --unnecessary "Kort fravær; arbeidet er alt tilrettelagt"
check "an unknown employee" 2 "$AGP" --db "$work/fu.db" followup record P99 --event oppfolgingsplan --date 2024-05-10
contains "it says the employee is unknown" err "ukjent ansatt"
check "an unknown event" 1 "$AGP" --db "$work/fu.db" followup record P3 --event dialogmote2 --date 2024-05-10
check "a bad date" 1 "$AGP" --db "$work/fu.db" followup duties --date 14.13.2024
check "an unknown unit" 1 "$AGP" --db "$work/fu.db" followup duties --date 2024-06-14 --unit X
check "a re-import keeps the recorded events" 0 "$AGP" --db "$work/fu.db" import "$FOLLOWUP/package"
check "the worklist as CSV" 0 "$AGP" --db "$work/fu.db" followup duties --date 2024-06-14 --format csv
if cmp -s out "$FOLLOWUP/expected.csv"; then passed=$((passed + 1)); else
  failed=$((failed + 1)); echo "FAIL the worklist CSV differs from the case"; diff out "$FOLLOWUP/expected.csv" | head; fi
check "the worklist of one unit" 0 "$AGP" --db "$work/fu.db" followup duties --date 2024-06-14 --unit B --format csv
if cmp -s out "$FOLLOWUP/expected_unit_B.csv"; then passed=$((passed + 1)); else
  failed=$((failed + 1)); echo "FAIL the unit's worklist differs"; diff out "$FOLLOWUP/expected_unit_B.csv" | head; fi
check "the worklist as JSON" 0 "$AGP" --db "$work/fu.db" followup duties --date 2024-06-14 --format json
contains "JSON names the status" out '"status": "unnecessary"'
check "the worklist as a table" 0 "$AGP" --db "$work/fu.db" followup duties --date 2024-06-14
contains "the table shows the milestone" out "dialogmote2"
contains "the table says what was recorded in agp" out "(i agp)"
check "dialogues due" 0 "$AGP" --db "$work/fu.db" followup dialogues --date 2024-06-14 --format csv
contains "dialogues due has its header" out "employee_id,unit_id,last_dialogue,hired"
contains "everyone is due: the case has no dialogues" out "P1,A,,2020-01-01"
[[ "$(sqlite3 "$work/fu.db" "SELECT count(*) FROM audit_log WHERE action = 'followup.record'")" -eq 2 ]] &&
  passed=$((passed + 1)) || { failed=$((failed + 1)); echo "FAIL recorded events are in the audit log"; }
[[ "$(sqlite3 "$work/fu.db" "SELECT count(*) FROM audit_log WHERE action = 'individuals.view'")" -ge 5 ]] &&
  passed=$((passed + 1)) || { failed=$((failed + 1)); echo "FAIL worklist views are in the audit log"; }

# agp followup measures (DESIGN §10.3): the demo's measures in execution, every status, overdue.
today=$(date -u +%F)
check "measures of a policy" 0 "$AGP" --db "$work/demo2.db" followup measures --date "$today" --policy roros-2017 --format csv
contains "measures have their header" out "policy_id,node_id,measure_id,title,unit_id,due_date,status,overdue,updated_on"
for status in planlagt pågår fullført utsatt avlyst; do contains "a measure $status" out ",$status,"; done
contains "a local measure" out ",lokal-"
check "overdue measures only" 0 "$AGP" --db "$work/demo2.db" followup measures --date "$today" --policy roros-2017 --overdue --format csv
if [[ $(tail -n +2 out | grep -vc ',1,[0-9-]*$') -eq 0 && $(wc -l <out) -gt 1 ]]; then passed=$((passed + 1)); else
  failed=$((failed + 1)); echo "FAIL --overdue lists only overdue measures, and some"; head out; fi
check "measures as a table" 0 "$AGP" --db "$work/demo2.db" followup measures --date "$today" --policy roros-2017
contains "the table marks the overdue" out "(forfalt)"
check "measures as JSON" 0 "$AGP" --db "$work/demo2.db" followup measures --date "$today" --policy roros-2017 --format json
contains "JSON has the notes" out '"notes": ['
check "an unknown policy" 1 "$AGP" --db "$work/demo2.db" followup measures --date "$today" --policy finnes-ikke
contains "it says the policy is unknown" err "finnes-ikke"

# agp roster check (DESIGN §12): the hand-made instance, a feasible and an infeasible roster.
check "a feasible roster" 0 "$AGP" roster check "$ROSTER/instance.txt" "$ROSTER/feasible.txt"
contains "its objective" out "objective 5"
contains "it says every hard rule holds" out "feasible: every hard rule holds"
check "an infeasible roster" 2 "$AGP" roster check "$ROSTER/instance.txt" "$ROSTER/infeasible.txt"
contains "the broken rule is named" out "broken: employee A: E on day 8 may not follow L on day 7"
printf 'SECTION_HORIZON\n7\nSECTION_SHIFTS\nE,480,X\n' > "$work/bad-instance.txt"
check "a broken instance" 2 "$AGP" roster check "$work/bad-instance.txt" "$ROSTER/feasible.txt"
contains "it says where" err "bad-instance.txt:4:7: unknown shift «X»"
check "a missing roster" 3 "$AGP" roster check "$ROSTER/instance.txt" "$work/none.txt"
# agp roster solve: the solver's roster passes the checker with the objective it printed.
check "solve the hand-made instance" 0 "$AGP" roster solve "$ROSTER/instance.txt" --rounds 5 --out "$work/solved.txt"
contains "it prints the objective" out "objective "
solved=$(sed -n 's/^objective //p' out)
check "the solved roster is feasible" 0 "$AGP" roster check "$ROSTER/instance.txt" "$work/solved.txt"
contains "with the same objective" out "objective $solved"
check "solve a broken instance" 2 "$AGP" roster solve "$work/bad-instance.txt" --out "$work/never.txt"
contains "it says where" err "bad-instance.txt:4:7"
check "solve without --out" 1 "$AGP" roster solve "$ROSTER/instance.txt"

# agp heltid (DESIGN §12): the calculator on §12's worked example, worked by hand in the case's
# README; the rota check with every rule kept, one rule broken, and a bad plan; the rota built
# and written in each format.
check "calc the worked example" 0 "$AGP" heltid calc "$HELTID/worked-example.csv" --format csv
equals "the scenarios as worked by hand" "$(cat out)" "$(cat "$HELTID/worked-example.expected.csv")"
check "calc as a table" 0 "$AGP" heltid calc "$HELTID/worked-example.csv"
contains "each figure has its formula" out "⌈Hwe × F / h⌉"
check "calc as JSON" 0 "$AGP" heltid calc "$HELTID/worked-example.csv" --format json --weekend-frequency 2
contains "JSON has the persons" out '"persons": 16'
printf 'shift,start,end,paid_minutes,mon,tue,wed,thu,fri,sat,sun\nD,07:30,25:00,450,1,1,1,1,1,1,1\n' > "$work/bad-plan.csv"
check "a bad plan" 2 "$AGP" heltid calc "$work/bad-plan.csv"
contains "it says where" err "bad-plan.csv:2:9: «25:00» er ikke et klokkeslett"
check "a rota that keeps every rule" 0 "$AGP" heltid check "$HELTID/rota-plan.csv" "$HELTID/rota-good.csv" --date 2026-12-03
contains "it says so" out "alle regler holdt; hele planen dekket"
contains "with the person's hours and weekends" out "Stilling 1: 100 %, 210.0 t av 213.0 t, 2 helger"
check "a rota with too short a rest" 2 "$AGP" heltid check "$HELTID/rota-plan.csv" "$HELTID/rota-short-rest.csv" --date 2026-12-03
contains "the rule and its source are named" out "kravet er 11,0 t (arbeidsmiljøloven § 10-8 (1))"
check "the agreed rest allows it" 0 "$AGP" heltid check "$HELTID/rota-plan.csv" "$HELTID/rota-short-rest.csv" --date 2026-12-03 --agreed-rest
# The rota for people (report/rota_export.h), chosen by --out's extension: XLSX, PDF, HTML; any
# other is refused before the rota is built.
printf 'person,position_size\nKari Nordmann,21\n' > "$work/staff.csv"
rota=(heltid rota "$HELTID/rota-plan.csv" --weeks 6 --staff "$work/staff.csv" --time-limit 10 --date 2026-12-03)
check "a rota as XLSX" 0 "$AGP" "${rota[@]}" --out "$work/turnus.xlsx"
equals "an XLSX is a zip" "$(head -c 2 "$work/turnus.xlsx")" "PK"
contains "it says where" out "skrevet til $work/turnus.xlsx"
check "a rota as PDF, the extension in capitals" 0 "$AGP" "${rota[@]}" --out "$work/turnus.PDF"
equals "a PDF" "$(head -c 5 "$work/turnus.PDF")" "%PDF-"
check "a rota as HTML" 0 "$AGP" "${rota[@]}" --unit "Solsiden & Co" --out "$work/turnus.html"
contains "the person heads a row" "$work/turnus.html" '<th scope="row">Kari Nordmann</th>'
contains "the unit, escaped" "$work/turnus.html" "Turnus for Solsiden &amp; Co"
check "a rota as CSV" 0 "$AGP" "${rota[@]}" --out "$work/turnus.csv"
check "which the check reads back" 0 "$AGP" heltid check "$HELTID/rota-plan.csv" "$work/turnus.csv" --date 2026-12-03
check "a rota as .doc is refused" 1 "$AGP" "${rota[@]}" --out "$work/turnus.doc"
contains "it names the formats" err "«$work/turnus.doc»: turnusen kan skrives som .csv, .xlsx, .pdf eller .html"
[[ ! -e "$work/turnus.doc" ]] && passed=$((passed + 1)) || { failed=$((failed + 1)); echo "FAIL a refused format leaves a file"; }
check "a checked rota as HTML names its broken rule" 2 "$AGP" heltid check "$HELTID/rota-plan.csv" "$HELTID/rota-short-rest.csv" --date 2026-12-03 --out "$work/short-rest.html"
contains "in the document" "$work/short-rest.html" "kravet er 11,0 t (arbeidsmiljøloven § 10-8 (1))"
check "without a browser, a rota's PDF names the package" 3 "$AGP" heltid check "$HELTID/rota-plan.csv" "$HELTID/rota-good.csv" --date 2026-12-03 --chromium "$work/no-such-browser" --out "$work/no-rota.pdf"
contains "the package" err "«chromium»"
[[ ! -e "$work/no-rota.pdf" ]] && passed=$((passed + 1)) || { failed=$((failed + 1)); echo "FAIL a failed rota PDF leaves a file"; }

# agp serve (the web app): a missing database, and a port another server holds.
check "serve without a database" 3 "$AGP" --db "$work/missing.db" serve --port 0
"$AGP" --db "$work/ind.db" serve --port 0 --quiet --upload-dir "$work/uploads" > "$work/serve.out" 2>&1 &
serve_pid=$!
for _ in $(seq 50); do grep -q "127.0.0.1:" "$work/serve.out" && break; sleep 0.1; done
port=$(sed -n 's#.*127.0.0.1:\([0-9]*\)/.*#\1#p' "$work/serve.out")
check "serve on a port that is taken" 3 "$AGP" --db "$work/ind.db" serve --port "$port" --upload-dir "$work/uploads2"
contains "it says the port may be in use" err "er porten i bruk"
check "a trusted proxy that is no address" 1 "$AGP" --db "$work/ind.db" serve --port 0 --trusted-proxy proxy.example
contains "it says what an address is" err "not an IPv4 or IPv6 address"
kill "$serve_pid"; wait "$serve_pid" 2>/dev/null || true

echo "cli: $passed passed, $failed failed"
[[ $failed -eq 0 ]]
