"""The Presidio baseline works offline (the suite blocks the network)."""

from __future__ import annotations

import pytest

pytest.importorskip("presidio_analyzer")


def test_presidio_runs_offline_with_pattern_recognisers() -> None:
    from casework.publish.baseline import PresidioBaseline

    found = PresidioBaseline().find("Write to pak.oksun@example.org or call 212-555-0199 before 2020-03-04.")
    types = {t for _, _, t in found}
    assert "EMAIL_ADDRESS" in types
