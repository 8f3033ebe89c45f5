"""Report download: the desk's report, zipped in memory, sent; the temporary directory removed.

The internal (non-public) report contains testimony text, so its temporary directory
is put in memory (``/dev/shm``, setting ``CASEWORK_REPORT_TMP``) when the system has
it. The public variant runs the publication check first and may be refused. The
report is written and audited by :func:`casework.desk.report_archive`, the same
workflow as ``casework report``.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, current_app, render_template, request, send_file
from flask_babel import gettext

from casework.desk import report_archive
from casework.errors import PublicationRefused
from casework.web.auth import current_store
from casework.web.forms import ReportForm

bp = Blueprint("reports", __name__)


@bp.route("/reports", methods=["GET", "POST"])
def download() -> Any:
    form = ReportForm()
    if not form.validate_on_submit():
        status = 400 if request.method == "POST" else 200
        return render_template("report.html", form=form), status
    public = bool(form.public.data)
    try:
        archive = report_archive(
            current_store(), public=public, fmt=form.fmt.data, temp_root=current_app.config["CASEWORK_REPORT_TMP"]
        )
    except PublicationRefused as err:
        form.form_errors.append(gettext("Refused by the publication check: %(why)s", why=str(err)))
        return render_template("report.html", form=form), 409
    name = f"casework-report-{'public' if public else 'internal'}.zip"
    return send_file(archive, mimetype="application/zip", as_attachment=True, download_name=name)
