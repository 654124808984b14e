#!/usr/bin/env bash
# The attacks of issue 13 on the server (items 2 and 6), before and after: bench/web/attack.sh
#
# On the demo municipality at EMPLOYEES employees, `agp serve` with its defaults:
#   1. memory: the server's resident memory before and after one anonymous 400 MB POST /logg-inn,
#      and four at once (the old server read every body whole before routing);
#   2. the dashboard, asked for every 100 ms by a signed-in viewer for SECONDS seconds, with
#      nothing else, then during SLOW (1000) slowloris connections that reconnect when dropped,
#      during PDFS (6) PDF reports asked for over and over, and during both
#      (bench/web/attack.mjs): requests, failures, p50/p99/max.
#
# Usage: bench/web/attack.sh [EMPLOYEES=800] [SECONDS=30]
# Uses build/agp (`make build` first), or the binary in $AGP. Needs curl, sqlite3, node, and
# chromium for the PDFs (scripts/install-deps --bench). Writes bench/out/attack.md.
set -euo pipefail
cd "$(dirname "$0")/../.."
EMPLOYEES=${1:-800}
SECONDS_=${2:-30}
AGP=${AGP:-build/agp}
AGP=$(realpath "$AGP")
for tool in curl sqlite3 node; do
  command -v "$tool" >/dev/null || { echo "attack.sh: $tool is missing (scripts/install-deps --bench)" >&2; exit 1; }
done
[[ -x "$AGP" ]] || { echo "attack.sh: no $AGP (run \`make build\` first, or set AGP)" >&2; exit 1; }
die() { echo "attack.sh: $*" >&2; exit 1; }

tmp=$(mktemp -d)
agp_pid=""
cleanup() {
  [[ -n "$agp_pid" ]] && kill "$agp_pid" 2>/dev/null && wait "$agp_pid" 2>/dev/null
  rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

db="$tmp/demo.db"
echo "demo database: $EMPLOYEES employees ($AGP)" >&2
"$AGP" --db "$db" demo --employees "$EMPLOYEES" --years 3 --no-accounts >"$tmp/demo.log" 2>&1 ||
  { cat "$tmp/demo.log"; die "agp demo failed"; }
viewer_password="bench-viewer-$RANDOM$RANDOM"
echo "$viewer_password" | "$AGP" --db "$db" user add bench-viewer --role viewer --password-stdin >/dev/null
year=$(($(date +%Y) - 1))  # the demo's last year

serve_args=(--port 0 --quiet)
# shellcheck source=bench/web/common.sh
source bench/web/common.sh
start_agp "$db"
session=$(log_in bench-viewer "$viewer_password")
rss() { awk '/^VmRSS:/ { print int($2 / 1024) }' "/proc/$agp_pid/status"; }

# --- 1. memory under anonymous big bodies --------------------------------------------------------
big_post() {  # 400 MB of form, anonymously; prints the status (000: no answer)
  head -c 400000000 /dev/zero | tr '\0' 'a' |
    curl -s -o /dev/null -w '%{http_code}' --max-time 60 -H 'Content-Type: application/x-www-form-urlencoded' \
      -H 'Expect:' --data-binary @- "$agp_url/logg-inn" || true
}
rss_before=$(rss)
one=$(big_post)
rss_one=$(rss)
statuses=$( (for _ in 1 2 3 4; do { big_post; echo; } & done; wait) | tr '\n' ' ')
rss_four=$(rss)
hwm=$(awk '/^VmHWM:/ { print int($2 / 1024) }' "/proc/$agp_pid/status")
echo "memory: ${rss_before} MB before, ${rss_one} MB after one 400 MB POST (status $one), ${rss_four} MB after four (statuses $statuses), peak ${hwm} MB" >&2

# --- 2. the dashboard during the attacks ---------------------------------------------------------
report="/rapporter/fil?policy=roros-2017&periode=$year&format=pdf"
results=()
for mode in none slowloris pdf both; do
  echo "dashboard during: $mode ($SECONDS_ s)" >&2
  line=$(REPORT="$report" node bench/web/attack.mjs "$agp_port" "$session" "$mode" "$SECONDS_")
  echo "  $line" >&2
  results+=("$line")
done
threads=$(awk '/^Threads:/ { print $2 }' "/proc/$agp_pid/status")

mkdir -p bench/out
{
  echo "# Attacks on agp serve (issue 13, items 2 and 6)"
  echo
  echo "$EMPLOYEES employees, $(nproc) cores, $(date -u +%Y-%m-%d), $AGP; server threads at the end: $threads"
  echo
  echo "Memory (resident): ${rss_before} MB before; ${rss_one} MB after one anonymous 400 MB POST /logg-inn (answer $one);"
  echo "${rss_four} MB after four at once (answers $statuses); peak ${hwm} MB."
  echo
  echo "| during | dashboard requests | failures | p50 ms | p99 ms | max ms | slowloris opened / dropped | PDFs ok / try again |"
  echo "|---|---|---|---|---|---|---|---|"
  for line in "${results[@]}"; do
    node -e '
      const r = JSON.parse(process.argv[1]);
      const f = (x) => x === null ? "–" : x.toFixed(1);
      console.log(`| ${r.mode} | ${r.dashboard.requests} | ${r.dashboard.failures} | ${f(r.dashboard.p50_ms)} | ${f(r.dashboard.p99_ms)} | ${f(r.dashboard.max_ms)} | ${r.slowloris.opened} / ${r.slowloris.closed_by_server} | ${r.pdf.ok} / ${r.pdf.busy} |`);
    ' "$line"
  done
} | tee bench/out/attack.md
