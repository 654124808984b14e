# Shared by the web benchmarks (run.sh, attack.sh): start `agp serve` on a free port and sign in
# the way a browser does. Source it after setting AGP, tmp, die and serve_args.

# Starts "$AGP" --db "$1" serve "${serve_args[@]}" in the background, with an upload folder of its
# own (a server takes its upload folder alone, so the default one would clash with `make demo`);
# sets agp_pid, agp_port and agp_url.
start_agp() {
  mkdir -p "$tmp/uploads"
  "$AGP" --db "$1" serve "${serve_args[@]}" --upload-dir "$tmp/uploads" >"$tmp/serve.out" \
    2>"$tmp/serve.err" &
  agp_pid=$!
  agp_port=""
  for _ in $(seq 300); do
    agp_port=$(grep -o '127\.0\.0\.1:[0-9]*' "$tmp/serve.out" 2>/dev/null | head -1 | cut -d: -f2 || true)
    [[ -n "$agp_port" ]] && break
    kill -0 "$agp_pid" 2>/dev/null || { cat "$tmp/serve.err"; die "agp serve stopped"; }
    sleep 0.1
  done
  [[ -n "$agp_port" ]] || die "agp serve did not say its port"
  agp_url="http://127.0.0.1:$agp_port"
}

# Logs in as $1 with password $2 the way a browser does; prints the agp_session cookie's value.
log_in() {
  local jar="$tmp/jar-$1" token status session
  curl -sf -c "$jar" -b "$jar" -o "$tmp/login.html" "$agp_url/logg-inn" || die "GET /logg-inn failed"
  token=$(grep -o 'name="login_token" value="[^"]*"' "$tmp/login.html" | sed 's/.*value="//; s/"$//')
  [[ -n "$token" ]] || die "no login_token on the login page"
  status=$(curl -s -c "$jar" -b "$jar" -o /dev/null -D "$tmp/login.headers" -w '%{http_code}' \
    --data-urlencode "login_token=$token" --data-urlencode "navn=$1" \
    --data-urlencode "passord=$2" "$agp_url/logg-inn")
  [[ "$status" == 303 ]] || die "POST /logg-inn as $1 answered $status, not 303"
  session=$(grep -i '^set-cookie: agp_session=' "$tmp/login.headers" | sed 's/^[^=]*=//; s/;.*//' | tr -d '\r')
  [[ -n "$session" ]] || die "no agp_session cookie after logging in as $1"
  echo "$session"
}
