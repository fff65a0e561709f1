"""`kiosk understand [--centre URL | --catalogue FILE] [--grammar] [TEXT]`: what the kiosk makes of
an utterance, as JSON.

With TEXT, one JSON object; without, one utterance per stdin line and one JSON object per line:
`{"text","intent","decision","procedure_id","field_id","counter_id","confidence","value",
"candidates": [{"procedure_id","score"}]}`. `counter_id` is the counter the kiosk would send the
citizen to offline (lowest-numbered counter serving the field). With `--grammar`, prints the
phrase list the recognizer is restricted to (one phrase per line) and exits.
"""
from __future__ import annotations

import json
import logging
import sys
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

ROOT = Path(__file__).resolve().parent.parent.parent
DEFAULT_CATALOGUE = ROOT / "config" / "catalogues" / "demo.json"


def register(sub) -> None:
    p = sub.add_parser("understand", help="understand utterances against a catalogue (JSON out)")
    src = p.add_mutually_exclusive_group()
    src.add_argument("--centre", metavar="URL", help="centre API base URL (GET /catalogue)")
    src.add_argument("--catalogue", metavar="FILE", help="catalogue JSON file (default: demo)")
    p.add_argument("--grammar", action="store_true", help="print the recognizer's phrase list")
    p.add_argument("--lexicon", metavar="DIR", help="lexicon folder (default: config/lexicon)")
    p.add_argument("--config", metavar="FILE", help="configuration file (token, timeouts)")
    p.add_argument("text", nargs="*", metavar="TEXT", help="an utterance; none = lines of stdin")
    p.set_defaults(func=run)


def _load_config(path: str | None) -> dict[str, Any]:
    try:
        from kiosk.config import load_config
        return load_config(path)
    except Exception as exc:  # a bad file must not stop a technician's tool
        log.warning("configuration not loaded (%s); using defaults", exc)
        return {}


def load_catalogue(args: Any, cfg: dict[str, Any]):
    """The catalogue from the centre, a file, or the demo; raises ValueError with a clear text."""
    from dialogs.catalogue import CatalogueError, parse_catalogue
    if args.centre:
        try:
            from kiosk.centre.client import CentreClient
        except ImportError:
            CentreClient = None  # type: ignore[assignment]
        if CentreClient is not None:
            client = CentreClient.from_config(cfg, base_url=args.centre)
            try:
                return client.catalogue()
            except Exception as exc:
                raise ValueError(f"cannot load the catalogue from {args.centre}: {exc}") from exc
            finally:
                client.close()
        import requests
        try:
            resp = requests.get(args.centre.rstrip("/") + "/catalogue", timeout=(3, 10))
            resp.raise_for_status()
            return parse_catalogue(resp.json())
        except (requests.RequestException, ValueError, CatalogueError) as exc:
            raise ValueError(f"cannot load the catalogue from {args.centre}: {exc}") from exc
    path = Path(args.catalogue) if args.catalogue else DEFAULT_CATALOGUE
    try:
        return parse_catalogue(json.loads(path.read_text(encoding="utf-8")))
    except OSError as exc:
        raise ValueError(f"cannot read the catalogue {path}: {exc.strerror or exc}") from exc
    except (json.JSONDecodeError, CatalogueError) as exc:
        raise ValueError(f"the catalogue {path} is not valid: {exc}") from exc


def load_lexicon(directory: str | None):
    from dialogs.understanding import Lexicon, LexiconError
    folder = Path(directory) if directory else ROOT / "config" / "lexicon"
    texts = [p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.toml"))]
    if not texts:
        log.warning("no lexicon in %s: only the catalogue's own words are understood", folder)
    try:
        return Lexicon.from_toml_texts(texts)
    except LexiconError as exc:
        raise ValueError(f"the lexicon in {folder} is not valid: {exc}") from exc


def result_json(u: Any, catalogue: Any) -> dict[str, Any]:
    """The JSON object printed for one understanding."""
    from dialogs.counters import pick_counter
    counter = pick_counter(catalogue, u.field_id) if u.field_id else None
    return {"text": u.text, "intent": u.intent, "decision": u.decision,
            "procedure_id": u.procedure_id, "field_id": u.field_id,
            "counter_id": counter.id if counter else None, "confidence": u.confidence,
            "value": u.value,
            "candidates": [{"procedure_id": c.procedure_id, "score": c.score}
                           for c in u.candidates]}


def run(args: Any) -> int:
    from dialogs.understanding import build_understander, grammar_phrases
    cfg = _load_config(getattr(args, "config", None))
    try:
        catalogue = load_catalogue(args, cfg)
        lexicon = load_lexicon(args.lexicon)
    except ValueError as exc:
        print(f"kiosk understand: {exc}", file=sys.stderr)
        return 2
    if args.grammar:
        for phrase in grammar_phrases(catalogue, lexicon):
            print(phrase)
        return 0
    und = build_understander(catalogue, lexicon)
    lines = [" ".join(args.text)] if args.text else (line.rstrip("\n") for line in sys.stdin)
    for line in lines:
        if not line.strip():
            continue
        print(json.dumps(result_json(und.understand(line), catalogue), ensure_ascii=False),
              flush=True)
    return 0
