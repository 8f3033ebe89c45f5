"""Machine output awaiting people: mentions with their review status, incidents, link decisions.

Mention payloads quote the testimony (evidence spans) and carry free-text victim
descriptions, so the whole payload is sealed; ids and review status stay plain so
that queues can be listed without decrypting anything.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any, get_args

import sqlalchemy as sa
from sqlalchemy import Select

from casework.errors import InputError, NotFoundError
from casework.model import INCIDENT_TYPES, Incident, Mention, replace
from casework.store import crypto
from casework.store.api import (
    IncidentEvent,
    LinkDecision,
    LinkDecisionRecord,
    MentionOrder,
    MentionStatus,
    StoredMention,
)
from casework.store.base import StoreBase
from casework.store.schema import audit_events, incident_history, link_decisions, testimonies, today_iso
from casework.store.schema import incidents as incident_rows
from casework.store.schema import mentions as mention_rows
from casework.store.testimonies import testimony_seq

STATUSES: tuple[str, ...] = get_args(MentionStatus)
DECISIONS: tuple[str, ...] = get_args(LinkDecision)
ID_CHUNK = 500
"""Ids per ``IN (...)`` list: far below SQLite's and PostgreSQL's limits on bound parameters."""


def _chunks(ids: Sequence[str]) -> list[list[str]]:
    unique = list(dict.fromkeys(ids))
    return [unique[i : i + ID_CHUNK] for i in range(0, len(unique), ID_CHUNK)]


def _mention_where(mention_id: str) -> str:
    return f"mentions/{mention_id}/payload"


def _evidence_where(mention_id: str) -> str:
    return f"mentions/{mention_id}/evidence"


def _incident_where(incident_id: str) -> str:
    return f"incidents/{incident_id}/payload"


def _mention_filter(query: Select[Any], status: str | None, testimony_id: str | None) -> Select[Any]:
    if status is not None:
        _check_status(status)
        query = query.where(mention_rows.c.status == status)
    if testimony_id is not None:
        query = query.where(mention_rows.c.testimony_id == testimony_id)
    return query


def _mention_order(sort: str, descending: bool) -> list[Any]:
    """ORDER BY for a list of mentions; unscored mentions sort as the lowest on every backend."""
    seq, n = mention_rows.c.testimony_seq, mention_rows.c.n
    if sort == "testimony":
        return [seq.desc(), n.desc()] if descending else [seq, n]
    if sort == "confidence":
        score = mention_rows.c.confidence
        if descending:
            return [score.desc().nulls_last(), seq.desc(), n.desc()]
        return [score.asc().nulls_first(), seq, n]
    raise InputError(f"mention order: expected one of {', '.join(get_args(MentionOrder))}")


def _check_score(score: int | None, where: str) -> None:
    if score is not None and (isinstance(score, bool) or not isinstance(score, int) or not 0 <= score <= 100):
        raise InputError(f"{where}: confidence must be a whole number from 0 to 100")


def _check_status(status: str) -> None:
    if status not in STATUSES:
        raise InputError(f"mention status: expected one of {', '.join(STATUSES)}")


def _check_type(mention: Mention, where: str) -> None:
    if mention.type not in INCIDENT_TYPES:
        raise InputError(f"{where}: field 'type': not an incident type")


class ReviewMixin(StoreBase):
    # mentions -------------------------------------------------------------------
    def save_mentions(
        self,
        testimony_id: str,
        mentions: Sequence[Mention],
        *,
        status: MentionStatus = "suggested",
        replace_suggested: bool = False,
        confidence: Sequence[int | None] | None = None,
    ) -> list[str]:
        """Store mentions of one testimony; ids are ``<testimony>-<n>`` and never reused.

        ``replace_suggested=True`` first drops that testimony's unreviewed
        suggestions (re-running extraction); accepted and rejected mentions stay.
        ``confidence`` gives each mention's score (0-100), computed by the desk.
        """
        self._require("mention.write")
        _check_status(status)
        scores = list(confidence) if confidence is not None else [None] * len(mentions)
        if len(scores) != len(mentions):
            raise InputError(f"{testimony_id}: {len(scores)} confidence scores for {len(mentions)} mentions")
        for score in scores:
            _check_score(score, testimony_id)
        for number, mention in enumerate(mentions, start=1):
            _check_type(mention, f"{testimony_id} mention {number}")
        with self._write() as conn:
            seq = testimony_seq(testimony_id)
            row = conn.execute(
                sa.select(
                    testimonies.c.testimony_id,
                    testimonies.c.meta_ct,
                    testimonies.c.mention_seq,
                    testimonies.c.depends_on,
                    testimonies.c.superseded_by,
                ).where(
                    testimonies.c.seq == seq
                )
            ).first()
            if row is None:
                raise NotFoundError(f"no testimony {testimony_id}")
            if row.superseded_by is not None:
                raise InputError(f"{testimony_id} was corrected by {row.superseded_by}; extract that version")
            source = str(json.loads(self._unseal(f"testimonies/{testimony_id}/meta", row.meta_ct))["source"])
            if replace_suggested:
                conn.execute(
                    mention_rows.delete().where(
                        mention_rows.c.testimony_id == testimony_id, mention_rows.c.status == "suggested"
                    )
                )
            n = int(row.mention_seq)
            ids: list[str] = []
            for mention, score in zip(mentions, scores, strict=True):
                n += 1
                mention_id = f"{testimony_id}-{n}"
                stored = replace(
                    mention,
                    mention_id=mention_id,
                    testimony=testimony_id,
                    source=source,
                    depends_on=mention.depends_on or row.depends_on,  # a re-report retells its outlet's story
                )
                conn.execute(
                    mention_rows.insert().values(
                        mention_id=mention_id,
                        testimony_id=testimony_id,
                        testimony_seq=seq,
                        n=n,
                        status=status,
                        **self._sealed_mention(mention_id, stored),
                        updated_on=today_iso(),
                        confidence=score,
                    )
                )
                ids.append(mention_id)
            conn.execute(testimonies.update().where(testimonies.c.seq == seq).values(mention_seq=n))
            self._audit(conn, "mention.save", testimony_id, count=str(len(ids)), status=status)
        return ids

    def list_mentions(
        self,
        *,
        status: MentionStatus | None = None,
        testimony_id: str | None = None,
        limit: int | None = None,
        offset: int = 0,
        sort: MentionOrder = "testimony",
        descending: bool = False,
        unscored: bool = False,
    ) -> list[StoredMention]:
        """Mentions in testimony order (or by confidence), optionally one status or testimony, optionally one page.

        By confidence, mentions not scored yet come first lowest-first and last highest-first
        (they are read as the lowest); ties keep testimony order in the same direction, so
        that one index (status, confidence, testimony order) gives every page without a sort.
        """
        self._require("mention.read")
        query = _mention_filter(
            sa.select(
                mention_rows.c.mention_id,
                mention_rows.c.status,
                mention_rows.c.payload_ct,
                mention_rows.c.evidence_ct,
                mention_rows.c.confidence,
            ),
            status,
            testimony_id,
        )
        if unscored:
            query = query.where(mention_rows.c.confidence.is_(None))
        query = query.order_by(*_mention_order(sort, descending)).offset(offset).limit(limit)
        with self._read() as conn:
            rows = conn.execute(query).all()
        return [
            self._stored_mention(row.mention_id, row.status, row.payload_ct, row.evidence_ct, row.confidence)
            for row in rows
        ]

    def set_confidence(self, scores: Mapping[str, int]) -> None:
        """Store confidence scores computed later than extraction (mentions stored before scores existed)."""
        self._require("mention.write")
        for mention_id, score in scores.items():
            _check_score(score, mention_id)
        if not scores:
            return
        with self._write() as conn:
            for mention_id, score in scores.items():
                conn.execute(
                    mention_rows.update().where(mention_rows.c.mention_id == mention_id).values(confidence=score)
                )
            self._audit(conn, "mention.score", None, count=str(len(scores)))

    def get_mentions(self, mention_ids: Sequence[str]) -> list[StoredMention]:
        """The stored mentions among ``mention_ids``, in that order; ids not in the store are left out.

        One statement per few hundred ids, where a page of an incident would otherwise
        ask once per mention.
        """
        self._require("mention.read")
        rows: dict[str, Any] = {}
        with self._read() as conn:
            for chunk in _chunks(mention_ids):
                query = sa.select(
                    mention_rows.c.mention_id,
                    mention_rows.c.status,
                    mention_rows.c.payload_ct,
                    mention_rows.c.evidence_ct,
                    mention_rows.c.confidence,
                ).where(mention_rows.c.mention_id.in_(chunk))
                rows.update((row.mention_id, row) for row in conn.execute(query))
        return [
            self._stored_mention(m, rows[m].status, rows[m].payload_ct, rows[m].evidence_ct, rows[m].confidence)
            for m in dict.fromkeys(mention_ids)
            if m in rows
        ]

    def mention_statuses(self, mention_ids: Sequence[str]) -> dict[str, MentionStatus]:
        """mention id -> review status for the given ids (plain columns only, nothing decrypted).

        Why: an incident's review state needs the status of its own mentions only, so a
        page of incidents reads a few hundred rows, not the whole desk's.
        """
        self._require("mention.read")
        out: dict[str, MentionStatus] = {}
        with self._read() as conn:
            for chunk in _chunks(mention_ids):
                query = sa.select(mention_rows.c.mention_id, mention_rows.c.status).where(
                    mention_rows.c.mention_id.in_(chunk)
                )
                out.update((row.mention_id, row.status) for row in conn.execute(query))
        return out

    def mention_ids(self, *, status: MentionStatus) -> set[str]:
        """Ids of the mentions with one status (nothing decrypted: review state counts them)."""
        self._require("mention.read")
        _check_status(status)
        with self._read() as conn:
            return set(conn.execute(sa.select(mention_rows.c.mention_id).where(mention_rows.c.status == status))
                       .scalars())

    def count_mentions(self, *, status: MentionStatus | None = None, testimony_id: str | None = None) -> int:
        self._require("mention.read")
        query = _mention_filter(sa.select(sa.func.count()).select_from(mention_rows), status, testimony_id)
        with self._read() as conn:
            return int(conn.execute(query).scalar_one())

    def get_mention(self, mention_id: str) -> StoredMention:
        self._require("mention.read")
        with self._read() as conn:
            row = conn.execute(
                sa.select(
                    mention_rows.c.status,
                    mention_rows.c.payload_ct,
                    mention_rows.c.evidence_ct,
                    mention_rows.c.confidence,
                ).where(mention_rows.c.mention_id == mention_id)
            ).first()
        if row is None:
            raise NotFoundError(f"no mention {mention_id}")
        return self._stored_mention(mention_id, row.status, row.payload_ct, row.evidence_ct, row.confidence)

    def _sealed_mention(self, mention_id: str, mention: Mention) -> dict[str, bytes | None]:
        """The record fields under the records key; the evidence spans, which quote the text, under the text key."""
        payload = mention.to_json()
        evidence = payload.pop("evidence")
        return {
            "payload_ct": self._seal(_mention_where(mention_id), json.dumps(payload)),
            "evidence_ct": crypto.seal_text(self._key("text"), json.dumps(evidence), _evidence_where(mention_id))
            if evidence
            else None,
        }

    def _stored_mention(
        self, mention_id: str, status: str, sealed: bytes, evidence: bytes | None, confidence: int | None = None
    ) -> StoredMention:
        """The mention as this role may see it: without evidence spans for roles that hold no text key."""
        payload = json.loads(self._unseal(_mention_where(mention_id), sealed))
        text_key = self._keys.get("text")
        if evidence is not None and text_key is not None:
            payload["evidence"] = json.loads(crypto.unseal_text(text_key, evidence, _evidence_where(mention_id)))
        return StoredMention(Mention.from_json(payload), status, confidence)  # type: ignore[arg-type]

    def review_mention(self, mention_id: str, *, status: MentionStatus, corrected: Mention | None = None) -> None:
        """A person's decision on a suggestion, optionally with corrected fields."""
        self._require("mention.write")
        _check_status(status)
        with self._write() as conn:
            row = conn.execute(sa.select(mention_rows).where(mention_rows.c.mention_id == mention_id)).first()
            if row is None:
                raise NotFoundError(f"no mention {mention_id}")
            if row.status == "retired" or status == "retired":
                raise InputError(f"mention {mention_id}: its testimony was corrected; review the current version's")
            values: dict[str, Any] = {"status": status, "updated_on": today_iso()}
            if corrected is not None:
                _check_type(corrected, mention_id)
                old = Mention.from_json(json.loads(self._unseal(_mention_where(mention_id), row.payload_ct)))
                stored = replace(corrected, mention_id=mention_id, testimony=old.testimony, source=old.source)
                values.update(self._sealed_mention(mention_id, stored))
            conn.execute(mention_rows.update().where(mention_rows.c.mention_id == mention_id).values(**values))
            self._audit(
                conn, "mention.review", mention_id, status=status, corrected="yes" if corrected is not None else "no"
            )

    # incidents --------------------------------------------------------------------
    def save_incidents(
        self, incidents: Sequence[Incident], *, history: Sequence[IncidentEvent] = (), via: str = "run"
    ) -> None:
        """Replace all incidents with the output of the latest run and append its history, atomically.

        The incidents and the record of how their ids changed are one fact: a
        reader never sees new incidents without the merges and splits that explain them.
        """
        self._require("incident.write")
        with self._write() as conn:
            conn.execute(incident_rows.delete())
            if history:
                last = conn.execute(sa.select(sa.func.max(incident_history.c.event_id))).scalar_one()
                first = int(last or 0) + 1
                day = today_iso()
                conn.execute(
                    incident_history.insert(),
                    [
                        {
                            "event_id": first + n,
                            "incident_id": e.incident_id,
                            "event": e.event,
                            "other_id": e.other_id,
                            "mentions": e.mentions,
                            "via": via,
                            "by_user": self.user.username,
                            "on_day": day,
                        }
                        for n, e in enumerate(history)
                    ],
                )
            for position, incident in enumerate(incidents):
                payload = {
                    "incident_id": incident.incident_id,
                    "mentions": list(incident.mentions),
                    "grade": incident.grade,
                    "sources": list(incident.sources),
                    "independent_sources": incident.independent_sources,
                    "first_hand": incident.first_hand,
                    "flags": list(incident.flags),
                }
                conn.execute(
                    incident_rows.insert().values(
                        incident_id=incident.incident_id,
                        position=position,
                        payload_ct=self._seal(_incident_where(incident.incident_id), json.dumps(payload)),
                    )
                )
            self._audit(conn, "incident.save", None, count=str(len(incidents)))

    def incident_history(self, incident_id: str | None = None) -> list[IncidentEvent]:
        """Changes of incident ids, oldest first: every id's, or one id's and those naming it as ``other_id``."""
        self._require("incident.read")
        query = sa.select(incident_history).order_by(incident_history.c.event_id)
        if incident_id is not None:
            query = query.where(
                (incident_history.c.incident_id == incident_id) | (incident_history.c.other_id == incident_id)
            )
        with self._read() as conn:
            rows = conn.execute(query).all()
        return [
            IncidentEvent(r.incident_id, r.event, r.other_id, r.mentions, r.via, r.by_user, r.on_day) for r in rows
        ]

    def list_incidents(self, *, limit: int | None = None, offset: int = 0) -> list[Incident]:
        """Incidents in the order they were saved, optionally one page."""
        self._require("incident.read")
        query = sa.select(incident_rows).order_by(incident_rows.c.position).offset(offset).limit(limit)
        with self._read() as conn:
            rows = conn.execute(query).all()
        return [self._incident(row.incident_id, row.payload_ct) for row in rows]

    def count_incidents(self) -> int:
        self._require("incident.read")
        with self._read() as conn:
            return int(conn.execute(sa.select(sa.func.count()).select_from(incident_rows)).scalar_one())

    def get_incident(self, incident_id: str) -> Incident:
        self._require("incident.read")
        with self._read() as conn:
            row = conn.execute(sa.select(incident_rows).where(incident_rows.c.incident_id == incident_id)).first()
        if row is None:
            raise NotFoundError(f"no incident {incident_id}")
        return self._incident(incident_id, row.payload_ct)

    def get_incidents(self, incident_ids: Sequence[str]) -> list[Incident]:
        """The incidents among ``incident_ids``, in that order; ids not in the store are left out."""
        self._require("incident.read")
        sealed: dict[str, bytes] = {}
        with self._read() as conn:
            for chunk in _chunks(incident_ids):
                query = sa.select(incident_rows.c.incident_id, incident_rows.c.payload_ct).where(
                    incident_rows.c.incident_id.in_(chunk)
                )
                sealed.update((row.incident_id, row.payload_ct) for row in conn.execute(query))
        return [self._incident(i, sealed[i]) for i in dict.fromkeys(incident_ids) if i in sealed]

    def review_version(self) -> str:
        """A value that changes whenever anything is written: the audit chain's last event and hash.

        Every change to mentions, incidents or link decisions appends an audit event in
        the same transaction, so a result computed from them stays valid while this value
        stays the same (audited reads change it too: a needless recomputation, never a
        stale answer). The hash makes it differ between two stores at one path. One
        indexed lookup.
        """
        self._require("incident.read")
        query = sa.select(audit_events.c.event_id, audit_events.c.hash).order_by(audit_events.c.event_id.desc())
        with self._read() as conn:
            row = conn.execute(query.limit(1)).first()
        return "0" if row is None else f"{row.event_id}:{row.hash}"

    def _incident(self, incident_id: str, sealed: bytes) -> Incident:
        obj = json.loads(self._unseal(_incident_where(incident_id), sealed))
        return Incident(
            incident_id=obj["incident_id"],
            mentions=tuple(obj["mentions"]),
            grade=obj["grade"],
            sources=tuple(obj["sources"]),
            independent_sources=int(obj["independent_sources"]),
            first_hand=int(obj["first_hand"]),
            flags=tuple(obj["flags"]),
        )

    # link review --------------------------------------------------------------------
    def save_link_decision(self, mention_a: str, mention_b: str, decision: LinkDecision) -> None:
        """A person's verdict on whether two mentions describe the same incident (order-free)."""
        self._require("link.write")
        if decision not in DECISIONS:
            raise InputError(f"link decision: expected one of {', '.join(DECISIONS)}")
        a, b = sorted((mention_a, mention_b))
        with self._write() as conn:
            for mention_id in (a, b):
                if not conn.execute(
                    sa.select(mention_rows.c.mention_id).where(mention_rows.c.mention_id == mention_id)
                ).first():
                    raise NotFoundError(f"no mention {mention_id}")
            conn.execute(
                link_decisions.delete().where(link_decisions.c.mention_a == a, link_decisions.c.mention_b == b)
            )
            conn.execute(
                link_decisions.insert().values(
                    mention_a=a, mention_b=b, decision=decision, decided_by=self.user.username, decided_on=today_iso()
                )
            )
            self._audit(conn, "link.decide", f"{a}|{b}", decision=decision)

    def link_decisions(self) -> list[tuple[str, str, LinkDecision]]:
        self._require("link.read")
        with self._read() as conn:
            rows = conn.execute(
                sa.select(link_decisions).order_by(link_decisions.c.mention_a, link_decisions.c.mention_b)
            ).all()
        return [(row.mention_a, row.mention_b, row.decision) for row in rows]

    def link_decision_records(self) -> list[LinkDecisionRecord]:
        """Every link decision with who made it and the day, in pair order."""
        self._require("link.read")
        with self._read() as conn:
            rows = conn.execute(
                sa.select(link_decisions).order_by(link_decisions.c.mention_a, link_decisions.c.mention_b)
            ).all()
        return [LinkDecisionRecord(r.mention_a, r.mention_b, r.decision, r.decided_by, r.decided_on) for r in rows]

    def withdraw_link_decision(self, mention_a: str, mention_b: str) -> LinkDecisionRecord:
        """Take back a link decision (the model decides that pair again); the audit log keeps both events."""
        self._require("link.write")
        a, b = sorted((mention_a, mention_b))
        where = (link_decisions.c.mention_a == a, link_decisions.c.mention_b == b)
        with self._write() as conn:
            row = conn.execute(sa.select(link_decisions).where(*where)).first()
            if row is None:
                raise NotFoundError(f"no link decision on {a} {b}")
            conn.execute(link_decisions.delete().where(*where))
            self._audit(conn, "link.withdraw", f"{a}|{b}", decision=row.decision, decided_by=row.decided_by)
        return LinkDecisionRecord(a, b, row.decision, row.decided_by, row.decided_on)

    def confirmed_links(self) -> list[tuple[str, str]]:
        """The pairs a person confirmed as one incident, for every role that reads incidents.

        They make up an incident's review state (how much of it a person confirmed),
        which every role may see; rejected pairs, and who decided, stay with ``link.read``.
        """
        self._require("incident.read")
        with self._read() as conn:
            rows = conn.execute(
                sa.select(link_decisions.c.mention_a, link_decisions.c.mention_b).where(
                    link_decisions.c.decision == "confirm"
                )
            ).all()
        return [(row.mention_a, row.mention_b) for row in rows]

    def confirmed_links_among(self, mention_ids: Sequence[str]) -> list[tuple[str, str]]:
        """The confirmed pairs with at least one side among ``mention_ids`` (as :meth:`confirmed_links`)."""
        self._require("incident.read")
        found: set[tuple[str, str]] = set()
        confirmed = link_decisions.c.decision == "confirm"
        with self._read() as conn:
            for chunk in _chunks(mention_ids):
                query = sa.select(link_decisions.c.mention_a, link_decisions.c.mention_b).where(
                    confirmed, link_decisions.c.mention_a.in_(chunk) | link_decisions.c.mention_b.in_(chunk)
                )
                found.update((row.mention_a, row.mention_b) for row in conn.execute(query))
        return sorted(found)
