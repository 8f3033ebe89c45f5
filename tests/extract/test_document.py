"""Within-document incident resolution (language-independent), on tellings built by hand."""

from __future__ import annotations

from casework.extract.document import Telling, resolve_incidents
from casework.model import EvidenceSpan, Mention, Place


def _told(kind: str, sentence: int, **fields: object) -> Telling:
    mention_fields = {k: v for k, v in fields.items() if k in ("date", "date_precision", "place", "perpetrator")}
    span = EvidenceSpan("incident", sentence * 10, sentence * 10 + 5, "words")
    mention = Mention(kind, evidence=(span,), **mention_fields)  # type: ignore[arg-type]
    telling_fields = {k: v for k, v in fields.items() if k not in mention_fields}
    return Telling(mention, sentence, **telling_fields)  # type: ignore[arg-type]


def test_headline_lead_and_body_are_one_incident_with_every_evidence_span() -> None:
    tellings = [
        _told("execution", 0, part="headline", place=Place("North Hamgyong", "Chongjin")),
        _told("execution", 2, date="2021-03", date_precision="month"),
        _told("execution", 5, date="2021-03-04", date_precision="day", perpetrator="Court"),
    ]
    (incident,) = resolve_incidents(tellings)
    assert (incident.date, incident.date_precision) == ("2021-03-04", "day")
    assert incident.place == Place("North Hamgyong", "Chongjin") and incident.perpetrator == "Court"
    assert [span.start for span in incident.evidence] == [20, 50, 0]
    assert incident.main


def test_conflicting_dates_places_names_or_another_keep_incidents_apart() -> None:
    apart = [
        [
            _told("arrest", 1, date="2020-03", date_precision="month"),
            _told("arrest", 4, date="2020-07", date_precision="month"),
        ],
        [_told("arrest", 1, place=Place("Ryanggang", "Hyesan")), _told("arrest", 2, place=Place("Ryanggang", "Samsu"))],
        [_told("arrest", 1, people=frozenset({"han"})), _told("arrest", 2, people=frozenset({"ri"}))],
        [_told("arrest", 1), _told("arrest", 2, another=True)],
        [_told("arrest", 1), _told("arrest", 2, background=True)],
    ]  # fmt: skip
    for tellings in apart:
        assert len(resolve_incidents(tellings)) == 2


def test_a_headline_stands_alone_only_when_the_story_does_not_tell_its_type() -> None:
    assert [m.type for m in resolve_incidents([_told("arrest", 0, part="headline"), _told("detention", 2)])] == [
        "arrest",
        "detention",
    ]
    merged = resolve_incidents([_told("arrest", 0, part="headline", place=Place("Ryanggang", "Hyesan")),
                                _told("arrest", 3, place=Place("North Pyongan", "Sinuiju"))])  # fmt: skip
    assert [m.place.county_or_city for m in merged] == ["Sinuiju"]


def test_fields_come_from_the_same_sentence_then_the_story_then_the_source() -> None:
    story = ("2019-05", "month")
    tellings = [
        _told("execution", 3, date="2019-04-02", date_precision="day"),
        _told("detention", 3, story_date=story),
        _told("arrest", 6, story_date=story, story_place=Place("Ryanggang", "Hyesan")),
        _told("surveillance", 8),
    ]
    execution, detention, arrest, surveillance = resolve_incidents(tellings, source_place=Place("Ryanggang"))
    assert detention.date == "2019-04-02" and arrest.date == "2019-05" and surveillance.date is None
    assert arrest.place == Place("Ryanggang", "Hyesan") and surveillance.place == Place("Ryanggang")


def test_testimony_mode_keeps_dated_and_distant_tellings_apart() -> None:
    tellings = [
        _told("arrest", 1),
        _told("arrest", 2),
        _told("arrest", 6),
        _told("arrest", 7, date="2019", date_precision="year"),
    ]
    assert len(resolve_incidents(tellings, reach=2)) == 3
    assert len(resolve_incidents(tellings)) == 1


def test_a_crowd_made_to_watch_joins_the_execution_when_asked() -> None:
    tellings = [_told("execution", 1), _told("forced_labour_or_mobilisation", 2, joins="execution")]
    assert [m.type for m in resolve_incidents(tellings, reach=2)] == ["execution"]
    alone = [_told("execution", 1), _told("forced_labour_or_mobilisation", 2)]
    assert [m.type for m in resolve_incidents(alone)] == ["execution", "forced_labour_or_mobilisation"]


def test_background_only_incidents_are_not_main() -> None:
    (old, new) = resolve_incidents([_told("arrest", 1, background=True), _told("execution", 2)])
    assert not old.main and new.main
