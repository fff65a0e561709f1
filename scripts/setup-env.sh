#!/usr/bin/env bash
# Installs what the kiosk needs on Debian bookworm / Raspberry Pi OS: apt packages, a virtual
# environment in .venv and the package itself. Safe to run again: it only adds what is missing.
# Usage: scripts/setup-env.sh [run|test]
set -euo pipefail
cd "$(dirname "$0")/.."
want="${1:-run}"

apt_pkgs=(python3-venv python3-dev libzbar0 libusb-1.0-0 libsdl2-2.0-0 libportaudio2 alsa-utils espeak-ng sox)
if [ "$want" = test ]; then
  apt_pkgs+=(tesseract-ocr tesseract-ocr-vie graphviz)
fi
missing=()
for p in "${apt_pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "setup: installing apt packages: ${missing[*]}" >&2
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi

py="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ]; then
  "$py" -m venv .venv
fi
stamp=".venv/.installed-$want"
if [ ! -f "$stamp" ] || [ setup.py -nt "$stamp" ]; then
  .venv/bin/pip install -q --upgrade pip >/dev/null
  if [ "$want" = test ]; then
    .venv/bin/pip install -q -e '.[test]'
  else
    .venv/bin/pip install -q -e .
  fi
  touch "$stamp"
fi
