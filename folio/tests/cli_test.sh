#!/usr/bin/env bash
# The folio command's habits, checked on a temporary instance folder.
# Usage: cli_test.sh <folio binary>
set -euo pipefail
folio=$(realpath "$1")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
unset FOLIO_DATABASE_URL FOLIO_SECRET_KEY FOLIO_INSTANCE_PATH
fail() { echo "FAIL: $*" >&2; exit 1; }
expect() {  # expect <text> <output>
  grep -qF -- "$1" <<<"$2" || fail "expected '$1' in: $2"
}

# db init --sample: tables and the tutorial's data, once; the secret key is made
# on first run with a warning, and kept.
out=$("$folio" db init --sample 2>&1)
expect "Inserted the tutorial's 3 posts and 4 comments" "$out"
expect "FOLIO_SECRET_KEY is not set" "$out"
[ -f instance/folio.db ] || fail "no instance/folio.db"
[ "$(stat -c %a instance/secret_key)" = "600" ] || fail "the secret key file is readable by others"
key=$(cat instance/secret_key)
out=$("$folio" db init --sample 2>&1)
expect "the sample was not inserted" "$out"
[ "$(cat instance/secret_key)" = "$key" ] || fail "the secret key changed"
grep -q "FOLIO_SECRET_KEY is not set" <<<"$out" && fail "warned again about the key"

# user create: the password from stdin when it is not a terminal.
out=$(echo "hunter2-but-longer" | "$folio" user create ada --admin 2>&1)
expect "Created admin ada" "$out"
if out=$(echo "again, a long password" | "$folio" user create ada 2>&1); then fail "a duplicate username was accepted"; fi
expect "the username 'ada' is taken" "$out"
if out=$(printf '' | "$folio" user create bob 2>&1); then fail "an empty password was accepted"; fi
expect "the password is empty" "$out"
# Weak passwords are refused, saying why: too short (OWASP ASVS 2.1.1), or common.
if out=$(echo "short" | "$folio" user create weak --admin 2>&1); then fail "a 5-character password was accepted"; fi
expect "at least 12 characters long (OWASP ASVS 2.1.1)" "$out"
if out=$(echo "Password1234!" | "$folio" user create weak --admin 2>&1); then fail "a common password was accepted"; fi
expect "most common passwords" "$out"
if out=$(echo "winniethepooh" | "$folio" user create weak 2>&1); then fail "a listed password was accepted"; fi
expect "most common passwords" "$out"
out=$(echo "tulip-harbour-31" | "$folio" user create strong 2>&1)
expect "Created user strong" "$out"
# Roles: an author by default or with --author; --admin and --author together are refused.
out=$(echo "tulip-harbour-32" | "$folio" user create wendy --author 2>&1)
expect "Created user wendy, an author" "$out"
if out=$(echo "tulip-harbour-33" | "$folio" user create both --admin --author 2>&1); then fail "--admin with --author was accepted"; fi
expect "excludes" "$out"

# user logout: "log out everywhere" for one user; an unknown one is an error.
out=$("$folio" user logout ada 2>&1)
expect "Ended every session of ada" "$out"
if out=$("$folio" user logout nobody 2>&1); then fail "logging out an unknown user succeeded"; fi
expect "there is no user 'nobody'" "$out"

# db backup / db check: a consistent, checked copy that is a working database.
out=$("$folio" db backup "$work/backup.db" 2>&1)
expect "Backed up sqlite:///instance/folio.db to $work/backup.db (integrity check: ok)" "$out"
out=$(FOLIO_DATABASE_URL="sqlite:///$work/backup.db" "$folio" db check 2>&1)
expect "Integrity check of sqlite:///$work/backup.db: ok" "$out"
[ "$(sqlite3 "$work/backup.db" "SELECT count(*) FROM comment")" = 4 ] || fail "the backup lacks comments"
if out=$(FOLIO_DATABASE_URL="sqlite:///$work/no/such/dir/x.db" "$folio" db backup "$work/b2.db" 2>&1); then
  fail "backing up a database that does not exist succeeded"
fi
[ ! -e "$work/b2.db" ] || fail "a failed backup left a file"

# routes: the URL map.
out=$("$folio" routes)
expect "/<int:post_id>/" "$out"
expect "/comments/<int:comment_id>/delete" "$out"

# seed: bulk data, no progress bar when stderr is not a terminal.
out=$("$folio" db seed --posts 30 --comments-per-post 2 2>&1)
expect "Seeded 30 posts with 2 comments each" "$out"
grep -q '\[#' <<<"$out" && fail "drew a progress bar on a pipe"

# Bad configuration is a clear error, not a crash.
if out=$(FOLIO_COMMENT_RATE_LIMIT=lots "$folio" routes 2>&1); then fail "a bad rate limit was accepted"; fi
expect "FOLIO_COMMENT_RATE_LIMIT" "$out"
if out=$(FOLIO_TRUSTED_PROXIES=10.0.0.0/8 "$folio" routes 2>&1); then fail "a bad proxy address was accepted"; fi
expect "FOLIO_TRUSTED_PROXIES: '10.0.0.0/8' is not an IP address" "$out"
if out=$(FOLIO_PUBLIC_URL=https://blog.example.com/blog "$folio" routes 2>&1); then fail "a public URL with a path was accepted"; fi
expect "FOLIO_PUBLIC_URL is 'https://blog.example.com/blog': use http(s)://host" "$out"
if out=$(FOLIO_DATABASE_URL="sqlite:///instance/folio.db?synchronous=sometimes" "$folio" db init 2>&1); then
  fail "a bad synchronous value was accepted"
fi
expect "synchronous must be 'normal' (survives a crash of the process) or 'full'" "$out"
out=$(FOLIO_DATABASE_URL="sqlite:///instance/folio.db?synchronous=full" "$folio" db init 2>&1)
expect "The tables in sqlite:///instance/folio.db?synchronous=full are at revision" "$out"
if out=$(FOLIO_DATABASE_URL=oracle://x/y "$folio" db init 2>&1); then fail "an oracle URL was accepted"; fi
expect "unsupported database URL scheme 'oracle'" "$out"

# db drop: the tables go.
out=$("$folio" db drop)
expect "Dropped the tables" "$out"
echo "all CLI checks passed"
