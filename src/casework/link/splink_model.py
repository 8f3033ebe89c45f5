"""The Splink model: comparisons, priors, blocking, unsupervised training and scoring.

The model is a Fellegi-Sunter model: every comparison (type, date, place,
perpetrator, victim count, victim description, evidence words) has levels, and
each level an m probability (how often two mentions of one incident land there)
and a u probability (how often two mentions of different incidents do). The
starting values below are our priors, written from how accounts of one event
differ in the testimony we work with; EM then adjusts the m values to the
desk's own data and random sampling estimates the u values.

Only portable SQL is used (arithmetic, ``greatest``, array intersection,
haversine from Splink's library), so a model trained on DuckDB scores the same
pairs the same way on Spark.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Sequence
from typing import Any

import pyarrow as pa

from casework.link.features import ROW_SCHEMA, normalise_name
from casework.link.u_estimates import EXACT_U_UP_TO, candidate_pair_u, set_u, shrink_u_to_priors

log = logging.getLogger(__name__)

__all__ = [
    "EXPECTED_OTHER_MENTIONS",
    "blocking_rules",
    "load_linker",
    "model_settings",
    "rows_table",
    "train_linker",
]

EXPECTED_OTHER_MENTIONS = 0.5
"""How many other mentions of the same incident a mention has, on average.

Documentation desks see most incidents once; a well-known arrest may be told by
three or four sources. 0.5 puts the prior odds of a random pair at
0.5 / (n - 1), i.e. one linked pair for every four mentions.
"""

EM_FROM = 200
"""Below this many mentions EM has too few candidate pairs to learn from; the priors stand (and a note says so).

Measured on the real published reports: run from 100 mentions, EM's sessions (blocked on
province or month, which reports often lack) saw 59 pairs on the 132 mentions of one half,
and report-pair F1 on all 199 mentions fell from 0.72 to 0.68."""

EM_MAX_PAIRS = 200_000
"""EM iterates over its pairs some 25 times; a sample of 200,000 pairs is plenty for
a few dozen parameters and keeps training to seconds."""

TIGHT_BLOCKING_FROM = 50_000
"""From this many mentions on, prediction uses the tight blocking rules (see docs/linkage.md)."""

_GAP = "greatest(date_lo_l - date_hi_r, date_lo_r - date_hi_l, 0)"

CUSTODY_SITE_WORDS = (
    "prison", "camp", "kyohwaso", "kwanliso", "jipkyulso", "kuryujang", "dallyondae", "detention", "holding",
    "jail", "cell", "교화소", "관리소", "수용소", "집결소", "구류장", "단련대", "교양소", "감옥", "구치소",
)  # fmt: skip
"""Words of a place where people are held (the kinds of facility of the gazetteer's detention sites).

One prison or holding centre hosts many incidents (every prisoner's sentence, beating and death
there), so two mentions naming it share no more than a county; an airfield, a market or a
station named by both is one occasion. Sites are compared folded (``normalise_name``: Hangul
decomposed), so the words are folded the same way."""

_CUSTODY_SITE = "(" + " OR ".join(f"site_l LIKE '%{normalise_name(word)}%'" for word in CUSTODY_SITE_WORDS) + ")"

KNOWN: dict[str, str] = {
    "incident_type": "l.incident_type IS NOT NULL AND r.incident_type IS NOT NULL",
    "date": "l.date_lo IS NOT NULL AND r.date_lo IS NOT NULL",
    "place": "(l.province IS NOT NULL AND r.province IS NOT NULL) OR (l.site IS NOT NULL AND r.site IS NOT NULL)",
    "perpetrator": "l.perpetrator IS NOT NULL AND r.perpetrator IS NOT NULL",
    "victim_count": "l.victim_count IS NOT NULL AND r.victim_count IS NOT NULL",
    "victim_words": "l.victim_words IS NOT NULL AND r.victim_words IS NOT NULL"
    " AND l.description_language = r.description_language",
    "evidence_words": "l.evidence_words IS NOT NULL AND r.evidence_words IS NOT NULL"
    " AND l.text_language = r.text_language",
    "concepts": "l.concepts IS NOT NULL AND r.concepts IS NOT NULL AND l.text_language <> r.text_language",
}
"""Per comparison, when a pair can be compared at all (both sides known, in a common language
for words, in different languages for concepts). Its negation is the comparison's null level:
a missing field is unknown, never a disagreement. Written once, in join form (``l.``/``r.``),
so that the EM sessions can count the pairs each comparison can learn from."""


def _paired(condition: str) -> str:
    """A join condition (``l.x``, ``r.x``) in Splink's column form (``x_l``, ``x_r``)."""
    return re.sub(r"\b([lr])\.(\w+)", r"\2_\1", condition)


def _unknown(name: str, label: str) -> dict[str, Any]:
    return _level(f"NOT COALESCE(({_paired(KNOWN[name])}), FALSE)", label, 0, 0, null=True)


def _level(sql: str, label: str, m: float, u: float, *, null: bool = False) -> dict[str, Any]:
    if null:
        return {"sql_condition": sql, "label_for_charts": label, "is_null_level": True}
    return {"sql_condition": sql, "label_for_charts": label, "m_probability": m, "u_probability": u}


def _comparisons() -> list[Any]:
    import splink.comparison_level_library as cll
    import splink.comparison_library as cl

    from casework.link.shared_items import SharedItemsLevel

    incident_type = cl.CustomComparison(
        output_column_name="incident_type",
        comparison_levels=[
            _unknown("incident_type", "type unknown"),
            _level("incident_type_l = incident_type_r", "same type", 0.75, 0.12),
            _level("type_family_l = type_family_r", "same family of types", 0.2, 0.25),
            _level("ELSE", "different types", 0.05, 0.63),
        ],
    )
    when = cl.CustomComparison(
        output_column_name="date",
        comparison_levels=[
            _unknown("date", "date unknown"),
            _level(
                "date_lo_l = date_hi_l AND date_lo_r = date_hi_r AND date_lo_l = date_lo_r", "same day", 0.25, 0.001
            ),
            _level(
                f"{_GAP} <= 7 AND date_hi_l - date_lo_l <= 31 AND date_hi_r - date_lo_r <= 31",
                "within a week (day or month precision)",
                0.45,
                0.01,
            ),
            _level(f"{_GAP} = 0", "compatible only at year precision", 0.12, 0.03),
            _level(f"{_GAP} <= 45", "within six weeks", 0.06, 0.04),
            _level("ELSE", "more than six weeks apart", 0.02, 0.9),
        ],
    )
    within_km = cll.DistanceInKMLevel("lat", "lon", 30, not_null=True).configure(
        label_for_charts="counties within 30 km", m_probability=0.05, u_probability=0.01
    )
    # A named site (an airfield, a market, a station abroad) said by both sides weighs more than
    # the county, except a place of custody (CUSTODY_SITE_WORDS). Reports written abroad often
    # name only a site (no province); it is compared all the same.
    place = cl.CustomComparison(
        output_column_name="place",
        comparison_levels=[
            _unknown("place", "province and site unknown"),
            _level(
                f"site_l = site_r AND county_l = county_r AND NOT {_CUSTODY_SITE}",
                "same site in the same county or city (not a place of custody)",
                0.3,
                0.002,
            ),
            _level(
                "county_l = county_r OR site_l = site_r", "same county or city (or site, county unknown)", 0.5, 0.03
            ),
            within_km,
            _level(
                "province_l = province_r AND (county_l IS NULL OR county_r IS NULL)",
                "same province, county said once",
                0.15,
                0.03,
            ),
            _level("province_l = province_r", "same province, other county", 0.05, 0.1),
            _level("province_l IS NULL OR province_r IS NULL", "other sites, province said once", 0.05, 0.05),
            _level("ELSE", "different provinces", 0.05, 0.78),
        ],
    )
    perpetrator = cl.CustomComparison(
        output_column_name="perpetrator",
        comparison_levels=[
            _unknown("perpetrator", "perpetrator unknown"),
            _level("perpetrator_l = perpetrator_r", "same perpetrator", 0.75, 0.2),
            _level("ELSE", "different perpetrators", 0.25, 0.8),
        ],
    )
    victims = cl.CustomComparison(
        output_column_name="victim_count",
        comparison_levels=[
            _unknown("victim_count", "count unknown"),
            _level("victim_count_l = victim_count_r AND victim_count_l > 1", "same count, more than one", 0.3, 0.05),
            _level("victim_count_l = victim_count_r", "same count, one or none", 0.25, 0.25),
            _level(
                "greatest(victim_count_l, victim_count_r) <= 1.25 * least(victim_count_l, victim_count_r)",
                "counts within a factor 1.25",
                0.3,
                0.1,
            ),
            _level(
                "greatest(victim_count_l, victim_count_r) <= 2 * least(victim_count_l, victim_count_r)",
                "counts within a factor 2",
                0.1,
                0.15,
            ),
            _level("ELSE", "counts far apart", 0.05, 0.45),
        ],
    )
    description = cl.CustomComparison(
        output_column_name="victim_words",
        comparison_levels=[
            _unknown("victim_words", "no description in a common language"),
            SharedItemsLevel("victim_words", 2).configure(
                label_for_charts="two or more description words shared", m_probability=0.35, u_probability=0.02
            ),
            SharedItemsLevel("victim_words", 1).configure(
                label_for_charts="one description word shared", m_probability=0.3, u_probability=0.1
            ),
            _level("ELSE", "no description word shared", 0.35, 0.88),
        ],
    )
    evidence = cl.CustomComparison(
        output_column_name="evidence_words",
        comparison_levels=[
            _unknown("evidence_words", "no evidence text in a common language"),
            SharedItemsLevel("evidence_words", 8).configure(
                label_for_charts="eight or more distinctive words shared", m_probability=0.12, u_probability=0.0005
            ),
            SharedItemsLevel("evidence_words", 4).configure(
                label_for_charts="four to seven distinctive words shared", m_probability=0.18, u_probability=0.0045
            ),
            SharedItemsLevel("evidence_words", 2).configure(
                label_for_charts="two or three distinctive words shared", m_probability=0.35, u_probability=0.04
            ),
            SharedItemsLevel("evidence_words", 1).configure(
                label_for_charts="one distinctive word shared", m_probability=0.2, u_probability=0.2
            ),
            _level("ELSE", "no distinctive word shared", 0.15, 0.755),
        ],
    )
    concepts = cl.CustomComparison(
        output_column_name="concepts",
        comparison_levels=[
            _unknown("concepts", "same language (words compared) or no concept"),
            SharedItemsLevel("concepts", 5).configure(
                label_for_charts="five or more concepts shared", m_probability=0.15, u_probability=0.003
            ),
            SharedItemsLevel("concepts", 3).configure(
                label_for_charts="three or four concepts shared", m_probability=0.2, u_probability=0.027
            ),
            SharedItemsLevel("concepts", 2).configure(
                label_for_charts="two concepts shared", m_probability=0.25, u_probability=0.07
            ),
            SharedItemsLevel("concepts", 1).configure(
                label_for_charts="one concept shared", m_probability=0.25, u_probability=0.25
            ),
            _level("ELSE", "no concept shared", 0.15, 0.65),
        ],
    )
    return [incident_type, when, place, perpetrator, victims, description, evidence, concepts]


def blocking_rules(count: int) -> list[str]:
    """Rules that generate candidate pairs; never two mentions of one testimony.

    Up to ``EXACT_U_UP_TO`` mentions (about a million pairs) every pair of different
    testimonies is a candidate: blocking on a field treats a missing field as a
    disagreement, and published reports often lack one (no province in a story told
    from Seoul, no date in an undated re-report), so a rule that needs the province or
    the month never compares them, however much else they share. These are the same
    pairs the u values are counted on. Larger archives are blocked loosely (province and type family, or province and
    year, or county, or month and type family), so that an account with the
    county missing or the date off by a year is still compared. From
    ``TIGHT_BLOCKING_FROM`` mentions the rules also require the month (or, within a
    county, type and year: a month missing on one side or dates two months apart at
    most), which keeps a million mentions to tens of millions of pairs. There the
    county-and-month rule also requires the type family, like the other two rules
    require the type: a pair of different families weighs about -3.7 bits for that
    alone, and the rule without it was a third of all candidate pairs at 300,000
    synthetic mentions (3.5 of 10.3 million; with it 1.3), while every gold pair of the
    corpus the tight rules reach (63 of 67) is still reached.
    """
    other = "l.testimony <> r.testimony"
    if count <= EXACT_U_UP_TO:
        return [other]
    if count >= TIGHT_BLOCKING_FROM:
        return [
            f"l.county = r.county AND l.month = r.month AND l.type_family = r.type_family AND {other}",
            f"l.province = r.province AND l.incident_type = r.incident_type AND l.month = r.month AND {other}",
            "l.county = r.county AND l.incident_type = r.incident_type AND l.year = r.year"
            f" AND (l.month IS NULL OR r.month IS NULL OR abs(l.date_lo - r.date_lo) <= 62) AND {other}",
        ]
    return [
        f"l.province = r.province AND l.type_family = r.type_family AND {other}",
        f"l.province = r.province AND l.year = r.year AND {other}",
        f"l.county = r.county AND {other}",
        f"l.type_family = r.type_family AND l.month = r.month AND {other}",
    ]


def prior_match_probability(count: int) -> float:
    """Prior probability that two random mentions describe one incident (see EXPECTED_OTHER_MENTIONS)."""
    return min(0.5, EXPECTED_OTHER_MENTIONS / max(count - 1, 1))


def model_settings(count: int) -> Any:
    from splink import SettingsCreator

    return SettingsCreator(
        link_type="dedupe_only",
        unique_id_column_name="unique_id",
        comparisons=_comparisons(),
        blocking_rules_to_generate_predictions=[{"blocking_rule": rule} for rule in blocking_rules(count)],
        probability_two_random_records_match=prior_match_probability(count),
        additional_columns_to_retain=["testimony"],
        retain_intermediate_calculation_columns=False,
        retain_matching_columns=False,
    )


def rows_table(rows: Sequence[dict[str, Any]] | pa.Table) -> pa.Table:
    """Rows as an Arrow table with the fixed schema (an all-null column still has its type)."""
    if isinstance(rows, pa.Table):
        return rows
    return pa.Table.from_pylist(list(rows), schema=ROW_SCHEMA)


PRIOR_PAIRS = 50
"""Weight of the priors, in matching pairs: EM's m values are averaged with ours as if
we had seen 50 matching pairs. With a few hundred mentions EM alone drives some m
values to 0 or 1 (one different perpetrator would then veto any link); with a
large archive EM's own estimates dominate."""


def _shrink_to_priors(trained: dict[str, Any], count: int) -> dict[str, Any]:
    """Blend EM's m probabilities with the priors, weighted by the expected number of matching pairs."""
    expected = EXPECTED_OTHER_MENTIONS * count / 2
    weight = expected / (expected + PRIOR_PAIRS)
    priors = model_settings(count).get_settings("duckdb").as_dict()
    by_name = {c["output_column_name"]: c for c in priors["comparisons"]}
    for comparison in trained["comparisons"]:
        prior = by_name[comparison["output_column_name"]]
        for level, prior_level in zip(comparison["comparison_levels"], prior["comparison_levels"], strict=True):
            m, m0 = level.get("m_probability"), prior_level.get("m_probability")
            if m is not None and m0 is not None:
                level["m_probability"] = weight * m + (1 - weight) * m0
    return trained


EM_SESSIONS = (
    (
        "province and type family",
        "l.province = r.province AND l.type_family = r.type_family AND l.testimony <> r.testimony",
    ),
    ("month and type family", "l.month = r.month AND l.type_family = r.type_family AND l.testimony <> r.testimony"),
)
"""The two EM sessions (name, blocking rule): each estimates what the other's blocking fixes."""

MIN_EM_PAIRS = (30, 120)
"""A comparison needs this many comparable pairs in a session for EM to move its m values:
the first attempt fixes comparisons below 30, a second attempt (if the first fails) below 120.

EM fits a mixture of a few dozen level probabilities; where a comparison has only a few
pairs, with a handful of matches among them, it drives a level's m to exactly 0, which
Splink refuses (ValueError). On 82 real reports the month session had 70 pairs (16
comparable across languages, 36 with a victim count on both sides): EM drove "no concept
shared", then "counts within a factor 2" to 0, and the session used to be dropped with one
log line."""


def _note(notes: list[str] | None, message: str) -> None:
    """Tell the caller (who shows ``notes``) or, when nobody collects them, the log."""
    if notes is None:
        log.warning("%s", message)
    else:
        log.info("%s", message)
        notes.append(message)


def _comparable_pairs(linker: Any, table: Any, rule: str) -> tuple[int, dict[str, int]]:
    """The number of pairs ``rule`` generates, and per comparison how many of them it can compare."""
    name = table.physical_name
    sums = ", ".join(f"coalesce(sum(case when {known} then 1 else 0 end), 0) as {key}" for key, known in KNOWN.items())
    sql = f"select count(*) as pairs, {sums} from {name} as l join {name} as r on {rule} and l.unique_id < r.unique_id"
    frame = linker.misc.query_sql(sql, output_type="pandas")
    counts = {key: int(frame[key].iloc[0]) for key in KNOWN}
    log.debug("comparable pairs in EM session %s: %s", rule, counts)
    return int(frame["pairs"].iloc[0]), counts


def _with_fixed_m(model: dict[str, Any], names: Sequence[str]) -> dict[str, Any]:
    """The model with the m values of comparisons ``names`` fixed (and every other comparison's free)."""
    for comparison in model["comparisons"]:
        fixed = comparison["output_column_name"] in names
        for level in comparison["comparison_levels"]:
            if level.get("is_null_level"):
                continue
            if fixed:
                level["fix_m_probability"] = True
            else:
                level.pop("fix_m_probability", None)
    return model


def _em_session(linker: Any, table: Any, name: str, rule: str, count: int, notes: list[str] | None) -> Any:
    """``linker`` after one EM session on the pairs of ``rule``, or unchanged (and said) when it cannot run."""
    from splink import Linker

    pairs, counts = _comparable_pairs(linker, table, rule)
    failure = ""
    for minimum in MIN_EM_PAIRS:
        sparse = [key for key, n in counts.items() if n < minimum]
        if len(sparse) == len(KNOWN):
            _note(notes, f"EM session '{name}' skipped: {pairs} pairs, no comparison with {minimum} to learn from")
            return linker
        session = Linker(table, _with_fixed_m(linker.misc.save_model_to_json(), sparse), log_level=None)
        try:
            session.training.estimate_parameters_using_expectation_maximisation(
                rule, fix_probability_two_random_records_match=True, max_pairs=EM_MAX_PAIRS if count > 2_000 else None
            )
        except Exception as err:  # noqa: BLE001 - EM can fail (a level's m underflows); try again with fewer
            failure = type(err).__name__
            continue
        return Linker(table, _with_fixed_m(session.misc.save_model_to_json(), ()), log_level=None)
    _note(notes, f"EM session '{name}' skipped ({failure}); the model keeps the earlier values")
    return linker


def train_linker(
    rows: Sequence[dict[str, Any]] | pa.Table,
    db_api: Any,
    *,
    table_name: str = "mentions",
    notes: list[str] | None = None,
) -> Any:
    """A Splink linker trained on ``rows`` without labels.

    u values are counted on pairs of different testimonies and pulled towards the
    priors up to ``EXACT_U_UP_TO`` mentions (``u_estimates``), above that measured
    on a million random pairs as they are;
    m values from two EM sessions, each blocked on fields the other estimates,
    starting from our priors and then shrunk towards them (``PRIOR_PAIRS``).
    Below ``EM_FROM`` mentions EM has too little to learn from and the priors stand.
    A comparison with fewer than ``MIN_EM_PAIRS`` comparable pairs in a session keeps
    its m values through that session; a session that cannot run or fails all the same is skipped,
    appended to ``notes`` for the caller to show (logged as a warning without ``notes``).
    """
    from splink import Linker

    count = len(rows)
    table = db_api.register(rows_table(rows), dataset_display_name=table_name)
    linker = Linker(table, model_settings(count), log_level=None)
    if count < 20:
        return linker
    if count <= EXACT_U_UP_TO:
        priors = model_settings(count).get_settings(db_api.sql_dialect.sql_dialect_str).as_dict()
        measured, pairs = candidate_pair_u(priors, table)
        trained = set_u(linker.misc.save_model_to_json(), measured)
        linker = Linker(table, shrink_u_to_priors(trained, priors, pairs), log_level=None)
    else:
        # A million sampled pairs measure even the rare levels; the priors are not mixed in. Mixing
        # them (as 1,000 pairs) lifted a level the desk sees a few times per million pairs (an
        # invented detail word shared) by ~0.2 / 1,000, cutting its weight by ~5 bits and making
        # EM underflow: at a million synthetic mentions pairwise F1 fell from 0.90 to 0.52.
        linker.training.estimate_u_using_random_sampling(max_pairs=min(1e6, count * (count - 1) / 2), seed=7)
    if count < EM_FROM:
        _note(notes, f"EM not run: {count} mentions, fewer than {EM_FROM}; the m values are the priors")
        return linker
    for name, rule in EM_SESSIONS:
        linker = _em_session(linker, table, name, rule, count, notes)
    trained = _shrink_to_priors(linker.misc.save_model_to_json(), count)
    return Linker(table, trained, log_level=None)


def settings_for(db_api: Any, count: int, model_json: str | None = None) -> dict[str, Any]:
    """Settings in ``db_api``'s SQL dialect, with the trained m and u values of ``model_json``.

    The comparisons' SQL is always rebuilt from this module for the engine at
    hand (DuckDB and Spark spell array functions differently); only the numbers
    are taken from the saved model, level by level.
    """
    settings: dict[str, Any] = model_settings(count).get_settings(db_api.sql_dialect.sql_dialect_str).as_dict()
    if not model_json:
        return settings
    saved = {c["output_column_name"]: c for c in json.loads(model_json)["comparisons"]}
    for comparison in settings["comparisons"]:
        stored = saved.get(comparison["output_column_name"])
        if stored is None or len(stored["comparison_levels"]) != len(comparison["comparison_levels"]):
            log.warning("saved model lacks comparison %s; using the priors", comparison["output_column_name"])
            continue
        for level, stored_level in zip(comparison["comparison_levels"], stored["comparison_levels"], strict=True):
            for key in ("m_probability", "u_probability"):
                if stored_level.get(key) is not None:
                    level[key] = stored_level[key]
    return settings


def load_linker(
    rows: Sequence[dict[str, Any]] | pa.Table, db_api: Any, model_json: str, *, table_name: str = "mentions"
) -> Any:
    """A linker over ``rows`` using a saved model, with blocking fitted to the number of rows."""
    from splink import Linker

    table = db_api.register(rows_table(rows), dataset_display_name=table_name)
    return Linker(table, settings_for(db_api, len(rows), model_json), log_level=None)


def saved_model(linker: Any) -> str:
    return json.dumps(linker.misc.save_model_to_json(), sort_keys=True)
