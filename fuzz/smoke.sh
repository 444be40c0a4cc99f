#!/usr/bin/env bash
# CI smoke of the fuzz targets: builds them with cargo-fuzz (libFuzzer) and runs each for a
# few seconds on its committed corpus and kept regressions; any crash, panic or (graph) a
# bundle printing something else than its source fails. See fuzz/README.md.
#
#   bash fuzz/smoke.sh            # 10 s per target
#   SMOKE_SECONDS=60 bash fuzz/smoke.sh
#
# Needs only the stable toolchain: RUSTC_BOOTSTRAP=1 lets cargo-fuzz pass its nightly -Z
# flags. Node is needed by the graph target.
set -euo pipefail
cd "$(dirname "$0")"
seconds="${SMOKE_SECONDS:-10}"
command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked
export RUSTC_BOOTSTRAP=1
# -s none: the targets are safe Rust (AddressSanitizer would only slow them down);
# -a: debug assertions, so that arithmetic overflows are findings too.
flags=(-s none -a)
cargo fuzz build "${flags[@]}"
mkdir -p artifacts
for target in config module reports graph; do
  mkdir -p "work/$target"
  dirs=("work/$target" "corpus/$target")
  [ -d "regressions/$target" ] && dirs+=("regressions/$target")
  echo "== $target"
  if ! RAYON_NUM_THREADS=1 cargo fuzz run "${flags[@]}" "$target" "${dirs[@]}" -- \
    -max_total_time="$seconds" -timeout=60 -rss_limit_mb=4096 -print_final_stats=1 \
    -artifact_prefix="artifacts/$target-" >"work/$target.log" 2>&1; then
    tail -n 80 "work/$target.log"
    echo "fuzz smoke: $target found a crash or a mismatch (input in fuzz/artifacts/)"
    exit 1
  fi
  grep -E '^stat::(number_of_executed_units|new_units_added|peak_rss_mb)' "work/$target.log" || true
done
echo "fuzz smoke: every target ran without a finding"
