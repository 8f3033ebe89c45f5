"""The store's public interface: what every other stage may call.

This file is the contract between ``store`` and the stages that use it (CLI, link,
estimate, publish, report, web). ``casework.store`` implements it; other packages
import only the names in ``casework.store.__all__``.

Every method runs in its own transaction, so one :class:`CaseStore` may be shared by
the threads of the web app. Reads of testimony text and source identities, and every
change, are written to the hash-chained audit log by the store itself.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Literal, Protocol

from casework.errors import CaseworkError
from casework.model import Incident, Mention, Source, SourceIdentity, Testimony

MentionStatus = Literal["suggested", "accepted", "rejected", "retired"]  # retired: its testimony was corrected
MentionOrder = Literal["testimony", "confidence"]  # how a list of mentions is sorted (then testimony order)
LinkDecision = Literal["confirm", "reject"]


@dataclass(frozen=True)
class User:
    username: str
    role: str  # one of casework.model.ROLES


@dataclass(frozen=True)
class KdfParams:
    """Argon2id cost; stored with each wrapped key so it can be tuned later."""

    ops: int = 3
    mem_bytes: int = 64 * 1024 * 1024


FAST_TEST_KDF = KdfParams(ops=1, mem_bytes=8 * 1024)  # tests only: deliberately weak


@dataclass(frozen=True)
class AddResult:
    testimony_id: str  # e.g. "T-0007"
    sha256: str
    duplicate: bool  # True: the same bytes were already stored; nothing was added


@dataclass(frozen=True)
class TestimonyInput:
    """One testimony of a batch (:meth:`CaseStore.add_testimonies`): the bytes and ``add_testimony``'s options."""

    raw: bytes
    source: str | None = None
    filename: str | None = None
    received: date | None = None
    channel: str | None = None
    language: str | None = None
    list_name: str | None = None
    outlet: str | None = None
    url: str | None = None
    published: str | None = None
    original: bytes | None = None


@dataclass(frozen=True)
class TestimonyInfo:
    """Metadata of a testimony, without its text (listing does not decrypt)."""

    testimony_id: str
    source: str
    sha256: str  # "" for roles that hold no text key (readers)
    received: date | None
    channel: str | None
    language: str | None
    list_name: str | None
    filename: str | None
    version: int
    supersedes: str | None
    added_at: datetime
    extracted: bool
    published: str | None = None  # a published report's date (YYYY-MM-DD or YYYY-MM)
    url: str | None = None  # a published report's address
    depends_on: str | None = None  # the outlet (source pseudonym) a re-report credits
    superseded_by: str | None = None  # the correction that replaced this version (None: current)


@dataclass(frozen=True)
class Outlet:
    """A news outlet as a source: its pseudonym and its (public) name."""

    pseudonym: str
    name: str


@dataclass(frozen=True)
class StoredMention:
    mention: Mention  # with mention_id, testimony and source filled in
    status: MentionStatus
    confidence: int | None = None  # 0-100, how much the extractor read from the text (None: not scored yet)


@dataclass(frozen=True)
class LinkDecisionRecord:
    """A reviewer's link decision with who made it and on which day (pair in id order)."""

    mention_a: str
    mention_b: str
    decision: LinkDecision
    decided_by: str
    decided_on: str


IncidentEventKind = Literal["created", "changed", "merged", "split", "retired"]


@dataclass(frozen=True)
class IncidentEvent:
    """One change of an incident id: what happened, to which id, and (once stored) who, how and when.

    ``other_id`` is the incident a merge went into (``merged``) or a split came from
    (``split``); ``mentions`` is how many mentions the incident held afterwards.
    """

    incident_id: str
    event: IncidentEventKind
    other_id: str | None = None
    mentions: int | None = None
    via: str = "run"  # "run" (a linkage run) or "review" (a reviewer's decision)
    by_user: str = ""
    on_day: str = ""


@dataclass(frozen=True)
class AuditReport:
    events: int
    ok: bool
    first_broken: int | None = None  # event id of the first broken link
    message: str = ""


@dataclass(frozen=True)
class AuditEvent:
    event_id: int
    at: datetime
    username: str
    action: str
    target: str | None
    details: dict[str, str] = field(default_factory=dict)


class IdentityFingerprints(Protocol):
    """Keyed fingerprints of the identity compartment's phrases (see casework.store.fingerprints).

    ``lookup`` answers whether a phrase (a name, a given name, a non-numeric contact)
    is recorded for some source, and of which kind; ``lookup_number`` does the same
    for the last eight digits of a phone number. Neither reveals anything else.
    """

    def lookup(self, phrase: str) -> str | None: ...
    def lookup_number(self, number: str) -> str | None: ...
    def __len__(self) -> int: ...


class CaseStore(Protocol):
    """An unlocked store acting as one user; roles are enforced in every method."""

    url: str
    user: User

    # sources -------------------------------------------------------------
    def add_source(self, pseudonym: str, identity: SourceIdentity | None = None) -> Source: ...
    def list_sources(self) -> list[Source]: ...
    def get_source_identity(self, pseudonym: str) -> SourceIdentity: ...  # admin, source_handler
    def list_source_identities(self) -> list[SourceIdentity]: ...  # admin, source_handler
    def set_source_identity(self, identity: SourceIdentity) -> None: ...  # admin, source_handler
    def identity_fingerprints(self) -> IdentityFingerprints: ...  # every role: test phrases, read nothing
    def outlet_source(self, name: str) -> str: ...  # the outlet's pseudonym, created on first use
    def list_outlets(self) -> list[Outlet]: ...
    def outlet_pseudonyms(self) -> frozenset[str]: ...

    # testimonies ---------------------------------------------------------
    def add_testimony(
        self,
        raw: bytes,
        *,
        source: str | None = None,  # required unless the material is a published report (outlet)
        filename: str | None = None,
        received: date | None = None,
        channel: str | None = None,
        language: str | None = None,
        list_name: str | None = None,
        outlet: str | None = None,
        url: str | None = None,
        published: str | None = None,
        original: bytes | None = None,  # a DOCX/PDF transcript as received; ``raw`` is its text
    ) -> AddResult: ...
    def add_testimonies(self, items: Sequence[TestimonyInput]) -> list[AddResult | CaseworkError]: ...  # one commit
    def get_testimony_original(self, testimony_id: str) -> bytes | None: ...  # audited like a read
    def correct_testimony(self, testimony_id: str, raw: bytes) -> AddResult: ...
    def list_testimonies(self, *, limit: int | None = None, offset: int = 0) -> list[TestimonyInfo]: ...
    def count_testimonies(self) -> int: ...
    def get_testimony(self, testimony_id: str) -> Testimony: ...
    def set_testimony_list(self, testimony_id: str, list_name: str) -> None: ...

    # mentions (machine suggestions awaiting review) ----------------------
    def save_mentions(
        self,
        testimony_id: str,
        mentions: Sequence[Mention],
        *,
        status: MentionStatus = "suggested",
        replace_suggested: bool = False,  # True: drop this testimony's unreviewed suggestions first
        confidence: Sequence[int | None] | None = None,  # one score per mention (casework.extract.confidence)
    ) -> list[str]: ...
    def list_mentions(
        self,
        *,
        status: MentionStatus | None = None,
        testimony_id: str | None = None,
        limit: int | None = None,
        offset: int = 0,
        sort: MentionOrder = "testimony",
        descending: bool = False,
        unscored: bool = False,  # only mentions with no confidence yet
    ) -> list[StoredMention]: ...
    def count_mentions(self, *, status: MentionStatus | None = None, testimony_id: str | None = None) -> int: ...
    def set_confidence(self, scores: Mapping[str, int]) -> None: ...  # mention id -> 0-100
    def get_mention(self, mention_id: str) -> StoredMention: ...
    def get_mentions(self, mention_ids: Sequence[str]) -> list[StoredMention]: ...  # in order; unknown ids left out
    def mention_statuses(self, mention_ids: Sequence[str]) -> dict[str, MentionStatus]: ...  # no decryption
    def mention_ids(self, *, status: MentionStatus) -> set[str]: ...  # no decryption
    def review_mention(self, mention_id: str, *, status: MentionStatus, corrected: Mention | None = None) -> None: ...

    # incidents and link review -------------------------------------------
    def save_incidents(
        self, incidents: Sequence[Incident], *, history: Sequence[IncidentEvent] = (), via: str = "run"
    ) -> None: ...  # replaces all incidents, appends their history in the same transaction
    def incident_history(self, incident_id: str | None = None) -> list[IncidentEvent]: ...  # oldest first
    def list_incidents(self, *, limit: int | None = None, offset: int = 0) -> list[Incident]: ...
    def count_incidents(self) -> int: ...
    def get_incident(self, incident_id: str) -> Incident: ...
    def get_incidents(self, incident_ids: Sequence[str]) -> list[Incident]: ...  # in order; unknown ids left out
    def review_version(self) -> str: ...  # changes with every write (audit chain head)
    def save_link_decision(self, mention_a: str, mention_b: str, decision: LinkDecision) -> None: ...
    def link_decisions(self) -> list[tuple[str, str, LinkDecision]]: ...
    def link_decision_records(self) -> list[LinkDecisionRecord]: ...  # with who and when
    def confirmed_links(self) -> list[tuple[str, str]]: ...  # "same incident" pairs, for every role
    def confirmed_links_among(self, mention_ids: Sequence[str]) -> list[tuple[str, str]]: ...  # touching those ids
    def withdraw_link_decision(self, mention_a: str, mention_b: str) -> LinkDecisionRecord: ...  # NotFoundError

    # settings (e.g. the trained linkage model, the default list) --------
    def get_setting(self, key: str) -> str | None: ...
    def set_setting(self, key: str, value: str) -> None: ...

    # users -----------------------------------------------------------------
    def add_user(self, username: str, passphrase: str, role: str) -> User: ...  # admin only
    def list_users(self) -> list[User]: ...  # admin only
    def change_passphrase(self, new_passphrase: str) -> None: ...  # the current user's own
    def set_user_passphrase(self, username: str, passphrase: str) -> None: ...  # admin only
    def remove_user(self, username: str, *, rekey: bool = False) -> None: ...  # admin; rekey for key holders
    def rekey(self) -> int: ...  # admin: new keys, everything re-encrypted, old wraps retired; the new epoch
    def purge_testimony(self, testimony_id: str) -> tuple[int, int]: ...  # admin: (versions, mentions) erased
    def purge_source(self, pseudonym: str) -> tuple[int, int]: ...  # admin: (testimonies, mentions) erased
    def totp_secret(self) -> str | None: ...  # the current user's second factor, if enrolled
    def set_totp_secret(self, secret: str | None) -> None: ...
    @property
    def second_factor_required(self) -> bool: ...  # the store requires TOTP of this user's role
    def verify_second_factor(self, code: str) -> bool: ...

    # audit -------------------------------------------------------------------
    def audit(self, action: str, target: str | None = None, **details: str) -> None: ...
    def audit_events(self, limit: int = 100) -> list[AuditEvent]: ...
    def verify_audit(self) -> AuditReport: ...
    def find_audit_anchor(self, digest: str) -> int | None: ...  # event id of an earlier head hash
    def write_audit_anchor(self, path: str | Path) -> int: ...  # the head, to keep elsewhere
    def check_audit_anchor(self, path: str | Path) -> int: ...  # AuditChainBroken on truncation/rewrite

    def close(self) -> None: ...


# Module-level entry points, implemented in casework.store:
#   init_store(url, admin_username, passphrase, *, kdf=None, default_list="desk") -> None
#   open_store(url, username, passphrase) -> CaseStore        (AuthError on any failure)
#   backup_store(store, path) -> rows / restore_store(url, path, passphrase, *, username=None) -> rows
# Passphrases: zxcvbn >= 60 bits (casework.store.policy). Roles (casework.store.access): admin all;
# analyst testimonies/mentions/incidents/links/settings, no identities; source_handler
# sources + identities + testimonies; reader lists testimonies (no text), reads
# mentions and incidents, changes nothing.
