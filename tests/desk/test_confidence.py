"""Confidence: a score of how much of a mention the extractor read from the text, stored and sorted by.

The score is one rule (casework.extract.confidence); extraction stores it with each
mention, older mentions are scored when a reviewer first sorts by it, and the web
queue and ``casework review mentions --sort confidence`` list the same order because
both call desk.review_queue.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from casework.cli import main
from casework.desk import extract_testimony, review_queue
from casework.errors import InputError
from casework.extract.confidence import mention_confidence
from casework.model import EvidenceSpan, Mention, Place, Victims
from casework.store import FAST_TEST_KDF, init_store, open_store

PASSPHRASE = "confidence test passphrase"
TEXT = "In May 2021 officers of the Ministry of State Security arrested four traders in Hoeryong, I saw it myself."


def _span(field: str, phrase: str, text: str = TEXT) -> EvidenceSpan:
    start = text.index(phrase)
    return EvidenceSpan(field, start, start + len(phrase), phrase)


FULL = Mention(
    type="arrest",
    date="2021-05",
    date_precision="month",
    place=Place("North Hamgyong", "Hoeryong", None),
    perpetrator="Ministry of State Security",
    victims=Victims(4, "four", "traders"),
    evidence=(
        EvidenceSpan("incident", 0, len(TEXT), TEXT),
        _span("type", "arrested"),
        _span("date", "May 2021"),
        _span("place", "Hoeryong"),
        _span("perpetrator", "Ministry of State Security"),
        _span("victims", "four traders"),
    ),
)


def test_a_mention_read_wholly_from_the_text_scores_highest() -> None:
    assert mention_confidence(FULL) == 100
    assert mention_confidence(Mention(type="other")) == 10  # only "it is the story's subject"
    assert mention_confidence(Mention(type="other", main=False)) == 0


def test_values_carried_from_context_weak_cues_and_far_spans_score_lower() -> None:
    carried = Mention(
        type=FULL.type, date=FULL.date, place=FULL.place, perpetrator=FULL.perpetrator, victims=FULL.victims,
        evidence=FULL.evidence[:2],  # the date, place, perpetrator and victims have no span of their own
    )
    weak = Mention(
        type="arrest", date=FULL.date, place=FULL.place,
        evidence=(EvidenceSpan("incident", 0, 30, "x" * 30), EvidenceSpan("type", 3, 8, "taken")),
    )
    strong = Mention(
        type="arrest", date=FULL.date, place=FULL.place,
        evidence=(EvidenceSpan("incident", 0, 30, "x" * 30), EvidenceSpan("type", 3, 11, "arrested")),
    )
    far = Mention(
        type="arrest",
        evidence=(EvidenceSpan("incident", 0, 30, "x" * 30), EvidenceSpan("type", 900, 908, "arrested")),
    )
    near = Mention(
        type="arrest", evidence=(EvidenceSpan("incident", 0, 30, "x" * 30), EvidenceSpan("type", 3, 11, "arrested"))
    )
    background = Mention(type=FULL.type, evidence=FULL.evidence, main=False)
    assert mention_confidence(carried) < mention_confidence(FULL)
    assert mention_confidence(weak) < mention_confidence(strong)
    assert mention_confidence(far) < mention_confidence(near)
    assert mention_confidence(background) < mention_confidence(Mention(type=FULL.type, evidence=FULL.evidence))
    korean = Mention(type="arrest", evidence=(EvidenceSpan("type", 0, 4, "끌려갔다"),))
    english = Mention(type="arrest", evidence=(_span("type", "arrested"),))
    assert mention_confidence(korean) < mention_confidence(english)


@pytest.fixture
def store_url(tmp_path: Path) -> str:
    url = str(tmp_path / "desk.db")
    init_store(url, "admin", PASSPHRASE, kdf=FAST_TEST_KDF)
    store = open_store(url, "admin", PASSPHRASE)
    try:
        store.add_user("rita", PASSPHRASE, "reader")
        store.add_source("SRC-01")
        store.add_testimony(TEXT.encode(), source="SRC-01")
        store.add_testimony(b"an invented account that names no incident at all", source="SRC-01")
    finally:
        store.close()
    return url


def test_extraction_stores_the_score_and_both_front_ends_sort_by_it(store_url: str) -> None:
    store = open_store(store_url, "admin", PASSPHRASE)
    try:
        (extracted,) = extract_testimony(store, "T-0001")
        # Mentions saved without a score (stored before scores existed, or imported): one sparse, one complete.
        old = store.save_mentions(
            "T-0002", [Mention(type="other"), Mention(type="arrest", evidence=(_span("type", "arrested"),))]
        )
        reader = open_store(store_url, "rita", PASSPHRASE)
        try:
            unscored = review_queue(reader, sort="confidence")
            assert [s.confidence for s in unscored][:2] == [None, None]  # a reader writes nothing: lowest first
        finally:
            reader.close()

        lowest_first = review_queue(store, sort="confidence")
        scores = [s.confidence for s in lowest_first]
        assert None not in scores and scores == sorted(scores)  # scored on first sort, then ordered
        assert lowest_first[0].mention.mention_id == old[0]
        assert store.get_mention(extracted).confidence == mention_confidence(store.get_mention(extracted).mention)
        highest_first = review_queue(store, sort="confidence", descending=True)
        assert [s.confidence for s in highest_first] == sorted(scores, reverse=True)
        page = review_queue(store, sort="confidence", limit=1, offset=1)
        assert [s.mention.mention_id for s in page] == [lowest_first[1].mention.mention_id]
        with pytest.raises(InputError, match="review sort"):
            review_queue(store, sort="date")
        with pytest.raises(InputError, match="confidence"):
            store.set_confidence({extracted: 101})
    finally:
        store.close()

    result = CliRunner().invoke(
        main,
        ["--store", store_url, "--user", "admin", "review", "mentions", "--sort", "confidence", "--descending"],
        env={"CASEWORK_PASSPHRASE": PASSPHRASE},
    )
    assert result.exit_code == 0, result.output
    listed = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(m["mention"], m["confidence"]) for m in listed] == [
        (s.mention.mention_id, s.confidence) for s in highest_first
    ]
