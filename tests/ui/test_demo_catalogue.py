"""The centre's demo catalogue (config/catalogues/demo.json): every field's list, every page and every
procedure card draws with its targets big, inside the screen and apart."""
from __future__ import annotations

import json

import pytest

from dialogs.catalogue import parse_catalogue
from dialogs.events import Touched
from dialogs.views import view
from kiosk.ui.screen import Screen

from conftest import ARTIFACTS, REPO, STATUS, drive
from test_screens import check_targets, click

DEMO = REPO / "config" / "catalogues" / "demo.json"
pytestmark = pytest.mark.skipif(not DEMO.exists(), reason="demo catalogue not written yet")


def test_every_field_page_and_card_of_the_demo_catalogue(screen: Screen) -> None:
    cat = parse_catalogue(json.loads(DEMO.read_text(encoding="utf-8")))
    most_docs = max(cat.procedures, key=lambda p: len(p.documents))
    longest = max(cat.procedures, key=lambda p: len(p.name))
    for f in cat.fields:
        state = drive([Touched("screen"), Touched(f"field:{f.id}")], catalogue=cat)
        assert state.name == "browsing"
        seen: list[str] = []
        for page in range(len(cat.procedures)):
            screen.draw(view(state), STATUS)
            check_targets(screen)
            if page == 0 and f.id == cat.fields[0].id:
                screen.save_screenshot(ARTIFACTS / "demo-browsing.png")
            seen += [t.split(":", 1)[1] for t in screen.targets if t.startswith("procedure:")]
            nxt = screen.target_rect("page:procedures:next")
            if nxt is None:
                break
            click(screen, nxt.center)
        assert seen == [p.id for p in cat.procedures_in(f.id)]
    for p in cat.procedures:
        state = drive([Touched("screen"), Touched(f"procedure:{p.id}")], catalogue=cat)
        assert state.name == "card"
        screen.draw(view(state), STATUS)
        check_targets(screen)
        assert {"take_ticket", "back", "staff"} <= set(screen.targets)
        if p is most_docs:
            screen.save_screenshot(ARTIFACTS / "demo-card-most-documents.png")
        if p is longest:
            screen.save_screenshot(ARTIFACTS / "demo-card-longest-name.png")
