"""Two things measured in alternation on the same machine: a page on a small and a grown
database (bench/growth.py), or in English and in Spanish (--compare-languages).

On a shared machine the load moves a lot within minutes, so two runs made one after the other
compare the neighbours more than the page. Alternating in short rounds gives both figures of a
page the same minutes of load.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from typing import Any

ROUND_MIN = 10  # requests per side and round: fewer and the threads' start-up shows in the time
ROUNDS_MAX = 20


@dataclass
class Pair:
    """A page's throughput in the two settings compared."""

    first_rps: float
    second_rps: float
    ok: bool
    # The server's CPU milliseconds per request, where the caller can read them (bench/cpu.py).
    first_cpu_ms: float | None = None
    second_cpu_ms: float | None = None

    @property
    def cost(self) -> float:
        """How many times more a request costs in the second setting than in the first: by the
        server's CPU time where it was read, else by throughput."""
        if not self.ok:
            return float("nan")
        if self.first_cpu_ms and self.second_cpu_ms is not None:
            return self.second_cpu_ms / self.first_cpu_ms
        return self.first_rps / self.second_rps if self.second_rps else float("nan")


def pair_measure(
    measure_one: Callable[[Any, int], Any],
    *,
    sides: tuple[Hashable, Hashable],
    requests: int,
    cpu_seconds: Callable[[Any], float] | None = None,
) -> Pair:
    """`measure_one(side, n)` returns a LoadResult of n requests in that setting;
    `cpu_seconds(side)`, if given, the CPU time that side's server has used so far.

    The requests go in rounds of ten or more per side, in the order A B B A A B B A ...: the
    neighbours' bursts last seconds, so short rounds spread them over both sides, and the mirrored
    order cancels a load that rises or falls through the measurement.
    """
    rounds = max(2, min(ROUNDS_MAX, requests // (2 * ROUND_MIN)))
    rounds += rounds % 2  # an even number, so the mirrored order gives each side every position
    # Untimed: a worker's first requests load what it keeps for later (templates, catalogs,
    # shapes), and in the first round that cost would fall on the side that goes first.
    for side in sides:
        measure_one(side, ROUND_MIN)
    totals: dict[Hashable, list[float]] = {side: [0, 0.0, 0.0] for side in sides}
    ok = True
    for index in range(rounds):
        share = requests // rounds + (1 if index < requests % rounds else 0)
        half = max(1, share // 2)
        order = sides if index % 2 == 0 else sides[::-1]
        for side in order:
            cpu_before = cpu_seconds(side) if cpu_seconds else 0.0
            result = measure_one(side, half)
            totals[side][0] += result.requests
            totals[side][1] += result.elapsed
            if cpu_seconds:
                totals[side][2] += cpu_seconds(side) - cpu_before
            ok = ok and result.all_ok
    first, second = (
        totals[side][0] / totals[side][1] if totals[side][1] else 0.0 for side in sides
    )
    first_cpu, second_cpu = (
        1000 * totals[side][2] / totals[side][0] if cpu_seconds and totals[side][0] else None
        for side in sides
    )
    return Pair(first, second, ok, first_cpu, second_cpu)


def pair_lines(
    rows: list[tuple[str, str, Pair, bool]],
    *,
    first: str,
    second: str,
    limit: float,
    title: str,
) -> list[str]:
    """Per page and mode: throughput (and, where read, the server's CPU per request) in both
    settings, the cost ratio and the verdict (PASS when the second costs at most `limit` times the
    first; the trivial view is the reference), then each mode's geometric mean of the ratios."""
    with_cpu = any(pair.first_cpu_ms is not None for _, _, pair, _ in rows)
    cpu_header = f" {f'CPU ms {first}':>11} {f'CPU ms {second}':>11}" if with_cpu else ""
    header = (
        f"{'Page':<30} {'Mode':<9} {f'req/s {first}':>16} {f'req/s {second}':>17}{cpu_header} "
        f"{'Cost x':>7} {'Target':>7} {'Result':>6}"
    )
    lines = ["", title, header, "-" * len(header)]
    failed = 0
    logs: dict[str, list[float]] = {}
    for label, mode, pair, reference in rows:
        verdict = "n/a" if not pair.ok else ("PASS" if pair.cost <= limit else "FAIL")
        if reference:
            # The trivial view costs the same in both settings: its ratio is the run's noise.
            verdict = "-"
        elif pair.ok and pair.cost > 0:
            logs.setdefault(mode, []).append(math.log(pair.cost))
        failed += verdict not in ("PASS", "-")
        cpu = (
            f" {pair.first_cpu_ms or 0:>11.2f} {pair.second_cpu_ms or 0:>11.2f}" if with_cpu else ""
        )
        lines.append(
            f"{label:<30} {mode:<9} {pair.first_rps:>16.1f} {pair.second_rps:>17.1f}{cpu} "
            f"{pair.cost:>7.2f} {f'<={limit}':>7} {verdict:>6}"
        )
    lines.append(f"{failed} page(s) not within {limit}x (n/a: a page did not answer 200)")
    # One page's ratio carries the run's noise; a cost the second setting really adds shows in
    # every page's ratio, so in their geometric mean.
    for mode, values in logs.items():
        mean = math.exp(sum(values) / len(values))
        lines.append(f"{mode}: geometric mean of the cost over {len(values)} pages {mean:.3f}")
    return lines
