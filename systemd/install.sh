#!/usr/bin/env bash
# Installs the kiosk as a system service on a Raspberry Pi OS / Debian bookworm device (run as root).
# Used by the device image build and by a technician on a running device. Safe to run again.
#   sudo systemd/install.sh [--enable]
set -euo pipefail
[ "$(id -u)" -eq 0 ] || { echo "install.sh: run as root" >&2; exit 1; }
src="$(cd "$(dirname "$0")/.." && pwd)"
dest=/opt/kiosk
if [ "$src" != "$dest" ]; then
  mkdir -p "$dest"
  # The code only: no virtual environment, caches or test artifacts.
  tar -C "$src" --exclude=.venv --exclude=.git --exclude=test-artifacts --exclude='__pycache__' -cf - . \
    | tar -C "$dest" -xf -
fi
"$dest/scripts/setup-env.sh" run
install -m 0644 "$dest/systemd/kiosk.sysusers.conf" /usr/lib/sysusers.d/kiosk.conf
install -m 0644 "$dest/systemd/kiosk.tmpfiles.conf" /usr/lib/tmpfiles.d/kiosk.conf
systemd-sysusers /usr/lib/sysusers.d/kiosk.conf
systemd-tmpfiles --create /usr/lib/tmpfiles.d/kiosk.conf
if [ -d "$dest/systemd/udev" ]; then
  for rule in "$dest"/systemd/udev/*.rules; do
    [ -e "$rule" ] && install -m 0644 "$rule" /etc/udev/rules.d/
  done
  udevadm control --reload-rules 2>/dev/null || true
fi
install -m 0644 "$dest/systemd/kiosk.service" /etc/systemd/system/kiosk.service
[ -f /etc/kiosk/kiosk.toml ] || cat > /etc/kiosk/kiosk.toml <<'TOML'
# Kiosk configuration: only the keys that differ from /opt/kiosk/config/defaults.toml.
[kiosk]
id = "K1"

[centre]
url = ""      # e.g. "https://centre.local/api/v1" (empty = demo with the reference centre)
TOML
systemctl daemon-reload
if [ "${1:-}" = "--enable" ]; then systemctl enable --now kiosk; fi
echo "installed in $dest; edit /etc/kiosk/kiosk.toml, then: systemctl enable --now kiosk"
