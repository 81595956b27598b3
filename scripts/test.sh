#!/usr/bin/env bash
# Set up (if needed) and run every test layer. Any failure fails the command.
#   1. lint: rustfmt, clippy -D warnings (native and wasm32)
#   2. native cargo test on the engine and the UI state
#   2b. a cargo-fuzz smoke run of every fuzz target
#   3. wasm-bindgen-test in headless Chromium (components and the JS API)
#   4. release build (trunk, wasm-opt -Oz) and its size line
#   5. Playwright end-to-end tests against the release build, with axe-core (plus one
#      panic-containment test against a test-only debug build)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
bash scripts/setup.sh
source scripts/env.sh
step() { printf '\n\033[1m== %s ==\033[0m\n' "$*"; }

step "lint"
cargo fmt --all -- --check
cargo clippy --all-targets -q -- -D warnings
cargo clippy --target wasm32-unknown-unknown --lib --tests -q -- -D warnings

step "native tests (cargo test)"
cargo test -q

step "fuzz smoke (cargo-fuzz, a few seconds per target)"
bash scripts/fuzz.sh 4

step "wasm tests (wasm-bindgen-test, headless Chromium)"
cargo test --target wasm32-unknown-unknown --test wasm

step "release build"
trunk build --release
bash scripts/size.sh dist

step "panic-test build (test-only trigger, target/panic-test)"
bash scripts/build-panic-test.sh

step "end-to-end tests (Playwright, Chromium)"
node --test tests/e2e/
