"""A small, bounded HTTP load generator: threads with keep-alive connections to 127.0.0.1 only.

Each measurement sends a fixed number of GET requests and stops by itself; latencies are taken
per request on the client, throughput over the wall time of the whole batch.
"""

from __future__ import annotations

import http.client
import statistics
import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

HOST = "127.0.0.1"
ERROR = 0  # status recorded when the connection failed


@dataclass
class LoadResult:
    requests: int
    elapsed: float
    latencies: list[float] = field(default_factory=list)
    statuses: Counter = field(default_factory=Counter)

    @property
    def rps(self) -> float:
        return self.requests / self.elapsed if self.elapsed else 0.0

    @property
    def median_ms(self) -> float:
        return statistics.median(self.latencies) * 1000 if self.latencies else 0.0

    @property
    def p95_ms(self) -> float:
        if len(self.latencies) < 2:
            return self.median_ms
        return statistics.quantiles(self.latencies, n=20, method="inclusive")[18] * 1000

    @property
    def all_ok(self) -> bool:
        return set(self.statuses) == {200}

    def status_text(self) -> str:
        """'200', or e.g. '404' / '200, 500×3' when anything else came back."""
        if not self.statuses:
            return "-"
        parts = []
        for status, count in sorted(self.statuses.items()):
            label = "conn-error" if status == ERROR else str(status)
            parts.append(label if count == self.requests else f"{label}×{count}")
        return ", ".join(parts)


# The language every measured request asks for (`bench/run.py --language`): the pages must cost
# the same in each.
ACCEPT_LANGUAGE = "en"


def run_load(
    *,
    port: int,
    path_for: Callable[[int], str],
    requests: int,
    concurrency: int,
    timeout: float = 60.0,
    cookie: str = "",
) -> LoadResult:
    """Send `requests` GETs (the i-th to `path_for(i)`) from `concurrency` threads; with
    `cookie` (a signed-in person's session) every request carries it."""
    next_index = iter(range(requests))
    lock = threading.Lock()
    latencies: list[float] = []
    statuses: Counter = Counter()
    # As browsers send them; only responses the site compresses (the map's GeoJSON) change.
    headers = {
        "Host": f"{HOST}:{port}",
        "Accept": "text/html,application/json;q=0.9,*/*;q=0.8",
        "Accept-Encoding": "gzip",
        "Accept-Language": ACCEPT_LANGUAGE,
    }
    if cookie:
        headers["Cookie"] = cookie

    def worker() -> None:
        conn = http.client.HTTPConnection(HOST, port, timeout=timeout)
        try:
            while True:
                with lock:
                    index = next(next_index, None)
                if index is None:
                    return
                started = time.perf_counter()
                try:
                    conn.request("GET", path_for(index), headers=headers)
                    response = conn.getresponse()
                    response.read()
                    status = response.status
                except (OSError, http.client.HTTPException):
                    status = ERROR
                    conn.close()  # http.client reconnects on the next request
                took = time.perf_counter() - started
                with lock:
                    latencies.append(took)
                    statuses[status] += 1
        finally:
            conn.close()

    threads = [threading.Thread(target=worker, daemon=True) for _ in range(concurrency)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return LoadResult(
        requests=requests,
        elapsed=time.perf_counter() - started,
        latencies=latencies,
        statuses=statuses,
    )


def wait_until_up(*, port: int, path: str, timeout: float = 60.0) -> bool:
    """Poll until the server answers `path` (any status) or `timeout` seconds pass."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        conn = http.client.HTTPConnection(HOST, port, timeout=5)
        try:
            conn.request("GET", path, headers={"Host": f"{HOST}:{port}"})
            conn.getresponse().read()
            return True
        except (OSError, http.client.HTTPException):
            time.sleep(0.25)
        finally:
            conn.close()
    return False
