"""Touch, mouse and keyboard input: one event per physical press, typed text becomes Heard."""
from __future__ import annotations

import unicodedata

import pygame

from dialogs.events import Heard, Touched
from dialogs.machine import step
from dialogs.views import view
from kiosk.ui.screen import Screen

from conftest import PATHS, STATUS, drive, show_for


def feed(scr: Screen, *events: pygame.event.Event) -> list:
    """Post events through pygame's queue and hand them to the screen, as the kiosk loop does."""
    pygame.event.clear()
    for e in events:
        pygame.event.post(e)
    out = []
    for e in pygame.event.get():
        out += scr.handle(e)
    return out


def finger(kind: int, pos: tuple[int, int], scr: Screen, finger_id: int = 0) -> pygame.event.Event:
    w, h = scr.surface.get_size()
    return pygame.event.Event(kind, x=pos[0] / w, y=pos[1] / h, dx=0.0, dy=0.0, touch_id=1,
                              finger_id=finger_id)


def mouse(kind: int, pos: tuple[int, int], touch: bool = False) -> pygame.event.Event:
    return pygame.event.Event(kind, pos=pos, button=1, touch=touch)


def test_a_touch_with_its_synthetic_mouse_events_is_one_event(screen: Screen) -> None:
    screen.draw(show_for("browsing"), STATUS)
    pos = screen.target_rect("procedure:HT01").center
    got = feed(screen,
               finger(pygame.FINGERDOWN, pos, screen), mouse(pygame.MOUSEBUTTONDOWN, pos, touch=True),
               finger(pygame.FINGERUP, pos, screen), mouse(pygame.MOUSEBUTTONUP, pos, touch=True))
    assert got == [Touched("procedure:HT01")]
    # SDL may deliver the synthetic mouse events before the finger events: still one.
    got = feed(screen,
               mouse(pygame.MOUSEBUTTONDOWN, pos, touch=True), finger(pygame.FINGERDOWN, pos, screen),
               mouse(pygame.MOUSEBUTTONUP, pos, touch=True), finger(pygame.FINGERUP, pos, screen))
    assert got == [Touched("procedure:HT01")]


def test_the_press_pair_alone_fires_nothing_until_release(screen: Screen) -> None:
    screen.draw(show_for("card"), STATUS)
    pos = screen.target_rect("take_ticket").center
    assert feed(screen, finger(pygame.FINGERDOWN, pos, screen),
                mouse(pygame.MOUSEBUTTONDOWN, pos, touch=True)) == []
    # While held, the button is drawn pressed (a darker green).
    screen.draw(show_for("card"), STATUS)
    pressed_colour = screen.surface.get_at((pos[0], screen.target_rect("take_ticket").top + 4))
    assert feed(screen, finger(pygame.FINGERUP, pos, screen),
                mouse(pygame.MOUSEBUTTONUP, pos, touch=True)) == [Touched("take_ticket")]
    screen.draw(show_for("card"), STATUS)
    assert screen.surface.get_at((pos[0], screen.target_rect("take_ticket").top + 4)) != pressed_colour


def test_finger_coordinates_are_normalised_to_the_window() -> None:
    scr = Screen(1280, 800, headless=True)
    scr.draw(show_for("ticket"), STATUS)
    r = scr.target_rect("done")
    got = feed(scr, finger(pygame.FINGERDOWN, r.center, scr), finger(pygame.FINGERUP, r.center, scr))
    assert got == [Touched("done")]


def test_a_second_finger_while_one_is_down_is_ignored(screen: Screen) -> None:
    screen.draw(show_for("priority"), STATUS)
    yes = screen.target_rect("priority:yes").center
    no = screen.target_rect("priority:no").center
    got = feed(screen, finger(pygame.FINGERDOWN, yes, screen, 0),
               finger(pygame.FINGERDOWN, no, screen, 1), finger(pygame.FINGERUP, no, screen, 1),
               finger(pygame.FINGERUP, yes, screen, 0))
    assert got == [Touched("priority:yes")]


def test_sliding_off_a_button_cancels_it_and_a_small_wobble_does_not(screen: Screen) -> None:
    screen.draw(show_for("priority"), STATUS)
    r = screen.target_rect("priority:no")
    far = (r.centerx, 20)
    assert feed(screen, mouse(pygame.MOUSEBUTTONDOWN, r.center), mouse(pygame.MOUSEBUTTONUP, far)) == []
    wobble = (r.right + 10, r.centery)
    assert feed(screen, mouse(pygame.MOUSEBUTTONDOWN, r.center),
                mouse(pygame.MOUSEBUTTONUP, wobble)) == [Touched("priority:no")]


def test_a_press_held_across_a_screen_change_does_not_fire_on_the_new_screen(screen: Screen) -> None:
    screen.draw(show_for("card"), STATUS)
    pos = screen.target_rect("take_ticket").center
    feed(screen, mouse(pygame.MOUSEBUTTONDOWN, pos))
    screen.draw(show_for("goodbye"), STATUS)  # e.g. a timeout while the finger was down
    assert feed(screen, mouse(pygame.MOUSEBUTTONUP, pos)) == []


def test_a_new_caption_keeps_the_page_and_the_press(screen: Screen) -> None:
    from dialogs.events import HeardPartial
    state = drive(PATHS["browsing"])
    screen.draw(view(state), STATUS)
    feed(screen, mouse(pygame.MOUSEBUTTONDOWN, screen.target_rect("page:procedures:next").center),
         mouse(pygame.MOUSEBUTTONUP, screen.target_rect("page:procedures:next").center))
    screen.draw(view(state), STATUS)
    second_page = [t for t in screen.targets if t.startswith("procedure:")]
    assert "procedure:HT01" not in second_page
    pos = screen.target_rect(second_page[0]).center
    feed(screen, mouse(pygame.MOUSEBUTTONDOWN, pos))
    state, _ = step(state, HeardPartial("đăng ký"))
    screen.draw(view(state), STATUS)
    assert [t for t in screen.targets if t.startswith("procedure:")] == second_page
    assert feed(screen, mouse(pygame.MOUSEBUTTONUP, pos)) == [Touched(second_page[0])]


def test_right_click_and_wheel(screen: Screen) -> None:
    screen.draw(show_for("browsing"), STATUS)
    pos = screen.target_rect("procedure:HT01").center
    right = [pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=3, touch=False),
             pygame.event.Event(pygame.MOUSEBUTTONUP, pos=pos, button=3, touch=False)]
    assert feed(screen, *right) == []
    assert feed(screen, pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=-1, flipped=False,
                                           touch=False)) == [Touched("screen")]
    screen.draw(show_for("browsing"), STATUS)
    assert "procedure:HT01" not in screen.targets


def test_typed_text_and_enter_is_heard_in_nfc(screen: Screen) -> None:
    status = dict(STATUS, text_input=True)
    screen.draw(show_for("asking", speech=False), status)
    decomposed = unicodedata.normalize("NFD", "làm giấy khai sinh")
    got = feed(screen, pygame.event.Event(pygame.TEXTINPUT, text=decomposed[:6]),
               pygame.event.Event(pygame.TEXTINPUT, text=decomposed[6:] + "x"),
               pygame.event.Event(pygame.KEYDOWN, key=pygame.K_BACKSPACE, mod=0, unicode="\b",
                                  scancode=42))
    assert got == []
    screen.draw(show_for("asking", speech=False), status)  # the field shows the typed text
    got = feed(screen, pygame.event.Event(pygame.KEYDOWN, key=pygame.K_RETURN, mod=0, unicode="\r",
                                          scancode=40))
    assert got == [Heard("làm giấy khai sinh")]
    assert unicodedata.is_normalized("NFC", got[0].text)
    # The machine understands it: typed text stands in for the microphone.
    state = drive(PATHS["asking"], speech=False)
    state, _ = step(state, got[0])
    assert state.name == "card" and state.ctx.procedure_id == "HT01"
    # Enter on an empty field says nothing.
    assert feed(screen, pygame.event.Event(pygame.KEYDOWN, key=pygame.K_KP_ENTER, mod=0,
                                           unicode="\r", scancode=88)) == []


def test_typing_is_ignored_without_text_input(screen: Screen) -> None:
    screen.draw(show_for("asking"), STATUS)
    got = feed(screen, pygame.event.Event(pygame.TEXTINPUT, text="khai sinh"),
               pygame.event.Event(pygame.KEYDOWN, key=pygame.K_RETURN, mod=0, unicode="\r",
                                  scancode=40))
    assert got == []


def test_idle_any_touch_starts_and_language_buttons_choose(screen: Screen) -> None:
    screen.draw(show_for("idle"), STATUS)
    got = feed(screen, finger(pygame.FINGERDOWN, (100, 200), screen),
               finger(pygame.FINGERUP, (100, 200), screen))
    assert got == [Touched("screen")]
    state, _ = step(drive([]), got[0])
    assert state.name == "greeting"
    en = screen.target_rect("lang:en").center
    got = feed(screen, mouse(pygame.MOUSEBUTTONDOWN, en), mouse(pygame.MOUSEBUTTONUP, en))
    state, _ = step(drive([]), got[0])
    assert state.name == "greeting" and state.ctx.lang == "en"
