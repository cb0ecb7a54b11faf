#!/usr/bin/env bash
# SIGKILL in the middle of a six-step revision on SQLite, ROUNDS times
# (default 10; `make soak` runs 100), at a different step each round: the
# database is always at the revision before or the one after — never between
# — with that revision's exact schema, all 20,000 rows, and an intact file.
# Usage: migrate_crash_test.sh <migrate_crash_helper binary>
set -euo pipefail
helper=$(realpath "$1")
rounds=${ROUNDS:-10}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

before=0
after=0
for round in $(seq "$rounds"); do
  url="sqlite:///$work/round$round.db"
  "$helper" seed "$url" || fail "round $round: seeding failed"
  # 0: kill as soon as the revision starts; 1-6: once step N has begun; 7: let it finish.
  step=$(( (round - 1) % 8 ))
  coproc upgrade { exec "$helper" upgrade "$url"; }
  pid=$upgrade_PID
  seen=0
  while IFS= read -r line <&"${upgrade[0]}"; do
    [ "$line" = done ] && break
    seen=${line#step }
    if [ "$step" -lt 7 ] && [ "$seen" -ge "$step" ]; then kill -KILL "$pid"; break; fi
  done
  wait "$pid" 2>/dev/null || true
  out=$("$helper" verify "$url") || fail "round $round (killed at step $seen): $out"
  case "$out" in
    "at 1,"*) before=$((before + 1)) ;;
    "at 2,"*) after=$((after + 1)) ;;
  esac
  rm -f "$work/round$round.db"*
done
echo "$rounds rounds: $before at the revision before, $after after, none between"
