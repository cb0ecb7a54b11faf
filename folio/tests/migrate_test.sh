#!/usr/bin/env bash
# `folio db` over schema migrations, on a real database of either backend:
#   - init makes a database at the newest revision; current, history, check;
#   - serve refuses a database behind the newest revision, and says to upgrade;
#   - a database made by Folio before migrations (no version table) and one
#     from before session generations are upgraded in place, every row kept;
#   - downgrade one step and upgrade again keep the posts and comments;
#   - check fails on a hand-made schema change; upgrade --sql runs nothing;
#   - two `folio db upgrade` at once: both exit 0, each revision runs once;
#   - migrate writes nothing when the models match the newest revision.
# Usage: migrate_test.sh <folio binary> sqlite|postgresql|mariadb
set -euo pipefail
folio=$(realpath "$1")
backend=$2
. "$(dirname "$0")/test_lib.sh"
use_database

expect() {  # expect <text> <output>
  grep -qF -- "$1" <<<"$2" || fail "expected '$1' in: $2"
}
run_sql() {
  case "$backend" in
    sqlite) sqlite3 "$database_file" "$1" ;;
    postgresql) psql -X -q -At -v ON_ERROR_STOP=1 "$FOLIO_DATABASE_URL" -c "$1" ;;
    mariadb) mariadb_sql "$1" "$schema" ;;
  esac
}
rows() { run_sql "SELECT (SELECT count(*) FROM post) || ' ' || (SELECT count(*) FROM comment) || ' ' || (SELECT count(*) FROM \"user\")"; }
head=$("$folio" db history | tail -1 | awk '{print $3}')

# A new database: serve refuses it until it is made.
if out=$("$folio" serve --port 0 2>&1); then fail "serve started on an empty database"; fi
expect "run \`folio db upgrade\`" "$out"
out=$("$folio" db init --sample 2>&1)
expect "(revision $head)" "$out"
echo "tulip-harbour-31" | "$folio" user create ada --admin >/dev/null
expect "$head (head)" "$("$folio" db current)"
expect "base -> 0001" "$("$folio" db history)"
out=$("$folio" db check) || fail "db check failed on a new database: $out"
expect "Schema: at revision $head, as the models declare" "$out"
[ "$(rows)" = "3 4 1" ] || fail "the sample is not there: $(rows)"

# Made by Folio before migrations: the same tables, no version table.
run_sql "DROP TABLE relate_version"
expect "not versioned" "$("$folio" db current)"
if out=$("$folio" serve --port 0 2>&1); then fail "serve started on an unversioned database"; fi
expect "not versioned" "$out"
out=$("$folio" db upgrade 2>&1) || fail "upgrade of a database from before migrations: $out"
expect "The database is at revision $head" "$out"
[ "$(rows)" = "3 4 1" ] || fail "rows lost in the upgrade: $(rows)"

# From before session generations: stamped at 0001, then 0002 runs. (Its
# schema is 0002's without session_generation: go down to 0002 first, as
# later revisions change other tables.)
"$folio" db downgrade 0002 >/dev/null
run_sql "DROP TABLE relate_version"
run_sql "DROP TABLE session_generation"
out=$("$folio" db upgrade 2>&1) || fail "upgrade from before session generations: $out"
expect "Ran revision 0002" "$out"
[ "$(rows)" = "3 4 1" ] || fail "rows lost: $(rows)"
out=$("$folio" db check) || fail "db check after the upgrade: $out"

# One step down and up again.
out=$("$folio" db downgrade -1 2>&1) || fail "downgrade: $out"
expect "Undid revision $head" "$out"
out=$("$folio" db upgrade 2>&1) || fail "upgrade: $out"
[ "$(rows)" = "3 4 1" ] || fail "rows lost in the round trip: $(rows)"

# --sql prints and runs nothing.
"$folio" db downgrade base >/dev/null
out=$("$folio" db upgrade --sql)
expect "CREATE TABLE" "$out"
expect "INSERT INTO relate_version (version_num) VALUES ('$head');" "$out"
expect "base" "$("$folio" db current)"

# Two upgrades at once: each revision runs once, both exit 0.
"$folio" db upgrade >"$work/a.out" 2>"$work/a.err" &
first=$!
"$folio" db upgrade >"$work/b.out" 2>"$work/b.err" || fail "the second upgrade failed: $(cat "$work/b.err")"
wait "$first" || fail "the first upgrade failed: $(cat "$work/a.err")"
ran=$(cat "$work/a.out" "$work/b.out" | grep -c '^Ran revision' || true)
[ "$ran" = "$("$folio" db history | wc -l)" ] || fail "revisions ran $ran times: $(cat "$work/a.out" "$work/b.out")"
expect "$head (head)" "$("$folio" db current)"

# A hand-made change is caught.
run_sql "ALTER TABLE post ADD COLUMN stray_column TEXT"
if out=$("$folio" db check); then fail "db check passed a hand-made column"; fi
expect "+ column post.stray_column" "$out"

# The models match the newest revision: nothing to write.
mkdir "$work/revisions"
out=$("$folio" db migrate -m "nothing" --dir "$work/revisions")
expect "nothing to write" "$out"
echo "all migration checks passed ($backend)"
