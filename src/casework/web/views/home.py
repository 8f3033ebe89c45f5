"""The desk's front page and the account page (second factor enrolment)."""

from __future__ import annotations

from typing import Any

import pyotp
from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext

from casework.desk import desk_figures
from casework.web.auth import current_desk, current_store
from casework.web.forms import TotpForm
from casework.web.qr import totp_qr_svg

bp = Blueprint("home", __name__)


@bp.get("/")
def index() -> Any:
    """What is waiting: the desk's counts (recounted only after the store changed), and where to go."""
    figures = desk_figures(current_store())
    counts = {
        "testimonies": figures.testimonies,
        "mentions": figures.mentions,
        "awaiting review": figures.awaiting_review,
        "incidents": figures.incidents,
    }
    return render_template("home.html", counts=counts)


@bp.route("/account/second-factor", methods=["GET", "POST"])
def second_factor() -> Any:
    """Enrol a TOTP second factor: the secret as a QR code drawn here and as text; the first code confirms it."""
    desk = current_desk()
    enrolled = bool(desk.store.totp_secret())
    form = TotpForm()
    if enrolled:
        return render_template("account.html", enrolled=True, form=form)
    if desk.pending_totp_secret is None:
        desk.pending_totp_secret = pyotp.random_base32()
    secret = desk.pending_totp_secret
    uri = pyotp.TOTP(secret).provisioning_uri(name=desk.username, issuer_name="Casework")
    if form.validate_on_submit():
        if pyotp.TOTP(secret).verify(form.code.data.strip(), valid_window=1):
            desk.store.set_totp_secret(secret)
            desk.pending_totp_secret = None
            flash(gettext("Second factor enrolled: you will be asked for a code at each login."))
            return redirect(url_for("home.second_factor"))
        form.code.errors = [*form.code.errors, gettext("Wrong code: check your app's clock and try again.")]
    status = 400 if request.method == "POST" else 200
    qr = totp_qr_svg(uri, title=gettext("QR code of the second-factor secret"))
    return render_template("account.html", enrolled=False, form=form, secret=secret, uri=uri, qr=qr), status


@bp.post("/account/second-factor/remove")
def remove_second_factor() -> Any:
    """Remove the second factor; a current code is required so a left-open tab cannot."""
    desk = current_desk()
    form = TotpForm()
    secret = desk.store.totp_secret()
    if secret and form.validate_on_submit() and pyotp.TOTP(secret).verify(form.code.data.strip(), valid_window=1):
        desk.store.set_totp_secret(None)
        flash(gettext("Second factor removed."))
        return redirect(url_for("home.second_factor"))
    form.code.errors = [*form.code.errors, gettext("Wrong code: the second factor was not removed.")]
    return render_template("account.html", enrolled=bool(secret), form=form), 400
