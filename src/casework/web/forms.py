"""Every form of the web app, validated on the server (Flask-WTF: CSRF token included).

A form that fails validation is shown again with its messages; nothing is stored.
Field messages name the field and what is expected, never echo testimony text.
"""

from __future__ import annotations

from typing import Any

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

_ID = Regexp(r"^[A-Za-z0-9][A-Za-z0-9_.:-]{0,79}$", message="Use letters, digits, '-', '_', '.' or ':' only.")
_ISO_DATE = Regexp(r"^\d{4}(-\d{2}(-\d{2})?)?$", message="Use YYYY, YYYY-MM or YYYY-MM-DD.")
MAX_TEXT = 1_000_000


def _blank(choices: tuple[str, ...], blank: str = "(not given)") -> list[tuple[str, str]]:
    return [("", blank), *((c, c.replace("_", " ")) for c in choices)]


class LoginForm(FlaskForm):  # type: ignore[misc]
    username = StringField("Username", validators=[DataRequired(), Length(max=64)])
    passphrase = PasswordField("Passphrase", validators=[DataRequired(), Length(max=1024)])
    submit = SubmitField("Log in")


class TotpForm(FlaskForm):  # type: ignore[misc]
    code = StringField(
        "Six-digit code",
        validators=[DataRequired(), Regexp(r"^\s*\d{6}\s*$", message="Enter the six digits shown by your app.")],
    )
    submit = SubmitField("Continue")


class ActionForm(FlaskForm):  # type: ignore[misc]
    """A button that changes something: carries only the CSRF token."""

    submit = SubmitField("Go")


class TestimonyForm(FlaskForm):  # type: ignore[misc]
    """Add a testimony: upload a .txt file or paste the text (exactly one)."""

    source = SelectField("Source", validators=[DataRequired(message="Choose the source.")])
    received = DateField("Received", validators=[Optional()])
    channel = SelectField("Channel", choices=_blank(CHANNELS), validators=[Optional()])
    list_name = StringField("List", validators=[Optional(), Length(max=80), _ID])
    upload = FileField("Upload a .txt file", validators=[FileAllowed(["txt"], "Only .txt files are accepted.")])
    text = TextAreaField("…or paste the text", validators=[Optional(), Length(max=MAX_TEXT)])
    submit = SubmitField("Add testimony")

    def validate(self, extra_validators: Any = None) -> bool:
        """Field checks, then: exactly one of upload and pasted text (a form-level rule)."""
        valid = bool(super().validate(extra_validators))
        has_upload = bool(self.upload.data and getattr(self.upload.data, "filename", ""))
        has_text = bool(self.text.data and self.text.data.strip())
        if has_upload == has_text:
            self.text.errors = [*self.text.errors, "Either upload a .txt file or paste the text (one of the two)."]
            return False
        return valid


class MentionCorrectionForm(FlaskForm):  # type: ignore[misc]
    """Correct the fields of a suggested mention; the evidence spans are kept."""

    type = SelectField("Incident type", choices=[(t, t.replace("_", " ")) for t in INCIDENT_TYPES])
    date = StringField("Date", validators=[Optional(), _ISO_DATE])
    province = StringField("Province", validators=[Optional(), Length(max=120)])
    county_or_city = StringField("County or city", validators=[Optional(), Length(max=120)])
    site = StringField("Site", validators=[Optional(), Length(max=200)])
    perpetrator = StringField("Perpetrator", validators=[Optional(), Length(max=200)])
    victims_count = IntegerField("Victims (number)", validators=[Optional(), NumberRange(min=0, max=1_000_000)])
    victims_description = StringField("Victims (description)", validators=[Optional(), Length(max=300)])
    relation = SelectField("Source's relation", choices=[(r, r) for r in RELATIONS])
    submit = SubmitField("Save correction and accept")


class LinkDecisionForm(FlaskForm):  # type: ignore[misc]
    """Confirm or reject that two mentions describe the same incident."""

    mention_a = HiddenField(validators=[DataRequired(), _ID])
    mention_b = HiddenField(validators=[DataRequired(), _ID])
    decision = SelectField("Decision", choices=[("confirm", "Same incident"), ("reject", "Different incidents")])
    submit = SubmitField("Save decision")


class DraftForm(FlaskForm):  # type: ignore[misc]
    text = TextAreaField(
        "Draft text", validators=[DataRequired(message="Paste the draft to check."), Length(max=MAX_TEXT)]
    )
    submit = SubmitField("Check draft")


class ReportForm(FlaskForm):  # type: ignore[misc]
    public = BooleanField("Publishable variant (public fields only, publication check first)", default=True)
    fmt = SelectField("Format", choices=[("html", "HTML"), ("markdown", "Markdown")])
    submit = SubmitField("Download report (.zip)")
