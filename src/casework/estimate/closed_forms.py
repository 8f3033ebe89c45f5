"""Two-list capture-recapture in closed form (Lincoln–Petersen, Chapman).

With two lists there is no overlap left to test whether the lists are independent, so
these estimates rest entirely on that assumption; ``casework estimate`` refuses two
lists for that reason and the library returns them with a warning attached.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from casework.errors import EstimationError

__all__ = ["TwoListEstimate", "chapman", "chapman_variance", "lincoln_petersen", "two_list_estimate"]

TWO_LIST_WARNING = (
    "two lists cannot test list independence: the estimate assumes it entirely and is biased "
    "low when the lists tend to record the same incidents"
)


def _check(n1: int, n2: int, m: int) -> None:
    if min(n1, n2, m) < 0:
        raise EstimationError(f"two-list counts must not be negative (n1={n1}, n2={n2}, m={m})")
    if m > min(n1, n2):
        raise EstimationError(f"the overlap m={m} exceeds a list's total (n1={n1}, n2={n2})")


def lincoln_petersen(n1: int, n2: int, m: int) -> float:
    """The Lincoln–Petersen estimate ``n1 * n2 / m``: the oldest capture-recapture formula.

    Args:
        n1: incidents on the first list.
        n2: incidents on the second list.
        m: incidents on both.

    Example:
        >>> lincoln_petersen(100, 80, 20)
        400.0
    """
    _check(n1, n2, m)
    if m == 0:
        raise EstimationError("the two lists share no incident (m=0): Lincoln-Petersen is infinite")
    return n1 * n2 / m


def chapman(n1: int, n2: int, m: int) -> float:
    """Chapman's nearly unbiased form ``(n1+1)(n2+1)/(m+1) - 1``, finite even when ``m = 0``.

    Example:
        >>> round(chapman(100, 80, 20), 6)
        388.571429
    """
    _check(n1, n2, m)
    return (n1 + 1) * (n2 + 1) / (m + 1) - 1


def chapman_variance(n1: int, n2: int, m: int) -> float:
    """Seber's variance of Chapman's estimate: ``(n1+1)(n2+1)(n1-m)(n2-m) / ((m+1)^2 (m+2))``.

    Example:
        >>> round(chapman_variance(100, 80, 20), 6)
        4047.495362
    """
    _check(n1, n2, m)
    return (n1 + 1) * (n2 + 1) * (n1 - m) * (n2 - m) / ((m + 1) ** 2 * (m + 2))


@dataclass(frozen=True)
class TwoListEstimate:
    """Both closed forms with a normal interval for Chapman's, and the warning that goes with them."""

    lists: tuple[str, str]
    n1: int
    n2: int
    m: int
    observed: int
    lincoln_petersen: float | None
    chapman: float
    chapman_se: float
    interval: tuple[float, float]
    warning: str = TWO_LIST_WARNING

    def to_json(self) -> dict[str, object]:
        return {
            "lists": list(self.lists),
            "n1": self.n1,
            "n2": self.n2,
            "m": self.m,
            "observed": self.observed,
            "lincoln_petersen": self.lincoln_petersen,
            "chapman": self.chapman,
            "chapman_se": self.chapman_se,
            "interval": list(self.interval),
            "warnings": [self.warning],
        }


def two_list_estimate(
    lists: tuple[str, str], n1: int, n2: int, m: int, z: float = 1.959963984540054
) -> TwoListEstimate:
    """Lincoln–Petersen and Chapman for two lists, the interval never below the observed total.

    Example:
        >>> two_list_estimate(("A", "B"), 100, 80, 20).observed
        160
    """
    observed = n1 + n2 - m
    est = chapman(n1, n2, m)
    se = math.sqrt(chapman_variance(n1, n2, m))
    lp = lincoln_petersen(n1, n2, m) if m > 0 else None
    return TwoListEstimate(lists, n1, n2, m, observed, lp, est, se, (max(observed, est - z * se), est + z * se))
