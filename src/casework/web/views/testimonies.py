"""Testimonies: list (metadata only), add (upload or paste), view with evidence highlighted."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext, ngettext

from casework.desk import extract_testimony, list_names
from casework.errors import DuplicateError, InputError
from casework.web.auth import current_store
from casework.web.forms import TestimonyForm
from casework.web.highlight import Marked, cut, evidence_kind
from casework.web.paging import page_of

bp = Blueprint("testimonies", __name__)


@bp.get("/testimonies")
def index() -> Any:
    store = current_store()
    page = page_of(store.list_testimonies, count=getattr(store, "count_testimonies", None))
    return render_template("testimonies.html", page=page)


@bp.route("/testimonies/new", methods=["GET", "POST"])
def add() -> Any:
    """Add one testimony; a bad form or unreadable file shows the form again with why."""
    store = current_store()
    form = TestimonyForm()
    form.source.choices = [("", gettext("(choose)"))] + [(s.pseudonym, s.pseudonym) for s in store.list_sources()]
    form.list_name.choices = [("", gettext("(the store's default list)"))] + [(n, n) for n in list_names(store)]
    if not form.validate_on_submit():
        return render_template("testimony_add.html", form=form), 400 if request.method == "POST" else 200
    if form.upload.data and form.upload.data.filename:
        raw = form.upload.data.read()
        filename = _plain_filename(form.upload.data.filename)
    else:
        raw = form.text.data.replace("\r\n", "\n").encode("utf-8")
        filename = None
    try:
        result = store.add_testimony(
            raw,
            source=form.source.data,
            filename=filename,
            received=form.received.data,
            channel=form.channel.data or None,
            list_name=form.chosen_list,
        )
    except (InputError, DuplicateError) as err:
        form.form_errors.append(str(err))
        return render_template("testimony_add.html", form=form), 400
    if result.duplicate:
        flash(gettext("These exact bytes were already stored as %(id)s; nothing was added.", id=result.testimony_id))
    else:
        flash(gettext("Added %(id)s (SHA-256 %(hash)s…).", id=result.testimony_id, hash=result.sha256[:12]))
    return redirect(url_for("testimonies.view", testimony_id=result.testimony_id))


@bp.get("/testimonies/<testimony_id>")
def view(testimony_id: str) -> Any:
    """The text with the evidence spans of its (not rejected) mentions marked."""
    store = current_store()
    testimony = store.get_testimony(testimony_id)
    stored = [m for m in store.list_mentions(testimony_id=testimony_id) if m.status != "rejected"]
    marks = [
        Marked(
            span.start,
            span.end,
            f"{m.mention.mention_id or 'mention'} {m.mention.type}: {span.field}",
            evidence_kind(span.field),
        )
        for m in stored
        for span in m.mention.evidence
    ]
    return render_template(
        "testimony.html",
        testimony=testimony,
        mentions=stored,
        pieces=cut(testimony.text, marks),
    )


@bp.post("/testimonies/<testimony_id>/extract")
def extract(testimony_id: str) -> Any:
    """Run extraction on one testimony and queue its mentions for review as suggestions."""
    ids = extract_testimony(current_store(), testimony_id)
    if not ids:
        flash(gettext("Extraction found no incident in %(id)s.", id=testimony_id))
        return redirect(url_for("testimonies.view", testimony_id=testimony_id))
    flash(
        ngettext(
            "Extraction found %(num)s mention in %(id)s; it is listed below, waiting for review.",
            "Extraction found %(num)s mentions in %(id)s; they are listed below, waiting for review.",
            len(ids),
            id=testimony_id,
        )
    )
    return redirect(url_for("review.index", testimony=testimony_id))


def _plain_filename(name: str) -> str:
    """Only the last path component of an uploaded file's name."""
    return name.replace("\\", "/").rsplit("/", 1)[-1][:200]
