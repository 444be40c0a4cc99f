#!/usr/bin/env bash
# The whole test suite: set-up (npm packages, Chromium), then every Rust test, which builds
# fixtures with mfbundle and runs the output in Node and headless Chromium; then the npm
# corpus (popular packages bundled by the release build, esbuild and rolldown, and run);
# then test262's module tests bundled in development and production and run in Node beside
# Node's own run of them (tests/test262/run.mjs); then the benchmark's smoke mode (one
# small workload, one run of every peer) so it cannot rot.
# The tests use the release profile: the corpus, test262 and the benchmark need the release
# binary anyway, so the dependency tree is compiled once for both instead of twice (on a
# fresh 2-core machine the second compile cost more than every test together).
set -euo pipefail
cd "$(dirname "$0")/.."
bash tests/setup.sh
cargo test --release --all-targets
node tests/corpus/run.mjs
node tests/test262/run.mjs
python3 bench/bench.py --smoke
