#!/usr/bin/env bash
# Build the test-only "panic-test" variant of the widget into target/panic-test/ for
# tests/e2e/panic.test.mjs: a debug wasm in which typing "__panic__" into the search box
# panics on purpose. Never shipped; the release build in dist/ has no such trigger.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/env.sh
cargo build -q --target wasm32-unknown-unknown --lib --features panic-test
out=target/panic-test
rm -rf "$out" && mkdir -p "$out"
wasm-bindgen --target web --no-typescript --out-dir "$out" --out-name dual-use-check \
  target/wasm32-unknown-unknown/debug/dual_use_check.wasm
cp www/dual-use-check-element.js www/style.css "$out/"
echo "panic-test build: $out"
