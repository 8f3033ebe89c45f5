"""The QR code of a second-factor enrolment, drawn on the server as inline SVG.

Threat addressed: the TOTP secret must not leave the page. A QR image from a web
service, or a script that draws one from a CDN, would send it out; here ``segno``
draws the code in this process and the page carries it inline (the CSP allows no
other origin anyway). Misuse to avoid: never cache or log the SVG; it is the secret.
"""

from __future__ import annotations

import segno
from markupsafe import Markup


def totp_qr_svg(uri: str, *, title: str) -> Markup:
    """An ``<svg>`` element showing ``uri`` as a QR code an authenticator app can scan.

    Args:
        uri: the ``otpauth://`` provisioning URI (it holds the secret).
        title: the accessible name of the image (e.g. "QR code of the secret").

    Example:
        >>> "<svg" in totp_qr_svg("otpauth://totp/Casework:ana?secret=ABC", title="QR")
        True
    """
    code = segno.make(uri, error="m", micro=False)
    svg = code.svg_inline(
        scale=5, border=4, dark="#000000", light="#ffffff", title=title, svgclass="totp-qr", omitsize=True
    )
    return Markup(svg.replace("<svg ", '<svg role="img" ', 1))  # noqa: S704 - segno escapes the title; the rest is paths
