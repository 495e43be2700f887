#!/usr/bin/env bash
# The browser tests inject axe-core into each page from node_modules (never from a CDN). Installs the exact
# version pinned in package-lock.json from the npm registry; needs node and npm (Debian's packages).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -f node_modules/axe-core/axe.min.js ] && [ node_modules/.package-lock.json -nt package-lock.json ]; then
  exit 0
fi
if ! command -v npm >/dev/null 2>&1; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "FATAL: npm is missing; install Debian's 'npm' package (needs root)." >&2
    exit 1
  fi
  echo "Installing Debian's npm package for the accessibility checks." >&2
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq npm >/dev/null
fi
npm ci --no-audit --no-fund --ignore-scripts --loglevel=error
test -f node_modules/axe-core/axe.min.js
