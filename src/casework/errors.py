"""One exception tree for the whole of Casework.

Every error a user can cause is a :class:`CaseworkError`; the CLI turns it into one
line on stderr and exit status 2, the web app into one JSON/HTML error shape.
Messages name files, fields, line numbers and ids, never testimony content or
source identities, because error text ends up in terminals, logs and screenshots.

::

    CaseworkError                   catch to report any user-facing failure
    ├── InputError                  bad file, header, date, channel, CSV or JSON line
    ├── StoreError                  the store cannot be used as asked
    │   ├── NotAStoreError          the file/database is not a Casework store
    │   ├── StoreCorruptError       the database or a ciphertext fails integrity checks
    │   ├── StoreLockedError        the store is locked by another writer
    │   ├── NotFoundError           an id that does not exist
    │   └── DuplicateError          the same bytes/name were already stored
    ├── AuthError                   wrong user or passphrase (never says which)
    ├── AccessDenied                the user's role does not allow the action
    ├── AuditChainBroken            the hash chain of the audit log is broken
    ├── LinkageError                linkage cannot run on the given mentions
    ├── EstimationError             a multiple systems estimate cannot be identified
    └── PublicationRefused          a draft or export is high risk and not accepted
"""

from __future__ import annotations


class CaseworkError(Exception):
    """Base of every error a user can cause; safe to show as one line."""


class InputError(CaseworkError):
    """Input that cannot be read as asked: names the file, line or field."""


class StoreError(CaseworkError):
    """The store cannot be used as asked."""


class NotAStoreError(StoreError):
    """The path or URL does not hold a Casework store."""


class StoreCorruptError(StoreError):
    """The database or an encrypted value fails its integrity check."""


class StoreLockedError(StoreError):
    """Another process holds the store's write lock."""


class NotFoundError(StoreError):
    """An id (testimony, mention, incident, source, user) that does not exist."""


class DuplicateError(StoreError):
    """The same content or name is already in the store."""


class AuthError(CaseworkError):
    """Wrong username or passphrase; deliberately does not say which."""


class AccessDenied(CaseworkError):
    """The current user's role does not permit the action."""


class AuditChainBroken(CaseworkError):
    """The audit log's hash chain is broken; carries the first bad event id."""

    def __init__(self, message: str, event_id: int | None = None) -> None:
        super().__init__(message)
        self.event_id = event_id


class LinkageError(CaseworkError):
    """Linkage cannot run on the given mentions."""


class EstimationError(CaseworkError):
    """A capture-recapture estimate cannot be identified from the data given."""


class PublicationRefused(CaseworkError):
    """Something high-risk would be published and the risk was not accepted."""
