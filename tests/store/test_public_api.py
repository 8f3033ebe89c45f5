"""The store's public names: sorted, all importable, and the role check among them."""

from __future__ import annotations

import casework.store
from casework.model import ROLES
from casework.store import User, allowed
from casework.store.access import PERMISSIONS


def test_all_is_sorted_and_importable() -> None:
    assert list(casework.store.__all__) == sorted(casework.store.__all__)
    for name in casework.store.__all__:
        assert hasattr(casework.store, name), name


def test_allowed_answers_for_every_role_and_action() -> None:
    """User interfaces ask ``allowed`` instead of copying role lists (the web app's buttons)."""
    assert [r for r in ROLES if allowed(User("u", r), "mention.write")] == ["admin", "analyst"]
    assert [r for r in ROLES if allowed(User("u", r), "testimony.read")] == ["admin", "analyst", "source_handler"]
    assert all(allowed(User("u", "admin"), action) for action in PERMISSIONS)
    assert not any(allowed(User("u", "reader"), a) for a in ("testimony.read", "testimony.add", "identity.read"))
