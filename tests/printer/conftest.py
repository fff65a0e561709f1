"""Fixtures of the printer tests: the fake network printer and the artifacts folder."""
from __future__ import annotations

from pathlib import Path

import pytest

from tests.printer.fake_printer import FakePrinter

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "printer"


@pytest.fixture
def artifacts() -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS


@pytest.fixture
def fake_printer():
    """Factory: fake_printer(mode="ok", **kw) starts a FakePrinter; all are stopped after the test."""
    started: list[FakePrinter] = []

    def make(mode: str = "ok", **kw) -> FakePrinter:
        p = FakePrinter(mode=mode, **kw).start()
        started.append(p)
        return p

    yield make
    for p in started:
        p.stop()
