"""Shared fixtures of the vision tests: the real sample photos beside the repository."""
from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SAMPLES = REPO.parent / "shared" / "data" / "qr-samples"


@pytest.fixture(scope="session")
def samples_dir() -> Path:
    assert SAMPLES.is_dir(), f"the QR sample photos are expected at {SAMPLES}"
    return SAMPLES
