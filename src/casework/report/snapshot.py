"""What a report is drawn from: one frozen snapshot of the store.

The report never talks to the store while it renders. A snapshot is taken once by
the desk (:func:`casework.desk.snapshot_from_store`, with the store's own access
control and audit of testimony reads), then rendered as often as needed. A
*public* snapshot is taken without decrypting any testimony and with every
quotation and pseudonym stripped from its mentions, so a public report cannot leak
what it never held.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import TYPE_CHECKING

from casework.model import Incident, Mention, ReviewState, SourceIdentity, Victims

if TYPE_CHECKING:
    from casework.estimate import Estimate, StratumEstimate
    from casework.store import TestimonyInfo

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
    review: dict[str, ReviewState] = field(default_factory=dict)  # incident id -> what a person confirmed
    reviewed_only: bool = False  # the incidents were limited to those a person fully reviewed


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
