"""Fonts and text rendering for the touchscreen: Be Vietnam Pro, NFC text, cached surfaces, word wrap.

Rendering text is the expensive part of a frame on a Raspberry Pi, so every rendered line is cached
by (text, size, weight, colour) and every wrapped paragraph by (text, size, weight, width)."""
from __future__ import annotations

import logging
import unicodedata
from pathlib import Path

import pygame

log = logging.getLogger(__name__)

WEIGHTS = ("Regular", "Medium", "SemiBold", "Bold")
FAMILY_PREFIX = "BeVietnamPro"
_CACHE_LIMIT = 1500
ELLIPSIS = "…"


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def package_font_dir() -> Path | None:
    """The folder of the Be Vietnam Pro files shipped by the `fontpkg-be-vietnam-pro` package."""
    try:
        import fontpkg_be_vietnam_pro as pkg
    except ImportError:
        return None
    folder = Path(pkg.__file__).resolve().parent / "files"
    return folder if folder.is_dir() else None


def font_files(font_path: str | None = None) -> dict[str, Path | None]:
    """Weight -> font file. `font_path` may be one .ttf (used for every weight) or a folder holding
    BeVietnamPro-<Weight>.ttf; None = the packaged Be Vietnam Pro. A missing file maps to None
    (pygame's default font is then used, with a log line)."""
    if font_path:
        p = Path(font_path)
        if p.is_file():
            return {w: p for w in WEIGHTS}
        folder: Path | None = p if p.is_dir() else None
        if folder is None:
            log.error("ui font_path %s does not exist; using the packaged font", font_path)
            folder = package_font_dir()
    else:
        folder = package_font_dir()
    out: dict[str, Path | None] = {}
    for w in WEIGHTS:
        f = folder / f"{FAMILY_PREFIX}-{w}.ttf" if folder else None
        out[w] = f if f is not None and f.is_file() else None
    if folder is not None and out["Regular"] is not None:
        # A weight that is missing falls back to Regular rather than to pygame's default font.
        out = {w: (f or out["Regular"]) for w, f in out.items()}
    if out["Regular"] is None:
        log.error("ui font Be Vietnam Pro not found (pip install fontpkg-be-vietnam-pro); "
                  "Vietnamese accents may not render")
    return out


class TextCache:
    """Fonts by (weight, size); rendered lines and wrapped paragraphs, cached."""

    def __init__(self, font_path: str | None = None) -> None:
        self.files = font_files(font_path)
        self._fonts: dict[tuple[str, int], pygame.font.Font] = {}
        self._lines: dict[tuple[str, int, str, tuple[int, int, int]], pygame.Surface] = {}
        self._wraps: dict[tuple[str, int, str, int], tuple[str, ...]] = {}
        self.hits = 0
        self.misses = 0

    def font(self, size: int, weight: str = "Regular") -> pygame.font.Font:
        key = (weight, size)
        f = self._fonts.get(key)
        if f is None:
            path = self.files.get(weight)
            f = pygame.font.Font(str(path) if path else None, max(6, size))
            self._fonts[key] = f
        return f

    def render(self, text: str, size: int, colour: tuple[int, int, int],
               weight: str = "Regular") -> pygame.Surface:
        key = (text, size, weight, colour)
        surf = self._lines.get(key)
        if surf is not None:
            self.hits += 1
            return surf
        self.misses += 1
        if len(self._lines) > _CACHE_LIMIT:
            self._lines.clear()
        surf = self.font(size, weight).render(nfc(text), True, colour)
        self._lines[key] = surf
        return surf

    def width(self, text: str, size: int, weight: str = "Regular") -> int:
        return self.font(size, weight).size(nfc(text))[0]

    def line_height(self, size: int, weight: str = "Regular") -> int:
        return self.font(size, weight).get_linesize()

    def wrap(self, text: str, size: int, width: int, weight: str = "Regular") -> tuple[str, ...]:
        """Greedy word wrap to `width` pixels; explicit newlines are kept; an over-long word is
        broken between characters."""
        key = (text, size, weight, width)
        lines = self._wraps.get(key)
        if lines is not None:
            return lines
        if len(self._wraps) > _CACHE_LIMIT:
            self._wraps.clear()
        font = self.font(size, weight)
        out: list[str] = []
        for para in nfc(text).split("\n"):
            words = para.split()
            line = ""
            for word in words:
                trial = f"{line} {word}" if line else word
                if font.size(trial)[0] <= width:
                    line = trial
                    continue
                if line:
                    out.append(line)
                line = word
                while font.size(line)[0] > width and len(line) > 1:
                    cut = len(line) - 1
                    while cut > 1 and font.size(line[:cut])[0] > width:
                        cut -= 1
                    out.append(line[:cut])
                    line = line[cut:]
            out.append(line)
        lines = tuple(out)
        self._wraps[key] = lines
        return lines

    def fit_lines(self, text: str, size: int, width: int, max_lines: int,
                  weight: str = "Regular", keep_end: bool = False) -> tuple[str, ...]:
        """Wrap into at most `max_lines`; what does not fit is replaced by an ellipsis at the end
        (or, with keep_end, at the start: the most recent words of a caption stay visible)."""
        lines = self.wrap(text, size, width, weight)
        if len(lines) <= max_lines:
            return lines
        words = nfc(text).split()
        if keep_end:
            lo, hi = 0, len(words)  # find the longest tail that fits
            best: tuple[str, ...] = (ELLIPSIS,)
            while lo < hi:
                mid = (lo + hi + 1) // 2
                cand = self.wrap(ELLIPSIS + " " + " ".join(words[len(words) - mid:]), size, width,
                                 weight)
                if len(cand) <= max_lines:
                    best, lo = cand, mid
                else:
                    hi = mid - 1
            return best
        kept = list(lines[:max_lines])
        last = kept[-1]
        font = self.font(size, weight)
        while last and font.size(last + ELLIPSIS)[0] > width:
            last = last[:-1].rstrip()
        kept[-1] = last + ELLIPSIS
        return tuple(kept)

    def clear(self) -> None:
        self._lines.clear()
        self._wraps.clear()
