"""`kiosk run [--demo] [--headless] [--config FILE] [--script FILE]`: the kiosk."""
from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

log = logging.getLogger("kiosk")


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("run", help="run the kiosk (the demo when nothing is configured)")
    p.add_argument("--demo", action="store_true",
                   help="start the reference centre on localhost with the demo catalogue")
    p.add_argument("--headless", action="store_true", help="no display (SDL dummy video driver)")
    p.add_argument("--config", metavar="FILE", help="configuration file (default /etc/kiosk/kiosk.toml)")
    p.add_argument("--script", metavar="FILE",
                   help="drive a session from a script (arrive, leave, say:, touch:, scan:, wait:)")
    p.add_argument("--frames", type=int, default=None, help=argparse.SUPPRESS)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from kiosk.commands import config_or_none

    cfg = config_or_none(args.config)
    if cfg is None:
        return 2
    logging.getLogger().setLevel(cfg["kiosk"]["log_level"] if not args.verbose else "DEBUG")
    from dialogs.understanding.lexicon import LexiconError
    from kiosk.lexicon import load_lexicon
    try:
        lexicon = load_lexicon()  # a broken lexicon file stops the start with one clear message
    except LexiconError as e:
        print(f"kiosk: lexicon error: {e}", file=sys.stderr)
        return 2
    if args.script:
        return run_script_file(cfg, Path(args.script), demo=args.demo or None, lexicon=lexicon)
    from kiosk.app import build_app
    from kiosk.loop import run_loop

    app = build_app(cfg, demo=args.demo or None, lexicon=lexicon)
    log.info("kiosk %s started (%s)", cfg["kiosk"]["id"], "demo" if app.demo else cfg["centre"]["url"])
    try:
        return run_loop(app, headless=args.headless, max_frames=args.frames)
    except KeyboardInterrupt:
        return 0
    finally:
        app.close()


def run_script_file(cfg: dict, path: Path, demo: bool | None, lexicon: object = None) -> int:
    from kiosk.app import build_app
    from kiosk.clock import VirtualClock
    from kiosk.devices.camera import scan_image_events
    from kiosk.script import ScriptError, parse_script, run_script, step_record_json
    from kiosk.shell import StepRecord

    try:
        lines = parse_script(path.read_text(encoding="utf-8"), str(path))
    except OSError as e:
        print(f"kiosk: cannot read script {path}: {e.strerror}", file=sys.stderr)
        return 2
    except ScriptError as e:
        print(f"kiosk: {e}", file=sys.stderr)
        return 2
    clock = VirtualClock()

    def emit(record: StepRecord) -> None:
        print(step_record_json(record), flush=True)

    app = build_app(cfg, demo=demo, clock=clock, on_step=emit, with_camera=False,
                    with_speech=False, lexicon=lexicon)
    try:
        run_script(lines, app.shell, clock, scan_image_events, path.parent)
    finally:
        app.close()
    return 0
