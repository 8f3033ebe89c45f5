"""Second-factor enrolment shows a QR code drawn on the server, with no request elsewhere."""

from __future__ import annotations

import re
from collections.abc import Callable

import pyotp
import segno
from flask.testing import FlaskClient

from casework.web.qr import totp_qr_svg


def test_enrolment_page_carries_an_inline_svg_qr_code(as_role: Callable[[str], FlaskClient]) -> None:
    html = as_role("reader").get("/account/second-factor").get_data(as_text=True)
    svg = re.search(r"<svg[^>]*class=\"totp-qr\".*?</svg>", html, re.DOTALL)
    assert svg is not None
    assert "href" not in svg.group(0) and "http" not in svg.group(0)  # nothing to fetch
    assert 'role="img"' in svg.group(0) and "<title>" in svg.group(0)
    assert "<img" not in html


def test_the_code_holds_the_provisioning_uri() -> None:
    secret = pyotp.random_base32()
    uri = pyotp.TOTP(secret).provisioning_uri(name="ana", issuer_name="Casework")
    expected = segno.make(uri, error="m", micro=False)
    svg = totp_qr_svg(uri, title="QR")
    # Same modules as segno's own rendering of the same URI: the picture is the secret and nothing else.
    assert expected.svg_inline(
        scale=5, border=4, dark="#000000", light="#ffffff", title="QR", svgclass="totp-qr", omitsize=True
    ) in str(svg).replace('<svg role="img" ', "<svg ", 1)
