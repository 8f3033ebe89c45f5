"""Who may do what: roles checked by the library itself, not just by a user interface.

Threat addressed: a curious or compromised account. Least privilege per role:

=============== ==========================================================================
admin           everything, including users, backup and the audit log
analyst         testimonies (list, read, add, correct), mentions, incidents, link review,
                settings, exports; sees source pseudonyms only, never identities
source_handler  sources and their identities, testimonies (list, read, add, correct)
reader          lists of testimonies (metadata only), mentions and incidents; cannot read
                testimony text, cannot add anything, cannot read identities
=============== ==========================================================================

Keys follow roles: only admins and source handlers receive a wrapped copy of the
identity key, so an analyst's passphrase cannot open the identity compartment even
with a patched copy of this module.
"""

from __future__ import annotations

from casework.errors import AccessDenied
from casework.model import ROLES
from casework.store.api import User

_ALL = frozenset(ROLES)
_DESK = frozenset({"admin", "analyst", "source_handler"})
_ANALYSIS = frozenset({"admin", "analyst"})
_HANDLERS = frozenset({"admin", "source_handler"})
_ADMIN = frozenset({"admin"})

PERMISSIONS: dict[str, frozenset[str]] = {
    "source.list": _ALL,
    "source.add": _HANDLERS,
    "identity.read": _HANDLERS,
    "identity.write": _HANDLERS,
    "identity.fingerprints": _ALL,
    "testimony.list": _ALL,
    "testimony.read": _DESK,
    "testimony.add": _DESK,
    "testimony.correct": _DESK,
    "testimony.set_list": _DESK,
    "mention.read": _ALL,
    "mention.write": _ANALYSIS,
    "incident.read": _ALL,
    "incident.write": _ANALYSIS,
    "link.read": _ANALYSIS,
    "link.write": _ANALYSIS,
    "setting.read": _ALL,
    "setting.write": _ANALYSIS,
    "secret_setting": _ADMIN,
    "export": _ANALYSIS,
    "backup": _ADMIN,
    "purge": _ADMIN,
    "user.add": _ADMIN,
    "user.list": _ADMIN,
    "audit.write": _ALL,
    "audit.read": _ADMIN,
    "audit.verify": _DESK,  # verifying opens the details and checks MACs: the audit key
}

IDENTITY_ROLES = _HANDLERS


def allowed(user: User, action: str) -> bool:
    """True when ``user``'s role permits ``action`` (a key of :data:`PERMISSIONS`)."""
    return user.role in PERMISSIONS[action]


def require(user: User, action: str) -> None:
    """Raise :class:`AccessDenied` unless the role permits ``action``."""
    if not allowed(user, action):
        raise AccessDenied(f"user '{user.username}' (role {user.role}) is not allowed: {action}")


def holds_identity_key(role: str) -> bool:
    return role in IDENTITY_ROLES
