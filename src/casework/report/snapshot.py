"""What a report is drawn from: one frozen snapshot of the store.

The report never talks to the store while it renders. A snapshot is taken once (with
the store's own access control and audit of testimony reads), then rendered as
often as needed; the web app can hand the same value to :func:`write_report`. A
*public* snapshot is taken without decrypting any testimony and with every
quotation and pseudonym stripped from its mentions, so a public report cannot leak
what it never held.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from casework.model import Incident, Mention, SourceIdentity, Victims

from .estimates import estimate_incident_types, estimate_incidents
from .publication import desk_secrets

if TYPE_CHECKING:
    from casework.estimate import Estimate, StratumEstimate
    from casework.store.api import CaseStore, TestimonyInfo

DEFAULT_TITLE = "Casework incident report"


@dataclass(frozen=True)
class ReportSnapshot:
    """Everything a report shows, read once from the store.

    ``testimony_texts`` is filled only for the internal report; ``estimates`` is the
    :class:`casework.estimate.Estimate` of the store's incidents, or ``None`` with
    ``estimate_note`` saying why there is none (e.g. fewer than three lists); see
    :func:`casework.report.estimates.estimate_incidents` to compute both.
    ``type_estimates`` holds one estimate (or refusal) per incident type, from
    :func:`casework.report.estimates.estimate_incident_types`.

    ``pseudonyms`` and ``identities`` (the desk's pseudonyms and the identities the
    user may read) are filled for a public snapshot only, for the publication check
    and the last-line guard of :func:`write_report`; no template ever prints them.
    """

    generated_at: datetime
    incidents: list[Incident]
    mentions: dict[str, Mention]
    testimony_texts: dict[str, str] = field(default_factory=dict)
    testimony_meta: dict[str, TestimonyInfo] = field(default_factory=dict)
    estimates: Estimate | None = None
    title: str = DEFAULT_TITLE
    estimate_note: str = ""
    pseudonyms: tuple[str, ...] = ()
    identities: tuple[SourceIdentity, ...] = ()
    type_estimates: tuple[StratumEstimate, ...] = ()


def public_mention(mention: Mention) -> Mention:
    """The mention without quotations, pseudonym or anything finer than a province.

    Dropping the fields here, before rendering, means no template can print them
    by mistake. The victims' description stays: it is a summary written by the desk,
    and the publication check reads it before anything is written.
    """
    return replace(
        mention,
        date_text=None,
        place=replace(mention.place, county_or_city=None, site=None),
        victims=Victims(count=mention.victims.count, count_text=None, description=mention.victims.description),
        evidence=(),
        source=None,
        depends_on=None,
    )


def public_incident(incident: Incident) -> Incident:
    """The incident without its sources' pseudonyms (their number stays)."""
    return replace(incident, sources=())


def snapshot_from_store(store: CaseStore, *, public: bool = False, title: str = DEFAULT_TITLE) -> ReportSnapshot:
    """Read the incidents, their mentions and (internal only) the testimonies once.

    Testimony texts are read through ``get_testimony``, so the store audits each
    read; a public snapshot reads none.

    Args:
        store: an unlocked store (the user's role decides what may be read).
        public: take the publishable snapshot: no texts, no pseudonyms, no quotations.
        title: the report's title.

    Example:
        >>> snapshot = snapshot_from_store(store, public=True)  # doctest: +SKIP
    """
    incidents = store.list_incidents()
    wanted = {m for incident in incidents for m in incident.mentions}
    mentions: dict[str, Mention] = {}
    for stored in store.list_mentions():
        mention = stored.mention
        if mention.mention_id in wanted:
            mentions[mention.mention_id] = mention
    meta = {info.testimony_id: info for info in store.list_testimonies()}
    estimates, note = estimate_incidents(incidents, mentions, meta)
    by_type = estimate_incident_types(incidents, mentions, meta) if estimates is not None else ()
    if public:
        pseudonyms, identities = desk_secrets(store)
        return ReportSnapshot(
            generated_at=datetime.now(UTC),
            incidents=[public_incident(i) for i in incidents],
            mentions={k: public_mention(m) for k, m in mentions.items()},
            estimates=estimates,
            estimate_note=note,
            type_estimates=by_type,
            title=title,
            pseudonyms=tuple(pseudonyms),
            identities=tuple(identities),
        )
    needed = sorted({m.testimony for m in mentions.values() if m.testimony})
    texts = {tid: store.get_testimony(tid).text for tid in needed}
    return ReportSnapshot(
        generated_at=datetime.now(UTC),
        incidents=incidents,
        mentions=mentions,
        testimony_texts=texts,
        testimony_meta=meta,
        estimates=estimates,
        estimate_note=note,
        type_estimates=by_type,
        title=title,
    )
