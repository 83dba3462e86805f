"""`make test` first checks for Chromium and says in one line what is missing and how to get it."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CHECK = ROOT / "actlocal" / "browsercheck.py"


def _run(chromium_path: str, path: str) -> subprocess.CompletedProcess:
    # Run as `make test` runs it: a file with the system's Python, outside the project's imports.
    env = {**os.environ, "CHROMIUM_PATH": chromium_path, "PATH": path}
    return subprocess.run(
        [sys.executable, str(CHECK)], env=env, capture_output=True, text=True, timeout=30
    )


def test_a_missing_chromium_stops_with_one_line_saying_how_to_get_it(tmp_path):
    result = _run(str(tmp_path / "chromium"), path=str(tmp_path))

    assert result.returncode == 1
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert f"Chromium is missing at {tmp_path / 'chromium'}" in lines[0]
    assert "apt-get install chromium" in lines[0]
    assert ".ci/run" in lines[0]


def test_a_chromium_elsewhere_on_path_is_named(tmp_path):
    elsewhere = tmp_path / "bin"
    elsewhere.mkdir()
    binary = elsewhere / "chromium"
    binary.write_text("#!/bin/sh\n")
    binary.chmod(0o755)

    result = _run(str(tmp_path / "missing"), path=str(elsewhere))

    assert result.returncode == 1
    assert f"set CHROMIUM_PATH={binary}" in result.stderr


def test_a_file_that_cannot_be_run_counts_as_missing(tmp_path):
    binary = tmp_path / "chromium"
    binary.write_text("not a program")
    binary.chmod(0o644)

    assert _run(str(binary), path=str(tmp_path)).returncode == 1


def test_an_executable_chromium_passes_silently(tmp_path):
    binary = tmp_path / "chromium"
    binary.write_text("#!/bin/sh\n")
    binary.chmod(0o755)

    result = _run(str(binary), path=str(tmp_path))

    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")


def test_make_test_checks_the_browser_before_anything_else():
    makefile = (ROOT / "Makefile").read_text()
    test_rule = next(line for line in makefile.splitlines() if line.startswith("test:"))
    assert test_rule.split(":", 1)[1].split()[0] == "browser-check"
    assert "actlocal/browsercheck.py" in makefile
