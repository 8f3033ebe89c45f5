"""Testimonies: intake of exact bytes, versioned corrections, listing and audited reading.

Chain of custody: the SHA-256 of the bytes as received is computed at intake, shown
to users and stored sealed; duplicates are found through a keyed MAC column, so a
seized database cannot confirm a guessed text by hashing it.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, NamedTuple

import sqlalchemy as sa

from casework.errors import CaseworkError, InputError, NotFoundError, StoreCorruptError, StoreError
from casework.intake import ParsedTestimony, decode_testimony, detect_language, parse_testimony
from casework.intake.attribution import credited_outlet
from casework.intake.header import check_published
from casework.model import CHANNELS, Testimony
from casework.store import crypto
from casework.store.api import AddResult, TestimonyInfo, TestimonyInput
from casework.store.audit import next_event, now_iso
from casework.store.base import check_identifier
from casework.store.intake_sql import DriverCursor, intake_transaction
from casework.store.outlets import OutletsMixin
from casework.store.schema import mentions, testimonies

_ID = re.compile(r"^T-([0-9]{4,9})$")
LANGUAGES = ("en", "ko")
DEFAULT_LIST = "desk"

# Built once: intake runs these for every file, and building statements costs more than running them.
_BY_MAC = sa.select(testimonies.c.testimony_id).where(testimonies.c.content_mac == sa.bindparam("mac"))
_NEXT_SEQ = sa.select(sa.func.coalesce(sa.func.max(testimonies.c.seq), 0) + 1)
_INSERT = testimonies.insert()


def testimony_seq(testimony_id: str) -> int:
    """The row number behind ``T-0007``; ids are derived from it, so no second index is needed."""
    match = _ID.match(testimony_id) if isinstance(testimony_id, str) else None
    if match is None or f"T-{int(match.group(1)):04d}" != testimony_id:
        raise NotFoundError(f"no testimony {testimony_id} (ids look like T-0007)")
    return int(match.group(1))


def _where(testimony_id: str, column: str) -> str:
    return f"testimonies/{testimony_id}/{column}"


def check_channel(channel: str | None, name: str) -> str | None:
    if channel is not None and channel not in CHANNELS:
        raise InputError(f"{name}: field 'channel': unknown channel (expected one of {', '.join(CHANNELS)})")
    return channel


def check_received(received: date | None, name: str) -> date | None:
    if received is not None and received > date.today():
        raise InputError(f"{name}: field 'received': {received.isoformat()} is in the future")
    return received


_URL = re.compile(r"[a-z][a-z0-9+.\-]*://[^\s\x00-\x1f]+", re.IGNORECASE)
MAX_URL = 2048


def check_url(url: str | None, name: str) -> str | None:
    if url is None or url == "":
        return None
    if len(url) > MAX_URL or not _URL.fullmatch(url.strip()):
        raise InputError(f"{name}: field 'url': expected an address like https://... (at most {MAX_URL} characters)")
    return url.strip()


def check_published_date(published: str | None, name: str) -> str | None:
    """A report's publication date, ``YYYY-MM-DD`` or ``YYYY-MM``, not in the future."""
    if published is None or published == "":
        return None
    value = check_published(published, name)
    if value > date.today().isoformat()[: len(value)]:
        raise InputError(f"{name}: field 'published': {value} is in the future")
    return value


def resolve_language(given: str | None, parsed: ParsedTestimony, name: str) -> str:
    """The argument, else the header's ``language:``, else detection; ``auto`` means detect."""
    language = given if given not in (None, "auto") else (parsed.header.get("language") or "auto")
    if language == "auto":
        language = detect_language(parsed.body)
    if language not in LANGUAGES:
        raise InputError(f"{name}: field 'language': expected auto, en or ko")
    return language


@dataclass(frozen=True)
class ReportFields:
    """What a published report adds to a testimony row: outlet source, date, URL, credited outlet."""

    source: str
    published: str | None
    url: str | None
    depends_on: str | None


class _Prepared(NamedTuple):
    """One testimony checked and MAC'd, ready to be written inside a transaction (a tuple: built per file)."""

    raw: bytes
    name: str
    sha256: str
    mac: str
    source: str
    filename: str | None
    received: date | None
    channel: str | None
    language: str
    list_name: str | None
    report: ReportFields | None
    original: bytes | None


_PENDING = CaseworkError("not added")  # a placeholder replaced once the transaction is committed
_META_JSON = json.JSONEncoder(sort_keys=True)  # json.dumps(meta, sort_keys=True), the encoder built once


class TestimoniesMixin(OutletsMixin):
    def add_testimony(
        self,
        raw: bytes,
        *,
        source: str | None = None,
        filename: str | None = None,
        received: date | None = None,
        channel: str | None = None,
        language: str | None = None,
        list_name: str | None = None,
        outlet: str | None = None,
        url: str | None = None,
        published: str | None = None,
        original: bytes | None = None,
    ) -> AddResult:
        """Store one testimony exactly as received; header fields fill what the arguments leave out.

        ``original`` is the document a transcript was read from (DOCX, PDF), sealed beside
        the text with the same key; ``raw`` is then the text read from it.

        Explicit arguments win over the file's header block (``received:``, ``channel:``,
        ``list:``, ``language:``, ``outlet:``, ``url:``, ``published:``). ``language``
        ``None`` or ``"auto"`` detects it. A published report (an outlet is given) has
        its outlet as source, created on first use; when its text credits another
        outlet for the story, it is recorded as depending on that outlet.
        Adding bytes that are already stored adds nothing and returns ``duplicate=True``.
        """
        self._require("testimony.add")
        item = TestimonyInput(
            raw,
            source=source,
            filename=filename,
            received=received,
            channel=channel,
            language=language,
            list_name=list_name,
            outlet=outlet,
            url=url,
            published=published,
            original=original,
        )
        prepared = self._prepare_testimony(item)
        with intake_transaction(self._engine, self._shown) as cursor:
            (result,) = self._add_prepared(cursor, [prepared])
        if isinstance(result, CaseworkError):
            raise result
        return result

    def add_testimonies(self, items: Sequence[TestimonyInput]) -> list[AddResult | CaseworkError]:
        """Add many testimonies (a folder) in ONE transaction; per item its result or the error that refused it.

        Why: each transaction costs a commit (an fsync on disk) and the driver's set-up,
        which on a fast disk is as much as the sealing itself. Nothing is reported before
        the commit: the results are returned only once every accepted item is durable, and
        if the transaction fails nothing of the batch is stored (the error is raised). An
        item refused for its own reasons (bad header, unknown source) is skipped and its
        error returned in its place; a duplicate, also of an earlier item of the same batch,
        gives ``duplicate=True`` as :meth:`add_testimony` does.
        """
        self._require("testimony.add")
        out: list[AddResult | CaseworkError] = []
        prepared: list[tuple[int, _Prepared]] = []
        for index, item in enumerate(items):
            try:
                prepared.append((index, self._prepare_testimony(item)))
            except CaseworkError as err:
                out.append(err)
            else:
                out.append(_PENDING)
        if not prepared:
            return out
        with intake_transaction(self._engine, self._shown) as cursor:
            done = self._add_prepared(cursor, [one for _, one in prepared])
        for (index, _), result in zip(prepared, done, strict=True):
            out[index] = result
        return out

    def _prepare_testimony(self, item: TestimonyInput) -> _Prepared:
        """Everything about one testimony that needs no transaction: parsing, checks, its keyed MAC."""
        raw, filename = item.raw, item.filename
        name = filename or "testimony"
        parsed = parse_testimony(raw, name)
        report = self._report_fields(
            parsed, name, source=item.source, outlet=item.outlet, url=item.url, published=item.published
        )
        source = report.source if report is not None else item.source
        if not source:
            raise InputError(f"{name}: field 'source': none given (a source pseudonym, or an outlet for a report)")
        received = check_received(item.received or parsed.received, name)
        channel = check_channel(item.channel or parsed.header.get("channel") or None, name)
        language = resolve_language(item.language, parsed, name)
        list_name = item.list_name or parsed.header.get("list") or None
        if list_name is not None:
            check_identifier(list_name, f"{name}: field 'list'")
        mac = crypto.content_mac(self._content_mac_key(), raw)
        return _Prepared(raw, name, parsed.sha256, mac, source, filename, received, channel, language, list_name,
                         report, item.original)

    def _add_prepared(self, cursor: DriverCursor, batch: Sequence[_Prepared]) -> list[AddResult | CaseworkError]:
        """The writes of prepared testimonies inside an open intake transaction: look-ups, rows, audit events.

        One look-up for the first item answers everything (source, duplicate, default
        list, next number, audit head); the others' sources and MACs are asked in one
        SELECT each. Numbers and the audit head then follow from this batch's own rows,
        which go in with one ``executemany`` per table. An item whose source is unknown
        gets its error in its place and writes nothing.
        """
        if not batch:
            return []
        sql = self._intake_sql
        first, rest = batch[0], batch[1:]
        found = cursor.lookup(sql.lookup, {"source": first.source, "mac": first.mac})
        known = {first.source} if found.source_known else set()
        stored = {} if found.existing is None else {first.mac: found.existing}
        if rest:
            known.update(cursor.pairs(sql.known_sources, {one.source for one in rest} - {first.source}))
            stored.update(cursor.pairs(sql.stored_macs, {one.mac for one in rest} - {first.mac}))
        seq, head = found.next_seq, found.audit_head
        rows: list[tuple[Any, ...]] = []
        events: list[tuple[Any, ...]] = []
        out: list[AddResult | CaseworkError] = []
        for one in batch:
            if one.source not in known:
                out.append(NotFoundError(
                    f"{one.name}: field 'source': unknown source {one.source} (add it with: casework sources add)"
                ))
                continue
            existing = stored.get(one.mac)
            at = now_iso()
            if existing is None:
                row = self._testimony_row(
                    seq,
                    one.raw,
                    mac=one.mac,
                    sha256=one.sha256,
                    source=one.source,
                    filename=one.filename,
                    received=one.received,
                    channel=one.channel,
                    language=one.language,
                    list_name=one.list_name or self._open_default_list(found.default_list_ct),
                    version=1,
                    supersedes=None,
                    report=one.report,
                    added_at=at,
                    original=one.original,
                )
                rows.append(sql.testimony_values(row))
                testimony_id = stored[one.mac] = str(row["testimony_id"])
                seq += 1
                result = AddResult(testimony_id, one.sha256, False)
                action, details = "testimony.add", {"source": one.source}
            else:
                result = AddResult(existing, one.sha256, True)
                action, details = "testimony.duplicate", {}
            event = next_event(head, self.user.username, action, result.testimony_id, details, self._audit_keys, at)
            events.append(sql.event_values(event))
            head = (int(event["event_id"]), str(event["hash"]))
            out.append(result)
        cursor.run_many(sql.insert_testimony, rows)
        cursor.run_many(sql.insert_event, events)
        return out

    def _report_fields(
        self,
        parsed: ParsedTestimony,
        name: str,
        *,
        source: str | None,
        outlet: str | None,
        url: str | None,
        published: str | None,
    ) -> ReportFields | None:
        """The outlet source, date, URL and credited outlet of a published report; None for testimony."""
        header = parsed.header
        outlet = outlet or header.get("outlet") or None
        url = check_url(url or header.get("url"), name)
        published = check_published_date(published or parsed.published, name)
        if outlet is None:
            if url or published:
                raise InputError(f"{name}: field 'outlet': a published report (url, published) needs its outlet")
            return None
        if source or header.get("source"):
            raise InputError(f"{name}: field 'source': a published report's source is its outlet; give one, not both")
        own = self.outlet_source(outlet)
        origin = credited_outlet(parsed.body, outlet)
        return ReportFields(own, published, url, self.outlet_source(origin) if origin else None)

    def correct_testimony(self, testimony_id: str, raw: bytes) -> AddResult:
        """A correction is a new version pointing to the old one; nothing is edited in place."""
        self._require("testimony.correct")
        parsed = parse_testimony(raw, testimony_id)
        mac = crypto.content_mac(self._content_mac_key(), raw)
        with self._write() as conn:
            old = self._row(conn, testimony_id)
            if old.superseded_by is not None:
                raise StoreError(f"{testimony_id} was already corrected by {old.superseded_by}; correct that one")
            existing = self._by_mac(conn, mac)
            if existing is not None:
                self._audit(conn, "testimony.duplicate", existing)
                return AddResult(existing, parsed.sha256, True)
            info = self._info(old, False)
            new_id = self._insert(
                conn,
                raw,
                mac=mac,
                sha256=parsed.sha256,
                source=info.source,
                filename=info.filename,
                received=info.received,
                channel=info.channel,
                language=resolve_language(None, parsed, testimony_id),
                list_name=info.list_name,
                version=int(old.version) + 1,
                supersedes=testimony_id,
                report=None
                if old.published is None and old.url_ct is None and old.depends_on is None
                else ReportFields(info.source, old.published, self._url(testimony_id, old.url_ct), old.depends_on),
            )
            conn.execute(testimonies.update().where(testimonies.c.seq == old.seq).values(superseded_by=new_id))
            # Only the newest version is extracted, linked, counted and published: the old
            # version's mentions are retired, kept (with their review) for the audit trail.
            conn.execute(
                mentions.update().where(mentions.c.testimony_id == testimony_id).values(status="retired")
            )
            self._audit(conn, "testimony.correct", new_id, supersedes=testimony_id)
        return AddResult(new_id, parsed.sha256, False)

    def _by_mac(self, conn: sa.Connection, mac: str) -> str | None:
        row = conn.execute(_BY_MAC, {"mac": mac}).first()
        return None if row is None else str(row.testimony_id)

    def _open_default_list(self, sealed: bytes | None) -> str:
        """The store's default list; the last ciphertext seen is remembered, so a batch opens it once."""
        if sealed is None:
            return DEFAULT_LIST
        seen = self._default_list_seen
        if seen is not None and seen[0] == sealed:
            return seen[1]
        plain = self._unseal("settings/default_list/value", sealed)
        self._default_list_seen = (sealed, plain)
        return plain

    def _insert(self, conn: sa.Connection, raw: bytes, **fields: Any) -> str:
        """The SQLAlchemy path (corrections); :meth:`add_testimony` sends the same row via the driver."""
        seq = int(conn.execute(_NEXT_SEQ).scalar_one())
        row = self._testimony_row(seq, raw, **fields)
        conn.execute(_INSERT, row)
        return str(row["testimony_id"])

    def _testimony_row(
        self,
        seq: int,
        raw: bytes,
        *,
        mac: str,
        sha256: str,
        source: str,
        filename: str | None,
        received: date | None,
        channel: str | None,
        language: str | None,
        list_name: str | None,
        version: int,
        supersedes: str | None,
        report: ReportFields | None = None,
        added_at: str | None = None,
        added_by: str | None = None,
        original: bytes | None = None,
    ) -> dict[str, Any]:
        testimony_id = f"T-{seq:04d}"
        key = self._key("text")
        url = report.url if report is not None else None
        meta = {
            "source": source,
            "received": received.isoformat() if received else None,
            "channel": channel,
            "language": language,
            "list": list_name,
            "added_at": added_at or now_iso(),
            "added_by": added_by or self.user.username,
        }
        return {
            "testimony_id": testimony_id,
            "seq": seq,
            "content_mac": mac,
            "sha256_ct": crypto.seal_text(key, sha256, _where(testimony_id, "sha256")),
            "raw_ct": crypto.seal(key, raw, _where(testimony_id, "raw")),
            "filename_ct": None
            if filename is None
            else crypto.seal_text(key, filename, _where(testimony_id, "filename")),
            "meta_ct": self._seal(_where(testimony_id, "meta"), _META_JSON.encode(meta)),
            "received_month": received.isoformat()[:7] if received else None,
            "original_ct": None if original is None else crypto.seal(key, original, _where(testimony_id, "original")),
            "version": version,
            "supersedes": supersedes,
            "superseded_by": None,
            "mention_seq": 0,
            "published": report.published if report is not None else None,
            "url_ct": None if url is None else self._seal(_where(testimony_id, "url"), url),
            "depends_on": report.depends_on if report is not None else None,
        }

    def _url(self, testimony_id: str, sealed: bytes | None) -> str | None:
        return None if sealed is None else self._unseal(_where(testimony_id, "url"), sealed)

    def _meta(self, row: sa.Row[tuple[object, ...]]) -> dict[str, Any]:
        """The sealed metadata of a testimony row (source, received day, channel, language, list, added)."""
        meta: dict[str, Any] = json.loads(self._unseal(_where(str(row.testimony_id), "meta"), row.meta_ct))
        return meta

    def _row(self, conn: sa.Connection, testimony_id: str) -> sa.Row[tuple[object, ...]]:
        row = conn.execute(sa.select(testimonies).where(testimonies.c.seq == testimony_seq(testimony_id))).first()
        if row is None:
            raise NotFoundError(f"no testimony {testimony_id}")
        return row

    def list_testimonies(self, *, limit: int | None = None, offset: int = 0) -> list[TestimonyInfo]:
        """Metadata of every version, oldest first (``limit``/``offset`` for one page); no text is decrypted."""
        self._require("testimony.list")
        cols = [c for c in testimonies.c if c.name != "raw_ct"]
        query = sa.select(*cols).order_by(testimonies.c.seq).offset(offset).limit(limit)
        with self._read() as conn:
            rows = conn.execute(query).all()
            ids = [row.testimony_id for row in rows]
            extracted: set[str] = set()
            for start in range(0, len(ids), 500):
                chunk = ids[start : start + 500]
                found = sa.select(mentions.c.testimony_id).where(mentions.c.testimony_id.in_(chunk)).distinct()
                extracted.update(conn.execute(found).scalars())
        return [self._info(row, row.testimony_id in extracted) for row in rows]

    def count_testimonies(self) -> int:
        self._require("testimony.list")
        with self._read() as conn:
            return int(conn.execute(sa.select(sa.func.count()).select_from(testimonies)).scalar_one())

    def _info(self, row: sa.Row[tuple[object, ...]], extracted: bool) -> TestimonyInfo:
        """Metadata for any role; the hash and filename (text key) only for roles that may read text."""
        tid = str(row.testimony_id)
        meta = self._meta(row)
        text_key = self._keys.get("text")
        return TestimonyInfo(
            testimony_id=tid,
            source=str(meta["source"]),
            sha256=crypto.unseal_text(text_key, row.sha256_ct, _where(tid, "sha256")) if text_key else "",
            received=date.fromisoformat(meta["received"]) if meta.get("received") else None,
            channel=meta.get("channel"),
            language=meta.get("language"),
            list_name=meta.get("list"),
            filename=crypto.unseal_text(text_key, row.filename_ct, _where(tid, "filename"))
            if text_key and row.filename_ct
            else None,
            version=int(row.version),
            supersedes=row.supersedes,
            added_at=datetime.fromisoformat(meta["added_at"]),
            extracted=extracted,
            published=row.published,
            url=self._url(tid, row.url_ct),
            depends_on=row.depends_on,
            superseded_by=row.superseded_by,
        )

    def get_testimony(self, testimony_id: str) -> Testimony:
        """The full text as received (header included, so evidence offsets hold); the read is audited."""
        self._require("testimony.read")
        with self._write() as conn:
            row = self._row(conn, testimony_id)
            self._audit(conn, "testimony.read", testimony_id)
        raw = self._unseal_raw(testimony_id, row.raw_ct)
        info = self._info(row, False)
        return Testimony(
            testimony_id=testimony_id,
            source=info.source,
            text=decode_testimony(raw, testimony_id),
            sha256=info.sha256,
            received=info.received,
            channel=info.channel,
            language=info.language,
            list_name=info.list_name,
            filename=info.filename,
            version=info.version,
            supersedes=info.supersedes,
            published=info.published,
            url=info.url,
            depends_on=info.depends_on,
        )

    def get_testimony_original(self, testimony_id: str) -> bytes | None:
        """The document a transcript was read from, exactly as received (None for plain text); audited."""
        self._require("testimony.read")
        with self._write() as conn:
            row = self._row(conn, testimony_id)
            self._audit(conn, "testimony.read_original", testimony_id)
        if row.original_ct is None:
            return None
        try:
            return crypto.unseal(self._key("text"), row.original_ct, _where(testimony_id, "original"))
        except crypto.DecryptionFailed:
            raise StoreCorruptError(f"testimony {testimony_id}: its original failed to decrypt") from None

    def _unseal_raw(self, testimony_id: str, sealed: bytes) -> bytes:
        try:
            return crypto.unseal(self._key("text"), sealed, _where(testimony_id, "raw"))
        except crypto.DecryptionFailed:
            raise StoreCorruptError(f"testimony {testimony_id} failed to decrypt (tampered or wrong key)") from None

    def set_testimony_list(self, testimony_id: str, list_name: str) -> None:
        """Move a testimony (one version) to another documentation list."""
        self._require("testimony.set_list")
        check_identifier(list_name, "list name")
        with self._write() as conn:
            row = self._row(conn, testimony_id)
            meta = {**self._meta(row), "list": list_name}
            sealed = self._seal(_where(testimony_id, "meta"), _META_JSON.encode(meta))
            conn.execute(
                testimonies.update().where(testimonies.c.seq == testimony_seq(testimony_id)).values(meta_ct=sealed)
            )
            self._audit(conn, "testimony.set_list", testimony_id, list_name=list_name)
