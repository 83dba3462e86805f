"""CPU time a gunicorn's workers spent, read from /proc (Linux).

Throughput on a loaded machine measures the neighbours as much as the page: a request that waits
for a core takes longer without costing more. The nanoseconds the scheduler ran the workers
(`/proc/<pid>/task/<tid>/schedstat`) do not grow while they wait, so two settings that differ only
in the work a request does (English and Spanish) compare by this, not by their rates.
"""

from __future__ import annotations

import os


def workers_cpu_seconds(master_pid: int) -> float:
    """The CPU seconds every worker of this master has used so far (0.0 where /proc is absent)."""
    total_ns = 0
    try:
        entries = list(os.scandir("/proc"))
    except OSError:
        return 0.0
    for entry in entries:
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat") as stat:
                # The command name may hold spaces: the fields after its closing parenthesis
                # are state, then the parent's pid.
                parent = int(stat.read().rsplit(")", 1)[1].split()[1])
            if parent != master_pid:
                continue
            for task in os.scandir(f"/proc/{entry.name}/task"):
                with open(f"{task.path}/schedstat") as schedstat:
                    total_ns += int(schedstat.read().split()[0])
        except (OSError, ValueError, IndexError):
            continue  # a process that ended between the listing and the read
    return total_ns / 1e9
