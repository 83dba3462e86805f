"""`make bench BENCH_ARGS=--growth`: what a page costs at ten times the network, side by side.

Two databases are served at once by two gunicorns: the plain benchmark's (`<name>_bench`,
--leaders) and the grown one (`<name>_bench_growth`, --growth-leaders; grown once with the demo
generator's bulk inserts and kept for later runs). Each page is measured on both servers in
alternation (small, big, small, big, half the requests each), so the two figures of a page come
from the same minutes of the machine's load: on a shared machine the load moves a lot between
two runs made twenty minutes apart, which made a "before growing / after growing" comparison
say more about the neighbours than about the page. The cost ratio is the small server's
throughput over the big one's for that page.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

GROWTH_LIMIT = 1.5  # a page may cost at most 1.5 times as much at the grown size
SMALL_CACHE_PREFIX = "actlocal-bench"
BIG_CACHE_PREFIX = "actlocal-bench-growth"  # the two servers share Redis, never its keys


@dataclass
class Pair:
    """A page's throughput on the small and the big server, measured in alternation."""

    small_rps: float
    big_rps: float
    ok: bool

    @property
    def cost(self) -> float:
        return self.small_rps / self.big_rps if self.ok and self.big_rps else float("nan")


def network_grow(*, args: argparse.Namespace, leaders: int, vacuum: Callable[[], None]) -> float:
    """Insert leaders up to `leaders`, --growth-step at a time (bounded memory); seconds taken."""
    from directory.demo import DemoSize, demo_load, demo_plan
    from directory.models import Leader

    started = time.monotonic()
    have = Leader.objects.count()
    if have >= leaders:
        return 0.0
    while have < leaders:
        target = min(leaders, have + args.growth_step)
        size = DemoSize(target, args.organizations, args.resources)
        demo_load(plan=demo_plan(size=size), batch_size=max(args.batch_size, 5000))
        have = Leader.objects.count()
        print(f"  {have:,} leaders ({time.monotonic() - started:.0f}s)", flush=True)
    vacuum()
    return time.monotonic() - started


def small_database_prepare(*, root: Path, small_url: str) -> None:
    """Seed or reuse the plain benchmark's database in a separate process (this one is bound to
    the grown database), with the same sizes and parts as this run."""
    argv = [arg for arg in sys.argv[1:] if arg != "--growth"] + ["--prepare-only"]
    env = {**os.environ, "BENCH_DATABASE_URL": small_url, "CACHE_KEY_PREFIX": SMALL_CACHE_PREFIX}
    subprocess.run([sys.executable, "bench/run.py", *argv], cwd=root, env=env, check=True)


def pair_measure(
    measure_one: Callable[[int, int], Any], *, ports: tuple[int, int], requests: int
) -> Pair:
    """Alternate small/big/small/big with half the requests each; `measure_one(port, n)`
    returns a LoadResult."""
    half = max(1, requests // 2)
    totals = {port: [0, 0.0] for port in ports}
    ok = True
    for _round in range(2):
        for port in ports:
            result = measure_one(port, half)
            totals[port][0] += result.requests
            totals[port][1] += result.elapsed
            ok = ok and result.all_ok
    small, big = (totals[port][0] / totals[port][1] if totals[port][1] else 0.0 for port in ports)
    return Pair(small, big, ok)


@contextmanager
def servers(
    gunicorn: Callable[..., AbstractContextManager[int]],
    *,
    workers: int,
    log_dir: Path,
    small_url: str,
    big_url: str,
    cold: bool,
) -> Iterator[tuple[int, int]]:
    """Both gunicorns, the small one's port first."""
    extra = {"CACHE_DISABLED": "true"} if cold else {}
    suffix = "-cold" if cold else ""
    with ExitStack() as stack:
        ports = tuple(
            stack.enter_context(
                gunicorn(
                    workers=workers,
                    log_path=log_dir / f"gunicorn-growth-{name}{suffix}.log",
                    env={**extra, "DATABASE_URL": url, "CACHE_KEY_PREFIX": prefix},
                )
            )
            for name, url, prefix in (
                ("small", small_url, SMALL_CACHE_PREFIX),
                ("big", big_url, BIG_CACHE_PREFIX),
            )
        )
        yield ports[0], ports[1]


def growth_lines(
    rows: Iterator[tuple[str, str, Pair, bool]],
    *,
    small_n: int,
    big_n: int,
    seconds: float,
) -> list[str]:
    """The report: per page and mode, throughput at both sizes, the cost ratio and the verdict."""
    header = (
        f"{'Page':<30} {'Mode':<9} {f'req/s @{small_n:,}':>16} {f'req/s @{big_n:,}':>17} "
        f"{'Cost x':>7} {'Target':>7} {'Result':>6}"
    )
    grown = f"grown in {seconds:.0f}s" if seconds else "grown by an earlier run"
    lines = [
        "",
        f"Growth: every page on two servers at once, {small_n:,} and {big_n:,} leaders ({grown}); "
        "each page measured in alternation on both; Cost x is how many times more a request "
        "costs at the larger size (the trivial view's own ratio is the run's noise)",
        header,
        "-" * len(header),
    ]
    failed = 0
    for label, mode, pair, reference in rows:
        verdict = "n/a" if not pair.ok else ("PASS" if pair.cost <= GROWTH_LIMIT else "FAIL")
        if reference:
            # The trivial view costs the same at any size: its ratio shows the run's noise.
            verdict = "-"
        failed += verdict not in ("PASS", "-")
        lines.append(
            f"{label:<30} {mode:<9} {pair.small_rps:>16.1f} {pair.big_rps:>17.1f} "
            f"{pair.cost:>7.2f} {f'<={GROWTH_LIMIT}':>7} {verdict:>6}"
        )
    lines.append(f"{failed} page(s) not within {GROWTH_LIMIT}x (n/a: a page did not answer 200)")
    return lines
