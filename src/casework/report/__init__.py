"""Reports: a self-contained HTML (or Markdown) report of the store's incidents.

Take a :class:`ReportSnapshot` once (:func:`snapshot_from_store`), then
:func:`write_report` renders it: summary figures, incidents per month by type, a
map of the provinces, corroboration grades, the estimate of unrecorded incidents
with its caveats, a sortable incident table and, in the internal variant, one page
per incident with the evidence marked in each testimony. The public variant is
coarsened and checked by the publication stage before anything is written.
:func:`write_store_report` does all of it for a store, with the audit record; it is
what ``casework report`` and the web app's report download call.
"""

from __future__ import annotations

from .desk_report import write_store_report
from .figures import IncidentRow, ReportFigures, compute_figures, incident_rows
from .snapshot import ReportSnapshot, snapshot_from_store
from .writer import FORMATS, write_report

__all__ = [
    "FORMATS",
    "IncidentRow",
    "ReportFigures",
    "ReportSnapshot",
    "compute_figures",
    "incident_rows",
    "snapshot_from_store",
    "write_report",
    "write_store_report",
]
