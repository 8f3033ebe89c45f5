"""Draft check: paste text meant for publication, see risky spans and safer wording.

The check is the desk's :func:`casework.desk.check_draft` with the store's secrets
(pseudonyms, the identities this user may read, the testimonies), exactly as
``casework check --with-store``; the draft itself is neither stored nor logged (the
audit event records its length and how many spans were risky).
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, render_template, request

from casework.desk import check_draft
from casework.web.auth import current_store
from casework.web.forms import DraftForm
from casework.web.highlight import Marked, cut

bp = Blueprint("drafts", __name__)


@bp.route("/drafts/check", methods=["GET", "POST"])
def check() -> Any:
    form = DraftForm()
    if not form.validate_on_submit():
        status = 400 if request.method == "POST" else 200
        return render_template("draft.html", form=form), status
    text = form.text.data.replace("\r\n", "\n")
    assessment, notes = check_draft(current_store(), text, via="web")
    spans = sorted(assessment.spans, key=lambda s: (s.start, s.end))
    marks = [Marked(s.start, s.end, f"{s.risk} risk: {s.kind}", kind=f"risk-{s.risk}") for s in spans]
    return render_template(
        "draft.html",
        form=form,
        spans=spans,
        pieces=cut(text, marks),
        overall=assessment.risk,
        anonymity_set=assessment.anonymity_set,
        explanation=tuple(assessment.explanation),
        notes=notes,
        checked=True,
    )
