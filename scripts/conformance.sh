#!/usr/bin/env bash
# MCP conformance suite against `sp-api-mcp --http --emulator`, with conformance-baseline.yml listing the scenarios
# that cannot apply (docs/conformance.md). The suite needs Node >= 22; CI machines have 20, so Node 22 comes from
# npm's `node` package, installed with the suite into .tmp/conformance (not the project's dependencies).
# Needs `npm run build` first. Exit status: the suite's (0 only when every failure is in the baseline).
set -euo pipefail
cd "$(dirname "$0")/.."
NODE22_VERSION=22.23.3
SUITE_VERSION=0.2.0-alpha.12
dir=.tmp/conformance
if [ ! -x "$dir/node_modules/.bin/node" ] || [ ! -f "$dir/node_modules/@modelcontextprotocol/conformance/package.json" ]; then
  mkdir -p "$dir"
  [ -f "$dir/package.json" ] || echo '{"name":"conformance-runner","private":true}' > "$dir/package.json"
  npm install --prefix "$dir" --no-audit --no-fund --loglevel=error "node@$NODE22_VERSION" "@modelcontextprotocol/conformance@$SUITE_VERSION" >&2
fi
node22="$dir/node_modules/.bin/node"
suite="$dir/node_modules/@modelcontextprotocol/conformance/dist/index.js"

log=$(mktemp)
node dist/bin/sp-api-mcp.js --http --emulator --port 0 --data-dir "$(mktemp -d)" > "$log" 2>/dev/null &
server=$!
trap 'kill $server 2>/dev/null || true; rm -f "$log"' EXIT
for _ in $(seq 1 100); do [ -s "$log" ] && break; sleep 0.1; done
url=$(node -e 'console.log(JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")).url)' "$log")

status=0
# The active suite across the protocol versions we serve, then every 2026-07-28 scenario (incl. pending ones).
"$node22" "$suite" server --url "$url" --expected-failures conformance-baseline.yml || status=$?
"$node22" "$suite" server --url "$url" --suite all --spec-version 2026-07-28 --expected-failures conformance-baseline-2026.yml || status=$?
exit "$status"
