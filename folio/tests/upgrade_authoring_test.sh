#!/usr/bin/env bash
# A blog made by the Folio before authors, drafts, tags and moderation
# (revision 0002), with rows, upgraded in place to revision 0003: every row
# kept, admins keep their role, an unpublished post becomes a draft, posts
# sharing a slug get unique ones, and the server shows the old posts and
# comments as before (posts without an author are shown without one).
# Usage: upgrade_authoring_test.sh <folio binary> sqlite|postgresql|mariadb
set -euo pipefail
folio=$(realpath "$1")
backend=$2
. "$(dirname "$0")/test_lib.sh"
use_database

expect() {  # expect <text> <output>
  grep -qF -- "$1" <<<"$2" || fail "expected '$1' in: $2"
}
refute() {  # refute <text> <output>
  if grep -qF -- "$1" <<<"$2"; then fail "did not expect '$1' in: $2"; fi
}
run_sql() {
  case "$backend" in
    sqlite) sqlite3 "$database_file" "$1" ;;
    postgresql) psql -X -q -At -v ON_ERROR_STOP=1 "$FOLIO_DATABASE_URL" -c "$1" ;;
    mariadb) mariadb_sql "$1" "$schema" ;;
  esac
}

# Today's schema (revision 0002), with the rows such a blog has.
"$folio" db upgrade 0002 >/dev/null
expect "0002" "$("$folio" db current)"
run_sql "INSERT INTO \"user\" (username, display_name, password_hash, is_admin) VALUES ('ada', 'Ada Admin', 'x', TRUE), ('bob', '', 'x', FALSE)"
run_sql "INSERT INTO post (author_id, title, slug, content, published) VALUES
  (NULL, 'Old Without Author', 'same', 'Old *content* one', TRUE),
  (1, 'Old By Ada', 'same', 'Old content two', TRUE),
  (2, 'Never Published', 'never-published', 'Hidden content', FALSE),
  (NULL, 'Only Symbols', '', 'Content three', TRUE)"
run_sql "INSERT INTO comment (post_id, author, website, content) VALUES
  (1, 'Reader', 'https://reader.example/', 'Old comment one'),
  (1, '', NULL, 'Old comment two'),
  (2, 'Someone', NULL, 'Old comment three')"

out=$("$folio" db upgrade 2>&1) || fail "upgrade from 0002: $out"
expect "Ran revision 0003" "$out"
out=$("$folio" db check) || fail "db check after the upgrade: $out"
expect "as the models declare" "$out"

[ "$(run_sql "SELECT count(*) FROM post")" = 4 ] || fail "posts lost"
[ "$(run_sql "SELECT count(*) FROM comment WHERE status = 'visible'")" = 3 ] || fail "comments lost or hidden"
[ "$(run_sql "SELECT role FROM \"user\" WHERE username = 'ada'")" = admin ] || fail "ada is no longer an admin"
[ "$(run_sql "SELECT role FROM \"user\" WHERE username = 'bob'")" = author ] || fail "bob is not an author"
[ "$(run_sql "SELECT status FROM post WHERE id = 3")" = draft ] || fail "the unpublished post is not a draft"
[ "$(run_sql "SELECT count(DISTINCT slug) FROM post")" = 4 ] || fail "slugs are not unique: $(run_sql "SELECT slug FROM post")"
[ "$(run_sql "SELECT count(*) FROM post WHERE published_at IS NULL")" = 1 ] || fail "published posts lack published_at"
# Revision 0007 renders each post's Markdown into the row.
expect '<em>content</em>' "$(run_sql "SELECT content_html FROM post WHERE id = 1")"

# The old posts and comments, served as before.
start_server upgraded
index=$(curl -s "$site/")
expect '<a href="/1/">Old Without Author</a>' "$index"
expect '<a href="/2/">Old By Ada</a>' "$index"
expect '<em>content</em>' "$index"
expect 'href="/authors/ada/"' "$index"
expect '2 comments' "$index"
refute 'Never Published' "$index"
post=$(curl -s "$site/1/")
expect 'Old comment one' "$post"
expect 'Old comment two' "$post"
expect '<a href="https://reader.example/" rel="nofollow ugc noopener" class="author">Reader</a>' "$post"
refute 'class="author-link"' "$post"
expect 'Old comment three' "$(curl -s "$site/2/")"
[ "$(curl -s -o /dev/null -w '%{http_code}' "$site/3/")" = 404 ] || fail "a draft is shown to visitors"
expect 'Old comment one' "$(curl -s "$site/comments/")"

# And back: 0003 undone keeps the posts and comments.
kill "$server_pid"; wait "$server_pid" 2>/dev/null || true; server_pid=""
out=$("$folio" db downgrade 0002 2>&1) || fail "downgrade to 0002: $out"
[ "$(run_sql "SELECT count(*) FROM post") $(run_sql "SELECT count(*) FROM comment")" = "4 3" ] || fail "rows lost in the downgrade"
[ "$(run_sql "SELECT count(*) FROM post WHERE published = FALSE")" = 1 ] || fail "the draft is published after the downgrade"
[ "$(run_sql "SELECT count(*) FROM \"user\" WHERE is_admin = TRUE")" = 1 ] || fail "admins lost in the downgrade"
echo "the upgrade to authors, drafts and tags kept every row ($backend)"
