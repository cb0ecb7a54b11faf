#!/usr/bin/env bash
# Crash safety: `folio serve` is killed with SIGKILL while four writers post
# comments, ROUNDS times (default 10; `make soak` runs 100), then restarted.
# Passes when, every round,
#   - every comment answered with its 303 before the kill is in the database
#     (0 acknowledged comments lost: a 303 is sent only after the commit);
#   - SQLite: `folio db check` (PRAGMA integrity_check, through relate) and
#     the sqlite3 CLI's integrity_check say "ok";
#   - the server starts again on the same database and serves the post.
#
# Usage: crash_test.sh <folio binary> sqlite|postgresql|mariadb
# PostgreSQL needs FOLIO_TEST_POSTGRES_URL (scripts/with-postgres), MariaDB
# FOLIO_TEST_MARIADB_URL (scripts/with-mariadb); without it that case is
# skipped (77), or fails when RELATE_TEST_REQUIRE_POSTGRES (_MARIADB) or CI
# is set. The database server itself is not killed, only Folio.
set -euo pipefail
folio=$(realpath "$1")
backend=$2
rounds=${ROUNDS:-10}
writers=${WRITERS:-4}
per_round=${ACKS_PER_ROUND:-12}  # 303s to see before each kill
. "$(dirname "$0")/test_lib.sh"
use_database
"$folio" db init --sample >/dev/null 2>"$work/init.err" || fail "db init: $(cat "$work/init.err")"

cleanup_hooks+=(stop_writers)

total_acked=0
total_lost=0
for round in $(seq "$rounds"); do
  rm -f "$work/stop"
  start_server "round$round"
  [ "$(curl -s -o /dev/null -w '%{http_code}' "$site/1/")" = 200 ] ||
    fail "round $round: the restarted server does not serve the post"
  for w in $(seq "$writers"); do
    writer "$w" "crash-$round-" &
    writer_pids+=($!)
  done
  deadline=$((SECONDS + 60))
  while [ "$(acknowledged "crash-$round-" | wc -l)" -lt "$per_round" ]; do
    [ "$SECONDS" -lt "$deadline" ] || fail "round $round: only $(acknowledged "crash-$round-" | wc -l) comments acknowledged in 60 s"
    sleep 0.02
  done
  kill -KILL "$server_pid"
  wait "$server_pid" 2>/dev/null || true
  server_pid=""
  stop_writers

  acknowledged "crash-$round-" >"$work/acked"
  stored_comments "crash-$round-" >"$work/stored"
  acked=$(wc -l <"$work/acked")
  lost=$(comm -23 "$work/acked" "$work/stored" | wc -l)
  total_acked=$((total_acked + acked))
  total_lost=$((total_lost + lost))
  [ "$lost" -eq 0 ] || fail "round $round: $lost of $acked acknowledged comments are not in the database:
$(comm -23 "$work/acked" "$work/stored" | head)"
  if [ "$backend" = sqlite ]; then
    check=$("$folio" db check 2>&1) || fail "round $round: folio db check: $check"
    cli=$(sqlite3 "$database_file" "PRAGMA integrity_check")
    [ "$cli" = ok ] || fail "round $round: sqlite3's integrity_check: $cli"
  fi
done
# The last round's restart, too.
start_server "after"
[ "$(curl -s -o /dev/null -w '%{http_code}' "$site/1/")" = 200 ] || fail "the server does not serve the post after the last kill"

integrity="ok after every round"
[ "$backend" = sqlite ] || integrity="not applicable ($backend: Folio was killed, not the server)"
echo "$backend: $rounds rounds of SIGKILL under $writers writers: $total_acked comments acknowledged, $total_lost lost; integrity: $integrity; restarted every round"
[ "$total_acked" -ge $((rounds * per_round)) ] || fail "too few comments acknowledged"
echo "crash test passed"
