"""Every form of the web app, validated on the server (Flask-WTF: CSRF token included).

A form that fails validation is shown again with its messages; nothing is stored.
Field messages name the field and what is expected, never echo testimony text.
"""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileAllowed, FileField
from wtforms import (
    BooleanField,
    DateField,
    HiddenField,
    IntegerField,
    PasswordField,
    SelectField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Length, NumberRange, Optional, Regexp

from casework.model import CHANNELS, INCIDENT_TYPES, RELATIONS
from casework.web.i18n import TERMS

_ID = Regexp(r"^[A-Za-z0-9][A-Za-z0-9_.:-]{0,79}$", message=_l("Use letters, digits, '-', '_', '.' or ':' only."))
_ISO_DATE = Regexp(r"^\d{4}(-\d{2}(-\d{2})?)?$", message=_l("Use YYYY, YYYY-MM or YYYY-MM-DD."))
MAX_TEXT = 1_000_000


def _blank(choices: tuple[str, ...]) -> list[tuple[str, Any]]:
    return [("", _l("(not given)")), *((c, TERMS.get(c, c.replace("_", " "))) for c in choices)]


class LoginForm(FlaskForm):  # type: ignore[misc]
    username = StringField(_l("Username"), validators=[DataRequired(), Length(max=64)])
    passphrase = PasswordField(_l("Passphrase"), validators=[DataRequired(), Length(max=1024)])
    submit = SubmitField(_l("Log in"))


class TotpForm(FlaskForm):  # type: ignore[misc]
    code = StringField(
        _l("Six-digit code"),
        validators=[DataRequired(), Regexp(r"^\s*\d{6}\s*$", message=_l("Enter the six digits shown by your app."))],
        render_kw={"inputmode": "numeric", "autocomplete": "one-time-code"},
    )
    submit = SubmitField(_l("Continue"))


class ActionForm(FlaskForm):  # type: ignore[misc]
    """A button that changes something: carries only the CSRF token."""

    submit = SubmitField(_l("Go"))


class TestimonyForm(FlaskForm):  # type: ignore[misc]
    """Add a testimony: upload a .txt file or paste the text (exactly one).

    The documentation list is chosen from the store's lists; a new list is made only by
    typing its name in the separate "new list" field (a typo must not quietly start a
    list and skew estimation).
    """

    source = SelectField(_l("Source"), validators=[DataRequired(message=_l("Choose the source."))])
    received = DateField(_l("Received"), validators=[Optional()])
    channel = SelectField(_l("Channel"), choices=_blank(CHANNELS), validators=[Optional()])
    list_name = SelectField(_l("List"), choices=[], validate_choice=False, validators=[Optional(), Length(max=80)])
    new_list = StringField(_l("…or a new list"), validators=[Optional(), Length(max=80), _ID])
    upload = FileField(_l("Upload a .txt file"), validators=[FileAllowed(["txt"], _l("Only .txt files are accepted."))])
    text = TextAreaField(_l("…or paste the text"), validators=[Optional(), Length(max=MAX_TEXT)])
    submit = SubmitField(_l("Add testimony"))

    def validate(self, extra_validators: Any = None) -> bool:
        """Field checks, then: exactly one of upload and pasted text, and a list that exists or is new on purpose."""
        valid = bool(super().validate(extra_validators))
        has_upload = bool(self.upload.data and getattr(self.upload.data, "filename", ""))
        has_text = bool(self.text.data and self.text.data.strip())
        if has_upload == has_text:
            self.text.errors = [*self.text.errors, _l("Either upload a .txt file or paste the text (one of the two).")]
            return False
        known = {value for value, _label in self.list_name.choices or []}
        if self.list_name.data and self.list_name.data not in known:
            self.list_name.errors = [*self.list_name.errors, _l("Choose one of the store's lists.")]
            return False
        return valid

    @property
    def chosen_list(self) -> str | None:
        """The new list typed on purpose, else the chosen one, else None (the store's default)."""
        return (self.new_list.data or "").strip() or self.list_name.data or None


class MentionCorrectionForm(FlaskForm):  # type: ignore[misc]
    """Correct the fields of a suggested mention; the evidence spans are kept.

    Place and perpetrator fields offer the gazetteer's canonical names as the person
    types (HTML ``datalist``), so corrections use the names linkage compares.
    """

    type = SelectField(_l("Incident type"), choices=[(t, TERMS.get(t, t)) for t in INCIDENT_TYPES])
    date = StringField(_l("Date"), validators=[Optional(), _ISO_DATE])
    province = StringField(
        _l("Province"),
        validators=[Optional(), Length(max=120)],
        render_kw={"list": "gazetteer-provinces", "autocomplete": "off"},
    )
    county_or_city = StringField(
        _l("County or city"),
        validators=[Optional(), Length(max=120)],
        render_kw={"list": "gazetteer-counties", "autocomplete": "off"},
    )
    site = StringField(
        _l("Site"),
        validators=[Optional(), Length(max=200)],
        render_kw={"list": "gazetteer-sites", "autocomplete": "off"},
    )
    perpetrator = StringField(
        _l("Perpetrator"),
        validators=[Optional(), Length(max=200)],
        render_kw={"list": "gazetteer-perpetrators", "autocomplete": "off"},
    )
    victims_count = IntegerField(_l("Victims (number)"), validators=[Optional(), NumberRange(min=0, max=1_000_000)])
    victims_description = StringField(_l("Victims (description)"), validators=[Optional(), Length(max=300)])
    relation = SelectField(_l("Source's relation"), choices=[(r, TERMS.get(r, r)) for r in RELATIONS])
    submit = SubmitField(_l("Save correction and accept"))


class LinkDecisionForm(FlaskForm):  # type: ignore[misc]
    """Confirm or reject that two mentions describe the same incident."""

    mention_a = HiddenField(validators=[DataRequired(), _ID])
    mention_b = HiddenField(validators=[DataRequired(), _ID])
    decision = SelectField(
        _l("Decision"), choices=[("confirm", _l("Same incident")), ("reject", _l("Different incidents"))]
    )
    submit = SubmitField(_l("Save decision"))


class DraftForm(FlaskForm):  # type: ignore[misc]
    text = TextAreaField(
        _l("Draft text"), validators=[DataRequired(message=_l("Paste the draft to check.")), Length(max=MAX_TEXT)]
    )
    submit = SubmitField(_l("Check draft"))


class ReportForm(FlaskForm):  # type: ignore[misc]
    public = BooleanField(_l("Publishable variant (public fields only, publication check first)"), default=True)
    fmt = SelectField(_l("Format"), choices=[("html", "HTML"), ("markdown", "Markdown")])
    submit = SubmitField(_l("Download report (.zip)"))
