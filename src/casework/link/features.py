"""Mentions as rows for Splink: normalised fields that blocking and comparisons read.

Splink compares columns with SQL, so everything that needs judgement — what a
date of "February 2019" covers, which incident types are near each other, which
words of the evidence carry meaning — is decided here, once per mention, in
plain Python. The SQL then only does arithmetic and set overlaps, which is why
the same model gives the same answers on DuckDB and on Spark.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import TYPE_CHECKING, Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from casework.errors import LinkageError
from casework.link.concepts import concept_ids, is_concept_word, name_keys, number_tokens
from casework.model import INCIDENT_TYPES, Mention
from casework.model.facts import TYPE_FAMILY, date_interval, type_family

if TYPE_CHECKING:
    from casework.link.feature_cache import FeatureCache

log = logging.getLogger(__name__)

ROW_SCHEMA = pa.schema(
    [
        ("unique_id", pa.string()),
        ("testimony", pa.string()),
        ("incident_type", pa.string()),
        ("type_family", pa.string()),
        ("date_lo", pa.int64()),
        ("date_hi", pa.int64()),
        ("year", pa.string()),
        ("month", pa.string()),
        ("province", pa.string()),
        ("county", pa.string()),
        ("site", pa.string()),
        ("lat", pa.float64()),
        ("lon", pa.float64()),
        ("perpetrator", pa.string()),
        ("victim_count", pa.int64()),
        ("victim_words", pa.list_(pa.string())),
        ("evidence_words", pa.list_(pa.string())),
        ("concepts", pa.list_(pa.string())),
        ("text_language", pa.string()),
        ("description_language", pa.string()),
    ]
)
"""The columns Splink reads, in this order (``mention_table`` fills them positionally)."""

__all__ = [
    "ROW_SCHEMA",
    "TYPE_FAMILY",
    "date_interval",
    "mention_rows",
    "mention_table",
    "normalise_name",
    "text_tokens",
    "type_family",
    "validate_mention",
]

_STOPWORDS = frozenset(
    """a about after again against all also am an and any are as at be because been before being
    between both but by can could did do does doing down during each even every few for from further
    had has have having he her here hers him his how i if in into is it its itself just last made
    make many me more most my no nor not now of off on once only or other our out over own people
    said same say says she should so some such than that the their them then there these they this
    those through to too told under until up very was we were what when where which while who whom
    why will with would year years you your month months week weeks day days ago later earlier
    source sources told us reporters around near still were there""".split()
)
SHARED_CONCEPT_WORDS = True
"""Whether words of the concept lexicon also count as evidence words (see ``text_tokens``)."""
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_HANGUL = re.compile(r"[\uac00-\ud7a3]")


def normalise_name(value: str | None) -> str | None:
    """Case, diacritics, apostrophes and hyphens folded so that spellings compare equal."""
    if value is None:
        return None
    return _folded(value)


@lru_cache(maxsize=65536)
def _folded(value: str) -> str | None:
    folded = unicodedata.normalize("NFKD", value)
    folded = "".join(ch for ch in folded if not unicodedata.combining(ch))
    folded = re.sub(r"[\s'’`\-]+", "", folded.lower())
    return folded or None


def text_tokens(*texts: str | None, limit: int = 24, concepts: bool = True) -> list[str]:
    """Content words of the evidence, crudely stemmed, for an overlap comparison.

    English words are cut to six letters (arrested/arrests -> "arrest"); Korean
    words to their first two syllables, which drops most particles (보위부가 -> 보위).
    Crude on purpose: the overlap only has to tell "the same story" from "another".
    With ``concepts=False`` words of the concept lexicon are left out: they are
    compared as concepts (``concepts.py``), and counting them twice would make
    the comparisons' evidence overlap.
    """
    seen: dict[str, None] = {}
    for text in texts:
        if not text:
            continue
        for word in _WORD.findall(text.lower()):
            if not concepts and is_concept_word(word):
                continue
            token = _stem(word)
            if token and token not in seen:
                seen[token] = None
                if len(seen) >= limit:
                    return list(seen)
    return list(seen)


@lru_cache(maxsize=262144)
def _stem(word: str) -> str:
    if _HANGUL.search(word):
        return word[:2] if len(word) >= 2 else ""
    if len(word) >= 4 and word not in _STOPWORDS:
        return word[:6] if word.isascii() else normalise_name(word[:6]) or ""
    return ""


def _coordinates_lookup() -> Callable[[str | None, str | None], tuple[float, float] | None]:
    """Gazetteer coordinates of a county, or a lookup that knows none.

    Linkage still works without coordinates (the place comparison then relies on
    names only), so a missing or failing gazetteer is logged, not raised.
    """
    try:
        from casework.gazetteer import load_gazetteer

        gazetteer = load_gazetteer()
    except Exception as err:  # noqa: BLE001 - the gazetteer is optional for linkage
        log.info("gazetteer unavailable for linkage coordinates: %s", type(err).__name__)
        return lambda province, county: None

    @lru_cache(maxsize=4096)
    def lookup(province: str | None, county: str | None) -> tuple[float, float] | None:
        if not county:
            return None
        try:
            found = gazetteer.coordinates(province, county)
        except Exception:  # noqa: BLE001 - an unknown place has no coordinates
            return None
        if not found:
            return None
        return float(found[0]), float(found[1])

    return lookup


def validate_mention(mention: Mention, where: str) -> None:
    """Raise LinkageError naming ``where`` when a mention cannot be linked."""
    if not mention.mention_id:
        raise LinkageError(f"{where}: missing field 'mention'")
    if not mention.testimony:
        raise LinkageError(f"{where}: missing field 'testimony'")
    if not mention.source:
        raise LinkageError(f"{where}: missing field 'source'")
    if mention.type not in INCIDENT_TYPES:
        raise LinkageError(f"{where}: unknown type (field 'type')")
    date_interval(mention.date, where=where)


def _language(text: str) -> str | None:
    if not text.strip():
        return None
    return "ko" if _HANGUL.search(text) else "en"


def _drop_common_words(table: pa.Table, names: Sequence[str]) -> pa.Table:
    """Remove words found in more than 3 % of mentions (at least 5): they say "arrest", not "this arrest".

    Words of the structured fields (place, perpetrator) are already compared on
    their own and were removed per mention; this removes the desk's everyday
    vocabulary, so that an overlap means shared specific detail. Column-wise in
    Arrow (a word occurs once per mention, so its count is its mention count); a
    list left empty becomes null.
    """
    limit = max(5, int(0.03 * len(table)))
    for name in names:
        column = table[name].combine_chunks()
        words = pc.list_flatten(column)
        if not len(words):
            continue
        counts = pc.value_counts(words)
        common = counts.field("values").filter(pc.greater(counts.field("counts"), limit))
        if not len(common):
            continue
        keep = pc.invert(pc.is_in(words, value_set=common))
        owners = np.asarray(pc.list_parent_indices(column).filter(keep))
        kept = np.bincount(owners, minlength=len(column)) if len(owners) else np.zeros(len(column), dtype=np.int64)
        offsets = np.concatenate([[0], np.cumsum(kept)]).astype(np.int32)
        rebuilt = pa.ListArray.from_arrays(
            pa.array(offsets), words.filter(keep), type=column.type, mask=pa.array(kept == 0)
        )
        table = table.set_column(table.schema.get_field_index(name), name, rebuilt)
    return table


def _unique(items: list[str]) -> list[str]:
    """Each item once, in order: list columns must hold no duplicates (``shared_items.py`` counts on it)."""
    return list(dict.fromkeys(items))


def _mention_values(
    mention: Mention, lookup: Callable[[str | None, str | None], tuple[float, float] | None]
) -> tuple[Any, ...]:
    """One mention's row in ``ROW_SCHEMA`` order, before the desk-wide common words are dropped.

    A pure function of the mention (and the gazetteer): what the feature cache keeps.
    """
    interval = date_interval(mention.date)
    place = mention.place
    point = lookup(place.province, place.county_or_city)
    evidence = " ".join(span.text for span in mention.evidence)
    described = text_tokens(mention.victims.description, limit=12)
    named = set(text_tokens(place.province, place.county_or_city, place.site, mention.perpetrator, limit=40))
    named.update(described)
    return (
        mention.mention_id,
        mention.testimony,
        mention.type,
        type_family(mention.type),
        interval[0] if interval else None,
        interval[1] if interval else None,
        mention.date[:4] if mention.date else None,
        mention.date[:7] if mention.date and len(mention.date) >= 7 else None,
        normalise_name(place.province),
        normalise_name(place.county_or_city),
        normalise_name(place.site),
        point[0] if point else None,
        point[1] if point else None,
        normalise_name(mention.perpetrator),
        mention.victims.count,
        described or None,
        _unique(
            [w for w in text_tokens(evidence, limit=40, concepts=SHARED_CONCEPT_WORDS) if w not in named]
            + number_tokens(evidence)
        )
        or None,
        sorted({*concept_ids(evidence), *number_tokens(evidence), *name_keys(evidence)}) or None,
        _language(evidence),
        _language(mention.victims.description or ""),
    )


def rows_to_table(rows: Sequence[tuple[Any, ...]], schema: pa.Schema = ROW_SCHEMA) -> pa.Table:
    """Row tuples as an Arrow table, one column at a time (a second copy of every row would cost gigabytes)."""
    arrays = [pa.array([row[i] for row in rows], type=f.type) for i, f in enumerate(schema)]
    return pa.Table.from_arrays(arrays, schema=schema)


def _where(mention: Mention, index: int) -> str:
    return f"mention {mention.mention_id or f'#{index}'}"


def mention_table(
    mentions: Sequence[Mention], *, coordinates: bool = True, cache: FeatureCache | None = None
) -> pa.Table:
    """One row per mention with the columns the Splink model compares, as an Arrow table.

    Built column by column: a million mentions as Python dicts would take
    gigabytes, as Arrow columns a few hundred megabytes. With a ``cache``, a
    mention whose content it has seen is not worked out again (and was validated
    when it was first seen); the new ones are added to it.

    Raises:
        LinkageError: a mention lacks an id, testimony or source, has an unknown
            type or an impossible date, or two mentions share an id.
    """
    lookup = _coordinates_lookup() if coordinates else (lambda province, county: None)
    rows: list[tuple[Any, ...]] = []
    positions: list[int] = []
    seen: set[str] = set()
    for index, mention in enumerate(mentions, start=1):
        if cache is None:
            validate_mention(mention, _where(mention, index))
            rows.append(_mention_values(mention, lookup))
        else:
            key = cache.key(mention)
            found = cache.position(key)
            if found is None:
                validate_mention(mention, _where(mention, index))
                found = cache.add(key, _mention_values(mention, lookup))
            positions.append(found)
        if mention.mention_id in seen:
            raise LinkageError(f"{_where(mention, index)}: duplicate mention id")
        seen.add(mention.mention_id or "")
    if cache is not None:
        table = cache.rows(positions)
    else:
        table = rows_to_table(rows)
    return _drop_common_words(table, ("victim_words", "evidence_words"))


def mention_rows(mentions: Sequence[Mention], *, coordinates: bool = True) -> list[dict[str, Any]]:
    """The same rows as :func:`mention_table`, as dicts (for explanations and tests)."""
    rows: list[dict[str, Any]] = mention_table(mentions, coordinates=coordinates).to_pylist()
    return rows
