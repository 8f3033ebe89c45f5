"""Incidents with their corroboration grades, and splitting a mention off an incident.

Splitting is recorded as link decisions, not by editing the stored incident: the
mention is marked "different incident" against every other mention of the cluster,
so the next linkage run (which replaces all incidents) keeps it apart for good.
"""

from __future__ import annotations

from functools import partial
from typing import Any

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import ngettext

from casework.desk import (
    count_reviewed_incidents,
    desk_review,
    incident_page,
    review_states,
    reviewed_incidents,
    split_confirmations,
    split_mention,
)
from casework.web.auth import current_store
from casework.web.paging import page_of

bp = Blueprint("incidents", __name__)

MAX_MENTIONS_SHOWN = 200
WHOLE_DESK_REVIEW_COUNT = 5000
"""Up to this many incidents the list's "x of y reviewed" counts the whole desk; beyond, the page shown."""


@bp.get("/incidents")
def index() -> Any:
    """All incidents, or with ``?reviewed=only`` those a person has fully reviewed (as ``--reviewed-only``).

    Either way only the page shown is read and decrypted, and its review states come
    from its own mentions' rows; the whole desk's "x of y reviewed" is the desk's kept
    summary (recomputed only after the store changed), counted while the desk is small
    enough for that recomputation to be cheap, or always when only reviewed incidents are asked for.
    """
    store = current_store()
    if request.args.get("reviewed") == "only":
        page = page_of(partial(reviewed_incidents, store), count=partial(count_reviewed_incidents, store))
        states = review_states(store, page.items)
        done = page.total or 0
        return render_template(
            "incidents.html", page=page, review=states, reviewed=done, total=desk_review(store).total, whole=True,
            only_reviewed=True,
        )
    page = page_of(store.list_incidents, count=getattr(store, "count_incidents", None))
    states = review_states(store, page.items)
    # The headline counts every incident while that is cheap; on a very large desk it counts the page
    # (reading every incident after each change would cost the list page its speed) and says so.
    whole = page.total is not None and page.total <= WHOLE_DESK_REVIEW_COUNT
    if whole:
        summary = desk_review(store)
        done, total = len(summary.reviewed), summary.total
    else:
        done, total = sum(s.reviewed for s in states.values()), len(states)
    return render_template(
        "incidents.html", page=page, review=states, reviewed=done, total=total, whole=whole, only_reviewed=False
    )


@bp.get("/incidents/<incident_id>")
def view(incident_id: str) -> Any:
    """The incident's record (fields as the exports settle them, review state, history) and its mentions."""
    shown = incident_page(current_store(), incident_id, limit=MAX_MENTIONS_SHOWN)
    return render_template(
        "incident.html",
        incident=shown.incident,
        record=shown.record,
        review=shown.review,
        history=shown.history,
        mentions=shown.mentions,
        more=shown.more,
    )


@bp.post("/incidents/<incident_id>/split/<mention_id>")
def split(incident_id: str, mention_id: str) -> Any:
    """Make one mention its own incident at the next linkage run, after the reviewer confirms.

    The first post shows what the split does, naming any "same incident" decision it
    would withdraw; the confirmation posts again with ``confirmed=yes``.
    """
    store = current_store()
    if request.form.get("confirmed") != "yes":
        confirmed = split_confirmations(store, incident_id, mention_id)
        return render_template(
            "split_confirm.html", incident_id=incident_id, mention_id=mention_id, confirmed=confirmed
        )
    others = split_mention(store, incident_id, mention_id, withdraw_confirmed=True)
    flash(
        ngettext(
            "%(id)s is marked as a different incident from the %(num)s other mention of %(incident)s; "
            "run linkage again to update the incidents.",
            "%(id)s is marked as a different incident from the %(num)s other mentions of %(incident)s; "
            "run linkage again to update the incidents.",
            len(others),
            id=mention_id,
            incident=incident_id,
        )
    )
    return redirect(url_for("incidents.view", incident_id=incident_id))
