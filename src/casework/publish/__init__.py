"""Publish safely: the re-identification check, redaction and public exports.

:func:`assess_risk` finds the details of a draft that narrow down who spoke (an age, a
workplace, a relative abroad, the day of a call, a role only one person had) and
estimates how many people match them together; :func:`redact_draft` applies the safer
wordings; :func:`export_incidents` writes the public incidents dataset and refuses
while anything in it is high risk.
"""

from casework.publish.assessment import KINDS, RISKS, RiskAssessment, RiskySpan
from casework.publish.check import assess_risk
from casework.publish.export import ExportResult, export_incidents
from casework.publish.redact import redact_draft

__all__ = [
    "ExportResult",
    "KINDS",
    "RISKS",
    "RiskAssessment",
    "RiskySpan",
    "assess_risk",
    "export_incidents",
    "redact_draft",
]
