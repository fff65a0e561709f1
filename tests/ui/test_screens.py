"""Every screen of the dialog, reached by the real machine, drawn headless: saved as a PNG, not blank, with
its touch targets big, inside the screen, not overlapping, and clicking each one yields its Touched."""
from __future__ import annotations

import pygame
import pytest

from dialogs.events import Touched
from dialogs.machine import step
from dialogs.views import view
from kiosk.ui import theme
from kiosk.ui.screen import Screen

from conftest import ARTIFACTS, PATHS, PRINTER_FAILED, STATUS, drive, show_for

# Targets each screen must offer (a subset: pages add their own).
EXPECTED: dict[str, set[str]] = {
    "idle": {"lang:vi", "lang:en"},
    "greeting": {"field:ho-tich", "field:chung-thuc", "repeat", "staff", "lang:en"},
    "asking": {"field:ho-tich", "field:dat-dai", "repeat", "staff", "lang:en"},
    "help": {"field:ho-tich", "staff", "repeat", "lang:en"},
    "clarifying": {"choice:1", "choice:2", "choice:3", "no", "back", "repeat", "staff"},
    "browsing": {"procedure:HT01", "page:procedures:next", "back", "repeat", "staff"},
    "card": {"take_ticket", "take_ticket:priority", "back", "repeat", "staff", "lang:en"},
    "priority": {"priority:yes", "priority:no", "back", "staff"},
    "issuing": set(),
    "printing": set(),
    "ticket": {"done", "repeat", "staff", "lang:en"},
    "directions": {"done", "repeat", "staff"},
    "goodbye": set(),
    "dossier_wait": {"back", "staff"},
    "dossier": {"done", "back", "repeat", "staff"},
    "code_info": {"back", "repeat", "staff"},
    "staff": {"done", "repeat"},
    "ticket_error": {"done", "repeat"},
}
ENGLISH = ("idle", "greeting", "card", "ticket", "clarifying", "dossier")


def click(scr: Screen, pos: tuple[int, int]) -> list:
    """A mouse click through pygame's real event queue."""
    pygame.event.clear()
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=1, touch=False))
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONUP, pos=pos, button=1, touch=False))
    out = []
    for e in pygame.event.get():
        out += scr.handle(e)
    return out


def non_background_share(surf: pygame.Surface) -> float:
    small = pygame.transform.scale(surf, (256, 150))
    px = pygame.PixelArray(small)
    bg = small.map_rgb(theme.BG)
    n = sum(1 for x in range(256) for y in range(150) if px[x, y] != bg)
    px.close()
    return n / (256 * 150)


def check_targets(scr: Screen) -> None:
    w, h = scr.surface.get_size()
    bounds = pygame.Rect(0, 0, w, h)
    rects = [b.rect for b in scr.buttons]
    for b in scr.buttons:
        assert bounds.contains(b.rect), f"{b.target} leaves the screen: {b.rect}"
        small_ok = b.target.startswith("page:documents")  # beside the papers list
        assert b.rect.height >= (66 if small_ok else 80), f"{b.target} too short: {b.rect}"
        assert b.rect.width >= 80, f"{b.target} too narrow: {b.rect}"
    for i, a in enumerate(rects):
        for b in rects[i + 1:]:
            assert not a.colliderect(b), f"targets overlap: {a} {b}"


@pytest.mark.parametrize("name", list(PATHS))
def test_every_screen_draws_its_targets_and_clicks_yield_them(name: str, screen: Screen) -> None:
    show = show_for(name)
    screen.draw(show, STATUS)
    screen.save_screenshot(ARTIFACTS / f"{name}.png")
    assert non_background_share(screen.surface) > 0.06, "screen looks blank"
    assert EXPECTED[name] <= set(screen.targets), f"missing {EXPECTED[name] - set(screen.targets)}"
    check_targets(screen)
    for b in list(screen.buttons):
        got = click(screen, b.rect.center)
        if b.target.startswith("page:"):
            assert got == [Touched("screen")]
        else:
            assert got == [Touched(b.target)], b.target
    # A touch on no target is "screen" (on idle: any touch starts the dialog).
    free = _free_point(screen)
    if free is not None:
        assert click(screen, free) == [Touched("screen")]


def _free_point(scr: Screen) -> tuple[int, int] | None:
    w, h = scr.surface.get_size()
    for y in range(h // 2, h, 7):
        for x in range(5, w, 11):
            if not any(b.rect.inflate(80, 80).collidepoint(x, y) for b in scr.buttons):
                return (x, y)
    return None


@pytest.mark.parametrize("name", ENGLISH)
def test_english_screens(name: str, screen: Screen) -> None:
    show = show_for(name, lang="en")
    screen.draw(show, STATUS)
    screen.save_screenshot(ARTIFACTS / f"{name}-en.png")
    assert non_background_share(screen.surface) > 0.06
    if name != "idle":
        assert "lang:vi" in screen.targets  # the language button switches back
    check_targets(screen)


def test_printer_failure_is_shown_prominently(screen: Screen) -> None:
    state = drive(PRINTER_FAILED)
    assert state.name == "ticket"
    screen.draw(view(state), dict(STATUS, printer_ok=False))
    screen.save_screenshot(ARTIFACTS / "ticket-printer-failed.png")
    # The red banner sits right under the caption band, across the content.
    w, _ = screen.surface.get_size()
    reds = [y for y in range(60, 300) if screen.surface.get_at((w // 2, y))[:3] == theme.WARN]
    assert len(reds) > 30, "no red printer-failure banner"
    state2 = drive(PRINTER_FAILED + [Touched("done")])
    assert state2.name == "directions"
    screen.draw(view(state2), dict(STATUS, printer_ok=False))
    screen.save_screenshot(ARTIFACTS / "directions-printer-failed.png")


def test_no_speech_and_partial_words_are_shown(screen: Screen) -> None:
    show = show_for("asking", speech=False)
    screen.draw(show, dict(STATUS, text_input=True, centre_online=False, printer_ok=None))
    screen.save_screenshot(ARTIFACTS / "asking-no-speech-text-input.png")
    assert "field:ho-tich" in screen.targets
    check_targets(screen)
    from dialogs.events import HeardPartial
    state = drive(PATHS["asking"] + [HeardPartial("cho tôi hỏi làm giấy khai")])
    screen.draw(view(state), STATUS)
    screen.save_screenshot(ARTIFACTS / "asking-partial.png")


def test_clicking_through_the_ui_walks_the_machine_to_a_ticket(screen: Screen) -> None:
    """Only clicks on drawn targets (no hand-made Touched): idle -> ... -> issuing."""
    state = drive([])
    for target in ("screen", "field:ho-tich", "procedure:HT01", "take_ticket"):
        screen.draw(view(state), STATUS)
        if target == "screen":
            events = click(screen, (20, 300))
        else:
            rect = screen.target_rect(target)
            assert rect is not None, f"{target} not on {state.name}: {screen.targets}"
            events = click(screen, rect.center)
        assert len(events) == 1
        state, _ = step(state, events[0])
    assert state.name == "issuing"


def test_paging_reaches_every_procedure_of_a_long_field(screen: Screen) -> None:
    state = drive(PATHS["browsing"])
    procs = [p["id"] for p in view(state).data["procedures"]]
    assert len(procs) >= 20
    seen: list[str] = []
    for _ in range(len(procs)):
        screen.draw(view(state), STATUS)
        seen += [t.split(":", 1)[1] for t in screen.targets if t.startswith("procedure:")]
        nxt = screen.target_rect("page:procedures:next")
        if nxt is None:
            break
        assert click(screen, nxt.center) == [Touched("screen")]
    assert seen == procs  # each once, in order
    screen.save_screenshot(ARTIFACTS / "browsing-last-page.png")
    prev = screen.target_rect("page:procedures:prev")
    assert prev is not None
    click(screen, prev.center)
    screen.draw(view(state), STATUS)
    assert screen.targets != [] and f"procedure:{procs[-1]}" not in screen.targets


def test_layout_scales_with_the_window() -> None:
    for size in ((800, 480), (1280, 800), (1920, 1080)):
        scr = Screen(*size, headless=True)
        scr.draw(show_for("card"), STATUS)
        scr.save_screenshot(ARTIFACTS / f"card-{size[0]}x{size[1]}.png")
        scale = min(size[0] / 1024, size[1] / 600)
        take = scr.target_rect("take_ticket")
        assert take is not None and take.height >= 80 * scale
        check_targets_scaled(scr, scale)


def check_targets_scaled(scr: Screen, scale: float) -> None:
    bounds = scr.surface.get_rect()
    for b in scr.buttons:
        assert bounds.contains(b.rect)
        assert b.rect.height >= 64 * scale


def test_unchanged_frames_are_not_redrawn(screen: Screen) -> None:
    show = show_for("browsing")
    screen.draw(show, STATUS)
    n = screen.frames_drawn
    for _ in range(5):
        screen.draw(show, dict(STATUS))
    assert screen.frames_drawn == n
    screen.draw(show, dict(STATUS, clock="09:42"))
    assert screen.frames_drawn == n + 1
