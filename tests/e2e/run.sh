#!/usr/bin/env bash
# Browser tests of the web app (tests/e2e/e2e.js) against Debian's Chromium, driven by
# playwright-core from web/node_modules. Makes a demo database with one account per role, a good
# and a bad workforce package, starts `agp serve` on a free loopback port, runs the checks and
# stops the server.
#
# Usage: tests/e2e/run.sh path/to/agp
# Exit status: 0 all checks passed, 1 a check failed or the setup broke, 77 skipped (no Chromium).
# Screenshots go to $SCREENSHOT_DIR (default tests/e2e/screenshots/, git-ignored).
set -uo pipefail

if [[ $# -ne 1 ]]; then
  echo "usage: $0 path/to/agp" >&2
  exit 1
fi
CHROMIUM=/usr/bin/chromium
if [[ ! -x $CHROMIUM ]]; then
  echo "SKIP: $CHROMIUM is missing; the browser tests need Debian's chromium (scripts/install-deps)"
  exit 77
fi

AGP=$(realpath "$1")
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
for need in node sqlite3; do
  if ! command -v "$need" >/dev/null; then
    echo "FAIL setup: $need is not installed (scripts/install-deps installs it)" >&2
    exit 1
  fi
done
if [[ ! -d $ROOT/web/node_modules/playwright-core || ! -f $ROOT/web/node_modules/axe-core/axe.min.js ]]; then
  echo "FAIL setup: web/node_modules lacks playwright-core or axe-core (run scripts/install-deps)" >&2
  exit 1
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/agp-e2e.XXXXXX")
server_pid=""
stop_server() {
  [[ -n $server_pid ]] || return 0
  kill -TERM "$server_pid" 2>/dev/null
  for _ in $(seq 50); do
    kill -0 "$server_pid" 2>/dev/null || break
    sleep 0.2
  done
  kill -KILL "$server_pid" 2>/dev/null
  wait "$server_pid" 2>/dev/null
  server_pid=""
}
cleanup() {
  stop_server
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 1' INT TERM

fail_setup() {
  echo "FAIL setup: $1" >&2
  for f in "$work"/*.log; do
    [[ -s $f ]] && { echo "--- $(basename "$f")"; tail -n 30 "$f"; } >&2
  done
  exit 1
}

started=$(date +%s)
db=$work/agp.db
"$AGP" --db "$db" demo --employees 800 --no-accounts >"$work/demo.log" 2>&1 ||
  fail_setup "agp demo could not make the database"

# One account per role (DESIGN §6); the leader owns the first sector (first child of the root).
leader_unit=$(sqlite3 "$db" "select key from unit where parent_id = (select id from unit where parent_id is null) order by key limit 1")
other_unit=$(sqlite3 "$db" "select key from unit where parent_id = (select id from unit where parent_id is null) order by key limit 1 offset 1")
[[ -n $leader_unit && -n $other_unit ]] || fail_setup "the demo database has fewer than two sectors"
export E2E_ADMIN_PASSWORD="e2e-hr-passord-1" E2E_LEADER_PASSWORD="e2e-leder-passord-2"
export E2E_UNION_PASSWORD="e2e-tillitsvalgt-3" E2E_VIEWER_PASSWORD="e2e-politiker-passord-4"
add_user() {  # NAME ROLE PASSWORD [--unit ID]
  local name=$1 role=$2 password=$3
  shift 3
  printf '%s\n' "$password" | "$AGP" --db "$db" user add "$name" --role "$role" "$@" --password-stdin \
    >>"$work/users.log" 2>&1 || fail_setup "agp user add $name"
}
add_user hr admin "$E2E_ADMIN_PASSWORD"
add_user leder leader "$E2E_LEADER_PASSWORD" --unit "$leader_unit"
add_user tillitsvalgt union "$E2E_UNION_PASSWORD"
add_user politiker viewer "$E2E_VIEWER_PASSWORD"

# The import test's packages: a good one (another, smaller demo municipality) and a bad copy of it
# with a position in an unknown unit and an impossible date. The bad one is uploaded as separate
# CSV files, the good one as a .zip (as CSV files too when neither zip nor python3 is there).
"$AGP" demo --write-package "$work/good" --employees 200 >"$work/package.log" 2>&1 ||
  fail_setup "agp demo --write-package"
cp -r "$work/good" "$work/bad"
[[ $(head -n 1 "$work/bad/positions.csv" | cut -d, -f3,4) == "unit_id,start_date" ]] ||
  fail_setup "positions.csv no longer starts with position_id,employee_id,unit_id,start_date"
awk -F, -v OFS=, 'NR == 2 { $3 = "9999" } NR == 3 { $4 = "2021-13-45" } { print }' \
  "$work/good/positions.csv" >"$work/bad/positions.csv" || fail_setup "could not make the bad package"
good_package=$work/good
if command -v zip >/dev/null; then
  (cd "$work/good" && zip -q -r "$work/good.zip" .) && good_package=$work/good.zip
elif command -v python3 >/dev/null; then
  python3 -c 'import pathlib, sys, zipfile
with zipfile.ZipFile(sys.argv[2], "w", zipfile.ZIP_DEFLATED) as z:
    for p in sorted(pathlib.Path(sys.argv[1]).iterdir()):
        z.write(p, p.name)' "$work/good" "$work/good.zip" && good_package=$work/good.zip
fi

# The server on a free port of the loopback interface: port 0 lets the kernel choose, and the
# first line of standard output names it.
mkdir -p "$work/uploads"
"$AGP" --db "$db" serve --bind 127.0.0.1 --port 0 --upload-dir "$work/uploads" \
  >"$work/server-stdout.log" 2>"$work/server.log" &
server_pid=$!
port=""
for _ in $(seq 300); do
  port=$(sed -n '1s|.*http://127\.0\.0\.1:\([0-9][0-9]*\)/.*|\1|p' "$work/server-stdout.log")
  [[ -n $port ]] && break
  kill -0 "$server_pid" 2>/dev/null || { server_pid=""; fail_setup "agp serve stopped at once"; }
  sleep 0.1
done
[[ -n $port ]] || fail_setup "agp serve did not say which port it listens on within 30 s"
echo "agp serve on http://127.0.0.1:$port/ (setup took $(($(date +%s) - started)) s)"

BASE_URL="http://127.0.0.1:$port" \
  LEADER_UNIT="$leader_unit" OTHER_UNIT="$other_unit" \
  GOOD_PACKAGE="$good_package" BAD_PACKAGE="$work/bad" \
  SCREENSHOT_DIR="${SCREENSHOT_DIR:-$HERE/screenshots}" \
  node "$HERE/e2e.js"
status=$?

stop_server
# A sanitized build reports memory errors and undefined behaviour on the server's stderr.
if grep -qE 'ERROR: (Address|Leak|Thread)Sanitizer|runtime error:' "$work/server.log"; then
  echo "FAIL the server reported sanitizer errors:"
  grep -E -A 20 'ERROR: (Address|Leak|Thread)Sanitizer|runtime error:' "$work/server.log" | head -n 60
  status=1
fi
if [[ $status -ne 0 ]]; then
  echo "--- the server's last log lines"
  tail -n 20 "$work/server.log"
fi
echo "e2e finished in $(($(date +%s) - started)) s"
exit $status
