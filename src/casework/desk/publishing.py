"""The public incidents dataset from the store: read, check, write, audit.

The publication stage decides what leaves, field by field
(:func:`casework.publish.export_incidents`); the desk reads the incidents, their
current mentions and the secrets this user may read, and records the export, with
any accepted risk and its reason, in the audit log.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from casework.desk.identity import resolve_ids
from casework.desk.linking import linkable_mentions
from casework.desk.review_state import review_states
from casework.desk.secrets import desk_secrets
from casework.publish import ExportResult, export_incidents
from casework.publish.store_check import identity_check_from
from casework.store import CaseStore

__all__ = ["publish_dataset"]


def publish_dataset(
    store: CaseStore,
    out_dir: Path,
    *,
    precision: Literal["day", "month", "year"] = "month",
    place: Literal["region", "province", "county"] = "province",
    accept_risk: str | None = None,
    reviewed_only: bool = False,
) -> ExportResult:
    """Write the public dataset of the store's incidents into ``out_dir`` and audit it.

    Every record says whether a person fully reviewed the incident
    (``reviewed``); ``reviewed_only`` leaves the others out.

    Raises:
        PublicationRefused: a free-text field is medium or high risk and ``accept_risk`` was not given.

    Example:
        >>> publish_dataset(store, Path("public"), precision="year").paths  # doctest: +SKIP
    """
    pseudonyms, identities = desk_secrets(store)
    mentions = {m.mention_id: m for m in linkable_mentions(store) if m.mention_id}
    incidents = store.list_incidents()
    current = {i.incident_id for i in incidents}
    states = review_states(store, incidents)
    reviewed = {i for i, s in states.items() if s.reviewed}
    if reviewed_only:
        incidents = [i for i in incidents if i.incident_id in reviewed]
    superseded = {old: new for old, new in resolve_ids(store.incident_history(), current).items()
                  if old not in current}
    result = export_incidents(
        incidents,
        mentions,
        out_dir,
        pseudonyms=pseudonyms,
        identity_check=identity_check_from(identities, store.identity_fingerprints()),
        precision=precision,
        place=place,
        accept_risk=accept_risk,
        superseded=superseded,
        reviewed=reviewed,
    )
    store.audit(
        "publish.export",
        None,
        precision=precision,
        place=place,
        incidents=str(result.incidents),
        reviewed=str(result.reviewed),
        reviewed_only=str(reviewed_only).lower(),
        accepted_risk=accept_risk or "",
        risky_fields=str(result.risky_fields),
        high_risk_fields=str(result.high_risk_fields),
    )
    return result
