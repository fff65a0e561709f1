"""Drawing helpers shared by the screens: text blocks, buttons (which register touch targets), icons."""
from __future__ import annotations

from dataclasses import dataclass

import pygame

from kiosk.ui import theme
from kiosk.ui.fonts import TextCache
from kiosk.ui.theme import Colour, Metrics

STYLES: dict[str, tuple[Colour, Colour, Colour]] = {
    # style -> (fill, fill when pressed, text)
    "primary": (theme.PRIMARY, theme.PRIMARY_DOWN, theme.WHITE),
    "go": (theme.GO, theme.GO_DOWN, theme.WHITE),
    "neutral": (theme.NEUTRAL, theme.NEUTRAL_DOWN, theme.INK),
    "warn": (theme.WARN, (110, 16, 12), theme.WHITE),
    "bar": ((40, 84, 140), (8, 32, 64), theme.WHITE),
}


@dataclass(frozen=True)
class Button:
    """A touch target drawn on the screen."""
    rect: pygame.Rect
    target: str
    """The Touched target it yields ('field:ho-tich', 'back', ...) or an internal 'page:...'."""
    label: str = ""


class Canvas:
    """One frame's drawing context: the surface, sizes, text cache and the targets drawn so far."""

    def __init__(self, surf: pygame.Surface, text: TextCache, pressed: str | None = None,
                 lang: str = "vi") -> None:
        self.surf = surf
        self.lang = lang
        self.text = text
        self.m = Metrics(*surf.get_size())
        self.pressed = pressed
        self.buttons: list[Button] = []

    # -- text ------------------------------------------------------------------------------
    def line(self, s: str, pos: tuple[int, int], size: int, colour: Colour = theme.INK,
             weight: str = "Regular", anchor: str = "topleft") -> pygame.Rect:
        img = self.text.render(s, size, colour, weight)
        r = img.get_rect(**{anchor: pos})
        self.surf.blit(img, r)
        return r

    def para(self, s: str, rect: pygame.Rect, size: int, colour: Colour = theme.INK,
             weight: str = "Regular", max_lines: int | None = None, align: str = "left",
             valign: str = "top", keep_end: bool = False, spacing: float = 1.08) -> int:
        """Word-wrapped text inside rect; returns the height used."""
        lh = round(self.text.line_height(size, weight) * spacing)
        fit = max(1, rect.height // lh) if max_lines is None else max_lines
        lines = self.text.fit_lines(s, size, rect.width, fit, weight, keep_end=keep_end)
        total = lh * len(lines)
        y = rect.top
        if valign == "middle":
            y = rect.top + (rect.height - total) // 2
        for ln in lines:
            img = self.text.render(ln, size, colour, weight)
            if align == "center":
                x = rect.centerx - img.get_width() // 2
            elif align == "right":
                x = rect.right - img.get_width()
            else:
                x = rect.left
            self.surf.blit(img, (x, y + (lh - img.get_height()) // 2))
            y += lh
        return total

    def para_height(self, s: str, width: int, size: int, weight: str = "Regular",
                    max_lines: int = 99, spacing: float = 1.08) -> int:
        lh = round(self.text.line_height(size, weight) * spacing)
        return lh * len(self.text.fit_lines(s, size, width, max_lines, weight))

    def fit_size(self, s: str, width: int, height: int, size: int, min_size: int,
                 weight: str = "Regular", max_lines: int = 1) -> int:
        """The biggest font size <= size whose wrapped text fits in width x height."""
        step = max(1, size // 16)
        while size > min_size:
            lines = self.text.wrap(s, size, width, weight)
            lh = self.text.line_height(size, weight)
            if len(lines) <= max_lines and lh * len(lines) <= height:
                break
            size -= step
        return max(size, min_size)

    # -- shapes ----------------------------------------------------------------------------
    def box(self, rect: pygame.Rect, fill: Colour, border: Colour | None = None,
            radius: int | None = None, width: int = 2) -> None:
        r = self.m.radius if radius is None else radius
        pygame.draw.rect(self.surf, fill, rect, border_radius=r)
        if border is not None:
            pygame.draw.rect(self.surf, border, rect, width=max(1, self.m.px(width)),
                             border_radius=r)

    def dot(self, centre: tuple[int, int], radius: int, colour: Colour) -> None:
        pygame.draw.circle(self.surf, colour, centre, radius)
        pygame.draw.circle(self.surf, theme.WHITE, centre, radius, max(1, radius // 5))

    def speaker_icon(self, rect: pygame.Rect, colour: Colour) -> None:
        x, y, w, h = rect
        body = pygame.Rect(x, y + h * 0.32, w * 0.28, h * 0.36)
        pygame.draw.rect(self.surf, colour, body)
        pygame.draw.polygon(self.surf, colour, [(x + w * 0.26, y + h * 0.32), (x + w * 0.58, y + h * 0.08),
                                                (x + w * 0.58, y + h * 0.92), (x + w * 0.26, y + h * 0.68)])
        for i, k in enumerate((0.22, 0.38)):
            arc = pygame.Rect(0, 0, w * k * 2, h * (0.5 + 0.35 * i))
            arc.center = (round(x + w * 0.62), round(y + h / 2))
            pygame.draw.arc(self.surf, colour, arc, -0.9, 0.9, max(2, self.m.px(3)))

    def mic_icon(self, rect: pygame.Rect, colour: Colour) -> None:
        x, y, w, h = rect
        head = pygame.Rect(0, 0, w * 0.42, h * 0.62)
        head.midtop = (x + w // 2, y)
        pygame.draw.rect(self.surf, colour, head, border_radius=head.width // 2)
        arc = pygame.Rect(0, 0, w * 0.7, h * 0.7)
        arc.midtop = (x + w // 2, y + h * 0.08)
        pygame.draw.arc(self.surf, colour, arc, 3.3, 6.1, max(2, self.m.px(3)))
        pygame.draw.line(self.surf, colour, (x + w // 2, y + h * 0.78), (x + w // 2, y + h),
                         max(2, self.m.px(3)))

    def arrow(self, rect: pygame.Rect, colour: Colour, direction: str) -> None:
        """A filled triangle: 'up', 'down', 'left', 'right'."""
        x, y, w, h = rect
        pts = {"up": [(x, y + h), (x + w / 2, y), (x + w, y + h)],
               "down": [(x, y), (x + w / 2, y + h), (x + w, y)],
               "left": [(x + w, y), (x, y + h / 2), (x + w, y + h)],
               "right": [(x, y), (x + w, y + h / 2), (x, y + h)]}[direction]
        pygame.draw.polygon(self.surf, colour, pts)

    # -- buttons ---------------------------------------------------------------------------
    def button(self, rect: pygame.Rect, label: str, target: str, style: str = "primary",
               size: int | None = None, max_lines: int = 2, align: str = "center",
               weight: str = "SemiBold", badge: str | None = None, icon: str | None = None,
               enabled: bool = True, stacked: bool = False) -> Button:
        """Draw a button and register its touch target (a disabled one is drawn but not a target)."""
        fill, down, ink = STYLES[style]
        if not enabled:
            fill, ink = (236, 238, 241), (150, 156, 166)
        elif self.pressed == target:
            fill = down
        self.box(rect, fill, border=theme.BORDER if style == "neutral" else None)
        pad = self.m.px(14)
        inner = rect.inflate(-2 * pad, -self.m.px(8))
        if badge:
            d = min(rect.height - self.m.px(16), self.m.px(58))
            c = (inner.left + d // 2, rect.centery)
            pygame.draw.circle(self.surf, ink, c, d // 2)
            self.line(badge, c, self.m.px(30), fill, "Bold", anchor="center")
            inner = pygame.Rect(inner.left + d + pad, inner.top, inner.width - d - pad, inner.height)
        if icon and stacked:
            # Icon above the label (narrow buttons such as the pager's).
            d = self.m.px(30)
            lh = self.text.line_height(size or self.m.button, weight)
            top = rect.centery - (d + self.m.px(6) + lh) // 2
            ir = pygame.Rect(rect.centerx - d // 2, top, d, d)
            if icon in ("up", "down", "left", "right"):
                self.arrow(ir, ink, icon)
            inner = pygame.Rect(inner.left, ir.bottom + self.m.px(6), inner.width, lh)
            icon = None
        if icon:
            d = min(inner.height, self.m.px(40))
            if align == "center":
                tw = min(self.text.width(label, size or self.m.button, weight), inner.width - d - pad)
                left = inner.centerx - (tw + d + pad // 2) // 2
            else:
                left = inner.left
            ir = pygame.Rect(left, rect.centery - d // 2, d, d)
            if icon in ("up", "down", "left", "right"):
                self.arrow(ir.inflate(-d // 4, -d // 4), ink, icon)
            elif icon == "speaker":
                self.speaker_icon(ir, ink)
            inner = pygame.Rect(ir.right + pad // 2, inner.top,
                                max(10, inner.right - ir.right - pad // 2), inner.height)
            if align == "center":
                align = "left"
        fs = size or self.m.button
        self.para(label, inner, fs, ink, weight, max_lines=max_lines, align=align, valign="middle",
                  spacing=1.0)
        b = Button(rect=pygame.Rect(rect), target=target, label=label)
        if enabled:
            self.buttons.append(b)
        return b
