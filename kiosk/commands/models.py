"""`kiosk models fetch|verify`: download, check and install the Vietnamese speech models."""
from __future__ import annotations

import argparse
import sys

from speech import model_store
from speech.models import data_dir


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("models", help="download (fetch) or check (verify) the speech models")
    msub = p.add_subparsers(dest="models_command", metavar="fetch|verify", required=True)
    for name, help_text in (("fetch", "download, verify and install the models"),
                            ("verify", "check the installed models against their checksums")):
        q = msub.add_parser(name, help=help_text)
        q.add_argument("--list", dest="models_toml", default=None,
                       help="model list (default config/models.toml; env KIOSK_MODELS_TOML)")
        q.add_argument("--base-url", default=None,
                       help="fetch every file from BASE_URL/<name> (mirror; env KIOSK_MODELS_BASE_URL)")
        q.add_argument("--dir", default=None, help="models folder (default <data dir>/models)")
        q.add_argument("--only", default=None, help="only this model id")
        if name == "fetch":
            q.add_argument("--force", action="store_true", help="download and install again")
            q.add_argument("--timeout", type=float, default=30.0, help="network timeout in seconds")
        q.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    try:
        specs = model_store.load_specs(args.models_toml, args.base_url)
    except model_store.ModelStoreError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if args.only:
        specs = [s for s in specs if s.id == args.only]
        if not specs:
            print(f"error: no model {args.only!r} in the model list", file=sys.stderr)
            return 2
    models_dir = args.dir or str(data_dir() / "models")
    store = model_store.ModelStore(models_dir, timeout_s=getattr(args, "timeout", 30.0),
                                   progress=lambda m: print(m, file=sys.stderr))
    failed = 0
    if args.models_command == "fetch":
        for spec in specs:
            report = store.fetch(spec, force=args.force)
            for line in report.messages:
                print(line)
            if report.ok:
                key = "asr_model" if spec.kind == "asr" else "voice"
                print(f'  [speech] {key} = "{report.installed_path}"')
            else:
                failed += 1
                print(f"{spec.id}: FAILED")
    else:
        for spec in specs:
            problems = store.verify(spec)
            if problems:
                failed += 1
                for line in problems:
                    print(line)
            else:
                print(f"{spec.id}: ok ({spec.path_in(store.dir)})")
    return 1 if failed else 0
