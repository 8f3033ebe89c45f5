"""Microsoft Presidio, configured strictly offline, as the baseline for the check.

Presidio's default ``AnalyzerEngine()`` downloads a spaCy model, and its e-mail
recogniser fetches the public suffix list through ``tldextract`` on first use. Here
the NLP engine is a blank spaCy pipeline built in code (so only Presidio's pattern
recognisers find anything) and ``tldextract`` is pointed at its bundled snapshot with
no URLs, so nothing is fetched. Used by ``bench/check_eval.py`` and its test only;
``presidio-analyzer`` is an optional dependency (the ``baseline`` extra).
"""

from __future__ import annotations

from typing import Any

__all__ = ["PresidioBaseline"]


class PresidioBaseline:
    """Presidio's pattern recognisers over a blank English spaCy pipeline, no network.

    Example:
        >>> spans = PresidioBaseline().find("Call +82 10 1234 5678 on 2020-03-04.")  # doctest: +SKIP
    """

    def __init__(self) -> None:
        import spacy
        import tldextract
        import tldextract.tldextract as tld_module
        from presidio_analyzer import AnalyzerEngine, RecognizerRegistry
        from presidio_analyzer.nlp_engine import SpacyNlpEngine

        tld_module.TLD_EXTRACTOR = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)
        engine = SpacyNlpEngine(models=[{"lang_code": "en", "model_name": "blank_en"}])
        engine.nlp = {"en": spacy.blank("en")}  # type: ignore[assignment]
        registry = RecognizerRegistry(supported_languages=["en"])
        registry.load_predefined_recognizers(languages=["en"], nlp_engine=engine)
        registry.remove_recognizer("SpacyRecognizer")
        self._analyzer: Any = AnalyzerEngine(registry=registry, nlp_engine=engine, supported_languages=["en"])

    def find(self, text: str) -> list[tuple[int, int, str]]:
        """``(start, end, entity type)`` of everything Presidio flags in ``text``."""
        results = self._analyzer.analyze(text=text, language="en")
        return sorted((int(r.start), int(r.end), str(r.entity_type)) for r in results)
