"""The web draft check and ``casework check --with-store`` agree: same risk, same spans, same user.

Both call :func:`casework.desk.check_draft`; this test plays the user who pastes a
draft on the web and then checks the same file on the command line, for drafts
that name a source's real name, give a contact number, quote a testimony verbatim,
use a pseudonym, or say nothing risky, as an admin (who may read identities) and as
an analyst (who may not: the identity is then not found by either).
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from casework.cli import main
from casework.model import SourceIdentity
from casework.store import open_store
from casework.web import create_app

from .desk import PASSPHRASES, ROLE_USERS, login, post, seed_store

NAME = "Pak Sun-hui"
CONTACT = "+82 10 5555 1234"
DRAFTS = {
    "identity": f"Our thanks to {NAME}, who kept count of the arrests in Hyesan last spring.",
    "contact": "Readers who saw the arrests may call 010-5555-1234 after dark.",
    "verbatim": "As one account put it, in March 2023 three women were arrested in Hyesan by the Ministry.",
    "pseudonym": "SRC-02 told the desk about the arrests in March.",
    "careful": "Arrests of women who traded phones were reported from a northern border city.",
    "careless": "A 34-year-old woman who works at the Hyesan textile mill said police arrested her brother.",
}
ROW = re.compile(r'<tr data-start="(\d+)" data-end="(\d+)" data-kind="([^"]+)" data-risk="([^"]+)">')
RESULT = re.compile(r'<h2>Result: <span class="risk risk-[^"]+">([a-z ]+) risk</span></h2>')


@pytest.fixture(scope="module")
def desk(tmp_path_factory: pytest.TempPathFactory) -> str:
    url = str(tmp_path_factory.mktemp("parity") / "desk.db")
    seed_store(url)
    store = open_store(url, "admin", PASSPHRASES["admin"])
    try:
        store.set_source_identity(SourceIdentity("SRC-01", NAME, CONTACT))
    finally:
        store.close()
    return url


def _web(url: str, username: str, draft: str) -> tuple[str, list[tuple[int, int, str, str]]]:
    client = create_app(url).test_client()
    login(client, username)
    page = html.unescape(post(client, "/drafts/check", {"text": draft}).get_data(as_text=True))
    found = RESULT.search(page)
    assert found, page[:2000]
    return found.group(1), [(int(a), int(b), kind, risk) for a, b, kind, risk in ROW.findall(page)]


def _cli(url: str, username: str, draft: str, tmp_path: Path) -> tuple[str, list[tuple[int, int, str, str]]]:
    path = tmp_path / "draft.md"
    path.write_text(draft, encoding="utf-8")
    result = CliRunner().invoke(
        main,
        ["--store", url, "--user", username, "check", str(path), "--with-store", "--format", "json"],
        env={"CASEWORK_PASSPHRASE": PASSPHRASES[username]},
    )
    assert result.exit_code in (0, 3), result.output
    report: dict[str, Any] = json.loads(result.stdout.splitlines()[0])
    spans = sorted((s["start"], s["end"], s["kind"], s["risk"]) for s in report["spans"])
    return report["risk"], spans


@pytest.mark.parametrize("role", ["admin", "analyst"])
@pytest.mark.parametrize("name", sorted(DRAFTS))
def test_web_and_cli_give_the_same_risk_and_spans(desk: str, tmp_path: Path, role: str, name: str) -> None:
    username = ROLE_USERS[role]
    draft = DRAFTS[name]
    web_risk, web_spans = _web(desk, username, draft)
    cli_risk, cli_spans = _cli(desk, username, draft, tmp_path)
    assert (web_risk, sorted(web_spans)) == (cli_risk, cli_spans)
    if name in ("verbatim", "pseudonym") or (role == "admin" and name in ("identity", "contact")):
        assert web_risk == "high", (name, role, web_spans)
    if role == "admin" and name == "identity":
        start = draft.index(NAME)
        assert (start, start + len(NAME), "other", "high") in web_spans
