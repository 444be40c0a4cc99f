#!/usr/bin/env bash
# Builds the React + TypeScript example (remote, then host) with mfbundle and checks it in
# Node, without a browser: the remote and host are also built for Node, and the host's App
# is rendered to HTML with the remote's widget in it. Needs Rust, Node and npm.
# Usage: bash examples/react/build.sh   (from anywhere)
set -euo pipefail
cd "$(dirname "$0")/../.."
ex=examples/react

if [ ! -d "$ex/node_modules" ]; then
  echo "== npm ci in $ex (exact versions from package-lock.json)"
  (cd "$ex" && npm ci --no-audit --no-fund --loglevel=error)
fi

mfbundle() { cargo run --release --quiet -- "$@"; }

echo "== building the remote and the host for the browser"
mfbundle build "$ex/remote"
mfbundle build "$ex/host"

echo "== building both for Node and rendering the host's App (with the remote's widget) to HTML"
mfbundle build "$ex/remote" --config "$ex/remote/federation.node.toml"
mfbundle build "$ex/host" --config "$ex/host/federation.node.toml"
node "$ex/host/dist-node/main.js"

cat <<MSG

Built. To open it in a browser, serve the remote on port 3002 and the host on 3001:
  python3 -m http.server 3002 -d $ex/remote/dist &
  python3 -m http.server 3001 -d $ex/host/dist
then open http://127.0.0.1:3001/ (stop the remote's server and reload to see the fallback).
MSG
