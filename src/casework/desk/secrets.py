"""What the store's secrets are for a check, read once with the user's own rights.

The draft check, the public report and the public export all compare text with the
desk's pseudonyms, the source identities the user may read and (for drafts) the
stored testimonies. Reading them lives here once, so the CLI's
``check --with-store`` and the web app's draft check receive exactly the same
material for the same user, and a role that may not read something is told so in
a note instead of silently getting a weaker check.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from casework.errors import AccessDenied
from casework.model import SourceIdentity, Testimony
from casework.publish import RiskAssessment, assess_risk
from casework.store import CaseStore

__all__ = ["DraftMaterial", "check_draft", "desk_secrets", "draft_material"]

NAMING_ROLES = frozenset({"admin", "source_handler", "analyst"})
"""Roles whose check may name the testimony a verbatim run comes from (they may read it)."""


@dataclass(frozen=True)
class DraftMaterial:
    """What a draft is compared with, and why anything is missing."""

    pseudonyms: tuple[str, ...] = ()
    identities: tuple[SourceIdentity, ...] = ()
    testimonies: tuple[Testimony, ...] = ()
    can_name_testimony: bool = False
    notes: tuple[str, ...] = field(default=())


def desk_secrets(store: CaseStore) -> tuple[list[str], list[SourceIdentity]]:
    """The desk's pseudonyms and the source identities this user may read (none for most roles)."""
    pseudonyms = [s.pseudonym for s in store.list_sources()]
    try:
        identities = store.list_source_identities()
    except AccessDenied:
        identities = []
    return pseudonyms, identities


def draft_material(store: CaseStore) -> DraftMaterial:
    """Pseudonyms, readable identities and current testimonies, with a note for each skipped check."""
    notes: list[str] = []
    role = store.user.role
    pseudonyms = tuple(s.pseudonym for s in store.list_sources())
    try:
        identities = tuple(store.list_source_identities())
    except AccessDenied:
        identities = ()
        notes.append(f"identity check skipped: role '{role}' may not read source identities")
    try:
        testimonies = tuple(store.get_testimony(t.testimony_id) for t in store.list_testimonies())
    except AccessDenied:
        testimonies = ()
        notes.append(f"verbatim check skipped: role '{role}' may not read testimonies")
    return DraftMaterial(pseudonyms, identities, testimonies, role in NAMING_ROLES and bool(testimonies), tuple(notes))


def check_draft(store: CaseStore | None, text: str, *, via: str = "cli") -> tuple[RiskAssessment, tuple[str, ...]]:
    """The re-identification check of a draft, with the store's secrets when a store is given.

    The draft is neither stored nor logged; the audit event records its length and
    how many spans were risky.

    Args:
        store: an unlocked store (``None``: the check without the store, as ``casework check``).
        text: the draft.
        via: which front end asked ("cli" or "web"), recorded in the audit event.

    Example:
        >>> assessment, notes = check_draft(store, "SRC-07 told us ...")  # doctest: +SKIP
    """
    if store is None:
        return assess_risk(text), ()
    material = draft_material(store)
    assessment = assess_risk(
        text,
        pseudonyms=list(material.pseudonyms),
        identities=list(material.identities),
        testimonies=list(material.testimonies),
        can_name_testimony=material.can_name_testimony,
    )
    store.audit(
        "draft.check", None, chars=str(len(text)), risky_spans=str(len(assessment.spans)), risk=assessment.risk, via=via
    )
    return assessment, material.notes
