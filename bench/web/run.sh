#!/usr/bin/env bash
# Web benchmark (issue 5): `agp serve` against nginx serving the same HTML bytes as static files.
#
# The demo municipality at EMPLOYEES employees, a signed-in admin; wrk drives the dashboard (/) and
# the first sector's unit page (/enheter/<key>) on agp, then the same two pages, saved byte for byte
# from agp, as static files from nginx (the ceiling), each for SECONDS seconds at CONNECTIONS
# connections. Targets: zero errors, p99 under 20 ms, agp at least half of nginx's requests/s.
#
# Usage: bench/web/run.sh [EMPLOYEES=20000] [SECONDS=30] [CONNECTIONS=64]
# Uses build/agp, the optimised build of `make build` (run that first), or the binary in $AGP.
# Other settings from the environment: WRK_THREADS (2), AGP_THREADS (passed to `agp serve
# --threads` when set), AS (admin or viewer: whose session drives the runs; admin), WAIT_IDLE
# (before each run, wait at most this many seconds for the CPUs to be 90 % idle; 600, 0: don't).
# "server CPUs" is the server's CPU time over the run's wall time (2.00: two cores all the time);
# "others' CPU" is what every other process but wrk used meanwhile, with the time the hypervisor
# gave to others (steal), in percent of all CPUs.
# Needs wrk, nginx (Debian's nginx-light will do), curl, sqlite3, pgrep and GNU time
# (scripts/install-deps --bench).
# Writes the table to stdout and to bench/out/web.md.
set -euo pipefail
cd "$(dirname "$0")/../.."
EMPLOYEES=${1:-20000}
SECONDS_=${2:-30}
CONNECTIONS=${3:-64}
WRK_THREADS=${WRK_THREADS:-2}
AS=${AS:-admin}
AGP=${AGP:-build/agp}
AGP=$(realpath "$AGP")
for tool in wrk nginx curl sqlite3 pgrep /usr/bin/time; do
  command -v "$tool" >/dev/null || { echo "run.sh: $tool is missing (scripts/install-deps --bench)" >&2; exit 1; }
done
[[ -x "$AGP" ]] || { echo "run.sh: no $AGP (run \`make build\` first, or set AGP)" >&2; exit 1; }

tmp=$(mktemp -d)
agp_pid=""
nginx_pid=""
cleanup() {
  [[ -n "$agp_pid" ]] && kill "$agp_pid" 2>/dev/null && wait "$agp_pid" 2>/dev/null
  [[ -n "$nginx_pid" ]] && kill "$nginx_pid" 2>/dev/null && wait "$nginx_pid" 2>/dev/null
  rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

die() { echo "run.sh: $*" >&2; exit 1; }

# A free TCP port on 127.0.0.1 (nothing answers on it).
free_port() {
  local p
  for _ in $(seq 100); do
    p=$((20000 + RANDOM % 30000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then echo "$p"; return; fi
  done
  die "no free port"
}

# --- the database: the demo municipality, an admin and a viewer with known passwords -----------
db="$tmp/demo.db"
echo "demo database: $EMPLOYEES employees ($AGP)" >&2
"$AGP" --db "$db" demo --employees "$EMPLOYEES" --no-accounts >"$tmp/demo.log" 2>&1 ||
  { cat "$tmp/demo.log"; die "agp demo failed"; }
admin_password="bench-admin-$RANDOM$RANDOM"
viewer_password="bench-viewer-$RANDOM$RANDOM"
echo "$admin_password" | "$AGP" --db "$db" user add bench --role admin --password-stdin >/dev/null
echo "$viewer_password" | "$AGP" --db "$db" user add bench-viewer --role viewer --password-stdin >/dev/null
# The first sector: the first child of the root unit.
sector=$(sqlite3 "$db" "SELECT key FROM unit WHERE parent_id = (SELECT id FROM unit WHERE parent_id IS NULL ORDER BY id LIMIT 1) ORDER BY id LIMIT 1")
[[ -n "$sector" ]] || die "found no sector in $db"
sector_name=$(sqlite3 "$db" "SELECT name FROM unit WHERE key = '$sector'" |
  sed 's/&/\&amp;/g; s/</\&lt;/g; s/>/\&gt;/g; s/"/\&quot;/g')

# --- agp serve ----------------------------------------------------------------------------------
serve_args=(--port 0 --quiet)
[[ -n "${AGP_THREADS:-}" ]] && serve_args+=(--threads "$AGP_THREADS")
# shellcheck source=bench/web/common.sh
source bench/web/common.sh
start_agp "$db"

admin_session=$(log_in bench "$admin_password")
viewer_session=$(log_in bench-viewer "$viewer_password")
case "$AS" in
  admin) session=$admin_session ;;
  viewer) session=$viewer_session ;;
  *) die "AS must be admin or viewer" ;;
esac

# --- the pages, saved byte for byte as nginx's static files ------------------------------------
root="$tmp/www"
mkdir -p "$root"
declare -A path=([dashboard]="/" [unit]="/enheter/$sector")
declare -A file=([dashboard]=dashboard.html [unit]=unit.html)
declare -A heading=([dashboard]="<h1>Oversikt</h1>" [unit]="<h1>$sector_name</h1>")
for page in dashboard unit; do
  for who in admin viewer; do
    cookie=$admin_session
    [[ "$who" == viewer ]] && cookie=$viewer_session
    out="$tmp/$page-$who.html"
    status=$(curl -s -o "$out" -w '%{http_code}' -H "Cookie: agp_session=$cookie" "$agp_url${path[$page]}")
    [[ "$status" == 200 ]] || die "GET ${path[$page]} as $who answered $status"
    grep -qF "${heading[$page]}" "$out" || die "GET ${path[$page]} as $who is not the page"
  done
  cp "$tmp/$page-$AS.html" "$root/${file[$page]}"
done
# The session's page is the same bytes every time (the cache serves it; the CSRF token is the
# session's): the wrk script below counts any other length as a failure.
for page in dashboard unit; do
  curl -s -H "Cookie: agp_session=$session" "$agp_url${path[$page]}" | cmp -s - "$root/${file[$page]}" ||
    die "two fetches of ${path[$page]} differ"
done

# --- nginx --------------------------------------------------------------------------------------
nginx_port=$(free_port)
mkdir -p "$tmp/nginx"
user_line=""
[[ $(id -u) -eq 0 ]] && user_line="user $(id -un) $(id -gn);"
cat >"$tmp/nginx/nginx.conf" <<EOF
$user_line
daemon off;
worker_processes auto;
pid $tmp/nginx/nginx.pid;
error_log $tmp/nginx/error.log warn;
events { worker_connections 1024; }
http {
  types { text/html html; }
  default_type text/html;
  access_log off;
  sendfile on;
  tcp_nopush on;
  keepalive_requests 1000000;
  keepalive_timeout 65s;
  client_body_temp_path $tmp/nginx/client_body;
  proxy_temp_path $tmp/nginx/proxy;
  fastcgi_temp_path $tmp/nginx/fastcgi;
  uwsgi_temp_path $tmp/nginx/uwsgi;
  scgi_temp_path $tmp/nginx/scgi;
  server {
    listen 127.0.0.1:$nginx_port;
    root $root;
    location / { try_files \$uri =404; }
  }
}
EOF
nginx -p "$tmp/nginx" -c "$tmp/nginx/nginx.conf" -e "$tmp/nginx/error.log" &
nginx_pid=$!
for _ in $(seq 100); do
  curl -sf -o /dev/null "http://127.0.0.1:$nginx_port/dashboard.html" && break
  kill -0 "$nginx_pid" 2>/dev/null || { cat "$tmp/nginx/error.log"; die "nginx stopped"; }
  sleep 0.1
done
for page in dashboard unit; do
  curl -s "http://127.0.0.1:$nginx_port/${file[$page]}" | cmp -s - "$root/${file[$page]}" ||
    die "nginx does not serve ${file[$page]} as saved"
done

# --- wrk ----------------------------------------------------------------------------------------
# Counts every response that is not a 200 of exactly the saved page's length (a 303 to the login
# page, a 500, a truncated body); wrk itself counts only 4xx/5xx. The same script runs against both
# servers, so both pay for handing the body to Lua.
cat >"$tmp/check.lua" <<'EOF'
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args)
  expected = tonumber(args[1])
  bad = 0
  first_bad = 0
end
function response(status, headers, body)
  if status ~= 200 or #body ~= expected then
    bad = bad + 1
    if first_bad == 0 then first_bad = status end
  end
end
function done(summary, latency, requests)
  local total, first = 0, 0
  for _, t in ipairs(threads) do
    total = total + t:get("bad")
    if first == 0 then first = t:get("first_bad") end
  end
  io.write(string.format("bad_responses %d first_bad_status %d\n", total, first))
end
EOF

# Milliseconds from wrk's "1.23ms", "850.00us", "1.02s".
to_ms() {
  awk -v v="$1" 'BEGIN {
    if (v ~ /us$/) { sub(/us$/, "", v); printf "%.3f", v / 1000 }
    else if (v ~ /ms$/) { sub(/ms$/, "", v); printf "%.3f", v }
    else if (v ~ /m$/) { sub(/m$/, "", v); printf "%.3f", v * 60000 }
    else { sub(/s$/, "", v); printf "%.3f", v * 1000 } }'
}

# Percent of the CPUs busy over the next $1 seconds (every process, this script's servers idle).
cpu_busy() {
  local a b
  read -ra a < <(head -1 /proc/stat)
  sleep "$1"
  read -ra b < <(head -1 /proc/stat)
  awk -v u=$((b[1] + b[2] + b[3] + b[6] + b[7] - a[1] - a[2] - a[3] - a[6] - a[7])) \
    -v i=$((b[4] + b[5] - a[4] - a[5])) 'BEGIN { printf "%.0f", 100 * u / (u + i) }'
}
# On a shared machine other work skews both servers' figures: wait (at most WAIT_IDLE seconds,
# default 600; 0 skips) until the CPUs are at least 90 % idle before each run, and say how busy
# they were.
wait_idle() {
  local waited=0 busy
  while :; do
    busy=$(cpu_busy 2)
    ((busy <= 10 || waited >= ${WAIT_IDLE:-600})) && break
    ((waited == 0)) && echo "  waiting for the CPUs to be idle ($busy % busy)" >&2
    waited=$((waited + 2))
  done
  echo "  CPUs $busy % busy before the run; load average $(cut -d' ' -f1-3 /proc/loadavg)" >&2
}

# User, system and stolen jiffies of the whole machine, and user and system jiffies of the
# processes given.
cpu_jiffies() { awk '/^cpu / { print $2 + $3 + $4 + $9 }' /proc/stat; }
process_jiffies() {
  local total=0 pid
  for pid in "$@"; do
    total=$((total + $(awk '{ sub(/^.*\) /, ""); print $12 + $13 }' "/proc/$pid/stat")))
  done
  echo "$total"
}

# Connections the kernel refused because a listen queue was full (the whole machine's count).
listen_drops() {
  awk '$1 == "TcpExt:" { if (!n) { for (i = 2; i <= NF; i++) name[i] = $i; n = 1 }
       else for (i = 2; i <= NF; i++) if (name[i] == "ListenDrops") print $i }' /proc/net/netstat
}

declare -A rps p50 p99 errors detail others server_cpu drops
run_wrk() {
  local name=$1 url=$2 expected=$3 log="$tmp/wrk-$1.txt"
  shift 3
  echo "wrk: $name ($url) for ${SECONDS_}s at $CONNECTIONS connections" >&2
  if [[ "${WAIT_IDLE:-600}" != 0 ]]; then wait_idle; fi
  local server_pids=("$agp_pid")
  [[ "$name" == nginx-* ]] && mapfile -t server_pids < <(echo "$nginx_pid"; pgrep -P "$nginx_pid")
  local cpu0 server0 t0 cpu1 server1 t1
  local drops0
  drops0=$(listen_drops)
  cpu0=$(cpu_jiffies)
  server0=$(process_jiffies "${server_pids[@]}")
  t0=$(date +%s.%N)
  /usr/bin/time -f '%U %S' -o "$tmp/wrk.time" \
    wrk -t"$WRK_THREADS" -c"$CONNECTIONS" -d"${SECONDS_}s" --latency "$@" -s "$tmp/check.lua" \
    "$url" -- "$expected" >"$log" 2>&1 || { cat "$log"; die "wrk failed"; }
  cpu1=$(cpu_jiffies)
  drops[$name]=$(($(listen_drops) - drops0))
  server1=$(process_jiffies "${server_pids[@]}")
  t1=$(date +%s.%N)
  # What the rest of the machine used meanwhile, in percent of all CPUs: user and system time of
  # every process, less the server's and wrk's, and time the hypervisor gave to other machines.
  others[$name]=$(awk -v c=$((cpu1 - cpu0)) -v s=$((server1 - server0)) -v hz="$(getconf CLK_TCK)" \
    -v n="$(nproc)" -v t0="$t0" -v t1="$t1" -v w="$(awk '{ print $1 + $2 }' "$tmp/wrk.time")" \
    'BEGIN { o = c / hz - s / hz - w; if (o < 0) o = 0; printf "%.0f", 100 * o / (n * (t1 - t0)) }')
  server_cpu[$name]=$(awk -v s=$((server1 - server0)) -v hz="$(getconf CLK_TCK)" -v t0="$t0" \
    -v t1="$t1" 'BEGIN { printf "%.2f", s / hz / (t1 - t0) }')
  cp "$log" "$out_dir/wrk-$name.txt"
  rps[$name]=$(awk '/^Requests\/sec:/ { print $2 }' "$log")
  p50[$name]=$(to_ms "$(awk '$1 == "50%" { print $2 }' "$log")")
  p99[$name]=$(to_ms "$(awk '$1 == "99%" { print $2 }' "$log")")
  local socket non2xx bad
  socket=$(awk '/Socket errors:/ { gsub(/,/, ""); print $4 + $6 + $8 + $10 }' "$log")
  non2xx=$(awk '/Non-2xx or 3xx responses:/ { print $5 }' "$log")
  bad=$(awk '/^bad_responses/ { print $2 }' "$log")
  socket=${socket:-0}
  non2xx=${non2xx:-0}
  [[ -n "$bad" ]] || die "the wrk script did not report ($log)"
  # Non-2xx responses are among the bad ones, so they are not added twice.
  errors[$name]=$((socket + bad))
  detail[$name]="$socket socket, $bad not the page, ${drops[$name]} SYNs dropped"
}

out_dir=bench/out/web
mkdir -p "$out_dir"
cookie_header="Cookie: agp_session=$session"
# Each page on agp, then at once on nginx, so that a ratio compares runs close in time.
for page in dashboard unit; do
  bytes=$(stat -c %s "$root/${file[$page]}")
  run_wrk "agp-$page" "$agp_url${path[$page]}" "$bytes" -H "$cookie_header"
  run_wrk "nginx-$page" "http://127.0.0.1:$nginx_port/${file[$page]}" "$bytes"
done
agp_hwm=$(awk '/^VmHWM:/ { print $2 }' "/proc/$agp_pid/status")
agp_threads=$(awk '/^Threads:/ { print $2 }' "/proc/$agp_pid/status")
# A run that ended in a failing request would leave its trace here.
serve_errors=$(wc -l <"$tmp/serve.err")

# --- the table ----------------------------------------------------------------------------------
yes_no() { if [[ "$1" == 1 ]]; then echo "met"; else echo "**not met**"; fi; }
{
  echo "agp serve ($AGP, ${AGP_THREADS:+--threads $AGP_THREADS, }session: $AS;" \
    "source at $(git rev-parse --short HEAD 2>/dev/null || echo '?')$(git diff --quiet HEAD -- src apps 2>/dev/null || echo ' with uncommitted changes'))" \
    "and nginx $(nginx -v 2>&1 | sed 's/.*nginx\///') on 127.0.0.1; demo municipality at $EMPLOYEES employees;" \
    "wrk -t$WRK_THREADS -c$CONNECTIONS -d${SECONDS_}s --latency, each target alone, $(date -u +%Y-%m-%d)."
  echo
  echo "| target | page bytes | req/s | p50 ms | p99 ms | errors | server CPUs | others' CPU |"
  echo "|---|---|---|---|---|---|---|---|"
  for server in agp nginx; do
    for page in dashboard unit; do
      name="$server-$page"
      label="$server ${path[$page]}"
      [[ "$server" == nginx ]] && label="nginx /${file[$page]}"
      printf '| %s | %s | %.0f | %.2f | %.2f | %d (%s) | %s | %s %% |\n' "$label" \
        "$(stat -c %s "$root/${file[$page]}")" "${rps[$name]}" "${p50[$name]}" "${p99[$name]}" \
        "${errors[$name]}" "${detail[$name]}" "${server_cpu[$name]}" "${others[$name]}"
    done
  done
  echo
  echo "| page | agp / nginx req/s | 0 errors | p99 < 20 ms | ratio ≥ 0.5 |"
  echo "|---|---|---|---|---|"
  for page in dashboard unit; do
    ratio=$(awk -v a="${rps[agp-$page]}" -v n="${rps[nginx-$page]}" 'BEGIN { printf "%.3f", a / n }')
    ok_errors=$([[ "${errors[agp-$page]}" == 0 ]] && echo 1 || echo 0)
    ok_p99=$(awk -v p="${p99[agp-$page]}" 'BEGIN { print (p < 20) ? 1 : 0 }')
    ok_ratio=$(awk -v r="$ratio" 'BEGIN { print (r >= 0.5) ? 1 : 0 }')  # three decimals: 0.495 fails
    printf '| %s | %s | %s | %s | %s |\n' "${path[$page]}" "$ratio" "$(yes_no "$ok_errors")" \
      "$(yes_no "$ok_p99")" "$(yes_no "$ok_ratio")"
  done
  echo
  echo "agp serve peak RSS (VmHWM): $((agp_hwm / 1024)) MiB; $agp_threads threads; $serve_errors lines on its standard error."
} | tee "$out_dir/web.md"
