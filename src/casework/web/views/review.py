"""The review queue: machine-suggested mentions that a person accepts, corrects or rejects."""

from __future__ import annotations

from functools import partial
from typing import Any

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext, ngettext

from casework.desk import (
    CORRECTABLE,
    REVIEW_SORTS,
    MentionStatus,
    StoredMention,
    correct_field,
    count_review_queue,
    review_mention,
    review_queue,
)
from casework.errors import AccessDenied
from casework.model import Mention
from casework.web.auth import current_store
from casework.web.forms import MentionCorrectionForm
from casework.web.highlight import Marked, cut
from casework.web.paging import page_of

bp = Blueprint("review", __name__)

STATUSES = ("suggested", "accepted", "rejected")
CONTEXT_CHARS = 160


@bp.get("/review")
def index() -> Any:
    """The queue of one status, in testimony order or by the extractor's confidence (``?sort=confidence&desc=1``).

    Listed by :func:`casework.desk.review_queue`, as ``casework review mentions`` lists
    it, so the page and the command line show the same order and the same scores.
    """
    status = request.args.get("status", "suggested")
    sort = request.args.get("sort", "testimony")
    if status not in STATUSES or sort not in REVIEW_SORTS:
        abort(404)
    descending = request.args.get("desc") == "1"
    filters: dict[str, Any] = {"status": status}
    testimony = request.args.get("testimony") or None
    if testimony:
        filters["testimony_id"] = testimony
    store = current_store()
    listing = partial(review_queue, store, sort=sort, descending=descending)
    page = page_of(listing, count=partial(count_review_queue, store), **filters)
    return render_template(
        "review.html", page=page, status=status, testimony=testimony, statuses=STATUSES, sort=sort,
        desc="1" if descending else None,
    )


@bp.route("/mentions/<mention_id>", methods=["GET", "POST"])
def mention(mention_id: str) -> Any:
    """One mention: its evidence in context and a form to correct its fields (then accepted)."""
    store = current_store()
    stored = store.get_mention(mention_id)
    form = MentionCorrectionForm(obj=None if request.method == "POST" else _FormValues(stored.mention))
    if form.validate_on_submit():
        review_mention(store, mention_id, "accepted", _corrected(stored.mention, form))
        flash(gettext("%(id)s corrected and accepted.", id=mention_id))
        return redirect(_back())
    status = 400 if request.method == "POST" else 200
    return render_template("mention.html", stored=stored, form=form, excerpts=_excerpts(store, stored)), status


@bp.post("/mentions/<mention_id>/accept")
def accept(mention_id: str) -> Any:
    review_mention(current_store(), mention_id, "accepted")
    flash(gettext("%(id)s accepted.", id=mention_id))
    return redirect(_back())


@bp.post("/mentions/<mention_id>/reject")
def reject(mention_id: str) -> Any:
    review_mention(current_store(), mention_id, "rejected")
    flash(gettext("%(id)s rejected.", id=mention_id))
    return redirect(_back())


MAX_BULK = 200  # mentions decided at once (one page of the queue is 50)


@bp.post("/review/bulk")
def bulk() -> Any:
    """Accept or reject the chosen mentions: first a confirmation page naming them, then the decisions.

    Nothing changes until the person confirms on the second page; each mention is then
    decided on its own (and audited), so a failure part-way leaves the others decided.
    """
    action = request.form.get("action", "")
    if action not in ("accept", "reject"):
        abort(400)
    chosen = list(dict.fromkeys(m for m in request.form.getlist("mention") if m))[:MAX_BULK]
    if not chosen:
        flash(gettext("Choose at least one mention first."))
        return redirect(_back())
    store = current_store()
    if request.form.get("confirmed") != "yes":
        mentions = [store.get_mention(m) for m in chosen]
        return render_template("review_confirm.html", action=action, mentions=mentions, back=_back())
    status: MentionStatus = "accepted" if action == "accept" else "rejected"
    for mention_id in chosen:
        review_mention(store, mention_id, status)
    if action == "accept":
        flash(ngettext("%(num)s mention accepted.", "%(num)s mentions accepted.", len(chosen)))
    else:
        flash(ngettext("%(num)s mention rejected.", "%(num)s mentions rejected.", len(chosen)))
    return redirect(_back())


class _FormValues:
    """A mention flattened to the correction form's field names."""

    def __init__(self, mention: Mention) -> None:
        self.type = mention.type
        self.date = mention.date
        self.province = mention.place.province
        self.county_or_city = mention.place.county_or_city
        self.site = mention.place.site
        self.perpetrator = mention.perpetrator
        self.victims_count = mention.victims.count
        self.victims_description = mention.victims.description
        self.relation = mention.relation


def _text(value: object) -> str:
    return "" if value is None else str(value)


def _corrected(mention: Mention, form: MentionCorrectionForm) -> Mention:
    """The mention with every field the person changed set through ``desk.correct_field``.

    Why: the CLI's ``review mentions --correct FIELD`` and this form must accept and
    refuse the same values, so the rule for a field lives in the desk alone; a field left
    as it was is not passed again (an unchanged date keeps its stored precision).
    """
    before = _FormValues(mention)
    for field in CORRECTABLE:
        if not hasattr(form, field):
            continue
        value = _text(getattr(form, field).data)
        if value != _text(getattr(before, field)):
            mention = correct_field(mention, field, value)
    return mention


def _excerpts(store: Any, stored: StoredMention) -> list[tuple[str, list[Any]]]:
    """Each evidence span marked inside a little of the testimony text around it."""
    testimony_id = stored.mention.testimony
    if not testimony_id or not stored.mention.evidence:
        return []
    try:
        text = store.get_testimony(testimony_id).text
    except AccessDenied:  # readers may see mentions but not testimony text: spans only
        spans = stored.mention.evidence
        return [(span.field, cut(span.text, [Marked(0, len(span.text), span.field)])) for span in spans]
    out = []
    for span in stored.mention.evidence:
        low, high = max(0, span.start - CONTEXT_CHARS), min(len(text), span.end + CONTEXT_CHARS)
        pieces = cut(text[low:high], [Marked(span.start - low, span.end - low, span.field)])
        out.append((span.field, pieces))
    return out


def _back() -> str:
    """Back to the queue the action came from (same-site only)."""
    target = request.form.get("back") or ""
    if target.startswith("/") and not target.startswith("//"):
        return target
    return url_for("review.index")
