#!/usr/bin/env bash
# The real `folio serve` (temporary SQLite blog with the tutorial's posts, a free loopback
# port) under a hostile-but-fair client (web/tests/hostile_client.cpp). One scenario per run:
#   flood-one-headers | flood-one-body     slow connections from one client (127.0.0.2)
#   flood-many-headers | flood-many-body   from many (127.0.0.10-127.0.0.19)
#       CONNECTIONS slow connections (default 1100: just over the 1,024 cap) while a normal
#       client (127.0.0.3) makes PROBES requests on new connections: all 200, p99 < 100 ms.
#   battery     malformed requests: each a 4xx (an unknown method 501), the server alive after
#   shutdown    SIGTERM while requests are in flight: exit 0, no response cut off
#   proxy       FOLIO_TRUSTED_PROXIES reaches the server: 200 connections from the proxy
#               (127.0.0.2) are all served, a client (127.0.0.4) gets its 128 and no more
# Loopback only; bounded in time (DEADLINE seconds, default 90); stops by itself.
#
# Usage: hostile_test.sh <folio binary> <hostile_client binary> <scenario>
set -euo pipefail
export LC_ALL=C
folio=$(realpath "$1")
client=$(realpath "$2")
scenario=$3
deadline_s=${DEADLINE:-90}
deadline=$((SECONDS + deadline_s))
connections=${CONNECTIONS:-1100}
probes=${PROBES:-60}

fail() { echo "FAIL: $*" >&2; exit 1; }

work=$(mktemp -d)
pid=""
cleanup() {
  local status=$?
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
    kill -KILL "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  fi
  if [ "$status" -ne 0 ]; then
    { echo "--- folio's stderr (last lines)"; grep -v '" 200 ' "$work/folio.err" | tail -20; } >&2 || true
  fi
  rm -rf "$work"
  exit "$status"
}
trap cleanup EXIT

cd "$work"
unset FOLIO_DATABASE_URL FOLIO_TRUSTED_PROXIES
[ "$scenario" = proxy ] && export FOLIO_TRUSTED_PROXIES=127.0.0.2
export FOLIO_INSTANCE_PATH="$work/instance"
export FOLIO_SECRET_KEY="hostile-test-secret-key-0123456789abcdef"
export FOLIO_COMMENT_RATE_LIMIT=0
"$folio" db init --sample >/dev/null

: >"$work/folio.out"
"$folio" serve --port 0 --threads 2 >"$work/folio.out" 2>"$work/folio.err" &
pid=$!
port=""
while [ -z "$port" ]; do
  [ "$SECONDS" -lt "$deadline" ] || fail "folio did not start"
  kill -0 "$pid" 2>/dev/null || fail "folio exited: $(cat "$work/folio.err")"
  port=$(sed -n 's|.*Serving Folio on http://127.0.0.1:\([0-9]*\).*|\1|p' "$work/folio.out")
  [ -n "$port" ] || sleep 0.1
done
left=$((deadline - SECONDS))

many=127.0.0.10,127.0.0.11,127.0.0.12,127.0.0.13,127.0.0.14,127.0.0.15,127.0.0.16,127.0.0.17,127.0.0.18,127.0.0.19
case "$scenario" in
  flood-one-headers | flood-one-body | flood-many-headers | flood-many-body)
    kind=${scenario##*-}
    from=127.0.0.2
    [[ "$scenario" == flood-many-* ]] && from=$many
    "$client" flood --port "$port" --kind "$kind" --from "$from" --connections "$connections" \
      --probe-from 127.0.0.3 --probes "$probes" --path /1/ --max-p99-ms 100 --deadline-s "$left"
    ;;
  proxy)
    "$client" hold --port "$port" --from 127.0.0.2 --count 200 --expect-200 200 --deadline-s "$left"
    "$client" hold --port "$port" --from 127.0.0.4 --count 200 --expect-200 128 --deadline-s "$left"
    ;;
  battery)
    "$client" battery --port "$port" --path /1/ --deadline-s "$left"
    ;;
  shutdown)
    "$client" inflight --port "$port" --path /1/ --loops 4 --deadline-s "$left" \
      >"$work/inflight.out" 2>"$work/inflight.err" &
    loader=$!
    until grep -q '^ready$' "$work/inflight.out"; do
      [ "$SECONDS" -lt "$deadline" ] || fail "the load did not start"
      kill -0 "$loader" 2>/dev/null || fail "the load ended early: $(cat "$work/inflight.err")"
      sleep 0.05
    done
    kill -TERM "$pid"
    status=0
    wait "$pid" || status=$?
    pid=""
    loader_status=0
    wait "$loader" || loader_status=$?
    cat "$work/inflight.out"
    [ "$status" -eq 0 ] || fail "folio exited with status $status after SIGTERM"
    [ "$loader_status" -eq 0 ] || fail "$(cat "$work/inflight.err")"
    grep -qs "signal 15 received, shutting down" "$work/folio.out" "$work/folio.err" ||
      fail "no shutdown log line"
    exit 0
    ;;
  *)
    fail "unknown scenario $scenario"
    ;;
esac

# The server survived: it still answers, then stops cleanly.
code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 10 "http://127.0.0.1:$port/1/") || true
[ "$code" = 200 ] || fail "folio does not answer after the scenario (got '$code')"
kill -TERM "$pid"
status=0
wait "$pid" || status=$?
pid=""
[ "$status" -eq 0 ] || fail "folio exited with status $status after SIGTERM"
