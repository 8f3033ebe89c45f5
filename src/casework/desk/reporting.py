"""Reports from the store: snapshot once, check, write, audit.

The CLI (``casework report``) and the web app's download must refuse and record
the same way, so the order lives here: read the snapshot (public: without
decrypting anything, but with the desk's pseudonyms and the identities this user
may read, for the check), check every published text against the publication
stage, write, then record the report, and any accepted risk with its reason, in
the store's audit log.
"""

from __future__ import annotations

import io
import tempfile
import zipfile
from datetime import UTC, datetime
from pathlib import Path

from casework.desk.review_state import review_states
from casework.desk.secrets import desk_secrets
from casework.errors import InputError
from casework.model import Mention
from casework.publish.store_check import identity_check_from
from casework.report import (
    ReportSnapshot,
    estimate_incident_types,
    estimate_incidents,
    public_incident,
    public_mention,
    write_report,
)
from casework.report.snapshot import DEFAULT_TITLE
from casework.store import CaseStore

__all__ = ["report_archive", "snapshot_from_store", "write_store_report"]


def snapshot_from_store(
    store: CaseStore, *, public: bool = False, title: str = DEFAULT_TITLE, reviewed_only: bool = False
) -> ReportSnapshot:
    """Read the incidents, their mentions and (internal only) the testimonies once.

    Testimony texts are read through ``get_testimony``, so the store audits each
    read; a public snapshot reads none.

    Args:
        store: an unlocked store (the user's role decides what may be read).
        public: take the publishable snapshot: no texts, no pseudonyms, no quotations.
        title: the report's title.
        reviewed_only: keep only the incidents a person fully reviewed.

    Example:
        >>> snapshot = snapshot_from_store(store, public=True)  # doctest: +SKIP
    """
    incidents = store.list_incidents()
    review = review_states(store, incidents)
    if reviewed_only:
        incidents = [i for i in incidents if review[i.incident_id].reviewed]
        review = {i.incident_id: review[i.incident_id] for i in incidents}
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
            review=review,
            reviewed_only=reviewed_only,
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
        review=review,
        reviewed_only=reviewed_only,
    )


def write_store_report(
    store: CaseStore,
    out_dir: Path,
    *,
    public: bool = False,
    precision: str = "month",
    fmt: str = "html",
    accept_risk: str | None = None,
    title: str | None = None,
    via: str = "cli",
    reviewed_only: bool = False,
) -> Path:
    """Write the store's report into ``out_dir`` and audit it; return the index file.

    Args:
        store: an unlocked store; the user's role decides what can be read (a reader
            can write only the public report).
        out_dir: see :func:`casework.report.write_report`.
        public, precision, fmt: see :func:`casework.report.write_report`.
        accept_risk: a reason to publish despite medium- or high-risk findings (recorded in the audit).
        title: the report's title.
        via: which front end asked ("cli" or "web"), recorded in the audit event.

    Raises:
        PublicationRefused: a public text is medium or high risk and no reason was given, or a
            pseudonym or identity would appear in the public report.

    Example:
        >>> write_store_report(store, Path("public"), public=True)  # doctest: +SKIP
    """
    if accept_risk is not None and not accept_risk.strip():
        raise InputError("report: --accept-risk needs a reason")
    snapshot = snapshot_from_store(store, public=public, title=title or DEFAULT_TITLE, reviewed_only=reviewed_only)
    identities = identity_check_from(snapshot.identities, store.identity_fingerprints()) if public else None
    index = write_report(snapshot, out_dir, public=public, precision=precision, fmt=fmt, accept_risk=accept_risk,
                         identity_check=identities)
    details = {"public": str(public).lower(), "format": fmt, "precision": precision, "via": via,
               "reviewed_only": str(reviewed_only).lower()}
    target = "download" if via == "web" else str(out_dir)
    if public and accept_risk:
        store.audit("report.accept_risk", target, reason=accept_risk, **details)
    store.audit("report.write", target, **details)
    return index


def report_archive(
    store: CaseStore, *, public: bool, fmt: str, temp_root: str | None = None, precision: str = "month"
) -> io.BytesIO:
    """The report written to a temporary directory, zipped in memory, the directory removed.

    The internal report holds testimony text, so ``temp_root`` should be in memory
    (``/dev/shm``) where the system has it. Audited as :func:`write_store_report`.
    """
    buffer = io.BytesIO()
    with tempfile.TemporaryDirectory(prefix="casework-report-", dir=temp_root) as tmp:
        out_dir = Path(tmp) / "report"
        write_store_report(store, out_dir, public=public, fmt=fmt, precision=precision, via="web")
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for path in sorted(out_dir.rglob("*")):
                if path.is_file():
                    archive.write(path, Path("report") / path.relative_to(out_dir))
    buffer.seek(0)
    return buffer
