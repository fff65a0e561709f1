"""Colours and sizes of the kiosk's screens: calm, high contrast, big (designed at 1024x600 and scaled)."""
from __future__ import annotations

from dataclasses import dataclass

Colour = tuple[int, int, int]

BG: Colour = (247, 245, 239)          # warm off-white page
INK: Colour = (22, 24, 28)            # body text (contrast ~17:1 on BG)
MUTED: Colour = (70, 76, 86)          # secondary text (~8:1 on BG)
WHITE: Colour = (255, 255, 255)
HEADER: Colour = (16, 52, 97)         # navy header and footer bars
HEADER_INK: Colour = (255, 255, 255)
PRIMARY: Colour = (22, 86, 168)       # main buttons (white text ~7:1)
PRIMARY_DOWN: Colour = (12, 55, 112)
GO: Colour = (22, 110, 48)            # "take a ticket", "done" (white text ~6.5:1)
GO_DOWN: Colour = (12, 74, 30)
NEUTRAL: Colour = (226, 230, 236)     # secondary buttons (dark text)
NEUTRAL_DOWN: Colour = (184, 192, 204)
BORDER: Colour = (120, 130, 145)
PANEL: Colour = (255, 255, 255)
CAPTION_BG: Colour = (255, 244, 204)  # what the robot said
CAPTION_BORDER: Colour = (214, 180, 80)
LISTEN: Colour = (22, 86, 168)
WARN: Colour = (160, 28, 22)          # printer failure (white text ~7:1)
WARN_BG: Colour = (253, 232, 230)
AMBER: Colour = (133, 77, 0)          # no speech model (~6:1 on caption)
DOT_OK: Colour = (46, 184, 92)
DOT_BAD: Colour = (230, 60, 50)
DOT_UNKNOWN: Colour = (160, 166, 176)


@dataclass(frozen=True)
class Metrics:
    """Sizes in pixels for a window of width x height (the design is 1024x600)."""
    width: int
    height: int

    @property
    def scale(self) -> float:
        return max(0.5, min(self.width / 1024, self.height / 600))

    def px(self, v: float) -> int:
        return max(1, round(v * self.scale))

    # font sizes
    @property
    def body(self) -> int:
        return self.px(28)

    @property
    def caption(self) -> int:
        return self.px(26)

    @property
    def small(self) -> int:
        return self.px(20)

    @property
    def heading(self) -> int:
        return self.px(34)

    @property
    def button(self) -> int:
        return self.px(28)

    # bars and spacing
    @property
    def header_h(self) -> int:
        return self.px(54)

    @property
    def footer_h(self) -> int:
        return self.px(98)

    @property
    def button_h(self) -> int:
        return self.px(82)

    @property
    def pad(self) -> int:
        return self.px(16)

    @property
    def gap(self) -> int:
        return self.px(12)

    @property
    def radius(self) -> int:
        return self.px(14)

    @property
    def input_h(self) -> int:
        return self.px(62)
