"""Outlets as sources: a published report's source is the outlet that published it.

An outlet gets a pseudonym (``OUT-001``) the first time a report from it, or a
re-report crediting it, is added; later reports find it again by name. Outlets are
public, so there is no identity compartment behind them; the name is still sealed
like every other text the desk holds and found through a keyed MAC, so a seized
database does not list which outlets the desk follows.
"""

from __future__ import annotations

import sqlalchemy as sa

from casework.errors import InputError
from casework.intake.attribution import canonical_outlet
from casework.store import crypto
from casework.store.api import Outlet
from casework.store.base import StoreBase
from casework.store.schema import outlets, sources, today_iso

OUTLET_PREFIX = "OUT-"
MAX_NAME = 200


def _name_where(pseudonym: str) -> str:
    return f"outlets/{pseudonym}/name"


class OutletsMixin(StoreBase):
    def outlet_source(self, name: str) -> str:
        """The pseudonym of the outlet called ``name``, created on first use.

        Names are compared in their canonical form ("DailyNK" and "데일리NK" are one
        outlet, see :mod:`casework.intake.attribution`).

        Example:
            store.outlet_source("Daily NK")  # "OUT-001"
        """
        self._require("testimony.add")
        canonical = canonical_outlet(name)
        if canonical is None or len(canonical) > MAX_NAME or any(ord(c) < 32 for c in canonical):
            raise InputError(f"field 'outlet': expected an outlet's name of 1-{MAX_NAME} characters")
        mac = crypto.content_mac(self._content_mac_key(), b"outlet\x00" + canonical.casefold().encode("utf-8"))
        with self._write() as conn:
            found = conn.execute(sa.select(outlets.c.pseudonym).where(outlets.c.name_mac == mac)).first()
            if found is not None:
                return str(found.pseudonym)
            taken = set(conn.execute(sa.select(sources.c.pseudonym)).scalars())
            number = 1 + int(conn.execute(sa.select(sa.func.count()).select_from(outlets)).scalar_one())
            while f"{OUTLET_PREFIX}{number:03d}" in taken:
                number += 1
            pseudonym = f"{OUTLET_PREFIX}{number:03d}"
            conn.execute(sources.insert().values(pseudonym=pseudonym, created_on=today_iso(), kind="outlet"))
            conn.execute(
                outlets.insert().values(
                    pseudonym=pseudonym, name_mac=mac, name_ct=self._seal(_name_where(pseudonym), canonical)
                )
            )
            self._audit(conn, "outlet.add", pseudonym)
        return pseudonym

    def list_outlets(self) -> list[Outlet]:
        """Every outlet with its name, by pseudonym."""
        self._require("source.list")
        with self._read() as conn:
            rows = conn.execute(sa.select(outlets).order_by(outlets.c.pseudonym)).all()
        return [Outlet(row.pseudonym, self._unseal(_name_where(row.pseudonym), row.name_ct)) for row in rows]

    def outlet_pseudonyms(self) -> frozenset[str]:
        """Pseudonyms of the sources that are outlets (nothing is decrypted)."""
        self._require("source.list")
        with self._read() as conn:
            rows = conn.execute(sa.select(sources.c.pseudonym).where(sources.c.kind == "outlet")).scalars()
            return frozenset(str(p) for p in rows)
