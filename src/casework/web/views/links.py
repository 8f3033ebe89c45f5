"""Link review: pairs of mentions the linkage model is unsure about, for a person to decide.

Running linkage (:func:`casework.desk.link_store`, as ``casework link`` does: saved
model, incremental when it can) replaces the stored incidents; the uncertain pairs
are kept in the analyst's server-side session (ids and scores only) so the page does
not rerun the model on every request. A decision is saved at once
(:func:`casework.desk.decide_link`, with the same rules as the CLI) and used by the
next run.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from flask import Blueprint, abort, current_app, flash, redirect, render_template, url_for
from flask_babel import gettext

from casework.desk import StoredMention, decide_link, explain_store_pair, link_conflicts, link_store, withdraw_link
from casework.errors import InputError, NotFoundError
from casework.web.auth import current_desk
from casework.web.forms import LinkDecisionForm
from casework.web.paging import page_of

bp = Blueprint("links", __name__)


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
    decisions = desk.store.link_decision_records()
    recent = sorted(decisions, key=lambda r: r.decided_on, reverse=True)[:20]
    return render_template(
        "links.html",
        page=page,
        ran=desk.linkage is not None,
        shown=shown,
        decisions=recent,
        decision_count=len(decisions),
        conflicts=link_conflicts(desk.store),
        form=LinkDecisionForm(),
    )


@bp.get("/links/pair/<mention_a>/<mention_b>")
def pair(mention_a: str, mention_b: str) -> Any:
    """One pair side by side: each mention's evidence, and the match weights behind the model's score.

    The explanation is the one ``casework link --explain`` prints (same desk function),
    so the page and the command line cannot tell a reviewer two different stories.
    """
    desk = current_desk()
    store = desk.store
    decided = [r for r in store.link_decision_records() if {r.mention_a, r.mention_b} == {mention_a, mention_b}]
    sides = [_summary(store, mention_a), _summary(store, mention_b)]
    if None in sides:
        abort(404)
    explanation = explain_store_pair(store, mention_a, mention_b)
    return render_template("link_pair.html", a=sides[0], b=sides[1], explanation=explanation,
                           decided=decided[0] if decided else None, form=LinkDecisionForm())


@bp.post("/links/withdraw")
def withdraw() -> Any:
    """Take back a decision; the model decides that pair again at the next run."""
    desk = current_desk()
    form = LinkDecisionForm()
    if not form.validate_on_submit():
        abort(400)
    a, b = form.mention_a.data, form.mention_b.data
    try:
        withdraw_link(desk.store, a, b)
    except InputError as err:
        flash(gettext("Not saved: %(why)s", why=str(err)))
        return redirect(url_for("links.index"))
    flash(gettext("Withdrawn: the decision on %(a)s and %(b)s. Run linkage again to update the incidents.", a=a, b=b))
    return redirect(url_for("links.index"))


@bp.post("/links/run")
def run() -> Any:
    """Link the mentions not rejected (as ``casework link`` does), store the incidents, keep the uncertain pairs."""
    desk = current_desk()
    run_ = link_store(desk.store, via="web")
    low, high = current_app.config["CASEWORK_LINK_UNCERTAIN"]
    desk.linkage = [_pair(p) for p in run_.linkage.uncertain_pairs(low, high)]
    flash(
        gettext(
            "Linked %(mentions)s mentions into %(incidents)s incidents; %(pairs)s uncertain pair(s) to review.",
            mentions=run_.mentions,
            incidents=len(run_.incidents),
            pairs=len(desk.linkage),
        )
    )
    return redirect(url_for("links.index"))


@bp.post("/links/decide")
def decide() -> Any:
    desk = current_desk()
    form = LinkDecisionForm()
    if not form.validate_on_submit():
        abort(400)  # hidden fields only: an invalid form was not sent by our page
    a, b, decision = form.mention_a.data, form.mention_b.data, form.decision.data
    try:
        decide_link(desk.store, a, b, decision)
    except InputError as err:
        flash(gettext("Not saved: %(why)s", why=str(err)))
        return redirect(url_for("links.index"))
    if desk.linkage:
        desk.linkage = [p for p in desk.linkage if {p.mention_a, p.mention_b} != {a, b}]
    if decision == "confirm":
        flash(
            gettext(
                "Saved: %(a)s and %(b)s are the same incident. Run linkage again to update the incidents.", a=a, b=b
            )
        )
    else:
        flash(
            gettext(
                "Saved: %(a)s and %(b)s are different incidents. Run linkage again to update the incidents.", a=a, b=b
            )
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
