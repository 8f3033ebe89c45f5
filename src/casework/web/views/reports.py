"""Report download: the static report written to a temporary directory, zipped, sent, removed.

The internal (non-public) report contains testimony text, so its temporary directory
is put in memory (``/dev/shm``, setting ``CASEWORK_REPORT_TMP``) when the system has
it, and the zip is built in memory; the directory is removed before the response is
sent. The public variant runs the publication check first and may be refused.
"""

from __future__ import annotations

import io
import tempfile
import zipfile
from pathlib import Path
from typing import Any

from flask import Blueprint, current_app, render_template, request, send_file

from casework.errors import PublicationRefused
from casework.web.auth import current_store
from casework.web.forms import ReportForm
from casework.web.stages import available, stage_function

bp = Blueprint("reports", __name__)


@bp.route("/reports", methods=["GET", "POST"])
def download() -> Any:
    form = ReportForm()
    can_report = available("casework.report", "write_report")
    if not form.validate_on_submit():
        status = 400 if request.method == "POST" else 200
        return render_template("report.html", form=form, can_report=can_report), status
    store = current_store()
    write_report = stage_function("casework.report", "write_report")
    snapshot_from_store = stage_function("casework.report", "snapshot_from_store")
    public = bool(form.public.data)
    try:
        snapshot = snapshot_from_store(store, public=public)
        archive = _zipped_report(write_report, snapshot, public=public, fmt=form.fmt.data)
    except PublicationRefused as err:
        form.form_errors.append(f"Refused by the publication check: {err}")
        return render_template("report.html", form=form, can_report=can_report), 409
    store.audit("web.report_download", None, public="yes" if public else "no", format=form.fmt.data)
    name = f"casework-report-{'public' if public else 'internal'}.zip"
    return send_file(archive, mimetype="application/zip", as_attachment=True, download_name=name)


def _zipped_report(write_report: Any, snapshot: Any, *, public: bool, fmt: str) -> io.BytesIO:
    buffer = io.BytesIO()
    with tempfile.TemporaryDirectory(prefix="casework-report-", dir=current_app.config["CASEWORK_REPORT_TMP"]) as tmp:
        out_dir = Path(tmp) / "report"
        write_report(snapshot, out_dir, public=public, fmt=fmt)
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for path in sorted(out_dir.rglob("*")):
                if path.is_file():
                    archive.write(path, Path("report") / path.relative_to(out_dir))
    buffer.seek(0)
    return buffer
