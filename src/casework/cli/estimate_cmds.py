"""``casework estimate``: how many incidents went unrecorded, from a CSV or the store.

A thin layer over :mod:`casework.estimate`: read the capture histories (a file, or the
store's linked incidents), call the library, print every model with its interval and
the assumptions, never a bare number.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from casework import desk
from casework.cli._common import echo_json, open_unlocked
from casework.cli.output import emit, format_option, message, working
from casework.model import ESTIMATE_STRATA


def _num(value: float) -> str:
    return "unbounded" if value == float("inf") else f"{value:,.0f}"


def _interval(interval: tuple[float, float]) -> str:
    return f"[{_num(interval[0])}, {_num(interval[1])}]"


def format_estimate(est: desk.Estimate, title: str = "") -> str:
    """The plain-text report of one estimate: all models, the choice, the average, the caveats."""
    pct = f"{est.level * 100:g}%"
    crit = est.criterion.upper()
    lines = []
    if title:
        lines.append(title)
    lines.append(f"lists: {', '.join(est.lists)}; observed (recorded by at least one list): {est.observed:,}")
    lines.append("")
    header = f"{'N_hat':>9} {pct + ' interval':>22} {'AIC':>9} {'BIC':>9} {'dev':>8} {'df':>3} {'weight':>7}  model"
    lines.append(header)
    lines.append("-" * max(len(header), max(len(m.name) for m in est.models) + 74))
    key = (lambda m: m.aic) if est.criterion == "aic" else (lambda m: m.bic)
    for m in sorted(est.models, key=key):
        lines.append(
            f"{_num(m.n_hat):>9} {_interval(m.interval):>22} {m.aic:>9.1f} {m.bic:>9.1f} "
            f"{m.deviance:>8.1f} {m.df:>3} {m.weight:>7.3f}  {m.name}"
        )
    lines.append("")
    sel = est.selected
    lines.append(
        f"selected (lowest {crit}): {sel.name}: N_hat = {_num(sel.n_hat)}, "
        f"{pct} {est.interval_method} interval {_interval(sel.interval)} (ignores the uncertainty of the choice)"
    )
    lines.append(
        f"model-averaged ({crit} weights): N_hat = {_num(est.averaged_n_hat)}, "
        f"{pct} interval {_interval(est.averaged_interval)} (includes model uncertainty: the one to report)"
    )
    lines.append(f"observed: {est.observed:,}")
    lines.append("assumptions:")
    lines += [f"  - {a}" for a in est.assumptions]
    if est.warnings:
        lines.append("warnings:")
        lines += [f"  - {w}" for w in est.warnings]
    return "\n".join(lines)


def _stratum_line(r: desk.StratumEstimate) -> str:
    label = f"{r.stratum}" + (f" @ {r.threshold:g}" if r.threshold is not None else "")
    if r.estimate is None:
        return f"{label:<36} observed {r.histories.observed:>5}  refused: {r.refused}"
    est = r.estimate
    return (
        f"{label:<36} observed {est.observed:>5}  selected {_num(est.selected.n_hat):>8} "
        f"{_interval(est.selected.interval):>22}  averaged {_num(est.averaged_n_hat):>8} "
        f"{_interval(est.averaged_interval):>22}  ({est.selected.name})"
    )


SUMMARY_COLUMNS = (
    "stratum",
    "threshold",
    "observed",
    "refused",
    "selected_model",
    "selected_n_hat",
    "selected_low",
    "selected_high",
    "averaged_n_hat",
    "averaged_low",
    "averaged_high",
    "criterion",
    "level",
)


def _bound(value: float) -> float | str:
    return "unbounded" if value == float("inf") else round(value, 1)


def _summary_row(stratum: str, threshold: float | None, observed: int, est: desk.Estimate | None, refused: str | None
                 ) -> dict[str, Any]:
    """One estimate as a flat row (the selected and the model-averaged figures); ``json`` keeps every model."""
    row: dict[str, Any] = dict.fromkeys(SUMMARY_COLUMNS)
    row.update(stratum=stratum, threshold=threshold, observed=observed, refused=refused)
    if est is not None:
        row.update(
            selected_model=est.selected.name,
            selected_n_hat=_bound(est.selected.n_hat),
            selected_low=_bound(est.selected.interval[0]),
            selected_high=_bound(est.selected.interval[1]),
            averaged_n_hat=_bound(est.averaged_n_hat),
            averaged_low=_bound(est.averaged_interval[0]),
            averaged_high=_bound(est.averaged_interval[1]),
            criterion=est.criterion,
            level=est.level,
        )
    return row


def _parse_thresholds(text: str | None) -> list[float]:
    if not text:
        return []
    try:
        values = [float(v) for v in text.split(",") if v.strip()]
    except ValueError:
        message = f"{text!r} is not a comma-separated list of numbers"
        raise click.BadParameter(message, param_hint="--thresholds") from None
    if not values or any(not 0.0 < v < 1.0 for v in values):
        raise click.BadParameter("thresholds must lie strictly between 0 and 1", param_hint="--thresholds")
    return sorted(set(values))


@click.command("estimate")
@click.option(
    "--histories",
    "histories_path",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Capture-history CSV (one 0/1 column per list and 'count'); no store is opened.",
)
@click.option("--by", type=click.Choice(ESTIMATE_STRATA), default=None, help="Store mode: estimate per stratum.")
@click.option("--periods", default=None, help="With --by period: the periods, e.g. 2010-2019,2020-2023.")
@click.option(
    "--thresholds",
    default=None,
    help="Store mode: re-cluster at these match thresholds (e.g. 0.5,0.7,0.9) and report the spread.",
)
@click.option(
    "--criterion",
    type=click.Choice(["aic", "bic"]),
    default="aic",
    show_default=True,
    help="Model selection and averaging weights.",
)
@click.option(
    "--interval",
    "interval_method",
    type=click.Choice(["profile", "bootstrap"]),
    default="profile",
    show_default=True,
    help="Profile likelihood or parametric bootstrap intervals.",
)
@click.option(
    "--level",
    type=click.FloatRange(0.5, 0.999),
    default=0.95,
    show_default=True,
    help="Confidence level of every interval.",
)
@click.option(
    "--min-observed",
    type=click.IntRange(1),
    default=10,
    show_default=True,
    help="Refuse a stratum with fewer observed incidents.",
)
@format_option(
    help="Output: a plain-text report (table), one JSON object with every model (json), or one row per "
    "estimate with the selected and model-averaged figures (jsonl, csv).",
)
@click.pass_context
def estimate_cmd(
    ctx: click.Context,
    histories_path: Path | None,
    by: str | None,
    periods: str | None,
    thresholds: str | None,
    criterion: str,
    interval_method: str,
    level: float,
    min_observed: int,
    fmt: str,
) -> None:
    """Estimate how many incidents went unrecorded (multiple systems estimation).

    With --histories, read a capture-history CSV; otherwise use the store's linked
    incidents, whose capture history is the set of lists of the testimonies that
    mention them. Needs at least three lists.

    Example: casework estimate --histories kosovo_4list.csv --criterion bic
    """
    options: dict[str, Any] = {"criterion": criterion, "interval": interval_method, "level": level}
    if histories_path is not None:
        if by or thresholds or periods:
            raise click.UsageError("--by, --periods and --thresholds apply to the store, not to --histories")
        with working("estimating"):
            est = desk.estimate_file(histories_path, min_observed=min_observed, **options)
        if fmt == "json":
            echo_json(est.to_json())
        elif fmt in ("jsonl", "csv"):
            emit([_summary_row("all", None, est.observed, est, None)], fmt, SUMMARY_COLUMNS)
        else:
            click.echo(format_estimate(est, f"capture histories: {histories_path.name}"))
        return
    if (by == "period") != bool(periods):
        raise click.UsageError("--periods goes with --by period, and --by period needs --periods")
    stratum_options = {
        **options,
        "min_observed": min_observed,
        "periods": desk.parse_periods(periods) if periods else (),
    }
    store = open_unlocked(ctx)
    with working("estimating"):
        results = desk.estimate_store(
            store, by=by, thresholds=_parse_thresholds(thresholds), **stratum_options
        )
    spread = desk.threshold_spread(results) if thresholds else None
    if fmt == "json":
        echo_json({"strata": [r.to_json() for r in results], "threshold_spread": spread})
        return
    if fmt in ("jsonl", "csv"):
        rows = [_summary_row(r.stratum, r.threshold, r.histories.observed, r.estimate, r.refused) for r in results]
        emit(rows, fmt, SUMMARY_COLUMNS)
        if spread:
            message("spread across linkage thresholds: see --format json or table")
        return
    for r in results:
        click.echo(_stratum_line(r))
    if spread:
        click.echo("")
        click.echo("spread of the selected estimate across linkage thresholds:")
        for stratum, entry in spread.items():
            rng = "refused at every threshold" if entry["min"] is None else f"{_num(entry['min'])}-{_num(entry['max'])}"
            observed = f"{min(entry['observed'])}-{max(entry['observed'])}"
            click.echo(f"  {stratum:<34} observed {observed:<9}  N_hat {rng}")
    first = next((r.estimate for r in results if r.estimate is not None), None)
    if first is not None:
        click.echo("assumptions:")
        for a in first.assumptions:
            click.echo(f"  - {a}")


COMMANDS: list[click.Command] = [estimate_cmd]
