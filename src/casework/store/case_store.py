"""The SQL implementation of :class:`casework.store.api.CaseStore`, assembled from its parts."""

from __future__ import annotations

from casework.store.accounts import AccountsMixin
from casework.store.review import ReviewMixin
from casework.store.sources import SourcesMixin
from casework.store.testimonies import TestimoniesMixin


class SqlCaseStore(SourcesMixin, TestimoniesMixin, ReviewMixin, AccountsMixin):
    """One unlocked store on SQLite or PostgreSQL, acting as one user; safe to share between threads."""
