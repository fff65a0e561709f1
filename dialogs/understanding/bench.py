"""Bench hook of the understanding: median time per utterance on the demo catalogue and on a
catalogue of 2,296 procedures (the demo one plus generated procedures, see synthetic.py).

`run(cfg)` reads the catalogue and lexicon files through `load_inputs` (the only I/O here, kept
apart so the measuring part takes plain values)."""
from __future__ import annotations

import json
import statistics
import time
from pathlib import Path
from typing import Any

from dialogs.catalogue import Catalogue, parse_catalogue
from dialogs.understanding.lexicon import Lexicon
from dialogs.understanding.matcher import build_understander
from dialogs.understanding.synthetic import large_catalogue

ROOT = Path(__file__).resolve().parent.parent.parent
UTTERANCES = (
    "tôi muốn sang tên mảnh đất cho con", "làm sổ đỏ", "cho cháu công chứng mấy tờ giấy",
    "bố tôi mới mất, làm giấy báo tử ở mô", "dang ky ket hon", "đăng ký khai xinh cho con",
    "xin giấy xác nhận độc thân", "mở quán tạp hóa thì đăng ký ở đâu", "vâng", "nói lại đi",
    "gọi cán bộ", "cái thứ hai", "hôm nay trời đẹp quá", "tôi muốn hỏi về đất đai",
    "nhập hộ khẩu cho vợ", "tiền trợ cấp người già", "làm căn cước công dân", "tách thửa đất",
    "xin giấy phép xây nhà", "thôi không làm nữa",
)


def load_inputs(catalogue_path: Path, lexicon_dir: Path) -> tuple[Catalogue, Lexicon]:
    """Read a catalogue JSON file and every lexicon TOML file of a folder."""
    cat = parse_catalogue(json.loads(catalogue_path.read_text(encoding="utf-8")))
    texts = [p.read_text(encoding="utf-8") for p in sorted(lexicon_dir.glob("*.toml"))]
    return cat, Lexicon.from_toml_texts(texts)


def measure(catalogue: Catalogue, lexicon: Lexicon, utterances: tuple[str, ...] = UTTERANCES,
            rounds: int = 5) -> tuple[float, float]:
    """(median ms per utterance, ms to build the understander)."""
    t0 = time.perf_counter()
    und = build_understander(catalogue, lexicon)
    build_ms = (time.perf_counter() - t0) * 1000
    for text in utterances:  # warm the caches once
        und.understand(text)
    times = []
    for _ in range(rounds):
        for text in utterances:
            t = time.perf_counter()
            und.understand(text)
            times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times), build_ms


def run(cfg: dict[str, Any]) -> tuple[dict[str, float | None], dict[str, str]]:
    figures: dict[str, float | None] = {"intent_ms_median_demo": None, "intent_ms_median_2296": None}
    notes: dict[str, str] = {}
    demo_path = ROOT / "config" / "catalogues" / "demo.json"
    try:
        cat, lexicon = load_inputs(demo_path, ROOT / "config" / "lexicon")
    except (OSError, ValueError) as exc:
        notes["intent_ms_median_demo"] = notes["intent_ms_median_2296"] = f"no catalogue: {exc}"
        return figures, notes
    ms, build = measure(cat, lexicon)
    figures["intent_ms_median_demo"] = round(ms, 3)
    notes["intent_ms_median_demo"] = f"{len(cat.procedures)} procedures, build {build:.0f} ms"
    big = large_catalogue(cat, 2296)
    ms, build = measure(big, lexicon)
    figures["intent_ms_median_2296"] = round(ms, 3)
    notes["intent_ms_median_2296"] = (f"{len(big.procedures)} procedures (demo + generated), "
                                      f"build {build:.0f} ms")
    return figures, notes
