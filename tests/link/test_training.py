"""Training never fails quietly: sparse comparisons keep their m values, skipped sessions are said."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from casework.cli import main
from casework.link import link_mentions
from casework.link.engines import database_api
from casework.link.features import mention_table
from casework.link.splink_model import EM_FROM, EM_SESSIONS, MIN_EM_PAIRS, _comparable_pairs, train_linker
from casework.model import Mention

from .mentions_factory import mention

_PROVINCES = ["North Hamgyong", "Ryanggang", "South Pyongan", "North Pyongan", "Chagang", "Kangwon"]
_TYPES = ["arrest", "execution", "surveillance"]


def _english_desk(count: int) -> list[Mention]:
    """``count`` English mentions, two tellings of each incident, spread over provinces, months and types."""
    out = []
    for index in range(count):
        incident = index // 2
        out.append(
            mention(
                f"m{index}",
                f"t{index}",
                f"S{index}",
                type=_TYPES[incident % 3],
                date=f"20{10 + incident % 10}-{1 + incident % 12:02d}-{1 + incident % 27:02d}",
                province=_PROVINCES[incident % 6],
                county=None,
                count=1 + incident % 7,
                description=f"workers of unit {incident}",
                evidence=f"agents seized the workers of unit {incident} at night near the depot",
            )
        )
    return out


def test_a_comparison_with_few_pairs_is_left_out_of_an_em_session() -> None:
    """Two Korean arrests in a province where the English accounts tell no custody incident.

    The cross-language comparison then has no pair in the province session; the type
    comparison has hundreds.
    """
    mentions = _english_desk(EM_FROM)
    mentions += [
        mention("k1", "tk1", "SK1", province="Kangwon", evidence="보위부가 휴대폰으로 한국에 전화한 여성을 체포했다"),
        mention("k2", "tk2", "SK2", province="Kangwon", evidence="보위부가 밤에 창고 근처에서 노동자들을 잡아갔다"),
    ]
    db_api = database_api("duckdb")
    table = db_api.register(mention_table(mentions), dataset_display_name="counted")
    linker = train_linker(mention_table(mentions), db_api)
    _, counts = _comparable_pairs(linker, table, EM_SESSIONS[0][1])
    assert counts["concepts"] < MIN_EM_PAIRS[0] <= counts["incident_type"]


def test_training_on_a_desk_with_few_cross_language_pairs_skips_nothing() -> None:
    mentions = _english_desk(EM_FROM + 20)
    mentions.append(mention("k1", "tk1", "SK1", evidence="보위부가 밤에 창고 근처에서 노동자들을 잡아갔다"))
    notes: list[str] = []
    train_linker(mention_table(mentions), database_api("duckdb"), notes=notes)
    assert notes == []


def _lonely_desk() -> list[Mention]:
    """No two mentions share a province and a type family, or a month: EM has nothing to learn from."""
    out = []
    for index in range(EM_FROM):
        out.append(
            mention(
                f"x{index}",
                f"t{index}",
                f"S{index}",
                date=f"{1900 + index}-03-01",
                province=f"Province {index}",
                county=None,
                evidence=f"agents seized workers of unit {index}",
            )
        )
    return out


def test_a_skipped_session_is_reported_on_the_linkage() -> None:
    linkage = link_mentions(_lonely_desk())
    assert len(linkage.notes) == len(EM_SESSIONS)
    assert all("skipped" in note and str(MIN_EM_PAIRS[0]) in note for note in linkage.notes)


def test_the_link_command_shows_a_skipped_session(tmp_path: Path) -> None:
    path = tmp_path / "m.jsonl"
    path.write_text("\n".join(json.dumps(m.to_json()) for m in _lonely_desk()) + "\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["link", "--mentions", str(path)])
    assert result.exit_code == 0, result.output
    assert "warning: EM session 'province and type family' skipped" in result.stderr


def test_a_desk_too_small_for_em_says_so() -> None:
    linkage = link_mentions(_english_desk(40))
    assert linkage.notes == [f"EM not run: 40 mentions, fewer than {EM_FROM}; the m values are the priors"]
