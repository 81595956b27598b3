#!/usr/bin/env bash
# Fuzz the native core with cargo-fuzz (libFuzzer). Default: a short smoke run per
# target (CI). Long runs: scripts/fuzz.sh 1800  (seconds per target), or set RUNS.
# Stable Rust: RUSTC_BOOTSTRAP=1 lets cargo-fuzz use the sanitizer flags.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/env.sh
SECONDS_PER_TARGET=${1:-5}
if ! cargo fuzz --version >/dev/null 2>&1; then
  cargo install --locked cargo-fuzz --version 0.13.2
fi
export RUSTC_BOOTSTRAP=1
cd tests/fuzz
cargo fuzz build --fuzz-dir . -O
mkdir -p ../../bench-report
for t in classify_json classify_structured data_loader screen_normalize saved_state search; do
  mkdir -p corpus/$t
  out=$(cargo fuzz run --fuzz-dir . -O "$t" corpus/$t -- -max_total_time="$SECONDS_PER_TARGET" ${RUNS:+-runs=$RUNS} -max_len=4096 2>&1) || { echo "$out" | tail -40; echo "fuzz target $t FAILED"; exit 1; }
  echo "fuzz $t: $(echo "$out" | grep -E '^Done' | tail -1)"
done
