"""Draft check: paste text meant for publication, see risky spans and safer wording.

The check is ``casework.publish.assess_risk``; the draft itself is neither stored nor
logged (the audit event records its length and how many spans were risky).
"""

from __future__ import annotations

import inspect
from dataclasses import dataclass
from typing import Any

from flask import Blueprint, render_template, request

from casework.web.auth import current_store
from casework.web.forms import DraftForm
from casework.web.highlight import Marked, cut
from casework.web.stages import available, stage_function

bp = Blueprint("drafts", __name__)


@dataclass(frozen=True)
class RiskySpan:
    start: int
    end: int
    kind: str
    risk: str
    why: str
    safer: str | None
    text: str


@bp.route("/drafts/check", methods=["GET", "POST"])
def check() -> Any:
    form = DraftForm()
    if not form.validate_on_submit():
        status = 400 if request.method == "POST" else 200
        return render_template("draft.html", form=form, can_check=available("casework.publish", "assess_risk")), status
    store = current_store()
    assess_risk = stage_function("casework.publish", "assess_risk")
    text = form.text.data.replace("\r\n", "\n")
    result = _call(assess_risk, text, store)
    spans = _spans(result, text)
    store.audit("web.draft_check", None, chars=str(len(text)), risky_spans=str(len(spans)))
    marks = [Marked(s.start, s.end, f"{s.risk} risk: {s.kind}", kind=f"risk-{s.risk}") for s in spans]
    return render_template(
        "draft.html",
        form=form,
        spans=spans,
        pieces=cut(text, marks),
        overall=str(getattr(result, "risk", None) or _overall(spans)),
        anonymity_set=getattr(result, "anonymity_set", None),
        explanation=tuple(getattr(result, "explanation", ())),
        checked=True,
        can_check=True,
    )


def _call(assess_risk: Any, text: str, store: Any) -> Any:
    """Call the publication check, with the store when it asks for one (to know the desk's names)."""
    parameters = inspect.signature(assess_risk).parameters
    return assess_risk(text, store=store) if "store" in parameters else assess_risk(text)


def _spans(result: Any, text: str) -> list[RiskySpan]:
    """The assessment's spans (or a plain list of spans), as the page shows them."""
    raw_spans = getattr(result, "spans", result)
    out = []
    for span in raw_spans:
        start, end = int(_field(span, "start")), int(_field(span, "end"))
        out.append(
            RiskySpan(
                start=start,
                end=end,
                kind=str(_field(span, "kind") or "detail"),
                risk=str(_field(span, "risk") or "medium").lower(),
                why=str(_field(span, "why") or ""),
                safer=_field(span, "safer"),
                text=text[start:end],
            )
        )
    return sorted(out, key=lambda s: (s.start, s.end))


def _field(span: Any, name: str) -> Any:
    return span.get(name) if isinstance(span, dict) else getattr(span, name, None)


def _overall(spans: list[RiskySpan]) -> str:
    order = {"low": 1, "medium": 2, "high": 3}
    if not spans:
        return "low"
    return max((s.risk for s in spans), key=lambda r: order.get(r, 0))
