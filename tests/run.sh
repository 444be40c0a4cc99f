#!/usr/bin/env bash
# The whole test suite: set-up (npm packages, Chromium), then every Rust test, which builds
# fixtures with mfbundle and runs the output in Node and headless Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
bash tests/setup.sh
cargo test --all-targets
