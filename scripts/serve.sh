#!/usr/bin/env bash
# Set up (if needed), build the widget and serve it at http://127.0.0.1:8080
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
bash scripts/setup.sh
source scripts/env.sh
echo "Serving Dual-Use Check at http://127.0.0.1:8080"
exec trunk serve --release --address 127.0.0.1 --port 8080
