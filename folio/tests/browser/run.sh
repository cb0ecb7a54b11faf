#!/usr/bin/env bash
# Runs the browser walk-through against a real `folio serve` on a temporary
# database. Usage: run.sh <folio binary> <screenshot folder>
set -euo pipefail
folio=$(realpath "$1")
shots=$(realpath -m "$2")
here=$(cd "$(dirname "$0")" && pwd)

work=$(mktemp -d)
server_pid=""
cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

if [ ! -d "$here/node_modules/playwright-core" ]; then
  echo "playwright-core is not installed: run scripts/install-deps" >&2
  exit 1
fi

export FOLIO_INSTANCE_PATH="$work/instance"
export FOLIO_SECRET_KEY="browser-test-secret-key-0123456789abcdef"
export FOLIO_COMMENT_RATE_LIMIT=0
"$folio" db init --sample >/dev/null
password="walkthrough-password"
echo "$password" | "$folio" user create admin --admin >/dev/null
echo "$password" | "$folio" user create writer --author --display-name "Wendy Writer" >/dev/null

"$folio" serve --port 0 --threads 2 >"$work/serve.out" 2>"$work/serve.err" &
server_pid=$!
# Wait (up to 30 s) for the line that names the port.
port=""
for _ in $(seq 300); do
  port=$(sed -n 's|.*Serving Folio on http://127.0.0.1:\([0-9]*\).*|\1|p' "$work/serve.out")
  [ -n "$port" ] && break
  kill -0 "$server_pid" 2>/dev/null || { cat "$work/serve.err" >&2; exit 1; }
  sleep 0.1
done
[ -n "$port" ] || { echo "folio serve did not start" >&2; cat "$work/serve.err" >&2; exit 1; }

FOLIO_URL="http://127.0.0.1:$port" FOLIO_ADMIN=admin FOLIO_ADMIN_PASSWORD="$password" \
  FOLIO_AUTHOR=writer FOLIO_AUTHOR_PASSWORD="$password" \
  SCREENSHOTS="$shots" node "$here/walkthrough.mjs"
