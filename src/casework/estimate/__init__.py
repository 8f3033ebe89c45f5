"""Multiple systems estimation: how many incidents went unrecorded, with honest uncertainty.

Several documentation efforts (lists) record overlapping sets of the same incidents;
the overlaps tell how much all of them missed. The public API:

- :func:`read_histories`, :func:`histories_from_incidents`, :func:`histories_from_clusters`
  build the capture-history table;
- :func:`estimate_population` fits every log-linear model, selects, averages and gives intervals;
- :func:`estimate_strata` does the same per stratum (type, year, province, region);
- :func:`lincoln_petersen`, :func:`chapman`, :func:`chapman_variance` are the two-list closed forms.

See docs/estimation.md for the method and how to read the output.
"""

from casework.estimate.closed_forms import (
    TwoListEstimate,
    chapman,
    chapman_variance,
    lincoln_petersen,
    two_list_estimate,
)
from casework.estimate.histories import (
    CaptureHistories,
    histories_from_clusters,
    histories_from_incidents,
    parse_histories,
    read_histories,
)
from casework.estimate.population import ASSUMPTIONS, Estimate, ModelFit, estimate_population
from casework.estimate.strata import StratumEstimate, estimate_strata

__all__ = [
    "ASSUMPTIONS",
    "CaptureHistories",
    "Estimate",
    "ModelFit",
    "StratumEstimate",
    "TwoListEstimate",
    "chapman",
    "chapman_variance",
    "estimate_population",
    "estimate_strata",
    "histories_from_clusters",
    "histories_from_incidents",
    "lincoln_petersen",
    "parse_histories",
    "read_histories",
    "two_list_estimate",
]
