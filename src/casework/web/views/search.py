"""Search and facets over the desk's testimonies, mentions and incidents.

The index is built from the analyst's unlocked store into this process's memory (never
to disk, see :mod:`casework.search.index`) in a background thread as soon as the
analyst's first page after login is served, kept on their web session, and rebuilt
when the store has changed: any change made through this app, or counts that moved
(another person working from the CLI).
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Flask, current_app, render_template, request
from flask_login import current_user

from casework.desk import SEARCH_FACETS as FACETS
from casework.desk import SEARCH_KINDS as KINDS
from casework.desk import SEARCH_SORTS as SORTS
from casework.desk import SearchQuery
from casework.web.auth import current_desk
from casework.web.search_state import stale, start_build

bp = Blueprint("search", __name__)
MAX_PAGE = 10_000


@bp.get("/search")
def index() -> Any:
    """The search form, its facets and one page of results (each linking to its evidence)."""
    desk = current_desk()
    state = start_build(current_app._get_current_object(), desk)  # type: ignore[attr-defined]
    query = _query()
    if state.index is None:
        return render_template("search.html", query=query, result=None, building=True, state=state), 200
    result = state.index.search(query)
    return render_template("search.html", query=query, result=result, building=False, state=state)


def _query() -> SearchQuery:
    size = int(current_app.config["CASEWORK_PAGE_SIZE"])
    page = max(1, min(request.args.get("page", type=int) or 1, MAX_PAGE))
    filters = {
        facet: frozenset(v for v in request.args.getlist(facet) if v) for facet in FACETS if request.args.getlist(facet)
    }
    sort = request.args.get("sort", "relevance")
    return SearchQuery(
        text=request.args.get("q", "")[:500],
        filters=filters,
        date_from=request.args.get("from") or None,
        date_to=request.args.get("to") or None,
        sort=sort if sort in SORTS else "relevance",
        descending=request.args.get("desc") == "1",
        limit=size,
        offset=(page - 1) * size,
    )


def install_search(app: Flask) -> None:
    """The search blueprint, and a background index build after each login's first page."""
    app.register_blueprint(bp)
    app.jinja_env.globals.update(SEARCH_FACETS=FACETS, SEARCH_KINDS=KINDS, SEARCH_SORTS=SORTS)

    @app.after_request
    def build_after_first_page(response: Any) -> Any:
        if request.method == "POST":
            stale(app)
        elif current_user.is_authenticated and request.endpoint not in (None, "static"):
            start_build(app, current_desk())
        return response
