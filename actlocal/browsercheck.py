"""`python actlocal/browsercheck.py`: one clear line when the browser tests cannot find Chromium.

Run by `make test` before anything else (before installing the virtualenv, so it uses only the
standard library and is run as a file, not through the actlocal package): without it the
browser journeys end in a dozen Playwright launch errors that do not say what is missing.
"""

from __future__ import annotations

import os
import shutil
import sys

# The same variable and default as tests/e2e/conftest.py.
DEFAULT_CHROMIUM = "/usr/bin/chromium"


def chromium_problem(path: str) -> str | None:
    """What is wrong with the Chromium at `path` (one line), or None when it can be launched."""
    if os.path.isfile(path) and os.access(path, os.X_OK):
        return None
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    hint = f" (one is on PATH at {found}: set CHROMIUM_PATH={found})" if found else ""
    return (
        f"Chromium is missing at {path}, and the browser tests (tests/e2e) drive it through "
        f"Playwright{hint}: install it with `apt-get install chromium`, or run `.ci/run`, which "
        "installs it."
    )


def main() -> int:
    problem = chromium_problem(os.environ.get("CHROMIUM_PATH", DEFAULT_CHROMIUM))
    if problem:
        print(problem, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
