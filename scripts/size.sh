#!/usr/bin/env bash
# Print the size line of the release build in dist/: raw, gzip and brotli.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
node scripts/size.mjs "$@"
