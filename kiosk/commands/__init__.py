"""Subcommands of `kiosk`: each module has `register(subparsers)` (discovered by kiosk/cli.py)."""
from __future__ import annotations

import sys
from typing import Any


def config_or_none(path: str | None, prog: str = "kiosk") -> dict[str, Any] | None:
    """The configuration, or None after printing the one message that names the bad key."""
    from kiosk.config import ConfigError, load_config
    try:
        return load_config(path)
    except ConfigError as e:
        print(f"{prog}: configuration error: {e}", file=sys.stderr)
        return None
