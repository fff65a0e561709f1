#!/usr/bin/env bash
# Runs the kiosk. With nothing configured (no /etc/kiosk/kiosk.toml, no centre URL) it runs the demo:
# the reference centre on localhost and file-backed devices where no real one exists.
# Extra arguments go to `kiosk run` (e.g. ./run.sh --headless --script tests/data/scripts/birth.txt).
set -euo pipefail
cd "$(dirname "$0")"
scripts/setup-env.sh run
exec .venv/bin/kiosk run "$@"
