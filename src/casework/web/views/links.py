"""Link review: pairs of mentions the linkage model is unsure about, for a person to decide.

Running linkage (``casework.link.link_mentions``) over the mentions not rejected, with the
decisions already taken, replaces the stored incidents; the uncertain pairs of that
run are kept in the analyst's server-side session (ids and scores only) so the page
does not rerun the model on every request. A decision is saved at once
(``save_link_decision``) and used by the next run.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from flask import Blueprint, abort, current_app, flash, redirect, render_template, url_for

from casework.errors import NotFoundError
from casework.store.api import StoredMention
from casework.web.auth import current_desk
from casework.web.forms import LinkDecisionForm
from casework.web.paging import page_of
from casework.web.stages import available, stage_function

bp = Blueprint("links", __name__)

MODEL_SETTING = "link.model"  # the trained Splink model, shared with `casework link`


@dataclass(frozen=True)
class UncertainPair:
    mention_a: str
    mention_b: str
    probability: float | None


@bp.get("/links")
def index() -> Any:
    desk = current_desk()
    pairs: list[UncertainPair] = list(desk.linkage or [])
    page = page_of(lambda: pairs)
    shown = {m: _summary(desk.store, m) for p in page.items for m in (p.mention_a, p.mention_b)}
    decisions = desk.store.link_decisions()
    return render_template(
        "links.html",
        page=page,
        ran=desk.linkage is not None,
        shown=shown,
        decisions=decisions[-20:][::-1],
        decision_count=len(decisions),
        form=LinkDecisionForm(),
        can_link=available("casework.link", "link_mentions"),
    )


@bp.post("/links/run")
def run() -> Any:
    """Link the mentions not rejected (as ``casework link`` does), store the incidents, keep the uncertain pairs."""
    desk = current_desk()
    link_mentions = stage_function("casework.link", "link_mentions")
    store = desk.store
    mentions = [s.mention for s in store.list_mentions() if s.status != "rejected"]
    decisions = [(a, b, str(d)) for a, b, d in store.link_decisions()]
    saved = store.get_setting(MODEL_SETTING)
    linkage = link_mentions(mentions, decisions=decisions, model_json=saved)
    store.save_incidents(list(linkage.incidents))
    if linkage.model_json and linkage.model_json != saved:
        store.set_setting(MODEL_SETTING, linkage.model_json)
    low, high = current_app.config["CASEWORK_LINK_UNCERTAIN"]
    desk.linkage = [_pair(p) for p in linkage.uncertain_pairs(low, high)]
    store.audit("web.link_run", None, mentions=str(len(mentions)), uncertain_pairs=str(len(desk.linkage)))
    flash(
        f"Linked {len(mentions)} mentions into {len(linkage.incidents)} incidents; "
        f"{len(desk.linkage)} uncertain pair(s) to review."
    )
    return redirect(url_for("links.index"))


@bp.post("/links/decide")
def decide() -> Any:
    desk = current_desk()
    form = LinkDecisionForm()
    if not form.validate_on_submit():
        abort(400)  # hidden fields only: an invalid form was not sent by our page
    a, b, decision = form.mention_a.data, form.mention_b.data, form.decision.data
    desk.store.save_link_decision(a, b, decision)
    if desk.linkage:
        desk.linkage = [p for p in desk.linkage if {p.mention_a, p.mention_b} != {a, b}]
    flash(
        f"Saved: {a} and {b} are {'the same incident' if decision == 'confirm' else 'different incidents'}. "
        "Run linkage again to update the incidents."
    )
    return redirect(url_for("links.index"))


def _pair(pair: Any) -> UncertainPair:
    """Accept a pair as an object with attributes or as a (a, b, probability) tuple."""
    if isinstance(pair, tuple | list):
        a, b, *rest = pair
        return UncertainPair(str(a), str(b), float(rest[0]) if rest else None)
    a = getattr(pair, "mention_a", None) or getattr(pair, "left", None)
    b = getattr(pair, "mention_b", None) or getattr(pair, "right", None)
    probability = getattr(pair, "probability", None)
    if probability is None:
        probability = getattr(pair, "match_probability", None)
    return UncertainPair(str(a), str(b), float(probability) if probability is not None else None)


def _summary(store: Any, mention_id: str) -> StoredMention | None:
    try:
        return store.get_mention(mention_id)  # type: ignore[no-any-return]
    except NotFoundError:
        return None
