"""The check on drafts written for these tests (not the shared corpus): kinds, focus, combined risk."""

from __future__ import annotations

from casework.publish import KINDS, RISKS, assess_risk, redact_draft

SOURCE_DRAFT = (
    "# Arrests in Musan\n\n"
    "Police in Musan detained four miners in May, according to people in the county. "
    "A man in his fifties was among them.\n\n"
    "Our source, a 52-year-old welder at the Musan iron works, said the arrests came at night. "
    "His daughter has lived in Seoul since 2016. "
    "He spoke to us on June 9 through a Chinese phone, and he was the only welder on the night shift.\n"
)
CAREFUL_DRAFT = (
    "Police in Musan detained four miners in May, according to people in the county. "
    "A man in his fifties was among them. Residents said the arrests came at night.\n"
)


def _kinds(text: str) -> set[str]:
    return {s.kind for s in assess_risk(text).spans}


def test_details_about_the_source_are_flagged_with_kinds_risks_and_safer_wording() -> None:
    assessment = assess_risk(SOURCE_DRAFT)
    kinds = {s.kind for s in assessment.spans}
    assert {"workplace", "family_relation", "unique_event_role"} <= kinds
    for span in assessment.spans:
        assert SOURCE_DRAFT[span.start : span.end] == span.text
        assert span.kind in KINDS and span.risk in RISKS and span.why
    assert assessment.risk == "high"
    assert assessment.anonymity_set is not None and assessment.anonymity_set < 50
    assert any("Musan" in line for line in assessment.explanation)


def test_details_of_victims_are_the_story_not_a_risk() -> None:
    assessment = assess_risk(CAREFUL_DRAFT)
    assert assessment.spans == ()
    assert assessment.risk == "low"
    assert assessment.anonymity_set is None


def test_source_codes_are_flagged_anywhere() -> None:
    spans = assess_risk("# Title\n\nThe account of SRC-117 was checked.").spans
    assert [(s.text, s.kind, s.risk, s.safer) for s in spans] == [("SRC-117", "source_code", "high", "")]


def test_ages_relations_and_contact_are_recognised_in_general_forms() -> None:
    assert "age" in _kinds("The witness, a woman in her forties from Kilju, said nothing more.")
    assert "family_relation" in _kinds("One source, whose brother-in-law fled to China in 2018, said so.")
    assert "contact_channel" in _kinds("Our contact reaches us on WeChat every Sunday night.")
    assert "small_place" in _kinds("The source lives in the same stairwell as the arrested teacher.")
    assert "physical_trait" in _kinds("The other, a man who walks with a limp since his arrest, said so.")


def test_korean_draft() -> None:
    draft = (
        "보위부가 검열했다. 청진시 수남동에 사는 40대 남성 소식통은 이렇게 말했다. "
        "소식통은 매주 목요일 중국 손전화로 연락해 온다."
    )
    kinds = _kinds(draft)
    assert {"small_place", "contact_channel"} <= kinds
    assert _kinds("2019년 10월 40대 여성 상인이 숨졌다고 복수의 소식통이 전했다.") == set()


def test_json_shape() -> None:
    payload = assess_risk(SOURCE_DRAFT).to_json()
    assert set(payload) >= {"spans", "risk", "anonymity_set"}
    assert set(payload["spans"][0]) == {"start", "end", "text", "kind", "risk", "why", "safer"}


def test_redaction_applies_safer_wording() -> None:
    redacted = redact_draft(SOURCE_DRAFT, assess_risk(SOURCE_DRAFT))
    for gone in ("52-year-old", "Seoul", "June 9", "Chinese phone", "only welder"):
        assert gone not in redacted
    assert "Police in Musan detained four miners" in redacted
    assert assess_risk(redacted).risk != "high" or not any(s.kind == "source_code" for s in assess_risk(redacted).spans)


def test_exact_date_becomes_month() -> None:
    draft = "Agents came. \"It was cold,\" she said, speaking to us on March 4 from her home town."
    assessment = assess_risk(draft)
    assert [s.kind for s in assessment.spans] == ["exact_date"]
    assert "in March" in redact_draft(draft, assessment)


def test_an_arrested_relative_is_not_counted_as_a_relative_abroad() -> None:
    text = "A 34-year-old woman who works at the Hyesan textile mill said police arrested her brother in 2023."
    explanation = " ".join(assess_risk(text).explanation)
    assert "South Korea" not in explanation and "abroad" not in explanation
    assert "relatives of the few people the story is about" in explanation


def test_a_relative_in_south_korea_is_counted_as_such() -> None:
    text = "The source, a woman in Hyesan whose brother defected to South Korea, said police came at night."
    explanation = " ".join(assess_risk(text).explanation)
    assert "South Korea" in explanation
