"""The numbers behind every chart and table, on the corpus gold and by hand."""

from __future__ import annotations

from collections import Counter

from casework.model import Incident, Mention, Place, Victims
from casework.report import ReportSnapshot, compute_figures, incident_rows
from casework.report.figures import coarsen_date, incident_row, settle_date
from casework.report.province_map import class_breaks, load_provinces, province_map_svg

from .conftest import GENERATED

# The corpus README's coverage line: incidents by province of the true incident.
GOLD_BY_PROVINCE = {
    "North Hamgyong": 58,
    "Ryanggang": 30,
    "South Hamgyong": 19,
    "North Pyongan": 17,
    "Kangwon": 14,
    "South Hwanghae": 13,
    "Chagang": 11,
    "South Pyongan": 9,
    "Rason": 5,
    "Pyongyang": 4,
    "North Hwanghae": 3,
}
# and by year of the incident's date (undated: 8).
GOLD_BY_YEAR = {
    "2015": 5,
    "2016": 30,
    "2017": 26,
    "2018": 25,
    "2019": 23,
    "2020": 12,
    "2021": 17,
    "2022": 12,
    "2023": 11,
    "2024": 11,
    "2025": 8,
}


def test_public_api_is_sorted() -> None:
    import casework.report

    assert list(casework.report.__all__) == sorted(casework.report.__all__)
    assert all(hasattr(casework.report, name) for name in casework.report.__all__)


def test_gold_summary_figures(gold_snapshot: ReportSnapshot) -> None:
    figures = compute_figures(gold_snapshot)
    assert figures.incidents == 188
    assert figures.mentions == 242
    assert figures.testimonies == 120
    assert figures.sources == 40
    assert figures.corroborated == 42  # the README's multi-source incidents
    assert dict(figures.by_province) == GOLD_BY_PROVINCE
    assert figures.without_province == 5
    assert sum(figures.by_grade.values()) == 188
    assert sum(sum(c.values()) for c in figures.by_month.values()) + figures.undated_to_month == 188
    assert {y: sum(c.values()) for y, c in figures.by_year.items()} == GOLD_BY_YEAR
    assert figures.undated == 8


def test_rows_are_newest_first_with_undated_last(gold_snapshot: ReportSnapshot) -> None:
    rows = incident_rows(gold_snapshot)
    dated = [r.date for r in rows if r.date]
    assert dated == sorted(dated, reverse=True)
    assert all(r.date is None for r in rows[len(dated) :])


def _mention(date: str | None, precision: str | None, province: str | None, count: int | None) -> Mention:
    return Mention(
        type="arrest", date=date, date_precision=precision, place=Place(province, None, None), victims=Victims(count)
    )


def test_fields_settled_from_disagreeing_mentions() -> None:
    mentions = [
        _mention("2019-02", "month", "North Hamgyong", 12),
        _mention("2019-02-24", "day", "North Hamgyong", 10),
        _mention("2019-02-20", "day", "Ryanggang", None),
    ]
    row = incident_row(Incident("I1", ("a", "b", "c")), mentions)
    assert (row.date, row.date_precision) == ("2019-02-20", "day")
    assert row.province == "North Hamgyong"
    assert row.victims_count == 10
    assert row.month == "2019-02"


def test_settle_and_coarsen_dates() -> None:
    assert settle_date([]) == (None, None)
    assert settle_date([_mention("2020", "year", None, None)]) == ("2020", "year")
    assert coarsen_date("2019-02-24", "day", "month") == ("2019-02", "month")
    assert coarsen_date("2019-02-24", "day", "year") == ("2019", "year")
    assert coarsen_date("2019", "year", "day") == ("2019", "year")  # never finer than it was
    assert coarsen_date(None, None, "month") == (None, None)


def test_nampo_is_counted_with_south_pyongan() -> None:
    snapshot = ReportSnapshot(
        generated_at=GENERATED,
        incidents=[Incident("I1", ("m1",))],
        mentions={"m1": _mention("2020-01", "month", "Nampo", 1)},
    )
    assert compute_figures(snapshot).by_province == Counter({"South Pyongan": 1})


def test_map_has_every_province_with_a_title_and_scale() -> None:
    provinces = load_provinces()
    assert len(provinces) == 11
    svg = province_map_svg(Counter({"North Hamgyong": 58, "Rason": 5}))
    assert svg.count('<path class="province"') == 11
    assert "<title>North Hamgyong: 58 incidents</title>" in svg
    assert "<title>Chagang: 0 incidents</title>" in svg
    assert 'class="legend"' in svg
    assert "href" not in svg  # nothing to fetch


def test_class_breaks() -> None:
    assert class_breaks(0) == []
    assert class_breaks(1) == [1]
    assert class_breaks(3) == [1, 2, 3]
    assert class_breaks(58) == [12, 24, 35, 47, 58]
