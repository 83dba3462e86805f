"""`make bench BENCH_ARGS=--growth`: what a page costs at ten times the network, side by side.

Two databases are served at once by two gunicorns: the plain benchmark's (`<name>_bench`,
--leaders) and the grown one (`<name>_bench_growth`, --growth-leaders; grown once with the demo
generator's bulk inserts and kept for later runs). Each page is measured on both servers in
alternation (short rounds: small, big, big, small, ...), so the two figures of a page come
from the same minutes of the machine's load: on a shared machine the load moves a lot between
two runs made twenty minutes apart, which made a "before growing / after growing" comparison
say more about the neighbours than about the page (bench/paired.py). The cost ratio is the small
server's throughput over the big one's for that page.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, ExitStack, contextmanager
from pathlib import Path

GROWTH_LIMIT = 1.5  # a page may cost at most 1.5 times as much at the grown size
SMALL_CACHE_PREFIX = "actlocal-bench"
BIG_CACHE_PREFIX = "actlocal-bench-growth"  # the two servers share Redis, never its keys


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
