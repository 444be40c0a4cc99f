#!/usr/bin/env bash
# Installs what the tests need on a fresh machine: the npm packages of every fixture and
# example that has a lockfile (npm ci, exact versions), and Debian's Chromium for the
# browser tests. Safe to run again: it skips what is already there.
set -euo pipefail
cd "$(dirname "$0")/.."

while IFS= read -r lock; do
  dir=$(dirname "$lock")
  if [ ! -d "$dir/node_modules" ] || [ "$lock" -nt "$dir/node_modules" ]; then
    echo "setup: npm ci in $dir"
    (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
  fi
done < <(find fixtures examples tests bench -name package-lock.json -not -path '*/node_modules/*' 2>/dev/null | sort)

if ! command -v chromium >/dev/null 2>&1; then
  echo "setup: installing chromium (Debian package) for the browser tests"
  if [ "$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo"; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
fi
