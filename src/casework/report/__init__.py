"""Reports: a self-contained HTML (or Markdown) report of the store's incidents.

Take a :class:`ReportSnapshot` once (the desk's ``snapshot_from_store``), then
:func:`write_report` renders it: summary figures, incidents per month by type, a
map of the provinces, corroboration grades, the estimate of unrecorded incidents
with its caveats, a sortable incident table and, in the internal variant, one page
per incident with the evidence marked in each testimony. The public variant is
coarsened and checked by the publication stage before anything is written.
The desk's ``write_store_report`` does all of it for a store, with the audit record;
it is what ``casework report`` and the web app's report download call.
"""

from __future__ import annotations

from .estimates import estimate_incident_types, estimate_incidents
from .figures import IncidentRow, ReportFigures, compute_figures, incident_rows
from .snapshot import ReportSnapshot, public_incident, public_mention
from .writer import FORMATS, write_report

__all__ = [
    "FORMATS",
    "IncidentRow",
    "ReportFigures",
    "ReportSnapshot",
    "compute_figures",
    "estimate_incident_types",
    "estimate_incidents",
    "incident_rows",
    "public_incident",
    "public_mention",
    "write_report",
]
