"""u probabilities of a large desk are measured, not mixed with the priors (the 1 M regression)."""

from __future__ import annotations

from itertools import product

from casework.link.engines import database_api
from casework.link.features import mention_table
from casework.link.splink_model import EM_FROM, train_linker
from casework.link.u_estimates import EXACT_U_UP_TO

from .mentions_factory import mention

_WORDS = ["".join(letters) for letters in product("bdfgklmnprst", "aeiou", "bdfgklmnprst", "aeiou", "bdfgk", "aeiou")]


def _level_u(model: dict, comparison: str, label: str) -> float:
    for c in model["comparisons"]:
        if c["output_column_name"] == comparison:
            for level in c["comparison_levels"]:
                if level.get("label_for_charts") == label:
                    return float(level["u_probability"])
    raise AssertionError(f"{comparison}/{label} not in the model")


def test_a_rare_level_keeps_its_sampled_u_above_the_exact_count_limit() -> None:
    """100 incidents told twice (the tellings share one invented word) among 1,600 mentions.

    About 100 of the 1.28 M pairs share exactly one evidence word, u ~ 8e-5. Mixing in the
    prior (0.2, as 1,000 pairs) would lift it to ~ 2.8e-4, which cost a million synthetic
    mentions ~5 bits on their best evidence and most of their links.
    """
    words = iter(_WORDS)
    mentions = []
    for index in range(EXACT_U_UP_TO + 100):
        shared = next(words)
        tellings = 2 if index < 100 else 1
        for telling in range(tellings):
            mentions.append(
                mention(
                    f"m{index}-{telling}",
                    f"t{index}-{telling}",
                    f"S{index}-{telling}",
                    date=None,
                    province=None,
                    county=None,
                    perpetrator=None,
                    count=None,
                    description=None,
                    evidence=f"{shared} {next(words)}",
                )
            )
        if len(mentions) >= EXACT_U_UP_TO + 100:
            break
    model = train_linker(mention_table(mentions), database_api("duckdb")).misc.save_model_to_json()
    u = _level_u(model, "evidence_words", "one distinctive word shared")
    assert 0 < u < 1.6e-4


def test_retellings_do_not_make_their_shared_sentences_look_common() -> None:
    """40 stories each retold by three outlets in the same words, among 79 unrelated accounts.

    120 of the 7,000 pairs share eight or more words, all of them retellings (share
    0.017). u says how often *different* incidents agree, so those pairs count as
    non-matches only by their prior probability of being one, and u stays near zero.
    """
    words = iter(_WORDS)
    mentions = []
    for story in range(40):
        sentence = " ".join(next(words) for _ in range(10))
        for telling in range(3):
            tid = f"t{story}-{telling}"
            mentions.append(mention(f"m{story}-{telling}", tid, f"S{tid}", date=None, county=None, evidence=sentence))
    for index in range(79):
        sentence = " ".join(next(words) for _ in range(10))
        mentions.append(mention(f"x{index}", f"tx{index}", f"SX{index}", date=None, county=None, evidence=sentence))
    assert len(mentions) < EM_FROM  # u as counted, m as the priors
    model = train_linker(mention_table(mentions), database_api("duckdb")).misc.save_model_to_json()
    assert _level_u(model, "evidence_words", "eight or more distinctive words shared") < 0.004
