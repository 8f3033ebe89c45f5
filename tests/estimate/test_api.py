"""The estimation package's public API: sorted and complete."""

from __future__ import annotations

import casework.estimate as estimate


def test_all_is_sorted_and_exported() -> None:
    assert list(estimate.__all__) == sorted(estimate.__all__)
    for name in estimate.__all__:
        assert hasattr(estimate, name)


def test_the_contract_the_report_uses_is_there() -> None:
    for name in ("read_histories", "histories_from_incidents", "estimate_population", "estimate_strata",
                 "lincoln_petersen", "chapman", "chapman_variance", "Estimate", "ModelFit"):  # fmt: skip
        assert name in estimate.__all__
    fields = set(estimate.Estimate.__dataclass_fields__)
    assert {"lists", "observed", "models", "selected", "averaged_n_hat", "averaged_interval"} <= fields
    assert {"assumptions", "warnings"} <= fields
    assert {"name", "terms", "n_hat", "unobserved", "aic", "bic", "deviance", "df", "interval"} <= set(
        estimate.ModelFit.__dataclass_fields__
    )
