"""The kiosk's touchscreen: draws a Show (header, caption, content, footer) and turns touches, clicks and
typed text into dialog events.

The shell calls `draw(show, status)` every frame and `handle(event)` for every pygame event; it calls
`pygame.init()` before and `pygame.display.flip()` after drawing. A frame whose Show, status and input are
unchanged is not redrawn (the surface keeps the last picture), so the 30 fps loop stays cheap."""
from __future__ import annotations

import logging
from pathlib import Path
from typing import Any, Mapping

import pygame

from dialogs.effects import Show
from dialogs.events import Heard, Touched
from dialogs.machine import LISTENING
from kiosk.ui import theme
from kiosk.ui.canvas import Button, Canvas
from kiosk.ui.fonts import TextCache, nfc
from kiosk.ui.layouts import FOOTERS, MESSAGE_SCREENS, SCREENS, UiState, lang_of
from kiosk.ui.theme import Metrics
from kiosk.ui.words import word

log = logging.getLogger(__name__)

DEFAULT_CENTRE_NAME = "Trung tâm Phục vụ hành chính công xã"
ANIMATED = frozenset({"issuing", "printing", "dossier_wait"})
MAX_TYPED = 200
FOOTER_ICONS = {"back": "left", "repeat": "speaker"}
# Lines of caption per screen (2 elsewhere): the card's spoken text repeats what the card shows.
CAPTION_LINES = {"card": 1}


class Screen:
    """The touchscreen UI. Targets of the last drawn frame are in `buttons`."""

    def __init__(self, width: int = 1024, height: int = 600, fullscreen: bool = False,
                 font_path: str | None = None, *, headless: bool = False,
                 centre_name: str = DEFAULT_CENTRE_NAME) -> None:
        self.headless = headless
        self.centre_name = nfc(centre_name)
        self.text = TextCache(font_path)
        if headless:
            self.surface = pygame.Surface((width, height))
            if pygame.display.get_init() and pygame.display.get_driver() == "dummy" \
                    and pygame.display.get_surface() is None:
                pygame.display.set_mode((1, 1))  # so that the caller's display.flip() works
        else:
            if fullscreen:
                self.surface = pygame.display.set_mode((0, 0), pygame.FULLSCREEN)
                pygame.mouse.set_visible(False)
            else:
                self.surface = pygame.display.set_mode((width, height), pygame.RESIZABLE)
            pygame.display.set_caption("Kiosk")
            try:
                pygame.key.start_text_input()
            except pygame.error:
                pass
        self.surface.fill(theme.BG)
        self.buttons: list[Button] = []
        self.status: dict[str, Any] = {}
        self.ui = UiState()
        self.typed = ""
        self.composing = ""
        self._show: Show | None = None
        self._generation = 0
        self._version = 0
        self._identity: str | None = None
        self._frame_key: Any = None
        self._pressed: tuple[str, Button | None, int] | None = None
        """(input source, button under the press or None, show generation at the press)"""
        self.frames_drawn = 0

    # -- drawing ---------------------------------------------------------------------------
    def draw(self, show: Show | None, status: Mapping[str, Any]) -> None:
        """Draw the whole screen for show (None: the attract screen)."""
        if not self.headless:
            surf = pygame.display.get_surface()
            if surf is not None:
                self.surface = surf
        if show is None:
            show = Show("idle", {"lang": "vi", "message": "", "caption": "", "partial": "",
                                 "speech": True})
        if show != self._show:
            self._show = show
            self._version += 1
            identity = _identity(show)
            if identity != self._identity:
                # A new screen (not just a new caption or partial words): first page, and a press
                # still held from the old screen will not fire.
                self._identity = identity
                self._generation += 1
                self.ui = UiState()
        self.status = dict(status)
        pressed = self._pressed[1].target if self._pressed and self._pressed[1] else None
        if self._frame_key_of(show, pressed) == self._frame_key:
            return
        try:
            self._draw(show, pressed)
        except Exception:  # a bad Show must not take the kiosk down: log it, keep the old frame
            log.exception("ui could not draw screen %r", show.screen)
        self._frame_key = self._frame_key_of(show, pressed)  # after drawing: the pages are known now
        self.frames_drawn += 1

    def _frame_key_of(self, show: Show, pressed: str | None) -> tuple:
        """Everything a frame depends on: an equal key means the last frame is still right."""
        return (self._version, self._generation, tuple(sorted(self.status.items())), self.typed,
                self.composing, pressed, tuple(sorted(self.ui.pages.items())),
                self.surface.get_size(),
                pygame.time.get_ticks() // 350 if show.screen in ANIMATED else 0)

    def _draw(self, show: Show, pressed: str | None) -> None:
        data: dict[str, Any] = dict(show.data)
        data["_screen"] = show.screen
        lang = lang_of(data)
        cv = Canvas(self.surface, self.text, pressed, lang)
        m = cv.m
        self.surface.fill(theme.BG)
        self._header(cv, lang)
        top = m.header_h
        bottom = m.height
        footer = FOOTERS.get(show.screen, ("back", "staff", "lang"))
        if footer:
            bottom -= m.footer_h
            self._footer(cv, footer, lang, bottom)
        if self.status.get("text_input") and show.screen in LISTENING and show.screen != "idle":
            bottom -= m.input_h + m.px(6)
            self._text_field(cv, pygame.Rect(m.pad, bottom, m.width - 2 * m.pad, m.input_h), lang)
        if show.screen not in MESSAGE_SCREENS:
            top = self._caption_band(cv, data, lang, top)
        area = pygame.Rect(m.pad, top + m.px(6), m.width - 2 * m.pad, bottom - top - m.px(14))
        drawer = SCREENS.get(show.screen)
        if drawer is None:
            log.error("ui has no layout for screen %r; showing its caption", show.screen)
            cv.para(str(data.get("caption") or show.screen), area, m.body, theme.INK)
        else:
            drawer(cv, data, area, self.ui)
        self.buttons = cv.buttons

    def _header(self, cv: Canvas, lang: str) -> None:
        m = cv.m
        bar = pygame.Rect(0, 0, m.width, m.header_h)
        pygame.draw.rect(cv.surf, theme.HEADER, bar)
        clock = str(self.status.get("clock") or "")
        right = bar.right - m.pad
        if clock:
            r = cv.line(clock, (right, bar.centery), m.px(30), theme.HEADER_INK, "Bold",
                        anchor="midright")
            right = r.left - m.px(22)
        printer = self.status.get("printer_ok")
        centre = self.status.get("centre_online")
        for name, ok in (("printer", printer), ("centre", centre)):
            r = cv.line(word(lang, name), (right, bar.centery), m.small, theme.HEADER_INK, "Medium",
                        anchor="midright")
            colour = theme.DOT_UNKNOWN if ok is None else theme.DOT_OK if ok else theme.DOT_BAD
            cv.dot((r.left - m.px(14), bar.centery), m.px(9), colour)
            right = r.left - m.px(34)
        kid = str(self.status.get("kiosk_id") or "")
        if kid:
            r = cv.line(kid, (right, bar.centery), m.small, (170, 190, 215), "Regular",
                        anchor="midright")
            right = r.left - m.px(16)
        name_r = pygame.Rect(m.pad, 0, right - 2 * m.pad, m.header_h)
        size = cv.fit_size(self.centre_name, name_r.width, m.header_h, m.px(24), m.px(18), "Bold")
        cv.para(self.centre_name, name_r, size, theme.HEADER_INK, "Bold", max_lines=1,
                valign="middle")

    def _caption_band(self, cv: Canvas, data: Mapping[str, Any], lang: str, top: int) -> int:
        """What the robot said (for citizens who hear badly) and what it is hearing; returns the
        bottom of the band."""
        m = cv.m
        caption = str(data.get("caption") or "")
        partial = str(data.get("partial") or "")
        if partial:
            status, colour = f"{word(lang, 'listening')} “{partial}”", theme.LISTEN
        elif data.get("speech") is False and data.get("_screen") in LISTENING:
            status, colour = word(lang, "no_speech"), theme.AMBER
        else:
            status, colour = "", theme.INK
        if not caption and not status:
            return top
        icon_w = m.px(44)
        band = pygame.Rect(m.pad, top + m.px(8), m.width - 2 * m.pad, 0)
        text_w = band.width - icon_w - 3 * m.px(12)
        size = m.caption
        lh = round(cv.text.line_height(size) * 1.08)
        # The band keeps its height on a screen (the layout below must not jump while the citizen
        # speaks): the words heard so far take the caption's last line.
        most = CAPTION_LINES.get(str(data.get("_screen")), 2)
        st_lines = cv.text.fit_lines(status, size, text_w, 1, "SemiBold", keep_end=True) \
            if status else ()
        room = most - len(st_lines)
        cap_lines = cv.text.fit_lines(caption, size, text_w, room, keep_end=True) \
            if caption and room > 0 else ()
        band.height = lh * most + m.px(14)
        cv.box(band, theme.CAPTION_BG, theme.CAPTION_BORDER, radius=m.px(10))
        icon = pygame.Rect(band.left + m.px(12), band.top + (min(band.height, m.px(60)) - m.px(34)) // 2,
                           m.px(36), m.px(34))
        if partial:
            cv.mic_icon(icon, theme.LISTEN)
        else:
            cv.speaker_icon(icon, theme.HEADER)
        x = icon.right + m.px(14)
        y = band.top + m.px(7)
        for ln in cap_lines:
            img = cv.text.render(ln, size, theme.INK)
            cv.surf.blit(img, (x, y + (lh - img.get_height()) // 2))
            y += lh
        for ln in st_lines:
            img = cv.text.render(ln, size, colour, "SemiBold")
            cv.surf.blit(img, (x, y + (lh - img.get_height()) // 2))
            y += lh
        return band.bottom

    def _footer(self, cv: Canvas, keys: tuple[str, ...], lang: str, top: int) -> None:
        m = cv.m
        bar = pygame.Rect(0, top, m.width, m.footer_h)
        pygame.draw.rect(cv.surf, theme.HEADER, bar)
        n = len(keys)
        gap = m.gap
        h = m.button_h
        w = min(m.px(300), (bar.width - 2 * m.pad - gap * (n - 1)) // n)
        total = w * n + gap * (n - 1)
        x = bar.centerx - total // 2
        y = bar.top + (bar.height - h) // 2
        for k in keys:
            if k == "lang":
                target = "lang:en" if lang == "vi" else "lang:vi"
            else:
                target = k
            style = "go" if k == "done" else "warn" if k == "staff" else "bar"
            cv.button(pygame.Rect(x, y, w, h), word(lang, k), target, style, max_lines=1,
                      icon=FOOTER_ICONS.get(k), size=m.px(28))
            x += w + gap

    def _text_field(self, cv: Canvas, rect: pygame.Rect, lang: str) -> None:
        m = cv.m
        cv.box(rect, theme.PANEL, theme.PRIMARY, radius=m.px(10), width=3)
        inner = rect.inflate(-2 * m.pad, 0)
        size = m.px(26)
        if self.typed or self.composing:
            text = self.typed + self.composing + "|"
            img = cv.text.render(text, size, theme.INK, "Medium")
            # Keep the end of a long text visible.
            area = pygame.Rect(0, 0, min(img.get_width(), inner.width), img.get_height())
            area.right = img.get_width()
            cv.surf.blit(img, (inner.left, inner.centery - img.get_height() // 2), area)
        else:
            cv.line(word(lang, "type_here"), (inner.left, inner.centery), size, theme.MUTED,
                    anchor="midleft")

    # -- input -----------------------------------------------------------------------------
    def handle(self, event: pygame.event.Event) -> list:
        """Dialog events for one pygame event: Touched(target) on the release of a press on a target,
        Heard(text) for typed text submitted with Enter. A touch arrives from SDL as FINGERDOWN plus a
        synthetic mouse event (touch=True): only the finger event is used, so one press is one event."""
        t = event.type
        if t in (pygame.MOUSEBUTTONDOWN, pygame.MOUSEBUTTONUP):
            if getattr(event, "touch", False) or getattr(event, "button", 1) != 1:
                return []
            if t == pygame.MOUSEBUTTONDOWN:
                return self._press(event.pos, "mouse")
            return self._release(event.pos, "mouse")
        if t in (pygame.FINGERDOWN, pygame.FINGERUP):
            src = f"finger:{getattr(event, 'touch_id', 0)}:{getattr(event, 'finger_id', 0)}"
            w, h = self.surface.get_size()
            pos = (int(event.x * w), int(event.y * h))
            if t == pygame.FINGERDOWN:
                return self._press(pos, src)
            return self._release(pos, src)
        if t == pygame.MOUSEWHEEL:
            return self._wheel(getattr(event, "y", 0))
        if t == pygame.TEXTINPUT:
            if self.status.get("text_input"):
                self.typed = (self.typed + nfc(event.text))[:MAX_TYPED]
                self.composing = ""
            return []
        if t == pygame.TEXTEDITING:
            if self.status.get("text_input"):
                self.composing = nfc(getattr(event, "text", ""))
            return []
        if t == pygame.KEYDOWN and self.status.get("text_input"):
            return self._key(event)
        return []

    def _key(self, event: pygame.event.Event) -> list:
        if event.key in (pygame.K_RETURN, pygame.K_KP_ENTER):
            text = nfc(self.typed).strip()
            self.typed = ""
            self.composing = ""
            return [Heard(text)] if text else []
        if event.key == pygame.K_BACKSPACE:
            self.typed = self.typed[:-1]
        elif event.key == pygame.K_ESCAPE:
            self.typed = ""
        return []

    def _hit(self, pos: tuple[int, int]) -> Button | None:
        for b in reversed(self.buttons):
            if b.rect.collidepoint(pos):
                return b
        return None

    def _press(self, pos: tuple[int, int], src: str) -> list:
        if self._pressed is not None and self._pressed[0] != src:
            return []  # one press at a time: a second finger or a palm is ignored
        self._pressed = (src, self._hit(pos), self._generation)
        return []

    def _release(self, pos: tuple[int, int], src: str) -> list:
        if self._pressed is None or self._pressed[0] != src:
            return []
        _, button, generation = self._pressed
        self._pressed = None
        if generation != self._generation:
            return []  # the screen changed under the finger: the press belonged to the old one
        if button is None:
            return [Touched("screen")] if self._hit(pos) is None else []
        slop = Metrics(*self.surface.get_size()).px(36)
        if not button.rect.inflate(2 * slop, 2 * slop).collidepoint(pos):
            return []  # slid away from the button: no press
        if button.target.startswith("page:"):
            _, key, direction = button.target.split(":")
            self.ui.turn(key, -1 if direction == "prev" else 1)
            return [Touched("screen")]  # the citizen is there: the dialog's timeout restarts
        return [Touched(button.target)]

    def _wheel(self, dy: int) -> list:
        keys = [k for k in ("procedures", "fields", "documents") if self.ui.page_counts.get(k, 1) > 1]
        if not keys or dy == 0:
            return []
        self.ui.turn(keys[0], -1 if dy > 0 else 1)
        return [Touched("screen")]

    # -- helpers ---------------------------------------------------------------------------
    def target_rect(self, target: str) -> pygame.Rect | None:
        """Where the target of that name is on the last drawn frame (None if not shown)."""
        return next((pygame.Rect(b.rect) for b in self.buttons if b.target == target), None)

    @property
    def targets(self) -> list[str]:
        return [b.target for b in self.buttons]

    def save_screenshot(self, path: str | Path) -> Path:
        p = Path(path)
        p.parent.mkdir(parents=True, exist_ok=True)
        pygame.image.save(self.surface, str(p))
        return p


_VOLATILE = ("caption", "partial", "speech", "not_understood")


def _identity(show: Show) -> str:
    """What makes a screen 'the same screen' for paging and presses: all but caption and partial."""
    return show.screen + repr(sorted((k, v) for k, v in show.data.items() if k not in _VOLATILE))
