# Shared by the shell tests that run `folio serve` for real (crash_test.sh,
# backup_test.sh, soak_test.sh): a work folder, a database on either backend,
# starting the server on a free port, and posting comments with a CSRF token.
# Source it after setting: folio (the binary), backend (sqlite | postgresql | mariadb).
# Loopback only. Every function fails the test (exit 1) on error.

export LC_ALL=C
fail() { echo "FAIL: $*" >&2; exit 1; }
required() { [ "${1:-}" != "" ] && [ "$1" != 0 ] && [ "$1" != false ]; }
for tool in curl; do command -v "$tool" >/dev/null || fail "$tool is not installed (scripts/install-deps)"; done

work=$(mktemp -d)
server_pid=""
schema=""
cleanup_hooks=()
cleanup() {
  local status=$?
  touch "$work/stop"
  for hook in "${cleanup_hooks[@]}"; do "$hook" || true; done
  if [ -n "$server_pid" ]; then kill -KILL "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  if [ -n "$schema" ] && [ "$backend" = mariadb ]; then
    mariadb_sql "DROP DATABASE IF EXISTS $schema" >/dev/null 2>&1 || true
  elif [ -n "$schema" ]; then
    psql -X -q "$FOLIO_TEST_POSTGRES_URL" -c "DROP SCHEMA IF EXISTS $schema CASCADE" >/dev/null 2>&1 || true
  fi
  if [ "$status" -ne 0 ] && [ "$status" -ne 77 ]; then
    for log in "$work"/*.err; do [ -s "$log" ] && { echo "--- $(basename "$log")"; tail -20 "$log"; } >&2; done
  fi
  rm -rf "$work"
  exit "$status"
}
trap cleanup EXIT

export FOLIO_INSTANCE_PATH="$work/instance"
export FOLIO_SECRET_KEY="shell-test-secret-key-0123456789abcdef"
export FOLIO_COMMENT_RATE_LIMIT=0

# mariadb_sql <sql> [database]: runs SQL on FOLIO_TEST_MARIADB_URL's server
# (in ANSI mode, so that "quoted" names and || read as on the other backends),
# printing rows tab-separated without a header.
mariadb_sql() {
  local rest=${FOLIO_TEST_MARIADB_URL#*://} user password host port
  user=${rest%%:*}; rest=${rest#*:}
  password=${rest%%@*}; rest=${rest#*@}
  host=${rest%%:*}; rest=${rest#*:}
  port=${rest%%/*}
  mariadb --no-defaults -N -B -h "$host" -P "$port" -u "$user" -p"$password" \
    --init-command="SET SESSION sql_mode='ANSI'" ${2:+"$2"} -e "$1"
}

# use_database: sets FOLIO_DATABASE_URL for $backend (a file in the work
# folder, or a schema of its own on FOLIO_TEST_POSTGRES_URL's server, or a
# database of its own on FOLIO_TEST_MARIADB_URL's). Skips (77) the server
# cases without a server, unless one is required.
use_database() {
  case "$backend" in
    sqlite)
      command -v sqlite3 >/dev/null || fail "sqlite3 is not installed (scripts/install-deps)"
      database_file="$work/folio.db"
      export FOLIO_DATABASE_URL="sqlite:///$database_file"
      ;;
    postgresql)
      if [ -z "${FOLIO_TEST_POSTGRES_URL:-}" ]; then
        local msg="FOLIO_TEST_POSTGRES_URL is not set: run through scripts/with-postgres (as make test does)"
        if required "${RELATE_TEST_REQUIRE_POSTGRES:-}" || required "${CI:-}"; then fail "$msg"; fi
        echo "SKIP: $msg"
        exit 77
      fi
      command -v psql >/dev/null || fail "psql is not installed (scripts/install-deps)"
      schema="shell_test_$(od -An -N6 -tx1 /dev/urandom | tr -d ' \n')"
      psql -X -q -v ON_ERROR_STOP=1 "$FOLIO_TEST_POSTGRES_URL" -c "CREATE SCHEMA $schema" >/dev/null
      export FOLIO_DATABASE_URL="$FOLIO_TEST_POSTGRES_URL?options=-csearch_path%3D$schema"
      ;;
    mariadb)
      if [ -z "${FOLIO_TEST_MARIADB_URL:-}" ]; then
        local msg="FOLIO_TEST_MARIADB_URL is not set: run through scripts/with-mariadb (as make test does)"
        if required "${RELATE_TEST_REQUIRE_MARIADB:-}" || required "${CI:-}"; then fail "$msg"; fi
        echo "SKIP: $msg"
        exit 77
      fi
      command -v mariadb >/dev/null || fail "mariadb is not installed (scripts/install-deps)"
      schema="shell_test_$(od -An -N6 -tx1 /dev/urandom | tr -d ' \n')"
      mariadb_sql "CREATE DATABASE $schema CHARACTER SET utf8mb4 COLLATE utf8mb4_bin"
      export FOLIO_DATABASE_URL="${FOLIO_TEST_MARIADB_URL%/*}/$schema"
      ;;
    *) fail "unknown backend '$backend' (sqlite, postgresql or mariadb)" ;;
  esac
}

# stored_comments <prefix>: the contents of the stored comments starting with prefix, sorted.
stored_comments() {
  case "$backend" in
    sqlite) sqlite3 "$database_file" "SELECT content FROM comment WHERE content LIKE '$1%'" ;;
    postgresql) psql -X -q -At -v ON_ERROR_STOP=1 "$FOLIO_DATABASE_URL" \
      -c "SELECT content FROM comment WHERE content LIKE '$1%'" ;;
    mariadb) mariadb_sql "SELECT content FROM comment WHERE content LIKE '$1%'" "$schema" ;;
  esac | sort -u
}

# start_server <name>: `folio serve` on a free port; sets server_pid, site.
start_server() {
  local out="$work/$1.out" deadline=$((SECONDS + 60)) port=""
  : >"$out"
  "$folio" serve --port 0 --threads "${THREADS:-4}" >"$out" 2>"$work/$1.err" &
  server_pid=$!
  while [ -z "$port" ]; do
    [ "$SECONDS" -lt "$deadline" ] || fail "$1 did not start"
    kill -0 "$server_pid" 2>/dev/null || fail "$1 exited: $(tail -5 "$work/$1.err")"
    port=$(sed -n 's|.*Serving Folio on http://127.0.0.1:\([0-9]*\).*|\1|p' "$out")
    [ -n "$port" ] || sleep 0.05
  done
  site="http://127.0.0.1:$port"
}

# writer <name> <prefix>: posts comments "<prefix><name>-<n>" to post 1 until
# $work/stop exists or the server is gone for good; one line per request in
# $work/writes.<name>: "<start> <end> <content> <status>" (000: no answer).
writer() {
  local name=$1 prefix=$2 jar="$work/jar.$1" page="" token="" n=0 start status
  while [ ! -e "$work/stop" ]; do
    # The page first, as a browser: a visitor's has no token (its form is taken on its
    # Origin); one with a session has one.
    if [ -z "$page" ]; then
      page=$(curl -s --max-time 5 -c "$jar" "$site/1/") || page=""
      [ -n "$page" ] || { sleep 0.05; continue; }
      token=$(sed -n 's/.*name="csrf_token" value="\([^"]*\)".*/\1/p' <<<"$page" | head -1)
    fi
    n=$((n + 1))
    start=$EPOCHREALTIME
    status=$(curl -s -o /dev/null --max-time 20 -b "$jar" -H "Origin: $site" \
      --data-urlencode "csrf_token=$token" --data-urlencode "content=$prefix$name-$n" \
      -w '%{http_code}' "$site/1/") || true
    echo "$start $EPOCHREALTIME $prefix$name-$n ${status:-000}" >>"$work/writes.$name"
  done
}

# Writers started in the background (`writer ... & writer_pids+=($!)`);
# stop_writers asks them to stop and waits for them (a cleanup hook too).
writer_pids=()
stop_writers() {
  touch "$work/stop"
  for pid in "${writer_pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  writer_pids=()
}

# acknowledged <prefix>: the contents answered with 303, sorted.
acknowledged() {
  cat "$work"/writes.* 2>/dev/null | awk -v p="$1" '$4 == 303 && index($3, p) == 1 {print $3}' | sort -u
}
