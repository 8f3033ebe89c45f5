"""One call for the CLI and the web app: snapshot the store, check, write, audit.

Both front ends must refuse and record the same way, so the order lives here:
read the snapshot (public: without decrypting anything, but with the desk's
pseudonyms and the identities this user may read, for the check), check every
published text against the publication stage, write, and then record the report,
and any accepted risk with its reason, in the store's audit log.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from casework.errors import InputError

from .snapshot import DEFAULT_TITLE, snapshot_from_store
from .writer import write_report

if TYPE_CHECKING:
    from casework.store.api import CaseStore


def write_store_report(
    store: CaseStore,
    out_dir: Path,
    *,
    public: bool = False,
    precision: str = "month",
    fmt: str = "html",
    accept_risk: str | None = None,
    title: str | None = None,
) -> Path:
    """Write the store's report into ``out_dir`` and audit it; return the index file.

    Args:
        store: an unlocked store; the user's role decides what can be read (a reader
            can write only the public report).
        out_dir: see :func:`write_report`.
        public, precision, fmt: see :func:`write_report`.
        accept_risk: a reason to publish despite high-risk findings (recorded in the audit).
        title: the report's title.

    Raises:
        PublicationRefused: a public text is high risk and no reason was given, or a
            pseudonym or identity would appear in the public report.

    Example:
        >>> write_store_report(store, Path("public"), public=True)  # doctest: +SKIP
    """
    if accept_risk is not None and not accept_risk.strip():
        raise InputError("report: --accept-risk needs a reason")
    snapshot = snapshot_from_store(store, public=public, title=title or DEFAULT_TITLE)
    index = write_report(snapshot, out_dir, public=public, precision=precision, fmt=fmt, accept_risk=accept_risk)
    details = {"public": str(public).lower(), "format": fmt, "precision": precision}
    if public and accept_risk:
        store.audit("report.accept_risk", str(out_dir), reason=accept_risk, **details)
    store.audit("report.write", str(out_dir), **details)
    return index
