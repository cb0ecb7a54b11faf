#!/usr/bin/env bash
# Folio on several machines, on one: two `folio serve` processes on one
# PostgreSQL behind HAProxy (health checks, redispatch on connection
# failures), a write load of comments through HAProxy, and one process killed
# with SIGKILL mid-load. Passes when
#   - both processes served comments before the kill, the survivor after it;
#   - every request that failed was in flight when the process died (it
#     started before the process was gone): HAProxy sends later ones to the
#     survivor, so none of them fails;
#   - every comment that got its 303 is in the database.
# Loopback only, free ports, bounded in time (DEADLINE seconds, default 120).
#
# Usage: scale_out_test.sh <folio binary>
# Needs FOLIO_TEST_POSTGRES_URL (scripts/with-postgres sets it; `make test`
# runs ctest through it); without it the test is skipped (exit 77), or fails
# when RELATE_TEST_REQUIRE_POSTGRES or CI is set. Works in a schema of its
# own, so that it runs beside other tests on the same server.
set -euo pipefail
export LC_ALL=C
folio=$(realpath "$1")
deadline=$((SECONDS + ${DEADLINE:-120}))
loops=${LOOPS:-4}  # parallel clients, one request in flight each
before_kill=${BEFORE_KILL:-40}  # 303s to see (from both processes) before the kill
after_kill=${AFTER_KILL:-40}    # 303s to see after it

fail() { echo "FAIL: $*" >&2; exit 1; }
required() { [ "${1:-}" != "" ] && [ "$1" != 0 ] && [ "$1" != false ]; }

base_url=${FOLIO_TEST_POSTGRES_URL:-}
if [ -z "$base_url" ]; then
  msg="FOLIO_TEST_POSTGRES_URL is not set: run through scripts/with-postgres (as make test does)"
  if required "${RELATE_TEST_REQUIRE_POSTGRES:-}" || required "${CI:-}"; then fail "$msg"; fi
  echo "SKIP: $msg"
  exit 77
fi
for tool in haproxy curl psql; do
  command -v "$tool" >/dev/null || fail "$tool is not installed (scripts/install-deps)"
done

work=$(mktemp -d)
schema="scale_out_$(od -An -N6 -tx1 /dev/urandom | tr -d ' \n')"
pids=()
cleanup() {
  local status=$?
  touch "$work/stop"
  for pid in "${pids[@]}"; do
    kill -KILL "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  psql -X -q "$base_url" -c "DROP SCHEMA IF EXISTS $schema CASCADE" >/dev/null 2>&1 || true
  if [ "$status" -ne 0 ] && [ "$status" -ne 77 ]; then
    for log in "$work"/*.err "$work"/haproxy.log; do
      [ -s "$log" ] && { echo "--- $(basename "$log")"; tail -20 "$log"; } >&2
    done
  fi
  rm -rf "$work"
  exit "$status"
}
trap cleanup EXIT

# docs/deploy.md's example configuration must stay valid.
awk '/^```haproxy$/ {on = 1; next} /^```$/ {on = 0} on' \
  "$(dirname "$0")/../../docs/deploy.md" >"$work/deploy-example.cfg"
check=$(haproxy -c -f "$work/deploy-example.cfg" 2>&1) ||
  fail "docs/deploy.md's HAProxy configuration is invalid: $check"

psql -X -q -v ON_ERROR_STOP=1 "$base_url" -c "CREATE SCHEMA $schema" >/dev/null
# Every connection of every process works in the test's schema.
url="$base_url?options=-csearch_path%3D$schema"
export FOLIO_DATABASE_URL="$url"
export FOLIO_INSTANCE_PATH="$work/instance"
export FOLIO_SECRET_KEY="scale-out-test-secret-key-0123456789abcdef"  # shared by both
export FOLIO_COMMENT_RATE_LIMIT=0
export FOLIO_TRUSTED_PROXIES=127.0.0.1  # HAProxy
"$folio" db init --sample >/dev/null

# start_folio <name>: serves on a free port (the kernel's pick, read from the
# banner); sets $pid and $port.
start_folio() {
  : >"$work/$1.out"  # before the child opens it: read below at once
  "$folio" serve --port 0 --threads 2 >"$work/$1.out" 2>"$work/$1.err" &
  pid=$!
  pids+=("$pid")
  port=""
  while [ -z "$port" ]; do
    [ "$SECONDS" -lt "$deadline" ] || fail "$1 did not start"
    kill -0 "$pid" 2>/dev/null || fail "$1 exited: $(cat "$work/$1.err")"
    port=$(sed -n 's|.*Serving Folio on http://127.0.0.1:\([0-9]*\).*|\1|p' "$work/$1.out")
    [ -n "$port" ] || sleep 0.1
  done
}
start_folio folio1
folio1_pid=$pid folio1_port=$port
start_folio folio2
folio2_port=$port

# HAProxy in the foreground, as a child, on a free port (retried if taken).
# The same settings as docs/deploy.md's example: health checks every 200 ms,
# down after two failures; a refused connection is retried on the other
# server. X-Folio-Server names the server that answered.
lb=""
for _ in $(seq 20); do
  lb_port=$((20000 + RANDOM % 30000))
  if (exec 3<>"/dev/tcp/127.0.0.1/$lb_port") 2>/dev/null; then continue; fi
  cat >"$work/haproxy.cfg" <<CFG
global
  maxconn 1000
defaults
  mode http
  timeout connect 2s
  timeout client 30s
  timeout server 30s
  timeout check 2s
  retries 3
  option redispatch 1
frontend folio
  bind 127.0.0.1:$lb_port
  option forwardfor
  default_backend folio
backend folio
  balance roundrobin
  option httpchk
  http-check send meth GET uri /about/
  http-check expect status 200
  default-server inter 200ms fall 2 rise 2
  http-response set-header X-Folio-Server %s
  server folio1 127.0.0.1:$folio1_port check
  server folio2 127.0.0.1:$folio2_port check
CFG
  haproxy -db -f "$work/haproxy.cfg" >"$work/haproxy.log" 2>&1 &
  haproxy_pid=$!
  pids+=("$haproxy_pid")
  while kill -0 "$haproxy_pid" 2>/dev/null && [ "$SECONDS" -lt "$deadline" ]; do
    if [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$lb_port/about/")" = 200 ]; then
      lb="http://127.0.0.1:$lb_port"
      break 2
    fi
    sleep 0.1
  done
done
[ -n "$lb" ] || fail "HAProxy did not start: $(cat "$work/haproxy.log")"

# load <n>: one client posting comments to post 1 until told to stop, one at
# a time; each request is a line "start end content status server".
load() {
  local jar="$work/jar.$1" page token n=0 start result
  page=$(curl -sf -c "$jar" "$lb/1/") || { echo "client $1: no post page" >&2; return 1; }
  # A visitor's page has no token: its form is taken on its Origin.
  token=$(sed -n 's/.*name="csrf_token" value="\([^"]*\)".*/\1/p' <<<"$page" | head -1)
  while [ ! -e "$work/stop" ] && [ "$SECONDS" -lt "$deadline" ]; do
    n=$((n + 1))
    start=$EPOCHREALTIME
    result=$(curl -s -o /dev/null --max-time 20 -b "$jar" -H "Origin: $lb" \
      --data-urlencode "csrf_token=$token" --data-urlencode "content=scale-out-$1-$n" \
      -w '%{http_code} %header{x-folio-server}' "$lb/1/") || true
    echo "$start $EPOCHREALTIME scale-out-$1-$n ${result:-000}" >>"$work/load.$1"
  done
}
load_pids=()
for i in $(seq "$loops"); do
  load "$i" &
  load_pids+=($!)
  pids+=($!)
done

requests() { cat "$work"/load.* 2>/dev/null || true; }
count() { requests | awk "$1" | wc -l; }  # count <awk condition>
wait_until() {  # wait_until <what> <awk condition> <n>
  while [ "$(count "$2")" -lt "$3" ]; do
    [ "$SECONDS" -lt "$deadline" ] || fail "timed out waiting for $1 ($(count "$2") of $3)"
    sleep 0.1
  done
}

wait_until "303s from folio1" '$4 == 303 && $5 == "folio1"' $((before_kill / 2))
wait_until "303s from folio2" '$4 == 303 && $5 == "folio2"' $((before_kill / 2))
kill -KILL "$folio1_pid"
wait "$folio1_pid" 2>/dev/null || true  # gone, its sockets closed
killed_at=$EPOCHREALTIME
wait_until "303s after the kill" "\$1 > $killed_at && \$4 == 303" "$after_kill"
touch "$work/stop"
for pid in "${load_pids[@]}"; do wait "$pid" || fail "a client stopped early"; done

sent=$(count 1)
ok=$(count '$4 == 303')
failed=$(count '$4 != 303')
late_failures=$(count "\$4 != 303 && \$1 > $killed_at")
late_folio1=$(count "\$1 > $killed_at && \$5 == \"folio1\"")
requests | awk '$4 == 303 {print $3}' | sort -u >"$work/acknowledged"
psql -X -q -At -v ON_ERROR_STOP=1 "$url" \
  -c "SELECT content FROM comment WHERE content LIKE 'scale-out-%'" | sort -u >"$work/stored"
stored=$(wc -l <"$work/stored")
missing=$(comm -23 "$work/acknowledged" "$work/stored" | wc -l)

echo "requests sent: $sent (by $loops clients), 303: $ok, failed: $failed" \
  "(all in flight to the killed process: $((failed - late_failures)))"
echo "comments in the database: $stored; acknowledged but missing: $missing"
echo "after the kill: $(count "\$1 > $killed_at") requests, $late_failures failed," \
  "$late_folio1 answered by folio1"

[ "$late_failures" -eq 0 ] || fail "$late_failures request(s) that started after the kill failed:
$(requests | awk "\$4 != 303 && \$1 > $killed_at")"
[ "$late_folio1" -eq 0 ] || fail "the killed process answered after the kill"
[ "$failed" -le "$loops" ] || fail "$failed requests failed; at most $loops were in flight"
[ "$missing" -eq 0 ] || fail "$missing acknowledged comment(s) are not in the database:
$(comm -23 "$work/acknowledged" "$work/stored" | head)"
[ "$ok" -ge $((before_kill + after_kill)) ] || fail "only $ok comments were acknowledged"
echo "scale-out test passed"
