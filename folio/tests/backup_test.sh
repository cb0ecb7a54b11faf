#!/usr/bin/env bash
# `folio db backup` under write load, and docs/deploy.md's restore procedure:
# four writers post comments while the backup runs; the blog is then
# restored from the copy as the docs say and served again. Passes when every
# comment acknowledged (303) before the backup started is in the restored
# blog, the copy passes integrity_check, and the restored server serves it.
#
# Usage: backup_test.sh <folio binary>   (SQLite: PostgreSQL backups are pg_dump's)
set -euo pipefail
folio=$(realpath "$1")
backend=sqlite
. "$(dirname "$0")/test_lib.sh"
use_database
"$folio" db init --sample >/dev/null 2>"$work/init.err" || fail "db init: $(cat "$work/init.err")"

start_server before
cleanup_hooks+=(stop_writers)
for w in 1 2 3 4; do
  writer "$w" "backup-" &
  writer_pids+=($!)
done
acks() { acknowledged "backup-" | wc -l; }
wait_acks() {  # wait_acks <n>
  local deadline=$((SECONDS + 60))
  while [ "$(acks)" -lt "$1" ]; do
    [ "$SECONDS" -lt "$deadline" ] || fail "only $(acks) of $1 comments acknowledged in 60 s"
    sleep 0.02
  done
}
wait_acks 40
backup_started=$EPOCHREALTIME
out=$("$folio" db backup "$work/backup.db" 2>&1) || fail "db backup: $out"
backup_ended=$EPOCHREALTIME
during=$(cat "$work"/writes.* | awk -v a="$backup_started" -v b="$backup_ended" '$4 == 303 && $2 > a && $1 < b' | wc -l)
acked_after=$(acks)
wait_acks $((acked_after + 20))  # the writers carry on after the backup
stop_writers

# Restore, as docs/deploy.md says: stop the server, set the damaged files
# aside (the database and its -wal and -shm), put the copy in its place, start.
kill -TERM "$server_pid"
wait "$server_pid" 2>/dev/null || true
server_pid=""
mkdir "$work/damaged"
mv "$database_file" "$database_file"-wal "$database_file"-shm "$work/damaged/" 2>/dev/null || true
cp "$work/backup.db" "$database_file"
[ "$(sqlite3 "$database_file" "PRAGMA integrity_check")" = ok ] || fail "the restored database is damaged"
start_server restored
[ "$(curl -s -o /dev/null -w '%{http_code}' "$site/1/")" = 200 ] || fail "the restored blog does not serve the post"

cat "$work"/writes.* | awk -v t="$backup_started" '$4 == 303 && $2 < t {print $3}' | sort -u >"$work/before"
stored_comments "backup-" >"$work/restored"
before=$(wc -l <"$work/before")
missing=$(comm -23 "$work/before" "$work/restored" | wc -l)
later=$(comm -13 "$work/before" "$work/restored" | wc -l)
echo "acknowledged before the backup started: $before; missing from the restored blog: $missing;" \
  "also in it (acknowledged while the backup ran or unanswered then): $later; 303s while it ran: $during;" \
  "acknowledged in all: $(acks)"
[ "$missing" -eq 0 ] || fail "$missing comment(s) acknowledged before the backup are not in it:
$(comm -23 "$work/before" "$work/restored" | head)"
[ "$before" -ge 40 ] || fail "too few comments before the backup"
echo "backup test passed"
