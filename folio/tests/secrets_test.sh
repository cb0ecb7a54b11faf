#!/usr/bin/env bash
# No credential is ever printed: every folio command, and the server under a
# little traffic, run on PostgreSQL with a URL that carries a password and a
# known FOLIO_SECRET_KEY, with SQL echo on; all that they write (stdout,
# stderr) is searched for the password and the key.
#
# Usage: secrets_test.sh <folio binary>
# Needs FOLIO_TEST_POSTGRES_URL (scripts/with-postgres sets it, with a
# password); without it the test is skipped (77), or fails when
# RELATE_TEST_REQUIRE_POSTGRES or CI is set.
set -euo pipefail
export LC_ALL=C
folio=$(realpath "$1")
fail() { echo "FAIL: $*" >&2; exit 1; }
required() { [ "${1:-}" != "" ] && [ "$1" != 0 ] && [ "$1" != false ]; }

base_url=${FOLIO_TEST_POSTGRES_URL:-}
if [ -z "$base_url" ]; then
  msg="FOLIO_TEST_POSTGRES_URL is not set: run through scripts/with-postgres (as make test does)"
  if required "${RELATE_TEST_REQUIRE_POSTGRES:-}" || required "${CI:-}"; then fail "$msg"; fi
  echo "SKIP: $msg"
  exit 77
fi
# postgresql://user:PASSWORD@host...
password=$(sed -n 's|^[a-z]*://[^:/@]*:\([^@]*\)@.*|\1|p' <<<"$base_url")
[ ${#password} -ge 8 ] || fail "FOLIO_TEST_POSTGRES_URL has no password to look for"
secret_key="secrets-test-key-$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')"

work=$(mktemp -d)
schema="secrets_$(od -An -N6 -tx1 /dev/urandom | tr -d ' \n')"
server_pid=""
cleanup() {
  local status=$?
  [ -n "$server_pid" ] && kill -KILL "$server_pid" 2>/dev/null
  psql -X -q "$base_url" -c "DROP SCHEMA IF EXISTS $schema CASCADE" >/dev/null 2>&1 || true
  rm -rf "$work"
  exit "$status"
}
trap cleanup EXIT
psql -X -q -v ON_ERROR_STOP=1 "$base_url" -c "CREATE SCHEMA $schema" >/dev/null

export FOLIO_DATABASE_URL="$base_url?options=-csearch_path%3D$schema"
export FOLIO_SECRET_KEY="$secret_key"
export FOLIO_INSTANCE_PATH="$work/instance"
export FOLIO_ECHO_SQL=1
export FOLIO_COMMENT_RATE_LIMIT=0
out="$work/output"  # everything every command wrote, stdout and stderr
: >"$out"

# run <expected status> <command...>: runs folio, keeping all it writes.
run() {
  local want=$1 status=0
  shift
  "$folio" "$@" </dev/stdin >>"$out" 2>&1 || status=$?
  [ "$status" -eq "$want" ] || fail "folio $* exited $status, not $want: $(tail -5 "$out")"
}
run 0 db init </dev/null
run 0 db init --sample </dev/null
run 0 db seed --posts 3 --comments-per-post 2 </dev/null
echo "a long enough password for ada" | run 0 user create ada --admin
run 0 routes </dev/null
run 1 db backup "$work/backup.db" </dev/null  # PostgreSQL: pg_dump's job, said clearly
# A database that does not exist, on the same server with the same password.
FOLIO_DATABASE_URL="${base_url%/*}/no_such_database" run 1 db init </dev/null
# A URL that does not parse, with the password in it.
FOLIO_DATABASE_URL="postgresql://folio:$password@127.0.0.1:notaport/x" run 1 db init </dev/null

# The server, under a little traffic: pages, a comment, a failed and a good login.
"$folio" serve --port 0 --threads 2 >"$work/serve.out" 2>"$work/serve.err" &
server_pid=$!
port=""
for _ in $(seq 300); do
  port=$(sed -n 's|.*Serving Folio on http://127.0.0.1:\([0-9]*\).*|\1|p' "$work/serve.out")
  [ -n "$port" ] && break
  kill -0 "$server_pid" 2>/dev/null || fail "the server exited: $(cat "$work/serve.err")"
  sleep 0.1
done
[ -n "$port" ] || fail "the server did not start"
site="http://127.0.0.1:$port"
jar="$work/jar"
token=$(curl -sf -c "$jar" -b "$jar" "$site/1/" | sed -n 's/.*name="csrf_token" value="\([^"]*\)".*/\1/p' | head -1)
status=$(curl -s -o /dev/null -w '%{http_code}' -c "$jar" -b "$jar" -H "Origin: $site" \
  --data-urlencode "csrf_token=$token" --data-urlencode "content=hello" "$site/1/")
[ "$status" = 303 ] || fail "posting a comment answered $status"
for pw in wrong "a long enough password for ada"; do
  curl -s -o /dev/null -c "$jar" -b "$jar" "$site/login"
  token=$(curl -sf -c "$jar" -b "$jar" "$site/login" | sed -n 's/.*name="csrf_token" value="\([^"]*\)".*/\1/p' | head -1)
  curl -s -o /dev/null -c "$jar" -b "$jar" -H "Origin: $site" --data-urlencode "csrf_token=$token" \
    --data-urlencode "username=ada" --data-urlencode "password=$pw" "$site/login"
done
curl -s -o /dev/null "$site/no/such/page"
kill -TERM "$server_pid"
wait "$server_pid" || true
server_pid=""
cat "$work/serve.out" "$work/serve.err" >>"$out"

run 0 db drop </dev/null

lines=$(wc -l <"$out")
[ "$lines" -ge 10 ] || fail "the commands wrote only $lines lines: is something missing?"
grep -q "Serving Folio" "$out" || fail "the server's banner is missing"
grep -q "pg_dump" "$out" || fail "db backup on PostgreSQL did not point to pg_dump"
if grep -nF -- "$password" "$out" >&2; then fail "the database password was printed (lines above)"; fi
if grep -nF -- "$secret_key" "$out" >&2; then fail "the secret key was printed (lines above)"; fi
echo "no secret in $lines lines of output from every command and the server"
