#!/usr/bin/env bash
# Soak: sustained load on `folio serve` — wrk reading the post, the index and
# the comments pages, and wrk posting comments (bench/folio/post_comment.lua)
# — for DURATION seconds (default 120) while the server's RSS is sampled
# every second. Fails when the RSS at the end exceeds the RSS after warm-up
# by more than GROWTH_LIMIT_MB (default 64), or when the server dies.
#
# Usage: soak_test.sh <folio binary> sqlite|postgresql|mariadb
# Meant for a Release build (`make soak`): the sanitizers' allocator keeps
# freed memory in quarantine, which reads as growth.
set -euo pipefail
folio=$(realpath "$1")
backend=$2
duration=${DURATION:-120}
warmup=${WARMUP:-15}
limit_mb=${GROWTH_LIMIT_MB:-64}
repo=$(cd "$(dirname "$0")/../.." && pwd)
. "$(dirname "$0")/test_lib.sh"
command -v wrk >/dev/null || fail "wrk is not installed (scripts/install-deps)"
use_database
"$folio" db init --sample >/dev/null 2>"$work/init.err" || fail "db init: $(cat "$work/init.err")"
"$folio" db seed --posts 200 --comments-per-post 20 >/dev/null 2>&1 || fail "db seed failed"
THREADS=2 start_server soak

rss_kb() { awk '/^VmRSS:/ {print $2}' "/proc/$server_pid/status"; }
cat >"$work/reads.lua" <<'LUA'
local paths = {"/1/", "/", "/comments/", "/2/", "/?page=3"}
local i = 0
request = function()
  i = i % #paths + 1
  return wrk.format("GET", paths[i])
end
LUA
total=$((warmup + duration))
wrk -t1 -c8 -d"${total}s" -s "$work/reads.lua" "$site" >"$work/wrk-get.txt" 2>&1 &
get_pid=$!
POST_PATH=/1/ ORIGIN="$site" wrk -t1 -c4 -d"${total}s" -s "$repo/bench/folio/post_comment.lua" \
  "$site" >"$work/wrk-post.txt" 2>&1 &
post_pid=$!
cleanup_hooks+=(stop_load)
stop_load() { kill "$get_pid" "$post_pid" 2>/dev/null || true; }

start_kb=$(rss_kb)
peak_kb=$start_kb
samples="$work/rss"
for s in $(seq "$total"); do
  sleep 1  # the sampling period, not a wait for something to happen
  kill -0 "$server_pid" 2>/dev/null || fail "the server died under load after $s s"
  kb=$(rss_kb)
  echo "$s $kb" >>"$samples"
  [ "$s" -eq "$warmup" ] && warm_kb=$kb
  [ "$kb" -gt "$peak_kb" ] && peak_kb=$kb
done
end_kb=$(rss_kb)
wait "$get_pid" "$post_pid" || true
[ "$(curl -s -o /dev/null -w '%{http_code}' "$site/1/")" = 200 ] || fail "the server does not answer after the soak"
gets=$(awk '/requests in/ {print $1}' "$work/wrk-get.txt")
posts=$(awk '/requests in/ {print $1}' "$work/wrk-post.txt")
growth_kb=$((end_kb - warm_kb))
echo "$backend soak: ${duration}s after ${warmup}s warm-up; GET requests: ${gets:-?}, POST requests: ${posts:-?}"
echo "RSS: start $((start_kb / 1024)) MB, after warm-up $((warm_kb / 1024)) MB, peak $((peak_kb / 1024)) MB, end $((end_kb / 1024)) MB; growth after warm-up $((growth_kb / 1024)) MB (limit $limit_mb MB)"
grep -q "Non-2xx or 3xx responses" "$work/wrk-get.txt" && fail "reads failed: $(cat "$work/wrk-get.txt")"
[ "$growth_kb" -le $((limit_mb * 1024)) ] || fail "the server's RSS grew by $((growth_kb / 1024)) MB under steady load"
echo "soak test passed"
