"""Microsoft Presidio, configured strictly offline, as the baseline for the check.

Presidio's default ``AnalyzerEngine()`` downloads a spaCy model, and its e-mail
recogniser fetches the public suffix list through ``tldextract`` on first use. Here
the NLP engine is a blank spaCy pipeline built in code and ``tldextract`` is pointed at
its bundled snapshot with no URLs, so nothing is fetched.

Presidio's predefined recognisers look for names (through the NER model we do not
load), card numbers, e-mail addresses and the like, and found nothing in any draft
set. So the baseline adds pattern recognisers for the kinds of quasi-identifier
Presidio *can* express as patterns, in English and Korean: ages and age bands,
day-level dates, phone numbers and messaging apps, and workplaces from a list of
workplace nouns and named enterprises. That is the honest comparison: a good PII
tool given our kinds, without any notion of *whom* a detail describes. Used by
``bench/check_eval.py`` and its test only; ``presidio-analyzer`` is an optional
dependency (the ``baseline`` extra).
"""

from __future__ import annotations

from typing import Any

__all__ = ["BASELINE_PATTERNS", "WORKPLACES", "PresidioBaseline"]

WORKPLACES = (
    "market", "mine", "factory", "complex", "plant", "farm", "hospital", "clinic", "school", "university",
    "college", "mill", "works", "enterprise", "company", "cooperative", "smelter", "restaurant", "shop", "store",
    "station", "port", "depot", "customs office", "kindergarten", "office", "brigade", "work unit", "workshop",
)
"""Workplace nouns Presidio is told about (a deny list): the workplaces of the check's own lexicon."""

_KO_WORKPLACES = (
    r"(?:시장|장마당|광산|탄광|공장|기업소|연합기업소|농장|병원|진료소|학교|대학|세관|역전|상점|식당|작업반|직장)"
)
_MONTHS = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"

BASELINE_PATTERNS: dict[str, tuple[tuple[str, str], ...]] = {
    "AGE": (
        ("years old", r"\b\d{1,2}[- ]years?[- ]old\b"),
        ("aged N", r"\b(?:aged|age)\s+\d{1,2}\b"),
        ("age band", r"\bin\s+(?:his|her|their)\s+(?:early\s+|late\s+|mid-?)?(?:teens|twenties|thirties|forties"
                     r"|fifties|sixties|seventies|eighties|[1-9]0s)\b"),
        ("Korean age", r"\d0대|\d{1,2}\s*(?:세|살)"),
    ),
    "DATE_DAY": (
        ("month day", rf"\b{_MONTHS}\s+\d{{1,2}}(?:st|nd|rd|th)?\b"
                      rf"|\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTHS}\b"),
        ("the Nth", r"\bthe\s+\d{1,2}(?:st|nd|rd|th)\b"),
        ("Korean day", r"\d{1,2}월\s*\d{1,2}일|지난\s*\d{1,2}일"),
    ),
    "PHONE": (
        ("phone number", r"\+?\d[\d\s().-]{7,}\d"),
        ("messaging app", r"\b(?:WeChat|KakaoTalk|Telegram|WhatsApp|QQ|Signal)\b|위챗|카카오톡"),
        ("phone device", r"\b(?:Chinese|smuggled|mobile|cell)\s+(?:mobile\s+)?phones?\b|손전화|휴대폰|휴대전화|핸드폰"),
    ),
    "WORKPLACE": (
        ("named enterprise", r"\b(?:[A-Z][\w'’-]+\s+){1,4}(?:Complex|Factory|Mine|Farm|Works|Enterprise|Company|Plant"
                             r"|Mill|Smelter|Cooperative|Hospital|School|Market)\b"),
        ("Korean workplace", rf"\S*{_KO_WORKPLACES}"),
    ),
}
"""Pattern recognisers added to Presidio: entity type -> (name, regular expression)."""


class PresidioBaseline:
    """Presidio over a blank English spaCy pipeline, no network, with pattern recognisers for our kinds.

    Args:
        patterns: add the recognisers of :data:`BASELINE_PATTERNS` and :data:`WORKPLACES`
            (``False``: Presidio's predefined recognisers only, which find nothing in drafts).

    Example:
        >>> spans = PresidioBaseline().find("A 47-year-old trader at the market.")  # doctest: +SKIP
    """

    def __init__(self, patterns: bool = True) -> None:
        import re

        import spacy
        import tldextract
        import tldextract.tldextract as tld_module
        from presidio_analyzer import AnalyzerEngine, Pattern, PatternRecognizer, RecognizerRegistry
        from presidio_analyzer.nlp_engine import SpacyNlpEngine

        tld_module.TLD_EXTRACTOR = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)
        engine = SpacyNlpEngine(models=[{"lang_code": "en", "model_name": "blank_en"}])
        engine.nlp = {"en": spacy.blank("en")}  # type: ignore[assignment]
        registry = RecognizerRegistry(supported_languages=["en"])
        registry.load_predefined_recognizers(languages=["en"], nlp_engine=engine)
        registry.remove_recognizer("SpacyRecognizer")
        if patterns:
            for entity, items in BASELINE_PATTERNS.items():
                registry.add_recognizer(PatternRecognizer(
                    supported_entity=entity, name=f"casework_{entity.lower()}",
                    patterns=[Pattern(name, regex, 0.6) for name, regex in items],
                    global_regex_flags=re.MULTILINE,
                ))
            registry.add_recognizer(PatternRecognizer(
                supported_entity="WORKPLACE", name="casework_workplace_list", deny_list=list(WORKPLACES),
            ))
        self._analyzer: Any = AnalyzerEngine(registry=registry, nlp_engine=engine, supported_languages=["en"])

    def find(self, text: str) -> list[tuple[int, int, str]]:
        """``(start, end, entity type)`` of everything Presidio flags in ``text``."""
        results = self._analyzer.analyze(text=text, language="en")
        return sorted((int(r.start), int(r.end), str(r.entity_type)) for r in results)
