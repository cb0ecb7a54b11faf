#!/usr/bin/env bash
# The JSON API driven by a real HTTP client (curl) against `folio serve`, and
# the token commands: `folio token create` prints a token once, `list` shows
# no secret, a post with tags is made by token, read back publicly,
# commented on, paged through /api/posts, deleted; the token is revoked and
# refused at once.
# Usage: api_e2e_test.sh <folio binary> <sqlite | postgresql | mariadb>
set -euo pipefail
folio=$(realpath "$1")
backend=$2
. "$(dirname "$0")/test_lib.sh"
command -v jq >/dev/null || fail "jq is not installed (scripts/install-deps)"
cd "$work"
use_database

expect() {  # expect <text> <output>
  grep -qF -- "$1" <<<"$2" || fail "expected '$1' in: $2"
}
# call <method> <path> [curl args...]: prints the body, then the status on a line of its own.
call() {
  local method=$1 path=$2
  shift 2
  curl -s --max-time 20 -X "$method" -w '\n%{http_code}' "$@" "$site$path"
}
status_of() { tail -n1 <<<"$1"; }
body_of() { sed '$d' <<<"$1"; }

"$folio" db init --sample >/dev/null
echo "tulip-harbour-31" | "$folio" user create wendy --author >/dev/null

# token create: the token on stdout, once; list shows it without the secret.
token=$("$folio" token create wendy --name "e2e" 2>"$work/create.err")
expect "shown this once" "$(cat "$work/create.err")"
[[ "$token" =~ ^folio_[A-Za-z0-9_-]{43}$ ]] || fail "not a token: $token"
listed=$("$folio" token list wendy)
expect "e2e" "$listed"
expect "never" "$listed"
grep -qF -- "${token#folio_}" <<<"$listed" && fail "token list shows the secret"
"$folio" token list | grep -q wendy || fail "token list (every user) misses wendy's token"
if out=$("$folio" token create nobody 2>&1); then fail "a token for an unknown user was made"; fi
expect "there is no user 'nobody'" "$out"
token_id=$("$folio" token list wendy | awk 'NR == 2 {print $1}')
[ -n "$token_id" ] || fail "no token id in the list"

start_server api
auth=(-H "Authorization: Bearer $token")
json=(-H "Content-Type: application/json")

# A post with tags, by token.
r=$(call POST /api/posts "${auth[@]}" "${json[@]}" -D "$work/headers" \
  --data '{"title": "Written by curl", "content": "Hello *world*", "tags": ["Shell", "API"], "status": "published"}')
[ "$(status_of "$r")" = 201 ] || fail "POST /api/posts: $r"
id=$(body_of "$r" | jq -r .id)
grep -qi "^Location: /api/posts/$id" "$work/headers" || fail "no Location: $(cat "$work/headers")"
grep -qi "^Set-Cookie" "$work/headers" && fail "a token request got a cookie"

# Read back publicly, with its tags and author.
r=$(call GET "/api/posts/$id")
[ "$(status_of "$r")" = 200 ] || fail "GET /api/posts/$id: $r"
[ "$(body_of "$r" | jq -r '[.tags[].slug] | join(",")')" = "api,shell" ] || fail "tags: $r"
[ "$(body_of "$r" | jq -r .author.username)" = wendy ] || fail "author: $r"

# Comment on it, publicly; it shows in the post's comments.
r=$(call POST "/api/posts/$id/comments" "${json[@]}" --data '{"content": "Nice one", "author": "Curl"}')
[ "$(status_of "$r")" = 201 ] || fail "POST comment: $r"
[ "$(call GET "/api/posts/$id/comments" | sed '$d' | jq -r '.items[0].content')" = "Nice one" ] ||
  fail "the comment is not listed"

# Page through /api/posts: the sample's 3 and the new one, two a page.
seen=()
page=1
while :; do
  r=$(call GET "/api/posts?per_page=2&page=$page")
  [ "$(status_of "$r")" = 200 ] || fail "GET /api/posts page $page: $r"
  pages=$(body_of "$r" | jq -r .pages)
  while IFS= read -r title; do seen+=("$title"); done < <(body_of "$r" | jq -r '.items[].title')
  [ "$page" -lt "$pages" ] || break
  page=$((page + 1))
done
[ "${#seen[@]}" = 4 ] || fail "paged through ${#seen[@]} posts, not 4: ${seen[*]}"
[ "${seen[0]}" = "Written by curl" ] || fail "not newest first: ${seen[*]}"
[ "$(call GET "/api/posts?tag=shell" | sed '$d' | jq -r .total)" = 1 ] || fail "tag filter"

# Errors are problem+json.
r=$(call GET /api/no/such/thing -D "$work/headers")
[ "$(status_of "$r")" = 404 ] || fail "unknown API path: $r"
grep -qi "^Content-Type: application/problem+json" "$work/headers" || fail "not problem+json"
[ "$(body_of "$r" | jq -r .status)" = 404 ] || fail "problem body: $r"

# Delete it; gone.
r=$(call DELETE "/api/posts/$id" "${auth[@]}")
[ "$(status_of "$r")" = 204 ] || fail "DELETE: $r"
[ "$(status_of "$(call GET "/api/posts/$id")")" = 404 ] || fail "the post is still there"

# Revoke the token: refused on the very next request, with the challenge.
out=$("$folio" token revoke "$token_id")
expect "Revoked token $token_id" "$out"
r=$(call POST /api/posts "${auth[@]}" "${json[@]}" -D "$work/headers" --data '{"title": "x", "content": "y"}')
[ "$(status_of "$r")" = 401 ] || fail "a revoked token was accepted: $r"
grep -qi '^WWW-Authenticate: Bearer realm="folio", error="invalid_token"' "$work/headers" ||
  fail "no challenge: $(cat "$work/headers")"
if out=$("$folio" token revoke "$token_id" 2>&1); then fail "revoking twice succeeded"; fi
expect "there is no token $token_id" "$out"
[ "$("$folio" token list wendy | wc -l)" = 1 ] || fail "the revoked token is still listed"
echo "all API end-to-end checks passed ($backend)"
