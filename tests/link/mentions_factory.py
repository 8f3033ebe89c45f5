"""Small hand-made mentions for linkage tests (invented; no corpus text)."""

from __future__ import annotations

from casework.model import EvidenceSpan, Mention, Place, Victims


def mention(
    mention_id: str,
    testimony: str,
    source: str,
    *,
    type: str = "arrest",
    date: str | None = "2019-02-24",
    province: str | None = "North Hamgyong",
    county: str | None = "Hoeryong",
    perpetrator: str | None = "Ministry of State Security",
    count: int | None = 3,
    description: str | None = "women who phoned relatives abroad",
    evidence: str = "security agents took three women who phoned relatives abroad from the market",
    relation: str = "unknown",
    depends_on: str | None = None,
) -> Mention:
    return Mention(
        type=type,
        date=date,
        place=Place(province, county, None),
        perpetrator=perpetrator,
        victims=Victims(count, None, description),
        relation=relation,
        evidence=(EvidenceSpan("incident", 0, len(evidence), evidence),),
        testimony=testimony,
        mention_id=mention_id,
        source=source,
        depends_on=depends_on,
    )


def small_desk() -> list[Mention]:
    """Three incidents told by several sources, plus a look-alike and an unrelated one."""
    return [
        mention("a1", "t1", "S1"),
        mention("a2", "t2", "S2", date="2019-02", count=4, relation="first-hand"),
        mention("a3", "t3", "S3", date="2019-02-25"),
        mention(
            "b1",
            "t1",
            "S1",
            type="execution",
            date="2016-11-12",
            province="Ryanggang",
            county="Hyesan",
            perpetrator="Ministry of Social Security",
            count=2,
            description="men who sold methamphetamine",
            evidence="two men were shot by firing squad beside the airfield for selling methamphetamine",
        ),
        mention(
            "b2",
            "t4",
            "S4",
            type="execution",
            date="2016-11-12",
            province="Ryanggang",
            county="Hyesan",
            perpetrator="Ministry of Social Security",
            count=2,
            description="men who sold methamphetamine",
            evidence="crowd watched the firing squad at the airfield shoot two methamphetamine sellers",
        ),
        mention(
            "c1",
            "t5",
            "S5",
            type="forced_labour_or_mobilisation",
            date="2021-05",
            province="Kangwon",
            county="Wonsan",
            perpetrator="Korean Workers' Party",
            count=None,
            description="housewives sent to build a road",
            evidence="housewives of the district were ordered to carry gravel for the new road",
        ),
    ]
