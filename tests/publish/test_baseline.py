"""The Presidio baseline works offline (the suite blocks the network)."""

from __future__ import annotations

import pytest

pytest.importorskip("presidio_analyzer")


def test_presidio_runs_offline_with_pattern_recognisers() -> None:
    from casework.publish.baseline import PresidioBaseline

    found = PresidioBaseline().find("Write to pak.oksun@example.org or call 212-555-0199 before 2020-03-04.")
    types = {t for _, _, t in found}
    assert "EMAIL_ADDRESS" in types


def test_the_pattern_recognisers_find_our_kinds_in_english_and_korean() -> None:
    from casework.publish.baseline import PresidioBaseline

    text = (
        "A 38-year-old welder at the Ryongsong Machine Complex rang us on June 2 over WeChat. "
        "50대 여성이 탄광에서 일했다."
    )
    types = [t for _, _, t in PresidioBaseline().find(text)]
    assert {"AGE", "WORKPLACE", "DATE_DAY", "PHONE"} <= set(types)
    assert types.count("AGE") == 2
    assert PresidioBaseline(patterns=False).find(text) == []
